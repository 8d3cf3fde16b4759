import type { ApiDocument } from './apiDocument';
import type { Dialect } from './dialect';
import { getValue, keyName } from './navigate';
import { securitySchemes } from './openapiWalk';
import type { ObjectNode, ValueNode } from './nodes';
import { EXTENSION_PREFIX, fieldOf, getExtension } from '../facts/extensions';
import type { ExtensionSpec, FieldSpec, Placement } from '../facts/extensionTypes';
import { HTTP_IDENTITY_SOURCE, identitySourceList, REST_IDENTITY_SOURCE } from '../facts/identitySources';

/**
 * AWS writes it into every HTTP API export and into no REST API export, and nobody writes it by hand into a REST API:
 * it weighs as two kinds of evidence, so that a couple of REST keys pasted into an export do not turn it into a REST API,
 * and it decides a tie.
 */
const HTTP_EXPORT_MARKER = 'x-amazon-apigateway-importexport-version';

const INTEGRATION = getExtension('x-amazon-apigateway-integration')!;
const AUTHORIZER = getExtension('x-amazon-apigateway-authorizer')!;
const INTEGRATION_TYPE = fieldOf(INTEGRATION, 'type');
const AUTHORIZER_TYPE = fieldOf(AUTHORIZER, 'type');

/** Completion and code actions ask on every request; a version's dialect is read from its tree once. */
const inferred = new WeakMap<ApiDocument, DialectReading>();

/**
 * HTTP APIs and REST APIs are recognised by what only one of them reads, as the catalog says: extensions of one dialect
 * (`x-amazon-apigateway-cors`, the import/export version, reusable integrations; request validators, gateway responses,
 * binary media types...), integration and authorizer types of one dialect (JWT; token, Cognito, non-proxy integrations)
 * and their fields (an HTTP API Lambda authorizer's payload version; integration responses), and the `$default` route.
 * Each kind of evidence counts once, and a definition holding both is judged by the side with more kinds: one stray
 * key, such as CORS settings pasted into a REST API or a JWT scheme beside token authorizers, must not move every other
 * check to the wrong rules; that key gets its own dialect-mismatch warning instead. Integration fields only HTTP APIs
 * read (`payloadFormatVersion`, `integrationSubtype`) decide only when nothing else does: REST imports ignore them, and
 * they are often copied along. A Lambda function's plain ARN as an AWS_PROXY URI does not count: only HTTP APIs take
 * it, but it is also the commonest mistake in REST APIs, where it must be reported. Identity sources count in the form
 * each dialect writes them: `$request.header.X` for HTTP APIs, `method.request.header.X` for REST. Swagger 2.0
 * documents are always REST (HTTP APIs import only OpenAPI 3).
 */
export function inferDialect(document: ApiDocument): Dialect {
  return readingOf(document).dialect;
}

/**
 * The dialect a definition is read in, and what only that dialect reads in it (empty when nothing decides and it is
 * read as REST, the older and commoner kind), for messages that should say why a check applies.
 */
export interface DialectReading {
  dialect: Dialect;
  because: string[];
  /** AWS's HTTP API export marker decided it, or the kind of document (Swagger 2.0 is REST): no one need be told why. */
  certain: boolean;
}

export function dialectReading(document: ApiDocument): DialectReading {
  return readingOf(document);
}

/**
 * Nothing in the definition tells which dialect it is written for, and it is read as REST by default: a new OpenAPI 3
 * document, or one that uses only what both dialects read.
 */
export function isUndecided(reading: DialectReading): boolean {
  return !reading.certain && reading.because.length === 0;
}

/**
 * What in a Swagger 2.0 definition only HTTP APIs read, when it outweighs what only REST APIs read: the definition was
 * evidently written for an HTTP API, which imports only OpenAPI 3.0. Undefined for any other definition.
 */
export function httpEvidenceOfSwagger(document: ApiDocument): string[] | undefined {
  if (document.kind !== 'swagger' || !document.root) return undefined;
  const evidence = weighEvidence(document);
  return verdictOf(evidence) === 'http' ? [...evidence.http] : undefined;
}

function readingOf(document: ApiDocument): DialectReading {
  let reading = inferred.get(document);
  if (reading === undefined) {
    reading = weighDocument(document);
    inferred.set(document, reading);
  }
  return reading;
}

function weighDocument(document: ApiDocument): DialectReading {
  const root = document.root;
  if (!root || document.kind === 'swagger') return { dialect: 'rest', because: [], certain: document.kind === 'swagger' };
  const evidence = weighEvidence(document);
  const dialect = verdictOf(evidence);
  const because = [...evidence[dialect]];
  if (dialect === 'http' && because.length === 0 && evidence.httpHint) because.push('integration fields only HTTP APIs read');
  return { dialect, because, certain: dialect === 'http' && evidence.http.has(HTTP_EXPORT_MARKER) };
}

function weighEvidence(document: ApiDocument): Evidence {
  const root = document.root;
  const evidence: Evidence = { http: new Set(), rest: new Set(), httpHint: false };
  weighExtensions(root, 'root', evidence);
  weighExtensions(getValue(root, 'components'), 'components', evidence);
  // Swagger 2.0's `securityDefinitions` too: a Swagger definition is weighed to tell one written for an HTTP API.
  weighAuthorizers(securitySchemes(document), evidence);
  weighOperations(getValue(root, 'paths'), evidence);
  return evidence;
}

function verdictOf(evidence: Evidence): Dialect {
  const http = evidence.http.size + (evidence.http.has(HTTP_EXPORT_MARKER) ? 1 : 0);
  const rest = evidence.rest.size;
  if (http !== rest) return http > rest ? 'http' : 'rest';
  if (http) return evidence.http.has(HTTP_EXPORT_MARKER) ? 'http' : 'rest';
  return evidence.httpHint ? 'http' : 'rest';
}

interface Evidence {
  http: Set<string>;
  rest: Set<string>;
  /** Integration fields only HTTP APIs read: HTTP only when nothing else says anything. */
  httpHint: boolean;
}

/** The dialect that alone reads something, if only one does. */
function onlyDialect(dialects: readonly Dialect[] | undefined): Dialect | undefined {
  return dialects?.length === 1 ? dialects[0] : undefined;
}

/** Extensions placed on this object that only one dialect reads. */
function weighExtensions(object: ValueNode | undefined, placement: Placement, evidence: Evidence): void {
  if (object?.type !== 'object') return;
  const props = object.properties;
  for (let i = 0; i < props.length; i++) {
    const key = props[i].keyValue;
    if (typeof key !== 'string' || !key.startsWith(EXTENSION_PREFIX) || props[i].value === undefined) continue;
    const dialect = onlyDialectAt(key, placement);
    if (dialect) evidence[dialect].add(key);
  }
}

/** The dialect that alone reads the catalog extension `key` where it is placed; undefined for any other key. */
function onlyDialectAt(key: string, placement: Placement): Dialect | undefined {
  const extension = getExtension(key);
  return extension?.placements.includes(placement) ? onlyDialect(extension.dialects) : undefined;
}

/** A value of an enum field that only one dialect accepts (a JWT authorizer, a MOCK integration). */
function weighType(object: ObjectNode, spec: FieldSpec | undefined, what: string, evidence: Evidence): void {
  const type = getValue(object, 'type');
  if (type?.type !== 'string' || !spec?.enumDialects) return;
  const value = (type.value as string).toLowerCase();
  const dialect = onlyDialect(spec.enumDialects[value]);
  if (dialect) evidence[dialect].add(`${value} ${what}`);
}

/** The fields of an extension's object that only one dialect reads, by name. */
function oneDialectFields(spec: ExtensionSpec): Map<string, Dialect> {
  const fields = new Map<string, Dialect>();
  for (const field of spec.fields ?? []) {
    const dialect = onlyDialect(field.dialects);
    if (dialect) fields.set(field.name, dialect);
  }
  return fields;
}

const INTEGRATION_ONE_DIALECT_FIELDS = oneDialectFields(INTEGRATION);
const AUTHORIZER_ONE_DIALECT_FIELDS = oneDialectFields(AUTHORIZER);

function fieldsOnlyOneDialectReads(object: ObjectNode, fields: Map<string, Dialect>): { name: string; dialect: Dialect }[] {
  const found: { name: string; dialect: Dialect }[] = [];
  const props = object.properties;
  for (let i = 0; i < props.length; i++) {
    const name = props[i].keyValue;
    const dialect = typeof name === 'string' && props[i].value !== undefined ? fields.get(name) : undefined;
    if (dialect) found.push({ name: name as string, dialect });
  }
  return found;
}

function weighAuthorizers(schemes: ValueNode | undefined, evidence: Evidence): void {
  if (schemes?.type !== 'object') return;
  for (const scheme of schemes.properties) {
    const authorizer = getValue(scheme.value, AUTHORIZER.name);
    if (authorizer?.type !== 'object') continue;
    weighType(authorizer, AUTHORIZER_TYPE, 'authorizer', evidence);
    weighIdentitySource(getValue(authorizer, 'identitySource'), evidence);
    for (const { name, dialect } of fieldsOnlyOneDialectReads(authorizer, AUTHORIZER_ONE_DIALECT_FIELDS)) evidence[dialect].add(`authorizer ${name}`);
  }
}

/** The `$default` route (its path, or an operation marked `isDefaultRoute`), operation extensions and integrations. */
function weighOperations(paths: ValueNode | undefined, evidence: Evidence): void {
  if (paths?.type !== 'object') return;
  for (const path of paths.properties) {
    if (keyName(path) === '/$default') evidence.http.add('$default route');
    if (path.value?.type !== 'object') continue;
    for (const op of path.value.properties) {
      if (op.value?.type === 'object') weighOperation(op.value, evidence);
    }
  }
}

/**
 * One pass over an operation's keys rather than a search per key: a large definition has thousands of operations.
 * The first of duplicate keys counts, as with `getValue`.
 */
function weighOperation(operation: ObjectNode, evidence: Evidence): void {
  const props = operation.properties;
  let defaultRouteSeen = false;
  let integrationSeen = false;
  for (let i = 0; i < props.length; i++) {
    const key = props[i].keyValue;
    if (typeof key !== 'string') continue;
    const value = props[i].value;
    if (key === 'isDefaultRoute') {
      if (!defaultRouteSeen && value !== undefined) evidence.http.add('$default route');
      defaultRouteSeen = true;
      continue;
    }
    if (!key.startsWith(EXTENSION_PREFIX)) continue;
    if (value !== undefined) {
      const dialect = onlyDialectAt(key, 'operation');
      if (dialect) evidence[dialect].add(key);
    }
    if (key === INTEGRATION.name) {
      if (!integrationSeen && value?.type === 'object') weighIntegration(value, evidence);
      integrationSeen = true;
    }
  }
}

/** `$request.header.X` and `method.request.header.X` say the same in the two dialects' own words. */
function weighIdentitySource(source: ValueNode | undefined, evidence: Evidence): void {
  if (source?.type !== 'string') return;
  const parts = identitySourceList(source.value as string);
  if (!parts.length) return;
  if (parts.every((part) => HTTP_IDENTITY_SOURCE.test(part))) evidence.http.add('identity source form');
  else if (parts.every((part) => REST_IDENTITY_SOURCE.test(part))) evidence.rest.add('identity source form');
}

function weighIntegration(integration: ObjectNode, evidence: Evidence): void {
  weighType(integration, INTEGRATION_TYPE, 'integration', evidence);
  const props = integration.properties;
  let mappingSeen = false;
  for (let i = 0; i < props.length; i++) {
    const name = props[i].keyValue;
    // The first of duplicate keys counts, as with `getValue`.
    if (name === 'requestParameters' && !mappingSeen) {
      mappingSeen = true;
      weighParameterMapping(props[i].value, evidence);
    }
    const dialect = typeof name === 'string' && props[i].value !== undefined ? INTEGRATION_ONE_DIALECT_FIELDS.get(name) : undefined;
    if (dialect === 'http') evidence.httpHint = true;
    else if (dialect) evidence.rest.add(INTEGRATION_FIELD_EVIDENCE.get(name as string)!);
  }
}

/** The evidence each integration field one dialect reads gives, named once rather than for every integration. */
const INTEGRATION_FIELD_EVIDENCE = new Map([...INTEGRATION_ONE_DIALECT_FIELDS.keys()].map((name) => [name, `integration ${name}`]));

/**
 * Request parameter mappings are written in each dialect's own form: `integration.request.header.X` keys in REST APIs,
 * `append:`/`overwrite:`/`remove:` keys in HTTP APIs. Neither dialect reads the other's, so the first key of either
 * form is evidence.
 */
function weighParameterMapping(mapping: ValueNode | undefined, evidence: Evidence): void {
  if (mapping?.type !== 'object') return;
  const props = mapping.properties;
  for (let i = 0; i < props.length; i++) {
    const key = props[i].keyValue;
    if (typeof key !== 'string') continue;
    if (HTTP_MAPPING_KEY.test(key)) evidence.http.add(MAPPING_EVIDENCE);
    else if (key.startsWith(REST_MAPPING_PREFIX)) evidence.rest.add(MAPPING_EVIDENCE);
    else continue;
    return;
  }
}

const HTTP_MAPPING_KEY = /^(append|overwrite|remove):/;
const REST_MAPPING_PREFIX = 'integration.request.';
const MAPPING_EVIDENCE = 'the form of its requestParameters keys';
