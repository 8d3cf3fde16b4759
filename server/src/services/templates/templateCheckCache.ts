/**
 * Template checks are pure functions of a template's source and the facts around it, and large definitions repeat the
 * same templates many times; their findings are kept relative to the scalar's content so that one check serves every
 * copy, wherever it stands, in this validation and in the next versions of the document.
 */
import type { ScalarNode } from '../../model/nodes';
import type { Problem } from '../validationTypes';

/** A finding with offsets relative to the scalar's content start, or about the template as a whole. */
export interface TemplateFinding {
  /** Undefined for problems about the whole template (reported on its MIME type key). */
  start?: number;
  end?: number;
  code: string;
  message: string;
  extra?: Partial<Problem>;
}

export interface TemplateCheckKey {
  source: string;
  node: ScalarNode;
  kind: string;
  producesJson: boolean;
  integrationType: string | undefined;
}

/** Bounded so that a long editing session over many documents cannot grow it without limit. */
const MAX_ENTRIES = 20_000;

interface Entry {
  kind: string;
  producesJson: boolean;
  integrationType: string | undefined;
  style: ScalarNode['style'];
  blockIndent: number | undefined;
  value: string;
  findings: TemplateFinding[];
}

/**
 * Positions depend on the raw content and the block indentation, the text on the value as well (a block scalar's
 * chomping indicator stands before its content); the checks depend on the kind, the MIME type and the integration.
 * Entries are found by the raw content and then compared field by field: a key string joining them all would copy and
 * hash each template twice over.
 */
export class TemplateCheckCache {
  private readonly entries = new Map<string, Entry[]>();
  private size = 0;

  get(key: TemplateCheckKey, check: () => TemplateFinding[]): TemplateFinding[] {
    const { source, node, kind, producesJson, integrationType } = key;
    const raw = source.slice(node.contentOffset, node.contentEnd);
    const value = String(node.value ?? '');
    const style = node.style;
    const blockIndent = node.blockIndent;
    let candidates = this.entries.get(raw);
    if (candidates) {
      for (const e of candidates) {
        if (e.value === value && e.kind === kind && e.producesJson === producesJson && e.integrationType === integrationType && e.style === style && e.blockIndent === blockIndent) {
          return e.findings;
        }
      }
    }
    const findings = check();
    if (this.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.size = 0;
      candidates = undefined;
    }
    const entry: Entry = { kind, producesJson, integrationType, style, blockIndent, value: ownCopy(value), findings };
    if (candidates) candidates.push(entry);
    else this.entries.set(ownCopy(raw), [entry]);
    this.size++;
    return findings;
  }
}

/**
 * A copy that does not share the document's text: a slice of a long string is a view into it, and the cache outlives
 * the document version it was filled from.
 */
function ownCopy(text: string): string {
  return (text + '\u0000').slice(0, -1);
}
