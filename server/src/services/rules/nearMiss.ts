/** Edit distance counting a swap of neighbours as one edit (`mokc` → `mock`); early exit past the limit. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length][b.length];
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

/**
 * The candidate a value was most likely meant to be: its near miss, else the one candidate that holds the value as
 * whole parts of its name (`NOT_FOUND` in `RESOURCE_NOT_FOUND`, `json` in `application/json`). Undefined when no single
 * candidate stands out.
 */
export function closestName(value: string, candidates: readonly string[]): string | undefined {
  const near = nearMiss(value, candidates);
  if (near !== undefined || value.length < MIN_PART_LENGTH) return near;
  const lower = value.toLowerCase();
  let found: string | undefined;
  for (const c of candidates) {
    if (!holdsParts(c.toLowerCase(), lower)) continue;
    if (found !== undefined) return undefined;
    found = c;
  }
  return found;
}

/** Shorter values (`a`, `js`) are parts of too many names to point at one. */
const MIN_PART_LENGTH = 3;
const PART_SEPARATOR = /[/_.+-]/;

/** Whether `part` stands in `name` between separators or at its ends. */
function holdsParts(name: string, part: string): boolean {
  for (let at = name.indexOf(part); at >= 0; at = name.indexOf(part, at + 1)) {
    const end = at + part.length;
    if ((at === 0 || PART_SEPARATOR.test(name[at - 1])) && (end === name.length || PART_SEPARATOR.test(name[end]))) return true;
  }
  return false;
}
