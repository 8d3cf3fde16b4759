import type { ApiDocument } from '../model/apiDocument';
import { getValue, toValue } from '../model/navigate';
import { deref, operationParameters, pathTemplateParameters, resolveLocalRef, type OperationRef } from '../model/openapiWalk';
import type { ValueNode } from '../model/nodes';

/** A request to try an operation or a template with, pre-filled from what the document declares. */
export interface SampleRequest {
  method: string;
  path: string;
  params: { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> };
  body: string;
  contentType: string;
}

/** Schemas nest and refer to themselves; a sample stops descending here. */
const MAX_DEPTH = 6;

/**
 * Declared parameters with example values, and a body from the request body's example or a schema-shaped value.
 * Every declared query parameter is listed, so the user sees which names the operation reads; an optional one
 * without an example stays empty. Parameters never get a type's placeholder (`string`): a path `/pets/string`
 * names no resource.
 */
export function sampleRequestFor(document: ApiDocument, op: OperationRef): SampleRequest {
  const params: SampleRequest['params'] = { path: {}, querystring: {}, header: {} };
  for (const name of pathTemplateParameters(op.path)) params.path[name.replace(/\+$/, '')] = sampleParameterValue(name);
  for (const parameter of operationParameters(document, op)) {
    const target = parameter.in === 'path' ? params.path : parameter.in === 'query' ? params.querystring : parameter.in === 'header' ? params.header : undefined;
    if (!target) continue;
    const required = toValue(getValue(parameter.node, 'required')) === true;
    if (!required && parameter.in === 'header') continue;
    const example = declaredExample(document, parameter.node);
    if (example !== undefined) target[parameter.name] = example;
    else target[parameter.name] = required || parameter.in === 'path' ? sampleParameterValue(parameter.name) : '';
  }
  const { body, contentType } = sampleBody(document, op);
  return { method: op.method, path: op.path, params, body, contentType };
}

/** A parameter's own example, else its schema's example, default or first enum value; never a placeholder of its type. */
function declaredExample(document: ApiDocument, parameter: ValueNode): string | undefined {
  const own = toValue(getValue(parameter, 'example'));
  if (isScalar(own)) return String(own);
  let schema = schemaOfParameter(parameter);
  // A reference takes a step of the depth, as in exampleFromSchema; a cycle of references ends there too.
  for (let depth = 0; schema && depth <= MAX_DEPTH; depth++) {
    const target = deref(document, schema);
    if (target !== schema) {
      schema = target;
      continue;
    }
    for (const key of ['example', 'default']) {
      const value = toValue(getValue(schema, key));
      if (isScalar(value)) return String(value);
    }
    const enumValues = getValue(schema, 'enum');
    if (enumValues?.type === 'array' && enumValues.items[0]) {
      const first = toValue(enumValues.items[0]);
      if (isScalar(first)) return String(first);
    }
    // An array parameter (`?tag=a&tag=b`) shows its items' example.
    schema = getValue(schema, 'items');
  }
  return undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * A backend answer for a response template: the example or schema of the method response the template serves, as
 * JSON; undefined when the operation declares none for that status.
 */
export function sampleResponseBody(document: ApiDocument, op: OperationRef, statusCode: string): string | undefined {
  const response = deref(document, getValue(getValue(op.operation, 'responses'), statusCode));
  if (!response) return undefined;
  let schema: ValueNode | undefined;
  let example: unknown;
  const content = getValue(response, 'content');
  if (content?.type === 'object' && content.properties.length) {
    const json = content.properties.find((p) => /json/i.test(String(p.keyValue))) ?? content.properties[0];
    schema = getValue(json.value, 'schema');
    example = toValue(getValue(json.value, 'example'));
  } else {
    schema = getValue(response, 'schema');
    const examples = toValue(getValue(response, 'examples'));
    if (examples && typeof examples === 'object') example = Object.entries(examples as Record<string, unknown>).find(([type]) => /json/i.test(type))?.[1];
  }
  if (example === undefined && schema) example = exampleFromSchema(document, schema, 0);
  return example === undefined ? undefined : JSON.stringify(example, null, 2);
}

function schemaOfParameter(parameter: ValueNode): ValueNode | undefined {
  return getValue(parameter, 'schema') ?? parameter;
}

function sampleParameterValue(name: string): string {
  return /id$/i.test(name) ? '123' : 'example';
}

function sampleBody(document: ApiDocument, op: OperationRef): { body: string; contentType: string } {
  let schema: ValueNode | undefined;
  let example: unknown;
  let contentType = 'application/json';
  if (document.kind === 'openapi') {
    const content = getValue(deref(document, getValue(op.operation, 'requestBody')), 'content');
    if (content?.type === 'object' && content.properties.length) {
      const json = content.properties.find((p) => /json/i.test(String(p.keyValue))) ?? content.properties[0];
      contentType = String(json.keyValue);
      schema = getValue(json.value, 'schema');
      example = toValue(getValue(json.value, 'example'));
      const examples = getValue(json.value, 'examples');
      if (example === undefined && examples?.type === 'object' && examples.properties[0]) {
        example = toValue(getValue(deref(document, examples.properties[0].value), 'value'));
      }
    }
  } else {
    const parameters = [getValue(op.operation, 'parameters'), getValue(op.pathItem, 'parameters')];
    for (const list of parameters) {
      if (list?.type !== 'array') continue;
      const bodyParameter = list.items.map((i) => deref(document, i)).find((p) => toValue(getValue(p, 'in')) === 'body');
      if (bodyParameter) schema = getValue(bodyParameter, 'schema');
    }
    const consumes = toValue(getValue(op.operation, 'consumes') ?? getValue(document.root, 'consumes'));
    if (Array.isArray(consumes) && typeof consumes[0] === 'string') contentType = consumes[0];
  }
  if (example === undefined && schema) example = exampleFromSchema(document, schema, 0);
  if (example === undefined) return { body: '', contentType };
  return { body: typeof example === 'string' && !/json/i.test(contentType) ? example : JSON.stringify(example, null, 2), contentType };
}

/** A value shaped like the schema: its example or default where given, else a plausible value of its type. */
export function exampleFromSchema(document: ApiDocument, node: ValueNode | undefined, depth: number, seen: Set<string> = new Set()): unknown {
  if (!node || depth > MAX_DEPTH) return undefined;
  const ref = getValue(node, '$ref');
  if (ref?.type === 'string') {
    const target = String(ref.value);
    if (seen.has(target) || !target.startsWith('#')) return undefined;
    return exampleFromSchema(document, resolveLocalRef(document, target), depth + 1, new Set([...seen, target]));
  }
  const example = getValue(node, 'example') ?? getValue(node, 'default');
  if (example) return toValue(example);
  const enumValues = getValue(node, 'enum');
  if (enumValues?.type === 'array' && enumValues.items[0]) return toValue(enumValues.items[0]);
  for (const combinator of ['allOf', 'oneOf', 'anyOf']) {
    const list = getValue(node, combinator);
    if (list?.type !== 'array') continue;
    if (combinator === 'allOf') {
      const merged: Record<string, unknown> = {};
      for (const part of list.items) Object.assign(merged, exampleFromSchema(document, part, depth + 1, seen) ?? {});
      return merged;
    }
    return exampleFromSchema(document, list.items[0], depth + 1, seen);
  }
  const type = toValue(getValue(node, 'type'));
  const properties = getValue(node, 'properties');
  if (type === 'object' || (type === undefined && properties)) {
    const result: Record<string, unknown> = {};
    if (properties?.type === 'object') {
      for (const p of properties.properties) {
        const value = exampleFromSchema(document, p.value, depth + 1, seen);
        if (value !== undefined) result[String(p.keyValue)] = value;
      }
    }
    return result;
  }
  if (type === 'array') {
    const item = exampleFromSchema(document, getValue(node, 'items'), depth + 1, seen);
    return item === undefined ? [] : [item];
  }
  if (type === 'integer') return typeof toValue(getValue(node, 'minimum')) === 'number' ? toValue(getValue(node, 'minimum')) : 1;
  if (type === 'number') return typeof toValue(getValue(node, 'minimum')) === 'number' ? toValue(getValue(node, 'minimum')) : 1.5;
  if (type === 'boolean') return true;
  if (type === 'string') {
    const format = toValue(getValue(node, 'format'));
    if (format === 'date-time') return '2026-01-01T00:00:00Z';
    if (format === 'date') return '2026-01-01';
    if (format === 'email') return 'user@example.com';
    if (format === 'uuid') return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    return 'string';
  }
  return undefined;
}
