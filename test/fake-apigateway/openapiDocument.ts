import { parse as parseYaml } from 'yaml';
import { badRequest } from './errors';
import { FAKE_ACCOUNT_ID, FAKE_REGION } from './state';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an OpenAPI or Swagger document from JSON or YAML text. Anything that is not a mapping with `paths` is refused
 * with API Gateway's own wording for an unreadable definition; so is a text over `maxBytes`, where the import has a
 * documented limit.
 */
export function parseOpenApiText(text: string, maxBytes?: number): JsonObject {
  if (maxBytes !== undefined && Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw badRequest(`Invalid OpenAPI input: the API definition is larger than the ${maxBytes / 1048576} MB import limit.`);
  }
  let parsed: unknown;
  const trimmed = text.trim();
  if (trimmed === '') throw badRequest('Invalid OpenAPI input: the request body is empty.');
  try {
    parsed = trimmed.startsWith('{') ? JSON.parse(trimmed) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw badRequest(`Invalid OpenAPI input: the document is neither valid JSON nor valid YAML (${reason}).`);
  }
  if (!isObject(parsed)) throw badRequest('Invalid OpenAPI input: the document is not a JSON or YAML object.');
  if (refersToItself(parsed)) throw badRequest('Invalid OpenAPI input: a YAML alias refers to a node that contains it.');
  if (typeof parsed.swagger !== 'string' && typeof parsed.openapi !== 'string') {
    throw badRequest("Invalid OpenAPI input: the document declares neither 'swagger' nor 'openapi' version.");
  }
  if (!isObject(parsed.paths)) throw badRequest("Invalid OpenAPI input: the document has no 'paths' object.");
  return parsed;
}

/** The API name an import takes from `info.title`, which API Gateway requires. */
export function documentTitle(doc: JsonObject): string {
  const title = isObject(doc.info) ? doc.info.title : undefined;
  if (typeof title !== 'string' || title.trim() === '') {
    throw badRequest("Invalid OpenAPI input: 'info.title' is required to name the API.");
  }
  return title;
}

/** YAML aliases can point at an enclosing node, which would make every later walk of the document endless. */
function refersToItself(root: unknown): boolean {
  const ancestors = new Set<unknown>();
  const visit = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false;
    if (ancestors.has(node)) return true;
    ancestors.add(node);
    const found = Object.values(node).some(visit);
    ancestors.delete(node);
    return found;
  };
  return visit(root);
}

export function isSwagger2(doc: JsonObject): boolean {
  return typeof doc.swagger === 'string';
}

/** Follows a local `#/a/b` reference; `undefined` for external or dangling ones. */
export function resolvePointer(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as JsonObject)[key];
  }
  return node;
}

/** Replaces a `{$ref}` object by its target (one level, repeated while the target is itself a reference). */
export function deref(doc: JsonObject, value: unknown): unknown {
  const seen = new Set<string>();
  let node = value;
  while (isObject(node) && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return undefined;
    seen.add(node.$ref);
    node = resolvePointer(doc, node.$ref);
  }
  return node;
}

/** The last segment of a `#/definitions/X` or `#/components/schemas/X` reference: the model name. */
export function refName(ref: string): string {
  return decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
}

export function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
  }
  return out;
}

export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
export const ANY_METHOD_KEY = 'x-amazon-apigateway-any-method';

/** The operations of a path item as [API Gateway method name, operation object] pairs. */
export function operationsOf(pathItem: JsonObject): [string, JsonObject][] {
  const out: [string, JsonObject][] = [];
  for (const key of HTTP_METHODS) {
    const op = pathItem[key];
    if (isObject(op)) out.push([key.toUpperCase(), op]);
  }
  const any = pathItem[ANY_METHOD_KEY];
  if (isObject(any)) out.push(['ANY', any]);
  return out;
}

/** The AWS variables an import may use in place of account, partition and region (import-api-aws-variables.md). */
export function substituteAwsVariables(text: string): string {
  return text
    .replace(/\$\{AWS::AccountId\}/g, FAKE_ACCOUNT_ID)
    .replace(/\$\{AWS::Partition\}/g, 'aws')
    .replace(/\$\{AWS::Region\}/g, FAKE_REGION);
}
