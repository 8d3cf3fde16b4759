import { isObject, type JsonObject } from './openapiDocument';
import type { GatewayResponseRecord } from './state';
import { GATEWAY_RESPONSE_TYPES } from '../../server/src/facts/extensions/gatewayResponses';

/**
 * Every gateway response type with its default status code, in the catalog's order. The two fallbacks have none:
 * they answer with the status of the error they stand in for.
 */
export const DEFAULT_STATUS: ReadonlyMap<string, string | undefined> = new Map(Object.entries(GATEWAY_RESPONSE_TYPES).map(([type, { status }]) => [type, status]));

export const DEFAULT_TEMPLATES = { 'application/json': '{"message":$context.error.messageString}' };
const STATUS_CODE = /^[1-5]\d\d$/;
const PARAMETER_KEY = /^gatewayresponse\.(header|path|querystring)\.[^\s]+$/;

/** What is wrong with a customisation, or nothing when PUT, PATCH and import may store it. */
export function problemOf(record: GatewayResponseRecord): string | undefined {
  if (record.statusCode !== undefined && !STATUS_CODE.test(record.statusCode)) {
    return `Invalid status code '${record.statusCode}': it must be a three-digit HTTP status code from 100 to 599`;
  }
  const badKey = Object.keys(record.responseParameters ?? {}).find((key) => !PARAMETER_KEY.test(key));
  if (badKey !== undefined) {
    return `Invalid mapping expression specified: ${badKey}. Keys are gatewayresponse.header|path|querystring.{name}`;
  }
  return undefined;
}

/**
 * Reads the `x-amazon-apigateway-gateway-responses` of an imported document, adding what is wrong with it to
 * `errors` so that the import is refused as a whole.
 */
export function importGatewayResponses(declared: unknown, errors: string[]): GatewayResponseRecord[] {
  if (declared === undefined) return [];
  if (!isObject(declared)) {
    errors.push("Invalid 'x-amazon-apigateway-gateway-responses': expected a map of response types");
    return [];
  }
  const records: GatewayResponseRecord[] = [];
  for (const [responseType, body] of Object.entries(declared)) {
    const record = importedRecord(responseType, body, errors);
    if (record) records.push(record);
  }
  return records;
}

function importedRecord(responseType: string, body: unknown, errors: string[]): GatewayResponseRecord | undefined {
  const fail = (reason: string) => {
    errors.push(`Unable to put gateway response '${responseType}': ${reason}`);
    return undefined;
  };
  if (!DEFAULT_STATUS.has(responseType)) return fail(`Invalid response type; use one of ${[...DEFAULT_STATUS.keys()].join(', ')}`);
  if (!isObject(body)) return fail('expected an object with statusCode, responseParameters and responseTemplates');
  const record: GatewayResponseRecord = { responseType };
  // YAML reads an unquoted 401 as a number; the status is the same either way.
  if (typeof body.statusCode === 'string' || typeof body.statusCode === 'number') record.statusCode = String(body.statusCode);
  for (const member of ['responseParameters', 'responseTemplates'] as const) {
    const map = body[member];
    if (map === undefined) continue;
    if (!isObject(map) || Object.values(map).some((v) => typeof v !== 'string')) return fail(`'${member}' must be a map of strings`);
    record[member] = { ...(map as Record<string, string>) };
  }
  const problem = problemOf(record);
  return problem ? fail(problem) : record;
}

/** The customised responses as `x-amazon-apigateway-gateway-responses`, in the order API Gateway lists types. */
export function exportGatewayResponses(records: GatewayResponseRecord[]): JsonObject | undefined {
  const byType = new Map(records.map((r) => [r.responseType, r]));
  const out: JsonObject = {};
  for (const type of DEFAULT_STATUS.keys()) {
    const record = byType.get(type);
    if (!record) continue;
    const { responseType: _type, ...members } = structuredClone(record);
    out[type] = members;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
