import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ApiDocument } from './apiDocument';
import type { ObjectNode, PropertyNode, SyntaxProblem, ValueNode } from './nodes';
import { blockPaths, changedPathItem, findTextChange, keyLineEnds, pathItemSpans } from './textChange';
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
 * Re-parses only the path item an edit falls in, when the edit stays inside one path item of a block-style YAML
 * definition, and moves the rest of the previous tree to its new offsets. Parsing a multi-megabyte definition takes
 * longer than the whole re-validation may; one path item takes a fraction of a millisecond. The previous document is
 * retired: its tree now belongs to the new one. Undefined whenever the result could differ from a full parse.
 */
export function reparsePathItem(previous: ApiDocument, next: TextDocument): ApiDocument | undefined {
  if (next.uri !== previous.uri || next.languageId !== previous.textDocument.languageId) return undefined;
  if (previous.format !== 'yaml' || isRetired(previous) || previous.problems.some((p) => p.code !== 'duplicate-key')) return undefined;
  const root = previous.root;
  const paths = blockPaths(root);
  if (!root || root.type !== 'object' || !paths || paths.properties.length === 0) return undefined;
  const before = previous.text;
  const after = next.getText();
  if (before === after) {
    retired.add(previous);
    return new ApiDocument(next, 'yaml', root, previous.problems, previous.aliasNodes);
  }
  const change = findTextChange(before, after);
  const spans = pathItemSpans(before, root, paths);
  const index = changedPathItem(spans, keyLineEnds(before, paths.properties), change);
  if (index === undefined) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const span = spans[index];
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
  replacement.parent = paths;
  paths.properties[index] = replacement;
  for (let i = index + 1; i < paths.properties.length; i++) shiftProperty(paths.properties[i], delta);
  const pathsProperty = paths.parent as PropertyNode;
  const rootIndex = root.properties.indexOf(pathsProperty);
  for (let i = rootIndex + 1; i < root.properties.length; i++) shiftProperty(root.properties[i], delta);
  // A block mapping ends with its last entry, as the tree builder closes it (the edited item may be that entry).
  paths.end = paths.properties[paths.properties.length - 1].end;
  pathsProperty.end = paths.end;
  root.end = root.properties[root.properties.length - 1].end;

  const problems: SyntaxProblem[] = [];
  // The item's own key, unchanged, may repeat a sibling's: only the whole mapping knows, so that finding is kept.
  const keyEnd = old.keyEnd;
  for (const p of previous.problems) {
    if (p.offset < span.start || (p.code === 'duplicate-key' && p.offset < keyEnd)) problems.push(p);
  }
  for (const p of parsed.problems) problems.push({ ...p, offset: p.offset + span.start, end: p.end + span.start });
  for (const p of previous.problems) {
    if (p.offset >= span.end) problems.push({ ...p, offset: p.offset + delta, end: p.end + delta });
  }
  retired.add(previous);
  return new ApiDocument(next, 'yaml', root, problems, others + parsed.aliasNodes);
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
