import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ApiDocument } from './apiDocument';
import type { ObjectNode, PropertyNode, SyntaxProblem, ValueNode } from './nodes';
import { changedPathItem, findTextChange, pathItemLayout, pathsByParts, type TextChange } from './textChange';
import { newProperty } from './property';
import { aliasNodeBudget, buildTree } from './yamlTree';

/**
 * Documents whose tree was taken over by a later version: their nodes now carry the later version's offsets.
 */
const retired = new WeakSet<ApiDocument>();

export function isRetired(document: ApiDocument): boolean {
  return retired.has(document);
}

const ANCHOR = /&([^\s[\]{},]+)/g;
const ALIAS = /\*([^\s[\]{},]+)/g;

/**
 * Re-parses only the path item an edit falls in, when the edit stays inside one path item (below its key in block-style
 * YAML, between its braces in JSON), and moves the rest of the previous tree to its new offsets. Parsing a
 * multi-megabyte definition takes longer than the whole re-validation may; one path item takes a fraction of a
 * millisecond. The previous document is retired: its tree now belongs to the new one. Undefined whenever the result
 * could differ from a full parse.
 */
export function reparsePathItem(previous: ApiDocument, next: TextDocument): ApiDocument | undefined {
  if (next.uri !== previous.uri || next.languageId !== previous.textDocument.languageId) return undefined;
  if (isRetired(previous) || previous.problems.some((p) => p.code !== 'duplicate-key')) return undefined;
  const format = previous.format;
  const root = previous.root;
  const paths = pathsByParts(root, format);
  if (!root || root.type !== 'object' || !paths || paths.properties.length === 0) return undefined;
  const before = previous.text;
  const after = next.getText();
  if (before === after) {
    retired.add(previous);
    return new ApiDocument(next, format, root, previous.problems, previous.aliasNodes);
  }
  const change = findTextChange(before, after);
  const layout = pathItemLayout(before, format, root, paths);
  const index = changedPathItem(layout, change);
  if (index === undefined) return undefined;
  const reparsed = format === 'json' ? reparseJsonItem(previous, paths, index, change, after) : reparseYamlItem(previous, paths, index, layout.spans[index], change, after);
  if (!reparsed) return undefined;
  const { replacement, problems, aliasNodes } = reparsed;
  const delta = change.newEnd - change.oldEnd;
  replacement.parent = paths;
  paths.properties[index] = replacement;
  for (let i = index + 1; i < paths.properties.length; i++) shiftProperty(paths.properties[i], delta);
  const pathsProperty = paths.parent as PropertyNode;
  const rootIndex = root.properties.indexOf(pathsProperty);
  for (let i = rootIndex + 1; i < root.properties.length; i++) shiftProperty(root.properties[i], delta);
  if (format === 'json') {
    // Flow mappings end at their closing braces, which all stand after the edit.
    paths.end += delta;
    root.end += delta;
  } else {
    // A block mapping ends with its last entry, as the tree builder closes it (the edited item may be that entry).
    paths.end = paths.properties[paths.properties.length - 1].end;
    root.end = root.properties[root.properties.length - 1].end;
  }
  pathsProperty.end = paths.end;
  retired.add(previous);
  return new ApiDocument(next, format, root, problems, aliasNodes);
}

interface ReparsedItem {
  replacement: PropertyNode;
  problems: SyntaxProblem[];
  aliasNodes: number;
}

/** The item's lines, key included, parsed as a one-entry block mapping. */
function reparseYamlItem(previous: ApiDocument, paths: ObjectNode, index: number, span: { start: number; end: number }, change: TextChange, after: string): ReparsedItem | undefined {
  const before = previous.text;
  const delta = change.newEnd - change.oldEnd;
  const slice = after.slice(span.start, span.end + delta);
  if (!anchorsStayInside(before.slice(span.start, span.end), slice, after, span.start, span.end + delta)) return undefined;
  // The whole document shares one alias budget: the item may spend what the other items leave of it.
  const others = previous.aliasNodes - (previous.aliasNodes ? buildTree(before.slice(span.start, span.end)).aliasNodes : 0);
  const parsed = buildTree(slice, aliasNodeBudget(after.length) - others);
  const replacement = parsed.root?.type === 'object' && !parsed.root.flow && parsed.root.properties.length === 1 ? parsed.root.properties[0] : undefined;
  if (!replacement || parsed.problems.some((p) => p.code !== 'duplicate-key')) return undefined;
  const old = paths.properties[index];
  if (replacement.keyValue !== old.keyValue || replacement.keyStyle !== old.keyStyle) return undefined;
  shiftProperty(replacement, span.start);
  // The item's own key, unchanged, may repeat a sibling's: only the whole mapping knows, so that finding is kept.
  return { replacement, problems: spliceProblems(previous.problems, span.start, old.keyEnd, span.end, parsed.problems, delta), aliasNodes: others + parsed.aliasNodes };
}

/**
 * The item's object value alone, from brace to brace. JSON has no anchors, and the value must be JSON itself: the rest
 * of the text was, so the whole still is.
 */
function reparseJsonItem(previous: ApiDocument, paths: ObjectNode, index: number, change: TextChange, after: string): ReparsedItem | undefined {
  const old = paths.properties[index];
  const value = old.value!;
  const delta = change.newEnd - change.oldEnd;
  const slice = after.slice(value.offset, value.end + delta);
  try {
    JSON.parse(slice);
  } catch {
    return undefined;
  }
  const parsed = buildTree(slice);
  if (parsed.root?.type !== 'object' || parsed.problems.some((p) => p.code !== 'duplicate-key')) return undefined;
  shiftNode(parsed.root, value.offset);
  const replacement = newProperty(paths, old.keyValue, old.keyStyle, old.offset, old.keyEnd, parsed.root, old.end + delta, old.keyNode);
  parsed.root.parent = replacement;
  return { replacement, problems: spliceProblems(previous.problems, value.offset, value.offset, value.end, parsed.problems, delta), aliasNodes: 0 };
}

/**
 * The previous syntax findings before the re-parsed text (and any up to `keepBefore`), the re-parse's own moved to the
 * text's start, and the previous ones after it moved by the edit.
 */
function spliceProblems(previous: SyntaxProblem[], start: number, keepBefore: number, end: number, fresh: SyntaxProblem[], delta: number): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  for (const p of previous) {
    if (p.offset < start || (p.code === 'duplicate-key' && p.offset < keepBefore)) problems.push(p);
  }
  for (const p of fresh) problems.push({ ...p, offset: p.offset + start, end: p.end + start });
  for (const p of previous) {
    if (p.offset >= end) problems.push({ ...p, offset: p.offset + delta, end: p.end + delta });
  }
  return problems;
}

/**
 * Aliases resolve across the whole document: the re-parsed item must neither use an anchor defined elsewhere nor
 * define (before or after the edit) one that is used elsewhere. Judged from the text, so a stray `&` or `*` in a string
 * only costs a full parse.
 */
function anchorsStayInside(oldSlice: string, newSlice: string, text: string, start: number, end: number): boolean {
  const firstDefinition = new Map<string, number>();
  for (const match of newSlice.matchAll(ANCHOR)) if (!firstDefinition.has(match[1])) firstDefinition.set(match[1], match.index!);
  for (const match of newSlice.matchAll(ALIAS)) {
    const at = firstDefinition.get(match[1]);
    if (at === undefined || at > match.index!) return false;
  }
  const defined = new Set(firstDefinition.keys());
  for (const match of oldSlice.matchAll(ANCHOR)) defined.add(match[1]);
  for (const name of defined) {
    const alias = new RegExp(`\\*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![^\\s[\\]{},])`, 'g');
    for (const match of text.matchAll(alias)) if (match.index! < start || match.index! >= end) return false;
  }
  return true;
}

/** -1 marks a node js-yaml gives no position (an empty value); it stays unplaced wherever its item moves. */
const shift = (offset: number, delta: number): number => (offset < 0 ? offset : offset + delta);

function shiftProperty(property: PropertyNode, delta: number): void {
  if (delta === 0) return;
  property.offset = shift(property.offset, delta);
  property.end = shift(property.end, delta);
  // Only a key node already made needs moving; the others are made from the entry's offsets when asked for.
  property.keyEnd = shift(property.keyEnd, delta);
  if (property.keyNode) shiftNode(property.keyNode, delta);
  if (property.value) shiftNode(property.value, delta);
}

function shiftNode(node: ValueNode, delta: number): void {
  node.offset = shift(node.offset, delta);
  node.end = shift(node.end, delta);
  if (node.type === 'object') {
    const properties = (node as ObjectNode).properties;
    for (let i = 0; i < properties.length; i++) shiftProperty(properties[i], delta);
  } else if (node.type === 'array') {
    const items = node.items;
    for (let i = 0; i < items.length; i++) shiftNode(items[i], delta);
  } else {
    node.contentOffset = shift(node.contentOffset, delta);
    node.contentEnd = shift(node.contentEnd, delta);
  }
}
