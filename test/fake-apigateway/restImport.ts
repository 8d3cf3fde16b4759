import { badRequest } from './errors';
import { importGatewayResponses } from './gatewayResponseCatalog';
import { buildRestIntegration, convertModelSchema } from './restImportConversions';
import {
  deref,
  isObject,
  isSwagger2,
  operationsOf,
  refName,
  stringList,
  substituteAwsVariables,
  type JsonObject,
} from './openapiDocument';
import {
  FAKE_ACCOUNT_ID,
  FAKE_REGION,
  freshId,
  type AuthorizerRecord,
  type GatewayResponseRecord,
  type MethodRecord,
  type MethodResponseRecord,
  type ModelRecord,
  type RequestValidatorRecord,
  type ResourceRecord,
  type RestApiRecord,
} from './state';

export interface RestImportOptions {
  mode: 'overwrite' | 'merge';
  /** The `basepath` import parameter: ignore (default), prepend or split. */
  basePathMode: string;
  failOnWarnings: boolean;
}

const AUTHORIZER_TYPES: Record<string, string> = {
  token: 'TOKEN',
  request: 'REQUEST',
  cognito_user_pools: 'COGNITO_USER_POOLS',
};
/** Path segments may hold only alphanumerics, `_ - . , :` and a whole-segment `{param}` / `{param+}` (known issues). */
const PATH_PART = /^(?:[A-Za-z0-9_\-.,:]+|\{[A-Za-z0-9_\-.]+\+?\})$/;
const MODEL_NAME = /^[A-Za-z0-9]+$/;

type SchemeUse =
  | { kind: 'authorizer'; authorizerId: string; authorizationType: string }
  | { kind: 'iam' }
  | { kind: 'apiKey' };

/**
 * Turns an OpenAPI 2.0/3.0 document into the REST API's resources, methods, integrations, models, authorizers,
 * request validators and gateway responses, then stores them on `api`. Nothing is stored when the document has errors,
 * or warnings while `failOnWarnings` is set; the returned list holds the warnings of a successful import.
 */
export function importRestDefinition(api: RestApiRecord, doc: JsonObject, options: RestImportOptions): string[] {
  const importer = new RestImporter(api, doc, options);
  importer.run();
  if (importer.errors.length > 0) {
    const warningsPart = importer.warnings.length > 0
      ? `\nAdditionally, these warnings were found:\n\t${importer.warnings.join('\n\t')}`
      : '';
    throw badRequest(`Errors found during import:\n\t${importer.errors.join('\n\t')}${warningsPart}`);
  }
  if (options.failOnWarnings && importer.warnings.length > 0) {
    throw badRequest(`Warnings found during import:\n\t${importer.warnings.join('\n\t')}`);
  }
  importer.commit();
  return importer.warnings;
}

class RestImporter {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  private readonly resources = new Map<string, ResourceRecord>();
  private readonly models = new Map<string, ModelRecord>();
  private readonly authorizers = new Map<string, AuthorizerRecord>();
  private readonly validators = new Map<string, RequestValidatorRecord>();
  private readonly gatewayResponses = new Map<string, GatewayResponseRecord>();
  private readonly schemes = new Map<string, SchemeUse>();
  private readonly swagger2: boolean;

  constructor(
    private readonly api: RestApiRecord,
    private readonly doc: JsonObject,
    private readonly options: RestImportOptions,
  ) {
    this.swagger2 = isSwagger2(doc);
    if (options.mode === 'merge') {
      for (const [id, resource] of api.resources) this.resources.set(id, structuredClone(resource));
      for (const [id, model] of api.models) this.models.set(id, { ...model });
      for (const [id, authorizer] of api.authorizers) this.authorizers.set(id, { ...authorizer });
      for (const [id, validator] of api.requestValidators) this.validators.set(id, { ...validator });
      for (const [type, response] of api.gatewayResponses) this.gatewayResponses.set(type, structuredClone(response));
    } else {
      this.resources.set(api.rootResourceId, { id: api.rootResourceId, path: '/', resourceMethods: {} });
    }
  }

  run(): void {
    const version = String(this.doc.swagger ?? this.doc.openapi);
    if (!/^(2\.0|3\.0(\.\d+)?|3\.1(\.\d+)?)$/.test(version)) {
      this.errors.push(`Unsupported OpenAPI version '${version}'; API Gateway imports Swagger 2.0 and OpenAPI 3.0.`);
      return;
    }
    this.importModels();
    this.importValidators();
    this.importSecuritySchemes();
    this.importPaths();
    for (const response of importGatewayResponses(this.doc['x-amazon-apigateway-gateway-responses'], this.errors)) {
      this.gatewayResponses.set(response.responseType, response);
    }
  }

  commit(): void {
    const api = this.api;
    const info = isObject(this.doc.info) ? this.doc.info : {};
    if (this.options.mode === 'overwrite') {
      if (typeof info.title === 'string' && info.title !== '') api.name = info.title;
      if (typeof info.description === 'string') api.description = info.description;
      if (info.version !== undefined) api.version = String(info.version);
    }
    const binary = stringList(this.doc['x-amazon-apigateway-binary-media-types']);
    if (binary) api.binaryMediaTypes = binary;
    const compression = this.doc['x-amazon-apigateway-minimum-compression-size'];
    if (typeof compression === 'number') api.minimumCompressionSize = compression;
    const keySource = this.doc['x-amazon-apigateway-api-key-source'];
    if (typeof keySource === 'string') api.apiKeySource = keySource.toUpperCase();
    const policy = this.doc['x-amazon-apigateway-policy'];
    if (isObject(policy)) api.policy = JSON.stringify(policy).replace(/"execute-api:\//g, `"arn:aws:execute-api:${FAKE_REGION}:${FAKE_ACCOUNT_ID}:${api.id}/`);
    const endpoint = this.endpointConfiguration();
    if (endpoint && typeof endpoint.disableExecuteApiEndpoint === 'boolean') api.disableExecuteApiEndpoint = endpoint.disableExecuteApiEndpoint;
    api.resources = this.resources;
    api.models = this.models;
    api.authorizers = this.authorizers;
    api.requestValidators = this.validators;
    api.gatewayResponses = this.gatewayResponses;
  }

  private endpointConfiguration(): JsonObject | undefined {
    const atRoot = this.doc['x-amazon-apigateway-endpoint-configuration'];
    if (isObject(atRoot)) return atRoot;
    const servers = Array.isArray(this.doc.servers) ? this.doc.servers : [];
    const first = servers.find(isObject);
    const onServer = first?.['x-amazon-apigateway-endpoint-configuration'];
    return isObject(onServer) ? onServer : undefined;
  }

  private importModels(): void {
    const components = isObject(this.doc.components) ? this.doc.components : {};
    const schemas = this.swagger2 ? this.doc.definitions : components.schemas;
    if (!isObject(schemas)) return;
    const byName = new Map([...this.models.values()].map((m) => [m.name, m]));
    for (const [name, schema] of Object.entries(schemas)) {
      if (!MODEL_NAME.test(name)) {
        this.errors.push(`Unable to create model for '${name}': Model name must be alphanumeric`);
        continue;
      }
      if (!isObject(schema)) {
        this.errors.push(`Unable to create model for '${name}': the schema is not an object`);
        continue;
      }
      const unsupported = new Set<string>();
      const converted = convertModelSchema(schema, this.api.id, unsupported);
      if (unsupported.size > 0) {
        this.warnings.push(
          `Unsupported keyword(s) in model '${name}' were ignored: ${JSON.stringify([...unsupported].sort())}`,
        );
      }
      const text = JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', title: name, ...(converted as JsonObject) });
      const existing = byName.get(name);
      const model: ModelRecord = {
        id: existing?.id ?? freshId(this.models, 6),
        name,
        schema: text,
        contentType: 'application/json',
      };
      if (typeof schema.description === 'string') model.description = schema.description;
      this.models.set(model.id, model);
    }
  }

  private importValidators(): void {
    const declared = this.doc['x-amazon-apigateway-request-validators'];
    if (!isObject(declared)) return;
    const byName = new Map([...this.validators.values()].map((v) => [v.name, v]));
    for (const [name, body] of Object.entries(declared)) {
      const settings = isObject(body) ? body : {};
      const validator: RequestValidatorRecord = {
        id: byName.get(name)?.id ?? freshId(this.validators, 6),
        name,
        validateRequestBody: settings.validateRequestBody === true,
        validateRequestParameters: settings.validateRequestParameters === true,
      };
      this.validators.set(validator.id, validator);
    }
  }

  private importSecuritySchemes(): void {
    const components = isObject(this.doc.components) ? this.doc.components : {};
    const schemes = this.swagger2 ? this.doc.securityDefinitions : components.securitySchemes;
    if (!isObject(schemes)) return;
    const byName = new Map([...this.authorizers.values()].map((a) => [a.name, a]));
    for (const [name, rawScheme] of Object.entries(schemes)) {
      const scheme = deref(this.doc, rawScheme);
      if (!isObject(scheme)) continue;
      const authType = typeof scheme['x-amazon-apigateway-authtype'] === 'string' ? (scheme['x-amazon-apigateway-authtype'] as string) : undefined;
      const authorizer = scheme['x-amazon-apigateway-authorizer'];
      if (isObject(authorizer)) {
        const type = AUTHORIZER_TYPES[String(authorizer.type ?? '').toLowerCase()];
        if (!type) {
          this.errors.push(`Unable to create authorizer '${name}': Invalid authorizer type '${String(authorizer.type)}'`);
          continue;
        }
        const record: AuthorizerRecord = { id: byName.get(name)?.id ?? freshId(this.authorizers, 6), name, type };
        if (authType) record.authType = authType;
        if (typeof authorizer.authorizerUri === 'string') record.authorizerUri = substituteAwsVariables(authorizer.authorizerUri);
        if (typeof authorizer.authorizerCredentials === 'string') record.authorizerCredentials = authorizer.authorizerCredentials;
        if (typeof authorizer.identityValidationExpression === 'string') record.identityValidationExpression = authorizer.identityValidationExpression;
        const providers = stringList(authorizer.providerARNs);
        if (providers) record.providerARNs = providers;
        if (typeof authorizer.identitySource === 'string') record.identitySource = authorizer.identitySource;
        else if (type !== 'REQUEST' && typeof scheme.name === 'string') record.identitySource = `method.request.header.${scheme.name}`;
        const ttl = Number(authorizer.authorizerResultTtlInSeconds ?? 300);
        record.authorizerResultTtlInSeconds = Number.isFinite(ttl) ? ttl : 300;
        if ((type === 'TOKEN' || type === 'REQUEST') && !record.authorizerUri) {
          this.errors.push(`Unable to create authorizer '${name}': authorizerUri is required for ${type} authorizers`);
          continue;
        }
        this.authorizers.set(record.id, record);
        this.schemes.set(name, {
          kind: 'authorizer',
          authorizerId: record.id,
          authorizationType: type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM',
        });
      } else if (authType?.toLowerCase() === 'awssigv4') {
        this.schemes.set(name, { kind: 'iam' });
      } else if (scheme.type === 'apiKey') {
        this.schemes.set(name, { kind: 'apiKey' });
      }
    }
  }

  private basePathPrefix(): string[] {
    const mode = this.options.basePathMode;
    if (mode === 'ignore') return [];
    let basePath = '';
    if (this.swagger2 && typeof this.doc.basePath === 'string') basePath = this.doc.basePath;
    if (!this.swagger2 && Array.isArray(this.doc.servers) && isObject(this.doc.servers[0])) {
      const server = this.doc.servers[0];
      let url = typeof server.url === 'string' ? server.url : '';
      const variables = isObject(server.variables) ? server.variables : {};
      url = url.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const variable = variables[name];
        return isObject(variable) && variable.default !== undefined ? String(variable.default) : '';
      });
      basePath = url.replace(/^[a-z]+:\/\/[^/]*/i, '');
    }
    const segments = basePath.split('/').filter((s) => s !== '');
    // "split" drops the top-most part of the base path and prepends the rest (import-api basePath docs).
    return mode === 'split' ? segments.slice(1) : segments;
  }

  private importPaths(): void {
    const prefix = this.basePathPrefix();
    for (const [path, rawItem] of Object.entries(this.doc.paths as JsonObject)) {
      const item = deref(this.doc, rawItem);
      if (!isObject(item)) {
        this.errors.push(`Invalid path item at '${path}': expected an object`);
        continue;
      }
      if (!path.startsWith('/')) {
        this.errors.push(`Invalid resource path '${path}': paths must start with '/'`);
        continue;
      }
      const segments = [...prefix, ...path.split('/').filter((s) => s !== '')];
      const bad = segments.find((segment) => !PATH_PART.test(segment));
      if (bad !== undefined) {
        this.errors.push(`Resource name '${bad}' in path '${path}' is invalid: use alphanumerics, '_-.,:' or a whole-segment {param}`);
        continue;
      }
      const resource = this.ensureResource(segments);
      const pathParameters = Array.isArray(item.parameters) ? item.parameters : [];
      for (const [httpMethod, operation] of operationsOf(item)) {
        resource.resourceMethods[httpMethod] = this.buildMethod(resource, httpMethod, operation, pathParameters);
      }
    }
  }

  private ensureResource(segments: string[]): ResourceRecord {
    let parent = this.resources.get(this.api.rootResourceId) as ResourceRecord;
    for (const segment of segments) {
      const path = parent.path === '/' ? `/${segment}` : `${parent.path}/${segment}`;
      let child = [...this.resources.values()].find((r) => r.path === path);
      if (!child) {
        child = { id: freshId(this.resources, 6), parentId: parent.id, pathPart: segment, path, resourceMethods: {} };
        this.resources.set(child.id, child);
      }
      parent = child;
    }
    return parent;
  }

  private buildMethod(resource: ResourceRecord, httpMethod: string, op: JsonObject, pathParameters: unknown[]): MethodRecord {
    const method: MethodRecord = { httpMethod, authorizationType: 'NONE', apiKeyRequired: false };
    if (typeof op.operationId === 'string') method.operationName = op.operationId;
    this.applySecurity(method, op);

    const requestParameters: Record<string, boolean> = {};
    const requestModels: Record<string, string> = {};
    for (const raw of [...pathParameters, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
      const parameter = deref(this.doc, raw);
      if (!isObject(parameter) || typeof parameter.name !== 'string') continue;
      const location = { path: 'path', query: 'querystring', header: 'header' }[String(parameter.in)];
      if (location) {
        requestParameters[`method.request.${location}.${parameter.name}`] = location === 'path' || parameter.required === true;
      } else if (parameter.in === 'body') {
        const name = this.modelNameOf(parameter.schema);
        if (name) for (const type of this.mediaTypes(op, 'consumes')) requestModels[type] = name;
      }
    }
    const requestBody = deref(this.doc, op.requestBody);
    if (isObject(requestBody) && isObject(requestBody.content)) {
      for (const [type, media] of Object.entries(requestBody.content)) {
        const name = isObject(media) ? this.modelNameOf(media.schema) : undefined;
        if (name) requestModels[type] = name;
      }
    }
    if (Object.keys(requestParameters).length > 0) method.requestParameters = requestParameters;
    if (Object.keys(requestModels).length > 0) method.requestModels = requestModels;

    const validatorName = op['x-amazon-apigateway-request-validator'] ?? this.doc['x-amazon-apigateway-request-validator'];
    if (typeof validatorName === 'string') {
      const validator = [...this.validators.values()].find((v) => v.name === validatorName);
      if (validator) method.requestValidatorId = validator.id;
      else this.warnings.push(`Request validator '${validatorName}' for method '${httpMethod}' at path '${resource.path}' is not defined. Ignoring.`);
    }

    const methodResponses = this.buildMethodResponses(op);
    if (Object.keys(methodResponses).length > 0) method.methodResponses = methodResponses;

    const integration = op['x-amazon-apigateway-integration'];
    if (isObject(integration)) {
      const built = buildRestIntegration(integration, resource, httpMethod, this);
      if (built) method.methodIntegration = built;
    }
    return method;
  }

  private applySecurity(method: MethodRecord, op: JsonObject): void {
    const requirements = Array.isArray(op.security) ? op.security : Array.isArray(this.doc.security) ? this.doc.security : [];
    for (const requirement of requirements) {
      if (!isObject(requirement)) continue;
      for (const [name, scopes] of Object.entries(requirement)) {
        const use = this.schemes.get(name);
        if (!use) continue;
        if (use.kind === 'apiKey') method.apiKeyRequired = true;
        else if (use.kind === 'iam') method.authorizationType = 'AWS_IAM';
        else {
          method.authorizationType = use.authorizationType;
          method.authorizerId = use.authorizerId;
          const scopeList = stringList(scopes);
          if (use.authorizationType === 'COGNITO_USER_POOLS' && scopeList && scopeList.length > 0) method.authorizationScopes = scopeList;
        }
      }
    }
    const auth = op['x-amazon-apigateway-auth'];
    if (isObject(auth) && typeof auth.type === 'string') {
      const type = auth.type.toUpperCase();
      if (type === 'AWS_IAM' || type === 'NONE') {
        method.authorizationType = type;
        delete method.authorizerId;
      }
    }
  }

  private mediaTypes(op: JsonObject, key: 'consumes' | 'produces'): string[] {
    return stringList(op[key]) ?? stringList(this.doc[key]) ?? ['application/json'];
  }

  private modelNameOf(schema: unknown): string | undefined {
    if (!isObject(schema) || typeof schema.$ref !== 'string') return undefined;
    const name = refName(schema.$ref);
    if (![...this.models.values()].some((m) => m.name === name)) {
      this.warnings.push(`Reference to model '${name}' not found. Ignoring.`);
      return undefined;
    }
    return name;
  }

  private buildMethodResponses(op: JsonObject): Record<string, MethodResponseRecord> {
    const out: Record<string, MethodResponseRecord> = {};
    if (!isObject(op.responses)) return out;
    for (const [status, raw] of Object.entries(op.responses)) {
      if (!/^[1-5]\d\d$/.test(status)) continue;
      const response = deref(this.doc, raw);
      const record: MethodResponseRecord = { statusCode: status };
      if (isObject(response)) {
        if (isObject(response.headers)) {
          record.responseParameters = {};
          for (const header of Object.keys(response.headers)) record.responseParameters[`method.response.header.${header}`] = false;
        }
        const models: Record<string, string> = {};
        if (this.swagger2) {
          const name = this.modelNameOf(response.schema);
          if (name) for (const type of this.mediaTypes(op, 'produces')) models[type] = name;
        } else if (isObject(response.content)) {
          for (const [type, media] of Object.entries(response.content)) {
            const name = isObject(media) ? this.modelNameOf(media.schema) : undefined;
            if (name) models[type] = name;
          }
        }
        if (Object.keys(models).length > 0) record.responseModels = models;
      }
      out[status] = record;
    }
    return out;
  }
}
