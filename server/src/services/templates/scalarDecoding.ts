/**
 * Decodes a YAML or JSON string scalar from its source text while recording, for every decoded character, the offset
 * of the source character it came from. A template's diagnostics, completions and hovers work on the decoded text;
 * this map carries their positions back into the document, whatever quoting or block style the author chose.
 */
import type { ScalarNode } from '../../model/nodes';

/**
 * The document offset of each decoded character, as runs of characters whose offsets follow one another (a line of a
 * block scalar, the text between two escapes): run `r` maps decoded characters from `starts[r]` on to document
 * offsets from `offsets[r]` on, up to the next run's start. The offsets increase from one character to the next; the
 * last mapped position, `text.length`, is the end of the content.
 */
export interface DecodedScalar {
  text: string;
  starts: number[];
  offsets: number[];
  /** False when the source could not be replayed exactly and positions are approximate. */
  exact: boolean;
}

/**
 * The decoded characters are checked against the scalar's value as they come rather than collected: the value is the
 * decoded text whenever the replay is right, and a large definition decodes thousands of templates. Their offsets are
 * kept as runs: most characters stand for themselves, one after another.
 */
class Output {
  readonly starts: number[] = [];
  readonly offsets: number[] = [];
  /** Decoded characters so far, and whether those within the expected value's length equal it. */
  length = 0;
  prefixMatches = true;
  /** The document offset after the last decoded character's: where a character continues the current run. */
  private next = -1;
  constructor(private readonly expected: string) {}
  push(text: string, offset: number): void {
    for (let i = 0; i < text.length; i++) this.pushCode(text.charCodeAt(i), offset + i);
  }
  /** One code unit; two from one escape (a surrogate pair) still need distinct offsets to map back unambiguously. */
  pushCode(code: number, offset: number): void {
    if (this.prefixMatches && this.length < this.expected.length && this.expected.charCodeAt(this.length) !== code) this.prefixMatches = false;
    this.map(offset, 1);
  }
  /** The source characters from `start` to `end`, each standing for itself: compared with the value as one run. */
  pushSource(source: string, start: number, end: number): void {
    if (end <= start) return;
    const compared = Math.min(end - start, this.expected.length - this.length);
    if (this.prefixMatches && compared > 0 && !this.expected.startsWith(source.slice(start, start + compared), this.length)) this.prefixMatches = false;
    this.map(start, end - start);
  }
  /** The next `count` decoded characters stand at `offset` and after. */
  map(offset: number, count: number): void {
    if (offset !== this.next) {
      this.starts.push(this.length);
      this.offsets.push(offset);
    }
    this.length += count;
    this.next = offset + count;
  }
  /** Keeps the first `count` mapped positions. */
  truncate(count: number): void {
    let runs = this.starts.length;
    while (runs > 0 && this.starts[runs - 1] >= count) runs--;
    this.starts.length = runs;
    this.offsets.length = runs;
    this.length = count;
  }
}

export function decodeScalar(source: string, node: ScalarNode): DecodedScalar {
  const expected = node.value === null ? '' : String(node.value);
  const start = node.contentOffset;
  const end = node.contentEnd;
  let out: Output;
  switch (node.style) {
    case 'literal':
    case 'folded': {
      const lines = blockLines(source, start, end, node.blockIndent ?? 0);
      out = node.style === 'literal' ? decodeLiteral(source, lines, expected) : decodeFolded(source, lines, expected);
      break;
    }
    case 'single':
    case 'double':
    case 'plain':
      out = decodeFlow(source, start, end, node.style, expected);
      break;
  }
  if (out.prefixMatches && out.length === expected.length) {
    out.map(end, 1);
    return { text: expected, starts: out.starts, offsets: out.offsets, exact: true };
  }
  // Block chomping decides how many trailing newlines belong to the value; everything before them is already mapped.
  if ((node.style === 'literal' || node.style === 'folded') && out.prefixMatches && out.length > expected.length) {
    out.truncate(expected.length + 1);
    return { text: expected, starts: out.starts, offsets: out.offsets, exact: true };
  }
  // Offsets must keep increasing to map back, even where the decoded text is longer than its source.
  return { text: expected, starts: [0], offsets: [start], exact: false };
}

interface BlockLine {
  /** Offset of the first content character after the indentation. */
  contentStart: number;
  /** Offset of the line break (or of the end of the scalar on the last line). */
  breakAt: number;
  empty: boolean;
  /** Starts with white space beyond the indentation: folding keeps its line breaks. */
  moreIndented: boolean;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;

function blockLines(source: string, start: number, end: number, indent: number): BlockLine[] {
  const lines: BlockLine[] = [];
  let pos = start;
  while (pos < end) {
    let lineEnd = source.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const breakAt = lineEnd > pos && source.charCodeAt(lineEnd - 1) === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
    const contentStart = indentationEnd(source, pos, breakAt, indent);
    const empty = contentStart >= breakAt && (contentStart - pos <= indent);
    const first = source[contentStart];
    lines.push({ contentStart, breakAt, empty, moreIndented: !empty && (first === ' ' || first === '\t') });
    pos = lineEnd + 1;
  }
  return lines;
}

/** After the spaces of a line's indentation, up to `indent` of them. */
function indentationEnd(source: string, lineStart: number, breakAt: number, indent: number): number {
  // Content lines start with the whole indentation, compared at once.
  if (breakAt - lineStart > indent && source.startsWith(spaces(indent), lineStart)) return lineStart + indent;
  let contentStart = lineStart;
  while (contentStart < breakAt && contentStart - lineStart < indent && source.charCodeAt(contentStart) === SPACE) contentStart++;
  return contentStart;
}

let indentation = '';

function spaces(count: number): string {
  if (indentation.length < count) indentation = ' '.repeat(Math.max(count, 2 * indentation.length));
  return indentation.length === count ? indentation : indentation.slice(0, count);
}

function pushLine(out: Output, source: string, line: BlockLine): void {
  out.pushSource(source, line.contentStart, line.breakAt);
}

function decodeLiteral(source: string, lines: BlockLine[], expected: string): Output {
  const out = new Output(expected);
  for (const line of lines) {
    pushLine(out, source, line);
    out.pushCode(NEWLINE, line.breakAt);
  }
  return out;
}

function decodeFolded(source: string, lines: BlockLine[], expected: string): Output {
  const out = new Output(expected);
  let previous: BlockLine | undefined;
  let emptiesBetween: BlockLine[] = [];
  for (const line of lines) {
    if (line.empty) {
      emptiesBetween.push(line);
      continue;
    }
    if (previous) {
      const folds = !previous.moreIndented && !line.moreIndented;
      if (folds && emptiesBetween.length === 0) out.push(' ', previous.breakAt);
      else {
        if (!folds) out.push('\n', previous.breakAt);
        for (const empty of emptiesBetween) out.push('\n', empty.breakAt);
      }
    } else {
      for (const empty of emptiesBetween) out.push('\n', empty.breakAt);
    }
    emptiesBetween = [];
    pushLine(out, source, line);
    previous = line;
  }
  if (previous) out.push('\n', previous.breakAt);
  for (const empty of emptiesBetween) out.push('\n', empty.breakAt);
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };

function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Offset after the line break at `pos` (`\n`, `\r\n` or `\r`). */
function skipBreak(source: string, pos: number): number {
  if (source[pos] === '\r' && source[pos + 1] === '\n') return pos + 2;
  return pos + 1;
}

/**
 * Flow scalars fold line breaks: a single break becomes a space, each further empty line a newline, and the white
 * space around breaks disappears. Double quotes add escapes, including `\` before a break to join lines without a space.
 */
function decodeFlow(source: string, start: number, end: number, style: 'plain' | 'single' | 'double', expected: string): Output {
  const out = new Output(expected);
  let pos = start;
  while (pos < end) {
    const c = source[pos];
    if (isBlank(c) || isBreak(c)) {
      let after = pos;
      while (after < end && isBlank(source[after])) after++;
      if (after >= end || !isBreak(source[after])) {
        out.pushSource(source, pos, after);
        pos = after;
        continue;
      }
      pos = fold(source, after, end, out, true);
      continue;
    }
    if (style === 'single' && c === "'" && source[pos + 1] === "'") {
      out.push("'", pos);
      pos += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const next = source[pos + 1];
      if (isBreak(next)) {
        pos = fold(source, pos + 1, end, out, false);
        continue;
      }
      const hexLength = HEX_ESCAPE_LENGTHS[next];
      if (hexLength) {
        const code = parseInt(source.slice(pos + 2, pos + 2 + hexLength), 16);
        out.push(Number.isFinite(code) ? String.fromCodePoint(code) : '', pos);
        pos += 2 + hexLength;
        continue;
      }
      out.push(SIMPLE_ESCAPES[next] ?? next ?? '', pos);
      pos += 2;
      continue;
    }
    out.pushCode(source.charCodeAt(pos), pos);
    pos++;
  }
  return out;
}

/**
 * Consumes a line break at `breakAt` and the empty lines and indentation after it. `spaceForSingleBreak` is false
 * after an escaped break, which joins the lines directly.
 */
function fold(source: string, breakAt: number, end: number, out: Output, spaceForSingleBreak: boolean): number {
  let pos = skipBreak(source, breakAt);
  const emptyBreaks: number[] = [];
  for (;;) {
    let lineStart = pos;
    while (lineStart < end && isBlank(source[lineStart])) lineStart++;
    if (lineStart < end && isBreak(source[lineStart])) {
      emptyBreaks.push(lineStart);
      pos = skipBreak(source, lineStart);
      continue;
    }
    pos = lineStart;
    break;
  }
  if (emptyBreaks.length === 0) {
    if (spaceForSingleBreak) out.push(' ', breakAt);
  } else {
    for (const at of emptyBreaks) out.push('\n', at);
  }
  return pos;
}
