import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { ValueSpec } from '../../facts/extensionTypes';
import { asString, findNodeAtPath, getValue, keyName } from '../../model/navigate';
import { uriPlaceholders } from '../../model/uriPlaceholders';
import { deref } from '../../model/openapiWalk';
import type { CompletionSite } from '../editing/completionSite';
import { RESERVED_HTTP_HEADERS } from '../../facts/httpApiHeaders';
import { INTEGRATION_SUBTYPE_PARAMETERS } from '../../facts/extensions/integration';
import { REMOVE_MAPPING_VALUE } from '../../facts/httpApiMappings';
import { integrationResponseStatus, MAPPING_LOCATION, parametersAt, responseHeadersAt } from '../editing/operationFacts';
import { entryText, keyItem, keyStemItem, SUGGEST_AGAIN } from './completionItems';

/**
 * REST `requestParameters` keys: first those for the operation's declared parameters, with the matching value filled
 * in; then the `{name}` placeholders of the integration's URI still unmapped, whose value is left to choose; then each
 * location open for a name of the user's (a header the backend wants that no request parameter carries).
 */
export function requestParameterKeyItems(site: CompletionSite): CompletionItem[] {
  const offered = new Set(site.siblings);
  const items: CompletionItem[] = [];
  for (const p of parametersAt(site.document, site.path)) {
    const location = MAPPING_LOCATION[p.in];
    if (!location) continue;
    const key = `integration.request.${location}.${p.name}`;
    if (offered.has(key)) continue;
    offered.add(key);
    const value = `method.request.${location}.${p.name}`;
    items.push({ label: key, kind: CompletionItemKind.Field, detail: value, sortText: `0${key}`, textEdit: { range: site.range, newText: entryText(site, key, value) } });
  }
  const uri = asString(getValue(findNodeAtPath(site.document.root, site.path.slice(0, -1)), 'uri'));
  for (const placeholder of uri === undefined ? [] : uriPlaceholders(uri)) {
    const key = `integration.request.path.${placeholder.name}`;
    if (!placeholder.inPath || !placeholder.name || offered.has(key)) continue;
    offered.add(key);
    const item = keyItem(site, key, MAPPING_VALUE, CompletionItemKind.Field, `Fills \`{${placeholder.name}${placeholder.greedy ? '+' : ''}}\` in the integration URI.`);
    items.push({ ...item, detail: 'URI placeholder', sortText: `1${key}`, command: site.keyOnly ? undefined : SUGGEST_AGAIN });
  }
  REST_KEY_STEMS.forEach(([location, detail], i) => {
    const stem = `integration.request.${location}.`;
    if (stem !== site.prefix) items.push({ ...keyStemItem(site, stem, detail), sortText: `2${i}` });
  });
  return items;
}

const REST_KEY_STEMS: [string, string][] = [
  ['header', 'Integration request header'],
  ['querystring', 'Integration query string parameter'],
  ['path', 'Integration path parameter'],
];

/** What a mapping key's value is, for an item that opens it: a string on the same line. */
const MAPPING_VALUE: ValueSpec = { type: 'string', doc: '' };

const HTTP_KEY_STEMS = ['append:header.', 'overwrite:header.', 'remove:header.', 'append:querystring.', 'overwrite:querystring.', 'remove:querystring.'];
const HTTP_NAMED_KEY = /^(append|overwrite|remove):(header|querystring)\./;

/**
 * HTTP API mapping keys: the actions and locations, then, once `header.` or `querystring.` is typed, the operation's
 * parameters of that location. Headers API Gateway reserves cannot be mapped, so they are never offered. A `remove:`
 * key comes with the one value it takes.
 */
export function httpRequestParameterKeyItems(site: CompletionSite, valueSpec: ValueSpec): CompletionItem[] {
  const named = HTTP_NAMED_KEY.exec(site.prefix);
  if (!named) {
    const items = HTTP_KEY_STEMS.map((stem) => keyStemItem(site, stem, stem.endsWith('header.') ? 'Integration request header' : 'Integration query string parameter'));
    if (!site.siblings.includes('overwrite:path')) items.push({ ...keyItem(site, 'overwrite:path', valueSpec, CompletionItemKind.Field, 'Replaces the request path sent to the integration.'), detail: 'Integration request path' });
    return items;
  }
  const location = named[2] === 'header' ? 'header' : 'query';
  return parametersAt(site.document, site.path).flatMap((p): CompletionItem[] => {
    const key = `${named[1]}:${named[2]}.${p.name}`;
    if (p.in !== location || (location === 'header' && RESERVED_HTTP_HEADERS.test(p.name)) || site.siblings.includes(key)) return [];
    if (named[1] === 'remove') return [{ label: key, kind: CompletionItemKind.Field, detail: `${p.in} parameter`, textEdit: { range: site.range, newText: entryText(site, key, REMOVE_MAPPING_VALUE) } }];
    return [{ ...keyItem(site, key, valueSpec, CompletionItemKind.Field, undefined), detail: `${p.in} parameter`, documentation: undefined }];
  });
}

/**
 * The parameters of the AWS service action an HTTP API integration's subtype calls, those it requires first; none for
 * a subtype the catalog does not know, whose parameters cannot be told.
 */
export function subtypeParameterKeyItems(site: CompletionSite, subtype: string | undefined, valueSpec: ValueSpec): CompletionItem[] {
  const parameters = subtype === undefined ? undefined : INTEGRATION_SUBTYPE_PARAMETERS[subtype];
  if (!parameters) return [];
  const named = (names: string[], required: boolean) =>
    names
      .filter((name) => !site.siblings.includes(name))
      .map((name) => ({
        ...keyItem(site, name, valueSpec, CompletionItemKind.Field, `Request parameter \`${name}\` of ${subtype}${required ? ' (required)' : ''}.`),
        detail: `${required ? 'Required' : 'Optional'} ${subtype} parameter`,
        sortText: `${required ? 0 : 1}${name}`,
      }));
  return [...named(parameters.required, true), ...named(parameters.optional, false)];
}

const HTTP_RESPONSE_KEY_STEMS = ['append:header.', 'overwrite:header.', 'remove:header.'];

/** HTTP API response mapping keys: the header actions, and the status code override. */
export function httpResponseParameterKeyItems(site: CompletionSite, valueSpec: ValueSpec): CompletionItem[] {
  const items = HTTP_RESPONSE_KEY_STEMS.map((stem) => keyStemItem(site, stem, 'Response header'));
  if (!site.siblings.includes('overwrite:statuscode')) items.push({ ...keyItem(site, 'overwrite:statuscode', valueSpec, CompletionItemKind.Field, 'Replaces the status code returned to the client.'), detail: 'Response status code' });
  return items;
}

/**
 * `method.response.header.NAME` for the headers declared on the method response this integration response maps to,
 * then the key's start open for a header of the user's: one still to declare, which the validation offers to add.
 */
export function responseHeaderKeyItems(site: CompletionSite, valueSpec: ValueSpec): CompletionItem[] {
  const status = integrationResponseStatus(site.document, site.path);
  const written = new Set(site.siblings.map((s) => s.toLowerCase()));
  const headers = status === undefined ? [] : responseHeadersAt(site.document, site.path, status) ?? [];
  const items = headers.flatMap((header): CompletionItem[] => {
    const key = `method.response.header.${keyName(header)}`;
    if (written.has(key.toLowerCase())) return [];
    const description = asString(getValue(deref(site.document, header.value), 'description'));
    const doc = [`Header \`${keyName(header)}\` of the ${status} method response.`, description].filter(Boolean).join('\n\n');
    const item = keyItem(site, key, valueSpec, CompletionItemKind.Field, doc);
    return [{ ...item, detail: `${status} response header`, sortText: `0${key}` }];
  });
  if (site.prefix === RESPONSE_HEADER_STEM) return items;
  return [...items, { ...keyStemItem(site, RESPONSE_HEADER_STEM, 'Method response header'), sortText: '1' }];
}

const RESPONSE_HEADER_STEM = 'method.response.header.';
