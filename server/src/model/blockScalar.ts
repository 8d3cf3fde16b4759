/**
 * Block scalars (`|`, `>`) for the direct YAML parser: where one ends, and the value of a literal one. js-yaml builds a
 * block scalar's value line by line, into a string of many pieces that the tree then holds; a literal one is one slice
 * of the text with its indentation taken out, a single flat string.
 */
import { NL } from './charCodes';
import { OUTSIDE_SUBSET } from './yamlScan';

/** By content indentation: the lines of a block scalar. */
const blockLines: RegExp[] = [];
/** By content indentation: a line break and the indentation after it. */
const lineIndents: RegExp[] = [];
/** Patterns for deeper indentation than this are made for the one scalar, not kept. */
const KEPT_INDENTS = 64;

const CLIP = 1;
const STRIP = 2;

/**
 * The end of a block scalar whose lines start at `start` and whose content is indented by `indent`: its lines are
 * blank or indented at least that much. A last line without a line break belongs to it only if it holds more than the
 * indentation, as js-yaml reads it. A line with a character outside the subset ends it early.
 */
export function blockScalarEnd(text: string, start: number, indent: number): number {
  const pattern = indent < KEPT_INDENTS ? (blockLines[indent] ??= blockLinesPattern(indent)) : blockLinesPattern(indent);
  pattern.lastIndex = start;
  pattern.test(text);
  return pattern.lastIndex;
}

function lineIndentPattern(indent: number): RegExp {
  return new RegExp(`\\n {1,${indent}}`, 'g');
}

function blockLinesPattern(indent: number): RegExp {
  const content = `[^\\n${OUTSIDE_SUBSET}]`;
  return new RegExp(`(?:(?: {${indent}}${content}*| *\\r?)\\n| {${indent}}${content}+$)*`, 'y');
}

/**
 * The value js-yaml gives the literal block scalar whose lines are `start`..`end` (from `blockScalarEnd`), content
 * indented by `indent`, with chomping 1 (clip), 2 (strip, `|-`) or 3 (keep, `|+`). Lines of no more than `indent`
 * characters are blank (only spaces can be that short in the scalar); the others, whatever they hold, are content.
 * The text must have no carriage returns.
 */
export function literalBlockValue(text: string, start: number, end: number, indent: number, chomping: number): string {
  // A last line without a line break always has content.
  const unterminated = end === text.length && text.charCodeAt(end - 1) !== NL;
  let to = end;
  let lineBreak = unterminated;
  if (chomping === CLIP || chomping === STRIP) {
    // Blank lines after the last content go, and with strip its line break too.
    let contentEnd = end;
    if (!unterminated) {
      contentEnd = end - 1;
      for (;;) {
        const lineStart = text.lastIndexOf('\n', contentEnd - 1) + 1;
        if (contentEnd - lineStart > indent) break;
        contentEnd = lineStart - 1;
      }
    }
    if (chomping === STRIP) {
      to = contentEnd;
      lineBreak = false;
    } else if (!unterminated) {
      to = contentEnd + 1;
    }
  }
  // The first line's indentation, then each line's after its line break; a blank line may be shorter.
  let from = start;
  while (from < start + indent && text.charCodeAt(from) === 32) from++;
  const lineIndent = indent < KEPT_INDENTS ? (lineIndents[indent] ??= lineIndentPattern(indent)) : lineIndentPattern(indent);
  // Split and joined rather than replaced: V8 builds a replacement's result as a tree of pieces, which the tree would
  // hold for as long as the document is open and every reader of the template would flatten again.
  const lines = text.slice(from, to).split(lineIndent);
  if (lineBreak) lines.push('');
  return lines.join('\n');
}
