import type { TextDocument } from 'vscode-languageserver-textdocument';
import { visit as visitJson, ParseErrorCode, type ParseError } from 'jsonc-parser';
import { ApiDocument, JSON_ONLY } from './apiDocument';
import { jsonErrorProblems } from './jsonErrors';
import type { ObjectNode, PropertyNode, SyntaxProblem, ValueNode } from './nodes';
import { forgetKeyIndex } from './navigate';
import { changedPathItem, findTextChange, lineStart, pathItemLayout, pathsByParts, type PathItemLayout, type Span, type TextChange } from './textChange';
import { keyOf, newProperty } from './property';
import { aliasNodeBudget, buildTree, onlyEntry, type TreeResult } from './yamlTree';
import { shiftNode, shiftProperty } from './shiftNodes';
import { describeYamlError } from './yamlErrors';
import { RBRACE } from './charCodes';

/**
 * Documents whose tree was taken over by a later version: their nodes now carry the later version's offsets.
 */
const retired = new WeakSet<ApiDocument>();

export function isRetired(document: ApiDocument): boolean {
  return retired.has(document);
}

// An anchor or alias starts a node: it follows a blank, the start of a line, a flow indicator or a colon. A `*` or `&`
// after anything else is text (`'*'`, `.*`, `a&b`), which must not cost a full parse.
const ANCHOR = /(?<=^|[\s[{,:])&([^\s[\]{},]+)/gm;
/** A character that continues an anchor or alias name: `*ab` is not an alias of `a`. */
const ANCHOR_NAME_CHAR = /[^\s[\]{},]/;
const ALIAS = /(?<=^|[\s[{,:])\*([^\s[\]{},]+)/gm;
const NODE_START_BEFORE = /[\s[{,:]/;
const ALIAS_NAME = /[^\s[\]{},]+/y;

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
  after: TextSlices;
}

/**
 * A text read in slices: a string, or a patched copy of one that is never joined into a string, since the first
 * slice of a joined multi-megabyte string copies all of it.
 */
export interface TextSlices {
  readonly length: number;
  slice(start: number, end: number): string;
}

/**
 * How one text became another, remembered for the last pair asked: when the edit is not inside one path item, the
 * re-parse by parts that follows compares the same multi-megabyte texts.
 */
let lastChange: { before: string; after: string; change: TextChange } | undefined;

function changeBetween(before: string, after: string): TextChange {
  if (lastChange?.before !== before || lastChange.after !== after) lastChange = { before, after, change: findTextChange(before, after) };
  return lastChange.change;
}

/** The path item layout of documents that patched copies are made from, which completion asks for on every keystroke. */
const layouts = new WeakMap<ApiDocument, PathItemLayout>();

function locateItemEdit(previous: ApiDocument, after: string, known?: undefined): ItemEdit | undefined;
function locateItemEdit(previous: ApiDocument, after: TextSlices, known: TextChange): ItemEdit | undefined;
function locateItemEdit(previous: ApiDocument, after: TextSlices, known?: TextChange): ItemEdit | undefined {
  if (!isReparseBase(previous)) return undefined;
  const root = previous.root;
  const paths = pathsByParts(root, previous.format);
  if (!root || root.type !== 'object' || !paths || paths.properties.length === 0) return undefined;
  const change = known ?? changeBetween(previous.text, after as string);
  let layout = known && layouts.get(previous);
  if (!layout) {
    layout = pathItemLayout(previous.text, previous.format, root, paths);
    if (known) layouts.set(previous, layout);
  }
  const index = changedPathItem(layout, change);
  return index === undefined ? undefined : { root, paths, index, span: layout.spans[index], change, after };
}

/**
 * Re-parses only the path item an edit falls in, when the edit stays inside one path item (below its key in block-style
 * YAML, between its braces in JSON), and moves the rest of the previous tree to its new offsets. Parsing a
 * multi-megabyte definition takes longer than the whole re-validation may; one path item takes a fraction of a
 * millisecond. The previous document is then retired: its tree now belongs to the new one. When the item no longer
 * parses, and its findings are those a full parse would report, the new version is those findings alone, and the
 * previous document stays as it was. Undefined whenever the result could differ from a full parse.
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
  if ('syntaxErrors' in reparsed) return new ApiDocument(next, previous.format, undefined, reparsed.syntaxErrors);
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
 * Re-parses only the part of the document an edit falls in, for an edit `reparsePathItem` does not take (outside
 * `paths`, or too large for one path item's parse alone): the outermost block entry (YAML) or object value (JSON)
 * holding the edit that is at most `MAX_PATCHED_PART` long, parsed alone (see `parsePatchedCopy`); the rest of the
 * previous tree is moved to its new offsets and the previous document retired, as `reparsePathItem` does. A part that
 * no longer parses gives its findings alone when they are those a full parse would report. Undefined whenever the
 * result could differ from a full parse.
 */
export function reparsePart(previous: ApiDocument, next: TextDocument): ApiDocument | undefined {
  if (next.uri !== previous.uri || next.languageId !== previous.textDocument.languageId || !isReparseBase(previous)) return undefined;
  const after = next.getText();
  const change = changeBetween(previous.text, after);
  const delta = change.newEnd - change.oldEnd;
  const format = previous.format;
  const chain = format === 'json' ? jsonParts(previous.root, change) : yamlParts(previous.text, after, previous.root, change);
  const level = chain.findIndex((part) => part.end + delta - part.start <= MAX_PATCHED_PART);
  if (level < 0) return undefined;
  const part = chain[level];
  const parsed = format === 'json' ? reparseJsonPart(after, part, delta) : reparseYamlPart(previous, after, part, delta, true);
  if (!parsed) return undefined;
  if ('syntaxErrors' in parsed) return new ApiDocument(next, format, undefined, parsed.syntaxErrors);
  // An entry the edit added beside the part's must not repeat a key of the mapping: a full parse reports that.
  const others = new Set(part.parent.properties.filter((_, i) => i !== part.index).map((p) => String(p.keyValue)));
  if (parsed.entries.slice(1).some((entry) => others.has(String(entry.keyValue)))) return undefined;
  const keepBefore = part.parent.properties[part.index].keyEnd;
  const problems = spliceProblems(previous.problems, part.start, keepBefore, part.end, parsed.problems, delta);
  placeInTree(format, chain, level, parsed.entries, delta);
  retired.add(previous);
  return new ApiDocument(next, format, previous.root, problems, parsed.aliasNodes);
}

/**
 * Puts the parsed entries in place of the part's entry in the tree itself, moves everything after them by the edit,
 * and the ends of the mappings and entries holding them (a block mapping ends with its last entry).
 */
function placeInTree(format: ApiDocument['format'], chain: Part[], level: number, entries: PropertyNode[], delta: number): void {
  let childEnd = { before: 0, after: 0 };
  for (let l = level; l >= 0; l--) {
    const { parent, index } = chain[l];
    const count = parent.properties.length;
    const end = parent.end;
    let last: PropertyNode;
    if (l === level) {
      parent.properties.splice(index, 1, ...entries);
      for (const entry of entries) entry.parent = parent;
      forgetKeyIndex(parent);
      for (let i = index + entries.length; i < parent.properties.length; i++) shiftProperty(parent.properties[i], delta);
      last = entries[entries.length - 1];
    } else {
      for (let i = index + 1; i < count; i++) shiftProperty(parent.properties[i], delta);
      last = parent.properties[index];
      last.end = last.end === childEnd.before ? childEnd.after : last.end + delta;
    }
    parent.end = format === 'yaml' && index === count - 1 ? last.end : end + delta;
    childEnd = { before: end, after: parent.end };
  }
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
 * word being typed with a placeholder). When the patch stays inside one path item only that item is parsed; otherwise
 * the outermost block entry (YAML) or object value (JSON) holding the patch that is at most `MAX_PATCHED_PART` long.
 * The rest of the tree is shared with the base document, which stays as it was. Offsets in the copy are exact up to
 * the end of the part parsed again; past it the nodes are the base's, with the base's offsets, and only their values
 * and paths may be read. A copy without a tree when the path item's syntax error is one a full parse would report
 * too; undefined when no part holds the patch or the part does not parse alone.
 * `change`: how the base's text became the copy's, when the caller knows it: finding it compares the whole texts.
 */
export function parsePatchedCopy(base: ApiDocument, copy: TextDocument, change?: TextChange, text?: TextSlices): ApiDocument | undefined {
  if (!isReparseBase(base)) return undefined;
  const after = text ?? copy.getText();
  change ??= findTextChange(base.text, copy.getText());
  const edit = locateItemEdit(base, after, change);
  const reparsed = edit && reparseItem(base, edit, true);
  if (reparsed && 'syntaxErrors' in reparsed) return new ApiDocument(copy, base.format, undefined, reparsed.syntaxErrors);
  if (!edit || !reparsed) return patchedPart(base, copy, after, change);
  const { root, paths, index } = edit;
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

/** The longest part of a text parsed again for a patched copy: a few milliseconds of parsing. */
const MAX_PATCHED_PART = 512 * 1024;

/** An entry of a mapping in the base, and the text it stands in: its lines in YAML, its object value in JSON. */
interface Part {
  parent: ObjectNode;
  index: number;
  start: number;
  end: number;
}

function patchedPart(base: ApiDocument, copy: TextDocument, after: TextSlices, change: TextChange): ApiDocument | undefined {
  const delta = change.newEnd - change.oldEnd;
  const chain = base.format === 'json' ? jsonParts(base.root, change) : yamlParts(base.text, after, base.root, change);
  const level = chain.findIndex((part) => part.end + delta - part.start <= MAX_PATCHED_PART);
  if (level < 0) return undefined;
  const part = chain[level];
  const parsed = base.format === 'json' ? reparseJsonPart(after, part, delta) : reparseYamlPart(base, after, part, delta);
  if (!parsed || 'syntaxErrors' in parsed) return undefined;
  const root = placeParts(base.format, chain, level, parsed.entries, delta);
  const keepBefore = part.parent.properties[part.index].keyEnd;
  const problems = spliceProblems(base.problems, part.start, keepBefore, part.end, parsed.problems, delta);
  return new ApiDocument(copy, base.format, root, problems, parsed.aliasNodes);
}

/**
 * The block mapping entries whose lines hold the change below their key's line, outermost first: the root's entry,
 * then the entry of its value, and so on while the value is a block mapping whose keys start their lines.
 */
function yamlParts(text: string, after: TextSlices, root: ValueNode | undefined, change: TextChange): Part[] {
  const chain: Part[] = [];
  let node = root;
  let end = text.length;
  while (node?.type === 'object' && !node.flow && node.properties.length) {
    const entries = node.properties;
    let index = lastStartingBefore(entries, (entry) => lineStart(text, entry.offset), change.start);
    // Whole lines inserted before a key's line go at the end of the entry before it.
    if (index > 0 && lineStart(text, entries[index].offset) === change.start && insertsLines(text, after, change)) index--;
    if (index < 0) break;
    const entry = entries[index];
    const start = lineStart(text, entry.offset);
    if (!/^ *$/.test(text.slice(start, entry.offset)) || entry.offset - start !== entries[0].offset - lineStart(text, entries[0].offset)) break;
    const partEnd = index + 1 < entries.length ? lineStart(text, entries[index + 1].offset) : end;
    const keyLineEnd = text.indexOf('\n', entry.keyEnd);
    if (keyLineEnd < 0 || change.start <= keyLineEnd || change.oldEnd > partEnd) break;
    // An insertion at the very end of an entry could as well belong to the next entry's key line, unless it is whole
    // lines, which come before that line whatever they hold.
    if (change.oldEnd === partEnd && change.start === change.oldEnd && index + 1 < entries.length && !insertsLines(text, after, change)) break;
    chain.push({ parent: node, index, start, end: partEnd });
    node = entry.value;
    end = partEnd;
  }
  return chain;
}

function insertsLines(text: string, after: TextSlices, change: TextChange): boolean {
  return change.newEnd > change.start && (change.start === 0 || text[change.start - 1] === '\n') && after.slice(change.newEnd - 1, change.newEnd) === '\n';
}

/** The entries whose object value holds the change between its braces, outermost first. */
function jsonParts(root: ValueNode | undefined, change: TextChange): Part[] {
  const chain: Part[] = [];
  let node = root;
  while (node?.type === 'object' && node.properties.length) {
    const index = lastStartingBefore(node.properties, (entry) => entry.offset, change.start);
    const value = index < 0 ? undefined : node.properties[index].value;
    if (value?.type !== 'object' || change.start <= value.offset || change.oldEnd >= value.end) break;
    chain.push({ parent: node, index, start: value.offset, end: value.end });
    node = value;
  }
  return chain;
}

/** The index of the last entry starting at or before `offset`, or -1. */
function lastStartingBefore(entries: PropertyNode[], startOf: (entry: PropertyNode) => number, offset: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(entries[mid]) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A part that no longer parses, with the findings a full parse of the whole text makes: then those alone. */
interface SyntaxErrors {
  syntaxErrors: SyntaxProblem[];
}

interface ReparsedPart {
  /** The entry parsed again, followed by any entries the patch added beside it. */
  entries: PropertyNode[];
  problems: SyntaxProblem[];
  aliasNodes: number;
}

/**
 * An entry's lines parsed alone as a block mapping, which reads them as in place when no later line is indented less
 * than the entry's key (a patch may add entries beside it) and no anchor is shared with the rest of the text.
 * `errors`: a syntax error is returned when a full parse would report it as well (see `syntaxErrorAsInWhole`).
 */
function reparseYamlPart(base: ApiDocument, after: TextSlices, part: Part, delta: number, errors = false): ReparsedPart | SyntaxErrors | undefined {
  const slice = after.slice(part.start, part.end + delta);
  if ((!slice.endsWith('\n') && part.end + delta < after.length) || /\r(?!\n)/.test(slice) || slice.includes('\0')) return undefined;
  const old = part.parent.properties[part.index];
  if (!linesStayInside(slice, old.offset - part.start)) return undefined;
  const oldSlice = base.text.slice(part.start, part.end);
  if (!anchorsStayInside(oldSlice, slice, aliasOutsideOfBase(base, part.start, part.end))) return undefined;
  const others = base.aliasNodes - (base.aliasNodes ? buildTree(oldSlice).aliasNodes : 0);
  const parsed = buildTree(slice, aliasNodeBudget(after.length) - others, { explainSyntaxErrors: errors });
  if (!parsed.root && errors && typeof after === 'string') {
    const found = syntaxErrorAsInWhole(parsed, slice, after, part.start, old.offset - part.start);
    return found && 'syntaxErrors' in found ? found : undefined;
  }
  const root = parsed.root;
  if (root?.type !== 'object' || root.flow || parsed.problems.some((p) => p.code !== 'duplicate-key')) return undefined;
  const first = root.properties[0];
  if (!first || first.keyValue !== old.keyValue || first.keyStyle !== old.keyStyle) return undefined;
  for (const entry of root.properties) shiftProperty(entry, part.start);
  return { entries: root.properties, problems: parsed.problems, aliasNodes: others + parsed.aliasNodes };
}

/** Every line after the first is blank, a comment, or indented at least as far as the first, with spaces. */
function linesStayInside(slice: string, column: number): boolean {
  let at = slice.indexOf('\n') + 1;
  while (at > 0 && at < slice.length) {
    let indent = 0;
    while (slice.charCodeAt(at + indent) === 32) indent++;
    const first = slice[at + indent];
    const blank = first === '\n' || first === '\r' || first === '#' || first === undefined;
    if (!blank && (indent < column || first === '\t')) return false;
    at = slice.indexOf('\n', at) + 1;
  }
  return true;
}

/** An object value parsed alone, from brace to brace: the rest of the text was JSON, so the whole still is. */
function reparseJsonPart(after: TextSlices, part: Part, delta: number): ReparsedPart | SyntaxErrors | undefined {
  const old = part.parent.properties[part.index];
  const reparsed = reparseJsonValue(after.slice(part.start, part.end + delta), part.start, part.parent, old, delta, after);
  if (!reparsed || 'syntaxErrors' in reparsed) return reparsed;
  return { entries: [reparsed.replacement], problems: reparsed.problems, aliasNodes: 0 };
}

/**
 * `old`'s object value parsed alone from its text (`slice`, starting at `start`), as the entry that replaces `old`.
 * JSON has no anchors, and the value must be JSON itself: the rest of the text was, so the whole still is. A value
 * that is not gives the whole text's findings when they can be known without reading it (see `brokenJsonValue`).
 */
function reparseJsonValue(slice: string, start: number, parent: ObjectNode, old: PropertyNode, delta: number, after: TextSlices): { replacement: PropertyNode; problems: SyntaxProblem[] } | SyntaxErrors | undefined {
  try {
    JSON.parse(slice);
  } catch {
    const syntaxErrors = brokenJsonValue(slice, start, old, after, delta);
    return syntaxErrors && { syntaxErrors };
  }
  const parsed = buildTree(slice);
  if (parsed.root?.type !== 'object' || parsed.problems.some((p) => p.code !== 'duplicate-key')) return undefined;
  shiftNode(parsed.root, start);
  const replacement = newProperty(parent, old.keyValue, old.keyStyle, old.offset, old.keyEnd, parsed.root, old.end + delta, undefined);
  parsed.root.parent = replacement;
  return { replacement, problems: parsed.problems };
}

/** What js-yaml says of a text that ends inside a flow collection. */
const FLOW_COLLECTION_OPEN_AT_END = 'unexpected end of the stream within a flow collection';

/** A YAML comment: `#` at the start of a line or after a blank. */
const YAML_COMMENT = /(?:^|[ \t])#/;

/**
 * The findings of a full parse of a text that was JSON but for one object value (`slice`, standing at `start`, the
 * value of `old`), when they can be known without reading the whole text, from a skeleton of it (see `jsonSkeleton`).
 * Typing a key in a JSON definition passes through such a version at every keystroke (`"x-am`), and a full parse of a
 * large definition takes a good part of a second to refuse it: the direct parser, YAML and the JSON parser's error
 * pass each read the whole text.
 */
function brokenJsonValue(slice: string, start: number, old: PropertyNode, after: TextSlices, delta: number): SyntaxProblem[] | undefined {
  if (slice.charCodeAt(slice.length - 1) !== RBRACE || slice.includes('\0') || after.slice(0, 1) === '\ufeff') return undefined;
  // A comment on the value's last line runs on over the text after it on that line, which the skeleton does not have.
  if (YAML_COMMENT.test(slice.slice(slice.lastIndexOf('\n') + 1))) return undefined;
  const skeleton = jsonSkeleton(old, slice, after, delta);
  if (!skeleton) return undefined;
  const { text, partAt, tokens } = skeleton;
  const partEnd = partAt + slice.length;
  // A full parse has no tree either when YAML refuses the skeleton inside the value, where it reads as in the whole
  // text, or at its end with a flow collection left open: every string and comment closed, the whole text then has
  // more brackets opened than closed, as JSON values in place of the skeleton's zeros change nothing to that.
  const yaml = buildTree(text, undefined, { explainSyntaxErrors: false }).yamlError;
  if (!yaml || !(yaml.position < partEnd - 1 || (yaml.reason === FLOW_COLLECTION_OPEN_AT_END && yaml.position >= text.length - 1))) return undefined;
  const errors: ParseError[] = [];
  const read = new Set<number>();
  const token = (offset: number) => void read.add(offset);
  try {
    visitJson(text, { onObjectProperty: (_, offset) => token(offset), onLiteralValue: (_, offset) => token(offset), onSeparator: (_, offset) => token(offset), onObjectEnd: token, onError: (error, offset, length) => void errors.push({ error, offset, length }) }, JSON_ONLY);
  } catch {
    // The JSON parser recurses per nesting level: thousands of brackets typed or pasted overflow its stack, and a full
    // parse has its own words for that.
    return undefined;
  }
  let stop = text.length;
  const found: ParseError[] = [];
  for (const error of errors) {
    if (error.offset < partAt) return undefined;
    if (error.offset < partEnd) found.push({ ...error, offset: error.offset - partAt + start });
    else if (error.offset === text.length) found.push({ ...error, offset: after.length });
    else if (error.error === ParseErrorCode.EndOfFileExpected && tokens.has(error.offset)) {
      // The root closed early: the parser stops here, in the whole text as in the skeleton.
      found.push({ ...error, offset: tokens.get(error.offset)! });
      stop = error.offset;
    } else return undefined;
  }
  // Every token after the value was read as a token, none skipped over by the parser recovering from an error: what
  // the skeleton leaves out of the text after the value would have changed what a skip stops at.
  for (const offset of tokens.keys()) if (offset < stop && !read.has(offset)) return undefined;
  // JSON.parse refused the value, yet the skeleton reads without an error: the value may close early and the text
  // after it make up for that, as a full parse would see.
  if (!found.length) return undefined;
  return jsonErrorProblems(found, after);
}

/**
 * The text a JSON parser reads as it reads `after` with `slice` as `old`'s value, written short: the keys leading from
 * the root to `old`, the slice, and after it each enclosing object's remaining entries with `0` for every value, then
 * its closing brace. Everything but the slice was JSON, so the parser meets every token after the slice in the state
 * it meets the token in the whole text, unless it skips tokens to recover from an error or a token of the slice runs
 * on over them (a string or comment left open): either leaves a token unread, which `brokenJsonValue` looks for. A
 * value written as `0` parses without errors wherever a whole value would. `tokens` maps the offset of each token
 * after the slice to its offset in `after`. Undefined when `old` does not hang from the root by object entries alone.
 */
function jsonSkeleton(old: PropertyNode, slice: string, after: TextSlices, delta: number): { text: string; partAt: number; tokens: Map<number, number> } | undefined {
  const levels: PropertyNode[] = [];
  for (let entry: PropertyNode = old; ; ) {
    levels.push(entry);
    const holder = entry.parent.parent;
    if (!holder) break;
    if (holder.type !== 'property') return undefined;
    entry = holder;
  }
  let text = '';
  for (let l = levels.length - 1; l >= 0; l--) text += '{' + after.slice(levels[l].offset, levels[l].keyEnd) + ':';
  const partAt = text.length;
  text += slice;
  const tokens = new Map<number, number>();
  const add = (written: string, at: number) => {
    tokens.set(text.length, at);
    text += written;
  };
  for (const entry of levels) {
    const object = entry.parent;
    const entries = object.properties;
    let previousEnd = entry.end + delta;
    for (let i = entries.indexOf(entry) + 1; i < entries.length; i++) {
      const next = entries[i];
      const keyAt = next.offset + delta;
      const between = after.slice(previousEnd, keyAt);
      const comma = between.indexOf(',');
      if (comma < 0 || next.value === undefined) return undefined;
      add(',', previousEnd + comma);
      add(after.slice(keyAt, next.keyEnd + delta), keyAt);
      const colon = after.slice(next.keyEnd + delta, next.value.offset + delta).indexOf(':');
      if (colon < 0) return undefined;
      add(':', next.keyEnd + delta + colon);
      add('0', next.value.offset + delta);
      previousEnd = next.end + delta;
    }
    add('}', object.end - 1 + delta);
  }
  return { text, partAt, tokens };
}

/**
 * A copy of the root with the parsed entries in place of the part's entry: every mapping and entry on the way down is
 * copied, with its end moved by the patch (a block mapping ends with its last entry), and everything else is shared.
 */
function placeParts(format: ApiDocument['format'], chain: Part[], level: number, entries: PropertyNode[], delta: number): ObjectNode {
  let replacement = entries;
  for (let l = level; ; l--) {
    const { parent, index } = chain[l];
    const copy: ObjectNode = { ...parent, properties: parent.properties.slice() };
    copy.properties.splice(index, 1, ...replacement);
    for (const entry of replacement) entry.parent = copy;
    const last = replacement[replacement.length - 1];
    copy.end = format === 'yaml' && index === parent.properties.length - 1 ? last.end : parent.end + delta;
    if (l === 0) return copy;
    const holder = chain[l - 1].parent.properties[chain[l - 1].index];
    // The holder's key node, when made, belongs to the base's entry: the copy makes its own.
    const holderCopy = newProperty(holder.parent, holder.keyValue, holder.keyStyle, holder.offset, holder.keyEnd, copy, holder.end === parent.end ? copy.end : holder.end + delta, undefined);
    copy.parent = holderCopy;
    replacement = [holderCopy];
  }
}

type ReparsedItem = { replacement: PropertyNode; problems: SyntaxProblem[]; aliasNodes: number } | SyntaxErrors;

/** `patchedCopy`: the item is parsed for a patched copy, which needs no words for a syntax error (see `syntaxErrorAsInWhole`). */
function reparseItem(previous: ApiDocument, edit: ItemEdit, patchedCopy = false): ReparsedItem | undefined {
  return previous.format === 'json' ? reparseJsonItem(previous, edit) : reparseYamlItem(previous, edit, patchedCopy);
}

/**
 * The item's lines, key included, parsed as a one-entry block mapping. Its new text must hold no NUL (a full parse
 * reports those as binary content) and use no anchor defined elsewhere.
 */
function reparseYamlItem(previous: ApiDocument, { paths, index, span, change, after }: ItemEdit, patchedCopy: boolean): ReparsedItem | undefined {
  const before = previous.text;
  const delta = change.newEnd - change.oldEnd;
  const slice = after.slice(span.start, span.end + delta);
  // Without its last line break, the next key's line would run on from the item's last line. Lines are told apart by
  // line feeds here, and YAML also breaks lines at a carriage return alone.
  if ((!slice.endsWith('\n') && span.end + delta < after.length) || /\r(?!\n)/.test(slice)) return undefined;
  const usedOutside = typeof after === 'string' && !patchedCopy ? aliasOutside(after, span.start, span.end + delta) : aliasOutsideOfBase(previous, span.start, span.end);
  if (slice.includes('\0') || !anchorsStayInside(before.slice(span.start, span.end), slice, usedOutside)) return undefined;
  // The whole document shares one alias budget: the item may spend what the other items leave of it.
  const others = previous.aliasNodes - (previous.aliasNodes ? buildTree(before.slice(span.start, span.end)).aliasNodes : 0);
  const parsed = buildTree(slice, aliasNodeBudget(after.length) - others);
  const old = paths.properties[index];
  if (!parsed.root) return syntaxErrorAsInWhole(parsed, slice, patchedCopy || typeof after !== 'string' ? undefined : after, span.start, keyOf(old).offset - span.start);
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
 * message and its place are then worked out from the whole text (`after`), as a full parse does: they may name lines
 * above the item. Without `after` (a patched copy, which needs no words) they are the item's own.
 */
function syntaxErrorAsInWhole({ problems, aliasBudgetExceeded, yamlError }: TreeResult, slice: string, after: string | undefined, start: number, keyColumn: number): ReparsedItem | undefined {
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
  if (yamlError && after !== undefined) return { syntaxErrors: [describeYamlError(after, { reason: yamlError.reason, position: yamlError.position + start })] };
  return { syntaxErrors: [{ ...error, offset: error.offset + start, end: error.end + start }] };
}

/** The item's object value alone, from brace to brace (see `reparseJsonValue`). */
function reparseJsonItem(previous: ApiDocument, { paths, index, change, after }: ItemEdit): ReparsedItem | undefined {
  const old = paths.properties[index];
  const value = old.value!;
  const delta = change.newEnd - change.oldEnd;
  const reparsed = reparseJsonValue(after.slice(value.offset, value.end + delta), value.offset, paths, old, delta, after);
  if (!reparsed || 'syntaxErrors' in reparsed) return reparsed;
  return { replacement: reparsed.replacement, problems: spliceProblems(previous.problems, value.offset, value.offset, value.end, reparsed.problems, delta), aliasNodes: 0 };
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
function anchorsStayInside(oldSlice: string, newSlice: string, usedOutside: (name: string) => boolean): boolean {
  // The old text too: the item's share of the alias budget is what it counts parsed alone.
  if (!usesOwnAnchorsOnly(newSlice) || !usesOwnAnchorsOnly(oldSlice)) return false;
  const defined = new Set<string>();
  for (const match of newSlice.matchAll(ANCHOR)) defined.add(match[1]);
  for (const match of oldSlice.matchAll(ANCHOR)) defined.add(match[1]);
  for (const name of defined) if (usedOutside(name)) return false;
  return true;
}

/** Whether the text has an alias of the name outside `[start, end)`. */
function aliasOutside(text: string, start: number, end: number): (name: string) => boolean {
  return (name) => {
    // Searched for as plain text, which is many times faster than a regular expression over a large document.
    const alias = `*${name}`;
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
      if ((at < start || at >= end) && !ANCHOR_NAME_CHAR.test(text[at + alias.length] ?? ' ') && NODE_START_BEFORE.test(text[at - 1] ?? ' ')) return true;
    }
    return false;
  };
}

/** Where each alias name is used in a base's text, found once for all the patched copies made from it. */
const aliasIndexes = new WeakMap<ApiDocument, Map<string, number[]>>();

/**
 * `aliasOutside` for a patched copy, answered from the base: outside the part parsed again, the copy's text is the
 * base's (`[start, end)` in the base's offsets).
 */
function aliasOutsideOfBase(base: ApiDocument, start: number, end: number): (name: string) => boolean {
  let index = aliasIndexes.get(base);
  if (!index) {
    index = new Map();
    const text = base.text;
    for (let at = text.indexOf('*'); at >= 0; at = text.indexOf('*', at + 1)) {
      if (!NODE_START_BEFORE.test(text[at - 1] ?? ' ')) continue;
      ALIAS_NAME.lastIndex = at + 1;
      const name = ALIAS_NAME.exec(text)?.[0];
      if (!name) continue;
      const uses = index.get(name);
      if (uses) uses.push(at);
      else index.set(name, [at]);
    }
    aliasIndexes.set(base, index);
  }
  const known = index;
  return (name) => (known.get(name) ?? []).some((at) => at < start || at >= end);
}

/**
 * Whether every node of the path item (at `span` before the edit, `delta` longer after it) that is anchored and
 * repeated by an alias outside the item reads the same before and after the edit: the copies elsewhere are then what
 * they were, and so are the findings on them. Judged from the text, over lines that hold at least the whole node.
 */
export function sharedAnchorsUnchanged(before: string, after: string, span: Span, delta: number): boolean {
  const oldSlice = before.slice(span.start, span.end);
  const newSlice = after.slice(span.start, span.end + delta);
  const usedOutside = aliasOutside(after, span.start, span.end + delta);
  const names = new Set<string>();
  for (const match of oldSlice.matchAll(ANCHOR)) names.add(match[1]);
  for (const match of newSlice.matchAll(ANCHOR)) names.add(match[1]);
  for (const name of names) {
    if (!usedOutside(name)) continue;
    const was = anchoredLines(oldSlice, name);
    const is = anchoredLines(newSlice, name);
    // A node that holds an alias reads what another anchor holds, which this does not follow.
    if (was.length !== is.length || was.some((lines, i) => lines !== is[i] || lines.includes('*'))) return false;
  }
  return true;
}

/**
 * For each anchor of the name in the text: from the start of its line through the lines the node can reach, which are
 * those indented deeper than that line, a sequence's entries at the same indentation, and blank and comment lines
 * among them. A quote or bracket after the anchor may open a value that runs on at any indentation: the text's end then.
 */
function anchoredLines(text: string, name: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(ANCHOR)) {
    if (match[1] !== name) continue;
    const start = lineStart(text, match.index!);
    const indent = spacesAt(text, start) - start;
    let end = nextLine(text, match.index!);
    if (/["'[{]/.test(text.slice(match.index!, end))) end = text.length;
    while (end < text.length) {
      const content = spacesAt(text, end);
      const c = text[content];
      const passes = c === '\n' || c === '\r' || c === '#' || content - end > indent || (content - end === indent && c === '-');
      if (!passes) break;
      end = nextLine(text, end);
    }
    found.push(text.slice(start, end));
  }
  return found;
}

function spacesAt(text: string, from: number): number {
  let at = from;
  while (text.charCodeAt(at) === 32) at++;
  return at;
}

function nextLine(text: string, from: number): number {
  const lineFeed = text.indexOf('\n', from);
  return lineFeed < 0 ? text.length : lineFeed + 1;
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
