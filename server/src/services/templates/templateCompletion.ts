/**
 * Completion inside mapping templates, embedded in an API definition or in a `.vtl` file.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import { escapeForHost } from './hostEscaping';
import { templateAtOffset, type LocatedTemplate } from './locate';
import { templateCompletionItems, type RequestParameter, type TemplateCompletionItem } from './completionItems';
import { MAPPING_LOCATION, parametersAt } from '../editing/operationFacts';
import { pathTemplateParameters } from '../../model/openapiWalk';
import { standaloneTemplateKind } from './templateValidation';
import { jsonPathProperties, payloadFacts, SchemaReader } from './templateSchemas';
import { loadedFiles } from './schemaFiles';
import type { DocumentResolver } from '../validationTypes';

/**
 * Completion at document `offset`. A schema `$ref` into another file is followed where `resolver` has that file loaded
 * already: completion answers without waiting for files.
 */
export function completeInTemplate(document: ApiDocument, offset: number, resolver?: DocumentResolver): CompletionList | undefined {
  const template = templateAtOffset(document, offset);
  if (!template) return undefined;
  const loaded = loadedFiles(resolver);
  const items = templateCompletionItems({
    text: template.text,
    offset: template.toTemplateOffset(offset),
    kind: template.kind,
    host: template.node.style,
    stageVariables: stageVariableNames(document.text, offset),
    jsonPathProperties: (expression) => {
      const schemas = new SchemaReader(loaded);
      return jsonPathProperties(schemas.payload(document, template), expression, schemas);
    },
    parameters: () => requestParameters(document, template),
    payload: (steps) => payloadFacts(document, template, steps, loaded),
  });
  const positionOf = (templateOffset: number) => document.textDocument.positionAt(template.toDocumentOffset(templateOffset));
  return {
    isIncomplete: false,
    items: items.map((item) => toCompletionItem(item, { start: positionOf(item.start), end: positionOf(item.end) }, (t) => escapeForHost(t, template.node.style))),
  };
}

export function completeInStandaloneTemplate(text: string, offset: number, fileName = ''): CompletionList {
  const textDocument = TextDocument.create('untitled:template.vtl', 'vtl', 0, text);
  const items = templateCompletionItems({ text, offset, kind: standaloneTemplateKind(fileName), host: 'file', stageVariables: stageVariableNames(text, offset) });
  return {
    isIncomplete: false,
    items: items.map((item) => toCompletionItem(item, { start: textDocument.positionAt(item.start), end: textDocument.positionAt(item.end) }, (t) => t)),
  };
}

function toCompletionItem(item: TemplateCompletionItem, range: Range, escapeText: (text: string) => string): CompletionItem {
  const result: CompletionItem = {
    label: item.label,
    kind: item.kind,
    textEdit: { range, newText: item.snippet ? item.newText : escapeText(item.newText) },
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (item.detail) result.detail = item.detail;
  if (item.documentation) result.documentation = item.documentation;
  if (item.sortText) result.sortText = item.sortText;
  // The typed text includes the `$`/`#` and member path in VS Code's word; filtering on the label alone suffices.
  result.filterText = item.filterText ?? item.label;
  return result;
}

/** Stage variable names the document uses anywhere (`${stageVariables.x}` in URIs, `$stageVariables.x` in templates). */
export function stageVariableNames(text: string, excludeAt = -1): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/stageVariables(?:\.([A-Za-z0-9_-]+)|\[\s*['"]([^'"]+)['"]\s*\])/g)) {
    const start = match.index ?? 0;
    if (excludeAt >= start && excludeAt <= start + match[0].length) continue;
    names.add(match[1] ?? match[2]);
  }
  return [...names].sort();
}

/** What the operation declares, and the names its path template gives whether declared or not. */
function requestParameters(document: ApiDocument, template: LocatedTemplate): RequestParameter[] {
  const operation = template.operation;
  if (!operation) return [];
  const declared = parametersAt(document, ['paths', operation.path, operation.method]).flatMap((p) => (MAPPING_LOCATION[p.in] ? [{ name: p.name, location: MAPPING_LOCATION[p.in] }] : []));
  const undeclared = pathTemplateParameters(operation.path).filter((name) => !declared.some((p) => p.location === 'path' && p.name === name));
  return [...undeclared.map((name) => ({ name, location: 'path' })), ...declared];
}
