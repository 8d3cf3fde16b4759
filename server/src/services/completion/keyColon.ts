import type { CompletionItem } from 'vscode-languageserver-types';
import type { CompletionSite } from '../editing/completionSite';

/**
 * A YAML key typed up to its colon (`type:`, the colon being a trigger character). YAML reads the word as a key still
 * being typed, since a colon with no space after it may run on (`overwrite:header.x`): the site is a key site whose
 * prefix ends with the colon, and nothing of the word stands after the cursor. A key opened with a quote is
 * still being typed.
 */
export function isKeyColonTyped(site: CompletionSite): boolean {
  if (site.kind !== 'key' || site.document.format === 'json' || site.keyOnly || site.quote || !/[^:]:$/.test(site.prefix)) return false;
  const { start, end } = site.range;
  return start.line === end.line && end.character - start.character === site.prefix.length;
}

/**
 * Key items whose name runs on past the colon typed (`overwrite:header.` after `overwrite:`). Any other key item would
 * replace the key just written with another one; an item whose label goes on with a space is a snippet for the key
 * (`x-amazon-apigateway-integration: Lambda proxy`), not a longer name.
 */
export function keysRunningOn(site: CompletionSite, items: CompletionItem[]): CompletionItem[] {
  return items.filter((item) => item.label.length > site.prefix.length && item.label.startsWith(site.prefix) && item.label[site.prefix.length] !== ' ');
}

/**
 * The site of the value after the colon: empty, at the cursor. The site's document is the copy read for the key, which
 * holds a placeholder in place of the key typed; what the value items read of the object around it is still there.
 */
export function valueSiteAfterColon(site: CompletionSite): CompletionSite {
  const key = site.prefix.slice(0, -1);
  return { ...site, kind: 'value', path: [...site.path, key], siblings: [], prefix: '', range: { start: site.range.end, end: site.range.end } };
}

/** Value items written after the colon: YAML reads a value only after a space. */
export function withLeadingSpace(items: CompletionItem[]): CompletionItem[] {
  return items.map((item) => {
    const edit = item.textEdit;
    if (!edit || !('range' in edit)) return item;
    return { ...item, textEdit: { ...edit, newText: ` ${edit.newText}` } };
  });
}
