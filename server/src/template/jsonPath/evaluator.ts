/**
 * Evaluates a path token by token as Jayway JsonPath 2.0 does, with the option the template engine reads with,
 * SUPPRESS_EXCEPTIONS: a missing last property is skipped, but most other dead ends (a missing property further
 * in, an index out of range, a property of a list, an index into a map, a comparison Java cannot make) throw, and
 * a throw anywhere ends the whole read with no value (definite path) or an empty list (indefinite path). So
 * `$.a[0,5]` on a list of three gives `[]`, not the first item. Only `[*]` over a list skips an item that leads
 * nowhere.
 */
import type { CompiledPath, Criteria, Filter, Operand, PathToken } from './compiledPath';
import { compileJsonPath } from './compile';
import { compareWith, ComparisonFailure } from './comparisons';
import { isMapValue, mapHas, mapSet, mapValues, type JavaMap } from '../javaMaps';

export type JsonPathResult = { found: true; value: unknown } | { found: false };

/** Jayway's options: how the template engine reads, and how a filter's existence test reads (REQUIRE_PROPERTIES). */
interface Options {
  suppress: boolean;
  requireProperties: boolean;
}

const READING: Options = { suppress: true, requireProperties: false };
const EXISTENCE: Options = { suppress: false, requireProperties: true };

/** PathNotFoundException: filters take it for false, `[*]` over a list for an item to skip. */
class PathNotFound extends Error {}

/** Any other exception Jayway's evaluation lets through (InvalidPathException, NullPointerException). */
class EvaluationFailure extends Error {}

/**
 * Evaluates a path against a parsed document: the engine's (objects as Maps, in document order) or JSON.parse's
 * (objects as records, for callers outside the engine). A definite path gives one value or `found: false`; an
 * indefinite one always gives a list, empty when the read failed.
 */
export function evaluateJsonPath(expression: string | CompiledPath, document: unknown): JsonPathResult {
  const path = typeof expression === 'string' ? compileJsonPath(expression) : expression;
  let results: unknown[];
  try {
    results = new Evaluation(path, document, READING).run(document);
  } catch (error) {
    if (!isJaywayException(error)) throw error;
    return path.definite ? { found: false } : { found: true, value: [] };
  }
  if (!path.definite) return { found: true, value: results };
  return results.length > 0 ? { found: true, value: results[0] } : { found: false };
}

function isJaywayException(error: unknown): boolean {
  return error instanceof PathNotFound || error instanceof EvaluationFailure || error instanceof ComparisonFailure;
}

const isMap = isMapValue;

function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

const ABSENT = Symbol('absent');

/** The member's value, ABSENT when there is none (a present member may hold undefined: a template can put one). */
function memberOf(node: JavaMap, name: string): unknown {
  if (node instanceof Map) {
    const value = node.get(name);
    return value !== undefined || node.has(name) ? value : ABSENT;
  }
  return mapHas(node, name) ? node[name] : ABSENT;
}

class Evaluation {
  readonly results: unknown[] = [];
  private readonly tokens: PathToken[];

  constructor(
    path: CompiledPath,
    private readonly root: unknown,
    private readonly options: Options,
  ) {
    this.tokens = path.tokens;
  }

  run(start: unknown): unknown[] {
    this.evaluate(0, start);
    return this.results;
  }

  private isLeaf(i: number): boolean {
    return i === this.tokens.length - 1;
  }

  /** The token's result goes to the results when it is the last, else on to the next token. */
  private passOn(i: number, value: unknown): void {
    if (this.isLeaf(i)) this.results.push(value);
    else this.evaluate(i + 1, value);
  }

  private evaluate(i: number, model: unknown): void {
    const token = this.tokens[i];
    switch (token.kind) {
      case 'root':
        this.passOn(i, model);
        return;
      case 'property':
        if (!isMap(model)) throw new PathNotFound(`no property ${token.names.join(', ')} in a value that is not an object`);
        this.properties(i, token.names, model);
        return;
      case 'wildcard':
        this.wildcard(i, model);
        return;
      case 'scan':
        this.scan(i, model);
        return;
      case 'array':
        this.array(i, token, model);
        return;
      case 'filter':
        this.filter(i, model);
        return;
    }
  }

  private properties(i: number, names: string[], model: JavaMap): void {
    if (names.length === 1) {
      const value = memberOf(model, names[0]);
      if (value === ABSENT) {
        // The last step may lead nowhere (the read then has no result for this item); a step before it may not.
        if (this.isLeaf(i) && this.options.suppress && !this.options.requireProperties) return;
        throw new PathNotFound(`no property ${names[0]}`);
      }
      this.passOn(i, value);
      return;
    }
    if (!this.isLeaf(i)) throw new EvaluationFailure('several properties can only be the last step of a path');
    // A map of the same kind as the node, in the order of the names.
    const merged: JavaMap = model instanceof Map ? new Map() : {};
    for (const name of names) {
      const value = memberOf(model, name);
      if (value !== ABSENT) mapSet(merged, name, value);
      else if (this.options.requireProperties) throw new PathNotFound(`no property ${name}`);
    }
    this.results.push(merged);
  }

  private wildcard(i: number, model: unknown): void {
    if (isMap(model)) {
      for (const value of mapValues(model)) this.passOn(i, value);
    } else if (Array.isArray(model)) {
      for (let index = 0; index < model.length; index++) {
        try {
          this.index(i, index, model);
        } catch (error) {
          if (!(error instanceof PathNotFound) || this.options.requireProperties) throw error;
        }
      }
    }
  }

  private index(i: number, index: number, list: unknown[]): void {
    if (index < 0 || index >= list.length) throw new PathNotFound(`index ${index} is outside the list`);
    this.passOn(i, list[index]);
  }

  private array(i: number, token: Extract<PathToken, { kind: 'array' }>, model: unknown): void {
    if (isNull(model)) throw new PathNotFound('an index into null');
    if (!Array.isArray(model)) throw new EvaluationFailure('an index into a value that is not a list');
    const [first, second] = token.numbers;
    const length = model.length;
    switch (token.operation) {
      case 'index':
        this.index(i, first, model);
        return;
      case 'indexes':
        for (const index of token.numbers) this.index(i, index, model);
        return;
      case 'fromEnd':
        this.index(i, length + first, model);
        return;
      case 'sliceFrom': {
        const from = Math.max(0, first < 0 ? first + length : first);
        for (let index = from; index < length; index++) this.index(i, index, model);
        return;
      }
      case 'sliceTo': {
        const to = Math.min(length, first < 0 ? first + length : first);
        for (let index = 0; index < to; index++) this.index(i, index, model);
        return;
      }
      case 'sliceBetween': {
        // Neither end counts from the end of the list here: a negative start is an index out of range.
        const to = Math.min(length, second);
        for (let index = first; index < to; index++) this.index(i, index, model);
        return;
      }
    }
  }

  private filter(i: number, model: unknown): void {
    if (isMap(model)) {
      if (this.accepts(i, model)) this.passOn(i, model);
    } else if (Array.isArray(model)) {
      for (let index = 0; index < model.length; index++) if (this.accepts(i, model[index])) this.index(i, index, model);
    } else {
      throw new EvaluationFailure('a filter applied to a value that is neither a list nor an object');
    }
  }

  private accepts(i: number, item: unknown): boolean {
    const token = this.tokens[i] as Extract<PathToken, { kind: 'filter' }>;
    for (const filter of token.filters) {
      if (filter === null) throw new EvaluationFailure('[?] stands for a filter that a template cannot pass');
      if (!this.applies(filter, item)) return false;
    }
    return true;
  }

  private applies(filter: Filter, item: unknown): boolean {
    switch (filter.kind) {
      case 'criteria':
        return this.holds(filter.criteria, item);
      case 'and':
        return filter.filters.every((f) => this.applies(f, item));
      case 'or':
        return this.applies(filter.left, item) || this.applies(filter.right, item);
    }
  }

  private holds(criteria: Criteria, item: unknown): boolean {
    if (criteria.kind === 'exists') {
      try {
        // Read from the item, even when the path starts with `$`.
        const value = valueOf(criteria.path, item, this.root, EXISTENCE);
        return criteria.exists ? !isNull(value) : isNull(value);
      } catch (error) {
        if (error instanceof PathNotFound) return !criteria.exists;
        throw error;
      }
    }
    try {
      const left = this.operand(criteria.left, item);
      const right = this.operand(criteria.right, item);
      return compareWith(criteria.operator, right, left);
    } catch (error) {
      if (error instanceof PathNotFound) return false;
      throw error;
    }
  }

  private operand(operand: Operand, item: unknown): unknown {
    switch (operand.kind) {
      case 'path':
        return valueOf(operand.path, operand.path.rootPath ? this.root : item, this.root, READING);
      case 'pattern':
        return operand.pattern;
      case 'text':
        return operand.value;
    }
  }

  /**
   * `..`: the next token tried at every map and list below, parents before children. A list where the next token
   * applies hands each of its items to the token after that one (Jayway 2.0 does so, whatever the token is). The
   * walk keeps its own stack: a payload may nest deeper than the call stack goes.
   */
  private scan(i: number, model: unknown): void {
    const target = i + 1;
    // Only `.` (read as `$..`) gets here: Jayway then asks the last token for the one after it, and fails.
    if (target >= this.tokens.length) throw new EvaluationFailure('a deep scan of nothing');
    const pending: unknown[] = [model];
    while (pending.length > 0) {
      const node = pending.pop();
      let children: unknown[];
      if (isMap(node)) {
        if (this.scanApplies(target, node)) this.evaluate(target, node);
        children = mapValues(node);
      } else if (Array.isArray(node)) {
        if (this.scanApplies(target, node)) {
          if (this.isLeaf(target)) this.evaluate(target, node);
          else for (const item of node) this.evaluate(target + 1, item);
        }
        children = node;
      } else {
        continue;
      }
      // Last child first onto the stack, so that the first comes off it next.
      for (let c = children.length - 1; c >= 0; c--) pending.push(children[c]);
    }
  }

  /** Where a deep scan tries its next token: a name where the map has it, an index in any list, a filter where it holds. */
  private scanApplies(target: number, node: unknown): boolean {
    const token = this.tokens[target];
    switch (token.kind) {
      case 'property':
        return isMap(node) && token.names.every((name) => memberOf(node, name) !== ABSENT);
      case 'array':
        return Array.isArray(node);
      case 'wildcard':
        return true;
      case 'filter':
        return this.accepts(target, node);
      default:
        return false;
    }
  }
}

/** A definite path's value read from `start`; PathNotFound when it has none. */
function valueOf(path: CompiledPath, start: unknown, root: unknown, options: Options): unknown {
  const results = new Evaluation(path, root, options).run(start);
  if (results.length === 0) throw new PathNotFound('no value');
  return results[0];
}
