/**
 * A java.lang.Double whose value is a whole number (`1.0`, `10.0`). A JavaScript number cannot tell 10.0 from 10,
 * yet Java divides, prints and serialises the two differently, so only these doubles are boxed: a number with a
 * fraction can only be a Double, a whole one is an Integer or Long, and integers beyond 2^53 are bigints.
 */
export class JavaDouble {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return javaDoubleToString(this.value);
  }
  /** Callers outside the engine that serialise a result see a plain number. */
  toJSON(): number {
    return this.value;
  }
}

/**
 * A java.lang.Character, as `charAt()` and the elements of `toCharArray()` are. It prints as its character, yet it
 * is no String: `equals("a")` is false, a map keyed by "a" does not find it, and the String methods that take text
 * do not take it.
 */
export class JavaChar {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
  toJSON(): string {
    return this.value;
  }
}

/** Java's Double.toString: always a fraction (`2.0`), and `1.5E7` / `1.0E-5` outside [10^-3, 10^7). */
export function javaDoubleToString(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) return Number.isInteger(n) ? `${n}.0` : String(n);
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}
