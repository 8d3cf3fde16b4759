/**
 * What is computed from a template alone (its check findings, its colours) is a pure function of the scalar's source,
 * and large definitions repeat the same templates many times; results kept relative to the scalar's content serve
 * every copy, wherever it stands, in this version and in the next versions of the document.
 */
import type { ScalarNode } from '../../model/nodes';
import { LONGEST_OWN_KEY, mapKeyOf } from '../../util/longStringKeys';

/** Entries of one generation: bounded so that a long editing session over many documents cannot grow without limit. */
const MAX_ENTRIES = 20_000;

/** Whatever else than the scalar a result depends on, compared item by item. */
export type Variant = readonly (string | boolean | undefined)[];

interface Entry<T> {
  variant: Variant;
  style: ScalarNode['style'];
  blockIndent: number | undefined;
  raw: string;
  /** The value, for a value too long to be its own key (`mapKeyOf`). */
  longValue: string | undefined;
  result: T;
}

/**
 * Positions depend on the raw content and the block indentation, the text on the value as well (a block scalar's
 * chomping indicator stands before its content); `variant` holds whatever else the result depends on. Entries are
 * found by the value (a long one by its `mapKeyOf` key) and then compared field by field: a key string joining them
 * all would copy and hash each template twice over, while the value is a string the tree keeps, whose hash V8
 * computes once and remembers, and an edit leaves most of the tree's strings in place.
 */
export class TemplateContentCache<T> {
  /**
   * Two generations: when the newer fills up, it becomes the older and the oldest entries go. Whatever is still in use
   * moves to the newer on its next lookup, so a document with more templates than one generation holds keeps the
   * benefit instead of emptying the cache on every request.
   */
  private newer = new Map<string, Entry<T>[]>();
  private older = new Map<string, Entry<T>[]>();
  private size = 0;

  /**
   * @param outlivesDocument false for a cache dropped before the document it is filled from, which may then keep the
   * document's own strings instead of copies.
   */
  constructor(private readonly outlivesDocument = true) {}

  get(source: string, node: ScalarNode, variant: Variant, compute: () => T): T {
    const value = String(node.value ?? '');
    const key = mapKeyOf(value);
    const found = this.find(this.newer, source, node, key, value, variant) ?? this.find(this.older, source, node, key, value, variant);
    if (found && found.generation === this.newer) return found.entry.result;
    const entry = found?.entry ?? {
      variant,
      style: node.style,
      blockIndent: node.blockIndent,
      raw: this.own(source.slice(node.contentOffset, node.contentEnd)),
      longValue: value.length > LONGEST_OWN_KEY ? this.own(value) : undefined,
      result: compute(),
    };
    if (this.size >= MAX_ENTRIES) {
      this.older = this.newer;
      this.newer = new Map();
      this.size = 0;
    }
    const candidates = this.newer.get(key);
    if (candidates) candidates.push(entry);
    else this.newer.set(key === value ? this.own(value) : key, [entry]);
    this.size++;
    return entry.result;
  }

  private own(text: string): string {
    return this.outlivesDocument ? ownCopy(text) : text;
  }

  /** The result kept for the scalar, if any, leaving the cache as it is. */
  peek(source: string, node: ScalarNode, variant: Variant): T | undefined {
    const value = String(node.value ?? '');
    const key = mapKeyOf(value);
    return (this.find(this.newer, source, node, key, value, variant) ?? this.find(this.older, source, node, key, value, variant))?.entry.result;
  }

  private find(generation: Map<string, Entry<T>[]>, source: string, node: ScalarNode, key: string, value: string, variant: Variant): { entry: Entry<T>; generation: Map<string, Entry<T>[]> } | undefined {
    const candidates = generation.get(key);
    if (!candidates) return undefined;
    const rawLength = node.contentEnd - node.contentOffset;
    // The raw text is compared as a slice: string equality is several times faster than `startsWith` at an offset.
    for (const entry of candidates) {
      if (sameVariant(entry.variant, variant) && entry.style === node.style && entry.blockIndent === node.blockIndent && entry.raw.length === rawLength && source.slice(node.contentOffset, node.contentEnd) === entry.raw && (entry.longValue === undefined || entry.longValue === value)) {
        return { entry, generation };
      }
    }
    return undefined;
  }
}

function sameVariant(a: Variant, b: Variant): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A copy that does not share the document's text: a slice of a long string is a view into it, and the cache outlives
 * the document version it was filled from.
 */
function ownCopy(text: string): string {
  return (text + '\u0000').slice(0, -1);
}
