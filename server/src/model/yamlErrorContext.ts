/**
 * What stood open where js-yaml stopped reading a text: the block levels enclosing the line (the columns of the keys
 * and list items above it), the quotes and flow brackets not yet closed, and the scalar whose lines were still being
 * read. js-yaml reports only where it gave up; this is what it was in the middle of, which is where the mistake
 * usually is. Scanned only once a text is known not to parse. js-yaml has read every line before the error, so they
 * are well formed and a scanner far simpler than a parser reads them right.
 */
import { NL, CR, SPACE, TAB, HASH, DASH, DOT, COLON, SQUOTE, DQUOTE, BACKSLASH, LBRACKET, RBRACKET, LBRACE, RBRACE, AMP, BANG, STAR, PIPE, GT, QUESTION } from './charCodes';

const BOM = 0xfeff;

/** A column of block structure: keys of a mapping, `- ` of a list, or the text lines of a block scalar. */
export interface Level {
  column: number;
  kind: 'key' | 'item' | 'text';
  /** The last key or `- ` seen at this column, or a block scalar's `|` or `>`. */
  offset: number;
  end: number;
}

/** A quote or flow bracket not yet closed. */
export interface Opener {
  char: number;
  offset: number;
}

/** A plain scalar that later lines indented past `column` continue. */
export interface PlainRun {
  offset: number;
  /** It stands where a key would: first on its line, or after `- `. */
  key: boolean;
  column: number;
}

export interface ErrorContext {
  /** Outermost first. */
  levels: Level[];
  /** Innermost last. */
  open: Opener[];
  /** Comments met while a flow collection was open: each hides the rest of its line, brackets too. */
  flowComments: number[];
  plain: PlainRun | undefined;
  /** A block scalar whose text lines are those indented past `column`; `textColumn` is -1 until its first one. */
  block: { column: number; textColumn: number; offset: number } | undefined;
  /** A comment that ended the plain value of the last line read. */
  valueComment: number;
}

export function isLineBreak(c: number): boolean {
  return c === NL || c === CR;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** White space, a line break or the end of the text (NaN). */
function isSeparator(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === CR || Number.isNaN(c);
}

export function lineStartOf(text: string, offset: number): number {
  let p = Math.min(offset, text.length);
  while (p > 0 && !isLineBreak(text.charCodeAt(p - 1))) p--;
  return p;
}

export function lineEndOf(text: string, offset: number): number {
  let p = offset;
  while (p < text.length && !isLineBreak(text.charCodeAt(p))) p++;
  return p;
}

/** The 1-based number of the line holding `offset`, counting `\r\n`, `\n` and a lone `\r` as one break each. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  for (let i = text.indexOf('\r'); i >= 0 && i < offset; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== NL) line++;
  }
  return line;
}

/** A `---` or `...` at `p`, followed by a separator. */
export function isDocumentMarker(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return (c === DASH || c === DOT) && text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === c && isSeparator(text.charCodeAt(p + 3));
}

/**
 * The context at the start of the line that begins at `until` (or at the end of the text, when `until` is past it):
 * every line that begins before `until` is read.
 *
 * A multi-megabyte definition is not read from its start: the scan starts at the deepest line above `until` that is
 * surely in block context, with the levels of the lines enclosing it. A line that starts at column 0 is (in a document
 * whose top level is not a flow collection). So is a line at the column of the first entry under a line that ends in
 * `key:` or `-`, up to the next line indented no deeper than that line: every line there at that column is an entry,
 * and what spans lines inside an entry is indented deeper. Finding these lines reads only where lines start.
 */
export function scanErrorContext(text: string, until: number): ErrorContext {
  const scanner = new ContextScanner(text);
  const chain = topLevelIsFlow(text) ? [] : enclosingLines(text, until);
  if (!chain.length) {
    scanner.scan(0, until);
    return scanner;
  }
  for (let i = 0; ; i++) {
    if (i + 1 === chain.length) {
      scanner.scan(chain[i].start, until);
      return scanner;
    }
    const next = nextLineStart(text, chain[i].start);
    if (!scanner.opensBlock(chain[i].start) || chain[i + 1].afterOpenEntry || !firstEntryAt(text, next, chain[i + 1].start)) {
      scanner.scan(next, until);
      return scanner;
    }
  }
}

interface EnclosingLine {
  start: number;
  /**
   * A line before it at its column may not be a complete entry: a key that opens a quote or bracket it does not close
   * on its line, or text without a `:`. A quoted or plain key runs on over lines at its own column, so the line may
   * lie inside it.
   */
  afterOpenEntry: boolean;
}

/**
 * The lines above `until` each indented less than all lines after it, up to one at column 0, outermost first: the
 * lines that may enclose `until`'s. Blank and comment lines are no candidates.
 */
function enclosingLines(text: string, until: number): EnclosingLine[] {
  const chain: EnclosingLine[] = [];
  let least = Infinity;
  let start = lineStartOf(text, Math.min(until, text.length));
  // Searching for line feeds is many times faster than stepping back a character at a time; a lone carriage return
  // also breaks a line in YAML.
  const feedsOnly = !/\r(?!\n)/.test(text);
  while (start > 0 && least > 0) {
    start = !feedsOnly ? lineStartOf(text, start - 1) : start < 2 ? 0 : text.lastIndexOf('\n', start - 2) + 1;
    let p = start;
    while (text.charCodeAt(p) === SPACE) p++;
    const c = text.charCodeAt(p);
    if (isLineBreak(c) || c === HASH || p >= text.length || (isBlank(c) && lineIsBlank(text, p))) continue;
    const indent = p - start;
    if (indent < least) {
      least = indent;
      chain.push({ start, afterOpenEntry: false });
    } else if (indent === least && !chain[chain.length - 1].afterOpenEntry) {
      chain[chain.length - 1].afterOpenEntry = !isWholeEntry(text, p);
    }
  }
  return least === 0 ? chain.reverse() : [];
}

/** A line that surely holds one whole entry: a `- ` item, or a key whose quotes and brackets close on the line. */
function isWholeEntry(text: string, p: number): boolean {
  const end = lineEndOf(text, p);
  const c = text.charCodeAt(p);
  if (c === DASH && isSeparator(text.charCodeAt(p + 1))) return true;
  if (c === DQUOTE || c === SQUOTE) {
    const close = text.indexOf(text[p], p + 1);
    return close >= 0 && close < end;
  }
  if (c === LBRACKET || c === LBRACE) {
    const close = text.lastIndexOf(c === LBRACKET ? ']' : '}', end);
    return close > p;
  }
  const colon = text.indexOf(':', p);
  return colon >= 0 && colon < end;
}

function lineIsBlank(text: string, p: number): boolean {
  while (isBlank(text.charCodeAt(p))) p++;
  return p >= text.length || isLineBreak(text.charCodeAt(p)) || text.charCodeAt(p) === HASH;
}

function nextLineStart(text: string, p: number): number {
  const end = lineEndOf(text, p);
  return text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === NL ? end + 2 : end + 1;
}

/** The first line from `from` that is not blank or a comment holds a key or `- ` at the column `line` starts at. */
function firstEntryAt(text: string, from: number, line: number): boolean {
  let start = from;
  while (start < line && lineIsBlank(text, start)) start = nextLineStart(text, start);
  let p = start;
  while (text.charCodeAt(p) === SPACE) p++;
  let q = line;
  while (text.charCodeAt(q) === SPACE) q++;
  if (p - start !== q - line) return false;
  const probe = new ContextScanner(text);
  probe.scan(start, start + 1);
  return probe.levels.some((l) => l.column === p - start && l.kind !== 'text');
}

function topLevelIsFlow(text: string): boolean {
  let p = text.charCodeAt(0) === BOM ? 1 : 0;
  for (;;) {
    while (p < text.length && (isBlank(text.charCodeAt(p)) || isLineBreak(text.charCodeAt(p)))) p++;
    const c = text.charCodeAt(p);
    if (c === HASH || (c === DASH && isDocumentMarker(text, p))) {
      p = c === HASH ? lineEndOf(text, p) : p + 3;
      continue;
    }
    return c === LBRACKET || c === LBRACE;
  }
}

/**
 * Where the quotes and brackets open at the start of the line at `start` all close on that line, with nothing but
 * blanks or a comment after them; -1 when they do not.
 */
export function closingOnLine(text: string, context: ErrorContext, start: number): number {
  const scanner = new ContextScanner(text);
  scanner.open = context.open.slice();
  const end = lineEndOf(text, start);
  const closed = scanner.readOn(start, end);
  if (closed < 0) return -1;
  let p = closed;
  while (isBlank(text.charCodeAt(p))) p++;
  return p >= end || text.charCodeAt(p) === HASH ? closed : -1;
}

class ContextScanner implements ErrorContext {
  levels: Level[] = [];
  open: Opener[] = [];
  flowComments: number[] = [];
  plain: PlainRun | undefined;
  block: ErrorContext['block'];
  valueComment = -1;
  /** The last line read ends in a key or `- ` with nothing after it but properties or a comment. */
  private valueBelow = false;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  scan(from: number, until: number): void {
    const text = this.text;
    let start = from === 0 && text.charCodeAt(0) === BOM ? 1 : from;
    while (start < until) {
      const end = lineEndOf(text, start);
      this.lineStart = start;
      this.line(start, end);
      if (end >= text.length) break;
      start = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === NL ? end + 2 : end + 1;
    }
  }

  /** Reads the line at `start`, and tells whether it ends in a key or `- ` whose value is on the lines below. */
  opensBlock(start: number): boolean {
    this.scan(start, start + 1);
    return this.valueBelow && !this.open.length && !this.plain && !this.block;
  }

  /** Reads on from `start` inside the open quotes and brackets, as `flow` does. */
  readOn(start: number, end: number): number {
    this.lineStart = start;
    return this.flow(start, end);
  }

  private line(start: number, end: number): void {
    const text = this.text;
    this.valueBelow = false;
    if (this.open.length) {
      // The rest of a line after a quoted or flow value spanning lines is a comment at most.
      this.flow(start, end);
      return;
    }
    let p = start;
    while (text.charCodeAt(p) === SPACE) p++;
    const indent = p - start;
    while (isBlank(text.charCodeAt(p))) p++;
    const empty = p >= end;
    const comment = !empty && text.charCodeAt(p) === HASH;
    if (this.block) {
      if (empty || indent > this.block.column) {
        if (!empty && this.block.textColumn < 0) {
          this.block.textColumn = indent;
          this.levels.push({ column: indent, kind: 'text', offset: this.block.offset, end: this.block.offset + 1 });
        }
        return;
      }
      this.block = undefined;
      if (this.levels.length && this.levels[this.levels.length - 1].kind === 'text') this.levels.pop();
    }
    if (this.plain) {
      if (empty) return;
      // A comment line ends a plain scalar, however it is indented.
      if (!comment && indent > this.plain.column) {
        if (this.commentIn(p, end) >= 0) this.plain = undefined;
        return;
      }
      this.plain = undefined;
    }
    if (empty || comment) return;
    this.valueComment = -1;
    if (indent === 0 && isDocumentMarker(text, p)) {
      this.levels = [];
      return;
    }
    while (this.levels.length && this.levels[this.levels.length - 1].column > indent) this.levels.pop();
    let owner = -1;
    for (let i = this.levels.length - 1; i >= 0; i--) {
      if (this.levels[i].column < indent) {
        owner = this.levels[i].column;
        break;
      }
    }
    this.node(p, end, owner, false);
  }

  /** The node at `p`: list items, properties, then a key and its value or a value alone. */
  private node(p: number, end: number, owner: number, inValue: boolean): void {
    const text = this.text;
    if (!inValue) {
      while (text.charCodeAt(p) === DASH && isSeparator(text.charCodeAt(p + 1))) {
        owner = p - this.lineStart;
        this.setLevel(owner, 'item', p, p + 1);
        p = this.skipBlanks(p + 1);
      }
      if (text.charCodeAt(p) === QUESTION && isSeparator(text.charCodeAt(p + 1))) p = this.skipBlanks(p + 1);
    }
    let c = text.charCodeAt(p);
    while (c === AMP || c === BANG) {
      while (p < end && !isBlank(text.charCodeAt(p))) p++;
      p = this.skipBlanks(p);
      c = text.charCodeAt(p);
    }
    if (p >= end || c === HASH) {
      this.valueBelow = true;
      return;
    }
    const column = p - this.lineStart;
    if (c === DQUOTE || c === SQUOTE || c === LBRACKET || c === LBRACE) {
      this.open.push({ char: c, offset: p });
      const closed = this.flow(p + 1, end);
      if (closed >= 0 && !inValue) this.keyAfter(p, closed, end, column);
      return;
    }
    if (c === PIPE || c === GT) {
      this.block = { column: owner, textColumn: -1, offset: p };
      return;
    }
    if (c === STAR) {
      let q = p;
      while (q < end && !isBlank(text.charCodeAt(q))) q++;
      if (!inValue) this.keyAfter(p, q, end, column);
      return;
    }
    const colon = inValue ? -1 : this.keyColon(p, end);
    if (colon >= 0) {
      this.setLevel(column, 'key', p, colon);
      this.value(colon + 1, end, column);
      return;
    }
    const comment = this.commentIn(p, end);
    if (comment >= 0) this.valueComment = comment;
    else this.plain = { offset: p, key: !inValue, column: owner };
  }

  /** A quoted, flow or alias node that ends at `after` is a key when `: ` follows it. */
  private keyAfter(p: number, after: number, end: number, column: number): void {
    const q = this.skipBlanks(after);
    if (this.text.charCodeAt(q) === COLON && isSeparator(this.text.charCodeAt(q + 1))) {
      this.setLevel(column, 'key', p, after);
      this.value(q + 1, end, column);
    }
  }

  private value(p: number, end: number, owner: number): void {
    this.node(this.skipBlanks(p), end, owner, true);
  }

  /** The first `:` followed by a separator in the plain scalar at `p`, or -1 when a comment or the line comes first. */
  private keyColon(p: number, end: number): number {
    const text = this.text;
    for (let i = p; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON && isSeparator(text.charCodeAt(i + 1))) return i;
      if (c === HASH && isBlank(text.charCodeAt(i - 1))) return -1;
    }
    return -1;
  }

  /** A `#` after white space from `p` on: a comment, which ends a plain scalar. */
  private commentIn(p: number, end: number): number {
    const text = this.text;
    for (let i = p; i < end; i++) {
      if (text.charCodeAt(i) === HASH && (i === this.lineStart || isBlank(text.charCodeAt(i - 1)))) return i;
    }
    return -1;
  }

  /**
   * Reads on inside the open quotes and brackets up to `end`: the offset just after the one that closes the outermost,
   * or -1 when some are still open there.
   */
  private flow(p: number, end: number): number {
    const text = this.text;
    const open = this.open;
    while (p < end) {
      const top = open[open.length - 1].char;
      const c = text.charCodeAt(p);
      if (top === DQUOTE || top === SQUOTE) {
        if (top === DQUOTE && c === BACKSLASH) {
          p += 2;
          continue;
        }
        if (c === top) {
          if (top === SQUOTE && text.charCodeAt(p + 1) === SQUOTE) {
            p += 2;
            continue;
          }
          open.pop();
          if (!open.length) return p + 1;
        }
        p++;
        continue;
      }
      if (c === DQUOTE || c === SQUOTE || c === LBRACKET || c === LBRACE) {
        open.push({ char: c, offset: p });
      } else if (c === RBRACKET || c === RBRACE) {
        open.pop();
        if (!open.length) return p + 1;
      } else if (c === HASH && (p === this.lineStart || isBlank(text.charCodeAt(p - 1)))) {
        this.flowComments.push(p);
        return -1;
      }
      p++;
    }
    return -1;
  }

  /**
   * Keys and list items at one column are one level; a list may stand at the column of the key holding it, and the
   * next key at that column ends it.
   */
  private setLevel(column: number, kind: 'key' | 'item', offset: number, end: number): void {
    const levels = this.levels;
    while (levels.length && levels[levels.length - 1].column > column) levels.pop();
    let top = levels[levels.length - 1];
    if (top && top.column === column && top.kind === 'item' && kind === 'key') {
      levels.pop();
      top = levels[levels.length - 1];
    }
    if (top && top.column === column && top.kind === kind) {
      top.offset = offset;
      top.end = end;
    } else {
      levels.push({ column, kind, offset, end });
    }
  }

  private skipBlanks(p: number): number {
    while (isBlank(this.text.charCodeAt(p))) p++;
    return p;
  }
}
