/**
 * JSON.parse's result with its objects made ordered Maps, as json-smart reads them for Jayway (LinkedHashMaps, in
 * document order). JSON.parse is much faster than any reader written in JavaScript, but it lists integer-like keys
 * first, whatever their place in the text; such an object starts with one, which is all the copy has to look at.
 */

/** The copy is wrong: an object had integer-like keys, whose order in the text JSON.parse has lost. */
export const MISORDERED = Symbol('misordered');

/** Below this depth the copy recurses (fast); deeper down it keeps its own stack (JSON.parse copes with any depth). */
const RECURSION_DEPTH = 400;

/**
 * The value with every object replaced by a Map of its members, arrays changed in place (JSON.parse's result is not
 * shared), or MISORDERED. With `ignoreOrder`, never MISORDERED: for text no other reader can take.
 */
export function orderedCopy(parsed: unknown, ignoreOrder = false): unknown {
  const copy = new OrderedCopy(ignoreOrder);
  const out = copy.value(parsed, 0);
  return copy.misordered ? MISORDERED : out;
}

class OrderedCopy {
  misordered = false;

  constructor(private readonly ignoreOrder: boolean) {}

  value(value: unknown, depth: number): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= RECURSION_DEPTH) return this.deep(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item === 'object' && item !== null) value[i] = this.value(item, depth + 1);
      }
      return value;
    }
    const map = new Map<string, unknown>();
    const record = value as Record<string, unknown>;
    let first: string | undefined;
    for (const key in record) {
      first ??= key;
      const member = record[key];
      map.set(key, typeof member === 'object' && member !== null ? this.value(member, depth + 1) : member);
    }
    this.check(first, map.size);
    return map;
  }

  /** The same copy without recursion, for nesting deeper than the call stack allows. */
  private deep(root: object): unknown {
    const pending: unknown[] = [];
    const shallow = (value: object): object => {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (typeof value[i] === 'object' && value[i] !== null) pending.push(value, i, value[i]);
        return value;
      }
      const map = new Map<string, unknown>();
      const record = value as Record<string, unknown>;
      let first: string | undefined;
      for (const key in record) {
        first ??= key;
        const member = record[key];
        map.set(key, member);
        if (typeof member === 'object' && member !== null) pending.push(map, key, member);
      }
      this.check(first, map.size);
      return map;
    };
    const out = shallow(root);
    while (pending.length > 0) {
      const value = pending.pop() as object;
      const key = pending.pop();
      const holder = pending.pop();
      const copy = shallow(value);
      if (holder instanceof Map) holder.set(key as string, copy);
      else (holder as unknown[])[key as number] = copy;
    }
    return out;
  }

  /** A single member has no order to lose; otherwise an integer-like first key means the order is JavaScript's. */
  private check(first: string | undefined, size: number): void {
    if (size < 2 || first === undefined || this.misordered || this.ignoreOrder) return;
    const c = first.charCodeAt(0);
    if (c >= 48 && c <= 57 && isArrayIndex(first)) this.misordered = true;
  }
}

/** The keys JavaScript lists first: canonical decimal integers from 0 to 2^32 - 2. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) <= 4294967294;
}
