/**
 * `$context`: realistic values for every documented variable (taken from the catalog's samples, with fresh ids and
 * times per request), deep-merged with what the caller knows about the request.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { findTemplateMember } from '../facts/templateVariables';
import type { TemplateMember } from '../facts/templateVariableTypes';
import { isJavaMap, type JavaMap } from './javaValues';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime` format: Common Log Format `dd/MMM/yyyy:HH:mm:ss +0000` (UTC). */
export function commonLogTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** Objects below `$context` that API Gateway leaves null unless a feature is in use (mutual TLS, an error). */
const ABSENT_UNLESS_GIVEN = new Set(['identity.clientCert', 'error', 'authorizer.claims']);

function samplesOf(member: TemplateMember, prefix: string): JavaMap {
  const out: JavaMap = {};
  for (const child of member.members ?? []) {
    const key = prefix ? `${prefix}.${child.name}` : child.name;
    if (ABSENT_UNLESS_GIVEN.has(key)) continue;
    if (child.kind === 'object') out[child.name] = samplesOf(child, key);
    else if (child.kind === 'property') out[child.name] = child.sample ?? null;
  }
  return out;
}

let contextSamples: JavaMap | undefined;

/** The catalog's samples never change; each request gets its own copy, since templates write into `$context` maps. */
function freshContextSamples(): JavaMap {
  if (!contextSamples) {
    const contextMember = findTemplateMember(['context']);
    contextSamples = contextMember ? samplesOf(contextMember, '') : {};
  }
  return copyTree(contextSamples);
}

function copyTree(map: JavaMap): JavaMap {
  const out: JavaMap = {};
  for (const key in map) {
    const value = map[key];
    out[key] = isJavaMap(value) ? copyTree(value) : value;
  }
  return out;
}

export function deepMerge(base: JavaMap, overrides: JavaMap): JavaMap {
  const out: JavaMap = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = isJavaMap(value) ? deepMerge(isJavaMap(out[key]) ? (out[key] as JavaMap) : {}, value) : Array.isArray(value) ? [...value] : value;
  }
  return out;
}

export function buildDefaultContext(
  overrides: Record<string, unknown> = {},
  operation: { httpMethod?: string; resourcePath?: string; stage?: string } = {},
): Record<string, unknown> {
  const defaults = freshContextSamples();
  const now = new Date();
  const stage = operation.stage ?? String(defaults.stage);
  const resourcePath = operation.resourcePath ?? String(defaults.resourcePath);
  Object.assign(defaults, {
    requestId: randomUUID(),
    extendedRequestId: randomBytes(12).toString('base64').replace(/[+/]/g, 'A'),
    requestTime: commonLogTime(now),
    requestTimeEpoch: now.getTime(),
    httpMethod: operation.httpMethod?.toUpperCase() ?? defaults.httpMethod,
    resourcePath,
    stage,
    requestOverride: { header: {}, path: {}, querystring: {} },
    responseOverride: { header: {} },
  });
  const given = isJavaMap(overrides) ? overrides : {};
  const merged = deepMerge(defaults, given);
  if (!('path' in given)) merged.path = `/${String(merged.stage)}${String(merged.resourcePath)}`;
  // A template writes into these maps with #set, so they must exist whatever the caller passed.
  const requestOverride = isJavaMap(merged.requestOverride) ? merged.requestOverride : (merged.requestOverride = {});
  for (const part of ['header', 'path', 'querystring']) if (!isJavaMap(requestOverride[part])) requestOverride[part] = {};
  const responseOverride = isJavaMap(merged.responseOverride) ? merged.responseOverride : (merged.responseOverride = {});
  if (!isJavaMap(responseOverride.header)) responseOverride.header = {};
  return merged;
}
