/** 1-based line and column of an offset, lines ending at `\n`: how messages for people name a place in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where a 1-based line starts, lines ending at `\n`; undefined when the text has fewer lines. */
export function lineStartOffset(text: string, line: number): number | undefined {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  return offset;
}

/** The offset of a 1-based line and column, kept within the line; the text's end for a line past the last. */
export function offsetOfLineColumn(text: string, line: number, column: number): number {
  const start = lineStartOffset(text, line);
  if (start === undefined) return text.length;
  const lineEnd = text.indexOf('\n', start);
  return Math.min(start + column - 1, lineEnd < 0 ? text.length : lineEnd);
}
