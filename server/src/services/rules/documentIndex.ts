import type { ApiDocument } from '../../model/apiDocument';
import type { ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import { foreignPlaceholder, isIntrinsic } from './unprocessedValues';

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
}

const PREFIX = 'x-amazon';
/** Maps whose string values are mapping templates: `${...}` there is Velocity's formal reference syntax. */
const TEMPLATE_MAPS = new Set(['requestTemplates', 'responseTemplates']);

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

function buildIndex(root: ValueNode | undefined, placeholders: boolean): DocumentIndex {
  const index: DocumentIndex = { extensions: [], refs: [] };
  const visit = (node: ValueNode, inTemplates: boolean): void => {
    if (node.type === 'object') {
      if (index.firstUnprocessed === undefined && isIntrinsic(node)) {
        index.firstUnprocessed = { node, what: node.tag ?? String(node.properties[0].keyValue) };
        return;
      }
      const props = node.properties;
      for (let i = 0; i < props.length; i++) {
        const p = props[i];
        const key = p.keyValue;
        if (typeof key === 'string') {
          if (key.startsWith(PREFIX)) index.extensions.push({ property: p });
          else if (key === '$ref' && p.value?.type === 'string') index.refs.push({ value: p.value, owner: node });
        }
        if (p.value) visit(p.value, TEMPLATE_MAPS.has(key as string));
      }
    } else if (node.type === 'array') {
      if (index.firstUnprocessed === undefined && node.tag !== undefined && isIntrinsic(node)) index.firstUnprocessed = { node, what: node.tag };
      const items = node.items;
      for (let i = 0; i < items.length; i++) visit(items[i], false);
    } else if (index.firstUnprocessed === undefined) {
      if (node.tag !== undefined && isIntrinsic(node)) index.firstUnprocessed = { node, what: node.tag };
      else if (placeholders && !inTemplates && node.type === 'string') {
        const value = node.value as string;
        if (value.includes('${')) {
          const placeholder = foreignPlaceholder(value);
          if (placeholder !== undefined) index.firstUnprocessed = { node, what: placeholder };
        }
      }
    }
  };
  if (root) visit(root, false);
  return index;
}

/**
 * The `$ref` values written inside a node, in text order, found without reading every reference of the document: a
 * target in a shared file is one of many, and each is looked into.
 */
export function refsInside(document: ApiDocument, node: ValueNode): ScalarNode[] {
  const refs = refsByOffset(document);
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid].offset < node.offset) lo = mid + 1;
    else hi = mid;
  }
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
