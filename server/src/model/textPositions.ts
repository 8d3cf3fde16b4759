/**
 * 1-based lines and columns, as messages for people name a place in a text. A line ends at `\r\n`, `\n` or a lone `\r`:
 * editors break lines there, and so do Velocity and velocityjs, whose template positions these must agree with.
 */

/** 1-based line and column of an offset. An offset between the `\r` and `\n` of one break stays on the `\r`'s line. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const breaks = new LineBreaks(text);
  let line = 1;
  let lineStart = 0;
  for (let i = breaks.next(0); i >= 0 && i < offset; i = breaks.next(lineStart)) {
    const after = breakEnd(text, i);
    if (after > offset) break;
    line++;
    lineStart = after;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where a 1-based line starts; undefined when the text has fewer lines. */
export function lineStartOffset(text: string, line: number): number | undefined {
  const breaks = new LineBreaks(text);
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = breaks.next(offset);
    if (next < 0) return undefined;
    offset = breakEnd(text, next);
  }
  return offset;
}

/** The offset of a 1-based line and column, kept within the line; the text's end for a line past the last. */
export function offsetOfLineColumn(text: string, line: number, column: number): number {
  const start = lineStartOffset(text, line);
  if (start === undefined) return text.length;
  const lineEnd = new LineBreaks(text).next(start);
  return Math.min(start + column - 1, lineEnd < 0 ? text.length : lineEnd);
}

/**
 * The breaks of a text read forwards. The next `\r` found is kept until passed, so that a text without one is searched
 * for it once, not once per line.
 */
class LineBreaks {
  private cr = -2;

  constructor(private readonly text: string) {}

  /** The first `\r` or `\n` at or after `from` (never less than an earlier call's), -1 when none. */
  next(from: number): number {
    if (this.cr !== -1 && this.cr < from) this.cr = this.text.indexOf('\r', from);
    const lf = this.text.indexOf('\n', from);
    if (this.cr < 0) return lf;
    return lf < 0 || this.cr < lf ? this.cr : lf;
  }
}

/** Just past the break at `at`: a `\r\n` is one break. */
function breakEnd(text: string, at: number): number {
  return text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
}
