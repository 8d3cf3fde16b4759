import { findRestApi } from './restApis';
import { findMethod, findResource } from './restResources';
import { jsonBody, optionalString, type HandlerResult, type RequestContext } from './router';
import type { IntegrationRecord, IntegrationResponseRecord } from './state';

/**
 * TestInvokeMethod, kept deliberately small: a MOCK integration answers with the status its request template asks
 * for (`{"statusCode": N}`, 200 when absent), the integration response chosen for that status, and that response's
 * static template and headers. Templates holding Velocity are not evaluated here, and no backend is ever called; the
 * log says so, so a test cannot mistake the fake's answer for a real one.
 */
export function testInvokeMethod(ctx: RequestContext): HandlerResult {
  const resource = findResource(findRestApi(ctx.state, ctx.params.restApiId), ctx.params.resourceId);
  const method = findMethod(resource, ctx.params.httpMethod);
  const body = jsonBody(ctx);
  const pathWithQuery = optionalString(body, 'pathWithQueryString') ?? resource.path;
  const started = Date.now();
  const log: string[] = [
    `Execution log for request test-request`,
    `${new Date(started).toUTCString()} : Starting execution for request: test-invoke-request`,
    `${new Date(started).toUTCString()} : HTTP Method: ${method.httpMethod}, Resource Path: ${pathWithQuery}`,
  ];
  const integration = method.methodIntegration;
  if (!integration) {
    log.push('Execution failed due to configuration error: No integration defined for method');
    return result(500, JSON.stringify({ message: 'Internal server error' }), { 'Content-Type': 'application/json' }, log, started);
  }
  if (integration.type !== 'MOCK') {
    log.push(
      `Integration type ${integration.type}: this local fake of API Gateway does not call backends, so no integration request was sent.`,
    );
    return result(200, '', {}, log, started);
  }
  return invokeMock(integration, log, started);
}

function invokeMock(integration: IntegrationRecord, log: string[], started: number): HandlerResult {
  const template = integration.requestTemplates?.['application/json'] ?? Object.values(integration.requestTemplates ?? {})[0] ?? '';
  const requested = /"statusCode"\s*:\s*"?(\d{3})/.exec(template)?.[1] ?? '200';
  log.push(`${new Date().toUTCString()} : Endpoint request body after transformations: ${template}`);
  const response = selectResponse(integration, requested);
  if (!response) {
    log.push(`${new Date().toUTCString()} : Execution failed due to configuration error: No match for output mapping and no default output mapping configured`);
    return result(500, JSON.stringify({ message: 'Internal server error' }), { 'Content-Type': 'application/json' }, log, started);
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  for (const [key, value] of Object.entries(response.responseParameters ?? {})) {
    const header = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
    const literal = /^'(.*)'$/s.exec(value)?.[1];
    if (header && literal !== undefined) headers[header] = literal;
  }
  const responseTemplate = response.responseTemplates?.['application/json'] ?? Object.values(response.responseTemplates ?? {})[0] ?? '';
  let body = responseTemplate;
  if (/[$#]/.test(responseTemplate)) {
    body = '';
    log.push(`${new Date().toUTCString()} : The response template uses Velocity, which this local fake does not evaluate; the body is left empty.`);
  }
  log.push(`${new Date().toUTCString()} : Method completed with status: ${response.statusCode}`);
  return result(Number(response.statusCode), body, headers, log, started);
}

/** The response whose selection pattern fully matches the status, else the default one (no pattern). */
function selectResponse(integration: IntegrationRecord, status: string): IntegrationResponseRecord | undefined {
  const responses = Object.values(integration.integrationResponses ?? {});
  const matched = responses.find((r) => {
    if (r.selectionPattern === undefined || r.selectionPattern === '') return false;
    try {
      return new RegExp(`^(?:${r.selectionPattern})$`, 's').test(status);
    } catch {
      return false;
    }
  });
  return matched ?? responses.find((r) => r.selectionPattern === undefined || r.selectionPattern === '');
}

function result(status: number, body: string, headers: Record<string, string>, log: string[], started: number): HandlerResult {
  return {
    status: 200,
    json: {
      status,
      body,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      log: `${log.join('\n')}\n`,
      latency: Date.now() - started,
    },
  };
}
