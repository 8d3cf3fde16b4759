import { randomInt } from 'node:crypto';

/**
 * In-memory model of what the fake gateway holds. REST API (v1) records use the wire member names of the
 * `apigateway` service so handlers can return them with little reshaping; HTTP/WebSocket API (v2) records use the
 * lowerCamel wire names of `apigatewayv2`.
 */

export const FAKE_ACCOUNT_ID = '123456789012';
export const FAKE_REGION = 'us-east-1';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** AWS ids are short lowercase alphanumerics: 10 characters for APIs and root resources, 6 for most children. */
export function newId(length = 10): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

export interface IntegrationResponseRecord {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
}

export interface IntegrationRecord {
  type: string;
  httpMethod?: string;
  uri?: string;
  connectionType?: string;
  connectionId?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior?: string;
  contentHandling?: string;
  timeoutInMillis?: number;
  cacheNamespace?: string;
  cacheKeyParameters?: string[];
  integrationResponses?: Record<string, IntegrationResponseRecord>;
  tlsConfig?: { insecureSkipVerification?: boolean };
  responseTransferMode?: string;
}

export interface MethodResponseRecord {
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: Record<string, string>;
}

export interface MethodRecord {
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired: boolean;
  requestValidatorId?: string;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  methodResponses?: Record<string, MethodResponseRecord>;
  methodIntegration?: IntegrationRecord;
  authorizationScopes?: string[];
}

export interface ResourceRecord {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  resourceMethods: Record<string, MethodRecord>;
}

export interface ModelRecord {
  id: string;
  name: string;
  description?: string;
  schema?: string;
  contentType: string;
}

export interface AuthorizerRecord {
  id: string;
  name: string;
  type: string;
  providerARNs?: string[];
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
}

export interface RequestValidatorRecord {
  id: string;
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

/** A customised gateway response; types without one answer with API Gateway's default. */
export interface GatewayResponseRecord {
  responseType: string;
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
}

/** What a deployment freezes: the API definition as it was when the deployment was created. */
export interface RestApiDefinition {
  resources: ResourceRecord[];
  models: ModelRecord[];
  authorizers: AuthorizerRecord[];
  requestValidators: RequestValidatorRecord[];
  gatewayResponses: GatewayResponseRecord[];
}

export interface RestDeploymentRecord {
  id: string;
  description?: string;
  createdDate: number;
  snapshot: RestApiDefinition;
}

export interface CanarySettingsRecord {
  percentTraffic?: number;
  deploymentId?: string;
  stageVariableOverrides?: Record<string, string>;
  useStageCache?: boolean;
}

export interface RestStageRecord {
  stageName: string;
  deploymentId: string;
  description?: string;
  cacheClusterEnabled: boolean;
  cacheClusterStatus: string;
  variables?: Record<string, string>;
  canarySettings?: CanarySettingsRecord;
  tracingEnabled: boolean;
  tags?: Record<string, string>;
  createdDate: number;
  lastUpdatedDate: number;
}

export interface RestApiRecord {
  id: string;
  name: string;
  description?: string;
  version?: string;
  createdDate: number;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  apiKeySource: string;
  endpointConfiguration: { types: string[]; vpcEndpointIds?: string[] };
  policy?: string;
  tags?: Record<string, string>;
  disableExecuteApiEndpoint: boolean;
  rootResourceId: string;
  resources: Map<string, ResourceRecord>;
  models: Map<string, ModelRecord>;
  authorizers: Map<string, AuthorizerRecord>;
  requestValidators: Map<string, RequestValidatorRecord>;
  /** Only the customised responses, keyed by response type. */
  gatewayResponses: Map<string, GatewayResponseRecord>;
  deployments: Map<string, RestDeploymentRecord>;
  stages: Map<string, RestStageRecord>;
}

export interface CorsRecord {
  allowCredentials?: boolean;
  allowHeaders?: string[];
  allowMethods?: string[];
  allowOrigins?: string[];
  exposeHeaders?: string[];
  maxAge?: number;
}

export interface RouteRecord {
  routeId: string;
  routeKey: string;
  apiKeyRequired: boolean;
  authorizationType: string;
  authorizerId?: string;
  authorizationScopes?: string[];
  operationName?: string;
  target?: string;
  routeResponseSelectionExpression?: string;
  modelSelectionExpression?: string;
  requestModels?: Record<string, string>;
}

export interface HttpIntegrationRecord {
  integrationId: string;
  integrationType: string;
  integrationUri?: string;
  integrationMethod?: string;
  integrationSubtype?: string;
  payloadFormatVersion?: string;
  connectionType: string;
  connectionId?: string;
  credentialsArn?: string;
  description?: string;
  timeoutInMillis?: number;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  templateSelectionExpression?: string;
  passthroughBehavior?: string;
  tlsConfig?: { serverNameToVerify?: string };
}

export interface HttpAuthorizerRecord {
  authorizerId: string;
  name: string;
  authorizerType: string;
  identitySource?: string[];
  authorizerUri?: string;
  authorizerCredentialsArn?: string;
  authorizerPayloadFormatVersion?: string;
  authorizerResultTtlInSeconds?: number;
  enableSimpleResponses?: boolean;
  jwtConfiguration?: { issuer?: string; audience?: string[] };
}

export interface HttpDeploymentRecord {
  deploymentId: string;
  description?: string;
  createdDate: number;
  autoDeployed: boolean;
  deploymentStatus: string;
}

export interface HttpStageRecord {
  stageName: string;
  deploymentId?: string;
  description?: string;
  autoDeploy: boolean;
  stageVariables?: Record<string, string>;
  defaultRouteSettings?: Record<string, unknown>;
  routeSettings?: Record<string, unknown>;
  accessLogSettings?: { destinationArn?: string; format?: string };
  tags?: Record<string, string>;
  createdDate: number;
  lastUpdatedDate: number;
}

export interface HttpApiRecord {
  apiId: string;
  name: string;
  protocolType: 'HTTP' | 'WEBSOCKET';
  routeSelectionExpression: string;
  apiKeySelectionExpression: string;
  description?: string;
  version?: string;
  createdDate: number;
  corsConfiguration?: CorsRecord;
  disableExecuteApiEndpoint: boolean;
  disableSchemaValidation?: boolean;
  tags?: Record<string, string>;
  warnings?: string[];
  importInfo?: string[];
  routes: Map<string, RouteRecord>;
  integrations: Map<string, HttpIntegrationRecord>;
  authorizers: Map<string, HttpAuthorizerRecord>;
  deployments: Map<string, HttpDeploymentRecord>;
  stages: Map<string, HttpStageRecord>;
}

/**
 * One mapping of a custom domain. Both API versions see the same mappings: `key` is the v1 base path and the v2
 * API mapping key at once, empty for the domain root.
 */
export interface DomainMappingRecord {
  apiMappingId: string;
  key: string;
  apiId: string;
  stage?: string;
}

/** A custom domain name; both API versions list the same domains, each in its own shape. */
export interface DomainNameRecord {
  domainName: string;
  endpointType: 'EDGE' | 'REGIONAL';
  certificateArn?: string;
  certificateName?: string;
  certificateUploadDate: number;
  securityPolicy: string;
  /** The host API Gateway answers on, which the domain's DNS record must point at. */
  targetDomainName: string;
  hostedZoneId: string;
  tags?: Record<string, string>;
  mappings: DomainMappingRecord[];
}

export interface FakeState {
  restApis: Map<string, RestApiRecord>;
  httpApis: Map<string, HttpApiRecord>;
  domainNames: Map<string, DomainNameRecord>;
}

export function createFakeState(): FakeState {
  return { restApis: new Map(), httpApis: new Map(), domainNames: new Map() };
}

/** Picks an id not yet used among `taken`, so random collisions can never merge two records. */
export function freshId(taken: { has(key: string): boolean }, length = 10): string {
  for (;;) {
    const id = newId(length);
    if (!taken.has(id)) return id;
  }
}
