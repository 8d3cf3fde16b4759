import { loadedFiles } from './templates/schemaFiles';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { Dialect } from '../model/dialect';
import { dialectReading, isUndecided, type DialectReading } from '../model/dialectInference';
import { findCompletionSite, type CompletionSite } from './editing/completionSite';
import type { DocumentResolver } from './validationTypes';
import { keyItems } from './completion/keyItems';
import { externalRefFile, externalRefItems } from './completion/refItems';
import { valueItems } from './completion/valueItems';
import { emptyJsonItems } from './completion/rootItems';
import { inLineBreaksOf, lineBreak } from './editing/serialize';
import type { TextChange } from '../model/textChange';
import { withMissingComma, withTypedQuote } from './completion/typedText';
import { otherDialect, withOtherDialectItems } from './completion/undecidedDialect';

/**
 * The dialect a definition is completed in: the setting's, `auto` to infer it from the definition, or as already
 * inferred (a large definition's is kept between requests). Where nothing in the definition decides, the other
 * dialect's items are offered too.
 */
export type CompletionDialect = Dialect | 'auto' | DialectReading;

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

function fitsOnOneLine(item: CompletionItem): boolean {
  const edit = item.textEdit;
  const text = edit && 'newText' in edit ? edit.newText : item.insertText ?? item.label;
  return !text.includes('\n');
}

/** Items are written with LF line breaks; a CRLF document gets its own. */
function inDocumentLineBreaks(text: string, items: CompletionItem[]): CompletionItem[] {
  if (lineBreak(text) === '\n') return items;
  return items.map((item) => {
    const edit = item.textEdit;
    if (!edit || !edit.newText.includes('\n')) return item;
    return { ...item, textEdit: { ...edit, newText: inLineBreaksOf(text, edit.newText) } };
  });
}

/**
 * Completion at an offset: extension keys and fields, enum values, references to what the document declares. With a
 * resolver, a `$ref` into another file is completed from that file, and only that answer is a Promise.
 */
export function doComplete(document: ApiDocument, offset: number, dialectSetting?: CompletionDialect): CompletionList;
export function doComplete(document: ApiDocument, offset: number, dialectSetting: CompletionDialect, resolver: DocumentResolver | undefined, lastParsed?: ApiDocument, sinceLastParsed?: TextChange): CompletionList | Promise<CompletionList>;
/**
 * `lastParsed`: for a document that does not parse (or is not parsed), an earlier version that did, and how its text
 * became this one's when known (see `findCompletionSite`).
 */
export function doComplete(document: ApiDocument, offset: number, dialectSetting: CompletionDialect = 'auto', resolver?: DocumentResolver, lastParsed?: ApiDocument, sinceLastParsed?: TextChange): CompletionList | Promise<CompletionList> {
  // An empty JSON file has no object yet for a key to go in: the items bring their own braces.
  if (document.format === 'json' && document.text.trim() === '') return { isIncomplete: false, items: inDocumentLineBreaks(document.text, emptyJsonItems(document)) };
  const site = findCompletionSite(document, offset, lastParsed, sinceLastParsed);
  return site ? completeAtSite(site, document.text, dialectSetting, resolver) : EMPTY;
}

/**
 * The items for a site found in `text`. The site's document may be another than the one typed in, whose tree holds
 * the site's path: a definition with the file typed in spliced in (partContext.ts).
 */
export function completeAtSite(site: CompletionSite, text: string, dialectSetting: CompletionDialect, resolver: DocumentResolver | undefined): CompletionList | Promise<CompletionList> {
  site.loaded = loadedFiles(resolver);
  const file = isRefSite(site) ? externalRefFile(site.prefix) : undefined;
  if (file !== undefined) return resolver ? externalRefItems(site, file, resolver).then((items) => ({ isIncomplete: false, items: inDocumentLineBreaks(text, items) })) : EMPTY;
  // The dialect is read from the parsable copy: the document being edited often does not parse.
  const reading = dialectSetting === 'auto' ? dialectReading(site.document) : typeof dialectSetting === 'object' ? dialectSetting : undefined;
  const dialect = reading?.dialect ?? (dialectSetting as Dialect);
  const itemsIn = (d: Dialect) => (site.kind === 'key' ? keyItems(site, d) : valueItems(site, d));
  const offered = reading && isUndecided(reading) ? withOtherDialectItems(itemsIn(dialect), itemsIn(otherDialect(dialect)), otherDialect(dialect)) : itemsIn(dialect);
  const items = withTypedQuote(site, withMissingComma(site, offered));
  // Items write flow values inside a flow collection; what still spans lines would not parse there.
  return { isIncomplete: false, items: inDocumentLineBreaks(text, site.flow ? items.filter(fitsOnOneLine) : items) };
}

/** A `$ref`'s value is being typed. */
export function isRefSite(site: CompletionSite): boolean {
  return site.kind === 'value' && site.path[site.path.length - 1] === '$ref';
}
