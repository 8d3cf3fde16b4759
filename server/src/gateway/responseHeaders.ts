import { setOwn } from '../model/jsonObjects';

/**
 * A header named in both maps gets one list, as API Gateway merges a Lambda proxy result's `headers` and
 * `multiValueHeaders`: a value given in both appears once. The two maps of the answer then name distinct headers,
 * so that nobody sends a value twice.
 */
export function mergeHeaders(headers: Record<string, string>, multi: Record<string, string[]>): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const single = { ...headers };
  const lists: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(multi)) {
    const lower = name.toLowerCase();
    const previous = Object.keys(lists).find((k) => k.toLowerCase() === lower);
    const list = previous === undefined ? [] : lists[previous];
    if (previous === undefined) setOwn(lists, name, list);
    for (const key of Object.keys(single).filter((k) => k.toLowerCase() === lower)) {
      if (!values.includes(single[key])) list.push(single[key]);
      delete single[key];
    }
    list.push(...values);
  }
  return { headers: single, multiValueHeaders: lists };
}

/**
 * Headers that frame a message or manage the connection it travels on: each hop writes its own, so the gateway
 * passes none of them on in either direction. What it does not forward or pass back is built from this set.
 */
export const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'content-length', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * Headers of a Lambda proxy result that REST APIs rename to `x-amzn-Remapped-<name>` (the "Remapped" rows of the
 * header table in AWS's "Amazon API Gateway important notes"): API Gateway frames, dates and names its answer itself.
 * `x-amzn-RequestId` joins them because the gateway sends its own.
 */
const REST_REMAPPED = new Set(['authorization', 'connection', 'content-length', 'content-md5', 'date', 'max-forwards', 'server', 'user-agent', 'www-authenticate', 'x-amzn-requestid']);
/**
 * Hop-by-hop and request-only headers: they describe a connection the gateway, not the function, manages. Those
 * that REST APIs rename instead are not dropped.
 */
const REST_DROPPED = new Set([...[...HOP_BY_HOP].filter((name) => !REST_REMAPPED.has(name)), 'expect', 'host', 'proxy-authenticate']);
/**
 * HTTP APIs keep the framing and connection headers to themselves (they are among the "reserved headers" of HTTP API
 * parameter mapping) and document no renaming: the integration's are dropped, as is a request id of its own.
 */
const HTTP_API_DROPPED = new Set([...HOP_BY_HOP, 'apigw-requestid', 'proxy-authenticate', 'trailers']);

/** A Lambda proxy result's headers as API Gateway passes them on, per dialect (see the sets above). */
export function gatewayOwnedHeaders<T extends string | string[]>(headers: Record<string, T>, httpApi: boolean): Record<string, T> {
  let out: Record<string, T> | undefined;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    const remap = !httpApi && REST_REMAPPED.has(lower);
    if (!remap && !(httpApi ? HTTP_API_DROPPED : REST_DROPPED).has(lower)) continue;
    // Copied on the first change only: most results name none of these headers.
    out ??= { ...headers };
    delete out[name];
    if (remap) out[`x-amzn-Remapped-${name}`] = headers[name];
  }
  return out ?? headers;
}
