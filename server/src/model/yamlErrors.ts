/**
 * js-yaml's syntax errors in plain words, placed at the mistake. js-yaml stays the judge of whether a text is YAML; it
 * reports where it gave up, often lines after the mistake ("deficient indentation" for a quote never closed), in the
 * words of its grammar. From its reason and position and the text around them (`scanErrorContext`), each common
 * mistake is told in what the writer did: the quote or bracket left open, the key indented unlike its siblings, the
 * colon without a space after it. A reason not recognised keeps js-yaml's wording and place.
 */
import type { SyntaxProblem } from './nodes';
import { closingOnLine, isDocumentMarker, isLineBreak, lineEndOf, lineNumberAt, lineStartOf, scanErrorContext, type ErrorContext, type Level, type Opener, type PlainRun } from './yamlErrorContext';
import { SPACE, TAB, HASH, DASH, COLON, SQUOTE, DQUOTE, BACKSLASH, LBRACKET, RBRACKET, LBRACE, RBRACE, AMP, BANG, QUESTION } from './charCodes';

/** Why and where js-yaml refused a text, as it said. */
export interface YamlError {
  reason: string;
  position: number;
}

/** The reason and position of a js-yaml exception. */
export function yamlErrorOf(error: unknown, text: string): YamlError {
  const e = error as { reason?: string; message?: string; mark?: { position?: number } };
  const position = Math.min(Math.max(e.mark?.position ?? 0, 0), text.length);
  return { reason: e.reason ?? e.message ?? String(error), position };
}

interface Explained {
  message: string;
  offset: number;
  end: number;
}

/** The problem to report for js-yaml's error in `text`: in plain words at the mistake, or as js-yaml put it. */
export function describeYamlError(text: string, error: YamlError): SyntaxProblem {
  const explained = explain(text, error);
  if (!explained) return plainYamlError(text, error);
  const offset = Math.min(Math.max(explained.offset, 0), text.length);
  return { message: explained.message, offset, end: Math.min(Math.max(explained.end, offset + 1), text.length), code: 'yaml-syntax' };
}

/** js-yaml's own words, at the place it gave up. */
export function plainYamlError(text: string, { reason, position }: YamlError): SyntaxProblem {
  return { message: `${capitalise(reason)}.`, offset: position, end: Math.min(position + 1, text.length), code: 'yaml-syntax' };
}


function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isSeparator(c: number): boolean {
  return isBlank(c) || isLineBreak(c) || Number.isNaN(c);
}

function capitalise(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

const UNCLOSED = new Set([
  'deficient indentation',
  'unexpected end of the stream within a double quoted scalar',
  'unexpected end of the stream within a single quoted scalar',
  'unexpected end of the document within a double quoted scalar',
  'unexpected end of the document within a single quoted scalar',
  'unexpected end of the stream within a flow collection',
]);

/** Reasons js-yaml gives when a line does not continue the structure above it; the line itself tells why. */
const LINE_MISTAKES = new Set([
  'bad indentation of a mapping entry',
  'bad indentation of a sequence entry',
  "expected ':' after a mapping key",
  'can not read a block mapping entry; a multiline key may not be an implicit key',
  'end of the stream or a document separator is expected',
]);

function explain(text: string, { reason, position }: YamlError): Explained | undefined {
  if (UNCLOSED.has(reason)) return unclosed(text, reason, position);
  if (LINE_MISTAKES.has(reason)) return lineMistake(text, reason, position);
  const at = (message: string, end = position + 1): Explained => ({ message, offset: position, end });
  switch (reason) {
    case 'tab characters must not be used in indentation':
      return tabIndent(text, position);
    case 'unknown escape sequence':
      return { message: `Unknown escape \`\\${text[position] ?? ''}\` in a double-quoted string: write \`\\\\\` for a backslash, or put the value in single quotes, where a backslash is plain text.`, offset: position - 1, end: position + 1 };
    case 'expected hexadecimal character':
      return hexEscape(text, position);
    case 'missed comma between flow collection entries':
      return missedComma(text, position);
    case "expected the node content, but found ','":
      return at('An entry is missing before this comma: two commas in a row, or a comma right after `[` or `{`.');
    case 'a line break is expected':
      return blockHeader(text, position);
    case 'a whitespace character is expected after the key-value separator within a block mapping':
      return { message: 'A space must follow the `:` after a key.', offset: Math.max(position - 1, 0), end: position + 1 };
    case 'the stream contains non-printable characters':
      return at(`The control character ${codePoint(text, position)} is not allowed in YAML; remove it.`);
    case 'expected valid JSON character':
      return at(`The control character ${codePoint(text, position)} is not allowed in a quoted string; write it as an escape (\`\\u${hex4(text, position)}\`) in a double-quoted string.`);
    case 'name of an anchor node must contain at least one character':
      return { message: 'An anchor `&` needs a name right after it (`&name`); put the value in quotes if it starts with `&`.', offset: position - 1, end: position };
    case 'name of an alias node must contain at least one character':
      return { message: 'An alias `*` needs a name right after it (`*name`); put the value in quotes if it starts with `*`.', offset: position - 1, end: position };
    case 'alias node should not have any properties':
      return at('An alias (`*name`) cannot have an anchor or a tag of its own.');
    case 'duplication of an anchor property':
      return at('A node can have only one anchor (`&name`).');
    case 'duplication of a tag property':
      return at('A node can have only one tag (`!name`).');
  }
  const handle = /^undeclared tag handle "(.*)"$/.exec(reason);
  if (handle) {
    let start = position;
    while (start > 0 && !isSeparator(text.charCodeAt(start - 1))) start--;
    return { message: `The tag handle "${handle[1]}" is not declared with a %TAG directive; a local tag such as !Ref or !Sub has a single \`!\`.`, offset: start, end: position };
  }
  const depth = /^nesting exceeded maxDepth \((\d+)\)$/.exec(reason);
  if (depth) return at(`Nesting deeper than ${depth[1]} levels, the most the checker reads; an API definition nests a few dozen levels at most.`);
  return undefined;
}

// ---- quotes and brackets left open ----

const OPENERS: Record<number, { name: string; closer: string }> = {
  [DQUOTE]: { name: 'double-quoted string', closer: '"' },
  [SQUOTE]: { name: 'single-quoted string', closer: "'" },
  [LBRACKET]: { name: '`[`', closer: ']' },
  [LBRACE]: { name: '`{`', closer: '}' },
};

/** js-yaml stops where a line can no longer continue the open quote or bracket, or at the end: the opener is the mistake. */
function unclosed(text: string, reason: string, position: number): Explained | undefined {
  const atEnd = reason.startsWith('unexpected end of the stream');
  const context = scanErrorContext(text, atEnd ? text.length + 1 : lineStartOf(text, position));
  const opener = context.open[context.open.length - 1];
  if (!opener) {
    // js-yaml counts a tab among the blanks inside a flow collection as indentation.
    let blank = position;
    while (blank > 0 && isBlank(text.charCodeAt(blank - 1))) blank--;
    const tab = text.slice(blank, position).indexOf('\t');
    return tab >= 0 ? tabIndent(text, blank + tab) : undefined;
  }
  if (!atEnd && closingOnLine(text, context, lineStartOf(text, position)) >= 0) return underIndented(text, context, opener, position);
  const where = atEnd || onlyBlankFrom(text, position)
    ? 'the end of the file'
    : reason.startsWith('unexpected end of the document')
      ? `the \`${text.slice(position, position + 3)}\` on line ${lineNumberAt(text, position)}, which ends the document,`
      : `line ${lineNumberAt(text, position)}`;
  return openerProblem(text, opener, where, context);
}

function openerProblem(text: string, opener: Opener, where: string, context: ErrorContext): Explained {
  const { name, closer } = OPENERS[opener.char];
  let message = `This ${name} is not closed: the parser reads on to ${where} without finding its closing \`${closer}\`.`;
  if (opener.char === LBRACKET || opener.char === LBRACE) {
    const comment = context.flowComments.find((c) => c > opener.offset && text.slice(c, lineEndOf(text, c)).includes(closer));
    if (comment !== undefined) {
      message += ` The \`#\` on line ${lineNumberAt(text, comment)} starts a comment, which hides the rest of that line, \`${closer}\` included; put a value holding \`#\` in quotes.`;
    }
  }
  return { message, offset: opener.offset, end: trimmedLineEnd(text, opener.offset) };
}

/** The line closes what is open, so nothing was left open: the line is indented too little to continue it. */
function underIndented(text: string, context: ErrorContext, opener: Opener, position: number): Explained {
  const what = `the ${OPENERS[opener.char].name}`;
  let owner: Level | undefined;
  for (const level of context.levels) if (level.offset < opener.offset) owner = level;
  const than = owner ? levelName(text, owner) : 'the line it starts on';
  return {
    message: `This line continues ${what} from line ${lineNumberAt(text, opener.offset)}, but is indented too little: the lines of a value must be indented more than ${than}.`,
    offset: position,
    end: trimmedLineEnd(text, position),
  };
}

// ---- a line that does not continue the structure above it ----

interface Line {
  start: number;
  end: number;
  /** The first character after the leading spaces. */
  indentEnd: number;
  /** The first character after the leading spaces and tabs. */
  content: number;
  indent: number;
}

function lineAt(text: string, position: number): Line {
  const start = lineStartOf(text, position);
  const end = lineEndOf(text, position);
  let indentEnd = start;
  while (text.charCodeAt(indentEnd) === SPACE) indentEnd++;
  let content = indentEnd;
  while (isBlank(text.charCodeAt(content))) content++;
  return { start, end, indentEnd, content, indent: indentEnd - start };
}

function lineMistake(text: string, reason: string, position: number): Explained | undefined {
  const line = lineAt(text, position);
  // A tab after the indentation's spaces is read as separation, which leaves the line at the wrong level.
  if (line.content > line.indentEnd && position >= line.content) return tabIndent(text, line.indentEnd);
  const context = scanErrorContext(text, line.start);
  const opener = context.open[context.open.length - 1];
  if (opener) return openerProblem(text, opener, `line ${lineNumberAt(text, position)}`, context);
  const c = text.charCodeAt(position);
  if (c === RBRACKET || c === RBRACE) {
    return { message: `This \`${text[position]}\` closes nothing: there is no open \`${c === RBRACKET ? '[' : '{'}\` before it.`, offset: position, end: position + 1 };
  }
  if (context.block && context.block.textColumn < 0 && line.indent > context.block.column) {
    return { message: 'This first line of the block scalar is indented less than a blank line above it; remove the spaces from the blank lines.', offset: line.content, end: trimmedLineEnd(text, line.content) };
  }
  // A plain scalar from the lines above runs on into this one when the line is indented past its owner (or is empty,
  // at the end of the text).
  const run = context.plain && (line.indent > context.plain.column || line.content >= line.end) ? context.plain : undefined;
  if (run && (position > line.content || line.content >= line.end)) return scalarRun(text, context, run, line, position);
  if (position === line.content && isReserved(c)) return reservedStart(text, position);
  if (position === line.content) return misplacedLine(text, context, line, reason);
  return sameLine(text, line, position, reason);
}

/** A plain scalar that began on an earlier line ran on into this one, where something it cannot hold stopped it. */
function scalarRun(text: string, context: ErrorContext, run: PlainRun, line: Line, position: number): Explained | undefined {
  if (run.key) {
    const colon = attachedColon(text, run.offset, trimmedLineEnd(text, run.offset));
    return colon >= 0 ? missingSpace(text, run.offset, colon) : missingColon(text, run.offset);
  }
  if (text.charCodeAt(position) !== COLON) return undefined;
  const owner = findLevel(context.levels, run.column);
  const name = owner ? levelName(text, owner) : 'the entry above it';
  const key = `"${clip(text.slice(line.content, position).trimEnd())}"`;
  return {
    message: `${key} is indented more than ${name} above it, so this line continues the value of ${name}, and a plain value cannot contain \`: \`. If ${key} is a key, indent it as far as ${name}; if the line is part of the value, put the value in quotes.`,
    offset: line.content,
    end: position,
  };
}

/** The line starts at a column that neither continues nor closes the levels above it. */
function misplacedLine(text: string, context: ErrorContext, line: Line, reason: string): Explained | undefined {
  const levels = context.levels;
  const startsItem = text.charCodeAt(line.content) === DASH && isSeparator(text.charCodeAt(line.content + 1));
  const sameItem = levels.some((l) => l.column === line.indent && l.kind === 'item');
  const sameKey = levels.some((l) => l.column === line.indent && l.kind === 'key');
  const subject = lineSubject(text, line);
  const range = { offset: line.content, end: startsItem ? line.content + 1 : keyEnd(text, line) };
  if (sameItem && !sameKey && !startsItem) {
    if (text.charCodeAt(line.content) === DASH) {
      const token = text.slice(line.content, tokenEnd(text, line.content));
      return { message: `"${clip(token)}" has no space after its \`-\`, so it is text, not a list item: write \`- ${clip(token.slice(1))}\`.`, offset: line.content, end: line.content + token.length };
    }
    const index = levels.findIndex((l) => l.column === line.indent && l.kind === 'item');
    const itemKeys = levels[index + 1];
    const more = itemKeys && itemKeys.kind === 'key' ? `, or indent it ${spaces(itemKeys.column - line.indent)} more to add it to the item above` : '';
    const notKeys = subject.startsWith('"') ? ' A list cannot also hold keys.' : '';
    return { message: `${subject} is at the column of the list items above it but does not start with \`- \`: begin a new item with \`- \`${more}.${notKeys}`, ...range };
  }
  if (sameKey && !sameItem && startsItem) {
    const keys = levels.find((l) => l.column === line.indent && l.kind === 'key')!;
    return { message: `This list item stands at the column of the keys above it (${quoted(text, keys)}), and a mapping cannot also hold list items: remove the \`- \`, or put the list under a key of its own.`, ...range };
  }
  if (sameKey || sameItem) return undefined;
  // Compared with the innermost level the line closes, and the innermost it stays inside.
  let deeper: Level | undefined;
  let shallower: Level | undefined;
  for (const level of levels) {
    if (level.column > line.indent) deeper = level;
    else shallower = level;
  }
  if (deeper) {
    const outer = shallower ? ` and ${levelName(text, shallower)} ${shallower.column}` : '';
    const advice = shallower ? 'Indent it like the entries it belongs with.' : 'Entries at the top of a document must all be indented alike.';
    return { message: `${subject} is indented ${spaces(line.indent)}, which matches no level above it: ${levelName(text, deeper)} above it is indented ${deeper.column}${outer}. ${advice}`, ...range };
  }
  if (shallower && reason !== 'end of the stream or a document separator is expected') {
    const name = levelName(text, shallower);
    const comment = context.valueComment;
    if (comment >= 0 && subject === 'This line') {
      // Text indented under a value cut short by a comment was meant to continue that value.
      return { message: `The \`#\` on line ${lineNumberAt(text, comment)} starts a comment, which ends the value of ${name} before it, so this line cannot continue that value: put a value holding \`#\` in quotes.`, ...range };
    }
    let message = `${subject} is indented more than ${name} above it (${spaces(line.indent)}, not ${shallower.column}), but ${name} already has a value on its line, so nothing can be nested under it. Indent it as far as ${name}.`;
    if (comment >= 0) message += ` (The \`#\` on line ${lineNumberAt(text, comment)} starts a comment, which ends that value.)`;
    return { message, ...range };
  }
  return undefined;
}

/** The mistake is on the line of the entry js-yaml was reading, after its start. */
function sameLine(text: string, line: Line, position: number, reason: string): Explained | undefined {
  const c = text.charCodeAt(position);
  const keyStart = afterItemMarkers(text, line.content);
  if (reason === "expected ':' after a mapping key") {
    const first = text.charCodeAt(keyStart);
    if (first !== DQUOTE && first !== SQUOTE) {
      const colon = attachedColon(text, keyStart, position);
      if (colon >= 0) return missingSpace(text, keyStart, colon);
    }
    if (isDocumentMarker(text, keyStart)) {
      return { message: `\`${text.slice(keyStart, keyStart + 3)}\` separates documents only at the very start of a line; indented, it is read as text with no \`:\` after it.`, offset: keyStart, end: keyStart + 3 };
    }
    return missingColon(text, keyStart);
  }
  if (c === COLON && isSeparator(text.charCodeAt(position + 1))) {
    const value = valueStart(text, keyStart, position);
    if (value < 0 || value >= position) return undefined;
    const key = text.slice(value, position).trimEnd();
    const first = text.charCodeAt(value);
    if (first === DQUOTE || first === SQUOTE || first === LBRACKET || first === LBRACE) {
      return {
        message: `${clip(key)} is read as a second key on this line, and a mapping cannot start on the line of its parent's key: move it to a line of its own, indented under the key.`,
        offset: value,
        end: trimmedLineEnd(text, value),
      };
    }
    return {
      message: `A plain value cannot contain \`: \` (a colon and a space): "${clip(key)}:" is read as a second key on this line. Put the value in quotes, or move a nested key to a line of its own.`,
      offset: value,
      end: trimmedLineEnd(text, value),
    };
  }
  let before = position - 1;
  while (before > line.content && isBlank(text.charCodeAt(before))) before--;
  // `- <tab>- x`: a tab before a nested item's `- ` indents it.
  const tab = text.slice(before + 1, position).indexOf('\t');
  if (tab >= 0 && c === DASH) return tabIndent(text, before + 1 + tab);
  const previous = text.charCodeAt(before);
  const rest = { offset: position, end: trimmedLineEnd(text, position) };
  if (previous === DQUOTE) {
    return { message: 'Text follows the closing quote of this double-quoted value, which ends there: write a `"` inside it as `\\"`, or put the whole value in single quotes.', ...rest };
  }
  if (previous === SQUOTE) {
    return { message: "Text follows the closing quote of this single-quoted value, which ends there: write a `'` inside it as `''`, or put the whole value in double quotes.", ...rest };
  }
  if (previous === RBRACKET || previous === RBRACE) {
    return { message: `Text follows the closing \`${text[before]}\`; nothing but a comment may follow it on its line.`, ...rest };
  }
  if (isReserved(c)) return reservedStart(text, position);
  if (c === DASH && isSeparator(text.charCodeAt(position + 1))) {
    return { message: 'A list cannot start on the line of its key: put each `- ` item on a line of its own, indented under the key.', offset: position, end: position + 1 };
  }
  return undefined;
}

// ---- pieces of messages ----

/** `@` and a backtick are reserved for future use, `%` starts a directive: none starts a plain scalar. */
function isReserved(c: number): boolean {
  return c === 64 /* @ */ || c === 96 /* ` */ || c === 37 /* % */;
}

function reservedStart(text: string, position: number): Explained {
  const c = text.charCodeAt(position);
  const name = c === 96 ? 'a backtick' : `\`${text[position]}\``;
  return { message: `A plain key or value cannot start with ${name}, which YAML reserves; put it in quotes.`, offset: position, end: trimmedLineEnd(text, position) };
}

function missingSpace(text: string, start: number, colon: number): Explained {
  const end = tokenEnd(text, colon);
  const token = text.slice(start, end);
  const fixed = `${text.slice(start, colon + 1)} ${text.slice(colon + 1, end)}`;
  return { message: `"${token}" is read as one piece of text, not as a key and its value: put a space after the colon (\`${fixed}\`).`, offset: start, end };
}

function missingColon(text: string, start: number): Explained {
  const end = keyTextEnd(text, start);
  const key = text.slice(start, end);
  return { message: `A \`:\` is missing after "${key}": each entry of a mapping is a key, \`: \` and its value.`, offset: start, end };
}

function tabIndent(text: string, position: number): Explained {
  let end = position;
  while (isBlank(text.charCodeAt(end))) end++;
  return { message: 'A tab indents this line; YAML indentation must be spaces.', offset: position, end: Math.max(end, position + 1) };
}

function hexEscape(text: string, position: number): Explained {
  let backslash = position - 1;
  while (backslash > 0 && position - backslash < 10 && text.charCodeAt(backslash) !== BACKSLASH) backslash--;
  const letter = text[backslash + 1];
  const digits = letter === 'x' ? 2 : letter === 'u' ? 4 : 8;
  return {
    message: `The escape \`\\${letter}\` needs ${digits} hexadecimal digits after it; write \`\\\\\` for a backslash, or put the value in single quotes, where a backslash is plain text.`,
    offset: backslash,
    end: Math.min(position + 1, lineEndOf(text, position)),
  };
}

/** js-yaml stops at the second entry, or, in `{a: 1 b: 2}`, at the colon after its key. */
function missedComma(text: string, position: number): Explained {
  let offset = position;
  let end = quotedEnd(text, position, lineEndOf(text, position));
  if (end === position) {
    while (end < text.length && !isSeparator(text.charCodeAt(end)) && !isFlowIndicator(text.charCodeAt(end))) end++;
  }
  if (text.charCodeAt(position) === COLON) {
    end = position;
    offset = position;
    while (offset > 0 && !isSeparator(text.charCodeAt(offset - 1)) && !isFlowIndicator(text.charCodeAt(offset - 1))) offset--;
  }
  return { message: 'A comma is missing before this entry: entries in `[ ]` and `{ }` are separated by commas.', offset, end: Math.max(end, offset + 1) };
}

function blockHeader(text: string, position: number): Explained {
  let header = position - 1;
  const lineStart = lineStartOf(text, position);
  while (header > lineStart && text[header] !== '|' && text[header] !== '>') header--;
  const indicator = text[header] === '>' ? '>' : '|';
  return {
    message: `\`${indicator}\` starts a block scalar, whose text begins on the next line: only a comment may follow it on its line. Put the value in quotes if it starts with \`${indicator}\`.`,
    offset: position,
    end: trimmedLineEnd(text, position),
  };
}

function codePoint(text: string, position: number): string {
  return `U+${hex4(text, position)}`;
}

function hex4(text: string, position: number): string {
  return (text.codePointAt(position) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

function spaces(n: number): string {
  return n === 1 ? '1 space' : `${n} spaces`;
}

function findLevel(levels: Level[], column: number): Level | undefined {
  for (let i = levels.length - 1; i >= 0; i--) if (levels[i].column === column) return levels[i];
  return undefined;
}

function quoted(text: string, level: Level): string {
  return `"${clip(text.slice(level.offset, level.end))}"`;
}

/** A level as the subject of a comparison of indentation: `"title"`, `the list item`. */
function levelName(text: string, level: Level): string {
  if (level.kind === 'key') return quoted(text, level);
  return level.kind === 'item' ? 'the list item' : 'the text of the block scalar';
}

/** `"name"` for a line holding a key, else `This line`. */
function lineSubject(text: string, line: Line): string {
  if (text.charCodeAt(line.content) === DASH && isSeparator(text.charCodeAt(line.content + 1))) return 'This list item';
  const end = keyEnd(text, line);
  return end > line.content && text.charCodeAt(end) === COLON ? `"${clip(text.slice(line.content, end))}"` : 'This line';
}

/** The end of the key on the line (before its `: `), or of the line's text when it has none. */
function keyEnd(text: string, line: Line): number {
  const colon = keyColon(text, line.content, line.end);
  return colon >= 0 ? colon : trimmedLineEnd(text, line.content);
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** Past `- ` markers, `? ` and properties (`&anchor`, `!tag`). */
function afterItemMarkers(text: string, p: number): number {
  for (;;) {
    const c = text.charCodeAt(p);
    if ((c === DASH || c === QUESTION) && isSeparator(text.charCodeAt(p + 1))) {
      p++;
    } else if (c === AMP || c === BANG) {
      while (p < text.length && !isSeparator(text.charCodeAt(p))) p++;
    } else {
      return p;
    }
    while (isBlank(text.charCodeAt(p))) p++;
  }
}

/** The first `:` followed by a separator in `[from, to)`, outside quotes, before a comment; -1 when none. */
function keyColon(text: string, from: number, to: number): number {
  let p = quotedEnd(text, from, to);
  for (; p < to; p++) {
    const c = text.charCodeAt(p);
    if (c === COLON && isSeparator(text.charCodeAt(p + 1))) return p;
    if (c === HASH && isBlank(text.charCodeAt(p - 1))) return -1;
  }
  return -1;
}

/** Past the quoted scalar at `from`, if one starts there. */
function quotedEnd(text: string, from: number, to: number): number {
  const quote = text.charCodeAt(from);
  if (quote !== DQUOTE && quote !== SQUOTE) return from;
  let p = from + 1;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (quote === DQUOTE && c === BACKSLASH) {
      p += 2;
    } else if (c === quote) {
      if (quote === SQUOTE && text.charCodeAt(p + 1) === SQUOTE) p += 2;
      else return p + 1;
    } else {
      p++;
    }
  }
  return to;
}

/** Where the value of the entry starting at `keyStart` starts, when its key's `: ` comes before `limit`; else -1. */
function valueStart(text: string, keyStart: number, limit: number): number {
  const colon = keyColon(text, keyStart, limit);
  if (colon < 0) return -1;
  let p = colon + 1;
  while (isBlank(text.charCodeAt(p))) p++;
  // A nested `- ` item or property before the value is no part of it.
  return afterItemMarkers(text, p);
}

/** A `:` directly followed by text, in the plain scalar `[from, to)`: `key:value`. */
function attachedColon(text: string, from: number, to: number): number {
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (c === COLON && p > from && !isSeparator(text.charCodeAt(p + 1))) return p;
    if (c === HASH && isBlank(text.charCodeAt(p - 1))) return -1;
  }
  return -1;
}

/** The end of the word at `p`: up to white space or a line break. */
function tokenEnd(text: string, p: number): number {
  while (p < text.length && !isSeparator(text.charCodeAt(p))) p++;
  return p;
}

/** The end of a would-be key: its line's text, before a comment and trailing blanks. */
function keyTextEnd(text: string, start: number): number {
  const end = lineEndOf(text, start);
  let p = start;
  while (p < end && !(text.charCodeAt(p) === HASH && isBlank(text.charCodeAt(p - 1)))) p++;
  while (p > start && isBlank(text.charCodeAt(p - 1))) p--;
  return p;
}

/** Nothing but white space from `p` to the end of the text. */
function onlyBlankFrom(text: string, p: number): boolean {
  while (p < text.length && (isBlank(text.charCodeAt(p)) || isLineBreak(text.charCodeAt(p)))) p++;
  return p >= text.length;
}

/** The end of the line holding `p`, before trailing blanks. */
function trimmedLineEnd(text: string, p: number): number {
  let end = lineEndOf(text, p);
  while (end > p && isBlank(text.charCodeAt(end - 1))) end--;
  return Math.max(end, p + 1);
}
