import { getOwn, isJsonObject } from '../model/jsonObjects';
import { editDistance, nearMiss } from '../services/rules/nearMiss';
import type { JsonPath } from './jsonLocations';

/**
 * The part of JSON Schema (draft 7) that the local configuration's schema uses. The checks below read nothing else,
 * so a keyword added to that schema must be added here too (the configuration tests check both agree).
 */
export interface ConfigSchema {
  type?: string;
  properties?: Record<string, ConfigSchema>;
  additionalProperties?: boolean | ConfigSchema;
  required?: string[];
  items?: ConfigSchema;
  oneOf?: ConfigSchema[];
  not?: ConfigSchema;
  $ref?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  definitions?: Record<string, ConfigSchema>;
}

export interface SchemaProblem {
  path: JsonPath;
  message: string;
  /** A key the schema does not know: ignored, so a warning rather than an error, and placed at the key. */
  unknownKey?: boolean;
}

/**
 * Checks a value against a schema and says, for each problem, where and what in words a user can act on. Keys the
 * schema does not allow are reported apart (`unknownKey`), with the key most likely meant.
 */
export function checkAgainstSchema(value: unknown, schema: ConfigSchema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walk(value, schema, [], schema, problems);
  return problems;
}

/** `functions.GetPet.timeoutSeconds`; keys that are not plain names in brackets: `functions["arn:aws:..."]`. */
export function keyPath(path: JsonPath): string {
  if (path.length === 0) return 'the configuration';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : /^[A-Za-z_$][\w$-]*$/.test(part) ? `${i ? '.' : ''}${part}` : `[${JSON.stringify(part)}]`))
    .join('');
}

/**
 * The one candidate a key was most likely meant to be: a near miss (`variabls`), or the start of a longer name, cut
 * short or misspelt (`timeout` and `timout` for `timeoutSeconds`, `memory` for `memorySizeMB`).
 */
export function suggestKey(key: string, candidates: readonly string[]): string | undefined {
  const near = nearMiss(key, candidates);
  if (near || key.length < 3) return near;
  const lower = key.toLowerCase();
  const allowed = lower.length < 5 ? 0 : 1;
  const starts = candidates.filter((candidate) => {
    const c = candidate.toLowerCase();
    if (c.length <= lower.length) return false;
    return [lower.length - 1, lower.length, lower.length + 1].some((n) => editDistance(lower, c.slice(0, n), allowed) <= allowed);
  });
  return starts.length === 1 ? starts[0] : undefined;
}

function walk(value: unknown, given: ConfigSchema, path: JsonPath, root: ConfigSchema, out: SchemaProblem[]): void {
  const schema = resolve(given, root);
  if (schema.oneOf) out.push(...oneOf(value, schema.oneOf, path, root));
  if (schema.not) {
    const inner: SchemaProblem[] = [];
    walk(value, schema.not, path, root, inner);
    if (!inner.some(isError)) out.push({ path, message: `${keyPath(path)} ${schema.not.required ? `must not have ${schema.not.required.join(', ')}` : 'is not allowed here'}` });
  }
  if (schema.type && !hasType(value, schema.type)) {
    out.push({ path, message: `${keyPath(path)} must be ${typeName(schema.type)}, not ${describeValue(value)}` });
    return;
  }
  if (typeof value === 'number') {
    const bound =
      schema.exclusiveMinimum !== undefined && !(value > schema.exclusiveMinimum)
        ? `greater than ${schema.exclusiveMinimum}`
        : schema.minimum !== undefined && value < schema.minimum
          ? `at least ${schema.minimum}`
          : schema.maximum !== undefined && value > schema.maximum
            ? `at most ${schema.maximum}`
            : undefined;
    if (bound) out.push({ path, message: `${keyPath(path)} must be ${bound}, not ${value}` });
  }
  if (isJsonObject(value)) {
    for (const key of schema.required ?? []) if (!Object.hasOwn(value, key)) out.push({ path, message: `${keyPath([...path, key])} is missing` });
    for (const [key, child] of Object.entries(value)) {
      const known = schema.properties && getOwn(schema.properties, key);
      if (known) walk(child, known, [...path, key], root, out);
      else if (schema.additionalProperties === false) out.push(unknownKey([...path, key], Object.keys(schema.properties ?? {})));
      else if (typeof schema.additionalProperties === 'object') walk(child, schema.additionalProperties, [...path, key], root, out);
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => walk(item, schema.items!, [...path, i], root, out));
}

/**
 * The problems of the alternative that fits: none when one does; else those of the one the value came closest to,
 * taken to be the one whose problems lie deepest (`jwks.keys` not a list, rather than `jwks` not an issuer map).
 */
function oneOf(value: unknown, branches: ConfigSchema[], path: JsonPath, root: ConfigSchema): SchemaProblem[] {
  const attempts = branches.map((branch) => {
    const problems: SchemaProblem[] = [];
    walk(value, branch, path, root, problems);
    return problems;
  });
  const fits = attempts.find((problems) => !problems.some(isError));
  if (fits) return fits;
  const depth = (problems: SchemaProblem[]) => Math.max(...problems.filter(isError).map((p) => p.path.length));
  return attempts.reduce((best, problems) => (depth(problems) > depth(best) ? problems : best));
}

function unknownKey(path: JsonPath, known: string[]): SchemaProblem {
  const key = String(path[path.length - 1]);
  const candidates = known.filter((k) => k !== '$schema');
  const meant = suggestKey(key, candidates);
  const hint = meant ? ` (did you mean ${meant}?)` : candidates.length ? ` (known here: ${candidates.join(', ')})` : '';
  return { path, unknownKey: true, message: `${keyPath(path)} is not a known setting${hint}; it is ignored` };
}

function resolve(schema: ConfigSchema, root: ConfigSchema): ConfigSchema {
  const ref = schema.$ref && /^#\/definitions\/(.+)$/.exec(schema.$ref);
  const target = ref && root.definitions && getOwn(root.definitions, ref[1]);
  return target || schema;
}

function isError(problem: SchemaProblem): boolean {
  return !problem.unknownKey;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isJsonObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function typeName(type: string): string {
  const names: Record<string, string> = { object: 'an object', array: 'a list', integer: 'a whole number', string: 'a string', number: 'a number', boolean: 'true or false' };
  return getOwn(names, type) ?? type;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isJsonObject(value)) return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}
