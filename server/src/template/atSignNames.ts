/**
 * Directive names with an `@` after their first character (`#m@x()`, `#macro(break@x)`, `#end@x`): Velocity 1.7's
 * lexer reads `@` as a character of a directive's name, so such a name is a macro's, whatever word it starts with.
 * velocityjs ends names before the `@`. For it, each `@` of a name it must read as a macro's becomes a digit, as long:
 * in a `#macro` header, in a call with parentheses, and in a call without them of a macro the template defines (of any
 * name in text parsed as the template runs, whose macros are the template's). The tree gets the names back from the
 * source (`restoreAtSignNames`); the other such names print as text (escapeEdits in syntax.ts).
 */
import { afterDollar } from './dollarSigns';
import type { VelocityNode, VelocityTree } from './syntax';
import { lexTemplate, Rule } from './velocityLexer';

/** What velocityjs reads in place of an `@`: a name character no keyword rule of its lexer ends a name before. */
const STAND_IN = '0';
const HINT = /#[{@]?[A-Za-z_]\w*@|#macro[ \t]*\([ \t\r\n]*[A-Za-z_]\w*@/;
/**
 * A `#macro` header whose name holds an `@` (not before a `-`, which Velocity refuses there: no shorter part of the
 * name is taken instead), or such a name after `#`, `#@` or in `#{…}`.
 */
const CANDIDATE = /#macro[ \t]*\([ \t\r\n]*([A-Za-z_][\w@]*@[\w@]*)(?![\w@-])|#(?:\{([A-Za-z_][\w@]*@[\w@]*)(?=\})|@?([A-Za-z_][\w@]*@[\w@]*))/g;

/** The end of a braced name that bracedMacroCalls reads as a call's. */
const BRACED_CALL = /\}(?=[ ]*\([\s]*[$'"[{\-0-9\w()!])/y;
const PARENTHESIS = /[ ]*\(/y;

interface Candidate {
  /** Where the name starts. */
  at: number;
  name: string;
  header: boolean;
}

/**
 * The text with the `@`s of the names velocityjs must read written as digits, or undefined when it has none. `written`
 * is the text as the template has it, offset for offset, where the `$`s are that stand-ins may replace in `text`.
 */
export function readAtSignNames(text: string, fragment: boolean, written = text): string | undefined {
  if (!text.includes('@') || !HINT.test(text)) return undefined;
  const candidates = new Map<number, Candidate>();
  for (const match of text.matchAll(CANDIDATE)) {
    const header = match[1] !== undefined;
    const name = match[1] ?? match[2] ?? match[3];
    candidates.set(match.index + match[0].length - name.length, { at: match.index + match[0].length - name.length, name, header });
  }
  if (candidates.size === 0) return undefined;
  // Read with every candidate written as velocityjs would read it, to tell which stand where its lexer meets a name.
  const trial = withStandIns(text, [...candidates.values()]);
  const headers: Candidate[] = [];
  const calls: Candidate[] = [];
  const bare: Candidate[] = [];
  /** Whether the last tokens were a `#macro` directive and its `(`, after which its name comes. */
  let inHeader = false;
  lexTemplate(trial, (rule, start, _end, state) => {
    if (state === 'c') {
      if (inHeader && rule === Rule.Name && candidates.get(start)?.header) headers.push(candidates.get(start)!);
      inHeader = false;
      return;
    }
    if (state !== 'h' && state !== 'mu') return;
    if (rule === Rule.Macro || (rule === Rule.Paren && inHeader)) {
      inHeader = true;
      return;
    }
    inHeader = false;
    // A name velocityjs meets in text or after a reference, not inside a string literal or comment: a call when a
    // `(` follows that its lexer takes as one (bracedMacroCalls for a braced name), else one without parentheses.
    const braced = trial[start] === '{';
    const candidate = candidates.get(braced ? start + 1 : start);
    if (!candidate || candidate.header) return;
    const after = candidate.at + candidate.name.length;
    const call = braced ? BRACED_CALL : PARENTHESIS;
    call.lastIndex = after;
    if (call.test(trial)) calls.push(candidate);
    // After a `$` or `$!` the call's token takes it in: the name is `#m@x`, no macro's, and prints as written.
    else if (!afterDollar(written, candidate.at - (braced ? 2 : 1))) bare.push(candidate);
  });
  if (headers.length === 0 && calls.length === 0 && (!fragment || bare.length === 0)) return undefined;
  const defined = new Set(headers.map((h) => h.name));
  const named = [...headers, ...calls, ...bare.filter((call) => fragment || defined.has(call.name))].sort((a, b) => a.at - b.at);
  return withStandIns(text, named);
}

function withStandIns(text: string, names: readonly Candidate[]): string {
  let out = '';
  let copied = 0;
  for (const { at, name } of names) {
    out += text.slice(copied, at) + name.replaceAll('@', STAND_IN);
    copied = at + name.length;
  }
  return out + text.slice(copied);
}

/** `read`, a name velocityjs read at `at` of `source`, with the `@`s of the source back. */
export function nameAsWritten(source: string, at: number, read: string): string {
  if (!read.includes(STAND_IN) || !source.includes('@', at)) return read;
  let name = '';
  for (let k = 0; k < read.length; k++) name += read[k] === STAND_IN && source[at + k] === '@' ? '@' : read[k];
  return name;
}

const HEADER_NAME = /#macro[ \t]*\([ \t\r\n]*/y;

/**
 * The names of the tree's macro definitions and calls as the source writes them; `offsetOf` places a node's position
 * in `source`.
 */
export function restoreAtSignNames(tree: VelocityTree, source: string, offsetOf: (pos: VelocityNode['pos']) => number): void {
  for (const item of tree) {
    if (Array.isArray(item)) {
      restoreAtSignNames(item, source, offsetOf);
      continue;
    }
    if (typeof item !== 'object' || typeof item.id !== 'string' || !item.pos) continue;
    const start = offsetOf(item.pos);
    if (item.type === 'macro') {
      HEADER_NAME.lastIndex = start;
      if (HEADER_NAME.test(source)) item.id = nameAsWritten(source, HEADER_NAME.lastIndex, item.id);
    } else if (item.type === 'macro_call' || item.type === 'macro_body') {
      // After `#{`, `#@` or a `$` (whose call is named `#name`), the name starts a character further.
      const prefixed = item.id.startsWith('#');
      const at = start + 1 + (source[start + 1] === '{' || source[start + 1] === '@' ? 1 : 0);
      item.id = prefixed ? `#${nameAsWritten(source, at, item.id.slice(1))}` : nameAsWritten(source, at, item.id);
    }
  }
}
