/**
 * Re-validation of a new version of a document from the previous validation's results: when the edit stays inside
 * one path item and nothing outside `paths` changed, the rules check only that path item (beside everything outside
 * `paths`), the problems of the other path items are reused at their new offsets, and the rules whose results span
 * path items run in full. The result is exactly what a full validation gives.
 */
import type { ApiDocument } from '../model/apiDocument';
import type { Dialect } from '../model/dialect';
import type { ObjectNode, PropertyNode } from '../model/nodes';
import { changedPathItem, findTextChange, pathItemLayout, pathsByParts, type PathItemLayout, type Span, type TextChange } from '../model/textChange';
import { withLinesMoved } from './templates/templateValidation';
import { sharedAnchorsUnchanged } from '../model/incrementalParse';
import { RULES } from './rules';
import { importRulesRule } from './rules/importRules';
import { openapiStructureRule, pathItemForVerdict } from './rules/openapiStructure';
import { schemaVerdict, versionOf } from './rules/openapiSchemas';
import { unprocessedTemplateRule } from './rules/unprocessedTemplate';
import { yieldToEventLoop } from './rules/eventLoop';
import { createContext, dialectOf, maxValidationSize, runRule, runRules, stopsWith, type RuleResults, type ValidationOptions } from './validation';
import { createValidationCaches, type ValidationCaches } from './validationCaches';
import type { Problem, Rule } from './validationTypes';
import { REFERENCES_ANOTHER_FILE } from '../model/refUri';

/** What the next version needs from a validation: its text, where its path items stood, and each rule's problems. */
export interface ValidationRecord {
  text: string;
  settingsKey: string;
  dialect: Dialect;
  keys: string[];
  layout: PathItemLayout;
  results: RuleResults & { byRule: Problem[][] };
}

/** Rules whose findings depend on every path item at once (quotas, counts): they always run on the whole document. */
const WHOLE_DOCUMENT_RULES = new Set<Rule>([importRulesRule]);

/** A `$ref` into `paths`, or into another file, makes one path item's problems depend on text elsewhere. */
const CROSS_REFERENCE = new RegExp(`#\\/paths|${REFERENCES_ANOTHER_FILE.source}`);

export async function validateWithRecord(document: ApiDocument, options: ValidationOptions, previous: ValidationRecord | undefined): Promise<{ results: RuleResults; record: ValidationRecord | undefined }> {
  const caches = options.caches ?? createValidationCaches();
  const results = (previous && (await revalidate(document, { ...options, caches }, previous))) ?? (await runRules(document, { ...options, caches }));
  return { results, record: recordOf(document, options, results) };
}

function settingsKey(options: ValidationOptions): string {
  return JSON.stringify(options.settings ?? {});
}

function recordOf(document: ApiDocument, options: ValidationOptions, results: RuleResults): ValidationRecord | undefined {
  const paths = pathsByParts(document.root, document.format);
  if (results.cancelled || !results.byRule || !results.dialect || !paths) return undefined;
  const text = document.text;
  return {
    text,
    settingsKey: settingsKey(options),
    dialect: results.dialect,
    keys: paths.properties.map(keyOf),
    layout: pathItemLayout(text, document.format, document.root as ObjectNode, paths),
    results: results as ValidationRecord['results'],
  };
}

function keyOf(property: PropertyNode): string {
  return `${property.keyStyle}:${String(property.keyValue)}`;
}

/** Undefined when the edit is not one this can re-check by parts; the caller then validates in full. */
async function revalidate(document: ApiDocument, options: ValidationOptions & { caches: ValidationCaches }, previous: ValidationRecord): Promise<RuleResults | undefined> {
  const text = document.text;
  const root = document.root;
  const paths = pathsByParts(root, document.format);
  if (!paths || root?.type !== 'object' || document.kind === 'unknown') return undefined;
  if (settingsKey(options) !== previous.settingsKey || document.problems.some((p) => p.code !== 'duplicate-key')) return undefined;
  if (previous.results.base.some((p) => p.code !== 'duplicate-key')) return undefined;
  const settings = options.settings ?? {};
  // Past the limit a full validation checks only syntax, which it alone reports.
  if (text.length > maxValidationSize(settings)) return undefined;
  if (CROSS_REFERENCE.test(text)) return undefined;
  const change = findTextChange(previous.text, text);
  const delta = change.newEnd - change.oldEnd;
  const unchanged = change.start === change.oldEnd && delta === 0;
  const index = unchanged ? -1 : changedPathItem(previous.layout, change);
  if (index === undefined) return undefined;
  const items = paths.properties;
  if (items.length !== previous.keys.length) return undefined;
  const spans = pathItemLayout(text, document.format, root, paths).spans;
  for (let i = 0; i < items.length; i++) {
    const shift = index >= 0 && i > index ? delta : 0;
    const old = previous.layout.spans[i];
    if (keyOf(items[i]) !== previous.keys[i] || spans[i].start !== old.start + shift) return undefined;
    if (spans[i].end !== old.end + (index >= 0 && i >= index ? delta : 0)) return undefined;
  }
  // Another item's alias repeats what an anchor of the edited item holds: its findings may have changed too.
  if (index >= 0 && !sharedAnchorsUnchanged(previous.text, text, previous.layout.spans[index], delta)) return undefined;
  const dialect = dialectOf(document, settings);
  if (dialect !== previous.dialect) return undefined;

  const moved = Object.assign((offset: number) => (index < 0 || offset < previous.layout.spans[index].start ? offset : offset + delta), { uri: document.uri, lines: addedLines(previous.text, text, change) });
  const base = document.problems.map((p) => ({ ...p }));
  const reduced = index >= 0 ? withOnlyPathItem(document, paths, index) : undefined;
  const byRule: Problem[][] = [];
  const isCancelled = stopsWith(document, options);
  options = { ...options, isCancelled };
  for (let r = 0; r < RULES.length; r++) {
    const rule = RULES[r];
    if (r > 0) await yieldToEventLoop();
    if (isCancelled()) return { base, byRule, dialect, cancelled: true };
    const old = previous.results.byRule[r] ?? [];
    if (index < 0) {
      byRule.push(old);
      continue;
    }
    let problems: Problem[] | undefined;
    if (rule === openapiStructureRule) problems = reuseStructure(document, paths, index, old, previous.layout.spans, moved);
    else if (!WHOLE_DOCUMENT_RULES.has(rule)) {
      const context = createContext(reduced!, dialect, options, options.caches, []);
      try {
        await rule(context);
        problems = merge(old, context.problems, previous.layout.spans, index, spans[index], moved);
        if (rule === unprocessedTemplateRule && (old.length || context.problems.length)) problems = undefined;
      } catch {
        // Run on the whole document below, where a failure is reported as a full validation reports it.
        problems = undefined;
      }
    }
    if (!problems) {
      const context = createContext(document, dialect, options, options.caches, []);
      await runRule(rule, context);
      problems = context.problems;
    }
    byRule.push(problems);
  }
  return { base, byRule, dialect, cancelled: false };
}

/**
 * The document as the rules see it with `paths` holding only the changed path item. The nodes are the document's own,
 * so every offset and every walk up through parents is the real one.
 */
function withOnlyPathItem(document: ApiDocument, paths: ObjectNode, index: number): ApiDocument {
  const root = document.root as ObjectNode;
  const pathsProperty = paths.parent as PropertyNode;
  const reducedPaths: ObjectNode = { ...paths, properties: [paths.properties[index]] };
  const reducedProperty: PropertyNode = { ...pathsProperty, value: reducedPaths };
  const reducedRoot: ObjectNode = { ...root, properties: root.properties.map((p) => (p === pathsProperty ? reducedProperty : p)) };
  const reduced = Object.create(Object.getPrototypeOf(document)) as ApiDocument;
  // The plain value, when built, is the whole document's; the reduced one builds its own.
  return Object.assign(reduced, document, { root: reducedRoot, plainValue: undefined, hasPlainValue: false });
}

function spanIndex(spans: Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else if (spans[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** `lines`: how many lines the edit added (fewer than none when it took lines out). */
type Move = ((offset: number) => number) & { uri: string; lines: number };

/** Lines added by the change, counted as the text's positions count them (a CR LF split by the edit included). */
function addedLines(before: string, after: string, change: TextChange): number {
  const from = Math.max(0, change.start - 1);
  return lineBreaks(after.slice(from, change.newEnd + 1)) - lineBreaks(before.slice(from, change.oldEnd + 1));
}

function lineBreaks(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function movedProblem(problem: Problem, moved: Move): Problem {
  const offset = moved(problem.offset);
  const end = moved(problem.end);
  const related = problem.related?.some((r) => r.uri === moved.uri && moved(r.offset) !== r.offset);
  if (offset === problem.offset && end === problem.end && !related) return problem;
  const copy: Problem = { ...problem, offset, end };
  // A template's syntax finding names lines of the document, which moved with it.
  if (problem.code === 'template-syntax' && offset !== problem.offset && moved.lines) copy.message = withLinesMoved(problem.message, moved.lines);
  if (related) copy.related = problem.related!.map((r) => (r.uri === moved.uri ? { ...r, offset: moved(r.offset), end: moved(r.end) } : r));
  return copy;
}

/**
 * One rule's problems for the new version: the previous ones of the other path items, moved, and the fresh ones of the
 * changed item and of everything outside `paths`. Rules visit path items once, in document order, so between two
 * findings outside `paths` the path items' findings stand in item order; the fresh findings outside `paths` must be the
 * previous ones, which anchors the merge. Undefined when that does not hold and the rule must run in full.
 */
function merge(old: Problem[], fresh: Problem[], oldSpans: Span[], index: number, newSpan: Span, moved: Move): Problem[] | undefined {
  // A finding on a value js-yaml gave no position (-1) cannot be told apart by path item.
  if (old.some((p) => p.offset < 0) || fresh.some((p) => p.offset < 0)) return undefined;
  type Run = { items: { item: number; problem: Problem }[] };
  const oldRuns: Run[] = [{ items: [] }];
  const oldOutside: Problem[] = [];
  for (const problem of old) {
    const item = spanIndex(oldSpans, problem.offset);
    if (item < 0) {
      oldOutside.push(problem);
      oldRuns.push({ items: [] });
    } else if (item !== index) {
      oldRuns[oldRuns.length - 1].items.push({ item, problem });
    }
  }
  const freshRuns: Problem[][] = [[]];
  const freshOutside: Problem[] = [];
  for (const problem of fresh) {
    if (problem.offset >= newSpan.start && problem.offset < newSpan.end) freshRuns[freshRuns.length - 1].push(problem);
    else {
      freshOutside.push(problem);
      freshRuns.push([]);
    }
  }
  if (freshOutside.length !== oldOutside.length) return undefined;
  for (let i = 0; i < freshOutside.length; i++) {
    const a = freshOutside[i];
    const b = movedProblem(oldOutside[i], moved);
    if (a.offset !== b.offset || a.end !== b.end || a.code !== b.code || a.message !== b.message) return undefined;
  }
  const result: Problem[] = [];
  for (let run = 0; run < oldRuns.length; run++) {
    const items = oldRuns[run].items;
    for (let i = 1; i < items.length; i++) if (items[i].item < items[i - 1].item) return undefined;
    let placed = false;
    for (const { item, problem } of items) {
      if (!placed && item > index) {
        result.push(...freshRuns[run]);
        placed = true;
      }
      result.push(movedProblem(problem, moved));
    }
    if (!placed) result.push(...freshRuns[run]);
    if (run < freshOutside.length) result.push(freshOutside[run]);
  }
  return result;
}

/**
 * The structure check validates the whole document against the OpenAPI schema, reporting at most a fixed number of
 * findings. A changed path item that is valid on its own, and had no findings before, leaves the findings as they were.
 */
function reuseStructure(document: ApiDocument, paths: ObjectNode, index: number, old: Problem[], oldSpans: Span[], moved: Move): Problem[] | undefined {
  if (old.some((p) => p.offset < 0 || spanIndex(oldSpans, p.offset) === index)) return undefined;
  const version = versionOf(document.kind, document.specVersion);
  if (!version) return old.length ? undefined : [];
  const item = paths.properties[index];
  // Only `/` keys are checked as path items; the findings about other keys do not depend on their values anyway.
  const validate = String(item.keyValue).startsWith('/') ? schemaVerdict(version).pathItem : undefined;
  if (!validate || !validate(pathItemForVerdict(item.value))) return undefined;
  return old.map((p) => movedProblem(p, moved));
}
