import type { ApiDocument } from '../model/apiDocument';
import type { Dialect } from '../model/dialect';
import { inferDialect } from '../model/dialectInference';
import { ANY_METHOD_KEY, HTTP_METHODS } from '../model/openapiWalk';

type Json = Record<string, unknown>;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
}

/** One security requirement: scheme name → scopes. API Gateway applies the first requirement of the list. */
export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  /** The resource path as written in `paths`, e.g. `/pets/{petId}`. */
  resourcePath: string;
  /** Upper-case HTTP method, or `ANY` for `x-amazon-apigateway-any-method`. */
  method: string;
  operationId?: string;
  parameters: ParameterSpec[];
  security: SecurityRequirement | undefined;
  /** `x-amazon-apigateway-auth: {type: AWS_IAM}` on the operation. */
  iamAuth: boolean;
  integration: Json | undefined;
  /** The integration's `$ref` when it does not lead to an integration (then `integration` is undefined). */
  unresolvedIntegrationRef?: string;
  validateBody: boolean;
  validateParameters: boolean;
  validatorName?: string;
  /** A validator the operation (or the root) names that the document does not define. */
  undefinedValidator?: string;
  /** JSON pointers (into the document) of the request body schema per content type. */
  bodySchemas: Map<string, string>;
  /** Declared method responses: status → header names. */
  methodResponses: Map<string, string[]>;
  /** The HTTP API `$default` route. */
  isDefaultRoute: boolean;
}

export interface ApiModel {
  dialect: Dialect;
  /** Base path from `servers` (3.x) or `basePath` (2.0), without a trailing slash; empty when none. */
  basePath: string;
  operations: Operation[];
  securitySchemes: Record<string, Json>;
  gatewayResponses: Record<string, Json>;
  cors: Json | undefined;
  apiKeySource: 'HEADER' | 'AUTHORIZER';
  binaryMediaTypes: string[];
  /** The whole document as plain values. */
  value: Json;
}


export function buildApiModel(document: ApiDocument, dialect: Dialect = inferDialect(document)): ApiModel {
  const value = (isJson(document.value) ? document.value : {}) as Json;
  const isSwagger = document.kind === 'swagger';
  const validators = asJson(value['x-amazon-apigateway-request-validators']) ?? {};
  const rootValidator = typeof value['x-amazon-apigateway-request-validator'] === 'string' ? (value['x-amazon-apigateway-request-validator'] as string) : undefined;
  const rootSecurity = Array.isArray(value.security) ? (value.security as SecurityRequirement[]) : undefined;
  const operations: Operation[] = [];
  const paths = asJson(value.paths) ?? {};
  for (const [resourcePath, rawItem] of Object.entries(paths)) {
    const item = asJson(resolveRef(value, rawItem));
    if (!item) continue;
    const pathParameters = parameterList(value, item.parameters);
    for (const key of [...HTTP_METHODS, ANY_METHOD_KEY]) {
      const op = asJson(item[key]);
      if (!op) continue;
      const parameters = mergeParameters(pathParameters, parameterList(value, op.parameters));
      const validatorName = typeof op['x-amazon-apigateway-request-validator'] === 'string' ? (op['x-amazon-apigateway-request-validator'] as string) : rootValidator;
      const validator = validatorName ? asJson(validators[validatorName]) : undefined;
      const pointer = `/paths/${escapePointer(resourcePath)}/${escapePointer(key)}`;
      const security = Array.isArray(op.security) ? (op.security as SecurityRequirement[]) : rootSecurity;
      const auth = asJson(op['x-amazon-apigateway-auth']);
      const integration = integrationOf(value, op['x-amazon-apigateway-integration']);
      operations.push({
        resourcePath,
        method: key === ANY_METHOD_KEY ? 'ANY' : key.toUpperCase(),
        operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
        parameters: parameters.specs,
        security: security && security.length > 0 ? security[0] : undefined,
        iamAuth: typeof auth?.type === 'string' && auth.type.toUpperCase() === 'AWS_IAM',
        ...integration,
        validateBody: validator?.validateRequestBody === true,
        validateParameters: validator?.validateRequestParameters === true,
        validatorName: validator ? validatorName : undefined,
        undefinedValidator: validatorName && !validator ? validatorName : undefined,
        bodySchemas: isSwagger ? swaggerBodySchemas(value, op, pointer, parameters) : openApiBodySchemas(value, op, pointer),
        methodResponses: methodResponses(value, op),
        isDefaultRoute: resourcePath === '/$default' || resourcePath === '$default' || (key === ANY_METHOD_KEY && op.isDefaultRoute === true),
      });
    }
  }
  const schemes = asJson(isSwagger ? value.securityDefinitions : asJson(value.components)?.securitySchemes) ?? {};
  return {
    dialect,
    basePath: isSwagger ? normalizeBasePath(value.basePath) : serverBasePath(value.servers),
    operations,
    securitySchemes: Object.fromEntries(Object.entries(schemes).map(([k, v]) => [k, asJson(resolveRef(value, v)) ?? {}])),
    gatewayResponses: (asJson(value['x-amazon-apigateway-gateway-responses']) ?? {}) as Record<string, Json>,
    cors: asJson(value['x-amazon-apigateway-cors']),
    apiKeySource: String(value['x-amazon-apigateway-api-key-source'] ?? 'HEADER').toUpperCase() === 'AUTHORIZER' ? 'AUTHORIZER' : 'HEADER',
    binaryMediaTypes: Array.isArray(value['x-amazon-apigateway-binary-media-types']) ? (value['x-amazon-apigateway-binary-media-types'] as string[]) : [],
    value,
  };
}

interface ParameterList {
  specs: ParameterSpec[];
  /** Swagger 2.0 body parameter, with its pointer. */
  body?: { schemaPointer: string };
}

function parameterList(root: Json, raw: unknown): ParameterList {
  const result: ParameterList = { specs: [] };
  if (!Array.isArray(raw)) return result;
  for (const entry of raw) {
    const ref = isJson(entry) && typeof entry.$ref === 'string' ? entry.$ref : undefined;
    const p = asJson(resolveRef(root, entry));
    if (!p || typeof p.name !== 'string') continue;
    if (p.in === 'path' || p.in === 'query' || p.in === 'header') {
      result.specs.push({ name: p.name, in: p.in, required: p.in === 'path' || p.required === true });
    } else if (p.in === 'body' && p.schema !== undefined) {
      result.body = { schemaPointer: ref ? `${ref.slice(1)}/schema` : '' };
    }
  }
  return result;
}

function mergeParameters(pathLevel: ParameterList, opLevel: ParameterList): ParameterList {
  const specs = [...opLevel.specs];
  for (const p of pathLevel.specs) if (!specs.some((s) => s.name === p.name && s.in === p.in)) specs.push(p);
  return { specs, body: opLevel.body ?? pathLevel.body };
}

function swaggerBodySchemas(root: Json, op: Json, pointer: string, parameters: ParameterList): Map<string, string> {
  const result = new Map<string, string>();
  if (!parameters.body) return result;
  let schemaPointer = parameters.body.schemaPointer;
  if (!schemaPointer && Array.isArray(op.parameters)) {
    const index = (op.parameters as unknown[]).findIndex((p) => isJson(p) && p.in === 'body');
    if (index >= 0) schemaPointer = `${pointer}/parameters/${index}/schema`;
  }
  if (!schemaPointer) return result;
  const consumes = Array.isArray(op.consumes) ? op.consumes : Array.isArray(root.consumes) ? root.consumes : ['application/json'];
  for (const type of consumes as string[]) result.set(type.toLowerCase(), schemaPointer);
  return result;
}

function openApiBodySchemas(root: Json, op: Json, pointer: string): Map<string, string> {
  const result = new Map<string, string>();
  const rawBody = op.requestBody;
  const bodyRef = isJson(rawBody) && typeof rawBody.$ref === 'string' ? rawBody.$ref.slice(1) : undefined;
  const body = asJson(resolveRef(root, rawBody));
  const content = asJson(body?.content);
  if (!content) return result;
  for (const [type, media] of Object.entries(content)) {
    if (isJson(media) && media.schema !== undefined) {
      result.set(type.toLowerCase(), `${bodyRef ?? `${pointer}/requestBody`}/content/${escapePointer(type)}/schema`);
    }
  }
  return result;
}

/**
 * The header names of the method response a status is answered with: its own, else the operation's `default`;
 * undefined when the operation declares neither.
 */
export function methodResponseFor(operation: Operation, status: string): string[] | undefined {
  return operation.methodResponses.get(status) ?? operation.methodResponses.get('default');
}

function methodResponses(root: Json, op: Json): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const responses = asJson(op.responses) ?? {};
  for (const [status, raw] of Object.entries(responses)) {
    const response = asJson(resolveRef(root, raw));
    result.set(status, Object.keys(asJson(response?.headers) ?? {}));
  }
  return result;
}

/** The path part of the first server URL, server variables replaced by their defaults. */
function serverBasePath(servers: unknown): string {
  if (!Array.isArray(servers) || !isJson(servers[0]) || typeof servers[0].url !== 'string') return '';
  const server = servers[0];
  const variables = asJson(server.variables) ?? {};
  const url = (server.url as string).replace(/\{([^}]+)\}/g, (_, name: string) => String(asJson(variables[name])?.default ?? ''));
  const match = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/]*(\/.*)?$/i.exec(url);
  return normalizeBasePath(match ? (match[1] ?? '') : url);
}

function normalizeBasePath(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const trimmed = raw.replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  if (!trimmed) return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** An operation's integration, or the `$ref` standing for it that leads nowhere (a missing entry, another file). */
function integrationOf(root: Json, raw: unknown): { integration: Json | undefined; unresolvedIntegrationRef?: string } {
  const resolved = asJson(resolveRef(root, raw));
  if (isJson(raw) && typeof raw.$ref === 'string' && (resolved === undefined || typeof resolved.$ref === 'string')) {
    return { integration: undefined, unresolvedIntegrationRef: raw.$ref };
  }
  return { integration: resolved };
}

/** Follows a local `$ref` (`#/...`), repeatedly; anything else is returned as is. */
export function resolveRef(root: Json, value: unknown, depth = 0): unknown {
  if (!isJson(value) || typeof value.$ref !== 'string' || depth > 20) return value;
  const ref = value.$ref;
  if (!ref.startsWith('#')) return value;
  return resolveRef(root, valueAtPointer(root, ref.slice(1)), depth + 1);
}

export function valueAtPointer(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return root;
  let node: unknown = root;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isJson(node)) node = node[key];
    else return undefined;
  }
  return node;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asJson(value: unknown): Json | undefined {
  return isJson(value) ? value : undefined;
}

/**
 * An HTTP API payload format version (`payloadFormatVersion`, `authorizerPayloadFormatVersion`) as the text the
 * gateway compares: an unquoted `2.0` in YAML or JSON reads as the number 2, which AWS takes as "2.0".
 */
export function payloadFormatVersion(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' && Number.isInteger(value) ? value.toFixed(1) : String(value);
}
