/**
 * Character sets reduced to the members they have among a fixed sample of code points, as bit sets. Whether two
 * atoms of a pattern can match the same character is then a bitwise AND. A JavaScript class source cannot be
 * intersected symbolically (properties, negations, intersections), but it can be asked about each sample character.
 *
 * The sample covers Latin scripts, punctuation and spaces exhaustively, one or two characters of each common script,
 * digit kind and space kind, and the code points the pattern itself names: two sets that overlap only on characters
 * outside all of these are taken as disjoint.
 */

const EXTRA_SAMPLE = [
  0x0300, 0x0345, 0x0378, 0x0391, 0x03b1, 0x03c9, 0x0410, 0x0430, 0x05d0, 0x0627, 0x0660, 0x06f0, 0x0905, 0x0966, 0x0e01, 0x0e50, 0x10a0, 0x1680,
  0x180e, 0x1e00, 0x2000, 0x2007, 0x200a, 0x200b, 0x200d, 0x2028, 0x2029, 0x202f, 0x205f, 0x20ac, 0x2160, 0x2190, 0x2200, 0x2460, 0x3000, 0x3042,
  0x30a2, 0x4e00, 0xac00, 0xd7ff, 0xe000, 0xfeff, 0xff10, 0xff21, 0xff41, 0xfffd, 0x10000, 0x1d400, 0x1f600, 0x10ffff,
];

const BASE: number[] = [...Array.from({ length: 0x250 }, (_, i) => i), ...EXTRA_SAMPLE];
const BASE_SET = new Set(BASE);
const baseCache = new Map<string, boolean[]>();

export type SampleSet = Uint32Array;

/** The sample for one pattern: the base sample and the code points the pattern spells out. */
export class Sample {
  private readonly extra: number[];

  constructor(pattern: string) {
    const extra = new Set<number>();
    for (const ch of pattern) {
      const cp = ch.codePointAt(0)!;
      if (!BASE_SET.has(cp)) extra.add(cp);
    }
    this.extra = [...extra];
  }

  get size(): number {
    return BASE.length + this.extra.length;
  }

  /** The sample members matched by a JavaScript `u`-mode source matching one character, e.g. `[a-z]`. */
  of(source: string): SampleSet {
    let regex: RegExp | undefined;
    const matches = (cp: number) => (regex ??= new RegExp(`^(?:${source})$`, 'u')).test(String.fromCodePoint(cp));
    let base = baseCache.get(source);
    if (!base) {
      base = BASE.map(matches);
      if (baseCache.size > 2000) baseCache.clear();
      baseCache.set(source, base);
    }
    const out = this.empty();
    base.forEach((member, i) => member && setBit(out, i));
    this.extra.forEach((cp, i) => matches(cp) && setBit(out, BASE.length + i));
    return out;
  }

  empty(): SampleSet {
    return new Uint32Array((this.size + 31) >>> 5);
  }

  full(): SampleSet {
    const out = this.empty();
    for (let i = 0; i < this.size; i++) setBit(out, i);
    return out;
  }
}

function setBit(bits: SampleSet, i: number): void {
  bits[i >>> 5] |= 1 << (i & 31);
}

export function overlap(a: SampleSet, b: SampleSet): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] & b[i]) return true;
  return false;
}

export function unionInto(target: SampleSet, source: SampleSet): void {
  for (let i = 0; i < target.length; i++) target[i] |= source[i];
}
