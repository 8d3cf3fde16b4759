import type { CompiledPath, FilterExpr, FilterOperand, PathSegment } from './compiledPath';
import { compileJsonPath } from './compile';
import { compareValues, MISSING } from './comparisons';
import { isJavaMap, isJavaNumber } from '../javaValues';

export type JsonPathResult = { found: true; value: unknown } | { found: false };

/**
 * Evaluates a path against a parsed document. A definite path that leads nowhere is `found: false` (Jayway throws
 * PathNotFoundException); an indefinite path always gives a list, possibly empty.
 */
export function evaluateJsonPath(expression: string | CompiledPath, document: unknown): JsonPathResult {
  const path = typeof expression === 'string' ? compileJsonPath(expression) : expression;
  const matches = selectNodes(path, document, document);
  if (path.definite) return matches.length > 0 ? { found: true, value: matches[0] } : { found: false };
  return { found: true, value: matches };
}

function selectNodes(path: CompiledPath, start: unknown, root: unknown): unknown[] {
  let current: unknown[] = [start];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step.deep) deepApply(step.segment, node, root, next);
      else applySegment(step.segment, node, root, next, false);
    }
    current = next;
  }
  return current;
}

const isMap = isJavaMap;

function applySegment(segment: PathSegment, node: unknown, root: unknown, out: unknown[], scanning: boolean): void {
  switch (segment.kind) {
    case 'property':
      if (!isMap(node)) return;
      if (segment.names.length === 1) {
        if (Object.prototype.hasOwnProperty.call(node, segment.names[0])) out.push(node[segment.names[0]]);
        return;
      }
      {
        // Several names in one bracket select a map of those keys (Jayway's multi-property token).
        const picked: Record<string, unknown> = {};
        for (const name of segment.names) if (Object.prototype.hasOwnProperty.call(node, name)) picked[name] = node[name];
        if (Object.keys(picked).length > 0) out.push(picked);
      }
      return;
    case 'wildcard':
      if (Array.isArray(node)) out.push(...node);
      else if (isMap(node)) out.push(...Object.values(node));
      return;
    case 'index':
      if (!Array.isArray(node)) return;
      for (const index of segment.indexes) {
        const i = index < 0 ? node.length + index : index;
        if (i >= 0 && i < node.length) out.push(node[i]);
      }
      return;
    case 'slice':
      if (Array.isArray(node)) out.push(...sliceOf(node, segment));
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

/** `..x`: the segment applied to the node and to every descendant, parents before children (Jayway's scan order). */
function deepApply(segment: PathSegment, node: unknown, root: unknown, out: unknown[]): void {
  if (segment.kind === 'filter') {
    // A deep-scan filter tests every descendant value that is an object or array element.
    if (Array.isArray(node)) for (const item of node) if (testFilter(segment.filter, item, root)) out.push(item);
  } else {
    applySegment(segment, node, root, out, true);
  }
  if (Array.isArray(node)) for (const item of node) deepApply(segment, item, root, out);
  else if (isMap(node)) for (const key of Object.keys(node)) deepApply(segment, node[key], root, out);
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

function applyFunction(name: string, node: unknown): unknown {
  if (name === 'length' || name === 'size') {
    if (Array.isArray(node)) return node.length;
    if (isMap(node)) return Object.keys(node).length;
    if (typeof node === 'string') return node.length;
    return undefined;
  }
  if (name === 'keys') return isMap(node) ? Object.keys(node) : undefined;
  if (!Array.isArray(node)) return undefined;
  if (name === 'first') return node[0];
  if (name === 'last') return node[node.length - 1];
  const numbers = node.filter(isJavaNumber).map(Number);
  if (numbers.length === 0) return undefined;
  const sum = numbers.reduce((a, b) => a + b, 0);
  switch (name) {
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
    case 'sum':
      return sum;
    case 'avg':
      return sum / numbers.length;
    case 'stddev': {
      const mean = sum / numbers.length;
      return Math.sqrt(numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length);
    }
  }
  return undefined;
}

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
