import { proxyEventV1, proxyEventV2, type ProxyRequestInfo } from '../lambda/proxyEvents';
import type { Json } from '../requestContext';

/** What authorizers see of a request. */
export interface AuthorizerRequest {
  method: string;
  /** The path exactly as received (base path included): what a SigV4 signature covers. */
  rawPath: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  query: Record<string, string[]>;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  context: Json;
  methodArn: string;
  routeKey: string;
  bodyBytes: string | Buffer;
  /** The request as the proxy event builders take it. */
  info: ProxyRequestInfo;
}

/**
 * The event a Lambda authorizer receives: TOKEN `{type, authorizationToken, methodArn}`; REST REQUEST, the proxy
 * event's request fields with `type` and `methodArn`; HTTP API 1.0 adds `identitySource` and `authorizationToken`;
 * HTTP API 2.0 has `routeArn` and `identitySource` as a list.
 */
export function buildAuthorizerEvent(type: 'TOKEN' | 'REQUEST', format: string, request: AuthorizerRequest, values: Array<string | undefined>): Json {
  if (type === 'TOKEN') return { type: 'TOKEN', authorizationToken: values[0], methodArn: request.methodArn };
  if (format === '2.0') {
    const { body: _body, isBase64Encoded: _encoded, version: _version, ...rest } = proxyEventV2(request.info, request.routeKey);
    return { version: '2.0', type: 'REQUEST', routeArn: request.methodArn, identitySource: values.filter((v) => v !== undefined), ...rest };
  }
  const { body: _body, isBase64Encoded: _encoded, version: _version, ...rest } = proxyEventV1(request.info, format === '1.0');
  if (format === '1.0') {
    return { version: '1.0', type: 'REQUEST', methodArn: request.methodArn, identitySource: values.join(','), authorizationToken: values[0], ...rest };
  }
  return { type: 'REQUEST', methodArn: request.methodArn, ...rest };
}
