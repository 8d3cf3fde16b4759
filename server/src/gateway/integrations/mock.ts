import { logBody } from '../executionLog';
import { integrationResponse, transformRequest } from './nonProxy';
import type { IntegrationContext, IntegrationResult } from './types';

/**
 * MOCK: the request template's output names the status (`{"statusCode": 200}`); the integration response for
 * that status then maps an empty backend body through its template.
 */
export function runMock(ctx: IntegrationContext): IntegrationResult {
  const transformed = transformRequest(ctx);
  if (ctx.log.enabled) ctx.log.add(`Endpoint request body after transformations: ${logBody(transformed.body)}`);
  let statusCode = 200;
  try {
    const parsed = JSON.parse(transformed.body.toString()) as unknown;
    const raw = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).statusCode : undefined;
    if (raw !== undefined && Number.isInteger(Number(raw))) statusCode = Number(raw);
  } catch {
    ctx.log.add('The mock request body is not JSON; the integration status defaults to 200');
  }
  if (ctx.log.enabled) ctx.log.add(`Mock integration status: ${statusCode}`);
  return integrationResponse(ctx, { type: 'mock', statusCode, body: '' }, transformed.render);
}
