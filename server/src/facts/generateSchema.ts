import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ValueSpec, ValueType } from './extensionTypes';
import { EXTENSIONS } from './extensions';

/**
 * Builds a JSON Schema (draft-07) of every `x-amazon-apigateway-*` extension from the catalog, for editors and tools
 * that read JSON Schema. It is dialect-neutral: fields required by only one kind of API are not marked required.
 */
export const SCHEMA_FILE = resolve(__dirname, '../../../schemas/x-amazon-apigateway.schema.json');

type JsonSchema = Record<string, unknown>;

const JSON_TYPES: Record<Exclude<ValueType, 'any'>, string> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  object: 'object',
  array: 'array',
  map: 'object',
};

/** JSON Schema has no case-insensitive enum; a pattern with both cases of each letter says the same. */
function caseInsensitivePattern(values: string[]): string {
  const alternatives = values.map((v) =>
    [...v].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join(''),
  );
  return `^(${alternatives.join('|')})$`;
}

function describe(spec: ValueSpec): JsonSchema {
  const schema: JsonSchema = {};
  const text = spec.docsUrl ? `${spec.doc}\n\n[AWS documentation](${spec.docsUrl})` : spec.doc;
  schema.description = spec.doc.replace(/\*\*|`/g, '');
  schema.markdownDescription = text;
  return schema;
}

export function valueSchema(spec: ValueSpec): JsonSchema {
  const schema = describe(spec);
  const types = (Array.isArray(spec.type) ? spec.type : [spec.type]).filter((t): t is Exclude<ValueType, 'any'> => t !== 'any');
  const jsonTypes = [...new Set(types.map((t) => JSON_TYPES[t]))];
  if (jsonTypes.length === 1) schema.type = jsonTypes[0];
  else if (jsonTypes.length > 1) schema.type = jsonTypes;
  if (spec.enum) {
    if (spec.caseInsensitive) schema.pattern = caseInsensitivePattern(spec.enum);
    else if (jsonTypes.includes('number')) schema.enum = [...spec.enum, ...spec.enum.map(Number).filter((n) => !Number.isNaN(n))];
    else schema.enum = spec.enum;
    if (spec.enumDocs) {
      if (spec.caseInsensitive) schema.examples = spec.enum;
      else schema.markdownEnumDescriptions = (schema.enum as unknown[]).map((v) => spec.enumDocs?.[String(v)] ?? spec.enumDocs?.[Number(v).toFixed(1)] ?? '');
    }
  }
  if (spec.minimum !== undefined) schema.minimum = spec.minimum;
  if (spec.maximum !== undefined) schema.maximum = spec.maximum;
  if (spec.pattern) schema.pattern = spec.pattern;
  if (spec.examples && !schema.examples) schema.examples = spec.examples;
  if (spec.fields) {
    const properties: JsonSchema = {};
    const required: string[] = [];
    for (const field of spec.fields) {
      properties[field.name] = valueSchema(field);
      if (field.required === true) required.push(field.name);
    }
    schema.properties = properties;
    // An HTTP API integration may be only a `$ref` to a reusable one, so nothing else can be required there.
    const isReference = spec.fields.some((f) => f.name === '$ref');
    if (required.length && !isReference) schema.required = required;
    // At most one of each group, and one of a required group. Only of an object: `required` holds of any other value,
    // so a list (a policy's statements, also allowed as one object) would match every branch of a `oneOf`.
    const exclusive = (spec.exclusiveFields ?? []).map(({ names, required: one }) =>
      one ? { oneOf: names.map((name) => ({ required: [name] })) } : { not: { anyOf: pairsOf(names).map((pair) => ({ required: pair })) } },
    );
    if (exclusive.length) schema.if = { type: 'object' };
    if (exclusive.length) schema.then = { allOf: exclusive };
  }
  if (spec.items) schema.items = valueSchema(spec.items);
  if (spec.keyEnum) schema.propertyNames = { enum: spec.keyEnum };
  else if (spec.keyPattern) schema.propertyNames = { pattern: spec.keyPattern };
  if (spec.values) {
    schema.additionalProperties = valueSchema(spec.values);
  } else if (spec.additionalFields === false) {
    schema.patternProperties = { '^x-': {} };
    schema.additionalProperties = false;
  }
  return schema;
}

export function generateExtensionSchema(): JsonSchema {
  const definitions: JsonSchema = {};
  const properties: JsonSchema = {};
  for (const extension of EXTENSIONS) {
    const schema = valueSchema(extension);
    schema.markdownDescription = `${extension.doc}\n\nApplies to: ${extension.dialects.map((d) => (d === 'rest' ? 'REST APIs' : 'HTTP APIs')).join(', ')}. Placement: ${extension.placements.join(', ')}.\n\n[AWS documentation](${extension.docsUrl})`;
    definitions[extension.name] = schema;
    properties[extension.name] = { $ref: `#/definitions/${extension.name}` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://apigw-tools.invalid/schemas/x-amazon-apigateway.schema.json',
    title: 'Amazon API Gateway extensions to OpenAPI',
    description: 'Values of the x-amazon-apigateway-* extensions. Generated from the API Gateway Studio extension catalog; each definition applies to the extension of the same name.',
    type: 'object',
    properties,
    definitions,
  };
}

function pairsOf(names: string[]): string[][] {
  return names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b]));
}

export function renderExtensionSchema(): string {
  return `${JSON.stringify(generateExtensionSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, renderExtensionSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
