import type { ApiDocument } from '../../model/apiDocument';
import type { ArrayNode, ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import { foreignPlaceholder, isIntrinsic } from './unprocessedValues';
import { firstIndexNotBefore } from '../../util/sortedSearch';

export interface ExtensionOccurrence {
  property: PropertyNode;
}

export interface RefOccurrence {
  /** The `$ref` string value. */
  value: ScalarNode;
  owner: ObjectNode;
}

/** What one walk of the tree finds, shared by every rule of a validation run. */
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

const PREFIX = 'x-amazon';

const cache = new WeakMap<ApiDocument, DocumentIndex>();

export function indexDocument(document: ApiDocument): DocumentIndex {
  let index = cache.get(document);
  if (!index) {
    index = buildIndex(document.root, mayHoldPlaceholders(document.text));
    cache.set(document, index);
  }
  return index;
}

/**
 * Most definitions hold no `${` at all: one search of the text spares reading every string for it. An escaped `$` or
 * `{`, or an escaped line break joining `$` and `{` in a double-quoted string, could spell one, so those texts are
 * searched string by string.
 */
function mayHoldPlaceholders(text: string): boolean {
  return text.includes('${') || ESCAPES_THAT_COULD_SPELL_ONE.test(text);
}

const ESCAPES_THAT_COULD_SPELL_ONE = /\\(?:x24|x7[bB]|u0024|u007[bB]|U00000024|U0000007[bB]|\r?\n)/;

/** Whether a document holds no unprocessed value at all, so that `isUnprocessed` is false for all of its nodes. */
export function fullyProcessed(document: ApiDocument): boolean {
  return !indexDocument(document).holdsUnprocessed;
}

interface Walk extends DocumentIndex {
  placeholders: boolean;
}

function buildIndex(root: ValueNode | undefined, placeholders: boolean): DocumentIndex {
  const walk: Walk = { extensions: [], refs: [], firstUnprocessed: undefined, holdsUnprocessed: false, placeholders };
  if (root) visitValue(walk, root, false);
  return { extensions: walk.extensions, refs: walk.refs, firstUnprocessed: walk.firstUnprocessed, holdsUnprocessed: walk.holdsUnprocessed || walk.firstUnprocessed !== undefined };
}

/** `inTemplates`: a value of a map of mapping templates, where `${...}` is Velocity's formal reference syntax. */
function visitValue(walk: Walk, node: ValueNode, inTemplates: boolean): void {
  const type = node.type;
  if (type === 'object') visitObject(walk, node);
  else if (type === 'array') visitArray(walk, node);
  else if (walk.firstUnprocessed === undefined && (node.tag !== undefined || (walk.placeholders && type === 'string'))) visitScalar(walk, node, inTemplates);
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
      if (key.startsWith(PREFIX)) walk.extensions.push({ property: p });
      else if (key === '$ref' && value !== undefined && value.type === 'string') walk.refs.push({ value, owner: node });
    }
    if (value !== undefined) visitValue(walk, value, key === 'requestTemplates' || key === 'responseTemplates');
  }
}

function visitArray(walk: Walk, node: ArrayNode): void {
  if (walk.firstUnprocessed === undefined && node.tag !== undefined && isIntrinsic(node)) walk.firstUnprocessed = { node, what: node.tag };
  const items = node.items;
  for (let i = 0; i < items.length; i++) visitValue(walk, items[i], false);
}

function visitScalar(walk: Walk, node: ScalarNode, inTemplates: boolean): void {
  if (node.tag !== undefined && isIntrinsic(node)) {
    walk.firstUnprocessed = { node, what: node.tag };
    return;
  }
  if (!walk.placeholders || node.type !== 'string') return;
  const value = node.value as string;
  if (!value.includes('${')) return;
  const placeholder = foreignPlaceholder(value);
  if (placeholder === undefined) return;
  if (inTemplates) walk.holdsUnprocessed = true;
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
