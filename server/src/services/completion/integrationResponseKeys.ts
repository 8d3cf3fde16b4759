import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { ValueSpec } from '../../facts/extensionTypes';
import { PROXY_INTEGRATION_TYPES } from '../../facts/extensions/integration';
import { DEFAULT_CATCHES_EITHER, LAMBDA_ERROR_SELECTION, STATUS_CODE_SELECTION, type ResponseSelection } from '../../facts/responseSelection';
import { invokesLambda } from '../../model/integrationUris';
import { asString, findNodeAtPath, getValue } from '../../model/navigate';
import type { ValueNode } from '../../model/nodes';
import type { CompletionSite } from '../editing/completionSite';
import { markdown } from '../editing/specDocs';
import { keyItem } from './completionItems';

/** `responses` directly under an integration: its keys are selection patterns. */
export function isIntegrationResponses(site: CompletionSite, extensionIndex: number): boolean {
  return site.path.length === extensionIndex + 2 && site.path[site.path.length - 1] === 'responses';
}

/**
 * The keys worth starting from for what this integration's keys are matched against: a status code, or a Lambda
 * function's errorMessage, where a status code pattern never matches a success. While the type (or whether an AWS
 * integration's URI invokes Lambda) is still open, the keys of both; none for a proxy integration, which ignores them.
 */
export function integrationResponseKeyItems(site: CompletionSite, responseSpec: ValueSpec, keyDoc: string | undefined): CompletionItem[] {
  const selections = selectionsOf(findNodeAtPath(site.document.root, site.path.slice(0, -1)));
  const items: CompletionItem[] = [];
  for (const selection of selections) {
    for (const example of selection.examples) {
      // Only `default` is in both lists.
      const known = items.find((item) => item.label === example.key);
      if (known) {
        known.detail = DEFAULT_CATCHES_EITHER;
        continue;
      }
      if (site.siblings.includes(example.key)) continue;
      const doc = `Matched against ${selection.matchedAgainst}.${keyDoc ? `\n\n${keyDoc}` : ''}`;
      items.push({ ...keyItem(site, example.key, responseSpec, CompletionItemKind.Value, undefined), documentation: markdown(doc), detail: example.catches, sortText: String(items.length).padStart(2, '0') });
    }
  }
  return items;
}

function selectionsOf(integration: ValueNode | undefined): ResponseSelection[] {
  const type = asString(getValue(integration, 'type'))?.toLowerCase();
  if (type !== undefined && PROXY_INTEGRATION_TYPES.includes(type)) return [];
  if (type === 'http' || type === 'mock') return [STATUS_CODE_SELECTION];
  const lambda = type === 'aws' ? invokesLambda(asString(getValue(integration, 'uri'))) : undefined;
  if (lambda !== undefined) return [lambda ? LAMBDA_ERROR_SELECTION : STATUS_CODE_SELECTION];
  return [STATUS_CODE_SELECTION, LAMBDA_ERROR_SELECTION];
}
