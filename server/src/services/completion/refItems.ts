import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { findNodeAtPath, keyName } from '../../model/navigate';
import type { NodePath } from '../../model/nodes';
import type { CompletionSite } from '../editing/completionSite';
import { externalRefPointers, pointerOf, refContainersFor } from '../editing/references';
import type { DocumentResolver } from '../validationTypes';
import type { Dialect } from '../../model/dialect';
import { isOperationResponses } from '../editing/documentPaths';
import { valueItem } from './completionItems';

export function refItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const { document, path } = site;
  const items: CompletionItem[] = [];
  for (const container of refContainersFor(document, path)) {
    if (rejectedAt(site, dialect, container)) continue;
    const node = findNodeAtPath(document.root, container);
    if (node?.type !== 'object') continue;
    for (const property of node.properties) items.push(refItem(site, pointerOf([...container, keyName(property)]), String(container[container.length - 1])));
  }
  return items;
}

/**
 * Targets a REST API import does not take: an operation's response that is a 2.0 root-level response
 * (`#/responses/...`), and a reusable integration, which only HTTP APIs follow (the REST import drops the method's
 * integration, as validation says).
 */
function rejectedAt(site: CompletionSite, dialect: Dialect, container: NodePath): boolean {
  const { document, path } = site;
  if (dialect !== 'rest') return false;
  if (container[container.length - 1] === INTEGRATIONS_KEY) return true;
  return document.kind === 'swagger' && container.length === 1 && container[0] === 'responses' && isOperationResponses(path.slice(0, -2));
}

const INTEGRATIONS_KEY = 'x-amazon-apigateway-integrations';

/** YAML reads ` #` as a comment and a leading `#` as one too, so targets are quoted unless a quote is open. */
function refItem(site: CompletionSite, target: string, detail: string): CompletionItem {
  const item = valueItem(site, target, CompletionItemKind.Reference, detail);
  if (!site.quote && site.document.format === 'yaml') item.textEdit = { range: site.range, newText: `'${target}'` };
  return item;
}

/** The file part of a `$ref` into another file (`./common.yaml#/...`), once its `#` is typed. */
export function externalRefFile(prefix: string): string | undefined {
  const hash = prefix.indexOf('#');
  return hash > 0 ? prefix.slice(0, hash) : undefined;
}

export async function externalRefItems(site: CompletionSite, file: string, resolver: DocumentResolver): Promise<CompletionItem[]> {
  const other = await resolver.resolve(site.document.uri, file).catch(() => undefined);
  if (!other) return [];
  return externalRefPointers(other, site.path).map(({ pointer, container }) => refItem(site, `${file}${pointer}`, `${container} in ${file}`));
}
