import type { LoadedFile } from '../templates/templateSchemas';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { ApiDocument, parseApiDocument, withRecoveredTree } from '../../model/apiDocument';
import { isReparseBase, parsePatchedCopy, type TextSlices } from '../../model/incrementalParse';
import { isScalar, keyName, nodeAtOffset, pathOf } from '../../model/navigate';
import type { NodePath, ObjectNode } from '../../model/nodes';
import { columnIndentAt } from './serialize';
import { findTextChange, lineStart as lineStartOf, type TextChange } from '../../model/textChange';
import { keyOf } from '../../model/property';

/**
 * Where the cursor stands for completion: typing a key of some object, or the value of some property. While the
 * user types, the document often does not parse (`  x-amaz` alone on a line is a YAML error, `"x-amaz` an unclosed
 * JSON string), so the structure is read from a copy with the word being typed replaced by a placeholder that parses.
 */
export interface CompletionSite {
  kind: 'key' | 'value';
  /** The document the path was read from: the original, or the patched copy. */
  document: ApiDocument;
  /** The document completion was asked in, whose positions the items' edits use. */
  original: ApiDocument;
  /**
   * Key: the path of the object receiving the key. Value: the path of the property whose value is typed, or of the
   * array item being typed (the path then ends with its index).
   */
  path: NodePath;
  /** Keys the receiving object already has (key sites), the typed one excluded. */
  siblings: string[];
  /** What is typed before the cursor, without an opening quote. */
  prefix: string;
  /** The text a chosen item replaces, in the original document. */
  range: Range;
  /** The quote the typed word opened, if any. */
  quote: '' | '"' | "'";
  /** Column of the word being typed, as spaces: nested lines of an inserted block are indented from here. */
  column: string;
  /** JSON: the key is followed by another property, so an inserted entry needs a trailing comma. */
  needsComma: boolean;
  /** An existing key is being renamed: its colon and value stay, so only the name is replaced. */
  keyOnly: boolean;
  /** Other files already loaded, which schemas in them are completed from (`$ref`s into them). */
  loaded?: LoadedFile;
  /** Inside a YAML flow collection, where an inserted block of several lines would not parse. */
  flow?: true;
  /** JSON: the entry before the key has no trailing comma; accepting an item inserts one here. */
  missingComma?: Position;
}

const PLACEHOLDER = '__apigw_completion__';

/** A site as read from the text, before it is told the document it was asked in. */
type Site = Omit<CompletionSite, 'original'>;

/**
 * `lastParsed`, for a document that does not parse cleanly: an earlier version that did, and how its text became this
 * one's when that is known. The patched copy is then that version with only the part holding the edits since and the
 * patch parsed again (see `parsePatchedCopy`).
 */
export function findCompletionSite(document: ApiDocument, offset: number, lastParsed?: ApiDocument, sinceLastParsed?: TextChange): CompletionSite | undefined {
  if (insideBlockScalar(document, offset)) return undefined;
  const base = isReparseBase(document) ? document : lastParsed;
  const from: Patchable = { original: document, base, sinceBase: base === document ? undefined : sinceLastParsed };
  const site = document.format === 'json' ? jsonSite(from, offset) : yamlSite(from, offset);
  return site && { ...site, original: document };
}

/**
 * An edit computed on the site's document, in the positions of the document completion was asked in. The patched
 * copy differs from it only around the word being typed (and a missing comma before it): edits before that stand
 * where they are, edits after it move by the difference in length. Undefined for an edit inside the patched text.
 */
export function editInOriginal(site: CompletionSite, edit: TextEdit): TextEdit | undefined {
  const copy = site.document;
  const original = site.original;
  if (copy === original) return edit;
  const a = copy.text;
  const b = original.text;
  const { prefix, suffix } = sharedEnds(copy, original);
  const map = (position: Position): Position | undefined => {
    const offset = copy.textDocument.offsetAt(position);
    if (offset <= prefix) return original.textDocument.positionAt(offset);
    if (offset >= a.length - suffix) return original.textDocument.positionAt(offset - a.length + b.length);
    return undefined;
  };
  const start = map(edit.range.start);
  const end = map(edit.range.end);
  return start && end ? { range: { start, end }, newText: edit.newText } : undefined;
}

const SHARED_ENDS = new WeakMap<ApiDocument, { original: ApiDocument; prefix: number; suffix: number }>();

/** How much text a patched copy shares with its original at the start and at the end, measured once per copy. */
function sharedEnds(copy: ApiDocument, original: ApiDocument): { prefix: number; suffix: number } {
  const known = SHARED_ENDS.get(copy);
  if (known?.original === original) return known;
  const { start, oldEnd } = findTextChange(copy.text, original.text);
  const ends = { original, prefix: start, suffix: copy.text.length - oldEnd };
  SHARED_ENDS.set(copy, ends);
  return ends;
}

/** The document completion is asked in, and the version its patched copies are made from by parts. */
interface Patchable {
  original: ApiDocument;
  base: ApiDocument | undefined;
  /** How the base's text became the original's, when they differ and that is known. */
  sinceBase?: TextChange;
}

/** The original's text with `[start, end)` replaced by `text`. */
interface Patch {
  start: number;
  end: number;
  text: string;
}

function insideBlockScalar(document: ApiDocument, offset: number): boolean {
  const node = nodeAtOffset(document.root, offset, true);
  return isScalar(node) && (node.style === 'literal' || node.style === 'folded') && offset > node.offset;
}

/**
 * A text parsed whole for a patched copy at most this long: a larger one takes longer than a keystroke may, and its
 * copy is made by parts from the base or not at all.
 */
export const MAX_WHOLE_REPARSE = 1024 * 1024;

/**
 * The patched copy; only the part of the base holding the patch is parsed again when the base allows. Without a tree
 * when the copy does not parse, or when it would have to be parsed whole and is too large for that.
 */
function reparse(from: Patchable, patch: Patch): ApiDocument {
  // Completion asks again at the same place of one version (the list refined as the user types a filter, a resolve):
  // the copy is made once, which when it is parsed whole takes a large fraction of a second.
  const last = lastCopies.get(from.original);
  if (last && last.start === patch.start && last.end === patch.end && last.text === patch.text && last.base === from.base) return last.copy;
  const copy = patchedCopy(from, patch);
  lastCopies.set(from.original, { ...patch, base: from.base, copy });
  return copy;
}

/** The last patched copy of each version: see `reparse`. */
const lastCopies = new WeakMap<ApiDocument, Patch & { base: ApiDocument | undefined; copy: ApiDocument }>();

function patchedCopy(from: Patchable, patch: Patch): ApiDocument {
  const { original, base } = from;
  const source = original.text;
  const text = source.slice(0, patch.start) + patch.text + source.slice(patch.end);
  const t = original.textDocument;
  const copy = TextDocument.create(t.uri, t.languageId, t.version, text);
  const byParts = base && parsePatchedCopy(base, copy, changeFromBase(from, patch), patchedSlices(source, patch));
  if (byParts) return byParts;
  if (text.length > MAX_WHOLE_REPARSE) return new ApiDocument(copy, original.format, undefined, []);
  // A mistake on another line (a key still without its colon) must not take completion away here: the forgiving parse
  // reads around it.
  return withRecoveredTree(parseApiDocument(copy));
}

/** The patched text read in slices, without joining it into one string (see `TextSlices`). */
function patchedSlices(source: string, { start, end, text }: Patch): TextSlices {
  const insertEnd = start + text.length;
  const shift = end - insertEnd;
  return {
    length: source.length - (end - start) + text.length,
    slice(from, to) {
      let result = '';
      if (from < start) result += source.slice(from, Math.min(to, start));
      if (to > start && from < insertEnd) result += text.slice(Math.max(from, start) - start, Math.min(to, insertEnd) - start);
      if (to > insertEnd) result += source.slice(Math.max(from, insertEnd) + shift, to + shift);
      return result;
    },
  };
}

/**
 * How the base's text becomes the patched copy's, without comparing the whole texts when the base is the original:
 * the patch, less what it leaves as it was at either end. From an earlier base, the region covering both the edits
 * since and the patch.
 */
function changeFromBase({ original, base, sinceBase }: Patchable, patch: Patch): TextChange {
  const source = original.text;
  let start = patch.start;
  let oldEnd = patch.end;
  let newEnd = patch.start + patch.text.length;
  while (start < oldEnd && start < newEnd && source.charCodeAt(start) === patch.text.charCodeAt(start - patch.start)) start++;
  while (oldEnd > start && newEnd > start && source.charCodeAt(oldEnd - 1) === patch.text.charCodeAt(newEnd - 1 - patch.start)) {
    oldEnd--;
    newEnd--;
  }
  if (!base || base === original) return { start, oldEnd, newEnd };
  const since = sinceBase ?? findTextChange(base.text, source);
  if (since.start === since.oldEnd && since.start === since.newEnd) return { start, oldEnd, newEnd };
  const sinceDelta = since.newEnd - since.oldEnd;
  const patchDelta = newEnd - oldEnd;
  return oldEnd > since.newEnd
    ? { start: Math.min(since.start, start), oldEnd: oldEnd - sinceDelta, newEnd }
    : { start: Math.min(since.start, start), oldEnd: since.oldEnd, newEnd: since.newEnd + patchDelta };
}

function parsesCleanly(document: ApiDocument): boolean {
  return !!document.root && !document.problems.some((p) => p.code === 'yaml-syntax' || p.code === 'json-syntax');
}

// A colon inside a plain key is part of it (`overwrite:path`); only a colon followed by a space ends the key.
const YAML_KEY_LINE = /^(\s*(?:-\s+)*)(["']?)([^\s#'"]*)$/;
const YAML_VALUE_LINE = /^(\s*(?:-\s+)*)(["']?)((?:[^:#'"]|:(?=[^\s:]))+?)\2\s*:\s+(.*)$/;

function yamlSite(from: Patchable, offset: number): Site | undefined {
  const document = from.original;
  const text = document.text;
  const lineStart = lineStartOf(text, offset);
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const scan = scanLine(text, lineStart, offset);
  // A bracket may also be text in a plain value (`summary: see [docs`): then the line is read as block YAML.
  const flowSite = scan.open.length ? yamlFlowSite(from, offset, lineStart, lineEnd, scan) : undefined;
  if (flowSite) return flowSite;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, '');
  const keyMatch = YAML_KEY_LINE.exec(before);
  if (keyMatch) {
    const wordStart = lineStart + keyMatch[1].length;
    // A comment after the word may hold a colon of its own (`# note: later`).
    const colon = after.replace(/[ \t]#.*$/, '').search(/:(\s|$)/);
    const rest = colon >= 0 ? after.slice(colon) : ':';
    const wordEnd = offset + (colon >= 0 ? colon : /^[^\s#]*/.exec(after)![0].length);
    const copy = reparse(from, { start: wordStart, end: lineEnd, text: PLACEHOLDER + rest });
    const key = nodeAtOffset(copy.root, wordStart);
    const property = key?.parent?.type === 'property' ? key.parent : undefined;
    if (!property || keyName(property) !== PLACEHOLDER) return undefined;
    return keySite(copy, property.parent, keyMatch[3], document.rangeOf({ offset: wordStart, end: wordEnd }), keyMatch[2] as CompletionSite['quote'], columnIndentAt(text, wordStart), false, colon >= 0);
  }
  const valueMatch = YAML_VALUE_LINE.exec(before);
  if (!valueMatch) return undefined;
  const keyStart = lineStart + valueMatch[1].length;
  const valueStart = offset - valueMatch[4].length;
  const typed = valueMatch[4];
  const quote = typed[0] === '"' || typed[0] === "'" ? (typed[0] as '"' | "'") : '';
  if (/\s#/.test(typed) || (!quote && /^[[{|>&*!]/.test(typed))) return undefined;
  let valueEnd = offset + /^[^\s#'"]*/.exec(after)![0].length;
  if (quote && after[valueEnd - offset] === quote) valueEnd++;
  let source = document;
  if (!parsesCleanly(document)) source = reparse(from, { start: valueStart, end: valueEnd, text: PLACEHOLDER });
  const key = nodeAtOffset(source.root, keyStart);
  const property = key?.parent?.type === 'property' ? key.parent : undefined;
  if (!property || keyOf(property) !== key) return undefined;
  return {
    kind: 'value',
    document: source,
    path: pathOf(keyOf(property)),
    siblings: [],
    prefix: quote ? typed.slice(1) : typed,
    range: document.rangeOf({ offset: valueStart, end: valueEnd }),
    quote,
    column: columnIndentAt(text, keyStart),
    needsComma: false,
    keyOnly: false,
  };
}

function keySite(copy: ApiDocument, object: ObjectNode, prefix: string, range: Range, quote: CompletionSite['quote'], column: string, needsComma: boolean, keyOnly: boolean): Site {
  return {
    kind: 'key',
    document: copy,
    path: pathOf(object),
    siblings: object.properties.map(keyName).filter((k) => k !== PLACEHOLDER),
    prefix,
    range,
    quote,
    column,
    needsComma,
    keyOnly,
  };
}

const JSON_STOP = '"\n{}[],:';
/** The last character of a JSON value: a key typed after one is a new entry whose comma is still missing. */
const VALUE_END = /["}\]\w]/;

/** The opening quote of the JSON string the offset is in, if any: strings never span lines, so the line tells. */
function openStringStart(text: string, offset: number): number {
  let open = -1;
  for (let i = lineStartOf(text, offset); i < offset; i++) {
    if (text[i] === '\\' && open >= 0) i++;
    else if (text[i] === '"') open = open >= 0 ? -1 : i;
  }
  return open;
}

function jsonSite(from: Patchable, offset: number): Site | undefined {
  const document = from.original;
  const text = document.text;
  const open = openStringStart(text, offset);
  let start = offset;
  let quote: CompletionSite['quote'] = '';
  if (open >= 0) {
    start = open;
    quote = '"';
  } else {
    // Outside a string, a quote before the word closes the value before it (`"http" |`): the word starts after the blanks.
    while (start > 0 && !JSON_STOP.includes(text[start - 1])) start--;
    while (start < offset && /\s/.test(text[start])) start++;
  }
  // Inside a string a colon is text (`"overwrite:path"`), not the end of a key.
  const stops = open >= 0 ? JSON_STOP.replace(':', '') : JSON_STOP;
  let end = offset;
  while (end < text.length && !stops.includes(text[end])) end++;
  if (quote && text[end] === '"') end++;
  else if (!quote) while (end > offset && /\s/.test(text[end - 1])) end--;
  let previous = start - 1;
  while (previous >= 0 && /\s/.test(text[previous])) previous--;
  const before = text[previous];
  const prefix = text.slice(quote ? start + 1 : start, offset);
  const range = document.rangeOf({ offset: start, end });
  let next = end;
  while (next < text.length && /\s/.test(text[next])) next++;
  const keyOnly = text[next] === ':';
  const needsComma = !keyOnly && text[next] === '"';
  const column = columnIndentAt(text, start);
  // A key typed after an entry that lacks its comma: blank space between them tells a value just ended from the
  // cursor standing right after a closing quote. The copy gets the comma, and so does the item.
  const missingComma = VALUE_END.test(before ?? '') && previous < start - 1;
  if (missingComma || before === '{' || before === ',') {
    const entry = `"${PLACEHOLDER}"${keyOnly ? '' : `: null${needsComma ? ',' : ''}`}`;
    const patch = missingComma ? { start: previous + 1, end, text: `,${text.slice(previous + 1, start)}${entry}` } : { start, end, text: entry };
    const copy = reparse(from, patch);
    const key = nodeAtOffset(copy.root, missingComma ? start + 1 : start);
    const property = key?.parent?.type === 'property' ? key.parent : undefined;
    if (property && keyName(property) === PLACEHOLDER) {
      const site = keySite(copy, property.parent, prefix, range, quote, column, needsComma, keyOnly);
      return missingComma ? { ...site, missingComma: document.textDocument.positionAt(previous + 1) } : site;
    }
    if (missingComma || before === '{') return undefined;
  }
  if (before === '[' || before === ',') {
    const copy = reparse(from, { start, end, text: `"${PLACEHOLDER}"${needsComma ? ',' : ''}` });
    const item = nodeAtOffset(copy.root, start);
    if (!isScalar(item) || item.value !== PLACEHOLDER || item.parent?.type !== 'array') return undefined;
    return { kind: 'value', document: copy, path: pathOf(item), siblings: [], prefix, range, quote, column, needsComma, keyOnly: false };
  }
  if (before !== ':') return undefined;
  let keyEnd = previous - 1;
  while (keyEnd >= 0 && /\s/.test(text[keyEnd])) keyEnd--;
  const keyStart = text.lastIndexOf('"', keyEnd - 1);
  if (text[keyEnd] !== '"' || keyStart < 0) return undefined;
  let source = document;
  if (!parsesCleanly(document)) source = reparse(from, { start, end, text: `"${PLACEHOLDER}"${needsComma ? ',' : ''}` });
  const key = nodeAtOffset(source.root, keyStart);
  const property = key?.parent?.type === 'property' ? key.parent : undefined;
  if (!property || keyOf(property) !== key) return undefined;
  return { kind: 'value', document: source, path: pathOf(keyOf(property)), siblings: [], prefix, range, quote, column, needsComma, keyOnly: false };
}

interface LineScan {
  /** Offsets of the flow collections (`{` or `[`) still open, outermost first. */
  open: number[];
  /** Offset of the quote of a string still open, or -1. */
  quote: number;
}

/**
 * What is still open at `offset` on its line. Quotes are followed so that brackets inside strings do not count; a quote
 * opens a string only where a scalar can start (after a blank or `:`, and in a flow collection also after `,`, `[` or
 * `{`), otherwise it is text; a comment ends the scan.
 */
function scanLine(text: string, from: number, offset: number): LineScan {
  const open: number[] = [];
  let quote = -1;
  for (let i = from; i < offset; i++) {
    const c = text[i];
    if (quote >= 0) {
      const q = text[quote];
      if (c === '\\' && q === '"') i++;
      else if (c === q && q === "'" && text[i + 1] === "'") i++;
      else if (c === q) quote = -1;
      continue;
    }
    const before = i > from ? text[i - 1] : ' ';
    if ((c === '"' || c === "'") && (open.length ? /[\s:,[{]/ : /[\s:]/).test(before)) quote = i;
    else if (c === '#' && /\s/.test(before)) break;
    else if (c === '{' || c === '[') open.push(i);
    else if ((c === '}' || c === ']') && open.length) open.pop();
  }
  return { open, quote };
}

const FLOW_STOP = /[\s{}[\],]/;

/**
 * A key or value typed inside a YAML flow collection (`schema: {$ref: '#/comp|'}`): the word is replaced by the
 * placeholder, and collections the user has not closed yet are closed at the end of the line, so that the copy parses.
 */
function yamlFlowSite(from: Patchable, offset: number, lineStart: number, lineEnd: number, scan: LineScan): Site | undefined {
  const document = from.original;
  const text = document.text;
  const innermost = text[scan.open[scan.open.length - 1]];
  const quoteStart = scan.quote;
  let start = offset;
  let quote: CompletionSite['quote'] = '';
  if (quoteStart >= 0) {
    start = quoteStart;
    quote = text[quoteStart] as '"' | "'";
  } else {
    while (start > lineStart && !FLOW_STOP.test(text[start - 1]) && !(text[start - 1] === ':' && /\s/.test(text[start] ?? ''))) start--;
  }
  let end = offset;
  if (quote) {
    const close = text.indexOf(quote, offset);
    end = close >= 0 && close < lineEnd ? close + 1 : offset;
  } else {
    while (end < lineEnd && !FLOW_STOP.test(text[end]) && !(text[end] === ':' && /\s/.test(text[end + 1] ?? ' '))) end++;
  }
  let previous = start - 1;
  while (previous > lineStart && text[previous] === ' ') previous--;
  const before = text[previous];
  let next = end;
  while (next < lineEnd && text[next] === ' ') next++;
  const keyOnly = text[next] === ':';
  const isKey = innermost === '{' && (before === '{' || before === ',');
  const word = isKey && !keyOnly ? `${PLACEHOLDER}: null` : PLACEHOLDER;
  const patchedLine = text.slice(lineStart, start) + word + text.slice(end, lineEnd);
  const stillOpen = scanLine(patchedLine, 0, patchedLine.length).open;
  const closers = stillOpen.reverse().map((i) => (patchedLine[i] === '{' ? '}' : ']')).join('');
  const copy = reparse(from, { start: lineStart, end: lineEnd, text: patchedLine + closers });
  if (!copy.root) return undefined;
  const node = nodeAtOffset(copy.root, start);
  if (!isScalar(node) || node.value !== PLACEHOLDER) return undefined;
  const range = document.rangeOf({ offset: start, end });
  const prefix = text.slice(quote ? start + 1 : start, offset);
  const column = columnIndentAt(text, start);
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  if (isKey && property && keyOf(property) === node) return { ...keySite(copy, property.parent, prefix, range, quote, column, false, keyOnly), flow: true };
  if (property && property.value === node) {
    return { kind: 'value', document: copy, path: pathOf(keyOf(property)), siblings: [], prefix, range, quote, column, needsComma: false, keyOnly: false, flow: true };
  }
  if (node.parent?.type === 'array') {
    return { kind: 'value', document: copy, path: pathOf(node), siblings: [], prefix, range, quote, column, needsComma: false, keyOnly: false, flow: true };
  }
  return undefined;
}
