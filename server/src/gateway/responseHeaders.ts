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
    const list = previous === undefined ? (lists[name] = []) : lists[previous];
    for (const key of Object.keys(single).filter((k) => k.toLowerCase() === lower)) {
      if (!values.includes(single[key])) list.push(single[key]);
      delete single[key];
    }
    list.push(...values);
  }
  return { headers: single, multiValueHeaders: lists };
}
