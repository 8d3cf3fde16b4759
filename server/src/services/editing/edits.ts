import type { TextEdit } from 'vscode-languageserver-types';
import { isAliasCopy, type ApiDocument } from '../../model/apiDocument';
import { getProperty } from '../../model/navigate';
import type { ArrayNode, NodePath, ObjectNode, PropertyNode, ValueNode } from '../../model/nodes';
import { columnIndentAt, indentUnit, inLineBreaksOf, isOneLine, jsonInline, jsonText, lineIndentAt, yamlBlock, yamlEntry, yamlInline, yamlScalar } from './serialize';
import { keyOf } from '../../model/property';
import { lineStart } from '../../model/textChange';

/**
 * Text edits that add entries to the document in its own syntax and indentation: block or flow YAML, or JSON. Each
 * returns one insertion, so that a quick fix is a single edit the editor can apply and undo at once. The text is built
 * with LF line breaks and written in the document's own here, where every edit passes.
 */

function insertAt(document: ApiDocument, offset: number, newText: string): TextEdit {
  const position = document.textDocument.positionAt(offset);
  return { range: { start: position, end: position }, newText: inLineBreaksOf(document.text, newText) };
}

/** Whether a collection's last entry stands on the line of its opening bracket: then a new entry joins that line. */
function onOpeningLine(text: string, collection: ValueNode, last: ValueNode | PropertyNode): boolean {
  return text.lastIndexOf('\n', last.offset) < collection.offset;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** Adds `key: value` to an object node. */
export function insertProperty(document: ApiDocument, object: ObjectNode, key: string, value: unknown): TextEdit {
  return insertEntries(document, object, { [key]: value });
}

/**
 * Adds several entries to an object node in one insertion, in the order of `entries` (a record puts integer-like keys
 * such as status codes first, ascending). Edits computed one by one against the same text would all land at the same
 * place, with no separator between them in an empty flow or JSON object.
 */
export function insertEntries(document: ApiDocument, object: ObjectNode, entries: Record<string, unknown>): TextEdit {
  const text = document.text;
  const unit = indentUnit(text);
  const last = object.properties[object.properties.length - 1];
  const pairs = Object.entries(entries);
  if (document.format === 'json' || object.flow) {
    const json = document.format === 'json';
    const entry = (indent: string) => pairs.map(([key, value]) => `${JSON.stringify(key)}: ${jsonText(value, indent, unit)}`).join(`,\n${indent}`);
    const inline = pairs.map(([key, value]) => `${json ? JSON.stringify(key) : yamlScalar(key)}: ${json ? jsonInline(value) : yamlInline(value)}`).join(', ');
    if (!last) {
      const outer = lineIndentAt(text, object.offset);
      if (!json || isOneLine(text)) return insertAt(document, object.offset + 1, inline);
      return insertAt(document, object.offset + 1, `\n${outer}${unit}${entry(outer + unit)}\n${outer}`);
    }
    if (!json || onOpeningLine(text, object, last)) return insertAt(document, last.end, `, ${inline}`);
    const indent = columnIndentAt(text, last.offset);
    return insertAt(document, last.end, `,\n${indent}${entry(indent)}`);
  }
  const indent = last ? columnIndentAt(text, object.properties[0].offset) : '';
  const lines = pairs.flatMap(([key, value]) => yamlEntry(key, value, indent, unit));
  return insertAt(document, blockEnd(text, object), `\n${lines.join('\n')}`);
}

/**
 * Where a new entry of a block collection goes: after its last line, and after the blank lines that follow when its
 * last value is a block scalar that keeps them (`|+`, `>+`), whose value they are part of.
 */
function blockEnd(text: string, collection: ValueNode): number {
  let at = lineEnd(text, collection.end);
  if (!keepsTrailingLines(text, collection)) return at;
  for (;;) {
    const next = text.indexOf('\n', at) + 1;
    if (next <= 0 || next >= text.length) return at;
    const end = lineEnd(text, next);
    if (text.slice(next, end).trim() !== '') return at;
    at = end;
  }
}

/** The collection's last value is a literal or folded scalar with the keep indicator. */
function keepsTrailingLines(text: string, node: ValueNode | undefined): boolean {
  for (let n = node; n; ) {
    if (n.type === 'object') n = n.properties[n.properties.length - 1]?.value;
    else if (n.type === 'array') n = n.items[n.items.length - 1];
    else if (n.style !== 'literal' && n.style !== 'folded') return false;
    else {
      // The scalar starts with its content; its header (`>+`, `|2+`) ends the line before.
      const headerEnd = text.lastIndexOf('\n', n.offset - 1);
      const header = text.slice(lineStart(text, headerEnd), headerEnd);
      return KEEP_HEADER.test(header);
    }
  }
  return false;
}

const KEEP_HEADER = /[|>](?:\d?\+|\+\d?)[ \t]*(?:#.*)?\r?$/;

/** Adds an item at the end of an array node. */
export function appendItem(document: ApiDocument, array: ArrayNode, value: unknown): TextEdit {
  const text = document.text;
  const unit = indentUnit(text);
  const last = array.items[array.items.length - 1];
  if (document.format === 'json') {
    if (!last) {
      if (isOneLine(text)) return insertAt(document, array.offset + 1, jsonInline(value));
      const outer = lineIndentAt(text, array.offset);
      return insertAt(document, array.offset + 1, `\n${outer}${unit}${jsonText(value, outer + unit, unit)}\n${outer}`);
    }
    if (onOpeningLine(text, array, last)) return insertAt(document, last.end, `, ${jsonInline(value)}`);
    const indent = columnIndentAt(text, last.offset);
    return insertAt(document, last.end, `,\n${indent}${jsonText(value, indent, unit)}`);
  }
  if (array.flow || !last) return insertAt(document, last ? last.end : array.offset + 1, `${last ? ', ' : ''}${yamlInline(value)}`);
  const dash = text.lastIndexOf('-', last.offset);
  const indent = columnIndentAt(text, dash);
  // A new item is written as the last one is: `-   name:` keeps its wider gap after the dash.
  const gap = last.offset - dash;
  const lines = yamlBlock([value], indent, unit, gap >= 2 && gap <= 8 && text.slice(dash + 1, last.offset).trim() === '' ? gap : 2);
  return insertAt(document, blockEnd(text, array), `\n${lines.join('\n')}`);
}

/**
 * Adds `key: value` inside the object at `containerPath`, creating the missing objects on the way (a `responses`
 * without a `404`, an operation without `parameters`, a document without validators). A key already written with no
 * value (`parameters:` while typing) is filled rather than written twice; one that has a value is left alone.
 */
export function insertAtPath(document: ApiDocument, containerPath: NodePath, key: string, value: unknown): TextEdit | undefined {
  return insertEntriesAtPath(document, containerPath, { [key]: value });
}

/**
 * `insertAtPath` for several entries of one object, as one edit. Entries already written with a value are left alone;
 * undefined when none is left to add, or when one of several is written with no value, which one insertion cannot
 * both fill and add beside.
 */
export function insertEntriesAtPath(document: ApiDocument, containerPath: NodePath, entries: Record<string, unknown>): TextEdit | undefined {
  let node: ValueNode | undefined = document.root;
  for (let i = 0; i < containerPath.length; i++) {
    if (node?.type !== 'object') return undefined;
    const property = getProperty(node, String(containerPath[i]));
    if (property?.value && isAliasCopy(document, property.value)) return undefined;
    if (!property?.value || property.value.type === 'null') {
      let nested: unknown = entries;
      for (let j = containerPath.length - 1; j > i; j--) nested = { [String(containerPath[j])]: nested };
      return property ? replaceEmptyValue(document, property, nested) : insertProperty(document, node, String(containerPath[i]), nested);
    }
    node = property.value;
  }
  if (node?.type !== 'object') return undefined;
  const container = node;
  const missing = Object.entries(entries)
    .map(([key, value]) => ({ key, value, property: getProperty(container, key) }))
    .filter(({ property }) => !property?.value || property.value.type === 'null');
  if (!missing.length) return undefined;
  const empty = missing.find(({ property }) => property !== undefined);
  if (empty) return missing.length === 1 && !isAliasCopy(document, empty.property!) ? replaceEmptyValue(document, empty.property!, empty.value) : undefined;
  return insertEntries(document, container, Object.fromEntries(missing.map(({ key, value }) => [key, value])));
}

/** Fills `key:` written with no value (a null), keeping the key where it is. */
function replaceEmptyValue(document: ApiDocument, property: PropertyNode, value: unknown): TextEdit | undefined {
  const text = document.text;
  const empty = property.value;
  const keyEnd = keyOf(property).end;
  const colon = text.indexOf(':', keyEnd);
  if (colon < 0) return undefined;
  const unit = indentUnit(text);
  const start = document.textDocument.positionAt(colon + 1);
  const end = document.textDocument.positionAt(Math.max(colon + 1, empty && text.slice(empty.offset, empty.end).trim() !== '' ? empty.end : colon + 1));
  const replace = (newText: string): TextEdit => ({ range: { start, end }, newText: inLineBreaksOf(text, newText) });
  const owner = property.parent;
  if (document.format === 'json') {
    if (isOneLine(text) || onOpeningLine(text, owner, property)) return replace(` ${jsonInline(value)}`);
    return replace(` ${jsonText(value, lineIndentAt(text, keyEnd), unit)}`);
  }
  if (owner.flow) return replace(` ${yamlInline(value)}`);
  const indent = lineIndentAt(text, keyEnd) + unit;
  return replace(`\n${yamlBlock(value, indent, unit).join('\n')}`);
}
