import type { ApiDocument } from '../model/apiDocument';
import { getProperty } from '../model/navigate';
import type { NodePath, ValueNode } from '../model/nodes';
import { uriKey } from '../model/refUri';
import type { IgnoreEntry, LanguageSettings, Problem } from './validationTypes';

/**
 * `apigateway.validation.ignore`: findings silenced by the node they stand in, named by a JSON Pointer, rather than by
 * line as a YAML comment does. A pointer outlives edits above it, and JSON, which AWS exports, has no comments.
 */

/** The segments of an RFC 6901 pointer; undefined for what is none (no leading `/`, a `~` before neither 0 nor 1). */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~(?![01])/.test(pointer)) return undefined;
  // `~1` first: `~01` is the segment `~1`, not `/`.
  return pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The RFC 6901 pointer of a path of keys and indexes. */
export function jsonPointer(path: NodePath): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The text a pointer names: a property from its key through its value, an item, or the whole document for `""`. */
export function pointedSpan(document: ApiDocument, segments: string[]): { offset: number; end: number } | undefined {
  if (segments.length === 0) return { offset: 0, end: document.text.length };
  let node: ValueNode | undefined = document.root;
  let span: { offset: number; end: number } | undefined;
  for (const segment of segments) {
    if (node?.type === 'object') {
      const property = getProperty(node, segment);
      if (!property) return undefined;
      span = property;
      node = property.value;
    } else if (node?.type === 'array' && /^(?:0|[1-9]\d*)$/.test(segment)) {
      node = node.items[Number(segment)];
      if (!node) return undefined;
      span = node;
    } else return undefined;
  }
  return span && span.offset >= 0 ? { offset: span.offset, end: span.end } : undefined;
}

/** What an entry did in one file: whether its pointer named a node there, and whether it silenced anything. */
export interface IgnoreUse {
  found: boolean;
  used: boolean;
}

/**
 * By entry, then by the URI of each file it applied to. Kept beside the settings rather than in them: the settings are
 * compared as JSON to tell whether earlier results still hold, and uses recorded in them would make every check differ.
 */
const uses = new WeakMap<IgnoreEntry, Map<string, IgnoreUse>>();

/** The files an entry applied to in the checks run so far, and what it did in each: `apigw lint` reports stale ones. */
export function usesOf(entry: IgnoreEntry): ReadonlyMap<string, IgnoreUse> {
  return uses.get(entry) ?? new Map();
}

function useIn(entry: IgnoreEntry, uri: string): IgnoreUse {
  let byFile = uses.get(entry);
  if (!byFile) uses.set(entry, (byFile = new Map()));
  let use = byFile.get(uri);
  if (!use) byFile.set(uri, (use = { found: false, used: false }));
  return use;
}

export interface IgnoredSpan {
  offset: number;
  end: number;
  codes: ReadonlySet<string> | undefined;
  use: IgnoreUse;
}

/** The spans of a document the settings silence findings in; undefined when none apply to it. */
export function ignoredSpans(document: ApiDocument, settings: LanguageSettings): IgnoredSpan[] | undefined {
  let spans: IgnoredSpan[] | undefined;
  for (const scope of settings.ignore ?? []) {
    if (scope.entries.length === 0) continue;
    const file = fileInFolder(scope.folder, document.uri);
    if (file === undefined) continue;
    for (const entry of scope.entries) {
      if (!fileMatches(entry.file, file)) continue;
      const use = useIn(entry, document.uri);
      const segments = parsePointer(entry.at);
      const span = segments && pointedSpan(document, segments);
      if (!span) continue;
      use.found = true;
      (spans ??= []).push({ ...span, codes: entry.codes && new Set(entry.codes), use });
    }
  }
  return spans;
}

/** Whether a finding lies within one of the spans and has one of its codes; the span silencing it is marked used. */
export function isIgnored(spans: readonly IgnoredSpan[], problem: Problem): boolean {
  const end = Math.max(problem.end, problem.offset);
  for (const span of spans) {
    if (problem.offset < span.offset || end > span.end) continue;
    if (span.codes && !span.codes.has(problem.code)) continue;
    span.use.used = true;
    return true;
  }
  return false;
}

/** A file's path from a workspace folder, with `/`; undefined outside it. Spelt as `uriKey` spells both. */
export function fileInFolder(folder: string, uri: string): string | undefined {
  const base = uriKey(folder).replace(/\/?$/, '/');
  const key = uriKey(uri);
  return key.startsWith(base) ? key.slice(base.length) : undefined;
}

/** Whether `uriKey` folds letter case here (Windows, macOS): file names are then compared without it. */
const FOLDS_CASE = uriKey('file:///A') !== 'file:///A';

const patterns = new Map<string, RegExp>();

/** Whether a path from the folder is the one `pattern` names, or one its `*`, `**` and `?` wildcards match. */
export function fileMatches(pattern: string, file: string): boolean {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = globRegExp(pattern);
    if (patterns.size > 1000) patterns.clear();
    patterns.set(pattern, regex);
  }
  return regex.test(file);
}

/** `*` and `?` stay within a segment, `**` spans segments; a Windows user may write `\` and a leading `./`. */
function globRegExp(pattern: string): RegExp {
  const written = pattern.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  let source = '';
  for (let i = 0; i < written.length; i++) {
    const c = written[i];
    if (c === '*' && written[i + 1] === '*') {
      const segment = written[i + 2] === '/';
      source += segment ? '(?:.*/)?' : '.*';
      i += segment ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, FOLDS_CASE ? 'i' : '');
}
