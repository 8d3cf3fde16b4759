import type { ScalarNode } from './nodes';

/**
 * The type of a plain YAML scalar under the YAML 1.2 core schema, the schema OpenAPI tools use. Timestamps are
 * deliberately not recognised: `version: 2015-03-31` must stay a string. Split from the value so that the common case,
 * a word, allocates nothing.
 */
export function plainScalarType(text: string): ScalarNode['type'] {
  if (text.length === 0) return 'null';
  const first = text.charCodeAt(0);
  // Most scalars in an API definition are words; only these first characters can start anything else.
  switch (first) {
    case 126: // ~
      return text === '~' ? 'null' : 'string';
    case 110: // n
    case 78: // N
      return text === 'null' || text === 'Null' || text === 'NULL' ? 'null' : 'string';
    case 116: // t
    case 84: // T
      return text === 'true' || text === 'True' || text === 'TRUE' ? 'boolean' : 'string';
    case 102: // f
    case 70: // F
      return text === 'false' || text === 'False' || text === 'FALSE' ? 'boolean' : 'string';
  }
  const maybeNumber = (first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46;
  if (!maybeNumber) return 'string';
  if (/^[-+]?[0-9]+$/.test(text) || /^0o[0-7]+$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text)) return 'number';
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return 'number';
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text) || /^\.(nan|NaN|NAN)$/.test(text)) return 'number';
  return 'string';
}

/** The value of a plain scalar of a type `plainScalarType` gave. */
export function plainScalarValue(text: string, type: ScalarNode['type']): string | number | boolean | null {
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return text.charCodeAt(0) === 116 || text.charCodeAt(0) === 84; // t or T
    case 'number':
      if (text.startsWith('0o')) return parseInt(text.slice(2), 8);
      if (text.startsWith('0x')) return parseInt(text.slice(2), 16);
      if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
      if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN;
      return Number(text);
    default:
      return text;
  }
}
