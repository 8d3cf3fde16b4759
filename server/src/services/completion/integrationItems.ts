import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import type { Dialect } from '../../model/dialect';
import { findNodeAtPath } from '../../model/navigate';
import { editInOriginal, type CompletionSite } from '../editing/completionSite';
import { insertEntriesAtPath } from '../editing/edits';
import { INTEGRATION_SNIPPETS, mappedStatusCodes, type IntegrationSnippet } from '../editing/integrationSnippets';
import { describeStatus, responseCodesAt } from '../editing/operationFacts';
import { indentUnit, jsonText, yamlBlock, yamlInline } from '../editing/serialize';

export const INTEGRATION_KEY = 'x-amazon-apigateway-integration';

export function isIntegration(extensionName: string | number): boolean {
  return extensionName === INTEGRATION_KEY || extensionName === 'x-amazon-apigateway-integrations';
}

export function integrationSnippetItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const unit = indentUnit(site.original.text);
  return INTEGRATION_SNIPPETS.filter((s) => s.dialects.includes(dialect)).map((snippet, i) => {
    const newText =
      site.document.format === 'json'
        ? `${JSON.stringify(INTEGRATION_KEY)}: ${jsonText(snippet.value, site.column, unit)}${site.needsComma ? ',' : ''}`
        : site.flow
          ? `${INTEGRATION_KEY}: ${yamlInline(snippet.value)}`
          : `${INTEGRATION_KEY}:\n${yamlBlock(snippet.value, site.column + unit, unit).join('\n')}`;
    const { codes, edits } = methodResponseEdits(site, snippet);
    const item: CompletionItem = {
      label: `${INTEGRATION_KEY}: ${snippet.label}`,
      kind: CompletionItemKind.Snippet,
      detail: codes.length ? `${snippet.detail}; declares the ${codes.join(', ')} method response${codes.length > 1 ? 's' : ''} it maps to` : snippet.detail,
      filterText: INTEGRATION_KEY,
      sortText: `~${i}`,
      insertTextFormat: InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: site.range, newText },
    };
    if (edits.length) item.additionalTextEdits = edits;
    return item;
  });
}

/**
 * The method responses a snippet's integration responses answer with that the operation does not declare yet: API
 * Gateway answers 500 for a mapping to an undeclared status. Added to the operation's `responses` when it has them (an
 * empty `responses:` is filled); an operation without them is already reported, and status completion offers the
 * integration's codes first.
 */
function methodResponseEdits(site: CompletionSite, snippet: IntegrationSnippet): { codes: string[]; edits: TextEdit[] } {
  const declared = responseCodesAt(site.document, site.path);
  const missing = mappedStatusCodes(snippet).filter((code) => !declared.includes(code));
  const responsesPath = [...site.path, 'responses'];
  const responses = findNodeAtPath(site.document.root, responsesPath);
  if (!missing.length || (responses?.type !== 'object' && responses?.type !== 'null')) return { codes: [], edits: [] };
  const inCopy = insertEntriesAtPath(site.document, responsesPath, Object.fromEntries(missing.map((code) => [code, { description: describeStatus(code) }])));
  const edit = inCopy && editInOriginal(site, inCopy);
  return edit ? { codes: missing, edits: [edit] } : { codes: [], edits: [] };
}
