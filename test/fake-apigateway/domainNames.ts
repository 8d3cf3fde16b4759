import { badRequest, conflict, notFound } from './errors';
import { isoDate } from './httpApis';
import { isObject } from './openapiDocument';
import { paginate } from './pagination';
import { epochSeconds } from './restApis';
import {
  jsonBody,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
  type HandlerResult,
  type RequestContext,
  type Router,
} from './router';
import { FAKE_REGION, freshId, newId, type DomainMappingRecord, type DomainNameRecord, type FakeState } from './state';

/**
 * Custom domain names. API Gateway keeps one set of domains and mappings behind both APIs: v1 shows a mapping as a
 * base path mapping (`(none)` for the root), v2 as an API mapping (empty key for the root, and an id of its own).
 */

/** Hosted zones API Gateway publishes for aliases: CloudFront's for edge domains, the regional endpoint's otherwise. */
const CLOUDFRONT_HOSTED_ZONE = 'Z2FDTNDATAQYW2';
const REGIONAL_HOSTED_ZONE = 'Z1UJRXOUMOOFQ8';
const DOMAIN = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** Base paths and mapping keys: URL-safe segments, possibly several joined by `/` (v2 multi-level mappings). */
const MAPPING_KEY = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

function findDomain(state: FakeState, name: string): DomainNameRecord {
  const domain = state.domainNames.get(name.toLowerCase());
  if (!domain) throw notFound(`Invalid domain name identifier specified: ${name}`);
  return domain;
}

function newDomain(state: FakeState, domainName: string, endpointType: string, certificateArn: string | undefined, certificateName: string | undefined): DomainNameRecord {
  if (!DOMAIN.test(domainName)) throw badRequest(`Invalid domain name: '${domainName}'`);
  if (state.domainNames.has(domainName.toLowerCase())) throw badRequest('The domain name you provided already exists.');
  if (endpointType !== 'EDGE' && endpointType !== 'REGIONAL') throw badRequest(`Invalid endpoint type '${endpointType}': custom domains are EDGE or REGIONAL`);
  if (!certificateArn) throw badRequest(`A certificate is required for a ${endpointType === 'EDGE' ? 'edge-optimized' : 'regional'} domain name`);
  const edge = endpointType === 'EDGE';
  return {
    domainName,
    endpointType,
    certificateArn,
    certificateName,
    certificateUploadDate: Date.now(),
    securityPolicy: 'TLS_1_2',
    targetDomainName: edge ? `${newId(13)}.cloudfront.net` : `d-${newId(10)}.execute-api.${FAKE_REGION}.amazonaws.com`,
    hostedZoneId: edge ? CLOUDFRONT_HOSTED_ZONE : REGIONAL_HOSTED_ZONE,
    mappings: [],
  };
}

function v1DomainView(domain: DomainNameRecord): Record<string, unknown> {
  const edge = domain.endpointType === 'EDGE';
  return {
    domainName: domain.domainName,
    certificateName: edge ? domain.certificateName : undefined,
    certificateArn: edge ? domain.certificateArn : undefined,
    certificateUploadDate: epochSeconds(domain.certificateUploadDate),
    distributionDomainName: edge ? domain.targetDomainName : undefined,
    distributionHostedZoneId: edge ? domain.hostedZoneId : undefined,
    regionalDomainName: edge ? undefined : domain.targetDomainName,
    regionalHostedZoneId: edge ? undefined : domain.hostedZoneId,
    regionalCertificateName: edge ? undefined : domain.certificateName,
    regionalCertificateArn: edge ? undefined : domain.certificateArn,
    endpointConfiguration: { types: [domain.endpointType] },
    domainNameStatus: 'AVAILABLE',
    securityPolicy: domain.securityPolicy,
    tags: domain.tags,
  };
}

function v2DomainView(domain: DomainNameRecord): Record<string, unknown> {
  return {
    domainName: domain.domainName,
    apiMappingSelectionExpression: '$request.basepath',
    domainNameArn: `arn:aws:apigateway:${FAKE_REGION}::/domainnames/${domain.domainName}`,
    domainNameConfigurations: [{
      apiGatewayDomainName: domain.targetDomainName,
      certificateArn: domain.certificateArn,
      certificateName: domain.certificateName,
      certificateUploadDate: isoDate(domain.certificateUploadDate),
      domainNameStatus: 'AVAILABLE',
      endpointType: domain.endpointType,
      hostedZoneId: domain.hostedZoneId,
      securityPolicy: domain.securityPolicy,
    }],
    tags: domain.tags ?? {},
  };
}

const basePathView = (m: DomainMappingRecord) => ({ basePath: m.key === '' ? '(none)' : m.key, restApiId: m.apiId, stage: m.stage });
const apiMappingView = (m: DomainMappingRecord) => ({ apiId: m.apiId, apiMappingId: m.apiMappingId, apiMappingKey: m.key, stage: m.stage });

function createV1Domain(ctx: RequestContext): HandlerResult {
  const body = jsonBody(ctx);
  const endpoint = isObject(body.endpointConfiguration) ? optionalStringList(body.endpointConfiguration, 'types') : undefined;
  if (endpoint && endpoint.length !== 1) throw badRequest('A domain name takes exactly one endpoint type');
  const endpointType = (endpoint?.[0] ?? 'EDGE').toUpperCase();
  const edge = endpointType === 'EDGE';
  if (!edge && (optionalString(body, 'certificateArn') || optionalString(body, 'certificateBody'))) {
    throw badRequest('A regional domain name takes regionalCertificateArn, not certificateArn');
  }
  // An uploaded certificate body stands in for an ACM certificate; the fake only needs to know there is one.
  const uploaded = optionalString(body, 'certificateBody') ? `arn:aws:iam::123456789012:server-certificate/${newId(8)}` : undefined;
  const domain = newDomain(
    ctx.state,
    requiredString(body, 'domainName'),
    endpointType,
    edge ? optionalString(body, 'certificateArn') ?? uploaded : optionalString(body, 'regionalCertificateArn'),
    optionalString(body, edge ? 'certificateName' : 'regionalCertificateName'),
  );
  const securityPolicy = optionalString(body, 'securityPolicy');
  if (securityPolicy) domain.securityPolicy = securityPolicy;
  domain.tags = optionalStringMap(body, 'tags');
  ctx.state.domainNames.set(domain.domainName.toLowerCase(), domain);
  return { status: 201, json: v1DomainView(domain) };
}

function createV2Domain(ctx: RequestContext): HandlerResult {
  const body = jsonBody(ctx);
  const configurations = body.domainNameConfigurations;
  if (configurations !== undefined && !Array.isArray(configurations)) throw badRequest("Invalid value for 'domainNameConfigurations': expected a list");
  if (Array.isArray(configurations) && configurations.length > 1) throw badRequest('Only one domain name configuration is supported');
  const config = Array.isArray(configurations) && isObject(configurations[0]) ? configurations[0] : {};
  const domain = newDomain(
    ctx.state,
    requiredString(body, 'domainName'),
    (optionalString(config, 'endpointType') ?? 'REGIONAL').toUpperCase(),
    optionalString(config, 'certificateArn'),
    optionalString(config, 'certificateName'),
  );
  const securityPolicy = optionalString(config, 'securityPolicy');
  if (securityPolicy) domain.securityPolicy = securityPolicy;
  domain.tags = optionalStringMap(body, 'tags');
  ctx.state.domainNames.set(domain.domainName.toLowerCase(), domain);
  return { status: 201, json: v2DomainView(domain) };
}

/** Checks the API and stage a mapping points at; v2 mappings may point at REST APIs as well as HTTP APIs. */
function checkTarget(state: FakeState, apiId: string, stage: string | undefined, v2: boolean): void {
  const rest = state.restApis.get(apiId);
  const http = v2 ? state.httpApis.get(apiId) : undefined;
  if (!rest && !http) throw notFound(v2 ? `Invalid API identifier specified ${apiId}` : `Invalid REST API identifier specified: ${apiId}`);
  if (stage === undefined) return;
  const stages: { has(name: string): boolean } = rest ? rest.stages : http!.stages;
  if (!stages.has(stage)) throw badRequest(`Invalid stage identifier specified: ${stage}`);
}

function addMapping(domain: DomainNameRecord, key: string, apiId: string, stage: string | undefined): DomainMappingRecord {
  if (key !== '' && !MAPPING_KEY.test(key)) throw badRequest(`Invalid base path '${key}'`);
  if (domain.mappings.some((m) => m.key === key)) throw conflict('Base path already exists for this domain name');
  const mapping: DomainMappingRecord = { apiMappingId: freshId({ has: (id) => domain.mappings.some((m) => m.apiMappingId === id) }, 6), key, apiId, stage };
  domain.mappings.push(mapping);
  return mapping;
}

function createBasePathMapping(ctx: RequestContext): HandlerResult {
  const domain = findDomain(ctx.state, ctx.params.domainName);
  const body = jsonBody(ctx);
  const restApiId = requiredString(body, 'restApiId');
  const stage = optionalString(body, 'stage');
  checkTarget(ctx.state, restApiId, stage, false);
  const basePath = optionalString(body, 'basePath') ?? '';
  const mapping = addMapping(domain, basePath === '(none)' ? '' : basePath, restApiId, stage);
  return { status: 201, json: basePathView(mapping) };
}

function createApiMapping(ctx: RequestContext): HandlerResult {
  const domain = findDomain(ctx.state, ctx.params.DomainName);
  const body = jsonBody(ctx);
  const apiId = requiredString(body, 'apiId');
  const stage = requiredString(body, 'stage');
  checkTarget(ctx.state, apiId, stage, true);
  const mapping = addMapping(domain, optionalString(body, 'apiMappingKey') ?? '', apiId, stage);
  return { status: 201, json: apiMappingView(mapping) };
}

function v1List<T>(ctx: RequestContext, items: T[]): HandlerResult {
  const { page, next } = paginate(items, ctx.query.get('position'), ctx.query.get('limit'), { limit: 25, max: 500 });
  return { status: 200, json: { item: page, position: next } };
}

function v2List<T>(ctx: RequestContext, items: T[]): HandlerResult {
  const { page, next } = paginate(items, ctx.query.get('nextToken'), ctx.query.get('maxResults'), { limit: 100, max: 500 });
  return { status: 200, json: { items: page, nextToken: next } };
}

export function addDomainNameRoutes(router: Router): void {
  router
    .add('GET', '/domainnames', (ctx) => v1List(ctx, [...ctx.state.domainNames.values()].map(v1DomainView)))
    .add('POST', '/domainnames', createV1Domain)
    .add('GET', '/domainnames/{domainName}', (ctx) => ({ status: 200, json: v1DomainView(findDomain(ctx.state, ctx.params.domainName)) }))
    .add('GET', '/domainnames/{domainName}/basepathmappings', (ctx) => v1List(ctx, findDomain(ctx.state, ctx.params.domainName).mappings.map(basePathView)))
    .add('POST', '/domainnames/{domainName}/basepathmappings', createBasePathMapping)
    .add('GET', '/v2/domainnames', (ctx) => v2List(ctx, [...ctx.state.domainNames.values()].map(v2DomainView)))
    .add('POST', '/v2/domainnames', createV2Domain)
    .add('GET', '/v2/domainnames/{DomainName}', (ctx) => ({ status: 200, json: v2DomainView(findDomain(ctx.state, ctx.params.DomainName)) }))
    .add('GET', '/v2/domainnames/{DomainName}/apimappings', (ctx) => v2List(ctx, findDomain(ctx.state, ctx.params.DomainName).mappings.map(apiMappingView)))
    .add('POST', '/v2/domainnames/{DomainName}/apimappings', createApiMapping);
}
