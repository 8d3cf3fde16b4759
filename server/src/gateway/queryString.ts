/**
 * Query strings, read one way wherever a raw query string becomes a request's values: the gateway for the requests
 * it serves and the CLI for the query it sends.
 */
import { appendOwn } from '../model/jsonObjects';

/**
 * The values of a raw query string by name, in the order given: a repeated name keeps every value, `+` is a space, a
 * name without `=` has the empty value. A part that is not valid percent-encoding is kept as written, as the gateway
 * takes it; `malformed` hears of it first and may refuse it by throwing.
 */
export function parseQuery(raw: string | undefined, malformed?: (part: string) => void): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  if (!raw) return query;
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      malformed?.(text);
      return text;
    }
  };
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    appendOwn(query, key, value);
  }
  return query;
}

/** A raw query string for values by name, each name and value percent-encoded whole, so that parseQuery reads them back unchanged. */
export function encodeQuery(query: Record<string, string[]>): string {
  return Object.entries(query)
    .flatMap(([name, values]) => values.map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
    .join('&');
}
