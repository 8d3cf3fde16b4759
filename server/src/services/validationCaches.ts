import { TemplateContentCache } from './templates/templateContentCache';
import type { TemplateFinding } from './templates/templateFindings';

/**
 * Results of pure per-part checks, keyed by content. A language service keeps one for its lifetime so that each new
 * version of a document re-checks only what changed; a one-off validation gets a fresh one, which still spares the
 * repeated parts of that one document.
 */
export interface ValidationCaches {
  templates: TemplateContentCache<TemplateFinding[]>;
}

export function createValidationCaches(): ValidationCaches {
  return { templates: new TemplateContentCache() };
}
