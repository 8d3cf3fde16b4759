/**
 * A tolerant scan of a Velocity template for what the editor features need: references with their member chains and
 * call arguments, directives, comments, and whether text-level references sit inside a JSON string. It never fails;
 * syntax errors are the engine's business, so half-typed templates still get completion and hover.
 */
import { VELOCITY_DIRECTIVES } from '../../facts/velocityDirectives';
import { isIdentifierPart, isIdentifierStart, isLetter, isWordCharacter } from '../../template/identifierCharacters';
import { MAX_EXPRESSION_NESTING } from '../../template/limits';

export interface StringLiteral {
  value: string;
  quote: "'" | '"';
  /** Offsets of the whole literal, quotes included. */
  start: number;
  end: number;
}

export interface TemplateArgument {
  start: number;
  end: number;
  /** Set when the argument is exactly one string literal. */
  literal?: StringLiteral;
}

export interface CallSite {
  args: TemplateArgument[];
  /** Offset of `(`; `close` is the offset of `)`, or -1 while it is missing. */
  open: number;
  close: number;
}

export interface ReferenceSegment {
  name: string;
  start: number;
  end: number;
  call?: CallSite;
  /** Written as `['name']` (name known) or `[expression]` (name empty). */
  bracket?: boolean;
}

export interface TemplateReference {
  /** Offset of `$`; `end` is after the last segment (after `}` when braced). */
  start: number;
  end: number;
  root: string;
  rootStart: number;
  rootEnd: number;
  silent: boolean;
  braced: boolean;
  segments: ReferenceSegment[];
  /** `text`: output text of the template; `code`: inside a directive's parentheses or a call's arguments. */
  context: 'text' | 'code';
  /** For text references: written between the quotes of a JSON string in the output. */
  inJsonString: boolean;
  /** The directive whose parentheses hold this reference, e.g. `set`. */
  directive?: string;
}

export interface TemplateDirective {
  /** Without `#`; a block macro call `#@name(` is named `@name`. */
  name: string;
  /** Offset of `#`; `nameEnd` is after the name (and its closing `}` when braced). */
  start: number;
  nameEnd: number;
  /** Offsets of the parentheses, when the directive has them. */
  open?: number;
  close?: number;
}

export interface ScannedTemplate {
  references: TemplateReference[];
  directives: TemplateDirective[];
  /** Comments and unparsed blocks: `## ...`, `#* ... *#`, `#[[ ... ]]#`. */
  comments: Array<{ start: number; end: number }>;
  /** String literals inside code, for JSONPath completion and hover. */
  strings: StringLiteral[];
}

export const VTL_DIRECTIVES: readonly string[] = VELOCITY_DIRECTIVES;

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || (c >= 0xa0 && /\s/.test(String.fromCharCode(c)));
}

/** Where the text scan stops: a line break, an escape, a quote, a directive or a reference. */
const TEXT_STOPS = /[\n\\"#$]/g;

const BACKSLASH = 92, QUOTE = 34, APOSTROPHE = 39, HASH = 35, DOLLAR = 36, NEWLINE = 10;
const LPAREN = 40, RPAREN = 41, LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125, COMMA = 44;

export function scanTemplate(text: string): ScannedTemplate {
  return new Scanner(text).scan();
}

class Scanner {
  private readonly result: ScannedTemplate = { references: [], directives: [], comments: [], strings: [] };
  private directive: string | undefined;

  /** Code scans open inside one another: references in calls and indexes, calls in their arguments. */
  private nesting = 0;

  constructor(private readonly text: string) {}

  scan(): ScannedTemplate {
    const text = this.text;
    const stops = TEXT_STOPS;
    let inJsonString = false;
    let pos = 0;
    for (;;) {
      stops.lastIndex = pos;
      if (!stops.test(text)) break;
      pos = stops.lastIndex - 1;
      const c = text.charCodeAt(pos);
      if (c === NEWLINE) {
        inJsonString = false;
        pos++;
      } else if (c === BACKSLASH) {
        const next = text.charCodeAt(pos + 1);
        pos += next === QUOTE || next === BACKSLASH || next === DOLLAR || next === HASH ? 2 : 1;
      } else if (c === QUOTE) {
        inJsonString = !inJsonString;
        pos++;
      } else if (c === HASH) {
        pos = this.hash(pos);
      } else {
        const reference = this.reference(pos, 'text', inJsonString);
        pos = reference ? reference.end : pos + 1;
      }
    }
    return this.result;
  }

  /** A comment, an unparsed block, a directive, or a plain `#`. Returns the offset to continue from. */
  private hash(pos: number): number {
    const text = this.text;
    const next = text[pos + 1];
    if (next === '#') return this.comment(pos, text.indexOf('\n', pos), 0);
    if (next === '*') return this.comment(pos, text.indexOf('*#', pos + 2), 2);
    if (next === '[' && text[pos + 2] === '[') return this.comment(pos, text.indexOf(']]#', pos + 3), 3);
    // `#@name(...)` calls a macro with a body, which ends at an `#end` like a block directive.
    const blockCall = next === '@';
    const braced = next === '{';
    const nameStart = pos + (braced || blockCall ? 2 : 1);
    let nameEnd = nameStart;
    while (isWordCharacter(text.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === nameStart || !isLetter(text.charCodeAt(nameStart))) return pos + 1;
    const name = text.slice(nameStart, nameEnd);
    if (braced) {
      if (text[nameEnd] !== '}') return pos + 1;
      nameEnd++;
    }
    let after = nameEnd;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    const hasParens = text[after] === '(' && name !== 'else' && name !== 'end';
    if (!hasParens && (blockCall || !VTL_DIRECTIVES.includes(name))) return pos + 1;
    const directive: TemplateDirective = { name: blockCall ? `@${name}` : name, start: pos, nameEnd };
    this.result.directives.push(directive);
    if (!hasParens) return nameEnd;
    directive.open = after;
    const saved = this.directive;
    this.directive = directive.name;
    const close = this.code(after + 1, RPAREN);
    this.directive = saved;
    directive.close = close < text.length ? close : undefined;
    return Math.min(close + 1, text.length);
  }

  private comment(start: number, found: number, closerLength: number): number {
    const end = found < 0 ? this.text.length : found + closerLength;
    this.result.comments.push({ start, end });
    return end;
  }

  /**
   * Scans code up to the closer (`)` or `]`) at nesting depth zero and returns its offset (text length when missing).
   * `commas` receives the offsets of top-level commas, for argument lists.
   */
  private code(pos: number, closer: number, commas?: number[]): number {
    this.nesting++;
    const end = this.codeEnd(pos, closer, commas);
    this.nesting--;
    return end;
  }

  /**
   * Past the nesting the evaluator takes (its syntax finding says so), references are passed over as text: each level
   * costs the scan a few stack frames, and a template thousands of calls deep would exhaust the stack.
   */
  private codeEnd(pos: number, closer: number, commas?: number[]): number {
    const text = this.text;
    const length = text.length;
    const stack: number[] = [];
    const references = this.nesting <= MAX_EXPRESSION_NESTING;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === closer && stack.length === 0) return pos;
      if (c === APOSTROPHE || c === QUOTE) {
        pos = this.string(pos, references).end;
        continue;
      }
      if (c === DOLLAR && references) {
        const reference = this.reference(pos, 'code', false);
        pos = reference ? reference.end : pos + 1;
        continue;
      }
      if (c === LPAREN) stack.push(RPAREN);
      else if (c === LBRACKET) stack.push(RBRACKET);
      else if (c === LBRACE) stack.push(RBRACE);
      else if (stack.length > 0 && c === stack[stack.length - 1]) stack.pop();
      else if (c === RPAREN || c === RBRACKET) return pos;
      else if (c === COMMA && stack.length === 0) commas?.push(pos);
      pos++;
    }
    return length;
  }

  /** A string literal in code; double-quoted ones interpolate references, which are scanned too unless `references` is false. */
  private string(start: number, references = true): StringLiteral {
    const text = this.text;
    const length = text.length;
    const q = text.charCodeAt(start);
    const quote = q === QUOTE ? '"' : "'";
    let pos = start + 1;
    // The value is the source text but for doubled quotes, which stand for one: it is taken as runs between them.
    let value = '';
    let run = pos;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === q) {
        if (text.charCodeAt(pos + 1) === q) {
          value += text.slice(run, pos + 1);
          pos += 2;
          run = pos;
          continue;
        }
        break;
      }
      if (c === NEWLINE && q === APOSTROPHE && text.indexOf(quote, pos) < 0) break;
      if (c === DOLLAR && q === QUOTE && references) {
        const reference = this.reference(pos, 'code', false);
        if (reference) {
          pos = reference.end;
          continue;
        }
      }
      pos++;
    }
    value += text.slice(run, pos);
    const end = Math.min(pos + 1, length);
    const literal: StringLiteral = { value, quote, start, end };
    this.result.strings.push(literal);
    return literal;
  }

  private reference(start: number, context: 'text' | 'code', inJsonString: boolean): TemplateReference | undefined {
    const text = this.text;
    let pos = start + 1;
    const silent = text[pos] === '!';
    if (silent) pos++;
    const braced = text[pos] === '{';
    if (braced) pos++;
    const rootStart = pos;
    const rootEnd = this.identifier(pos);
    if (rootEnd === rootStart) return undefined;
    const reference: TemplateReference = {
      start,
      end: rootEnd,
      root: text.slice(rootStart, rootEnd),
      rootStart,
      rootEnd,
      silent,
      braced,
      segments: [],
      context,
      inJsonString: context === 'text' && inJsonString,
      directive: context === 'code' ? this.directive : undefined,
    };
    // Pushed before its arguments are scanned so that references keep source order.
    this.result.references.push(reference);
    pos = rootEnd;
    for (;;) {
      if (text.charCodeAt(pos) === 46 && isIdentifierStart(text.charCodeAt(pos + 1))) {
        const nameEnd = this.identifier(pos + 1);
        const segment: ReferenceSegment = { name: text.slice(pos + 1, nameEnd), start: pos + 1, end: nameEnd };
        reference.segments.push(segment);
        pos = nameEnd;
        if (text.charCodeAt(pos) === LPAREN) {
          segment.call = this.call(pos);
          pos = segment.call.close < 0 ? text.length : segment.call.close + 1;
          segment.end = pos;
        }
      } else if (text.charCodeAt(pos) === LBRACKET) {
        const close = this.code(pos + 1, RBRACKET);
        const inner = text.slice(pos + 1, close).trim();
        const quoted = /^(['"])([^'"]*)\1$/.exec(inner);
        reference.segments.push({ name: quoted ? quoted[2] : '', start: pos, end: Math.min(close + 1, text.length), bracket: true });
        pos = Math.min(close + 1, text.length);
      } else {
        break;
      }
    }
    if (braced && text.charCodeAt(pos) === RBRACE) pos++;
    reference.end = pos;
    return reference;
  }

  private call(open: number): CallSite {
    const text = this.text;
    const strings = this.result.strings;
    // Literals start where no other does, so one that is a whole argument was met while scanning this call.
    const stringsBefore = strings.length;
    const bounds = [open];
    const close = this.code(open + 1, RPAREN, bounds);
    bounds.push(close);
    const args: TemplateArgument[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      let start = bounds[i] + 1;
      let end = bounds[i + 1];
      while (start < end && isSpace(text.charCodeAt(start))) start++;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      if (start === end && bounds.length === 2) break;
      const argument: TemplateArgument = { start, end };
      for (let k = stringsBefore; k < strings.length; k++) {
        if (strings[k].start === start && strings[k].end === end) {
          argument.literal = strings[k];
          break;
        }
      }
      args.push(argument);
    }
    return { args, open, close: close < text.length ? close : -1 };
  }

  private identifier(pos: number): number {
    const text = this.text;
    if (!isIdentifierStart(text.charCodeAt(pos))) return pos;
    let end = pos + 1;
    while (isIdentifierPart(text.charCodeAt(end))) end++;
    // A trailing hyphen belongs to the surrounding text (`$a-` in `$a-$b`), not to the name.
    while (end > pos + 1 && text.charCodeAt(end - 1) === 45) end--;
    return end;
  }
}
