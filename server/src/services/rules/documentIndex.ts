import type { ApiDocument } from '../../model/apiDocument';
import type { ArrayNode, ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import { AMAZON_KEY_PREFIX, extensionsInOrder, type KeysNoted } from '../../model/yamlTree';
import { foreignPlaceholder, isIntrinsic } from './unprocessedValues';
import { firstIndexNotBefore } from '../../util/sortedSearch';

/** An entry whose key starts with `x-amazon`. */
export type ExtensionOccurrence = PropertyNode;

/** A `$ref` entry with a string value; the object holding it is its `parent`. */
export interface RefOccurrence extends PropertyNode {
  value: ScalarNode;
}

/** What the rules of a validation look for everywhere in the tree, found once and shared by all of them. */
export interface DocumentIndex {
  /** Every `x-amazon-*` key, wherever it stands: the API Gateway extensions and possible misspellings of them. */
  extensions: ExtensionOccurrence[];
  refs: RefOccurrence[];
  /** The first CloudFormation intrinsic or foreign `${...}` placeholder, and what it is. */
  firstUnprocessed?: { node: ValueNode; what: string };
  /**
   * Whether any value of the tree is unprocessed, templates' own placeholders included: when none is, `isUnprocessed`
   * answers false for every node of the tree, and rules may skip asking it.
   */
  holdsUnprocessed: boolean;
}

const cache = new WeakMap<ApiDocument, DocumentIndex>();

export function indexDocument(document: ApiDocument): DocumentIndex {
  let index = cache.get(document);
  if (!index) {
    const noted = document.noted;
    // The index keeps what it needs of the parser's notes; the document, which outlives a validation, need not.
    document.noted = undefined;
    index = (noted && fromNotes(document, noted)) || walkIndex(document.root, mayHoldPlaceholders(document.text));
    cache.set(document, index);
  }
  return index;
}

/**
 * The index from what the parser noted, undefined where only a walk finds it all. A walk stops at an intrinsic
 * function's object, so keys inside one are not indexed: a tree with intrinsic keys is walked. Placeholders are found
 * in the text and looked up in the tree, unless escapes could spell one where the text shows none, or aliases copy
 * strings.
 */
function fromNotes(document: ApiDocument, noted: KeysNoted): DocumentIndex | undefined {
  const text = document.text;
  if (noted.intrinsicKeys || holdsEscapeThatCouldSpellOne(text)) return undefined;
  // A copy's strings stand where its alias is written, which shows no `${`.
  if (noted.copies && text.includes('${')) return undefined;
  const found = placeholdersInText(document.root, text);
  return { extensions: extensionsInOrder(noted), refs: noted.refs as RefOccurrence[], firstUnprocessed: found.first, holdsUnprocessed: found.holds || found.first !== undefined };
}

/**
 * The strings the text shows a `${` in, judged as the walk judges them, in text order: the first foreign placeholder
 * outside templates, and whether templates hold any.
 */
function placeholdersInText(root: ValueNode | undefined, text: string): { first?: { node: ValueNode; what: string }; holds: boolean } {
  let holds = false;
  let checked: ScalarNode | undefined;
  for (let at = text.indexOf('${'); at >= 0; at = text.indexOf('${', at + 2)) {
    const scalar = stringValueAt(root, at);
    if (!scalar || scalar === checked) continue;
    checked = scalar;
    const placeholder = foreignPlaceholder(scalar.value as string);
    if (placeholder === undefined) continue;
    if (!inTemplateMap(scalar)) return { first: { node: scalar, what: placeholder }, holds };
    holds = true;
  }
  return { holds };
}

/** The string value whose source holds `offset`: not a key, a comment or the space between entries. */
function stringValueAt(root: ValueNode | undefined, offset: number): ScalarNode | undefined {
  let node = root;
  while (node && offset >= node.offset && offset < node.end) {
    if (node.type === 'object') {
      const property = childAt(node.properties, offset);
      if (!property || offset < property.keyEnd) return undefined;
      node = property.value;
    } else if (node.type === 'array') {
      node = childAt(node.items, offset);
    } else {
      return node.type === 'string' ? node : undefined;
    }
  }
  return undefined;
}

/** The child whose range holds `offset`, by binary search: a tree without copies lists its children in text order. */
function childAt<T extends { offset: number; end: number }>(children: T[], offset: number): T | undefined {
  const child = children[firstIndexNotBefore(children.length, (i) => children[i].end <= offset)];
  return child && child.offset <= offset ? child : undefined;
}

/**
 * A value of `requestTemplates` or `responseTemplates`, or that value itself when it is a string: where `${...}` is
 * Velocity's formal reference syntax, not a placeholder.
 */
function inTemplateMap(scalar: ScalarNode): boolean {
  const owner = scalar.parent;
  if (owner?.type !== 'property') return false;
  if (isTemplatesKey(owner.keyValue)) return true;
  const map = owner.parent.parent;
  return map?.type === 'property' && isTemplatesKey(map.keyValue);
}

function isTemplatesKey(key: PropertyNode['keyValue']): boolean {
  return key === 'requestTemplates' || key === 'responseTemplates';
}

/**
 * Most definitions hold no `${` at all: one search of the text spares reading every string for it. An escaped `$` or
 * `{`, or an escaped line break joining `$` and `{` in a double-quoted string, could spell one, so those texts are
 * searched string by string.
 */
function mayHoldPlaceholders(text: string): boolean {
  return text.includes('${') || holdsEscapeThatCouldSpellOne(text);
}

/** What follows the backslash of an escape that could spell `$` or `{`, or join them across a line break. */
const ESCAPE_THAT_COULD_SPELL_ONE = /(?:x24|x7[bB]|u0024|u007[bB]|U00000024|U0000007[bB]|\r?\n)/y;

/**
 * Whether the text holds such an escape. Its backslashes are found by `indexOf`, which skips the text natively several
 * times faster than a regular expression that starts with a backslash does; a definition with templates has thousands
 * of backslashes (`\"` in JSON bodies), and the pattern is tried only after each.
 */
function holdsEscapeThatCouldSpellOne(text: string): boolean {
  for (let at = text.indexOf('\\'); at >= 0; at = text.indexOf('\\', at + 1)) {
    ESCAPE_THAT_COULD_SPELL_ONE.lastIndex = at + 1;
    if (ESCAPE_THAT_COULD_SPELL_ONE.test(text)) return true;
  }
  return false;
}

/** Whether a document holds no unprocessed value at all, so that `isUnprocessed` is false for all of its nodes. */
export function fullyProcessed(document: ApiDocument): boolean {
  return !indexDocument(document).holdsUnprocessed;
}

interface Walk extends DocumentIndex {
  placeholders: boolean;
}

/** The index by a walk of the whole tree. */
export function walkIndex(root: ValueNode | undefined, placeholders: boolean): DocumentIndex {
  const walk: Walk = { extensions: [], refs: [], firstUnprocessed: undefined, holdsUnprocessed: false, placeholders };
  if (root) visitValue(walk, root);
  return { extensions: walk.extensions, refs: walk.refs, firstUnprocessed: walk.firstUnprocessed, holdsUnprocessed: walk.holdsUnprocessed || walk.firstUnprocessed !== undefined };
}

function visitValue(walk: Walk, node: ValueNode): void {
  const type = node.type;
  if (type === 'object') visitObject(walk, node);
  else if (type === 'array') visitArray(walk, node);
  else if (walk.firstUnprocessed === undefined && (node.tag !== undefined || (walk.placeholders && type === 'string'))) visitScalar(walk, node);
}

function visitObject(walk: Walk, node: ObjectNode): void {
  const props = node.properties;
  if (walk.firstUnprocessed === undefined && isIntrinsic(node)) {
    walk.firstUnprocessed = { node, what: node.tag ?? String(props[0].keyValue) };
    return;
  }
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    const key = p.keyValue;
    const value = p.value;
    if (typeof key === 'string') {
      if (key.startsWith(AMAZON_KEY_PREFIX)) walk.extensions.push(p);
      else if (key === '$ref' && value !== undefined && value.type === 'string') walk.refs.push(p as RefOccurrence);
    }
    if (value !== undefined) visitValue(walk, value);
  }
}

function visitArray(walk: Walk, node: ArrayNode): void {
  if (walk.firstUnprocessed === undefined && node.tag !== undefined && isIntrinsic(node)) walk.firstUnprocessed = { node, what: node.tag };
  const items = node.items;
  for (let i = 0; i < items.length; i++) visitValue(walk, items[i]);
}

function visitScalar(walk: Walk, node: ScalarNode): void {
  if (node.tag !== undefined && isIntrinsic(node)) {
    walk.firstUnprocessed = { node, what: node.tag };
    return;
  }
  if (!walk.placeholders || node.type !== 'string') return;
  const value = node.value as string;
  if (!value.includes('${')) return;
  const placeholder = foreignPlaceholder(value);
  if (placeholder === undefined) return;
  if (inTemplateMap(node)) walk.holdsUnprocessed = true;
  else walk.firstUnprocessed = { node, what: placeholder };
}

/**
 * The `$ref` values written inside a node, in text order, found without reading every reference of the document: a
 * target in a shared file is one of many, and each is looked into.
 */
export function refsInside(document: ApiDocument, node: ValueNode): ScalarNode[] {
  const refs = refsByOffset(document);
  const lo = firstIndexNotBefore(refs.length, (i) => refs[i].offset < node.offset);
  const inside: ScalarNode[] = [];
  for (let i = lo; i < refs.length && refs[i].offset <= node.end; i++) if (refs[i].end <= node.end) inside.push(refs[i]);
  return inside;
}

/**
 * The index lists references in the order it visits nodes. The parsers build trees in text order, but nothing
 * promises it where YAML aliases copy nodes: a list out of order is sorted once.
 */
function refsByOffset(document: ApiDocument): ScalarNode[] {
  let sorted = refsInOrder.get(document);
  if (!sorted) {
    const values = indexDocument(document).refs.map((r) => r.value);
    const ordered = values.every((v, i) => i === 0 || values[i - 1].offset <= v.offset);
    // A stable sort: references that share an offset (an alias's copies) keep the index's order.
    sorted = ordered ? values : values.sort((a, b) => a.offset - b.offset);
    refsInOrder.set(document, sorted);
  }
  return sorted;
}

const refsInOrder = new WeakMap<ApiDocument, ScalarNode[]>();
