import type { CompletionItem } from 'vscode-languageserver-types';
import type { CompletionSite } from '../editing/completionSite';

// What every item takes from the text around the word being typed, whichever list it comes from.

/**
 * Editors filter an item on the text from the start of its range to the cursor. When the range starts at a quote the
 * user opened (`"pass`), a filter text without that quote matches nothing, and the list shows nothing. An item whose
 * range starts after the quote (the name after `"context.`) is filtered on text without it, and keeps its filter text.
 */
export function withTypedQuote(site: CompletionSite, items: CompletionItem[]): CompletionItem[] {
  const quote = site.quote;
  if (!quote) return items;
  return items.map((item) => {
    const filterText = item.filterText ?? item.label;
    return filterText.startsWith(quote) || !rangeTakesQuote(site, item) ? item : { ...item, filterText: `${quote}${filterText}` };
  });
}

/**
 * The site's range starts at the quote. An item without a range of its own is filtered on the word at the cursor,
 * which editors never start with a quote.
 */
function rangeTakesQuote(site: CompletionSite, item: CompletionItem): boolean {
  const edit = item.textEdit;
  if (!edit) return false;
  const start = 'range' in edit ? edit.range.start : edit.replace.start;
  const quoteAt = site.range.start;
  return start.line < quoteAt.line || (start.line === quoteAt.line && start.character <= quoteAt.character);
}

/**
 * Every item of a key typed after an entry that lacks its comma brings that comma along, besides the edits it makes
 * elsewhere (the method responses an integration snippet declares). The range of the item itself cannot reach back to
 * the entry before: editors take only a range on the cursor's line.
 */
export function withMissingComma(site: CompletionSite, items: CompletionItem[]): CompletionItem[] {
  const at = site.missingComma;
  if (!at) return items;
  return items.map((item) => ({ ...item, additionalTextEdits: [{ range: { start: at, end: at }, newText: ',' }, ...(item.additionalTextEdits ?? [])] }));
}
