import type { CompiledPath, FilterExpr, FilterOperand, PathSegment } from './compiledPath';
import { compileJsonPath } from './compile';
import { compareValues, MISSING } from './comparisons';
import { isMapValue, mapHas, mapKeys, mapSet, mapSize, mapValues, type JavaMap } from '../javaMaps';
import { isJavaNumber, javaDouble } from '../javaValues';

export type JsonPathResult = { found: true; value: unknown } | { found: false };

/**
 * Evaluates a path against a parsed document: the engine's (objects as Maps, in document order) or JSON.parse's
 * (objects as records, for callers outside the engine). A definite path that leads nowhere is `found: false` (Jayway
 * throws PathNotFoundException); an indefinite path always gives a list, possibly empty.
 */
export function evaluateJsonPath(expression: string | CompiledPath, document: unknown): JsonPathResult {
  const path = typeof expression === 'string' ? compileJsonPath(expression) : expression;
  const matches = selectNodes(path, document, document);
  if (path.definite) return matches.length > 0 ? { found: true, value: matches[0] } : { found: false };
  return { found: true, value: matches };
}

function selectNodes(path: CompiledPath, start: unknown, root: unknown): unknown[] {
  let current: unknown[] = [start];
  path.steps.forEach((step, i) => {
    const leaf = i === path.steps.length - 1;
    const next: unknown[] = [];
    for (const node of current) {
      if (step.deep) deepApply(step.segment, node, root, next, leaf);
      else applySegment(step.segment, node, root, next, false, leaf);
    }
    current = next;
  });
  return current;
}

const isMap = isMapValue;

const ABSENT = Symbol('absent');

/** The member's value, ABSENT when there is none (a present member may hold undefined: a template can put one). */
function memberOf(node: JavaMap, name: string): unknown {
  if (node instanceof Map) {
    const value = node.get(name);
    return value !== undefined || node.has(name) ? value : ABSENT;
  }
  return mapHas(node, name) ? node[name] : ABSENT;
}

/** The members' values in the map's order. */
function pushMembers(node: JavaMap, out: unknown[]): void {
  if (node instanceof Map) for (const value of node.values()) out.push(value);
  else for (const key in node) out.push(node[key]);
}

function applySegment(segment: PathSegment, node: unknown, root: unknown, out: unknown[], scanning: boolean, leaf: boolean): void {
  switch (segment.kind) {
    case 'property':
      if (isMap(node)) selectProperties(segment.names, node, out, leaf);
      return;
    case 'wildcard':
      if (Array.isArray(node)) for (const item of node) out.push(item);
      else if (isMap(node)) pushMembers(node, out);
      return;
    case 'index':
      if (!Array.isArray(node)) return;
      for (const index of segment.indexes) {
        const i = index < 0 ? node.length + index : index;
        if (i >= 0 && i < node.length) out.push(node[i]);
      }
      return;
    case 'slice':
      // One at a time: spreading a long slice into push() would pass more arguments than the stack holds.
      if (Array.isArray(node)) for (const item of sliceOf(node, segment)) out.push(item);
      return;
    case 'filter':
      if (Array.isArray(node)) {
        for (const item of node) if (testFilter(segment.filter, item, root)) out.push(item);
      } else if (isMap(node) && !scanning && testFilter(segment.filter, node, root)) {
        out.push(node);
      }
      return;
    case 'function': {
      const value = applyFunction(segment.name, node);
      if (value !== undefined) out.push(value);
      return;
    }
  }
}

/**
 * Jayway's property token: one name gives its value; several names as the last step give one map of those present
 * (empty when none is), and several names before further steps give each present value in turn.
 */
function selectProperties(names: string[], node: JavaMap, out: unknown[], leaf: boolean): void {
  if (names.length > 1 && leaf) {
    // The same kind of map as the node, in the order of the names.
    const merged: JavaMap = node instanceof Map ? new Map() : {};
    for (const name of names) {
      const member = memberOf(node, name);
      if (member !== ABSENT) mapSet(merged, name, member);
    }
    out.push(merged);
    return;
  }
  for (const name of names) {
    const member = memberOf(node, name);
    if (member !== ABSENT) out.push(member);
  }
}

/**
 * `..x`: the segment applied to the node and to every descendant, parents before children (Jayway's scan order).
 * The walk keeps its own stack: a payload may nest deeper than the call stack goes.
 */
function deepApply(segment: PathSegment, start: unknown, root: unknown, out: unknown[], leaf: boolean): void {
  const pending: unknown[] = [start];
  while (pending.length > 0) {
    const node = pending.pop();
    if (segment.kind === 'filter') {
      // A deep-scan filter tests every descendant value that is an object or array element.
      if (Array.isArray(node)) for (const item of node) if (testFilter(segment.filter, item, root)) out.push(item);
    } else if (segment.kind !== 'property' || scanMatches(segment.names, node, leaf)) {
      applySegment(segment, node, root, out, true, leaf);
    }
    const children = Array.isArray(node) ? node : isMap(node) ? mapValues(node) : undefined;
    // Last child first onto the stack, so that the first comes off it next.
    if (children) for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  }
}

/** Jayway's scan visits a map for a merging (definite) property step only when the map has every one of the names. */
function scanMatches(names: string[], node: unknown, leaf: boolean): boolean {
  if (!isMap(node)) return false;
  if (names.length > 1 && !leaf) return true;
  return names.every((name) => mapHas(node, name));
}

function sliceOf(list: unknown[], slice: { start?: number; end?: number; step?: number }): unknown[] {
  const n = list.length;
  const step = slice.step ?? 1;
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? n + v : v, 0), n);
  const out: unknown[] = [];
  if (step > 0) {
    const from = slice.start === undefined ? 0 : clamp(slice.start);
    const to = slice.end === undefined ? n : clamp(slice.end);
    for (let i = from; i < to; i += step) out.push(list[i]);
  } else {
    const from = slice.start === undefined ? n - 1 : Math.min(clamp(slice.start), n - 1);
    const to = slice.end === undefined ? -1 : clamp(slice.end);
    for (let i = from; i > to; i += step) out.push(list[i]);
  }
  return out;
}

/**
 * Jayway's functions. length() is an Integer for a list or a map and null for anything else; the aggregations read
 * the numbers of a list as doubles and return a Double. A list with no numbers gives no result (Jayway throws).
 */
function applyFunction(name: string, node: unknown): unknown {
  if (name === 'length' || name === 'size') {
    if (Array.isArray(node)) return node.length;
    if (isMap(node)) return mapSize(node);
    return null;
  }
  if (name === 'keys') return isMap(node) ? mapKeys(node) : undefined;
  if (!Array.isArray(node)) return undefined;
  if (name === 'first') return node[0];
  if (name === 'last') return node[node.length - 1];
  const numbers = node.filter(isJavaNumber).map(Number);
  if (numbers.length === 0) return undefined;
  const aggregate = AGGREGATIONS[name];
  return aggregate === undefined ? undefined : javaDouble(aggregate(numbers));
}

/** As Jayway computes them, comparisons and sums in double arithmetic (so NaN never wins min() or max()). */
const AGGREGATIONS: Record<string, (numbers: number[]) => number> = {
  min: (numbers) => numbers.reduce((min, n) => (min > n ? n : min), Number.MAX_VALUE),
  max: (numbers) => numbers.reduce((max, n) => (max < n ? n : max), -Number.MAX_VALUE),
  sum: (numbers) => numbers.reduce((sum, n) => sum + n, 0),
  avg: (numbers) => numbers.reduce((sum, n) => sum + n, 0) / numbers.length,
  stddev: (numbers) => {
    const count = numbers.length;
    const sum = numbers.reduce((total, n) => total + n, 0);
    const sumSq = numbers.reduce((total, n) => total + n * n, 0);
    return Math.sqrt(sumSq / count - (sum * sum) / count / count);
  },
};

function operandValue(operand: FilterOperand, current: unknown, root: unknown): unknown {
  if (operand.kind === 'literal') return operand.value;
  if (operand.kind === 'regex') return operand.regex;
  const matches = selectNodes(operand.path, operand.path.root === '@' ? current : root, root);
  if (operand.path.definite) return matches.length > 0 ? matches[0] : MISSING;
  return matches;
}

function testFilter(filter: FilterExpr, current: unknown, root: unknown): boolean {
  switch (filter.kind) {
    case 'or':
      return testFilter(filter.left, current, root) || testFilter(filter.right, current, root);
    case 'and':
      return testFilter(filter.left, current, root) && testFilter(filter.right, current, root);
    case 'not':
      return !testFilter(filter.operand, current, root);
    case 'exists': {
      const value = operandValue(filter.operand, current, root);
      if (filter.operand.kind !== 'path') return value === true;
      return value !== MISSING && !(Array.isArray(value) && !filter.operand.path.definite && value.length === 0);
    }
    case 'compare':
      return compareValues(filter.op, operandValue(filter.left, current, root), operandValue(filter.right, current, root));
  }
}
