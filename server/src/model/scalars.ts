import type { ScalarNode } from './nodes';

/**
 * Resolves a plain YAML scalar to a value under the YAML 1.2 core schema, the schema OpenAPI tools use. Timestamps are
 * deliberately not recognised: `version: 2015-03-31` must stay a string.
 */
export function resolvePlainScalar(text: string): { type: ScalarNode['type']; value: string | number | boolean | null } {
  if (text.length === 0 || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') {
    return { type: 'null', value: null };
  }
  const first = text.charCodeAt(0);
  // Fast exit: most scalars in an API definition are words, not numbers or keywords.
  const maybeNumber = (first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46;
  if (!maybeNumber) {
    if (text === 'true' || text === 'True' || text === 'TRUE') return { type: 'boolean', value: true };
    if (text === 'false' || text === 'False' || text === 'FALSE') return { type: 'boolean', value: false };
    return { type: 'string', value: text };
  }
  if (/^[-+]?[0-9]+$/.test(text)) return { type: 'number', value: Number(text) };
  if (/^0o[0-7]+$/.test(text)) return { type: 'number', value: parseInt(text.slice(2), 8) };
  if (/^0x[0-9a-fA-F]+$/.test(text)) return { type: 'number', value: parseInt(text.slice(2), 16) };
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return { type: 'number', value: Number(text) };
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return { type: 'number', value: text.startsWith('-') ? -Infinity : Infinity };
  if (/^\.(nan|NaN|NAN)$/.test(text)) return { type: 'number', value: NaN };
  return { type: 'string', value: text };
}
