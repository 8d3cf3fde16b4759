/**
 * Folding of YAML definitions and standalone templates: the editor's indentation folds, kept because an answer from a
 * server replaces them, and the blocks of mapping templates, which are rarely indented (their output would carry it).
 * JSON definitions get no answer: JSON's own folding covers their structure, and a template in JSON is one line.
 * Nor do definitions over the size limit, which the editor then folds by indentation itself.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FoldingRange } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { inPlace, type Placement } from '../model/placement';
import type { Fold } from './folding/fold';
import { DEFAULT_TAB_SIZE, indentFolds, indentOf, splitLines, type FoldMarkers } from './folding/indentFolds';
import { locateTemplates } from './templates/locate';
import type { TemplateContentCache } from './templates/templateContentCache';
import { templateFolds, type TemplateFold } from './templates/templateFolds';

/** VS Code's YAML region markers (`# region`, `# endregion`), which its indentation folding honours. */
const YAML_MARKERS: FoldMarkers = { start: /^\s*#\s*region\b/, end: /^\s*#\s*endregion\b/ };

/** What VS Code asks for when the client does not say. */
export const DEFAULT_FOLDING_LIMIT = 5000;

/** Folds depend on the template alone. */
const NO_VARIANT: readonly string[] = [];

/**
 * The folds of a YAML definition and of its templates. A template whose positions are approximate adds none.
 * `placement`: the current version, when `document` is an earlier one read for its templates; the indentation folds
 * are the current text's.
 */
export function findFoldingRanges(document: ApiDocument, limit = DEFAULT_FOLDING_LIMIT, cache?: TemplateContentCache<TemplateFold[]>, placement: Placement = inPlace(document.textDocument)): FoldingRange[] {
  const lines = splitLines(placement.textDocument.getText());
  const folds = indentFolds(lines, { offSide: true, markers: YAML_MARKERS });
  if (document.root) {
    const source = document.text;
    for (const template of locateTemplates(document)) {
      const shift = placement.shiftOf(template.node.offset, template.node.end);
      if (shift === undefined) continue;
      const own = cache ? cache.get(source, template.node, NO_VARIANT, () => templateFolds(template.text)) : templateFolds(template.text);
      // Most templates have no blocks: their positions, which replay the scalar's source, are not worked out.
      if (own.length === 0 || !template.exactOffsets) continue;
      const lineOf = (offset: number) => placement.textDocument.positionAt(template.toDocumentOffset(offset) + shift).line;
      for (const fold of own) folds.push(placed(fold, lineOf(fold.start), lineOf(fold.close), lines));
    }
  }
  return toRanges(folds, limit);
}

/** The folds of a mapping template edited as a file of its own. */
export function findTemplateFoldingRanges(text: string, limit = DEFAULT_FOLDING_LIMIT): FoldingRange[] {
  const lines = splitLines(text);
  const folds = indentFolds(lines, { offSide: false });
  const textDocument = TextDocument.create('untitled:template.vtl', 'vtl', 0, text);
  const lineOf = (offset: number) => textDocument.positionAt(offset).line;
  for (const fold of templateFolds(text)) folds.push(placed(fold, lineOf(fold.start), lineOf(fold.close), lines));
  return toRanges(folds, limit);
}

/** A template fold in lines: a block ends on the line before its ending directive, a comment on its own last line. */
function placed(fold: TemplateFold, startLine: number, closeLine: number, lines: readonly string[]): Fold {
  return { startLine, endLine: fold.kind === 'comment' ? closeLine : closeLine - 1, level: Math.max(0, indentOf(lines[startLine] ?? '', DEFAULT_TAB_SIZE)), kind: fold.kind };
}

/** One fold per first line, as the editor keeps; over the limit, the deepest folds go first, as the editor drops them. */
function toRanges(folds: Fold[], limit: number): FoldingRange[] {
  // Indexed by first line, which also puts them in order: a definition of 100,000 lines has tens of thousands of folds.
  const byStart: Fold[] = [];
  for (const fold of folds) {
    if (fold.endLine <= fold.startLine) continue;
    const taken = byStart[fold.startLine];
    // The larger of two folds of one line: the smaller would take the larger away, the editor keeping one per line.
    // Of two alike, the one with a kind, else the later: template folds come after the indentation folds.
    if (!taken || fold.endLine > taken.endLine || (fold.endLine === taken.endLine && (fold.kind !== undefined || taken.kind === undefined))) byStart[fold.startLine] = fold;
  }
  const kept: Fold[] = [];
  for (const fold of byStart) if (fold) kept.push(fold);
  const shown = kept.length > limit ? shallowest(kept, limit) : kept;
  return shown.map((f) => (f.kind ? { startLine: f.startLine, endLine: f.endLine, kind: f.kind } : { startLine: f.startLine, endLine: f.endLine }));
}

/** The `limit` folds of least indentation, the earlier first among equals, in the order given (by first line). */
function shallowest(folds: Fold[], limit: number): Fold[] {
  if (limit <= 0) return [];
  const perLevel = new Map<number, number>();
  for (const fold of folds) perLevel.set(fold.level, (perLevel.get(fold.level) ?? 0) + 1);
  // The deepest level kept, and how many of its folds fit under the limit.
  let room = limit;
  let cut = -1;
  for (const level of [...perLevel.keys()].sort((a, b) => a - b)) {
    const count = perLevel.get(level)!;
    if (count >= room) {
      cut = level;
      break;
    }
    room -= count;
  }
  const shown: Fold[] = [];
  for (const fold of folds) {
    if (fold.level < cut || cut < 0) shown.push(fold);
    else if (fold.level === cut && room > 0) {
      shown.push(fold);
      room--;
    }
  }
  return shown;
}
