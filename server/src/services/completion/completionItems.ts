import { CompletionItemKind, InsertTextFormat, InsertTextMode, type Command, type CompletionItem } from 'vscode-languageserver-types';
import { typesOf } from '../../facts/extensions';
import type { ValueSpec } from '../../facts/extensionTypes';
import type { CompletionSite } from '../editing/completionSite';
import { indentUnit, yamlKey, yamlScalar } from '../editing/serialize';
import { markdown, specMarkdown } from '../editing/specDocs';

/** `key: value` on one line, or only the key when an existing key is being renamed. */
export function entryText(site: CompletionSite, key: string, value: string | never[]): string {
  const json = site.document.format === 'json';
  const name = json ? JSON.stringify(key) : yamlKey(key);
  if (site.keyOnly) return name;
  const written = Array.isArray(value) ? '[]' : json ? JSON.stringify(value) : yamlScalar(value);
  return `${name}: ${written}${json && site.needsComma ? ',' : ''}`;
}

/** A key with the start of its value: nested values open on the next line, indented one step. */
export function keyItem(site: CompletionSite, name: string, spec: ValueSpec, kind: CompletionItemKind, doc: string | undefined): CompletionItem {
  const types = typesOf(spec);
  const unit = indentUnit(site.original.text);
  let newText: string;
  if (site.keyOnly) {
    newText = site.document.format === 'json' ? JSON.stringify(name) : yamlKey(name);
    return { label: name, kind, documentation: doc ? markdown(doc) : specMarkdown(name, spec), textEdit: { range: site.range, newText } };
  }
  // A lone boolean is offered as the choice of its two values, and a number as a selected placeholder: an empty JSON
  // value would not parse, and an empty YAML one is null.
  const choice = types.length === 1 && types[0] === 'boolean' ? '${1|true,false|}$0' : types.length === 1 && (types[0] === 'integer' || types[0] === 'number') ? `\${1:${placeholderNumber(spec)}}$0` : undefined;
  if (site.document.format === 'json') {
    const opener = types.includes('object') || types.includes('map') ? '{$0}' : types[0] === 'array' ? '[$0]' : types[0] === 'string' ? '"$0"' : (choice ?? '$0');
    newText = `${snippetText(JSON.stringify(name))}: ${opener}${site.needsComma ? ',' : ''}`;
  } else {
    const key = snippetText(yamlKey(name));
    // Inside a flow collection a nested value opens in flow style too: a block on the next line would not parse there.
    if (types.length === 1 && (types[0] === 'object' || types[0] === 'map')) newText = site.flow ? `${key}: {$0}` : `${key}:\n${site.column}${unit}$0`;
    else if (types.length === 1 && types[0] === 'array') newText = site.flow ? `${key}: [$0]` : `${key}:\n${site.column}${unit}- $0`;
    else newText = `${key}: ${choice ?? '$0'}`;
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

/** The number a numeric key starts with: the catalog's first example, else its lower bound, else 0. */
function placeholderNumber(spec: ValueSpec): number {
  const example = spec.examples?.find((e): e is number => typeof e === 'number');
  if (example !== undefined) return example;
  return spec.minimum !== undefined && spec.minimum > 0 ? spec.minimum : 0;
}

/**
 * A value in the document's syntax, keeping a quote the user opened for a string. A boolean or number replaces the
 * quotes (the range covers them): quoted, it would be a string, which AWS rejects where it expects one of these.
 */
export function valueItem(site: CompletionSite, value: string | number | boolean, kind: CompletionItemKind, detail: string | undefined): CompletionItem {
  let newText: string;
  if (site.quote && typeof value === 'string') newText = `${site.quote}${value}${site.quote}`;
  else if (site.document.format === 'json') newText = JSON.stringify(value);
  else newText = yamlScalar(value);
  if (site.document.format === 'json' && site.needsComma) newText += ',';
  const item: CompletionItem = { label: String(value), kind, textEdit: { range: site.range, newText } };
  if (detail) item.detail = detail;
  if (site.quote && typeof value !== 'string') item.filterText = `${site.quote}${String(value)}`;
  else if (site.quote || newText !== String(value)) item.filterText = newText.replace(/,$/, '');
  return item;
}

/** Accepting the start of an expression asks for the names that can follow it. */
export const SUGGEST_AGAIN: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/**
 * Literal text inside a snippet: `$`, `}` and `\` are escaped as the snippet grammar asks, on top of whatever escaping
 * the document's syntax needs (the JSON key `"2\\d{2}"` is written `"2\\\\d{2\}"`, or expanding it drops a backslash).
 */
export function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** A value left open for its last segment: the cursor stays inside the scalar. */
export function stemItem(site: CompletionSite, text: string, detail: string): CompletionItem {
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
export function literalItem(site: CompletionSite, detail: string): CompletionItem {
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
export function keyStemItem(site: CompletionSite, stem: string, detail: string): CompletionItem {
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
