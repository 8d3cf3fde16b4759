import { badRequest } from './errors';
import { deref, isObject, isSwagger2, operationsOf, stringList, stringRecord, substituteAwsVariables, type JsonObject } from './openapiDocument';
import {
  freshId,
  type CorsRecord,
  type HttpApiRecord,
  type HttpAuthorizerRecord,
  type HttpIntegrationRecord,
  type RouteRecord,
} from './state';

const INTEGRATIONS_REF = '#/components/x-amazon-apigateway-integrations/';
/** HTTP APIs integrate only through proxies (http-api-open-api.md); other types are skipped with a warning. */
const HTTP_API_INTEGRATION_TYPES = new Set(['AWS_PROXY', 'HTTP_PROXY']);
/** HTTP API integrations time out after at most 30 s (API Gateway quotas for HTTP APIs). */
const MAX_HTTP_TIMEOUT_MS = 30000;

export interface HttpImportOptions {
  basePathMode: string;
  failOnWarnings: boolean;
}

/**
 * Replaces an HTTP API's routes, integrations, authorizers and CORS settings with those of an OpenAPI 3.0 document.
 * Errors, or warnings with `failOnWarnings`, reject the document without touching the API.
 */
export function importHttpDefinition(api: HttpApiRecord, doc: JsonObject, options: HttpImportOptions): string[] {
  if (isSwagger2(doc)) {
    throw badRequest('Invalid OpenAPI input: HTTP APIs can be imported only from OpenAPI 3.0 definitions, not Swagger 2.0.');
  }
  const importer = new HttpImporter(doc, options);
  importer.run();
  if (importer.errors.length > 0) throw badRequest(`Errors found during import:\n\t${importer.errors.join('\n\t')}`);
  if (options.failOnWarnings && importer.warnings.length > 0) {
    throw badRequest(`Warnings found during import:\n\t${importer.warnings.join('\n\t')}`);
  }
  const info = isObject(doc.info) ? doc.info : {};
  if (typeof info.title === 'string' && info.title !== '') api.name = info.title;
  if (typeof info.description === 'string') api.description = info.description;
  if (info.version !== undefined) api.version = String(info.version);
  api.routes = importer.routes;
  api.integrations = importer.integrations;
  api.authorizers = importer.authorizers;
  api.corsConfiguration = importer.cors;
  api.warnings = importer.warnings.length > 0 ? importer.warnings : undefined;
  return importer.warnings;
}

class HttpImporter {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  readonly routes = new Map<string, RouteRecord>();
  readonly integrations = new Map<string, HttpIntegrationRecord>();
  readonly authorizers = new Map<string, HttpAuthorizerRecord>();
  cors: CorsRecord | undefined;
  private readonly schemeUse = new Map<string, { authorizationType: string; authorizerId?: string }>();
  private readonly sharedIntegrations = new Map<string, string>();

  constructor(
    private readonly doc: JsonObject,
    private readonly options: HttpImportOptions,
  ) {}

  run(): void {
    this.cors = this.readCors();
    this.readSecuritySchemes();
    const prefix = this.basePathPrefix();
    for (const [path, rawItem] of Object.entries(this.doc.paths as JsonObject)) {
      const item = deref(this.doc, rawItem);
      if (!isObject(item)) {
        this.errors.push(`Invalid path item at '${path}': expected an object`);
        continue;
      }
      for (const [method, op] of operationsOf(item)) {
        const isDefault = path === '/$default' || (method === 'ANY' && op.isDefaultRoute === true);
        const routeKey = isDefault ? '$default' : `${method} ${prefix}${path}`;
        this.addRoute(routeKey, op);
      }
    }
  }

  private basePathPrefix(): string {
    if (this.options.basePathMode === 'ignore') return '';
    const server = Array.isArray(this.doc.servers) && isObject(this.doc.servers[0]) ? this.doc.servers[0] : {};
    const variables = isObject(server.variables) ? server.variables : {};
    const url = (typeof server.url === 'string' ? server.url : '').replace(/\{(\w+)\}/g, (_m, name: string) => {
      const variable = variables[name];
      return isObject(variable) && variable.default !== undefined ? String(variable.default) : '';
    });
    const segments = url.replace(/^[a-z]+:\/\/[^/]*/i, '').split('/').filter((s) => s !== '');
    const kept = this.options.basePathMode === 'split' ? segments.slice(1) : segments;
    return kept.map((s) => `/${s}`).join('');
  }

  private readCors(): CorsRecord | undefined {
    const cors = this.doc['x-amazon-apigateway-cors'];
    if (!isObject(cors)) return undefined;
    const out: CorsRecord = {};
    for (const key of ['allowHeaders', 'allowMethods', 'allowOrigins', 'exposeHeaders'] as const) {
      const list = stringList(cors[key]);
      if (list) out[key] = list;
    }
    if (typeof cors.allowCredentials === 'boolean') out.allowCredentials = cors.allowCredentials;
    if (typeof cors.maxAge === 'number') out.maxAge = cors.maxAge;
    return out;
  }

  private readSecuritySchemes(): void {
    const components = isObject(this.doc.components) ? this.doc.components : {};
    if (!isObject(components.securitySchemes)) return;
    for (const [name, raw] of Object.entries(components.securitySchemes)) {
      const scheme = deref(this.doc, raw);
      if (!isObject(scheme)) continue;
      const authorizer = scheme['x-amazon-apigateway-authorizer'];
      if (isObject(authorizer)) {
        const type = String(authorizer.type ?? '').toLowerCase();
        if (type !== 'jwt' && type !== 'request') {
          this.errors.push(`Unable to create authorizer '${name}': HTTP APIs support authorizer types jwt and request, not '${String(authorizer.type)}'`);
          continue;
        }
        const record: HttpAuthorizerRecord = {
          authorizerId: freshId(this.authorizers, 6),
          name,
          authorizerType: type === 'jwt' ? 'JWT' : 'REQUEST',
        };
        const identity = authorizer.identitySource;
        if (typeof identity === 'string') record.identitySource = identity.split(',').map((s) => s.trim()).filter(Boolean);
        else if (Array.isArray(identity)) record.identitySource = stringList(identity);
        if (typeof authorizer.authorizerUri === 'string') record.authorizerUri = substituteAwsVariables(authorizer.authorizerUri);
        if (typeof authorizer.authorizerCredentials === 'string') record.authorizerCredentialsArn = authorizer.authorizerCredentials;
        if (authorizer.authorizerPayloadFormatVersion !== undefined) record.authorizerPayloadFormatVersion = formatVersion(authorizer.authorizerPayloadFormatVersion);
        if (typeof authorizer.authorizerResultTtlInSeconds === 'number') record.authorizerResultTtlInSeconds = authorizer.authorizerResultTtlInSeconds;
        if (typeof authorizer.enableSimpleResponses === 'boolean') record.enableSimpleResponses = authorizer.enableSimpleResponses;
        const jwt = authorizer.jwtConfiguration;
        if (isObject(jwt)) {
          record.jwtConfiguration = {};
          if (typeof jwt.issuer === 'string') record.jwtConfiguration.issuer = jwt.issuer;
          const audience = stringList(jwt.audience);
          if (audience) record.jwtConfiguration.audience = audience;
        }
        if (record.authorizerType === 'JWT' && !record.jwtConfiguration?.issuer && typeof scheme.openIdConnectUrl === 'string') {
          record.jwtConfiguration = { ...record.jwtConfiguration, issuer: scheme.openIdConnectUrl.replace(/\/\.well-known\/openid-configuration$/, '') };
        }
        this.authorizers.set(record.authorizerId, record);
        this.schemeUse.set(name, { authorizationType: record.authorizerType === 'JWT' ? 'JWT' : 'CUSTOM', authorizerId: record.authorizerId });
      } else if (String(scheme['x-amazon-apigateway-authtype'] ?? '').toLowerCase() === 'awssigv4') {
        this.schemeUse.set(name, { authorizationType: 'AWS_IAM' });
      }
    }
  }

  private addRoute(routeKey: string, op: JsonObject): void {
    if ([...this.routes.values()].some((r) => r.routeKey === routeKey)) {
      this.warnings.push(`Route '${routeKey}' is defined more than once; the later definition was ignored.`);
      return;
    }
    const route: RouteRecord = { routeId: freshId(this.routes, 7), routeKey, apiKeyRequired: false, authorizationType: 'NONE' };
    if (typeof op.operationId === 'string') route.operationName = op.operationId;
    const security = Array.isArray(op.security) ? op.security : Array.isArray(this.doc.security) ? this.doc.security : [];
    const requirements = security.filter((s) => isObject(s) && Object.keys(s).length > 0) as JsonObject[];
    if (requirements.length > 1) {
      this.errors.push(`Route '${routeKey}': HTTP APIs allow only one security requirement per operation`);
    } else if (requirements.length === 1) {
      const [name, scopes] = Object.entries(requirements[0])[0];
      const use = this.schemeUse.get(name);
      if (use) {
        route.authorizationType = use.authorizationType;
        route.authorizerId = use.authorizerId;
        const scopeList = stringList(scopes);
        if (use.authorizationType === 'JWT' && scopeList && scopeList.length > 0) route.authorizationScopes = scopeList;
      } else {
        this.warnings.push(`Route '${routeKey}': security scheme '${name}' is not a supported authorizer and was ignored.`);
      }
    }
    const integrationId = this.integrationFor(routeKey, op['x-amazon-apigateway-integration']);
    if (integrationId) route.target = `integrations/${integrationId}`;
    this.routes.set(route.routeId, route);
  }

  private integrationFor(routeKey: string, raw: unknown): string | undefined {
    if (raw === undefined) return undefined;
    let spec: unknown = raw;
    let sharedName: string | undefined;
    if (isObject(raw) && typeof raw.$ref === 'string') {
      if (!raw.$ref.startsWith(INTEGRATIONS_REF)) {
        this.errors.push(`Route '${routeKey}': integration reference '${raw.$ref}' must point into components/x-amazon-apigateway-integrations`);
        return undefined;
      }
      sharedName = raw.$ref.slice(INTEGRATIONS_REF.length);
      const known = this.sharedIntegrations.get(sharedName);
      if (known) return known;
      spec = deref(this.doc, raw);
      if (spec === undefined) {
        this.errors.push(`Route '${routeKey}': integration reference '${raw.$ref}' does not resolve`);
        return undefined;
      }
    }
    if (!isObject(spec)) {
      this.errors.push(`Route '${routeKey}': x-amazon-apigateway-integration must be an object`);
      return undefined;
    }
    const type = String(spec.type ?? '').toUpperCase();
    if (!HTTP_API_INTEGRATION_TYPES.has(type)) {
      this.warnings.push(`Route '${routeKey}': integration type '${String(spec.type ?? '')}' is not supported by HTTP APIs; the integration was ignored.`);
      return undefined;
    }
    if (typeof spec.uri !== 'string' || spec.uri === '') {
      this.errors.push(`Route '${routeKey}': the integration needs a uri`);
      return undefined;
    }
    const integration: HttpIntegrationRecord = {
      integrationId: freshId(this.integrations, 7),
      integrationType: type,
      integrationUri: substituteAwsVariables(spec.uri),
      connectionType: typeof spec.connectionType === 'string' ? spec.connectionType.toUpperCase() : 'INTERNET',
      timeoutInMillis: typeof spec.timeoutInMillis === 'number' ? spec.timeoutInMillis : MAX_HTTP_TIMEOUT_MS,
    };
    if (integration.timeoutInMillis !== undefined && (integration.timeoutInMillis < 50 || integration.timeoutInMillis > MAX_HTTP_TIMEOUT_MS)) {
      this.errors.push(`Route '${routeKey}': timeoutInMillis must be between 50 and ${MAX_HTTP_TIMEOUT_MS}`);
      return undefined;
    }
    if (spec.payloadFormatVersion !== undefined) integration.payloadFormatVersion = formatVersion(spec.payloadFormatVersion);
    else if (type === 'HTTP_PROXY') integration.payloadFormatVersion = '1.0';
    else {
      this.errors.push(`Route '${routeKey}': AWS_PROXY integrations need a payloadFormatVersion (1.0 or 2.0)`);
      return undefined;
    }
    if (typeof spec.httpMethod === 'string') integration.integrationMethod = spec.httpMethod.toUpperCase();
    else if (type === 'HTTP_PROXY') integration.integrationMethod = 'ANY';
    else integration.integrationMethod = 'POST';
    if (typeof spec.connectionId === 'string') integration.connectionId = spec.connectionId;
    if (typeof spec.credentials === 'string') integration.credentialsArn = substituteAwsVariables(spec.credentials);
    if (typeof spec.integrationSubtype === 'string') integration.integrationSubtype = spec.integrationSubtype;
    if (typeof spec.description === 'string') integration.description = spec.description;
    const requestParameters = stringRecord(spec.requestParameters);
    if (requestParameters) integration.requestParameters = requestParameters;
    if (isObject(spec.tlsConfig) && typeof spec.tlsConfig.serverNameToVerify === 'string') {
      integration.tlsConfig = { serverNameToVerify: spec.tlsConfig.serverNameToVerify };
    }
    this.integrations.set(integration.integrationId, integration);
    if (sharedName) this.sharedIntegrations.set(sharedName, integration.integrationId);
    return integration.integrationId;
  }
}

/** Documents write versions both as strings and as numbers such as 1.0, which JSON reads back as 1. */
function formatVersion(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(1) : String(value);
}
