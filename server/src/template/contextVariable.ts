/**
 * `$context`: realistic values for every documented variable (taken from the catalog's samples, with fresh ids and
 * times per request), deep-merged with what the caller knows about the request.
 */
import { findTemplateMember } from '../facts/templateVariables';
import { getOwn, setOwn } from '../model/jsonObjects';
import type { TemplateMember } from '../facts/templateVariableTypes';
import { isRecordMap, type RecordMap } from './javaMaps';
import { markEntriesOnly } from './javaValues';
import { authorizerStrings } from './authorizerStrings';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime` format: Common Log Format `dd/MMM/yyyy:HH:mm:ss +0000` (UTC). */
export function commonLogTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

const COMMON_LOG_TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** The instant a `$context.requestTime` names, or undefined when it is not in that format. */
export function parseCommonLogTime(text: string): Date | undefined {
  const m = COMMON_LOG_TIME.exec(text);
  const month = m ? MONTHS.indexOf(m[2]) : -1;
  if (!m || month < 0) return undefined;
  const [day, year, hours, minutes, seconds] = [m[1], m[3], m[4], m[5], m[6]].map(Number);
  const local = new Date(Date.UTC(year, month, day, hours, minutes, seconds));
  // A day or time out of range (31/Feb, 25:61) would roll over into another instant: no time at all.
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month || local.getUTCHours() !== hours || local.getUTCMinutes() !== minutes || local.getUTCSeconds() !== seconds) return undefined;
  const offsetMinutes = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

/**
 * The request's time: `requestTime` and `requestTimeEpoch` are two views of one instant, so a sample that gives one of
 * them decides the other (the epoch when it gives both); the clock only when it gives neither.
 */
function requestInstant(given: RecordMap): Date {
  const epoch = typeof given.requestTimeEpoch === 'string' && given.requestTimeEpoch.trim() !== '' ? Number(given.requestTimeEpoch) : given.requestTimeEpoch;
  // An epoch a Date cannot hold (nanoseconds by mistake) names no instant: the clock's.
  if (typeof epoch === 'number' && Number.isFinite(new Date(epoch).getTime())) return new Date(epoch);
  const written = typeof given.requestTime === 'string' ? parseCommonLogTime(given.requestTime) : undefined;
  return written ?? new Date();
}

/** Objects below `$context` that API Gateway leaves null unless a feature is in use (mutual TLS, an error). */
const ABSENT_UNLESS_GIVEN = new Set(['identity.clientCert', 'error', 'authorizer.claims']);

function samplesOf(member: TemplateMember, prefix: string): RecordMap {
  const out: RecordMap = {};
  for (const child of member.members ?? []) {
    const key = prefix ? `${prefix}.${child.name}` : child.name;
    if (ABSENT_UNLESS_GIVEN.has(key)) continue;
    if (child.kind === 'object') out[child.name] = samplesOf(child, key);
    else if (child.kind === 'property') out[child.name] = child.sample ?? null;
  }
  return out;
}

/** One level of the samples: its entries in order, and the maps below it, which each copy needs its own of. */
interface SampleLevel {
  entries: RecordMap;
  maps: Array<[string, SampleLevel]>;
}

let contextSamples: SampleLevel | undefined;

/** The catalog's samples never change; each request gets its own copy, since templates write into `$context` maps. */
function freshContextSamples(): RecordMap {
  if (!contextSamples) {
    const contextMember = findTemplateMember(['context']);
    contextSamples = levelOf(contextMember ? samplesOf(contextMember, '') : {});
  }
  return copyLevel(contextSamples);
}

function levelOf(map: RecordMap): SampleLevel {
  const maps: Array<[string, SampleLevel]> = [];
  for (const key in map) {
    const value = map[key];
    if (isRecordMap(value)) maps.push([key, levelOf(value)]);
  }
  return { entries: { ...map }, maps };
}

// A spread of a fixed-shape object is a single fast clone in V8, unlike building the copy key by key.
function copyLevel(level: SampleLevel): RecordMap {
  const out: RecordMap = { ...level.entries };
  for (const [key, child] of level.maps) out[key] = copyLevel(child);
  return out;
}

/**
 * `overrides` merged into a tree the caller owns, map by map: nested maps of `target` are updated rather than copied,
 * so only a tree built for this call (a fresh copy of the samples) may be passed. Maps and lists of `overrides` are
 * copied.
 */
function mergeInto(target: RecordMap, overrides: RecordMap): RecordMap {
  const keys = Object.keys(overrides);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = overrides[key];
    // Names come from the caller, e.g. a Lambda authorizer's context: `constructor` or `__proto__` is an entry too.
    // Only `__proto__` needs setOwn; plain assignment keeps this copy, made for every render, fast.
    const current = isRecordMap(value) ? getOwn(target, key) : undefined;
    const merged = isRecordMap(value) ? mergeInto(isRecordMap(current) ? current : {}, value) : copyCollection(value);
    if (key === '__proto__') setOwn(target, key, merged);
    else target[key] = merged;
  }
  return target;
}

/** A list, or a map a template of the same request wrote (the engine's maps are Maps), copied one level deep. */
function copyCollection(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value instanceof Map ? new Map(value) : value;
}

/** Whether mergeInto replaces `key` from `overrides`: then there is no point in generating a default for it. */
function given(overrides: RecordMap, key: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(overrides, key);
}

/**
 * `$context.path` of a request to a resource: the stage, then the resource path with the request's path parameters
 * in place of `{name}` and of a greedy `{name+}` (whose value may hold slashes). A parameter the request lacks keeps
 * its placeholder.
 */
function requestPath(stage: string, resourcePath: string, pathParameters: Record<string, string> = {}): string {
  const path = resourcePath.replace(/\{([^{}]+?)\+?\}/g, (placeholder, name: string) =>
    Object.prototype.hasOwnProperty.call(pathParameters, name) ? String(pathParameters[name]) : placeholder,
  );
  return `/${stage}${path}`;
}

/** `pathParameters`: the request's, which `$context.path` shows in place of the resource path's placeholders. */
export function buildDefaultContext(
  overrides: Record<string, unknown> = {},
  operation: { httpMethod?: string; resourcePath?: string; stage?: string } = {},
  pathParameters?: Record<string, string>,
): Record<string, unknown> {
  const defaults = freshContextSamples();
  const stage = operation.stage ?? String(defaults.stage);
  const resourcePath = operation.resourcePath ?? String(defaults.resourcePath);
  const merging = isRecordMap(overrides) ? overrides : {};
  const now = requestInstant(merging);
  // The local gateway passes its own ids and times; generating random ones only for the merge to drop them costs
  // more than the rest of the context (randomBytes is a call into OpenSSL each time). Overridden keys keep their
  // place in the map, so the key order does not change either.
  // Required here: the checks load this module too, and a command line that only checks need not load `crypto`.
  const { randomBytes, randomUUID } = require('node:crypto') as typeof import('node:crypto');
  Object.assign(defaults, {
    requestId: given(merging, 'requestId') ? null : randomUUID(),
    extendedRequestId: given(merging, 'extendedRequestId') ? null : randomBytes(12).toString('base64').replace(/[+/]/g, 'A'),
    requestTime: given(merging, 'requestTime') ? null : commonLogTime(now),
    requestTimeEpoch: now.getTime(),
    httpMethod: operation.httpMethod?.toUpperCase() ?? defaults.httpMethod,
    resourcePath,
    stage,
    requestOverride: { header: {}, path: {}, querystring: {} },
    responseOverride: { header: {} },
  });
  const merged = mergeInto(defaults, merging);
  if (!('path' in merging)) merged.path = requestPath(String(merged.stage), String(merged.resourcePath), pathParameters);
  // A template writes into these maps with #set, so they must exist whatever the caller passed.
  const requestOverride = isRecordMap(merged.requestOverride) ? merged.requestOverride : (merged.requestOverride = {});
  for (const part of ['header', 'path', 'querystring']) if (!isRecordMap(requestOverride[part])) requestOverride[part] = {};
  const responseOverride = isRecordMap(merged.responseOverride) ? merged.responseOverride : (merged.responseOverride = {});
  if (!isRecordMap(responseOverride.header)) responseOverride.header = {};
  // A sample written with JSON numbers and booleans reads as AWS would pass it; the gateway's own latency stays a number.
  if (isRecordMap(merged.authorizer)) merged.authorizer = authorizerStrings(merged.authorizer, ['integrationLatency']);
  if (isRecordMap(merged.authorizer) && isRecordMap(merged.authorizer.claims)) markEntriesOnly(merged.authorizer.claims);
  watchOverrides(merged, requestOverride, responseOverride);
  return merged;
}

/**
 * Override parameters set more than once by the template that renders with a context, e.g.
 * `responseOverride.status`. API Gateway answers such a template with a 5XX: each parameter may be overridden once.
 */
export function repeatedOverrides(context: unknown): string[] {
  return isRecordMap(context) ? [...(overrideWritesOf.get(context)?.repeated ?? [])] : [];
}

/** Override parameters the template that renders with a context set, in the order it first set them. */
export function writtenOverrides(context: unknown): string[] {
  return isRecordMap(context) ? [...(overrideWritesOf.get(context)?.set ?? [])] : [];
}

interface OverrideWrites {
  set: Set<string>;
  repeated: Set<string>;
}

const overrideWritesOf = new WeakMap<RecordMap, OverrideWrites>();

/**
 * Counts writes into the override maps from here on: the values merged in from the caller (what an earlier template
 * of the request set) are not the current template's overrides.
 */
function watchOverrides(context: RecordMap, requestOverride: RecordMap, responseOverride: RecordMap): void {
  const writes: OverrideWrites = { set: new Set(), repeated: new Set() };
  overrideWritesOf.set(context, writes);
  requestOverride.header = new Proxy(requestOverride.header as RecordMap, new WriteCounter('requestOverride.header', writes, undefined, true));
  requestOverride.path = new Proxy(requestOverride.path as RecordMap, new WriteCounter('requestOverride.path', writes));
  requestOverride.querystring = new Proxy(requestOverride.querystring as RecordMap, new WriteCounter('requestOverride.querystring', writes));
  responseOverride.header = new Proxy(responseOverride.header as RecordMap, new WriteCounter('responseOverride.header', writes, undefined, true));
  context.responseOverride = new Proxy(responseOverride, new WriteCounter('responseOverride', writes, 'header'));
}

/** The proxy handler of one override map: only writes are trapped, so reads stay as fast as a proxy allows. */
class WriteCounter implements ProxyHandler<RecordMap> {
  private written: Set<string> | undefined;

  constructor(
    private readonly name: string,
    private readonly writes: OverrideWrites,
    /** The entry that holds a map of parameters rather than a parameter (`responseOverride.header`). */
    private readonly notAParameter?: string,
    /** Header names: `X-Id` and `x-id` name one header, so setting both overrides it twice. */
    private readonly caseInsensitive = false,
  ) {}

  private count(key: string): void {
    if (key === this.notAParameter) return;
    const written = (this.written ??= new Set());
    const name = this.caseInsensitive ? key.toLowerCase() : key;
    if (written.has(name)) this.writes.repeated.add(`${this.name}.${key}`);
    written.add(name);
    this.writes.set.add(`${this.name}.${key}`);
  }

  set(target: RecordMap, key: string | symbol, value: unknown): boolean {
    if (typeof key === 'string') this.count(key);
    target[key as string] = value;
    return true;
  }

  /** How a `__proto__` entry is written (see mapSet): an override like any other, counted the same way. */
  defineProperty(target: RecordMap, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    if (typeof key === 'string') this.count(key);
    return Reflect.defineProperty(target, key, descriptor);
  }
}
