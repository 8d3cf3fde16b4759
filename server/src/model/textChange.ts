import type { DocumentFormat, ObjectNode, PropertyNode, ValueNode } from './nodes';
import { keyOf } from './property';

/** The one region where two versions of a text differ: `[start, oldEnd)` became `[start, newEnd)`. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export function findTextChange(before: string, after: string): TextChange {
  const limit = Math.min(before.length, after.length);
  // Comparing whole blocks is native work; only the block holding the first difference is scanned character by character.
  let start = 0;
  while (start + BLOCK <= limit && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd - BLOCK >= start && newEnd - BLOCK >= start && before.slice(oldEnd - BLOCK, oldEnd) === after.slice(newEnd - BLOCK, newEnd)) {
    oldEnd -= BLOCK;
    newEnd -= BLOCK;
  }
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** Large enough that a multi-megabyte text takes a few hundred comparisons; a block scanned by character is quick. */
const BLOCK = 65536;

/** The block mapping under the root's `paths`, when written in block style (the only YAML form re-parsed by parts). */
export function blockPaths(root: ValueNode | undefined): ObjectNode | undefined {
  const paths = root?.type === 'object' && !root.flow ? pathsOf(root) : undefined;
  return paths && !paths.flow ? paths : undefined;
}

/** The `paths` mapping whose items can be re-parsed and re-checked one by one: block style in YAML; in JSON, any. */
export function pathsByParts(root: ValueNode | undefined, format: DocumentFormat): ObjectNode | undefined {
  if (format === 'yaml') return blockPaths(root);
  return root?.type === 'object' ? pathsOf(root) : undefined;
}

function pathsOf(root: ObjectNode): ObjectNode | undefined {
  const paths = root.properties.find((p) => p.keyValue === 'paths')?.value;
  return paths?.type === 'object' ? paths : undefined;
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Where each path item stands, and from where it can be edited and still be the same item: an edit that starts at or
 * before `editableAfter` touches its key (in JSON, its opening brace), so the item cannot be re-parsed alone.
 */
export interface PathItemLayout {
  spans: Span[];
  editableAfter: number[];
}

export function pathItemLayout(text: string, format: DocumentFormat, root: ObjectNode, paths: ObjectNode): PathItemLayout {
  if (format === 'yaml') return { spans: pathItemSpans(text, root, paths), editableAfter: keyLineEnds(text, paths.properties) };
  // In JSON an item is its key and its value, wherever the lines break. An object value is editable between its
  // braces: from its opening brace on, the key is behind, and its closing brace is where its span ends. Any other
  // value counts as part of the key.
  const spans: Span[] = [];
  const editableAfter: number[] = [];
  for (const item of paths.properties) {
    const value = item.value;
    const editable = value?.type === 'object';
    const end = value ? value.end : item.end;
    spans.push({ start: item.offset, end: editable ? end - 1 : end });
    editableAfter.push(editable ? value.offset : end);
  }
  return { spans, editableAfter };
}

/**
 * The source lines of each YAML path item: from the start of its key's line to the start of the next item's key line
 * (the last item ends where the next root key's line starts, or at the end of the text).
 */
function pathItemSpans(text: string, root: ObjectNode, paths: ObjectNode): Span[] {
  const items = paths.properties;
  const pathsIndex = root.properties.findIndex((p) => p.value === paths);
  const after = root.properties[pathsIndex + 1];
  const last = after ? lineStart(text, keyOf(after).offset) : text.length;
  return items.map((item, i) => ({ start: lineStart(text, keyOf(item).offset), end: i + 1 < items.length ? lineStart(text, keyOf(items[i + 1]).offset) : last }));
}

/** Where the line holding `offset` starts; at offset 0 the search must not look at the character under the offset. */
export function lineStart(text: string, offset: number): number {
  return offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
}

/** Where each YAML path item's key line ends: edits up to there change the key, so the item is another one. */
function keyLineEnds(text: string, items: PropertyNode[]): number[] {
  return items.map((item) => {
    const end = text.indexOf('\n', keyOf(item).end);
    return end < 0 ? text.length : end;
  });
}

/**
 * The index of the path item whose span holds the whole change, past its key's end (a changed key is a different
 * path item); undefined when the change reaches beyond one item.
 */
export function changedPathItem({ spans, editableAfter }: PathItemLayout, change: TextChange): number | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= change.start) lo = mid + 1;
    else if (spans[mid].start > change.start) hi = mid - 1;
    else {
      if (change.start <= editableAfter[mid] || change.oldEnd > spans[mid].end) return undefined;
      // An insertion at the very end of a span could as well belong to the next item's key line.
      if (change.oldEnd === spans[mid].end && change.start === change.oldEnd && mid + 1 < spans.length) return undefined;
      return mid;
    }
  }
  return undefined;
}
