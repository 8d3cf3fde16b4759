/**
 * Velocity 1.7's keywords where velocityjs's lexer reads them otherwise, found with a copy of that lexer.
 *
 * Inside a directive's parentheses (and a call's or an index's) velocityjs reads `in`, `null` and the word operators
 * (`lt`, `le`, `gt`, `ge`, `eq`, `ne`, `and`, `or`, `not`) as keywords wherever they stand, the name of a variable or
 * property included (`#set($x = $m.null[0])`, `#if($in)`), and fails the parse; Velocity reads a name there. The other
 * way round, Velocity's lexer reads `true` and `false` as keywords right after `$` or `.` too: in text `$true` and
 * `$a.false` are parse errors, and inside parentheses the `$` (or `$!`) joins the keyword's token, so that `$true` is
 * the value true. And it reads a word operator right after the `)` or `]` that ends a reference (`$s.length()le 2`)
 * while it is still in the reference, another parse error; velocityjs reads a name and an operator in all of these.
 */
import { lexTemplate, Rule, TokenTrail } from './velocityLexer';
import { spliced, type Splice } from './textSplices';

const IN = 20;
const LE = 23;
const GE = 25;
const GT = 27;
const LT = 28;
const EQ = 30;
const OR = 32;
const AND = 34;
const NE = 36;
const NOT = 37;
const NULL = 59;
const FALSE = 60;
const TRUE = 61;

/** Keywords velocityjs reads where Velocity reads a name. */
const KEYWORDS = new Set<number>([IN, LE, GE, GT, LT, EQ, OR, AND, NE, NOT, NULL]);
const WORD_OPERATORS = new Set<number>([LE, GE, GT, LT, EQ, OR, AND, NE, NOT]);

/** Text that may hold a keyword as a name: cheap to test, so that other templates skip the lexer pass. */
const KEYWORD_NAME_HINT = /(?:\$!?\{?|\.)(?:in|null|lt|le|gt|ge|eq|ne|and|or|not|true|false)(?![\w-])/;
export const BOOLEAN_NAME_HINT = /(?:\$!?\{?|\.)(?:true|false)(?![\w-])/;
export const WORD_OPERATOR_HINT = /[)\]](?:lt|le|gt|ge|eq|ne|and|or|not)\b/;

/** A name's characters in Velocity, after which a keyword of velocityjs's lexer (`null\b`) is part of a longer name. */
const NAME_GOES_ON = /[\w-]/;
/** What may follow `$true` inside parentheses for it to be the value: not a name's character, a property or an index. */
const VALUE_ENDS = /[^\w.[-]|$/y;

export interface KeywordNames {
  /** The text with each such keyword written otherwise, as long as before. */
  text: string;
  /** The name written in place of a keyword that names something, to the keyword. */
  written: Map<string, string>;
}

/**
 * The text as velocityjs must read it for Velocity's reading of keywords inside parentheses: a keyword that names a
 * variable or property written as a name velocityjs reads (as long, and found nowhere in the template, so that
 * `restoreKeywordNames` can tell it apart), and the `$` or `$!` of a `$true` or `$false` value as blanks. Undefined
 * when there is none.
 */
export function readKeywordsAsVelocity(text: string): KeywordNames | undefined {
  if (!KEYWORD_NAME_HINT.test(text)) return undefined;
  const names: Array<{ start: number; end: number }> = [];
  const values: Array<{ start: number; end: number }> = [];
  const trail = new TokenTrail();
  let dollar = -1;
  lexTemplate(text, (rule, start, end, state) => {
    if ((state === 'c' || state === 'i') && !NAME_GOES_ON.test(text[end] ?? '')) {
      if (KEYWORDS.has(rule) && trail.namesAt(start)) names.push({ start, end });
      else if ((rule === TRUE || rule === FALSE) && trail.afterDollar(start) && valueEndsAt(text, end)) values.push({ start: dollar, end: start });
    }
    if (rule === Rule.Dollar || rule === Rule.DollarQuiet) dollar = start;
    trail.push(rule, end);
  });
  if (names.length === 0 && values.length === 0) return undefined;
  const edits: Splice[] = values.map(({ start, end }) => ({ start, end, replacement: ' '.repeat(end - start) }));
  const chosen = new Map<string, string>();
  const written = new Map<string, string>();
  for (const { start, end } of names) {
    const keyword = text.slice(start, end);
    let stand = chosen.get(keyword);
    if (stand === undefined) {
      stand = standInName(keyword, text, written);
      if (stand === undefined) continue;
      chosen.set(keyword, stand);
      written.set(stand, keyword);
    }
    edits.push({ start, end, replacement: stand });
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.start - b.start);
  return { text: spliced(text, edits), written };
}

function valueEndsAt(text: string, offset: number): boolean {
  VALUE_ENDS.lastIndex = offset;
  return VALUE_ENDS.test(text);
}

/** A name as long as `keyword` that the template never writes and no other keyword stands in for. */
function standInName(keyword: string, text: string, taken: Map<string, string>): string | undefined {
  const upper = keyword.toUpperCase();
  for (const candidate of [upper, ...['Q', 'X', 'Z', 'J'].map((first) => first + upper.slice(1))]) {
    if (!text.includes(candidate) && !taken.has(candidate)) return candidate;
  }
  return undefined;
}

/** Puts back the names `readKeywordsAsVelocity` wrote otherwise, in every node of the tree. */
export function restoreKeywordNames(node: unknown, written: ReadonlyMap<string, string>): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) restoreKeywordNames(item, written);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if ((key === 'id' || key === 'to') && typeof value === 'string') {
      const name = written.get(value);
      if (name !== undefined) record[key] = name;
    } else if (typeof value === 'object' && key !== 'pos') {
      restoreKeywordNames(value, written);
    }
  }
}

export interface KeywordProblem {
  offset: number;
  message: string;
}

/** Where `true` or `false` names a variable or property (`$true`, `${false}`, `$a.true`), which Velocity refuses. */
export function booleanNameProblem(lexText: string): KeywordProblem | undefined {
  if (!BOOLEAN_NAME_HINT.test(lexText)) return undefined;
  let found: number | undefined;
  const trail = new TokenTrail();
  lexTemplate(lexText, (rule, start, end) => {
    if (found !== undefined) return;
    const word = rule === TRUE || rule === FALSE || (rule === Rule.Name && (end - start === 4 || end - start === 5)) ? lexText.slice(start, end) : '';
    if ((word === 'true' || word === 'false') && trail.namesAt(start) && !NAME_GOES_ON.test(lexText[end] ?? '')) found = start;
    trail.push(rule, end);
  });
  if (found === undefined) return undefined;
  const word = lexText.startsWith('true', found) ? 'true' : 'false';
  return {
    offset: found,
    message: `\`${word}\` cannot name a variable or property in Velocity 1.7, which reads it as the Boolean ${word} even after \`$\` or \`.\` and fails the template: choose another name, or write ${word} alone for the value`,
  };
}

/**
 * Where a word operator stands right after the `)` of a method call or the `]` of an index, in a directive
 * (`#if($s.length()le 2)`): Velocity's lexer is still in the reference there and refuses the word, where a blank
 * before it would end the reference.
 */
export function wordOperatorProblem(lexText: string): KeywordProblem | undefined {
  if (!WORD_OPERATOR_HINT.test(lexText)) return undefined;
  /** For each `(` or `[` open: whether it opens a reference's arguments or index. */
  const open: boolean[] = [];
  let closedReference = false;
  const trail = new TokenTrail();
  let found: number | undefined;
  lexTemplate(lexText, (rule, start, end, state) => {
    if (found !== undefined) return;
    const { previous, beforePrevious } = trail;
    const adjacent = trail.previousEnd === start;
    if (rule === Rule.Paren) {
      open.push(adjacent && previous === Rule.Name && (beforePrevious === Rule.Dot || beforePrevious === Rule.Dollar || beforePrevious === Rule.DollarQuiet));
    } else if (rule === Rule.Bracket) {
      open.push(adjacent && (previous === Rule.Name || previous === Rule.CloseParen || previous === Rule.CloseBracket || previous === Rule.BraceEnd));
    } else if (WORD_OPERATORS.has(rule) && (state === 'c' || state === 'i') && adjacent && closedReference) {
      found = start;
    }
    closedReference = (rule === Rule.CloseParen || rule === Rule.CloseBracket) && open.pop() === true;
    trail.push(rule, end);
  });
  if (found === undefined) return undefined;
  const word = /^[a-z]+/.exec(lexText.slice(found))![0];
  return {
    offset: found,
    message: `Velocity 1.7 reads \`${word}\` right after the \`${lexText[found - 1]}\` that ends a reference as part of that reference, and fails the template: put a blank before \`${word}\``,
  };
}
