import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { extensionsAt, fieldAppliesTo, fieldOf, fieldReadByType, findValueSpec, getExtension } from '../../facts/extensions';
import type { ValueSpec } from '../../facts/extensionTypes';
import type { Dialect } from '../../model/dialect';
import { asString, findNodeAtPath, getValue, keyName } from '../../model/navigate';
import { ANY_METHOD_KEY, placementOf, securitySchemes } from '../../model/openapiWalk';
import type { CompletionSite } from '../editing/completionSite';
import { extensionIndexOf, isOperationResponses, isSecurityRequirement } from '../editing/documentPaths';
import { cacheKeyItems, isCacheKeyItem } from './cacheKeys';
import { entryText, keyItem } from './completionItems';
import { INTEGRATION_KEY, integrationSnippetItems, isIntegration } from './integrationItems';
import { openApiKeyItems } from './openapiItems';
import { gatewayResponseHeaderItems, isMediaTypeMap, keyPatternStemItems, mediaTypeItems } from './mapKeys';
import { GATEWAY_RESPONSES_EXTENSION } from '../../facts/extensions/gatewayResponses';
import { rootStartItems } from './rootItems';
import { statusCodeItems } from './statusCodes';
import { valueItems } from './valueItems';
import { httpRequestParameterKeyItems, httpResponseParameterKeyItems, requestParameterKeyItems, responseHeaderKeyItems, subtypeParameterKeyItems } from './mappingKeys';
import { enumEntry } from '../editing/specDocs';
import { integrationResponseKeyItems, isIntegrationResponses } from './integrationResponseKeys';
import { unsupportedModelKeywordsLast } from './modelKeywords';
import { isKeyColonTyped, keysRunningOn, valueSiteAfterColon, withLeadingSpace } from './keyColon';

export function keyItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  if (isKeyColonTyped(site)) {
    const longer = keysRunningOn(site, objectKeyItems(site, dialect));
    return longer.length ? longer : withLeadingSpace(valueItems(valueSiteAfterColon(site), dialect));
  }
  const items = objectKeyItems(site, dialect);
  // `- ` starts a YAML list item, read as a key until a colon says otherwise: an item that takes no keys is a value.
  return items.length === 0 && isBareListItem(site) ? valueItems(site, dialect) : items;
}

function isBareListItem(site: CompletionSite): boolean {
  return typeof site.path[site.path.length - 1] === 'number' && site.siblings.length === 0 && !site.keyOnly;
}

function objectKeyItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const { document, path } = site;
  const security = isSecurityRequirement(path);
  if (security) return dialect === 'http' && namesASchemeAlready(site) ? [] : schemeNameItems(site);
  const index = extensionIndexOf(path);
  // `- ` starts a YAML list item, read as a key until a colon says otherwise.
  if (index >= 0 && isCacheKeyItem(path) && site.siblings.length === 0) return dialect === 'rest' ? cacheKeyItems(site) : [];
  if (index >= 0) {
    const extension = getExtension(String(path[index]));
    const spec = extension && findValueSpec(extension, path.slice(index + 1));
    if (!spec) return [];
    if (spec.fields) return fieldItems(site, spec, dialect);
    const last = path[path.length - 1];
    if (spec.values && last === 'requestParameters' && isIntegration(path[index])) {
      if (dialect === 'rest') return requestParameterKeyItems(site);
      // Service integrations take the action's own parameters in place of the mapping keys.
      const subtype = getValue(findNodeAtPath(document.root, path.slice(0, -1)), 'integrationSubtype');
      return subtype ? subtypeParameterKeyItems(site, asString(subtype), spec.values) : httpRequestParameterKeyItems(site, spec.values);
    }
    if (spec.values && last === 'responseParameters' && path[path.length - 3] === 'responses' && isIntegration(path[index])) return responseHeaderKeyItems(site, spec.values);
    if (spec.values && isIntegration(path[index]) && isIntegrationResponses(site, index)) return integrationResponseKeyItems(site, spec.values, spec.keyDoc);
    if (spec.values && path[path.length - 2] === 'responseParameters' && path.length - 3 === index && isIntegration(path[index])) return httpResponseParameterKeyItems(site, spec.values);
    if (spec.values && spec.examples) return spec.examples.filter((e) => !site.siblings.includes(String(e))).map((e) => keyItem(site, String(e), spec.values!, CompletionItemKind.Value, spec.keyDoc));
    if (spec.values && path[index] === GATEWAY_RESPONSES_EXTENSION.name && last === 'responseParameters') return gatewayResponseHeaderItems(site, spec);
    if (spec.values) return keyPatternStemItems(site, spec);
    return [];
  }
  const placement = placementOf(document, path);
  const openApiItems = unsupportedModelKeywordsLast(site, dialect, openApiKeyItems(site));
  if (isOperationResponses(path)) return [...statusCodeItems(site), ...openApiItems];
  if (isMediaTypeMap(site)) return [...mediaTypeItems(site), ...openApiItems];
  if (!placement) return openApiItems;
  const items: CompletionItem[] = extensionsAt(placement, dialect, document.kind)
    .filter((e) => !site.siblings.includes(e.name))
    .map((e) => ({ ...keyItem(site, e.name, e, CompletionItemKind.Module, undefined), detail: e.summary }));
  if (placement === 'operation' && !site.keyOnly && !site.siblings.includes(INTEGRATION_KEY)) items.push(...integrationSnippetItems(site, dialect));
  if (placement === 'operation' && path[2] === ANY_METHOD_KEY) {
    const anyMethod = getExtension(ANY_METHOD_KEY);
    if (anyMethod) items.push(...fieldItems(site, anyMethod, dialect));
  }
  // API Gateway's own keys, this extension's reason to be, come between OpenAPI's required keys and its other ones.
  return [...rootStartItems(site), ...items.map((item) => ({ ...item, sortText: `1${item.sortText ?? item.label}` })), ...openApiItems];
}

/**
 * An HTTP API route takes one security requirement of one scheme; the import refuses several (http-api-open-api). So
 * once a requirement names a scheme, neither another item nor another scheme in the same item is offered.
 */
function namesASchemeAlready(site: CompletionSite): boolean {
  if (site.siblings.length > 0) return true;
  const index = site.path[site.path.length - 1];
  const list = findNodeAtPath(site.document.root, site.path.slice(0, -1));
  return list?.type === 'array' && list.items.some((item, i) => i !== index && item.type === 'object' && item.properties.length > 0);
}

function schemeNameItems(site: CompletionSite): CompletionItem[] {
  const schemes = securitySchemes(site.document);
  if (!schemes) return [];
  return schemes.properties
    .map(keyName)
    .filter((name) => !site.siblings.includes(name))
    .map((name) => ({
      label: name,
      kind: CompletionItemKind.Reference,
      detail: 'Security scheme',
      textEdit: { range: site.range, newText: entryText(site, name, []) },
    }));
}

const REF = '$ref';

/**
 * The fields still to write. Once the object's `type` is one AWS knows, those it does not read are left out: the rules
 * warn of each (a proxy integration's `requestTemplates`, a Cognito authorizer's `authorizerUri`), so offering them
 * would invite a finding. Under a type AWS does not know they come last, marked, as the type is still being written.
 */
function fieldItems(site: CompletionSite, spec: ValueSpec, dialect: Dialect): CompletionItem[] {
  // A `$ref` (an HTTP API's reusable integration) stands for the whole object: API Gateway reads nothing written beside
  // it, so it is offered only in an object still empty, and nothing is offered beside it.
  if (site.siblings.includes(REF)) return [];
  const type = asString(getValue(findNodeAtPath(site.document.root, site.path), 'type'));
  const typeField = fieldOf(spec, 'type');
  const knownType = type !== undefined && typeField !== undefined && enumEntry(typeField, type) !== undefined;
  // A field whose group (`Action`/`NotAction`) already has one of its names written would conflict with it.
  const taken = (name: string) => spec.exclusiveFields?.some((group) => group.names.includes(name) && group.names.some((other) => site.siblings.includes(other))) ?? false;
  return (spec.fields ?? [])
    .filter((f) => !(f.name === REF && site.siblings.length > 0))
    .filter((f) => fieldAppliesTo(f, dialect) && !site.siblings.includes(f.name) && !taken(f.name) && !(knownType && !fieldReadByType(f, type, dialect)))
    .map((f) => {
      const item = keyItem(site, f.name, f, CompletionItemKind.Property, undefined);
      return fieldReadByType(f, type, dialect) ? item : { ...item, sortText: `zz${item.sortText ?? item.label}`, detail: `Ignored when type is ${type}` };
    });
}
