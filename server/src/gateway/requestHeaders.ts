/**
 * A request's headers as lists of values, grouped by name case-insensitively as HTTP requires. A name keeps the
 * spelling the client first used, since API Gateway hands integrations the names as sent.
 */
export function groupHeaders(pairs: Iterable<readonly [string, string]>): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  const spelling = new Map<string, string>();
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    const key = spelling.get(lower) ?? name;
    spelling.set(lower, key);
    (lists[key] ??= []).push(value);
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
  const listed = new Set(Object.keys(multi).map((k) => k.toLowerCase()));
  const pairs: Array<[string, string]> = [];
  for (const [name, values] of Object.entries(multi)) for (const value of values) pairs.push([name, value]);
  for (const [name, value] of Object.entries(single)) if (!listed.has(name.toLowerCase())) pairs.push([name, value]);
  return groupHeaders(pairs);
}

/** One value per name, repeated values joined with commas (RFC 9110 §5.3): what single-valued lookups read. */
export function joinHeaderLists(lists: Record<string, string[]>): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, values] of Object.entries(lists)) joined[name] = values.join(',');
  return joined;
}

/** The values of one header, its name matched case-insensitively. */
export function headerValues(lists: Record<string, string[]>, name: string): string[] | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(lists).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : lists[key];
}
