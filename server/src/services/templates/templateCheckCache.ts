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

export class TemplateCheckCache {
  private readonly entries = new Map<string, TemplateFinding[]>();

  get(key: TemplateCheckKey, check: () => TemplateFinding[]): TemplateFinding[] {
    const id = cacheKey(key);
    let findings = this.entries.get(id);
    if (!findings) {
      findings = check();
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(id, findings);
    }
    return findings;
  }
}

/**
 * Positions depend on the raw content and the block indentation, the text on the value as well (a block scalar's
 * chomping indicator stands before its content); the checks depend on the kind, the MIME type and the integration.
 */
function cacheKey({ source, node, kind, producesJson, integrationType }: TemplateCheckKey): string {
  const raw = source.slice(node.contentOffset, node.contentEnd);
  const value = String(node.value ?? '');
  return `${kind}\u0000${producesJson ? 1 : 0}\u0000${integrationType ?? ''}\u0000${node.style}\u0000${node.blockIndent ?? ''}\u0000${raw.length}\u0000${raw}\u0000${value}`;
}
