import { setOwn } from '../model/jsonObjects';
import { isRecordMap, type RecordMap } from './javaMaps';

/**
 * A REST API hands the integration a Lambda authorizer's context, and Cognito's claims, as strings: `1` becomes "1",
 * `true` "true" (so `#if` of a false flag is true, as a non-empty string). An object, which an authorizer may not
 * return, is JSON text. A map a template of the same request wrote (the engine's maps are Maps) stays as written.
 */
export function authorizerString(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'string' || value instanceof Map) return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Each entry of an authorizer's output as `authorizerString` makes it; `claims`, when it is a map of its own, entry by
 * entry. `keep` names entries the gateway itself sets as numbers (the authorizer's latency), which stay as they are.
 */
export function authorizerStrings(output: RecordMap, keep: readonly string[] = []): RecordMap {
  const out: RecordMap = {};
  for (const key of Object.keys(output)) {
    const value = output[key];
    const converted = keep.includes(key) ? value : key === 'claims' && isRecordMap(value) ? authorizerStrings(value) : authorizerString(value);
    if (key === '__proto__') setOwn(out, key, converted);
    else out[key] = converted;
  }
  return out;
}
