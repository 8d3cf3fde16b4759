import { mediaTypeOf } from '../gateway/payloadEncoding';
import type { ApiDocument } from '../model/apiDocument';
import { isJsonObject } from '../model/jsonObjects';
import { getValue, toValue } from '../model/navigate';
import { deref, operationParameters, pathTemplateParameters, resolveLocalRef, type DeclaredParameter, type OperationRef } from '../model/openapiWalk';
import type { ValueNode } from '../model/nodes';

/** A request to try an operation or a template with, pre-filled from what the document declares. */
export interface SampleRequest {
  method: string;
  path: string;
  params: { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> };
  body: string;
  /** '' when the operation declares no body: a request without one sends no Content-Type. */
  contentType: string;
}

/** Schemas nest and refer to themselves; a sample stops descending here. */
const MAX_DEPTH = 6;

/**
 * Declared parameters with example values, and a body from the request body's example or a schema-shaped value.
 * Every declared query parameter is listed, so the user sees which names the operation reads; an optional one
 * without an example stays empty. Parameters never get a type's placeholder (`string`): a path `/pets/string`
 * names no resource. `mediaType` asks for the body of that type, as a request template of that type receives it.
 */
export function sampleRequestFor(document: ApiDocument, op: OperationRef, mediaType?: string): SampleRequest {
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
  const { body, contentType } = sampleBody(document, op, mediaType);
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

/** A body the operation declares, as a value, with the Content-Type it is sent with. */
interface DeclaredBody {
  contentType: string;
  example: unknown;
}

/**
 * The request body and its Content-Type: for a media type asked for (a request template's), that type and what the
 * document declares for it; else the declared JSON type, or the first. An operation that declares no body sends no
 * Content-Type (''): a GET carries none.
 */
function sampleBody(document: ApiDocument, op: OperationRef, mediaType: string | undefined): { body: string; contentType: string } {
  const declared = document.kind === 'openapi' ? openApiBody(document, op, mediaType) : swaggerBody(document, op, mediaType);
  if (!declared) return { body: '', contentType: '' };
  return { body: encodedBody(declared.example, declared.contentType), contentType: declared.contentType };
}

function openApiBody(document: ApiDocument, op: OperationRef, mediaType: string | undefined): DeclaredBody | undefined {
  const requestBody = deref(document, getValue(op.operation, 'requestBody'));
  if (!requestBody) return undefined;
  const content = getValue(requestBody, 'content');
  const entries = content?.type === 'object' ? content.properties : [];
  const named = mediaType === undefined ? undefined : entries.find((p) => mediaTypeCovers(String(p.keyValue), mediaType));
  // A type the document does not list still gets the declared JSON body, in its own encoding.
  const entry = named ?? entries.find((p) => /json/i.test(String(p.keyValue))) ?? entries[0];
  const contentType = mediaType ?? (entry ? String(entry.keyValue) : 'application/json');
  return { contentType, example: entry ? mediaTypeExample(document, entry.value) : undefined };
}

/** An OpenAPI 3 media type object's example, its first named example, or a value shaped like its schema. */
function mediaTypeExample(document: ApiDocument, media: ValueNode | undefined): unknown {
  const example = toValue(getValue(media, 'example'));
  if (example !== undefined) return example;
  const examples = getValue(media, 'examples');
  if (examples?.type === 'object' && examples.properties[0]) {
    const named = toValue(getValue(deref(document, examples.properties[0].value), 'value'));
    if (named !== undefined) return named;
  }
  const schema = getValue(media, 'schema');
  return schema ? exampleFromSchema(document, schema, 0) : undefined;
}

/**
 * Swagger 2 declares a body as one `in: body` parameter (the operation's own wins over its path item's) or as
 * `in: formData` fields, sent with the first type of `consumes` unless a media type is asked for.
 */
function swaggerBody(document: ApiDocument, op: OperationRef, mediaType: string | undefined): DeclaredBody | undefined {
  const parameters = operationParameters(document, op);
  const body = parameters.find((p) => p.in === 'body');
  const fields = parameters.filter((p) => p.in === 'formData');
  if (!body && fields.length === 0) return undefined;
  const consumes = toValue(getValue(op.operation, 'consumes') ?? getValue(document.root, 'consumes'));
  const declaredTypes = Array.isArray(consumes) ? consumes.filter((t): t is string => typeof t === 'string') : [];
  const fallback = body ? 'application/json' : 'application/x-www-form-urlencoded';
  const contentType = mediaType ?? (body ? declaredTypes[0] : declaredTypes.find(isFormType)) ?? fallback;
  const form = () => formFields(document, fields);
  if (isFormType(contentType) && fields.length > 0) return { contentType, example: form() };
  return { contentType, example: body ? exampleFromSchema(document, getValue(body.node, 'schema'), 0) : form() };
}

/** `in: formData` parameters as the object a form sends: each field's example, default or a value of its type. */
function formFields(document: ApiDocument, fields: DeclaredParameter[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const value = exampleFromSchema(document, field.node, 0);
    result[field.name] = value === undefined ? '' : value;
  }
  return result;
}

/** Whether a declared media type covers the one asked for, parameters aside; `text/*` covers `text/plain`. */
function mediaTypeCovers(declared: string, wanted: string): boolean {
  const [type, subtype] = mediaTypeOf(declared).split('/');
  const [wantedType] = mediaTypeOf(wanted).split('/');
  if (type === '*' || (subtype === '*' && type === wantedType)) return true;
  return mediaTypeOf(declared) === mediaTypeOf(wanted);
}

function isFormType(mediaType: string): boolean {
  return mediaTypeOf(mediaType) === 'application/x-www-form-urlencoded';
}

/** A value as the body of the content type: URL-encoded for a form, JSON for JSON, a string as it is otherwise. */
function encodedBody(example: unknown, contentType: string): string {
  if (example === undefined) return '';
  if (typeof example === 'string' && !/json/i.test(contentType)) return example;
  if (isFormType(contentType)) return formEncoded(example);
  return JSON.stringify(example, null, 2);
}

/** `name=Rex&tag=a&tag=b`: a list is a field sent once per item, an object nested in a field its JSON. */
function formEncoded(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return formValue(value);
  const form = new URLSearchParams();
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    for (const item of Array.isArray(field) ? field : [field]) form.append(name, formValue(item));
  }
  return form.toString();
}

function formValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
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
    if (combinator === 'allOf') return allOfExample(document, list.items, depth, seen);
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

/**
 * A value all the parts describe: their objects merged; else (`allOf` adding constraints to a string or a number, or
 * wrapping a reference to keep a description beside it) the first part's value, raised to the largest `minimum`.
 */
function allOfExample(document: ApiDocument, parts: ValueNode[], depth: number, seen: Set<string>): unknown {
  const samples = parts.map((part) => exampleFromSchema(document, part, depth + 1, seen));
  const objects = samples.filter(isJsonObject);
  if (objects.length > 0) return Object.assign({}, ...objects);
  const first = samples.find((sample) => sample !== undefined);
  if (typeof first !== 'number') return first;
  const minimums = parts.map((part) => toValue(getValue(deref(document, part), 'minimum'))).filter((m): m is number => typeof m === 'number');
  return Math.max(first, ...minimums);
}
