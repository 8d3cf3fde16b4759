import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { openApiFieldsAt, openApiValuesAt, takesWrittenKeys, type OpenApiField, type WrittenObject } from '../../facts/openapiFields';
import type { OpenApiVersion } from '../../facts/openapiSchemaSources';
import type { NodePath } from '../../model/nodes';
import type { ValueSpec, ValueType } from '../../facts/extensionTypes';
import type { CompletionSite } from '../editing/completionSite';
import { versionOf } from '../rules/openapiSchemas';
import { openApiFieldMarkdown } from '../editing/specDocs';
import { keyItem, valueItem } from './completionItems';
import { findNodeAtPath, shallowValue } from '../../model/navigate';

const OPENAPI_TYPES = new Set<string>(['string', 'integer', 'number', 'boolean', 'object', 'array']);

/**
 * OpenAPI's own keys for the object at the cursor, from the official schema of the document's version. Required ones
 * sort first, the others after API Gateway's (see `keyItems`). None in documents of no known version.
 */
export function openApiKeyItems(site: CompletionSite): CompletionItem[] {
  const version = versionOf(site.document.kind, site.document.specVersion);
  if (!version) return [];
  // What the object holds, the key being typed aside, decides between the schema's alternatives.
  const written = Object.fromEntries(Object.entries(shallowValue(findNodeAtPath(site.document.root, site.path))).filter(([key]) => site.siblings.includes(key)));
  return openApiFieldsAt(version, site.path, written)
    // A keyword its meta-schema marks replaced (2020-12's `definitions`, now `$defs`) is still described on hover, not offered.
    .filter((field) => !site.siblings.includes(field.name) && !field.deprecated)
    .map((field) => {
      const item = keyItem(site, field.name, specOf(field), CompletionItemKind.Property, openApiFieldMarkdown(field, version));
      return { ...item, detail: `OpenAPI ${version}${field.required ? ', required' : ''}`, sortText: `${field.required ? '0' : '2'}${field.name}` };
    });
}

/** The values the schema lists for the field at the cursor (`in`, a schema's `type`, a security scheme's `type`). */
export function openApiValueItems(site: CompletionSite): CompletionItem[] {
  const version = versionOf(site.document.kind, site.document.specVersion);
  if (!version) return [];
  const key = String(site.path[site.path.length - 1]);
  const holder = shallowValue(findNodeAtPath(site.document.root, site.path.slice(0, -1)));
  delete holder[key];
  const values = openApiValuesAt(version, site.path, holder);
  const fits = neighbourFit(version, site.path, holder, values);
  return values.map((value) => {
    const item: CompletionItem = { ...valueItem(site, value, CompletionItemKind.EnumMember, undefined), detail: `OpenAPI ${version}` };
    if (fits) item.sortText = `${fits.has(value) ? 0 : 1}${item.label}`;
    return item;
  });
}

/**
 * The values whose branch of the schema takes every key already beside the field (`oauth2` for a security scheme
 * holding `flows`, `body` for a 2.0 parameter holding `schema`), when that tells some apart. They rank first rather than
 * alone: the neighbours may be what the author is about to change (a scheme turned from `apiKey` into `oauth2` still
 * holds its `name` and `in`) or a mistake, and leaving the other values out would hide the one wanted.
 */
function neighbourFit(version: OpenApiVersion, path: NodePath, holder: WrittenObject, values: (string | number | boolean)[]): Set<string | number | boolean> | undefined {
  if (Object.keys(holder).length === 0) return undefined;
  const objectPath = path.slice(0, -1);
  const key = String(path[path.length - 1]);
  const fitting = new Set(values.filter((value) => takesWrittenKeys(version, objectPath, { ...holder, [key]: value })));
  return fitting.size > 0 && fitting.size < values.length ? fitting : undefined;
}

/** What the key's item needs to open its value: an object or a list on the next line, anything else after the colon. */
function specOf(field: OpenApiField): ValueSpec {
  const types = field.types.filter((t) => OPENAPI_TYPES.has(t)) as ValueType[];
  return { type: types.length === 1 ? types[0] : types.length ? types : 'any', doc: '' };
}
