import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { findNodeAtPath } from '../../model/navigate';
import type { NodePath, ScalarNode } from '../../model/nodes';
import type { CompletionSite } from '../editing/completionSite';
import { MAPPING_LOCATION, parametersAt } from '../editing/operationFacts';
import { valueItem } from './completionItems';

export function isCacheKeyItem(path: NodePath): boolean {
  const n = path.length;
  return n >= 2 && path[n - 2] === 'cacheKeyParameters' && typeof path[n - 1] === 'number';
}

/** The operation's request parameters not yet in `cacheKeyParameters`. */
export function cacheKeyItems(site: CompletionSite): CompletionItem[] {
  const index = site.path[site.path.length - 1];
  const array = findNodeAtPath(site.document.root, site.path.slice(0, -1));
  const listed = array?.type === 'array' ? array.items.filter((item, i) => i !== index && item.type === 'string').map((item) => String((item as ScalarNode).value)) : [];
  return parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    const text = location && `method.request.${location}.${p.name}`;
    return text && !listed.includes(text) ? [valueItem(site, text, CompletionItemKind.Variable, `${p.in} parameter`)] : [];
  });
}
