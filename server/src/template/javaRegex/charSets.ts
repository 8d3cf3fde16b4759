/** A set of characters: JavaScript class content, or a combination that needs lookarounds to express. */
export type CharSet = { kind: 'set'; items: string[] } | { kind: 'not'; of: CharSet } | { kind: 'or'; of: CharSet[] } | { kind: 'and'; of: CharSet[] };

export const set = (...items: string[]): CharSet => ({ kind: 'set', items });
export const not = (of: CharSet): CharSet => ({ kind: 'not', of });

export function emitSet(cs: CharSet): string {
  switch (cs.kind) {
    case 'set':
      return `[${cs.items.join('')}]`;
    case 'not':
      return cs.of.kind === 'set' ? `[^${cs.of.items.join('')}]` : `(?:(?!${emitSet(cs.of)})[\\s\\S])`;
    case 'or': {
      const items = cs.of.flatMap((p) => (p.kind === 'set' ? p.items : []));
      const others = cs.of.filter((p) => p.kind !== 'set').map(emitSet);
      if (others.length === 0) return `[${items.join('')}]`;
      const parts = items.length ? [`[${items.join('')}]`, ...others] : others;
      return parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
    }
    case 'and': {
      const parts = cs.of.map(emitSet);
      return `(?:${parts.slice(0, -1).map((p) => `(?=${p})`).join('')}${parts[parts.length - 1]})`;
    }
  }
}

const hex4 = (cp: number): string => `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** One code point as JavaScript source; BMP escapes read the same with and without the `u` flag. */
export function literal(cp: number, inClass: boolean): string {
  const c = String.fromCodePoint(cp);
  if (/[A-Za-z0-9_ ]/.test(c)) return c;
  if (!inClass && '^$\\.*+?()[]{}|/'.includes(c)) return `\\${c}`;
  return cp < 0x10000 ? hex4(cp) : `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** Java's default CASE_INSENSITIVE is ASCII-only: the other-case ASCII counterparts of a range. */
export function asciiCaseRanges(lo: number, hi: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const lower = [Math.max(lo, 0x61), Math.min(hi, 0x7a)];
  if (lower[0] <= lower[1]) out.push([lower[0] - 32, lower[1] - 32]);
  const upper = [Math.max(lo, 0x41), Math.min(hi, 0x5a)];
  if (upper[0] <= upper[1]) out.push([upper[0] + 32, upper[1] + 32]);
  return out;
}

export function rangeItem(lo: number, hi: number): string {
  return lo === hi ? literal(lo, true) : `${literal(lo, true)}-${literal(hi, true)}`;
}
