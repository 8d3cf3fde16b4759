/** Whether a text is an OpenAPI or Swagger definition, judged by its top-level keys without parsing it. */

const DEFINITION_KEY = /^(?:openapi|swagger|"openapi"|"swagger"|'openapi'|'swagger')[ \t]*:/m;
const DEFINITION_KEYS = new Set(['openapi', 'swagger']);

/**
 * True when the text's top-level mapping has an `openapi` or `swagger` key. Only the top level counts: a
 * package.json script or a docker-compose service named `openapi` does not make a definition. The whole text is
 * read, so a minified JSON definition with its keys sorted (`openapi` after a long `info`) is still found, and a
 * definition with a syntax error further down still is one.
 */
export function looksLikeApiDefinition(text: string): boolean {
  // A byte order mark stands before the first key.
  const start = text.search(/[^\s\uFEFF]/);
  if (start >= 0 && text[start] === '{') return hasTopLevelJsonKey(text, start);
  // In block YAML, the top-level keys are the ones in column 0.
  return DEFINITION_KEY.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** Walks a JSON object's text, tracking depth, without needing it to be complete or valid. */
function hasTopLevelJsonKey(text: string, start: number): boolean {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = closingQuote(text, i);
      if (depth === 1 && DEFINITION_KEYS.has(text.slice(i + 1, end)) && /^\s*:/.test(text.slice(end + 1, end + 64))) return true;
      i = end;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return false;
    }
  }
  return false;
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
