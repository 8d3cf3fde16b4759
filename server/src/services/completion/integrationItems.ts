import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import type { Dialect } from '../../model/dialect';
import type { CompletionSite } from '../editing/completionSite';
import { INTEGRATION_SNIPPETS } from '../editing/integrationSnippets';
import { indentUnit, jsonText, yamlBlock } from '../editing/serialize';

export const INTEGRATION_KEY = 'x-amazon-apigateway-integration';

export function isIntegration(extensionName: string | number): boolean {
  return extensionName === INTEGRATION_KEY || extensionName === 'x-amazon-apigateway-integrations';
}

export function integrationSnippetItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const unit = indentUnit(site.document.text);
  return INTEGRATION_SNIPPETS.filter((s) => s.dialects.includes(dialect)).map((snippet, i) => {
    const newText =
      site.document.format === 'json'
        ? `${JSON.stringify(INTEGRATION_KEY)}: ${jsonText(snippet.value, site.column, unit)}${site.needsComma ? ',' : ''}`
        : `${INTEGRATION_KEY}:\n${yamlBlock(snippet.value, site.column + unit, unit).join('\n')}`;
    return {
      label: `${INTEGRATION_KEY}: ${snippet.label}`,
      kind: CompletionItemKind.Snippet,
      detail: snippet.detail,
      filterText: INTEGRATION_KEY,
      sortText: `~${i}`,
      insertTextFormat: InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: site.range, newText },
    };
  });
}
