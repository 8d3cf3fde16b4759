/**
 * Walks a scanned reference through the variable catalog: which catalog member each segment names, and where the
 * catalog stops knowing (a method's result, a plain value, an open-ended map).
 */
import { findTemplateMember, TEMPLATE_ROOTS } from '../../facts/templateVariables';
import type { TemplateMember } from '../../facts/templateVariableTypes';
import type { ReferenceSegment, TemplateReference } from './templateScanner';

/** Methods every Java map answers; templates call them on `$context`, `$input.params()` results and the like. */
export const JAVA_MAP_METHODS = new Set(['get', 'keySet', 'values', 'entrySet', 'size', 'isEmpty', 'containsKey', 'containsValue', 'toString', 'equals', 'hashCode']);

export const CATALOG_ROOTS = new Set(TEMPLATE_ROOTS.map((m) => m.name));

export interface ResolvedSegment {
  segment: ReferenceSegment;
  member: TemplateMember;
  /** The catalog path of the member, root first. */
  path: string[];
}

export interface ReferenceResolution {
  root: TemplateMember;
  resolved: ResolvedSegment[];
  /** The first segment the catalog does not know, with the member it was looked up in. */
  unknown?: { segment: ReferenceSegment; parent: TemplateMember; parentPath: string[] };
}

/** Resolves a reference whose root is a catalog variable (`$input`, `$util`, `$context`, `$stageVariables`). */
export function resolveReference(reference: TemplateReference): ReferenceResolution | undefined {
  const root = findTemplateMember([reference.root]);
  if (!root || !CATALOG_ROOTS.has(reference.root)) return undefined;
  const result: ReferenceResolution = { root, resolved: [] };
  let member = root;
  let path = [reference.root];
  for (const segment of reference.segments) {
    // Beyond a method result or a plain value come Java methods of whatever the value is: nothing to check.
    if (member.kind !== 'object' || (segment.bracket && !segment.name)) break;
    const childPath = [...path, segment.name];
    const known = (member.members ?? []).find((m) => m.name === segment.name);
    const child = known ?? (member.openEnded ? findTemplateMember(childPath) : undefined);
    if (!child) {
      if (!(segment.call && JAVA_MAP_METHODS.has(segment.name))) result.unknown = { segment, parent: member, parentPath: path };
      break;
    }
    result.resolved.push({ segment, member: child, path: childPath });
    member = child;
    path = childPath;
    if (child.kind === 'method') break;
  }
  return result;
}

/** The closest names by edit distance, for "did you mean". */
export function closestNames(name: string, candidates: string[]): string[] {
  const lower = name.toLowerCase();
  const scored = candidates
    .map((candidate) => ({ candidate, distance: candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase()) }))
    .filter((s) => s.distance <= Math.max(2, Math.floor(name.length / 3)) || s.candidate.toLowerCase().startsWith(lower))
    .sort((a, b) => a.distance - b.distance);
  return scored.slice(0, 3).map((s) => s.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
