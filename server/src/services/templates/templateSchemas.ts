/**
 * The payload schema a template reads: the operation's request body for request templates, the method response
 * of the integration response's status code for response templates. JSONPath completion and hover walk it, and so
 * do members of template variables that hold a part of the payload.
 */
import { schemaPhrase } from '../editing/refTargetSummary';
import type { ApiDocument } from '../../model/apiDocument';
import type { ObjectNode, PropertyNode, ValueNode } from '../../model/nodes';
import { asObject, asString, findNodeAtPath, getValue, keyName } from '../../model/navigate';
import type { LocatedTemplate } from './locate';
import type { PayloadFacts, PropertyFacts, ValueShape } from './variableValues';

const MAX_REF_HOPS = 32;

export interface SchemaProperty {
  name: string;
  schema: ObjectNode | undefined;
  /** The entry of a `properties` map that declares it, for Go to Definition. */
  declaration: PropertyNode;
}

export function payloadSchema(document: ApiDocument, template: LocatedTemplate): ObjectNode | undefined {
  return resolve(document, payloadSchemaNode(document, template));
}

/**
 * The payload schema as written, its own `$ref` not followed: Go to Definition follows one into another file, which
 * `resolve` cannot read.
 */
export function payloadSchemaNode(document: ApiDocument, template: LocatedTemplate): ValueNode | undefined {
  const operation = template.operation?.node;
  if (!operation) return undefined;
  if (template.kind === 'request') return requestBodySchemaNode(document, operation, template.mimeType);
  if (template.kind !== 'response') return undefined;
  const responses = asObject(getValue(operation, 'responses'));
  const status = template.statusCode ?? responses?.properties.map(keyName).find((code) => code.startsWith('2'));
  const response = resolve(document, status === undefined ? undefined : getValue(responses, status));
  if (!response) return undefined;
  return getValue(response, 'content') ? contentSchemaNode(document, response, template.mimeType) : getValue(response, 'schema');
}

/**
 * An operation's request body schema: OpenAPI 3's for the media type (else JSON's, else the first one's), Swagger
 * 2.0's `in: body` parameter's.
 */
export function requestBodySchema(document: ApiDocument, operation: ObjectNode, mimeType = 'application/json'): ObjectNode | undefined {
  return resolve(document, requestBodySchemaNode(document, operation, mimeType));
}

function requestBodySchemaNode(document: ApiDocument, operation: ObjectNode, mimeType = 'application/json'): ValueNode | undefined {
  const requestBody = resolve(document, getValue(operation, 'requestBody'));
  if (requestBody) return contentSchemaNode(document, requestBody, mimeType);
  const parameters = [...arrayItems(getValue(operation, 'parameters')), ...arrayItems(getValue(pathItemOf(operation), 'parameters'))];
  const body = parameters.map((p) => resolve(document, p)).find((p) => asString(getValue(p, 'in')) === 'body');
  return getValue(body, 'schema');
}

function pathItemOf(operation: ObjectNode): ValueNode | undefined {
  const property = operation.parent;
  return property?.type === 'property' ? property.parent : undefined;
}

function arrayItems(node: ValueNode | undefined): ValueNode[] {
  return node?.type === 'array' ? node.items : [];
}

/** The media type matching the template's MIME type, else JSON, else the first one. */
function contentSchemaNode(document: ApiDocument, owner: ObjectNode, mimeType: string): ValueNode | undefined {
  const content = asObject(getValue(owner, 'content'));
  const media = getValue(content, mimeType) ?? getValue(content, 'application/json') ?? content?.properties[0]?.value;
  return getValue(resolve(document, media), 'schema');
}

/** Follows local `$ref`s (`#/components/schemas/Pet`, `#/definitions/Pet`). */
export function resolve(document: ApiDocument, node: ValueNode | undefined): ObjectNode | undefined {
  let current = asObject(node);
  for (let hop = 0; current && hop < MAX_REF_HOPS; hop++) {
    const ref = asString(getValue(current, '$ref'));
    if (ref === undefined) return current;
    if (!ref.startsWith('#/')) return undefined;
    const path = ref.slice(2).split('/').map((s) => decodeURIComponent(s.replace(/~1/g, '/').replace(/~0/g, '~')));
    current = asObject(findNodeAtPath(document.root, path));
  }
  return undefined;
}

/** Properties of an object schema, including those contributed by `allOf`, `oneOf` and `anyOf` members. */
export function schemaProperties(document: ApiDocument, schema: ObjectNode | undefined, depth = 0): SchemaProperty[] {
  if (!schema || depth > 8) return [];
  const found = new Map<string, SchemaProperty>();
  for (const property of asObject(getValue(schema, 'properties'))?.properties ?? []) {
    found.set(keyName(property), { name: keyName(property), schema: resolve(document, property.value), declaration: property });
  }
  for (const combiner of ['allOf', 'oneOf', 'anyOf']) {
    for (const member of arrayItems(getValue(schema, combiner))) {
      for (const p of schemaProperties(document, resolve(document, member), depth + 1)) if (!found.has(p.name)) found.set(p.name, p);
    }
  }
  return [...found.values()];
}

/** The element schema of an array schema; other schemas are returned as they are (JSONPath steps through lists). */
export function elementSchema(document: ApiDocument, schema: ObjectNode | undefined): ObjectNode | undefined {
  if (schema && (asString(getValue(schema, 'type')) === 'array' || getValue(schema, 'items'))) return resolve(document, getValue(schema, 'items'));
  return schema;
}

/** A short type label: `string`, `integer (int64)`, `array of Pet`, `Pet`; `any` when the schema says nothing. */
export function schemaTypeLabel(document: ApiDocument, node: ValueNode | undefined): string {
  return schemaPhrase(document, node) ?? 'any';
}

/** The unresolved schema node of a property, to label `$ref`s by their name. */
export function rawPropertySchema(schema: ObjectNode | undefined, name: string): ValueNode | undefined {
  return getValue(asObject(getValue(schema, 'properties')), name);
}

export type JsonPathStep = { kind: 'property'; name: string } | { kind: 'element' };

/** The steps of a JSONPath written so far, e.g. `$.pets[0].name` → property pets, element, property name. */
export function jsonPathSteps(expression: string): JsonPathStep[] | undefined {
  if (!expression.startsWith('$')) return undefined;
  const steps: JsonPathStep[] = [];
  const pattern = /\.\.?([A-Za-z0-9_$-]*)|\[\s*(?:'([^']*)'|"([^"]*)"|[^\]]*)\s*\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < expression.length) {
    const match = pattern.exec(expression);
    if (!match) return undefined;
    const quoted = match[2] ?? match[3];
    if (match[0].startsWith('.')) steps.push({ kind: 'property', name: match[1] });
    else steps.push(quoted !== undefined ? { kind: 'property', name: quoted } : { kind: 'element' });
  }
  return steps;
}

/** Walks the schema along JSONPath steps; undefined where the schema ends. */
export function schemaAtSteps(document: ApiDocument, schema: ObjectNode | undefined, steps: JsonPathStep[]): ObjectNode | undefined {
  let current = schema;
  for (const step of steps) {
    if (!current) return undefined;
    if (step.kind === 'element') {
      current = elementSchema(document, current);
      continue;
    }
    const holder = elementSchema(document, current) ?? current;
    current = schemaProperties(document, holder).find((p) => p.name === step.name)?.schema;
  }
  return current;
}

/**
 * What the payload at these steps is, read as a template variable holds it: unlike a JSONPath, a Velocity member of a
 * list does not reach into its elements, and an index of a map is no element.
 */
export function payloadFacts(document: ApiDocument, template: LocatedTemplate, steps: JsonPathStep[]): PayloadFacts | undefined {
  let schema = payloadSchema(document, template);
  for (const step of steps) {
    if (!schema) return undefined;
    const shape = valueShape(document, schema);
    if (step.kind === 'element') schema = shape === 'list' ? resolve(document, getValue(schema, 'items')) : undefined;
    else schema = shape === 'map' ? schemaProperties(document, schema).find((p) => p.name === step.name)?.schema : undefined;
  }
  if (!schema) return undefined;
  const shape = valueShape(document, schema);
  return { shape, properties: shape === 'map' ? propertyFacts(document, schema) : [] };
}

/** The properties found where a JSONPath (`$.pets[0]`) leads in `schema`: the object's there, or its elements'. */
export function jsonPathProperties(document: ApiDocument, schema: ObjectNode | undefined, expression: string): PropertyFacts[] {
  const steps = jsonPathSteps(expression);
  if (!steps) return [];
  const found = schemaAtSteps(document, schema, steps);
  return propertyFacts(document, elementSchema(document, found) ?? found);
}

/** Labels and descriptions of an object schema's properties, as completion and hover show them. */
export function propertyFacts(document: ApiDocument, holder: ObjectNode | undefined): PropertyFacts[] {
  return schemaProperties(document, holder).map((p) => ({
    name: p.name,
    type: schemaTypeLabel(document, rawPropertySchema(holder, p.name) ?? p.schema),
    description: asString(getValue(p.schema, 'description')),
    declaration: p.declaration,
  }));
}

/** What `$input.path` makes of JSON the schema describes; undefined for numbers, booleans and schemas that do not say. */
export function valueShape(document: ApiDocument, schema: ObjectNode): ValueShape | undefined {
  const type = declaredType(schema);
  if (type === 'array' || (type === undefined && getValue(schema, 'items'))) return 'list';
  if (type === 'string') return 'string';
  if (type === 'object' || getValue(schema, 'additionalProperties')) return 'map';
  return type === undefined && schemaProperties(document, schema).length > 0 ? 'map' : undefined;
}

/** `type`, or the one type besides `null` of an OpenAPI 3.1 list of types. */
function declaredType(schema: ObjectNode): string | undefined {
  const type = getValue(schema, 'type');
  if (type?.type !== 'array') return asString(type);
  const named = type.items.map(asString).filter((t) => t !== undefined && t !== 'null');
  return named.length === 1 ? named[0] : undefined;
}
