import { isJson } from '../apiModel';
import { logBody } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { integrationResponse, transformRequest, type TransformedRequest } from './nonProxy';
import type { IntegrationContext, IntegrationResult } from './types';

/**
 * MOCK: the request template's output names the status (`{"statusCode": 200}`); the integration response for
 * that status then maps an empty backend body through its template. A body passed through for want of a template
 * stands in for the template's output, so it must name the status the same way. With nothing at all to read the
 * status from, the method answers with its `default` integration response, as AWS lets a mock do without a template.
 */
export async function runMock(ctx: IntegrationContext): Promise<IntegrationResult> {
  const transformed = await transformRequest(ctx);
  if (ctx.log.enabled) ctx.log.add(`Endpoint request body after transformations: ${logBody(transformed.body)}`);
  const output = transformed.body.toString();
  if (output.trim() === '') return defaultResponse(ctx, transformed.render);
  const statusCode = mockStatus(output);
  if (statusCode === undefined) {
    ctx.log.add('Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.');
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  if (ctx.log.enabled) ctx.log.add(`Mock integration status: ${statusCode}`);
  return integrationResponse(ctx, { type: 'mock', statusCode, body: '' }, transformed.render);
}

/**
 * The `default` integration response alone: no status was named, so no other key's pattern has anything to match.
 * Without a `default`, the selection fails as any unmatched one does.
 */
function defaultResponse(ctx: IntegrationContext, render: TransformedRequest['render']): Promise<IntegrationResult> {
  const responses = isJson(ctx.integration.responses) ? ctx.integration.responses : {};
  const onlyDefault = responses.default === undefined ? {} : { default: responses.default };
  if (ctx.log.enabled) ctx.log.add('Mock integration status: none given; the default integration response applies');
  const integration = { ...ctx.integration, responses: onlyDefault };
  return integrationResponse({ ...ctx, integration }, { type: 'mock', statusCode: 200, body: '' }, render);
}

/** The integer `statusCode` of a JSON object (a number, or digits in a string), else undefined. */
function mockStatus(output: string): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return undefined;
  }
  const raw = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).statusCode : undefined;
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : undefined;
  if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) return Number(raw);
  return undefined;
}
