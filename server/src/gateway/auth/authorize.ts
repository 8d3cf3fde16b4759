import { getOwn } from '../../model/jsonObjects';
import type { ApiModel, Operation } from '../apiModel';
import { asJson, payloadFormatVersion } from '../apiModel';
import { LOCAL_GATEWAY_ERROR } from '../configurationFaults';
import { logBody, type ExecutionLog } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { callFunction, type FunctionCaller } from '../lambda/callFunction';
import { jwksFor } from '../localConfig';
import type { Json } from '../requestContext';
import { substituteUriVariables } from '../stageVariables';
import { checkJwt, cognitoIssuer } from './jwt';
import { evaluatePolicy } from './policy';
import { identitySourceList } from '../../facts/identitySources';
import { checkSignature } from './sigv4';
import { buildAuthorizerEvent, type AuthorizerRequest } from './authorizerEvents';
import { contextValue } from '../integrations/mappingSources';
import { authorizerStrings } from '../../template/authorizerStrings';

export type SchemeKind = 'lambda' | 'cognito' | 'jwt' | 'iam' | 'apiKey' | 'unknown';

export interface AuthOutcome {
  /** `$context.authorizer` (REST and payload 1.0 shape). */
  authorizer?: Json;
  /** `requestContext.authorizer` in payload 2.0 events. */
  authorizerV2?: Json;
  /** Extra `$context.identity` fields. */
  identity: Json;
  /** The key a Lambda authorizer returned as `usageIdentifierKey`. */
  usageIdentifierKey?: string;
}

interface CachedPolicy {
  expires: number;
  response: Json;
}

export function classifyScheme(name: string, scheme: Json): SchemeKind {
  const authorizer = asJson(scheme['x-amazon-apigateway-authorizer']);
  if (authorizer) {
    const type = String(authorizer.type ?? '').toLowerCase();
    if (type === 'token' || type === 'request') return 'lambda';
    if (type === 'cognito_user_pools') return 'cognito';
    if (type === 'jwt') return 'jwt';
    return 'unknown';
  }
  if (String(scheme['x-amazon-apigateway-authtype'] ?? '').toLowerCase() === 'awssigv4') return 'iam';
  if (scheme.type === 'apiKey' && String(scheme.in).toLowerCase() === 'header' && String(scheme.name).toLowerCase() === 'x-api-key') return 'apiKey';
  if (name === 'api_key' && scheme.type === 'apiKey') return 'apiKey';
  return 'unknown';
}

/**
 * Authentication and authorization in API Gateway's order: IAM or the authorizer first, then the API key.
 * Lambda authorizer results are cached per authorizer and identity source for `authorizerResultTtlInSeconds`.
 */
export class Authorizers {
  private readonly cache = new Map<string, CachedPolicy>();

  constructor(
    private readonly model: ApiModel,
    private readonly caller: FunctionCaller,
  ) {}

  async authorize(op: Operation, request: AuthorizerRequest, log: ExecutionLog): Promise<AuthOutcome> {
    const outcome: AuthOutcome = { identity: {} };
    const httpApi = this.model.dialect === 'http';
    let needsApiKey = false;
    if (op.iamAuth) await this.iam(request, outcome, log);
    for (const [name, scopes] of Object.entries(op.security ?? {})) {
      const scheme = this.model.securitySchemes[name];
      if (!scheme) {
        log.add(`Security scheme ${name} is not defined; it is ignored`);
        continue;
      }
      const kind = classifyScheme(name, scheme);
      if (kind === 'apiKey') needsApiKey = true;
      else if (kind === 'iam') await this.iam(request, outcome, log);
      else if (kind === 'lambda') await this.lambda(name, scheme, request, outcome, log);
      else if (kind === 'cognito' || kind === 'jwt') this.jwt(name, kind, scheme, Array.isArray(scopes) ? scopes.map(String) : [], request, outcome, log);
      else log.add(`Security scheme ${name} is not an API Gateway authorizer; it is not enforced locally`);
    }
    if (needsApiKey && !httpApi) this.apiKey(request, outcome, log);
    return outcome;
  }

  private apiKey(request: AuthorizerRequest, outcome: AuthOutcome, log: ExecutionLog): void {
    const key = this.model.apiKeySource === 'AUTHORIZER' ? outcome.usageIdentifierKey : request.headers['x-api-key'];
    const valid = this.caller.config.apiKeys;
    if (!key || (valid && !valid.includes(key))) {
      log.add(`API Key ${key ? `${key.slice(0, 4)}**** is not valid` : 'is missing'} (source: ${this.model.apiKeySource})`);
      throw new GatewayError('INVALID_API_KEY', 'Forbidden');
    }
    log.add(`API Key ${key.slice(0, 4)}**** ${valid ? 'is valid' : 'accepted (no apiKeys configured)'}`);
    outcome.identity.apiKey = key;
    outcome.identity.apiKeyId = `local-${key.slice(0, 4)}`;
  }

  private async iam(request: AuthorizerRequest, outcome: AuthOutcome, log: ExecutionLog): Promise<void> {
    const result = await checkSignature(
      { method: request.method, path: request.rawPath, query: request.query, headers: request.headers, body: request.bodyBytes },
      this.caller.config.credentials,
    );
    if (!result.ok) {
      log.add(`IAM authorization failed: ${result.message}`);
      throw new GatewayError(result.type, result.message);
    }
    const accessKey = /Credential=([^/]+)/.exec(request.headers.authorization ?? '')?.[1] ?? null;
    const userArn = result.credentials?.userArn ?? `arn:aws:iam::${this.caller.accountId}:user/local`;
    log.add(result.credentials ? `IAM signature verified for access key ${accessKey}` : 'IAM signature present (not verified: no local credentials configured)');
    Object.assign(outcome.identity, { accessKey, accountId: this.caller.accountId, caller: accessKey, user: accessKey, userArn });
    outcome.authorizerV2 = { iam: { accessKey, accountId: this.caller.accountId, callerId: accessKey, principalOrgId: null, userArn, userId: accessKey } };
  }

  private jwt(name: string, kind: 'cognito' | 'jwt', scheme: Json, scopes: string[], request: AuthorizerRequest, outcome: AuthOutcome, log: ExecutionLog): void {
    const authorizer = asJson(scheme['x-amazon-apigateway-authorizer']) ?? {};
    const httpApi = this.model.dialect === 'http';
    let token: string | undefined;
    let issuers: string[];
    let audiences: string[];
    if (kind === 'jwt') {
      const source = String(authorizer.identitySource ?? '$request.header.Authorization').split(',')[0].trim();
      token = identityValue(source, request);
      const config = asJson(authorizer.jwtConfiguration) ?? {};
      const issuer = typeof config.issuer === 'string' ? config.issuer : typeof scheme.openIdConnectUrl === 'string' ? scheme.openIdConnectUrl.replace(/\/\.well-known\/openid-configuration$/, '') : undefined;
      issuers = issuer ? [issuer] : [];
      audiences = Array.isArray(config.audience) ? config.audience.map(String) : [];
    } else {
      token = getOwn(request.headers, String(scheme.name ?? 'Authorization').toLowerCase());
      issuers = (Array.isArray(authorizer.providerARNs) ? authorizer.providerARNs : []).map((arn) => cognitoIssuer(String(arn))).filter((i): i is string => !!i);
      audiences = [];
    }
    if (!token) {
      log.add(`Authorizer ${name}: no token in the identity source`);
      throw new GatewayError('UNAUTHORIZED', 'Unauthorized');
    }
    token = token.replace(/^Bearer\s+/i, '');
    const issuerClaim = peekIssuer(token);
    const jwks = jwksFor(this.caller.config, issuerClaim ?? issuers[0]);
    const result = checkJwt(token, { issuers, audiences, scopes, jwks });
    if (!result.ok) {
      log.add(`Authorizer ${name}: ${result.reason}`);
      if (result.forbidden) throw new GatewayError('ACCESS_DENIED', httpApi ? 'Forbidden' : 'Unauthorized', httpApi ? {} : { status: 401 });
      const message = result.expired && !httpApi ? 'The incoming token has expired' : 'Unauthorized';
      const headers = httpApi ? { 'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${result.reason}"` } : undefined;
      throw new GatewayError('UNAUTHORIZED', message, { headers });
    }
    log.add(`Authorizer ${name}: token accepted${result.signatureChecked ? ' (RS256 signature verified)' : ' (signature not verified: no JWKS configured)'}`);
    const claims = kind === 'jwt' ? jwtClaimStrings(result.claims) : (authorizerStrings(result.claims) as Json);
    outcome.authorizer = httpApi ? { claims, scopes: result.scopes.length ? result.scopes : null } : { claims };
    outcome.authorizerV2 = { jwt: { claims, scopes: result.scopes.length ? result.scopes : null } };
  }

  private async lambda(name: string, scheme: Json, request: AuthorizerRequest, outcome: AuthOutcome, log: ExecutionLog): Promise<void> {
    const authorizer = asJson(scheme['x-amazon-apigateway-authorizer']) ?? {};
    const httpApi = this.model.dialect === 'http';
    const type = String(authorizer.type).toLowerCase() === 'token' ? 'TOKEN' : 'REQUEST';
    const sources = identitySources(authorizer, scheme, type);
    const values = sources.map((s) => identityValue(s, request));
    if (sources.length && values.some((v) => v === undefined || v === '')) {
      log.add(`Authorizer ${name}: identity source ${sources.filter((_, i) => !values[i]).join(', ')} is missing; the authorizer is not called`);
      throw new GatewayError('UNAUTHORIZED', 'Unauthorized');
    }
    if (type === 'TOKEN' && typeof authorizer.identityValidationExpression === 'string') {
      if (!new RegExp(`^(?:${authorizer.identityValidationExpression})$`).test(values[0] ?? '')) {
        log.add(`Authorizer ${name}: the token does not match identityValidationExpression`);
        throw new GatewayError('UNAUTHORIZED', 'Unauthorized');
      }
    }
    const format = httpApi ? payloadFormatVersion(authorizer.authorizerPayloadFormatVersion, '2.0') : 'rest';
    const simple = httpApi && format === '2.0' && authorizer.enableSimpleResponses === true;
    const ttl = Number(authorizer.authorizerResultTtlInSeconds ?? (httpApi ? 0 : 300));
    const cacheKey = ttl > 0 && sources.length ? JSON.stringify([name, values]) : undefined;
    let response: Json | undefined;
    const cached = cacheKey ? this.cache.get(cacheKey) : undefined;
    if (cached && cached.expires > Date.now()) {
      response = cached.response;
      log.add(`Authorizer ${name}: using the cached result (TTL ${ttl} s)`);
    } else {
      const uri = substituteUriVariables(String(authorizer.authorizerUri ?? ''), request.stageVariables, this.caller.region, this.caller.accountId);
      const event = buildAuthorizerEvent(type, format, request, values);
      const eventText = JSON.stringify(event);
      if (log.enabled) log.add(`Authorizer ${name}: calling the ${type} authorizer with ${eventText.slice(0, 2000)}`);
      const call = await callFunction(this.caller, uri, event, log, { eventText });
      if ('notConfigured' in call) {
        log.add(`Authorizer ${name}: ${call.notConfigured}`);
        throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', 'Internal Server Error', { messageIsNull: !httpApi, headers: { [LOCAL_GATEWAY_ERROR]: call.notConfigured } });
      }
      if ('rejected' in call) throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', 'Internal Server Error', { messageIsNull: !httpApi });
      if (!call.outcome.ok) {
        if (log.enabled) log.add(`Endpoint response body before transformations: ${logBody(JSON.stringify(call.outcome.error))}`);
        log.add(`Authorizer ${name} failed: ${call.outcome.error.errorMessage}`);
        if (call.outcome.error.errorMessage === 'Unauthorized') throw new GatewayError('UNAUTHORIZED', 'Unauthorized');
        throw new GatewayError(httpApi ? 'AUTHORIZER_FAILURE' : 'AUTHORIZER_CONFIGURATION_ERROR', 'Internal Server Error', { messageIsNull: !httpApi });
      }
      const result = call.outcome.result;
      if (typeof result !== 'object' || result === null) {
        log.add(`Authorizer ${name}: the response is not an object`);
        throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', 'Internal Server Error', { messageIsNull: !httpApi });
      }
      response = result as Json;
      if (log.enabled) log.add(`Authorizer ${name} returned ${JSON.stringify(response).slice(0, 2000)}`);
      if (cacheKey) this.cache.set(cacheKey, { expires: Date.now() + ttl * 1000, response });
    }
    const context = asJson(response.context) ?? {};
    if (Object.values(context).some((v) => typeof v === 'object' && v !== null)) {
      log.add(`Authorizer ${name}: context values must be strings, numbers or booleans`);
      throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', 'Internal Server Error', { messageIsNull: !httpApi });
    }
    if (simple) {
      if (response.isAuthorized !== true) {
        log.add(`Authorizer ${name}: isAuthorized is not true`);
        throw new GatewayError('ACCESS_DENIED', 'Forbidden');
      }
    } else {
      const decision = evaluatePolicy(response.policyDocument, request.methodArn);
      log.add(`Authorizer ${name}: policy decision for ${request.methodArn}: ${decision}`);
      if (decision === 'invalid' || typeof response.principalId !== 'string' && typeof response.principalId !== 'number') {
        throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR', 'Internal Server Error', { messageIsNull: !httpApi });
      }
      if (decision === 'deny') throw new GatewayError('ACCESS_DENIED', httpApi ? 'Forbidden' : 'User is not authorized to access this resource with an explicit deny');
      if (decision === 'implicit-deny') throw new GatewayError('ACCESS_DENIED', httpApi ? 'Forbidden' : 'User is not authorized to access this resource');
    }
    const principalId = response.principalId === undefined ? undefined : String(response.principalId);
    outcome.authorizer = httpApi ? { ...context, ...(principalId !== undefined ? { principalId } : {}), integrationLatency: 0 } : { principalId, integrationLatency: 0, ...(authorizerStrings(context) as Json) };
    outcome.authorizerV2 = { lambda: httpApi && format === '2.0' ? context : { ...context, principalId } };
    if (typeof response.usageIdentifierKey === 'string') outcome.usageIdentifierKey = response.usageIdentifierKey;
  }
}

function identitySources(authorizer: Json, scheme: Json, type: 'TOKEN' | 'REQUEST'): string[] {
  if (typeof authorizer.identitySource === 'string' && authorizer.identitySource.trim()) {
    return identitySourceList(authorizer.identitySource);
  }
  if (Array.isArray(authorizer.identitySource)) return authorizer.identitySource.map(String);
  if (type === 'TOKEN') return [`method.request.header.${String(scheme.name ?? 'Authorization')}`];
  // A REQUEST authorizer without identity sources is always called, and its result is not cached.
  return [];
}

/** The value of an identity source expression, REST (`method.request.header.X`) or HTTP API (`$request.header.X`) form. */
export function identityValue(source: string, request: AuthorizerRequest): string | undefined {
  const m = /^\$?(?:method\.)?request\.(header|querystring|path)\.(.+)$/i.exec(source);
  if (m) {
    const [, where, name] = m;
    // A source naming `constructor` or `toString` wants the request's value: an inherited function is none.
    if (where.toLowerCase() === 'header') return getOwn(request.headers, name.toLowerCase());
    if (where.toLowerCase() === 'querystring') return getOwn(request.query, name)?.join(',');
    return getOwn(request.pathParameters, name);
  }
  const stage = /^\$?stageVariables\.(.+)$/.exec(source);
  if (stage) return getOwn(request.stageVariables, stage[1]);
  const ctx = /^\$?context\.(.+)$/.exec(source);
  if (ctx) return contextValue(request.context, ctx[1]);
  return undefined;
}

function peekIssuer(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Json;
    return typeof claims.iss === 'string' ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An HTTP API JWT authorizer hands the integration every claim as a string, a list as its items between brackets,
 * separated by spaces: `["admin","ops"]` becomes `[admin ops]`, in payload 2.0 and 1.0 events alike. Observed on AWS
 * (https://github.com/aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock/issues/802). An object
 * claim stays JSON: how AWS writes one is not established.
 */
function jwtClaimStrings(claims: Json): Json {
  const text = (value: unknown): string => (Array.isArray(value) ? `[${value.map(text).join(' ')}]` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  return Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, v === null || v === undefined ? v : text(v)]));
}

