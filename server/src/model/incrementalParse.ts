import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ApiDocument } from './apiDocument';
import type { ObjectNode, PropertyNode, SyntaxProblem } from './nodes';
import { forgetKeyIndex } from './navigate';
import { changedPathItem, findTextChange, pathItemLayout, pathsByParts, type Span, type TextChange } from './textChange';
import { keyOf, newProperty } from './property';
import { aliasNodeBudget, buildTree, onlyEntry, type TreeResult } from './yamlTree';
import { shiftNode, shiftProperty } from './shiftNodes';
import { describeYamlError } from './yamlErrors';

/**
 * Documents whose tree was taken over by a later version: their nodes now carry the later version's offsets.
 */
const retired = new WeakSet<ApiDocument>();

export function isRetired(document: ApiDocument): boolean {
  return retired.has(document);
}

const ANCHOR = /&([^\s[\]{},]+)/g;
/** A character that continues an anchor or alias name: `*ab` is not an alias of `a`. */
const ANCHOR_NAME_CHAR = /[^\s[\]{},]/;
const ALIAS = /\*([^\s[\]{},]+)/g;

/** A document whose tree a later version can be re-parsed from by parts. */
export function isReparseBase(document: ApiDocument): boolean {
  return !!document.root && !isRetired(document) && document.problems.every((p) => p.code === 'duplicate-key');
}

/** The one path item an edit stays inside, and how the text changed. */
interface ItemEdit {
  root: ObjectNode;
  paths: ObjectNode;
  index: number;
  span: Span;
  change: TextChange;
  after: string;
}

function locateItemEdit(previous: ApiDocument, after: string): ItemEdit | undefined {
  if (!isReparseBase(previous)) return undefined;
  const root = previous.root;
  const paths = pathsByParts(root, previous.format);
  if (!root || root.type !== 'object' || !paths || paths.properties.length === 0) return undefined;
  const change = findTextChange(previous.text, after);
  const layout = pathItemLayout(previous.text, previous.format, root, paths);
  const index = changedPathItem(layout, change);
  return index === undefined ? undefined : { root, paths, index, span: layout.spans[index], change, after };
}

/**
 * Re-parses only the path item an edit falls in, when the edit stays inside one path item (below its key in block-style
 * YAML, between its braces in JSON), and moves the rest of the previous tree to its new offsets. Parsing a
 * multi-megabyte definition takes longer than the whole re-validation may; one path item takes a fraction of a
 * millisecond. The previous document is then retired: its tree now belongs to the new one. When the YAML item no longer
 * parses, and the error is one a full parse would report as well, the new version is that error alone, and the previous
 * document stays as it was. Undefined whenever the result could differ from a full parse.
 */
export function reparsePathItem(previous: ApiDocument, next: TextDocument): ApiDocument | undefined {
  if (next.uri !== previous.uri || next.languageId !== previous.textDocument.languageId || !isReparseBase(previous)) return undefined;
  const after = next.getText();
  if (previous.text === after) {
    retired.add(previous);
    return new ApiDocument(next, previous.format, previous.root, previous.problems, previous.aliasNodes);
  }
  const edit = locateItemEdit(previous, after);
  const reparsed = edit && reparseItem(previous, edit);
  if (!edit || !reparsed) return undefined;
  if ('syntaxError' in reparsed) return new ApiDocument(next, previous.format, undefined, [reparsed.syntaxError]);
  const { root, paths, index, change } = edit;
  const delta = change.newEnd - change.oldEnd;
  const pathsProperty = paths.parent as PropertyNode;
  for (let i = index + 1; i < paths.properties.length; i++) shiftProperty(paths.properties[i], delta);
  for (let i = root.properties.indexOf(pathsProperty) + 1; i < root.properties.length; i++) shiftProperty(root.properties[i], delta);
  placeItem(previous.format, root, pathsProperty, index, reparsed.replacement, delta);
  retired.add(previous);
  return new ApiDocument(next, previous.format, root, reparsed.problems, reparsed.aliasNodes);
}

/**
 * Puts the re-parsed item in place and moves the ends of `paths` and the root by the edit. A flow mapping ends at its
 * closing brace, after the edit; a block mapping ends with its last entry, as the tree builder closes it, which is the
 * re-parsed item itself when it comes last. The ends are moved rather than read from the following entries, so that
 * this serves a copy whose following entries keep the base's offsets as well.
 */
function placeItem(format: ApiDocument['format'], root: ObjectNode, pathsProperty: PropertyNode, index: number, replacement: PropertyNode, delta: number): void {
  const paths = pathsProperty.value as ObjectNode;
  replacement.parent = paths;
  paths.properties[index] = replacement;
  forgetKeyIndex(paths);
  paths.end = format === 'yaml' && index === paths.properties.length - 1 ? replacement.end : paths.end + delta;
  pathsProperty.end = paths.end;
  root.end = format === 'yaml' && root.properties[root.properties.length - 1] === pathsProperty ? paths.end : root.end + delta;
}

/**
 * A parse of a patched copy of a document's text, for reading the structure around the patch (completion replaces the
 * word being typed with a placeholder): when the patch stays inside one path item only that item is parsed, and the
 * rest of the tree is shared with the base document, which stays as it was. Offsets in the copy are exact up to the
 * end of the patched item; past it the nodes are the base's, with the base's offsets, and only their values and paths
 * may be read. Undefined when the patch reaches beyond one item or the item does not parse.
 */
export function parsePatchedCopy(base: ApiDocument, copy: TextDocument): ApiDocument | undefined {
  const edit = locateItemEdit(base, copy.getText());
  const reparsed = edit && reparseItem(base, edit);
  if (!edit || !reparsed || 'syntaxError' in reparsed) return undefined;
  const { root, paths, index, change } = edit;
  const pathsProperty = paths.parent as PropertyNode;
  const rootCopy: ObjectNode = { ...root, properties: root.properties.slice() };
  const pathsCopy: ObjectNode = { ...paths, properties: paths.properties.slice() };
  // The copied entry's key node, when made, belongs to the base's entry: the copy makes its own.
  const pathsPropertyCopy = newProperty(rootCopy, pathsProperty.keyValue, pathsProperty.keyStyle, pathsProperty.offset, pathsProperty.keyEnd, pathsCopy, pathsProperty.end, undefined);
  pathsCopy.parent = pathsPropertyCopy;
  rootCopy.properties[root.properties.indexOf(pathsProperty)] = pathsPropertyCopy;
  placeItem(base.format, rootCopy, pathsPropertyCopy, index, reparsed.replacement, change.newEnd - change.oldEnd);
  return new ApiDocument(copy, base.format, rootCopy, reparsed.problems, reparsed.aliasNodes);
}

type ReparsedItem = { replacement: PropertyNode; problems: SyntaxProblem[]; aliasNodes: number } | { syntaxError: SyntaxProblem };

function reparseItem(previous: ApiDocument, edit: ItemEdit): ReparsedItem | undefined {
  return previous.format === 'json' ? reparseJsonItem(previous, edit) : reparseYamlItem(previous, edit);
}

/**
 * The item's lines, key included, parsed as a one-entry block mapping. Its new text must hold no NUL (a full parse
 * reports those as binary content) and use no anchor defined elsewhere.
 */
function reparseYamlItem(previous: ApiDocument, { paths, index, span, change, after }: ItemEdit): ReparsedItem | undefined {
  const before = previous.text;
  const delta = change.newEnd - change.oldEnd;
  const slice = after.slice(span.start, span.end + delta);
  // Without its last line break, the next key's line would run on from the item's last line. Lines are told apart by
  // line feeds here, and YAML also breaks lines at a carriage return alone.
  if ((!slice.endsWith('\n') && span.end + delta < after.length) || /\r(?!\n)/.test(slice)) return undefined;
  if (slice.includes('\0') || !anchorsStayInside(before.slice(span.start, span.end), slice, after, span.start, span.end + delta)) return undefined;
  // The whole document shares one alias budget: the item may spend what the other items leave of it.
  const others = previous.aliasNodes - (previous.aliasNodes ? buildTree(before.slice(span.start, span.end)).aliasNodes : 0);
  const parsed = buildTree(slice, aliasNodeBudget(after.length) - others);
  const old = paths.properties[index];
  if (!parsed.root) return syntaxErrorAsInWhole(parsed, slice, after, span.start, keyOf(old).offset - span.start);
  const replacement = onlyEntry(parsed);
  if (!replacement) return undefined;
  if (replacement.keyValue !== old.keyValue || replacement.keyStyle !== old.keyStyle) return undefined;
  shiftProperty(replacement, span.start);
  // The item's own key, unchanged, may repeat a sibling's: only the whole mapping knows, so that finding is kept.
  return { replacement, problems: spliceProblems(previous.problems, span.start, old.keyEnd, span.end, parsed.problems, delta), aliasNodes: others + parsed.aliasNodes };
}

/**
 * The syntax error of an item's text parsed alone, when a parse of the whole text would stop at the same place with
 * the same reason: every line after the key's is blank or indented deeper than the key, so the item's lines are read
 * in the same state alone as in place, and the parser stops before the item's last line, up to which nothing after
 * the item has been read yet (a bracket or quote left open at the end would run on into the next item in place). The
 * message and its place are then worked out from the whole text, as a full parse does: they may name lines above the
 * item.
 */
function syntaxErrorAsInWhole({ problems, aliasBudgetExceeded, yamlError }: TreeResult, slice: string, after: string, start: number, keyColumn: number): ReparsedItem | undefined {
  // The item's share of the alias budget is not where a full parse runs out of it.
  if (problems.length !== 1 || problems[0].code !== 'yaml-syntax' || aliasBudgetExceeded) return undefined;
  const error = problems[0];
  const lastLine = slice.lastIndexOf('\n', slice.length - 2) + 1;
  if ((yamlError ? yamlError.position : error.offset) >= lastLine) return undefined;
  const lines = slice.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^[ \t]*\r?$/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    if (indent <= keyColumn || line[indent] === '\t') return undefined;
  }
  if (yamlError) return { syntaxError: describeYamlError(after, { reason: yamlError.reason, position: yamlError.position + start }) };
  return { syntaxError: { ...error, offset: error.offset + start, end: error.end + start } };
}

/**
 * The item's object value alone, from brace to brace. JSON has no anchors, and the value must be JSON itself: the rest
 * of the text was, so the whole still is.
 */
function reparseJsonItem(previous: ApiDocument, { paths, index, change, after }: ItemEdit): ReparsedItem | undefined {
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
  const replacement = newProperty(paths, old.keyValue, old.keyStyle, old.offset, old.keyEnd, parsed.root, old.end + delta, undefined);
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
  // The old text too: the item's share of the alias budget is what it counts parsed alone.
  if (!usesOwnAnchorsOnly(newSlice) || !usesOwnAnchorsOnly(oldSlice)) return false;
  const defined = new Set<string>();
  for (const match of newSlice.matchAll(ANCHOR)) defined.add(match[1]);
  for (const match of oldSlice.matchAll(ANCHOR)) defined.add(match[1]);
  // Searched for as plain text, which is many times faster than a regular expression over a large document.
  for (const name of defined) {
    const alias = `*${name}`;
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
      if ((at < start || at >= end) && !ANCHOR_NAME_CHAR.test(text[at + alias.length] ?? ' ')) return false;
    }
  }
  return true;
}

/** Every alias of the text follows an anchor of that name in the same text. */
function usesOwnAnchorsOnly(slice: string): boolean {
  const firstDefinition = new Map<string, number>();
  for (const match of slice.matchAll(ANCHOR)) if (!firstDefinition.has(match[1])) firstDefinition.set(match[1], match.index!);
  for (const match of slice.matchAll(ALIAS)) {
    const at = firstDefinition.get(match[1]);
    if (at === undefined || at > match.index!) return false;
  }
  return true;
}
