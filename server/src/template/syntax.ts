/**
 * Parsing mapping templates: velocityjs's parser, with Velocity 1.7's reading of string literals (stringLiterals),
 * of lists, maps and ranges (collectionLiterals) and of white space around directives, plus the checks velocityjs
 * does not make (a block without `#end`, an `#end` without a block, argument lists Velocity cannot read
 * (callArguments), nesting too deep to parse or evaluate, the 300 KB limit). Parsed templates are cached by their text.
 */
import { callArgumentProblem } from './callArguments';
import { scanTemplateValues, withPlaceholders } from './collectionLiterals';
import { parseVelocity } from './piecewiseParse';
import { MAX_BLOCK_NESTING, MAX_EXPRESSION_NESTING, MAX_TEMPLATE_BYTES } from './limits';
import { findStringLiterals, resolveLiteral, rewriteStringLiterals, type LiteralPlaceholders, type RewrittenLiterals, type StringLiteral } from './stringLiterals';
import { describeUnexpectedToken, describeUnreadableText, lineOf } from './syntaxMessages';
import { lineColumn } from '../model/textPositions';
import { lexTemplate, Rule } from './velocityLexer';

export interface SyntaxProblem {
  message: string;
  line?: number;
  column?: number;
  code: string;
}

/** A velocityjs syntax-tree node; its shape varies with `type`, so the interpreter reads it loosely. */
export interface VelocityNode {
  type: string;
  [field: string]: any;
}
export type VelocityTree = Array<VelocityNode | VelocityTree | string>;

/**
 * A parsed template keeps the problems that do not stop it from running (a directive API Gateway cannot run fails
 * only when the evaluation reaches it), so that diagnostics still show them.
 */
type ParsedTemplate = { ok: true; tree: VelocityTree; problems: SyntaxProblem[] } | { ok: false; problems: SyntaxProblem[] };

const cache = new Map<string, ParsedTemplate>();
const CACHE_LIMIT = 200;
/** Texts parsed while a template runs (interpolated strings, `#evaluate`), apart so that they never evict templates. */
const fragmentCache = new Map<string, ParsedTemplate>();
const FRAGMENT_CACHE_LIMIT = 500;

/** `#stop` takes no parentheses in Velocity; velocityjs only knows it as the call `#stop()`. */
export function normalizeDirectives(template: string): string {
  return template.replace(/#\{?stop\}?(?![\w(])/g, '#stop()');
}

export function parseTemplate(template: string): ParsedTemplate {
  return cachedParse(cache, CACHE_LIMIT, template);
}

/** Text that Velocity parses while the template runs: an interpolated string literal, the argument of `#evaluate`. */
export function parseFragment(text: string): ParsedTemplate {
  return cachedParse(fragmentCache, FRAGMENT_CACHE_LIMIT, text);
}

function cachedParse(store: Map<string, ParsedTemplate>, limit: number, template: string): ParsedTemplate {
  const cached = store.get(template);
  if (cached) return cached;
  const result = parseUncached(template);
  if (store.size >= limit) store.delete(store.keys().next().value as string);
  store.set(template, result);
  return result;
}

/**
 * The syntax problems of a template, without keeping its tree: validation checks thousands of templates of a large
 * definition once each, and caching their trees would only keep them alive long enough to burden the collector.
 */
export function syntaxProblems(template: string): SyntaxProblem[] {
  return (cache.get(template) ?? parseUncached(template)).problems;
}

function parseUncached(template: string): ParsedTemplate {
  const size = Buffer.byteLength(template, 'utf8');
  if (size > MAX_TEMPLATE_BYTES) {
    return {
      ok: false,
      problems: [
        {
          code: 'template-too-large',
          message: `The template is ${Math.ceil(size / 1024)} KB; API Gateway accepts mapping templates up to 300 KB`,
        },
      ],
    };
  }
  const source = normalizeDirectives(template);
  // Lists, maps and ranges are read with Velocity's grammar and velocityjs sees references in their place.
  const values = mayHoldValues(source) ? scanTemplateValues(source) : undefined;
  const valueProblem = values?.problem && { code: 'syntax', message: values.problem.message, ...lineColumn(source, values.problem.offset) };
  // Nesting too deep is refused before velocityjs, whose parse would take its time in the cube of the depth.
  if (valueProblem && values.problem!.nesting) return { ok: false, problems: [valueProblem] };
  const deepBlocks = deepBlockProblem(source, values?.strings);
  if (deepBlocks) return { ok: false, problems: [deepBlocks] };
  const literals = rewriteStringLiterals(source, values?.strings);
  const lexText = values ? withPlaceholders(source, values.collections) : source;
  const call = callArgumentProblem(source, lexText);
  const callProblem = call && { code: 'syntax', message: call.message, ...lineColumn(source, call.offset) };
  let tree: VelocityTree;
  try {
    // Velocity's white-space rules are applied below, so velocityjs's own trimming is turned off.
    tree = parseVelocity(values ? withPlaceholders(literals.text, values.collections) : literals.text, lexText);
  } catch (error) {
    const parseProblem = describeParseError(error, source, literals, lexText);
    // Velocity stops at the first of them. velocityjs fails inside the value it was left too: that one is Velocity's.
    const valueStart = values?.problem?.valueStart ?? values?.problem?.offset ?? 0;
    const problem = valueProblem && !isBefore(parseProblem, lineColumn(source, valueStart)) ? valueProblem : parseProblem;
    return { ok: false, problems: [callProblem && !isBefore(problem, lineColumn(source, call.open)) ? callProblem : problem] };
  }
  if (valueProblem) return { ok: false, problems: [callProblem && !isBefore(valueProblem, lineColumn(source, call.open)) ? callProblem : valueProblem] };
  if (callProblem) return { ok: false, problems: [callProblem] };
  // The literals the rewrite found are the template's own unless `#stop` was rewritten before (which moves them).
  const blockProblems = checkBlocks(template, source === template ? (values?.strings ?? literals.literals) : undefined);
  if (blockProblems.length > 0) return { ok: false, problems: blockProblems };
  if (literals.problems.length > 0) {
    return { ok: false, problems: literals.problems.map((p) => ({ code: 'syntax', message: p.message, ...lineColumn(source, p.offset) })) };
  }
  const notes: SyntaxProblem[] = [];
  finishTree(tree, new SourceText(source), literals.placeholders, notes, values?.nodes.size ? values.nodes : undefined);
  return { ok: true, tree, problems: notes };
}

/**
 * Whether the template may hold what the value scan looks for: a list, map or range (behind a `[` or `{`), a string
 * literal, negations (which nest), or more parentheses than may nest.
 */
function mayHoldValues(source: string): boolean {
  if (source.includes('[') || source.includes('{') || source.includes('"') || source.includes("'") || source.includes('!') || source.includes('not')) return true;
  let parentheses = 0;
  for (let at = source.indexOf('('); at >= 0; at = source.indexOf('(', at + 1)) if (++parentheses > MAX_EXPRESSION_NESTING) return true;
  return false;
}

/**
 * Blocks nested deeper than MAX_BLOCK_NESTING, where the nesting of the parse and of the evaluation would run out of
 * stack. Only a template with that many `#` can have them, so others skip the pass.
 */
function deepBlockProblem(source: string, strings: readonly StringLiteral[] | undefined): SyntaxProblem | undefined {
  let hashes = 0;
  for (let at = source.indexOf('#'); at >= 0 && hashes <= MAX_BLOCK_NESTING; at = source.indexOf('#', at + 1)) hashes++;
  if (hashes <= MAX_BLOCK_NESTING) return undefined;
  let depth = 0;
  for (const token of blockTokens(source, strings ?? findStringLiterals(source))) {
    if (token.kind === 'end') depth = Math.max(0, depth - 1);
    else if (token.kind === 'open' && ++depth > MAX_BLOCK_NESTING) return blocksTooDeep(source, token);
  }
  return undefined;
}

function blocksTooDeep(source: string, token: BlockToken): SyntaxProblem {
  return {
    code: 'syntax',
    message: `\`#${token.name}\` opened at line ${lineOf(source, token.offset)} is nested too deeply: more than ${MAX_BLOCK_NESTING} #if, #foreach, #macro and #define blocks inside one another, which the evaluator refuses`,
    ...lineColumn(source, token.offset),
  };
}

function isBefore(problem: SyntaxProblem, position: { line: number; column: number }): boolean {
  if (problem.line === undefined || problem.column === undefined) return false;
  return problem.line < position.line || (problem.line === position.line && problem.column < position.column);
}

/** `lexText` is what velocityjs's lexer read, as long as `source`: where the constructs around an error are found. */
function describeParseError(error: unknown, source: string, literals: RewrittenLiterals, lexText: string): SyntaxProblem {
  const hash = (error as { hash?: { loc?: { first_line?: number; first_column?: number; last_line?: number; last_column?: number }; token?: unknown; expected?: string[] } }).hash;
  const line = hash?.loc?.first_line;
  const column = hash?.loc?.first_column;
  if (line !== undefined && column !== undefined && literals.backslashEnds.length > 0) {
    // velocityjs places a parse error at the last token it accepted: here the string, or just after it.
    const at = new SourceText(source).offset(line, column);
    for (const { literal, offset } of literals.backslashEnds) {
      if (at >= literal.start && (at < offset || source.slice(offset, at).trim() === '')) {
        const doubled = literal.quote === '"' ? 'write "" for a double quote inside "…"' : "write '' for a single quote inside '…'";
        return {
          code: 'syntax',
          message: `Velocity strings have no backslash escapes: this backslash is a plain character and the quote after it ends the string; ${doubled}`,
          ...lineColumn(source, offset - 2),
        };
      }
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('Lexical error')) {
    const unreadable = describeUnreadableText(source, lexText);
    if (unreadable) return { code: 'syntax', message: unreadable.message, ...lineColumn(source, unreadable.offset) };
  }
  if (hash?.loc && hash.token !== undefined && hash.token !== null) {
    const after = hash.loc.last_line !== undefined && hash.loc.last_column !== undefined ? new SourceText(source).offset(hash.loc.last_line, hash.loc.last_column) : 0;
    const plain = describeUnexpectedToken(source, after, String(hash.token), hash.expected ?? [], lexText);
    return { code: 'syntax', message: plain.message, ...lineColumn(source, plain.offset) };
  }
  return { code: 'syntax', message: 'Velocity cannot parse this template here', line, column: column === undefined ? undefined : column + 1 };
}

/** Offsets of the text velocityjs parsed, from its line and column positions (its lexer breaks lines at \r\n, \r and \n). */
class SourceText {
  private readonly lineStarts = [0];

  constructor(readonly text: string) {
    for (const match of text.matchAll(/\r\n?|\n/g)) this.lineStarts.push((match.index ?? 0) + match[0].length);
  }

  /** `line` is 1-based and `column` 0-based, as in velocityjs positions. */
  offset(line: number, column: number): number {
    return Math.min(this.text.length, (this.lineStarts[line - 1] ?? this.text.length) + column);
  }

  private blockEnds: Map<number, number> | undefined;

  /** The offset after the `#end` of the block whose directive starts at `start`. */
  blockEnd(start: number): number | undefined {
    if (!this.blockEnds) {
      this.blockEnds = new Map();
      const open: number[] = [];
      // Paired as the parser pairs them: an `#end` inside a string literal closes nothing.
      for (const token of blockTokens(this.text, findStringLiterals(this.text))) {
        if (token.kind === 'open') open.push(token.offset);
        else if (token.kind === 'end' && open.length > 0) this.blockEnds.set(open.pop()!, token.end);
      }
    }
    return this.blockEnds.get(start);
  }
}

/** Directives API Gateway cannot run: it has no template files to include or parse. */
const FILE_DIRECTIVES = new Set(['include', 'parse']);

export function fileDirectiveMessage(name: string): string {
  return `#${name} needs a template file, and API Gateway mapping templates have none: the template fails when it reaches this #${name}`;
}

/** Directives whose closing token takes the rest of its line when only blanks follow (Velocity 1.7 RPAREN, #else, #end). */
function eatsLineEnd(node: VelocityNode): boolean {
  if (node.type === 'references' || node.type === 'raw') return false;
  // A `#* *#` comment ends at `*#`; a `##` comment ends with its line.
  return !(node.type === 'comment' && typeof node.value === 'string' && node.value.startsWith('#*'));
}

const LINE_END = /^[ \t]*(?:\r\n|\r|\n)/;
const BLANKS = /^[ \t]*$/;

/**
 * Velocity 1.7's white space around directives, plus what the tree needs before it runs: the values of rewritten
 * string literals, the source text of macro calls (an undefined macro renders as written), and notes on directives
 * API Gateway cannot run.
 */
function finishTree(
  list: VelocityTree,
  source: SourceText,
  placeholders: LiteralPlaceholders | undefined,
  notes: SyntaxProblem[],
  collections: Map<string, VelocityNode> | undefined,
): void {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item === 'string') continue;
    if (Array.isArray(item)) {
      finishTree(item, source, placeholders, notes, collections);
      // The `#end` closing the block.
      const eaten = eatLineEnd(list, i + 1);
      const head = item[0];
      if (typeof head === 'object' && !Array.isArray(head) && head.type === 'macro_body' && head.pos) {
        // A block macro call prints as written too, body and `#end` included (RuntimeMacro over the whole node).
        const start = source.offset(head.pos.first_line, head.pos.first_column);
        const end = source.blockEnd(start);
        if (end !== undefined) head.literal = macroLiteral(source.text.slice(start, end)) + eaten;
      }
      continue;
    }
    if (placeholders) resolveLiterals(item, placeholders);
    if (collections) replaceCollections(item, collections);
    // The #set token takes the blanks before it when they start a token (Parser.jjt SET_DIRECTIVE): when no text
    // other than blanks separates it from the previous directive, reference or comment, or from the block start.
    if (item.type === 'set') {
      let first = i;
      while (first > 0 && typeof list[first - 1] === 'string') first--;
      if (list.slice(first, i).every((text) => BLANKS.test(text as string))) for (let k = first; k < i; k++) list[k] = '';
    }
    const eaten = eatsLineEnd(item) ? eatLineEnd(list, i + 1) : '';
    if (item.type === 'macro_call' && item.pos) {
      // Velocity prints an undefined macro call as its tokens, the line end its parenthesis took included.
      const { first_line, first_column, last_line, last_column } = item.pos;
      item.literal = macroLiteral(source.text.slice(source.offset(first_line, first_column), source.offset(last_line, last_column))) + eaten;
      if (FILE_DIRECTIVES.has(item.id)) {
        notes.push({ code: 'unsupported-directive', message: fileDirectiveMessage(item.id), line: first_line, column: first_column + 1 });
      }
    }
  }
}

/**
 * The text Velocity prints for a call to an undefined macro: the images of the call's tokens. Comments are special
 * tokens, outside that chain, so they drop out, a `##` comment with the line end that closes it.
 */
function macroLiteral(text: string): string {
  if (!text.includes('##') && !text.includes('#*')) return text;
  let out = '';
  let copied = 0;
  lexTemplate(text, (rule, start, end) => {
    if (rule !== Rule.LineComment && rule !== Rule.BlockComment) return;
    out += text.slice(copied, start);
    copied = rule === Rule.LineComment ? end + (/^(?:\r\n|\r|\n)/.exec(text.slice(end, end + 2))?.[0].length ?? 0) : end;
  });
  return out + text.slice(copied);
}

function eatLineEnd(list: VelocityTree, index: number): string {
  const next = list[index];
  if (typeof next !== 'string') return '';
  const match = LINE_END.exec(next);
  if (!match) return '';
  list[index] = next.slice(match[0].length);
  return match[0];
}

/** String literal values as Velocity reads them (see stringLiterals). */
function resolveLiterals(node: unknown, placeholders: LiteralPlaceholders): void {
  if (Array.isArray(node)) {
    for (const item of node) resolveLiterals(item, placeholders);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as VelocityNode;
  if (record.type === 'string' && typeof record.value === 'string') {
    record.value = resolveLiteral(record.value, placeholders);
    return;
  }
  for (const value of Object.values(record)) if (typeof value === 'object') resolveLiterals(value, placeholders);
}

/** The references velocityjs read in place of lists, maps and ranges, swapped for the values they stand for. */
function replaceCollections(node: VelocityNode | VelocityTree, collections: Map<string, VelocityNode>): void {
  const standsFor = (value: unknown): VelocityNode | undefined => {
    const reference = value as VelocityNode | null;
    if (typeof reference !== 'object' || reference === null || reference.type !== 'references' || reference.path || reference.args) return undefined;
    return collections.get(reference.id);
  };
  const container = node as unknown as Record<string, unknown>;
  for (const key of Object.keys(container)) {
    const value = container[key];
    if (typeof value !== 'object' || value === null || key === 'pos') continue;
    const literal = standsFor(value);
    if (literal) container[key] = literal;
    else replaceCollections(value as VelocityNode, collections);
  }
}

const BLOCK_TOKENS =
  /##[^\n]*|#\*[\s\S]*?\*#|#\[\[[\s\S]*?\]\]#|\\#|#\{?(if|foreach|macro|define)\}?\s*\(|#@[A-Za-z_][\w-]*\s*\(|#\{?(elseif)\}?\s*\(|#\{?(else|end)\}?(?![A-Za-z0-9_])/g;

interface BlockToken {
  kind: 'open' | 'branch' | 'end';
  /** `if`, `foreach`, `macro`, `define` or `@name` (a block macro call) for `open`; `else` or `elseif` for `branch`. */
  name: string;
  offset: number;
  end: number;
}

/**
 * The directives that open, divide and close blocks, outside comments, unparsed text and escapes, and outside the
 * string literals given (in source order).
 */
function* blockTokens(template: string, literals: readonly StringLiteral[] = []): Generator<BlockToken> {
  const pattern = new RegExp(BLOCK_TOKENS);
  let next = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    const token = match[0];
    const offset = match.index;
    while (next < literals.length && literals[next].end <= offset) next++;
    if (next < literals.length && literals[next].start < offset) {
      // Resuming after the literal: a `##` or `#*` inside it must not hide the text that follows it.
      pattern.lastIndex = literals[next].end;
      continue;
    }
    if (token.startsWith('##') || token.startsWith('#*') || token.startsWith('#[[') || token.startsWith('\\')) continue;
    const end = offset + token.length;
    if (match[2] || match[3] === 'else') yield { kind: 'branch', name: match[2] ?? 'else', offset, end };
    else if (match[3] === 'end') yield { kind: 'end', name: 'end', offset, end };
    else yield { kind: 'open', name: match[1] ?? token.slice(1).replace(/\s*\($/, ''), offset, end };
  }
}

interface OpenBlock {
  name: string;
  offset: number;
  /** Offset of the `#else` of an `#if`, once met. */
  elseAt?: number;
}

/**
 * Balanced blocks: velocityjs silently repeats or drops content when `#end`s do not match, and it accepts an `#else` or
 * `#elseif` anywhere, which Velocity 1.7's grammar allows only in an `#if`, before its `#end` and with `#else` last.
 */
export function checkBlocks(template: string, literals?: readonly StringLiteral[]): SyntaxProblem[] {
  // Velocity never reads a string literal as template text (`#set($a = '#end')`, `#if($a)#set($b = '#end')`), so
  // the literals are needed whenever one may hide a directive: a lexer pass, unless the caller has met them already.
  if (literals === undefined && QUOTE.test(template) && BLOCK_HINT.test(template)) literals = findStringLiterals(template);
  return blockProblems(template, literals);
}

const QUOTE = /["']/;
/** Whatever BLOCK_TOKENS could find a directive in, and more. */
const BLOCK_HINT = /#\{?(?:if|foreach|macro|define|else|end)|#@/;

function blockProblems(template: string, literals?: readonly StringLiteral[]): SyntaxProblem[] {
  const open: OpenBlock[] = [];
  for (const token of blockTokens(template, literals)) {
    if (token.kind === 'branch') {
      const problem = checkBranch(template, token.name, token.offset, open[open.length - 1]);
      if (problem) return [problem];
    } else if (token.kind === 'end') {
      if (open.pop() === undefined) {
        return [{ code: 'unmatched-end', message: '#end without a matching #if, #foreach, #macro or #define', ...lineColumn(template, token.offset) }];
      }
    } else {
      open.push({ name: token.name, offset: token.offset });
      if (open.length > MAX_BLOCK_NESTING) return [blocksTooDeep(template, token)];
    }
  }
  return open.map((block) => ({
    code: 'missing-end',
    message: `\`#${block.name}\` opened at line ${lineOf(template, block.offset)} is not closed: add \`#end\` where its body ends`,
    ...lineColumn(template, block.offset),
  }));
}

/** Positions are worked out only for a problem: counting lines for every branch would make the check quadratic. */
function checkBranch(template: string, branch: string, offset: number, block: OpenBlock | undefined): SyntaxProblem | undefined {
  if (!block || block.name !== 'if') {
    const inside = block ? `; the innermost open block is the \`#${block.name}\` opened at line ${lineOf(template, block.offset)}` : '';
    return { code: 'unmatched-else', message: `\`#${branch}\` without a matching \`#if\`${inside}`, ...lineColumn(template, offset) };
  }
  if (block.elseAt !== undefined) {
    return {
      code: 'unmatched-else',
      message: `\`#${branch}\` after the \`#else\` at line ${lineOf(template, block.elseAt)}: \`#else\` must be the last branch of the \`#if\` opened at line ${lineOf(template, block.offset)}`,
      ...lineColumn(template, offset),
    };
  }
  if (branch === 'else') block.elseAt = offset;
  return undefined;
}
