import type { CompletionItem } from 'vscode-languageserver-types';
import { isUnsupportedModelKeyword, NESTED_SCHEMA_LISTS, NESTED_SCHEMA_MAPS, NESTED_SCHEMAS } from '../../facts/modelSchemaKeywords';
import type { Dialect } from '../../model/dialect';
import type { NodePath } from '../../model/nodes';
import type { CompletionSite } from '../editing/completionSite';

/**
 * In a REST API's model schema, the keywords API Gateway models do not support come last, saying so: OpenAPI allows
 * them, and the model check warns of each. HTTP APIs have no models.
 */
export function unsupportedModelKeywordsLast(site: CompletionSite, dialect: Dialect, items: CompletionItem[]): CompletionItem[] {
  const swagger = site.document.kind === 'swagger';
  if (dialect !== 'rest' || !isModelSchema(site.path, swagger)) return items;
  return items.map((item) => {
    if (!isUnsupportedModelKeyword(item.label, swagger)) return item;
    const detail = item.detail ? `${item.detail}; not supported in API Gateway models` : 'Not supported in API Gateway models';
    return { ...item, detail, sortText: `zz${item.sortText ?? item.label}` };
  });
}

/** A model, or a schema nested in one where the model check looks: in a map or list of schemas, or a single one. */
function isModelSchema(path: NodePath, swagger: boolean): boolean {
  const models = swagger ? ['definitions'] : ['components', 'schemas'];
  if (path.length <= models.length || models.some((segment, i) => path[i] !== segment)) return false;
  let i = models.length + 1;
  while (i < path.length) {
    const keyword = String(path[i]);
    if (NESTED_SCHEMAS.includes(keyword)) i += 1;
    else if ((NESTED_SCHEMA_MAPS.includes(keyword) || NESTED_SCHEMA_LISTS.includes(keyword)) && i + 1 < path.length) i += 2;
    else return false;
  }
  return true;
}
