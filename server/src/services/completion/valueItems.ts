import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { fieldOf, findValueSpecIn, getExtension, takenIn, typesOf } from '../../facts/extensions';
import type { ValueSpec } from '../../facts/extensionTypes';
import type { Dialect } from '../../model/dialect';
import { asString, findNodeAtPath, getValue, keyName } from '../../model/navigate';
import { ANY_METHOD_KEY, requestValidators } from '../../model/openapiWalk';
import type { CompletionSite } from '../editing/completionSite';
import { extensionIndexOf, isMappingTemplateValue } from '../editing/documentPaths';
import { responseCodesAt } from '../editing/operationFacts';
import { markdown } from '../editing/specDocs';
import { documentEnumCase, enumSpelling } from '../editing/enumChoices';
import { integrationPrefers, integrationTakes } from '../editing/integrationValues';
import { cacheKeyItems, isCacheKeyItem } from './cacheKeys';
import { valueItem } from './completionItems';
import { isIntegration } from './integrationItems';
import {
  expressionItems,
  gatewayResponseExpressionItems,
  httpExpressionItems,
  httpResponseExpressionItems,
  parameterExpressionItems,
  RESPONSE_SOURCES,
} from './mappingExpressions';
import { refItems } from './refItems';
import { documentationLocationItems, isDocumentationLocationField } from './documentationLocations';
import { openApiValueItems } from './openapiItems';
import { rootVersionItems } from './rootItems';
import { USUAL_URI_FORMS } from '../../facts/extensions/integration';
import { gatewayStatusCodeItems, integrationStatusCodeItems } from './statusCodes';
import { identitySourceItems } from './identitySources';

const GATEWAY_RESPONSES_KEY = 'x-amazon-apigateway-gateway-responses';
const AUTHORIZER_KEY = 'x-amazon-apigateway-authorizer';

export function valueItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const { path, document } = site;
  if (isMappingTemplateValue(path)) return [];
  const key = path[path.length - 1];
  if (key === '$ref') return refItems(site, dialect);
  if (key === 'x-amazon-apigateway-request-validator') {
    return (requestValidators(document)?.properties ?? []).map((p) => valueItem(site, keyName(p), CompletionItemKind.Reference, 'Request validator'));
  }
  if (path.length === 1 && (key === 'openapi' || key === 'swagger')) return rootVersionItems(site);
  const index = extensionIndexOf(path);
  if (index < 0) return anyMethodFieldItems(site, dialect) ?? openApiValueItems(site);
  if (isCacheKeyItem(path)) return dialect === 'rest' ? cacheKeyItems(site) : [];
  const extensionName = String(path[index]);
  const below = path.slice(index + 1);
  if (isIntegration(extensionName)) {
    const container = path[path.length - 2];
    if (container === 'requestParameters') return dialect === 'rest' ? parameterExpressionItems(site) : httpExpressionItems(site);
    if (container === 'responseParameters' && path[path.length - 4] === 'responses') return expressionItems(site, RESPONSE_SOURCES);
    // `default` and ranges (`5XX`) declare method responses, but an integration response answers with one code.
    if (key === 'statusCode' && path[path.length - 3] === 'responses') return integrationStatusCodeItems(site, responseCodesAt(document, path));
    // An HTTP API's `responseParameters` group its mappings by status code.
    if (path[path.length - 3] === 'responseParameters' && path.length - 4 === index) return httpResponseExpressionItems(site);
  }
  const gatewayResponse = extensionName === GATEWAY_RESPONSES_KEY;
  if (gatewayResponse && path[path.length - 2] === 'responseParameters' && path.length - 4 === index) {
    return gatewayResponseExpressionItems(site);
  }
  if (gatewayResponse && key === 'statusCode' && path.length - 3 === index) {
    return gatewayStatusCodeItems(site, String(path[index + 1]));
  }
  const located = isDocumentationLocationField(path) ? documentationLocationItems(site) : undefined;
  if (located) return located;
  const extension = getExtension(extensionName);
  const spec = extension && findValueSpecIn(extension, below, dialect);
  if (!spec) return [];
  if (extensionName === AUTHORIZER_KEY && key === 'identitySource' && below.length === 1) {
    return identitySourceItems(site, dialect, examplesIn(spec, dialect).map(String));
  }
  const items = specValueItems(site, spec, dialect);
  return isIntegration(extensionName) && key === 'uri' ? urisOfType(site, items, dialect) : items;
}

/** A field API Gateway adds to the operation of its ANY method (`isDefaultRoute`), which is itself an operation. */
function anyMethodFieldItems(site: CompletionSite, dialect: Dialect): CompletionItem[] | undefined {
  const { path } = site;
  if (path.length !== 4 || path[0] !== 'paths' || path[2] !== ANY_METHOD_KEY) return undefined;
  const field = fieldOf(getExtension(ANY_METHOD_KEY)!, String(path[3]));
  return field && specValueItems(site, field, dialect);
}

/**
 * Only the examples of the form the integration's type takes: an http(s) URL for HTTP backends, an ARN for Lambda and
 * AWS services; without a type yet, every form. A MOCK integration calls nothing, and an HTTP API's private
 * integration names a load balancer listener or Cloud Map service ARN, of which there is no example to offer.
 */
function urisOfType(site: CompletionSite, items: CompletionItem[], dialect: Dialect): CompletionItem[] {
  const integration = findNodeAtPath(site.document.root, site.path.slice(0, -1));
  const type = asString(getValue(integration, 'type'))?.toLowerCase();
  const privateHttpApi = dialect === 'http' && asString(getValue(integration, 'connectionType'))?.toUpperCase() === 'VPC_LINK';
  if (type === 'mock' || privateHttpApi) return [];
  const form = type ? USUAL_URI_FORMS[type] : undefined;
  return form ? items.filter((item) => form.test(item.label)) : items;
}

function specValueItems(site: CompletionSite, spec: ValueSpec, dialect: Dialect): CompletionItem[] {
  if (spec.enum) {
    const typed = /[A-Z]/.test(site.prefix) && !/[a-z]/.test(site.prefix) ? 'upper' : /[a-z]/.test(site.prefix) && !/[A-Z]/.test(site.prefix) ? 'lower' : undefined;
    const letterCase = typed ?? documentEnumCase(site.document, spec, site.path[site.path.length - 1], findNodeAtPath(site.document.root, site.path));
    // What the object holding the value says of it: an integration's type rules some values out and favours one.
    const holder = findNodeAtPath(site.document.root, site.path.slice(0, -1));
    const preferred = integrationPrefers(holder, spec);
    const items = spec.enum
      .filter((v) => takenIn(spec.enumDialects, v, dialect) && integrationTakes(holder, spec, v, dialect))
      .map((v) => {
        const written = enumSpelling(spec, v, dialect, letterCase);
        const item = valueItem(site, written, CompletionItemKind.EnumMember, undefined);
        const doc = spec.enumDocs?.[v];
        if (doc) item.documentation = markdown(doc);
        if (v === preferred) Object.assign(item, { preselect: true, sortText: `0${v}` });
        return item;
      });
    return [...items.filter((i) => i.preselect), ...items.filter((i) => !i.preselect)];
  }
  const types = typesOf(spec);
  if (types.includes('boolean')) return [true, false].map((b) => valueItem(site, b, CompletionItemKind.Value, undefined));
  return examplesIn(spec, dialect).map((e) => valueItem(site, e, CompletionItemKind.Value, undefined));
}

function examplesIn(spec: ValueSpec, dialect: Dialect): (string | number | boolean)[] {
  return (spec.examples ?? []).filter((e) => takenIn(spec.exampleDialects, String(e), dialect));
}
