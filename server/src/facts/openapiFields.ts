/**
 * OpenAPI's own fields and values at a place in a definition, read from the official JSON Schema of its version (the
 * same schemas the structure check validates with), so that completion knows `operationId` or `in: query` exactly as
 * the validation does.
 */
import { SCHEMA_SOURCES, type OpenApiVersion } from './openapiSchemaSources';
import type { NodePath } from '../model/nodes';

type Schema = { [keyword: string]: unknown };

/** A field the schema defines at a place: its name, the JSON types its value may have, and whether it is required. */
export interface OpenApiField {
  name: string;
  types: string[];
  required: boolean;
  /** The schema definition whose object has the field (`Operation`, `path-item`; empty for the root), when known. */
  owner?: string;
}

/** Deep enough for any place in a definition; a schema that recurses through references never ends otherwise. */
const MAX_DEPTH = 64;

/**
 * The fields of the object at `path` (the keys an author may write there, extensions aside), empty where the schema
 * names none (maps such as `paths` or `responses`).
 */
export function openApiFieldsAt(version: OpenApiVersion, path: NodePath): OpenApiField[] {
  const fields = new Map<string, OpenApiField>();
  const { schemas, alternatives, names } = schemasAt(version, path);
  for (const schema of schemas) {
    // What one alternative requires, the others do not.
    const required = Array.isArray(schema.required) && !alternatives.has(schema) ? (schema.required as string[]) : [];
    const properties = schema.properties as Record<string, unknown> | undefined;
    for (const name of Object.keys(properties ?? {})) {
      const field = fields.get(name) ?? { name, types: [], required: false, owner: names.get(schema) };
      for (const type of typesOf(version, properties![name])) if (!field.types.includes(type)) field.types.push(type);
      field.required ||= required.includes(name);
      fields.set(name, field);
    }
    // A Reference Object: the one key it takes is written as a pattern.
    if (Array.isArray(schema.required) && schema.required.includes('$ref') && !fields.has('$ref')) fields.set('$ref', { name: '$ref', types: ['string'], required: false });
  }
  return [...fields.values()];
}

/** The values the schema allows at `path`, when it lists them (`in`, a schema's `type`, a security scheme's `type`). */
export function openApiValuesAt(version: OpenApiVersion, path: NodePath): (string | number | boolean)[] {
  const values = new Set<string | number | boolean>();
  for (const schema of schemasAt(version, path).schemas) {
    for (const value of Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : []) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values.add(value);
    }
  }
  return [...values];
}

/**
 * Every schema that applies at `path`, alternatives expanded and references followed; `alternatives` holds those
 * reached only as one of several alternatives (`oneOf`, `anyOf`, `if`'s branches).
 */
function schemasAt(version: OpenApiVersion, path: NodePath): Expanded {
  const root = SCHEMA_SOURCES[version].schema as Schema;
  let current = expand(root, [root]);
  for (const segment of path) {
    const next: Schema[] = [];
    for (const schema of current.schemas) next.push(...(childrenOf(schema, segment) as Schema[]));
    current = expand(root, next);
    if (current.schemas.length === 0) break;
  }
  return current;
}

interface Expanded {
  schemas: Schema[];
  alternatives: Set<Schema>;
  /** The definition names of the schemas reached through a reference (the root's is empty). */
  names: Map<Schema, string>;
}

function childrenOf(schema: Schema, segment: string | number): unknown[] {
  if (typeof segment === 'number') {
    const items = schema.items;
    return items && typeof items === 'object' && !Array.isArray(items) ? [items] : [];
  }
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) return [properties[segment]];
  const matching = Object.entries((schema.patternProperties as Record<string, unknown> | undefined) ?? {})
    .filter(([pattern]) => safeTest(pattern, segment))
    .map(([, child]) => child);
  if (matching.length) return matching;
  return schema.additionalProperties && typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : [];
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

/** The schemas themselves and every schema their references and alternatives reach, once each. */
function expand(root: Schema, schemas: unknown[]): Expanded {
  const seen = new Set<Schema>();
  const alternatives = new Set<Schema>();
  const names = new Map<Schema, string>([[root, '']]);
  const visit = (value: unknown, depth: number, alternative: boolean) => {
    if (!value || typeof value !== 'object' || Array.isArray(value) || depth > MAX_DEPTH) return;
    const schema = value as Schema;
    if (seen.has(schema)) {
      // Reached for certain after all: it, and what it reaches, apply as a whole.
      if (alternative || !alternatives.has(schema)) return;
      alternatives.delete(schema);
    }
    seen.add(schema);
    if (alternative) alternatives.add(schema);
    if (typeof schema.$ref === 'string') {
      const target = resolve(root, schema.$ref);
      if (target && typeof target === 'object' && !names.has(target as Schema)) names.set(target as Schema, schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1));
      visit(target, depth + 1, alternative);
    }
    const allOf = schema.allOf;
    if (Array.isArray(allOf)) for (const branch of allOf) visit(branch, depth + 1, alternative);
    for (const keyword of ['oneOf', 'anyOf']) {
      const branches = schema[keyword];
      if (Array.isArray(branches)) for (const branch of branches) visit(branch, depth + 1, true);
    }
    visit(schema.then, depth + 1, true);
    visit(schema.else, depth + 1, true);
  };
  for (const schema of schemas) visit(schema, 0, false);
  return { schemas: [...seen], alternatives, names };
}

/** A reference inside the schema (`#/definitions/Operation`, `#/$defs/operation`); others are not followed. */
function resolve(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let value: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    value = value && typeof value === 'object' ? (value as Schema)[key] : undefined;
  }
  return value;
}

/** The JSON types a field's value may have, from its schema and what that schema reaches. */
function typesOf(version: OpenApiVersion, value: unknown): string[] {
  const types = new Set<string>();
  for (const schema of expand(SCHEMA_SOURCES[version].schema as Schema, [value]).schemas) {
    const type = schema.type;
    for (const t of Array.isArray(type) ? type : typeof type === 'string' ? [type] : []) types.add(String(t));
    if (!type && (schema.properties || schema.patternProperties || schema.additionalProperties)) types.add('object');
  }
  return [...types];
}
