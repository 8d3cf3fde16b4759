import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import type { CompletionSite } from '../editing/completionSite';
import { indentUnit } from '../editing/serialize';
import { STARTING_VERSIONS } from '../../facts/openapiSchemaSources';

/**
 * What a definition starts with: the key naming its specification and version, or a whole skeleton. Until that key is
 * written the document has no known version, so nothing of OpenAPI's own schema can be offered yet.
 */
interface Start {
  key: 'openapi' | 'swagger';
  versions: string[];
  detail: string;
}

const STARTS: Start[] = [
  { key: 'openapi', versions: STARTING_VERSIONS.openapi, detail: 'OpenAPI 3' },
  { key: 'swagger', versions: STARTING_VERSIONS.swagger, detail: 'Swagger 2.0' },
];

/** A snippet choice of the versions, or the one version; quoted by the caller. */
function versionSnippet(start: Start): string {
  return start.versions.length > 1 ? `\${1|${start.versions.join(',')}|}` : start.versions[0];
}

/** `2.0` alone would read back as a number; `3.0.1` stays a string unquoted, as the specifications write them. */
function readsAsNumber(version: string): boolean {
  return !Number.isNaN(Number(version));
}

function yamlVersion(start: Start): string {
  return start.versions.some(readsAsNumber) ? `"${versionSnippet(start)}"` : versionSnippet(start);
}

const TITLE = '${2:My API}';
const VERSION = '${3:1.0.0}';

function snippet(label: string, kind: CompletionItemKind, detail: string, newText: string, site: { range: CompletionSite['range'] }, filterText: string, sortText: string): CompletionItem {
  return { label, kind, detail, filterText, sortText, insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs, textEdit: { range: site.range, newText } };
}

/** `openapi` and `swagger` at the root of a document that names neither yet; a skeleton too when nothing else is there. */
export function rootStartItems(site: CompletionSite): CompletionItem[] {
  if (site.path.length !== 0 || STARTS.some((s) => site.siblings.includes(s.key))) return [];
  const json = site.document.format === 'json';
  const comma = json && site.needsComma ? ',' : '';
  return STARTS.flatMap((start, i) => {
    const entry = json ? `"${start.key}": "${versionSnippet(start)}"` : `${start.key}: ${yamlVersion(start)}`;
    const items = [snippet(start.key, CompletionItemKind.Property, start.detail, site.keyOnly ? (json ? `"${start.key}"` : start.key) : `${entry}${comma}`, site, start.key, `0${i}`)];
    if (site.siblings.length === 0 && !site.keyOnly) {
      const text = json ? jsonSkeletonEntries(entry, site.column, indentUnit(site.original.text)) : yamlSkeleton(entry, site.column, indentUnit(site.original.text));
      items.push(snippet(`${start.key}: new API`, CompletionItemKind.Snippet, `${start.detail} definition with info and paths`, `${text}${comma}`, site, start.key, `0${i}~`));
    }
    return items;
  });
}

function yamlSkeleton(entry: string, column: string, unit: string): string {
  return [entry, 'info:', `${unit}title: "${TITLE}"`, `${unit}version: "${VERSION}"`, 'paths:', `${unit}$0`].join(`\n${column}`);
}

function jsonSkeletonEntries(entry: string, column: string, unit: string): string {
  return [`${entry},`, '"info": {', `${unit}"title": "${TITLE}",`, `${unit}"version": "${VERSION}"`, '},', '"paths": {$0}'].join(`\n${column}`);
}

/** The versions of the specification named at the root. */
export function rootVersionItems(site: CompletionSite): CompletionItem[] {
  const start = site.path.length === 1 ? STARTS.find((s) => s.key === site.path[0]) : undefined;
  if (!start) return [];
  const json = site.document.format === 'json';
  return start.versions.map((version, i) => {
    const quote = site.quote || (json || readsAsNumber(version) ? '"' : '');
    const newText = `${quote}${version}${quote}${json && site.needsComma ? ',' : ''}`;
    return { label: version, kind: CompletionItemKind.EnumMember, detail: start.detail, filterText: `${site.quote}${version}`, sortText: `${i}`, textEdit: { range: site.range, newText } };
  });
}

/** A whole JSON document, braces included, for a file still empty. */
export function emptyJsonItems(document: ApiDocument): CompletionItem[] {
  const unit = indentUnit(document.text);
  const range = document.rangeOf({ offset: 0, end: document.text.length });
  return STARTS.flatMap((start, i) => {
    const entry = `"${start.key}": "${versionSnippet(start)}"`;
    return [
      snippet(start.key, CompletionItemKind.Property, start.detail, `{\n${unit}${entry}$0\n}`, { range }, start.key, `0${i}`),
      snippet(`${start.key}: new API`, CompletionItemKind.Snippet, `${start.detail} definition with info and paths`, `{\n${unit}${jsonSkeletonEntries(entry, unit, unit)}\n}`, { range }, start.key, `0${i}~`),
    ];
  });
}
