/** Reading the name → value maps of a request or response, one way for the template engine and the local gateway. */
import { setOwn } from '../model/jsonObjects';

/** The value under `name` matched case-insensitively, as HTTP header names are: the first such entry. */
export function headerValue<T>(headers: Record<string, T> | undefined, name: string): T | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : headers[key];
}

/**
 * The last of each name's values, as API Gateway's single-valued maps keep them; a name without values is left out.
 * Names come from the client, so one such as `__proto__` is set as an own entry like any other.
 */
export function lastValues(lists: Record<string, readonly unknown[]> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (lists === undefined || lists === null) return out;
  for (const key of Object.keys(lists)) {
    const list = lists[key];
    if (Array.isArray(list) && list.length > 0) setOwn(out, key, String(list[list.length - 1]));
  }
  return out;
}
