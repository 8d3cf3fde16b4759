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
  /** Columns per tab, `DEFAULT_TAB_SIZE` unless given. */
  tabSize?: number;
}

/** The client does not say its tab size, and editors default to 4. */
export const DEFAULT_TAB_SIZE = 4;

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

/** A block still open while the lines are read from the last up: its indentation and the first line below it. */
interface OpenBlock {
  /** -1 below every line; END_MARKER for a region's end marker, which no indentation closes. */
  indent: number;
  /** The line after the block's last line. */
  endAbove: number;
  /** The block's first line. */
  line: number;
}

const END_MARKER = -2;

/**
 * A fold for every line followed by lines indented further, from that line to the end of the deeper block; and a
 * region fold from each start marker to its end marker, both lines included. The lines are read from the last up, as
 * the editor reads them, so that a region's end marker bounds the blocks above it exactly as it does there.
 */
export function indentFolds(lines: readonly string[], options: IndentFoldOptions): Fold[] {
  const tabSize = options.tabSize ?? DEFAULT_TAB_SIZE;
  const markers = options.markers;
  const folds: Fold[] = [];
  const open: OpenBlock[] = [{ indent: -1, endAbove: lines.length, line: lines.length }];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    const indent = indentOf(line, tabSize);
    let top = open[open.length - 1];
    if (indent < 0) {
      // Off-side: blank lines after a block belong to what follows it, so the block above ends before them.
      if (options.offSide) top.endAbove = i;
      continue;
    }
    // A marker is a comment: the regular expressions run only on lines that may start with `#` after blanks.
    if (markers && mayBeMarker(line)) {
      if (markers.end.test(line)) {
        open.push({ indent: END_MARKER, endAbove: i, line: i });
        continue;
      }
      if (markers.start.test(line)) {
        let end = open.length - 1;
        while (end > 0 && open[end].indent !== END_MARKER) end--;
        // A start marker without an end below it is an ordinary line.
        if (end > 0) {
          open.length = end + 1;
          const region = open[end];
          folds.push({ startLine: i, endLine: region.line, level: indent, kind: 'region' });
          region.indent = indent;
          region.endAbove = i;
          region.line = i;
          continue;
        }
      }
    }
    if (top.indent > indent) {
      do {
        open.pop();
        top = open[open.length - 1];
      } while (top.indent > indent);
      const endLine = top.endAbove - 1;
      if (endLine > i) folds.push({ startLine: i, endLine, level: indent });
    }
    if (top.indent === indent) top.endAbove = i;
    else open.push({ indent, endAbove: i, line: i });
  }
  return folds.reverse();
}

function mayBeMarker(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 35) return true;
    if (c !== 32 && c !== 9) return c > 127 || (c >= 10 && c <= 13); // other blanks a marker's `\s*` takes
  }
  return false;
}
