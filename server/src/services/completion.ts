import { CompletionItemKind, InsertTextFormat, InsertTextMode, type Command, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { Dialect } from '../model/dialect';
import { inferDialect } from '../model/dialectInference';
import { asString, findNodeAtPath, getValue, keyName } from '../model/navigate';
import type { NodePath, ScalarNode } from '../model/nodes';
import { ANY_METHOD_KEY, deref, placementOf, requestValidators, securitySchemes } from '../model/openapiWalk';
import type { ValueSpec } from '../facts/extensionTypes';
import { extensionsAt, fieldAppliesTo, findValueSpec, getExtension, typesOf } from '../facts/extensions';
import { findCompletionSite, type CompletionSite } from './editing/completionSite';
import { extensionIndexOf, isMappingTemplateValue } from './editing/documentPaths';
import { INTEGRATION_SNIPPETS } from './editing/integrationSnippets';
import { integrationResponseStatus, MAPPING_LOCATION, parametersAt, RESERVED_HTTP_HEADERS, responseCodesAt, responseHeadersAt } from './editing/operationFacts';
import { externalRefPointers, pointerOf, refContainersFor } from './editing/references';
import { indentUnit, jsonText, yamlBlock, yamlKey, yamlScalar } from './editing/serialize';
import type { DocumentResolver } from './validationTypes';
import { markdown, specMarkdown } from './editing/specDocs';

const INTEGRATION_KEY = 'x-amazon-apigateway-integration';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/**
 * Completion at an offset: extension keys and fields, enum values, references to what the document declares. With a
 * resolver, a `$ref` into another file is completed from that file, and only that answer is a Promise.
 */
export function doComplete(document: ApiDocument, offset: number, dialectSetting?: Dialect | 'auto'): CompletionList;
export function doComplete(document: ApiDocument, offset: number, dialectSetting: Dialect | 'auto', resolver: DocumentResolver | undefined): CompletionList | Promise<CompletionList>;
export function doComplete(document: ApiDocument, offset: number, dialectSetting: Dialect | 'auto' = 'auto', resolver?: DocumentResolver): CompletionList | Promise<CompletionList> {
  const site = findCompletionSite(document, offset);
  if (!site) return EMPTY;
  const file = site.kind === 'value' && site.path[site.path.length - 1] === '$ref' ? externalRefFile(site.prefix) : undefined;
  if (file !== undefined) return resolver ? externalRefItems(site, file, resolver).then((items) => ({ isIncomplete: false, items })) : EMPTY;
  // The dialect is read from the parsable copy: the document being edited often does not parse.
  const dialect = dialectSetting === 'auto' ? inferDialect(site.document) : dialectSetting;
  const items = site.kind === 'key' ? keyItems(site, dialect) : valueItems(site, dialect);
  return { isIncomplete: false, items };
}

function keyItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const { document, path } = site;
  const security = securityRequirementPath(path);
  if (security) return schemeNameItems(site);
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
      // Service integrations take the action's own parameters, which the document does not describe.
      return getValue(findNodeAtPath(document.root, path.slice(0, -1)), 'integrationSubtype') ? [] : httpRequestParameterKeyItems(site, spec.values);
    }
    if (spec.values && last === 'responseParameters' && path[path.length - 3] === 'responses' && isIntegration(path[index])) return responseHeaderKeyItems(site, spec.values);
    if (spec.values && spec.examples) return spec.examples.filter((e) => !site.siblings.includes(String(e))).map((e) => keyItem(site, String(e), spec.values!, CompletionItemKind.Value, spec.keyDoc));
    return [];
  }
  const placement = placementOf(document, path);
  if (!placement) return [];
  const items: CompletionItem[] = extensionsAt(placement, dialect)
    .filter((e) => !site.siblings.includes(e.name))
    .map((e) => ({ ...keyItem(site, e.name, e, CompletionItemKind.Module, undefined), detail: e.summary }));
  if (placement === 'operation' && !site.keyOnly && !site.siblings.includes(INTEGRATION_KEY)) items.push(...integrationSnippetItems(site, dialect));
  if (placement === 'operation' && path[2] === ANY_METHOD_KEY) {
    const anyMethod = getExtension(ANY_METHOD_KEY);
    if (anyMethod) items.push(...fieldItems(site, anyMethod, dialect));
  }
  return items;
}

/** `security: [{name: []}]` at the root or on an operation: the requirement object's keys are scheme names. */
function securityRequirementPath(path: NodePath): boolean {
  const n = path.length;
  if (n < 2 || path[n - 2] !== 'security' || typeof path[n - 1] !== 'number') return false;
  return n === 2 || (n === 5 && path[0] === 'paths');
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

/** `key: value` on one line, or only the key when an existing key is being renamed. */
function entryText(site: CompletionSite, key: string, value: string | never[]): string {
  const json = site.document.format === 'json';
  const name = json ? JSON.stringify(key) : yamlKey(key);
  if (site.keyOnly) return name;
  const written = Array.isArray(value) ? '[]' : json ? JSON.stringify(value) : yamlScalar(value);
  return `${name}: ${written}${json && site.needsComma ? ',' : ''}`;
}

function fieldItems(site: CompletionSite, spec: ValueSpec, dialect: Dialect): CompletionItem[] {
  return (spec.fields ?? [])
    .filter((f) => fieldAppliesTo(f, dialect) && !site.siblings.includes(f.name))
    .map((f) => keyItem(site, f.name, f, CompletionItemKind.Property, undefined));
}

/** A key with the start of its value: nested values open on the next line, indented one step. */
function keyItem(site: CompletionSite, name: string, spec: ValueSpec, kind: CompletionItemKind, doc: string | undefined): CompletionItem {
  const types = typesOf(spec);
  const unit = indentUnit(site.document.text);
  let newText: string;
  if (site.keyOnly) {
    newText = site.document.format === 'json' ? JSON.stringify(name) : yamlKey(name);
    return { label: name, kind, documentation: doc ? markdown(doc) : specMarkdown(name, spec), textEdit: { range: site.range, newText } };
  }
  if (site.document.format === 'json') {
    const opener = types.includes('object') || types.includes('map') ? '{$0}' : types[0] === 'array' ? '[$0]' : types[0] === 'string' ? '"$0"' : '$0';
    newText = `${JSON.stringify(name).replace(/\$/g, '\\$')}: ${opener}${site.needsComma ? ',' : ''}`;
  } else {
    const key = yamlKey(name).replace(/\$/g, '\\$');
    if (types.length === 1 && (types[0] === 'object' || types[0] === 'map')) newText = `${key}:\n${site.column}${unit}$0`;
    else if (types.length === 1 && types[0] === 'array') newText = `${key}:\n${site.column}${unit}- $0`;
    else newText = `${key}: $0`;
  }
  return {
    label: name,
    kind,
    documentation: doc ? markdown(doc) : specMarkdown(name, spec),
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: site.range, newText },
  };
}

function integrationSnippetItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
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

/** REST `requestParameters` keys for the operation's declared parameters, with the matching value filled in. */
function requestParameterKeyItems(site: CompletionSite): CompletionItem[] {
  return parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    if (!location) return [];
    const key = `integration.request.${location}.${p.name}`;
    if (site.siblings.includes(key)) return [];
    const value = `method.request.${location}.${p.name}`;
    return [
      {
        label: key,
        kind: CompletionItemKind.Field,
        detail: value,
        textEdit: { range: site.range, newText: entryText(site, key, value) },
      },
    ];
  });
}

function valueItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const { path, document } = site;
  if (isMappingTemplateValue(path)) return [];
  const key = path[path.length - 1];
  if (key === '$ref') return refItems(site);
  if (key === 'x-amazon-apigateway-request-validator') {
    return (requestValidators(document)?.properties ?? []).map((p) => valueItem(site, keyName(p), CompletionItemKind.Reference, 'Request validator'));
  }
  const index = extensionIndexOf(path);
  if (index < 0) return [];
  if (isCacheKeyItem(path)) return dialect === 'rest' ? cacheKeyItems(site) : [];
  const extensionName = String(path[index]);
  const below = path.slice(index + 1);
  if (isIntegration(extensionName)) {
    const container = path[path.length - 2];
    if (container === 'requestParameters') return dialect === 'rest' ? parameterExpressionItems(site) : httpExpressionItems(site);
    if (container === 'responseParameters' && path[path.length - 4] === 'responses') return expressionItems(site, RESPONSE_SOURCES);
    if (key === 'statusCode' && path[path.length - 3] === 'responses') {
      return responseCodesAt(document, path).map((code) => valueItem(site, code, CompletionItemKind.Value, 'Method response'));
    }
  }
  const extension = getExtension(extensionName);
  const spec = extension && findValueSpec(extension, below);
  return spec ? specValueItems(site, spec, dialect) : [];
}

function isIntegration(extensionName: string | number): boolean {
  return extensionName === INTEGRATION_KEY || extensionName === 'x-amazon-apigateway-integrations';
}

function specValueItems(site: CompletionSite, spec: ValueSpec, dialect: Dialect): CompletionItem[] {
  if (spec.enum) {
    const upper = /[A-Z]/.test(site.prefix) && !/[a-z]/.test(site.prefix);
    const lower = /[a-z]/.test(site.prefix) && !/[A-Z]/.test(site.prefix);
    return spec.enum
      .filter((v) => !spec.enumDialects?.[v] || spec.enumDialects[v].includes(dialect))
      .map((v) => {
        const written = spec.caseInsensitive ? (upper ? v.toUpperCase() : lower ? v.toLowerCase() : v) : v;
        const item = valueItem(site, written, CompletionItemKind.EnumMember, undefined);
        const doc = spec.enumDocs?.[v];
        if (doc) item.documentation = markdown(doc);
        return item;
      });
  }
  const types = typesOf(spec);
  if (types.includes('boolean')) return [true, false].map((b) => valueItem(site, b, CompletionItemKind.Value, undefined));
  return (spec.examples ?? []).map((e) => valueItem(site, e, CompletionItemKind.Value, undefined));
}

/** A value in the document's syntax, keeping a quote the user opened. */
function valueItem(site: CompletionSite, value: string | number | boolean, kind: CompletionItemKind, detail: string | undefined): CompletionItem {
  let newText: string;
  if (site.quote) newText = `${site.quote}${String(value)}${site.quote}`;
  else if (site.document.format === 'json') newText = JSON.stringify(value);
  else newText = yamlScalar(value);
  if (site.document.format === 'json' && site.needsComma) newText += ',';
  const item: CompletionItem = { label: String(value), kind, textEdit: { range: site.range, newText } };
  if (detail) item.detail = detail;
  if (site.quote || newText !== String(value)) item.filterText = newText.replace(/,$/, '');
  return item;
}

/** REST mapping expressions for the operation's declared parameters, narrowed to the location already typed. */
function parameterExpressionItems(site: CompletionSite): CompletionItem[] {
  const expressions: Expression[] = parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    return location ? [{ text: `method.request.${location}.${p.name}`, detail: `${p.in} parameter` }] : [];
  });
  expressions.push({ text: 'method.request.body', detail: 'The request body' });
  return expressionItems(site, expressions);
}

/** HTTP API mapping sources: the declared parameters first, then the open-ended variables. */
function httpExpressionItems(site: CompletionSite): CompletionItem[] {
  const declared: Expression[] = parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    return location ? [{ text: `$request.${location}.${p.name}`, detail: `${p.in} parameter` }] : [];
  });
  return expressionItems(site, [...declared, ...HTTP_SOURCES]);
}

interface Expression {
  text: string;
  detail: string;
  /** The start of an expression: the name that completes it comes after. */
  stem?: boolean;
  /** A single-quoted literal, inserted with its text selected. */
  literal?: boolean;
}

const HTTP_SOURCES: Expression[] = [
  { text: '$request.path', detail: 'The whole request path' },
  { text: '$request.header.', detail: 'A request header', stem: true },
  { text: '$request.querystring.', detail: 'A query string parameter', stem: true },
  { text: '$request.body.', detail: 'A JSONPath into the request body', stem: true },
  { text: '$context.', detail: 'A context variable', stem: true },
  { text: '$stageVariables.', detail: 'A stage variable', stem: true },
];

const RESPONSE_SOURCES: Expression[] = [
  { text: 'integration.response.header.', detail: 'A header of the backend response', stem: true },
  { text: 'integration.response.body', detail: 'The whole backend response body' },
  { text: 'integration.response.body.', detail: 'A JSONPath into the backend response body', stem: true },
  { text: "'static'", detail: 'A static value', literal: true },
  { text: 'stageVariables.', detail: 'A stage variable', stem: true },
  { text: 'context.', detail: 'A context variable', stem: true },
];

/** Once a dot is typed, only expressions continuing what is typed are offered. */
function expressionItems(site: CompletionSite, expressions: Expression[]): CompletionItem[] {
  const typed = site.prefix;
  const narrowed = typed.slice(0, typed.lastIndexOf('.') + 1);
  return expressions
    .filter((e) => e.text.startsWith(narrowed) && !(e.stem && e.text === typed))
    .map((e) => (e.literal ? literalItem(site, e.detail) : e.stem ? stemItem(site, e.text, e.detail) : valueItem(site, e.text, CompletionItemKind.Variable, e.detail)));
}

/** Accepting the start of an expression asks for the names that can follow it. */
const SUGGEST_AGAIN: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** A value left open for its last segment: the cursor stays inside the scalar. */
function stemItem(site: CompletionSite, text: string, detail: string): CompletionItem {
  const json = site.document.format === 'json';
  const quote = site.quote || (json ? '"' : yamlScalar(text) === text ? '' : "'");
  return {
    label: text,
    kind: CompletionItemKind.Variable,
    detail,
    filterText: `${quote}${text}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: site.range, newText: `${quote}${snippetText(text)}$0${quote}${json && site.needsComma ? ',' : ''}` },
    command: SUGGEST_AGAIN,
  };
}

/** `'value'`: the quotes are part of the value, so the scalar around them is double-quoted in both syntaxes. */
function literalItem(site: CompletionSite, detail: string): CompletionItem {
  return {
    label: "'static'",
    kind: CompletionItemKind.Value,
    detail,
    filterText: `${site.quote === '"' ? '"' : ''}'static'`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: site.range, newText: `"'\${1:value}'"${site.document.format === 'json' && site.needsComma ? ',' : ''}` },
  };
}

/** A key left open for its name, in a map of mapping expressions. */
function keyStemItem(site: CompletionSite, stem: string, detail: string): CompletionItem {
  const quote = site.quote || (site.document.format === 'json' ? '"' : '');
  return {
    label: stem,
    kind: CompletionItemKind.Field,
    detail,
    filterText: `${quote}${stem}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: site.range, newText: `${quote}${snippetText(stem)}$0${quote}` },
    command: SUGGEST_AGAIN,
  };
}

const HTTP_KEY_STEMS = ['append:header.', 'overwrite:header.', 'remove:header.', 'append:querystring.', 'overwrite:querystring.', 'remove:querystring.'];
const HTTP_NAMED_KEY = /^(append|overwrite|remove):(header|querystring)\./;

/**
 * HTTP API mapping keys: the actions and locations, then, once `header.` or `querystring.` is typed, the operation's
 * parameters of that location. Headers API Gateway reserves cannot be mapped, so they are never offered.
 */
function httpRequestParameterKeyItems(site: CompletionSite, valueSpec: ValueSpec): CompletionItem[] {
  const named = HTTP_NAMED_KEY.exec(site.prefix);
  if (!named) {
    const items = HTTP_KEY_STEMS.map((stem) => keyStemItem(site, stem, stem.endsWith('header.') ? 'Integration request header' : 'Integration query string parameter'));
    if (!site.siblings.includes('overwrite:path')) items.push({ ...keyItem(site, 'overwrite:path', valueSpec, CompletionItemKind.Field, 'Replaces the request path sent to the integration.'), detail: 'Integration request path' });
    return items;
  }
  const location = named[2] === 'header' ? 'header' : 'query';
  return parametersAt(site.document, site.path).flatMap((p) => {
    const key = `${named[1]}:${named[2]}.${p.name}`;
    if (p.in !== location || (location === 'header' && RESERVED_HTTP_HEADERS.test(p.name)) || site.siblings.includes(key)) return [];
    return [{ ...keyItem(site, key, valueSpec, CompletionItemKind.Field, undefined), detail: `${p.in} parameter`, documentation: undefined }];
  });
}

/** `method.response.header.NAME` for the headers declared on the method response this integration response maps to. */
function responseHeaderKeyItems(site: CompletionSite, valueSpec: ValueSpec): CompletionItem[] {
  const status = integrationResponseStatus(site.document, site.path);
  if (status === undefined) return [];
  const written = new Set(site.siblings.map((s) => s.toLowerCase()));
  return (responseHeadersAt(site.document, site.path, status) ?? []).flatMap((header) => {
    const key = `method.response.header.${keyName(header)}`;
    if (written.has(key.toLowerCase())) return [];
    const description = asString(getValue(deref(site.document, header.value), 'description'));
    const doc = [`Header \`${keyName(header)}\` of the ${status} method response.`, description].filter(Boolean).join('\n\n');
    return [{ ...keyItem(site, key, valueSpec, CompletionItemKind.Field, doc), detail: `${status} response header` }];
  });
}

function isCacheKeyItem(path: NodePath): boolean {
  const n = path.length;
  return n >= 2 && path[n - 2] === 'cacheKeyParameters' && typeof path[n - 1] === 'number';
}

/** The operation's request parameters not yet in `cacheKeyParameters`. */
function cacheKeyItems(site: CompletionSite): CompletionItem[] {
  const index = site.path[site.path.length - 1];
  const array = findNodeAtPath(site.document.root, site.path.slice(0, -1));
  const listed = array?.type === 'array' ? array.items.filter((item, i) => i !== index && item.type === 'string').map((item) => String((item as ScalarNode).value)) : [];
  return parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    const text = location && `method.request.${location}.${p.name}`;
    return text && !listed.includes(text) ? [valueItem(site, text, CompletionItemKind.Variable, `${p.in} parameter`)] : [];
  });
}

function refItems(site: CompletionSite): CompletionItem[] {
  const { document, path } = site;
  const items: CompletionItem[] = [];
  for (const container of refContainersFor(document, path)) {
    const node = findNodeAtPath(document.root, container);
    if (node?.type !== 'object') continue;
    for (const property of node.properties) items.push(refItem(site, pointerOf([...container, keyName(property)]), String(container[container.length - 1])));
  }
  return items;
}

/** YAML reads ` #` as a comment and a leading `#` as one too, so targets are quoted unless a quote is open. */
function refItem(site: CompletionSite, target: string, detail: string): CompletionItem {
  const item = valueItem(site, target, CompletionItemKind.Reference, detail);
  if (!site.quote && site.document.format === 'yaml') item.textEdit = { range: site.range, newText: `'${target}'` };
  return item;
}

/** The file part of a `$ref` into another file (`./common.yaml#/...`), once its `#` is typed. */
function externalRefFile(prefix: string): string | undefined {
  const hash = prefix.indexOf('#');
  return hash > 0 ? prefix.slice(0, hash) : undefined;
}

async function externalRefItems(site: CompletionSite, file: string, resolver: DocumentResolver): Promise<CompletionItem[]> {
  const other = await resolver.resolve(site.document.uri, file).catch(() => undefined);
  if (!other) return [];
  return externalRefPointers(other, site.path).map(({ pointer, container }) => refItem(site, `${file}${pointer}`, `${container} in ${file}`));
}
