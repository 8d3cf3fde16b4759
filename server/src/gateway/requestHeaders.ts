/**
 * A request's headers as lists of values, grouped by name case-insensitively as HTTP requires. A name keeps the
 * spelling the client first used, since API Gateway hands integrations the names as sent.
 */
import { appendOwn, setOwn } from '../model/jsonObjects';
export function groupHeaders(pairs: Iterable<readonly [string, string]>): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  const spelling = new Map<string, string>();
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    const key = spelling.get(lower) ?? name;
    spelling.set(lower, key);
    appendOwn(lists, key, value);
  }
  return lists;
}

/** Pairs in the order Node.js gives an incoming message's `rawHeaders`: name, value, name, value. */
export function rawHeaderPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
  return pairs;
}

/**
 * The lists a gateway request carries: `multiValueHeaders` as given, and `headers` for the names it lacks, so a
 * caller that only knows one value per header needs nothing else.
 */
export function requestHeaderLists(single: Record<string, string> = {}, multi: Record<string, string[]> = {}): Record<string, string[]> {
  const names = Object.keys(multi);
  const listed = new Set(names.map((k) => k.toLowerCase()));
  const unlisted = Object.keys(single).filter((name) => !listed.has(name.toLowerCase()));
  // The HTTP server and the CLI hand over lists grouped already: grouping them again would give the same lists.
  if (unlisted.length === 0 && listed.size === names.length && names.every((k) => Array.isArray(multi[k]) && multi[k].length > 0)) return multi;
  const pairs: Array<[string, string]> = [];
  for (const [name, values] of Object.entries(multi)) for (const value of values) pairs.push([name, value]);
  for (const name of unlisted) pairs.push([name, single[name]]);
  return groupHeaders(pairs);
}

/**
 * One value per name, repeated values joined with commas (RFC 9110 §5.3): what single-valued lookups read. `Cookie` is
 * the exception: its pairs are separated by `; ` (RFC 6265 §5.4, and HTTP/2 joins cookie crumbs the same way), and a
 * backend reading `a=1,b=2` would see one cookie named `a` with the value `1,b=2`.
 */
export function joinHeaderLists(lists: Record<string, string[]>): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, values] of Object.entries(lists)) setOwn(joined, name, values.join(name.length === 6 && name.toLowerCase() === 'cookie' ? '; ' : ','));
  return joined;
}
