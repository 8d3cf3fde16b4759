/**
 * Text inserted into a template that lives inside a YAML or JSON string must be written the way that string is
 * written: quotes doubled or escaped, and no raw line breaks in flow scalars.
 */
import type { ScalarStyle } from '../../model/nodes';

/** Where a template is written: a `.vtl` file, or a scalar of this style in an API definition. */
export type TemplateHost = 'file' | ScalarStyle;

export function escapeForHost(text: string, host: TemplateHost): string {
  switch (host) {
    case 'double':
      return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
    case 'single':
      return text.replace(/'/g, "''");
    default:
      return text;
  }
}

/** Flow scalars fold line breaks, so inserted blocks stay on one line there. */
export function allowsLineBreaks(host: TemplateHost): boolean {
  return host === 'file' || host === 'literal' || host === 'folded';
}

/** The quote for string literals that needs no escaping in the host. */
export function preferredQuote(host: TemplateHost): "'" | '"' {
  return host === 'single' ? '"' : "'";
}

/**
 * In a plain YAML scalar a `#` after a blank starts a comment, which would swallow the rest of the line: a snippet's
 * `#` is kept against what precedes it, the tab stop in between aside.
 */
export function withoutCommentStarts(snippet: string): string {
  return snippet.replace(/[ \t]*(\$0)?[ \t]*(?=#)/g, '$1');
}
