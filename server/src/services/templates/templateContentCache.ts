/**
 * What is computed from a template alone (its check findings, its colours) is a pure function of the scalar's source,
 * and large definitions repeat the same templates many times; results kept relative to the scalar's content serve
 * every copy, wherever it stands, in this version and in the next versions of the document.
 */
import type { ScalarNode } from '../../model/nodes';

/** Bounded so that a long editing session over many documents cannot grow it without limit. */
const MAX_ENTRIES = 20_000;

/** Whatever else than the scalar a result depends on, compared item by item. */
export type Variant = readonly (string | boolean | undefined)[];

interface Entry<T> {
  variant: Variant;
  style: ScalarNode['style'];
  blockIndent: number | undefined;
  raw: string;
  result: T;
}

/**
 * Positions depend on the raw content and the block indentation, the text on the value as well (a block scalar's
 * chomping indicator stands before its content); `variant` holds whatever else the result depends on. Entries are
 * found by the value and then compared field by field: a key string joining them all would copy and hash each
 * template twice over, while the value is a string the tree keeps, whose hash V8 computes once and remembers, and an
 * edit leaves most of the tree's strings in place.
 */
export class TemplateContentCache<T> {
  private readonly entries = new Map<string, Entry<T>[]>();
  private size = 0;

  get(source: string, node: ScalarNode, variant: Variant, compute: () => T): T {
    const value = String(node.value ?? '');
    const style = node.style;
    const blockIndent = node.blockIndent;
    const rawLength = node.contentEnd - node.contentOffset;
    let candidates = this.entries.get(value);
    if (candidates) {
      for (const e of candidates) {
        if (sameVariant(e.variant, variant) && e.style === style && e.blockIndent === blockIndent && e.raw.length === rawLength && source.startsWith(e.raw, node.contentOffset)) return e.result;
      }
    }
    const result = compute();
    if (this.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.size = 0;
      candidates = undefined;
    }
    const entry: Entry<T> = { variant, style, blockIndent, raw: ownCopy(source.slice(node.contentOffset, node.contentEnd)), result };
    if (candidates) candidates.push(entry);
    else this.entries.set(ownCopy(value), [entry]);
    this.size++;
    return result;
  }
}

function sameVariant(a: Variant, b: Variant): boolean {
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
