/** Edit distance with an early exit: suggestions only matter for small typos. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/**
 * The one candidate a value was most likely meant to be: same letters in another case, or within two edits (one for
 * short words) of exactly one candidate. Undefined when there is no single certain correction.
 */
export function nearMiss(value: string, candidates: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const sameLetters = candidates.filter((c) => c.toLowerCase() === lower);
  if (sameLetters.length === 1) return sameLetters[0];
  const limit = value.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let ties = 0;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      ties = 0;
    } else if (d === bestDistance) ties++;
  }
  return bestDistance <= limit && ties === 0 ? best : undefined;
}
