import { getOwn } from '../../model/jsonObjects';
import { LOCAL_GATEWAY_ERROR } from '../configurationFaults';
import { logBody, logMap } from '../executionLog';
import { substituteUriVariables } from '../stageVariables';
import { mapRequestParameters, transformRequest } from './nonProxy';
import type { IntegrationContext, IntegrationResult } from './types';

/**
 * AWS service integrations other than Lambda cannot run locally. The answer is a 501 that shows the request API
 * Gateway would send: the service endpoint, method, mapped headers and the transformed body.
 */
export async function describeAwsServiceCall(ctx: IntegrationContext): Promise<IntegrationResult> {
  const { integration, request, log } = ctx;
  const uri = substituteUriVariables(String(integration.uri ?? ''), request.stageVariables, ctx.functions.region, ctx.functions.accountId);
  const transformed = await transformRequest(ctx);
  const mapped = mapRequestParameters(ctx, transformed.render);
  const endpoint = serviceEndpoint(uri, mapped.path, mapped.querystring);
  const method = String(integration.httpMethod ?? 'POST').toUpperCase();
  const headers = { 'Content-Type': transformed.contentType, ...mapped.header };
  log.add(`Endpoint request URI: ${endpoint}`);
  log.add(`Endpoint request headers: ${logMap(headers)}`);
  log.add(`Endpoint request body after transformations: ${logBody(transformed.body)}`);
  log.add('AWS service integrations are not called locally; the request that would be sent is returned instead');
  const body = JSON.stringify(
    {
      message: `The local gateway does not call AWS services. This is the request API Gateway would send for ${uri}.`,
      request: {
        uri: endpoint,
        method,
        headers,
        ...(Buffer.isBuffer(transformed.body) ? { body: transformed.body.toString('base64'), bodyEncoding: 'base64' } : { body: transformed.body }),
      },
    },
    null,
    2,
  );
  return { status: 501, headers: { 'Content-Type': 'application/json', [LOCAL_GATEWAY_ERROR]: 'aws-service-not-emulated' }, body };
}

/**
 * `arn:aws:apigateway:{region}:{subdomain.}service:path/{path}` → `https://{subdomain.}service.{region}.amazonaws.com/{path}`;
 * `...:action/{Action}&params` → `https://service.{region}.amazonaws.com/?Action={Action}&params`.
 */
export function serviceEndpoint(uri: string, pathValues: Record<string, string>, query: Record<string, string[]>): string {
  const m = /^arn:[^:]+:apigateway:([^:]+):([^:]+):(path|action)\/(.*)$/.exec(uri);
  if (!m) return uri;
  const [, region, service, kind, rest] = m;
  const host = `https://${service}.${region}.amazonaws.com`;
  const filled = rest.replace(/\{([^}]+)\}/g, (all, name: string) => {
    // Only a mapped value fills a placeholder: `{constructor}` unmapped stays as written, as any other.
    const value = getOwn(pathValues, name);
    return value !== undefined ? encodeURIComponent(value) : all;
  });
  const url = new URL(kind === 'path' ? `${host}/${filled}` : `${host}/?Action=${filled}`);
  // A mapped name replaces what the URI's own query gave it; one mapped from several values is sent once for each.
  for (const [k, values] of Object.entries(query)) {
    url.searchParams.delete(k);
    for (const v of values) url.searchParams.append(k, v);
  }
  return url.href;
}
