import { logBody } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { integrationResponse, transformRequest } from './nonProxy';
import type { IntegrationContext, IntegrationResult } from './types';

/**
 * MOCK: the request template's output names the status (`{"statusCode": 200}`); the integration response for
 * that status then maps an empty backend body through its template. A body passed through for want of a template
 * stands in for the template's output, so it must name the status the same way.
 */
export function runMock(ctx: IntegrationContext): IntegrationResult {
  const transformed = transformRequest(ctx);
  if (ctx.log.enabled) ctx.log.add(`Endpoint request body after transformations: ${logBody(transformed.body)}`);
  const statusCode = mockStatus(transformed.body.toString());
  if (statusCode === undefined) {
    ctx.log.add('Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.');
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  if (ctx.log.enabled) ctx.log.add(`Mock integration status: ${statusCode}`);
  return integrationResponse(ctx, { type: 'mock', statusCode, body: '' }, transformed.render);
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
