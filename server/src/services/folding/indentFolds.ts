/**
 * Folds by indentation, as the editor makes them when no language server answers. A server that answers folding
 * requests replaces the editor's own indentation folds for the document, so ours must keep every fold the user had and
 * only add to them.
 */
import type { Fold } from './fold';

/** The editor's region markers of a language, e.g. YAML's `# region` and `# endregion`. */
export interface FoldMarkers {
  start: RegExp;
  end: RegExp;
}

export interface IndentFoldOptions {
  /**
   * Off-side languages (YAML) end a block at its last non-blank line; others take the blank lines after it too, up to
   * the next line that is not indented further.
   */
  offSide: boolean;
  markers?: FoldMarkers;
  /** Columns per tab; the client does not say, and editors default to 4. */
  tabSize?: number;
}

/** Lines as the editor splits them: at `\r\n`, `\n` or `\r`. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The column of a line's first non-blank character, or -1 for a blank line. */
export function indentOf(line: string, tabSize: number): number {
  let column = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) column++;
    else if (c === 9) column += tabSize - (column % tabSize);
    else return column;
  }
  return -1;
}

/**
 * A fold for every line followed by lines indented further, from that line to the end of the deeper block; and a
 * region fold from each start marker to its end marker, both lines included.
 */
export function indentFolds(lines: readonly string[], options: IndentFoldOptions): Fold[] {
  const tabSize = options.tabSize ?? 4;
  const regions = options.markers ? markerRegions(lines, options.markers) : undefined;
  const markerLines = regions?.lines;
  const indents = lines.map((line, i) => (markerLines?.has(i) ? -1 : indentOf(line, tabSize)));
  const folds: Fold[] = regions?.folds ?? [];
  // Lines whose block is still open, outermost first: each waits for a later line indented no further than itself.
  const open: number[] = [];
  let lastContent = -1;
  const close = (line: number, nextContent: number) => {
    // Every line read since `line` opened is indented further, or it would have closed `line`.
    const end = options.offSide ? lastContent : nextContent - 1;
    if (lastContent > line && end > line) {
      folds.push({ startLine: line, endLine: end, level: indents[line] });
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const indent = indents[i];
    if (indent < 0) continue;
    while (open.length > 0 && indents[open[open.length - 1]] >= indent) close(open.pop()!, i);
    open.push(i);
    lastContent = i;
  }
  while (open.length > 0) close(open.pop()!, lines.length);
  return folds;
}

/** Start and end markers paired as brackets; a marker without its partner is an ordinary line. */
function markerRegions(lines: readonly string[], markers: FoldMarkers): { folds: Fold[]; lines: Set<number> } {
  const folds: Fold[] = [];
  const paired = new Set<number>();
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (markers.start.test(lines[i])) starts.push(i);
    else if (markers.end.test(lines[i]) && starts.length > 0) {
      const start = starts.pop()!;
      paired.add(start).add(i);
      folds.push({ startLine: start, endLine: i, level: indentOf(lines[start], 4), kind: 'region' });
    }
  }
  return { folds, lines: paired };
}
