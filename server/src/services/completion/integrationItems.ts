import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import type { Dialect } from '../../model/dialect';
import { findNodeAtPath, getProperty } from '../../model/navigate';
import { editInOriginal, type CompletionSite } from '../editing/completionSite';
import { insertEntriesAtPath } from '../editing/edits';
import { INTEGRATION_SNIPPETS, mappedStatusCodes, type IntegrationSnippet } from '../editing/integrationSnippets';
import { describeStatus, responseCodesAt } from '../editing/operationFacts';
import { indentUnit, isOneLine, jsonInline, jsonText, lineIndentAt, yamlBlock, yamlInline } from '../editing/serialize';

export const INTEGRATION_KEY = 'x-amazon-apigateway-integration';

export function isIntegration(extensionName: string | number): boolean {
  return extensionName === INTEGRATION_KEY || extensionName === 'x-amazon-apigateway-integrations';
}

export function integrationSnippetItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const unit = indentUnit(site.original.text);
  return INTEGRATION_SNIPPETS.filter((s) => s.dialects.includes(dialect)).map((snippet, i) => {
    const { codes, edits, responses } = methodResponses(site, snippet);
    const entries: [string, unknown][] = [[INTEGRATION_KEY, snippet.value]];
    if (responses) entries.push(['responses', responses]);
    const item: CompletionItem = {
      label: `${INTEGRATION_KEY}: ${snippet.label}`,
      kind: CompletionItemKind.Snippet,
      detail: codes.length ? `${snippet.detail}; declares the ${codes.join(', ')} method response${codes.length > 1 ? 's' : ''} it maps to` : snippet.detail,
      filterText: INTEGRATION_KEY,
      sortText: `~${i}`,
      insertTextFormat: InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: site.range, newText: entriesText(site, entries, unit) },
    };
    if (edits.length) item.additionalTextEdits = edits;
    return item;
  });
}

/**
 * Entries of the operation written where the key is typed, one after the other, in the document's syntax. The item
 * is inserted as it is written (the editor does not indent it again). JSON nests from the indentation of the line:
 * a key typed after another entry on its line does not push the block out to its column. A document written on one
 * line stays on one line.
 */
function entriesText(site: CompletionSite, entries: [string, unknown][], unit: string): string {
  if (site.document.format === 'json') {
    const comma = site.needsComma ? ',' : '';
    const text = site.original.text;
    const member = ([key, value]: [string, unknown], indent?: string) =>
      `${JSON.stringify(key)}: ${indent === undefined ? jsonInline(value) : jsonText(value, indent, unit)}`;
    if (isOneLine(text)) return `${entries.map((entry) => member(entry)).join(', ')}${comma}`;
    const indent = lineIndentAt(text, site.original.textDocument.offsetAt(site.range.start));
    return `${entries.map((entry) => member(entry, indent)).join(`,\n${indent}`)}${comma}`;
  }
  if (site.flow) return entries.map(([key, value]) => `${key}: ${yamlInline(value)}`).join(', ');
  return entries.map(([key, value]) => `${key}:\n${yamlBlock(value, site.column + unit, unit).join('\n')}`).join(`\n${site.column}`);
}

/**
 * The method responses a snippet's integration responses answer with that the operation does not declare yet: API
 * Gateway answers 500 for a mapping to an undeclared status. Added to the operation's `responses` when it has them (an
 * empty `responses:` is filled) as an edit of their own; an operation still without them, as when it is written top
 * down, gets them as a `responses` entry written after the integration.
 */
function methodResponses(site: CompletionSite, snippet: IntegrationSnippet): { codes: string[]; edits: TextEdit[]; responses?: Record<string, unknown> } {
  const declared = responseCodesAt(site.document, site.path);
  const missing = mappedStatusCodes(snippet).filter((code) => !declared.includes(code));
  if (!missing.length) return { codes: [], edits: [] };
  const entries = Object.fromEntries(missing.map((code) => [code, { description: describeStatus(code) }]));
  const responsesPath = [...site.path, 'responses'];
  const operation = findNodeAtPath(site.document.root, site.path);
  if (operation?.type === 'object' && !getProperty(operation, 'responses')) return { codes: missing, edits: [], responses: entries };
  const responses = findNodeAtPath(site.document.root, responsesPath);
  if (responses?.type !== 'object' && responses?.type !== 'null') return { codes: [], edits: [] };
  const inCopy = insertEntriesAtPath(site.document, responsesPath, entries);
  const edit = inCopy && editInOriginal(site, inCopy);
  return edit ? { codes: missing, edits: [edit] } : { codes: [], edits: [] };
}
