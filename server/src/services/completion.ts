import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { Dialect } from '../model/dialect';
import { inferDialect } from '../model/dialectInference';
import { findNodeAtPath, keyName } from '../model/navigate';
import type { NodePath } from '../model/nodes';
import { ANY_METHOD_KEY, placementOf, requestValidators, securitySchemes } from '../model/openapiWalk';
import type { ValueSpec } from '../facts/extensionTypes';
import { extensionsAt, fieldAppliesTo, findValueSpec, getExtension, typesOf } from '../facts/extensions';
import { findCompletionSite, type CompletionSite } from './editing/completionSite';
import { extensionIndexOf, isMappingTemplateValue } from './editing/documentPaths';
import { INTEGRATION_SNIPPETS } from './editing/integrationSnippets';
import { MAPPING_LOCATION, parametersAt, responseCodesAt } from './editing/operationFacts';
import { pointerOf, refContainersFor } from './editing/references';
import { indentUnit, jsonText, yamlBlock, yamlScalar } from './editing/serialize';
import { markdown, specMarkdown } from './editing/specDocs';

const INTEGRATION_KEY = 'x-amazon-apigateway-integration';

/** Completion at an offset: extension keys and fields, enum values, references to what the document declares. */
export function doComplete(document: ApiDocument, offset: number, dialectSetting: Dialect | 'auto' = 'auto'): CompletionList {
  const site = findCompletionSite(document, offset);
  if (!site) return { isIncomplete: false, items: [] };
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
  if (index >= 0) {
    const extension = getExtension(String(path[index]));
    const spec = extension && findValueSpec(extension, path.slice(index + 1));
    if (!spec) return [];
    if (spec.fields) return fieldItems(site, spec, dialect);
    if (spec.values && path[path.length - 1] === 'requestParameters' && dialect === 'rest') return requestParameterKeyItems(site);
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
  const name = json ? JSON.stringify(key) : yamlScalar(key);
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
    newText = site.document.format === 'json' ? JSON.stringify(name) : yamlScalar(name);
    return { label: name, kind, documentation: doc ? markdown(doc) : specMarkdown(name, spec), textEdit: { range: site.range, newText } };
  }
  if (site.document.format === 'json') {
    const opener = types.includes('object') || types.includes('map') ? '{$0}' : types[0] === 'array' ? '[$0]' : types[0] === 'string' ? '"$0"' : '$0';
    newText = `${JSON.stringify(name).replace(/\$/g, '\\$')}: ${opener}${site.needsComma ? ',' : ''}`;
  } else {
    const key = yamlScalar(name).replace(/\$/g, '\\$');
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
  const extensionName = String(path[index]);
  const below = path.slice(index + 1);
  if (extensionName === INTEGRATION_KEY || extensionName === 'x-amazon-apigateway-integrations') {
    if (path[path.length - 2] === 'requestParameters') return parameterExpressionItems(site, dialect);
    if (key === 'statusCode' && path[path.length - 3] === 'responses') {
      return responseCodesAt(document, path).map((code) => valueItem(site, code, CompletionItemKind.Value, 'Method response'));
    }
  }
  const extension = getExtension(extensionName);
  const spec = extension && findValueSpec(extension, below);
  return spec ? specValueItems(site, spec, dialect) : [];
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

/** Mapping expressions for the operation's declared parameters, narrowed to the location already typed. */
function parameterExpressionItems(site: CompletionSite, dialect: Dialect): CompletionItem[] {
  const root = dialect === 'rest' ? 'method.request' : '$request';
  const expressions = parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    return location ? [{ text: `${root}.${location}.${p.name}`, detail: `${p.in} parameter` }] : [];
  });
  if (dialect === 'rest') expressions.push({ text: 'method.request.body', detail: 'The request body' });
  const typed = site.prefix;
  return expressions
    .filter((e) => !typed.includes('.') || e.text.startsWith(typed.slice(0, typed.lastIndexOf('.') + 1)))
    .map((e) => valueItem(site, e.text, CompletionItemKind.Variable, e.detail));
}

function refItems(site: CompletionSite): CompletionItem[] {
  const { document, path } = site;
  const items: CompletionItem[] = [];
  for (const container of refContainersFor(document, path)) {
    const node = findNodeAtPath(document.root, container);
    if (node?.type !== 'object') continue;
    for (const property of node.properties) {
      const target = pointerOf([...container, keyName(property)]);
      const item = valueItem(site, target, CompletionItemKind.Reference, String(container[container.length - 1]));
      if (!site.quote && document.format === 'yaml') item.textEdit = { range: site.range, newText: `'${target}'` };
      items.push(item);
    }
  }
  return items;
}
