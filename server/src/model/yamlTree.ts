import { parseEvents, getScalarValue, EVENT_ID, SCALAR_STYLE, COLLECTION_STYLE } from 'js-yaml';
import type { Event } from 'js-yaml';
import { parseFastYaml, type FastParse } from './fastYaml';
import { StringTable } from './stringTable';
import type { ArrayNode, ObjectNode, PropertyNode, ScalarNode, ScalarStyle, SyntaxProblem, ValueNode } from './nodes';
import { plainScalarType, plainScalarValue } from './scalars';
import { keyCopyAt, keyOf, newProperty, propertyWithKey } from './property';
import { forgetKeyIndex } from './navigate';
import { describeYamlError, plainYamlError, yamlErrorOf, type YamlError } from './yamlErrors';
import { isDocumentMarker, isLineBreak, lineEndOf } from './yamlErrorContext';
import { DOLLAR, LOWER_X, STAR, UPPER_C, UPPER_F, UPPER_R } from './charCodes';

export interface TreeResult {
  root: ValueNode | undefined;
  problems: SyntaxProblem[];
  /** What the direct parser noted of the tree as it built it, when the tree has no merge keys (see `KeysNoted`). */
  noted?: KeysNoted;
  /** Nodes copied to expand aliases and merge keys. */
  aliasNodes: number;
  /** No tree because the aliases expand to more nodes than the budget allows (the one problem says so). */
  aliasBudgetExceeded?: true;
  /** No tree because js-yaml refused the text: its reason and where it stopped, which the problem may place elsewhere. */
  yamlError?: YamlError;
  /** The direct parser read the text as strict JSON, which JSON.parse accepts (see `FastParse`). */
  strictJson?: boolean;
}

/**
 * The entry of a text that is one entry of a larger block mapping (a path item, a root key), parsed alone: the root
 * must be a block mapping of exactly that entry, with no problem but duplicate keys; undefined otherwise.
 */
export function onlyEntry({ root, problems }: TreeResult): PropertyNode | undefined {
  if (!root || root.type !== 'object' || root.flow || root.properties.length !== 1) return undefined;
  return problems.every((p) => p.code === 'duplicate-key') ? root.properties[0] : undefined;
}

/** js-yaml refuses collections nested deeper than this; deep documents get a syntax diagnostic, never a stack overflow. */
const MAX_DEPTH = 200;

/** Mappings with fewer keys than this are checked for duplicates by scanning. */
const SCAN_LIMIT = 16;

/** Strings up to this length are shared between equal scalars. */
const MAX_INTERNED_LENGTH = 40;

/**
 * Aliases are expanded by copying, so nested anchors multiply: ten levels of ten aliases each turn a few hundred
 * bytes into ten billion nodes. The copies may hold about twice the nodes a document of this size holds by itself (a
 * node takes some eight characters of source), far more than real definitions copy.
 */
const ALIAS_NODES_BASE = 100_000;
const CHARACTERS_PER_ALIAS_NODE = 4;

export function aliasNodeBudget(textLength: number): number {
  return ALIAS_NODES_BASE + Math.floor(textLength / CHARACTERS_PER_ALIAS_NODE);
}

interface Range {
  offset: number;
  end: number;
}

class AliasBudgetExceeded {
  constructor(readonly site: Range) {}
}

/**
 * Builds the node tree with source offsets, which is what makes full validation of multi-megabyte definitions
 * affordable on every edit: by the direct parser when the text stays in its subset (nearly every API definition), else
 * from js-yaml's event stream, several times faster than building the `yaml` package's document. JSON is parsed the
 * same way (JSON is YAML's flow subset).
 */
export function buildTree(text: string, aliasBudget = aliasNodeBudget(text.length), options: TreeOptions = {}): TreeResult {
  return buildTreeFast(text, aliasBudget, options) ?? buildTreeFromEvents(text, aliasBudget, options);
}

export interface TreeOptions {
  /**
   * The text is a part cut from a larger one, whose other parts may hold the anchors its aliases name: such an alias
   * reads as null instead of making the part unparseable.
   */
  partOfLarger?: boolean;
  /**
   * js-yaml's syntax error is told in plain words at the mistake (`describeYamlError`), which takes a scan of the text
   * around it; false keeps js-yaml's own words and place, for a caller that reports other findings instead.
   */
  explainSyntaxErrors?: boolean;
}

/**
 * The tree by the direct parser, or undefined when the text is outside its subset. Running out of alias budget is
 * also left to the full path: a syntax error further on, which only the full parse finds, takes precedence.
 */
export function buildTreeFast(text: string, aliasBudget = aliasNodeBudget(text.length), options: TreeOptions = {}): TreeResult | undefined {
  const problems: SyntaxProblem[] = [];
  const builder = new TreeBuilder(text, problems, aliasBudget, options.partOfLarger);
  let parsed: FastParse | undefined;
  try {
    parsed = parseFastYaml(text, builder, MAX_DEPTH);
  } catch (error) {
    if (error instanceof AliasBudgetExceeded) return undefined;
    throw error;
  }
  if (!parsed) return undefined;
  return { root: builder.result, problems, aliasNodes: builder.aliasNodes, noted: builder.keysNoted(), strictJson: parsed.strictJson };
}

/** How the keys of API Gateway's extensions, and misspellings of them, start. */
export const AMAZON_KEY_PREFIX = 'x-amazon';

/**
 * The keys a validation looks for everywhere in a tree, noted by the direct parser as it made their entries, which
 * spares a walk over every node of the tree afterwards. Written entries are noted when made, after their values: an
 * extension nested in another's value comes before it (`extensionsInOrder`). The entries of an alias's copy are noted
 * as the copy is made, in the order a walk meets them, all at the alias's offset.
 */
export interface KeysNoted {
  /** Entries whose key starts with `AMAZON_KEY_PREFIX`. */
  extensions: PropertyNode[];
  /** `$ref` entries with a string value, in the order a walk meets them: such a value is a scalar, made right after its key. */
  refs: PropertyNode[];
  /** A key of a CloudFormation intrinsic function stands somewhere (`Ref`, `Condition`, `Fn::…`). */
  intrinsicKeys: boolean;
  /** The tree holds copies for aliases. */
  copies: boolean;
}

/**
 * The noted extension entries in the order a walk meets them: by offset, those of one copy (which share the alias's
 * offset) in the order noted, which a stable sort keeps.
 */
export function extensionsInOrder(noted: KeysNoted): PropertyNode[] {
  const list = noted.extensions;
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1].offset > list[i].offset) return list.slice().sort((a, b) => a.offset - b.offset);
  }
  return list;
}

/** The tree by js-yaml's event parser alone, for comparison with the direct parser. */
export function buildTreeFromEvents(text: string, aliasBudget = aliasNodeBudget(text.length), options: TreeOptions = {}): TreeResult {
  const problems: SyntaxProblem[] = [];
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch (error) {
    const yamlError = yamlErrorOf(error, text);
    const problem = options.explainSyntaxErrors === false ? plainYamlError(text, yamlError) : describeYamlError(text, yamlError);
    return { root: undefined, problems: [problem], aliasNodes: 0, yamlError };
  }
  const builder = new TreeBuilder(text, problems, aliasBudget, options.partOfLarger);
  try {
    const root = builder.build(events);
    return builder.unknownAlias ? unknownAliasResult(builder) : { root, problems, aliasNodes: builder.aliasNodes };
  } catch (error) {
    if (!(error instanceof AliasBudgetExceeded)) throw error;
    // The alias that named nothing came first: a reader stops there before it copies anything further.
    if (builder.unknownAlias) return unknownAliasResult(builder);
    const problem: SyntaxProblem = {
      message: `Aliases expand to too many nodes (more than ${aliasBudget}); nested anchors multiply each other's copies.`,
      offset: error.site.offset,
      end: error.site.end,
      code: 'yaml-syntax',
    };
    return { root: undefined, problems: [problem], aliasNodes: builder.aliasNodes, aliasBudgetExceeded: true };
  }
}

/**
 * An alias without an anchor is malformed YAML, not a null: the document has no tree, like any other syntax error.
 * js-yaml's own syntax errors, found before any event is built into the tree, come first wherever they stand.
 */
function unknownAliasResult(builder: TreeBuilder): TreeResult {
  return { root: undefined, problems: [builder.unknownAlias!], aliasNodes: builder.aliasNodes };
}

function unknownAliasProblem(name: string, offset: number, end: number, enclosing: boolean): SyntaxProblem {
  const message = enclosing
    ? `Alias *${name} stands inside the node anchored &${name}, which is not complete yet; an alias may only repeat a node that ends before it.`
    : `Unknown alias *${name}: no anchor &${name} is defined before it.`;
  return { message, offset, end, code: 'yaml-syntax' };
}

/**
 * The `---` (or the `...`) after the first document, which is what starts the second; the first document's end when
 * none is found there.
 */
function secondDocumentProblem(text: string, firstEnd: number, firstExplicit: boolean): SyntaxProblem {
  // An empty first document that starts with `---` ends at the second one.
  let skip = firstEnd === 0 && firstExplicit;
  for (let p = firstEnd; p < text.length; p = lineEndOf(text, p) + 1) {
    if ((p > 0 && !isLineBreak(text.charCodeAt(p - 1))) || !isDocumentMarker(text, p)) continue;
    if (skip && text[p] === '-') {
      skip = false;
      continue;
    }
    const message = text[p] === '-'
      ? 'This `---` starts a second YAML document; only the first document of a file is an API definition, and the rest is ignored.'
      : 'This `...` ends the YAML document, so what follows is a second one; only the first document of a file is an API definition, and the rest is ignored.';
    return { message, offset: p, end: p + 3, code: 'yaml-syntax' };
  }
  return { message: 'Only the first YAML document of a file is an API definition; the rest is ignored.', offset: firstEnd, end: Math.min(firstEnd + 3, text.length), code: 'yaml-syntax' };
}

const STYLE_NAMES: Record<number, ScalarStyle> = {
  [SCALAR_STYLE.PLAIN]: 'plain',
  [SCALAR_STYLE.SINGLE_QUOTED]: 'single',
  [SCALAR_STYLE.DOUBLE_QUOTED]: 'double',
  [SCALAR_STYLE.LITERAL_BLOCK]: 'literal',
  [SCALAR_STYLE.FOLDED_BLOCK]: 'folded',
};

type Container = ObjectNode | ArrayNode;

export class TreeBuilder {
  private readonly anchors = new Map<string, ValueNode>();
  /** For each open mapping, the key waiting for its value. */
  private readonly pendingKeys: (ScalarNode | undefined)[] = [];
  private readonly stack: Container[] = [];
  private readonly stackAnchors: (string | undefined)[] = [];
  /** Key names of the mappings that grew large enough to be worth a set for the duplicate-key check. */
  private readonly keySets = new Map<ObjectNode, Set<string>>();
  private readonly strings = new StringTable(MAX_INTERNED_LENGTH);
  private root: ValueNode | undefined;
  private documents = 0;
  private firstExplicit = false;
  aliasNodes = 0;
  /** The first alias that names no anchor before it; the text then does not parse. */
  unknownAlias: SyntaxProblem | undefined;

  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
    private readonly aliasBudget: number,
    /** Aliases may name anchors outside the text (see `TreeOptions.partOfLarger`). */
    private readonly anchorsOutside = false,
  ) {}

  build(events: (Event | undefined)[]): ValueNode | undefined {
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      // A multi-megabyte document has millions of events; releasing each once used keeps them from piling up next to
      // the tree being built, which is most of the parse's peak memory and garbage collection.
      events[i] = undefined;
      if (event.type === EVENT_ID.DOCUMENT) {
        this.documents++;
        if (this.documents === 1) this.firstExplicit = event.explicitStart;
        if (this.documents === 2) this.problems.push(secondDocumentProblem(this.text, this.root ? this.root.end : 0, this.firstExplicit));
        continue;
      }
      if (this.documents > 1) continue;
      switch (event.type) {
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE:
          this.collection(event.type === EVENT_ID.MAPPING ? 'object' : 'array', event.start, event.style === COLLECTION_STYLE.FLOW, event.tagStart, event.tagEnd, event.anchorStart, event.anchorEnd);
          break;
        case EVENT_ID.SCALAR: {
          const raw = event.fast && event.style === SCALAR_STYLE.PLAIN ? undefined : getScalarValue(this.text, event);
          this.scalar(event.valueStart, event.valueEnd, event.style, raw, event.tagStart, event.tagEnd, event.anchorStart, event.anchorEnd, event.indent);
          break;
        }
        case EVENT_ID.ALIAS:
          this.alias(event.anchorStart, event.anchorEnd);
          break;
        case EVENT_ID.POP:
          this.pop();
          break;
      }
    }
    return this.root;
  }

  get result(): ValueNode | undefined {
    return this.root;
  }

  collection(kind: 'object' | 'array', start: number, flow: boolean, tagStart: number, tagEnd: number, anchorStart: number, anchorEnd: number): void {
    const node: Container = kind === 'object'
      ? { type: 'object', properties: [], flow, offset: start, end: start, parent: undefined }
      : { type: 'array', items: [], flow, offset: start, end: start, parent: undefined };
    this.setTag(node, tagStart, tagEnd);
    this.attach(node);
    this.open(node, anchorStart, anchorEnd);
  }

  alias(anchorStart: number, anchorEnd: number): void {
    this.attach(this.aliasNode(anchorStart, anchorEnd));
  }

  aliasNode(anchorStart: number, anchorEnd: number): ValueNode {
    const name = this.text.slice(anchorStart, anchorEnd);
    const target = this.anchors.get(name);
    // The alias occupies `*name`; the anchor offsets exclude the `*`.
    const offset = anchorStart - 1;
    if (target) {
      const copy = this.cloneAt(target, offset, anchorEnd, { offset, end: anchorEnd });
      copy.origin = target;
      return copy;
    }
    if (!this.anchorsOutside) this.unknownAlias ??= unknownAliasProblem(name, offset, anchorEnd, this.stackAnchors.includes(name));
    return nullScalar(offset, anchorEnd);
  }

  pop(): void {
    if (this.stack.length) this.close();
  }

  private setTag(node: ValueNode, tagStart: number, tagEnd: number): void {
    if (tagStart >= 0) node.tag = this.text.slice(tagStart, tagEnd);
  }

  private open(node: Container, anchorStart: number, anchorEnd: number): void {
    this.stack.push(node);
    this.stackAnchors.push(anchorStart >= 0 ? this.text.slice(anchorStart, anchorEnd) : undefined);
    this.pendingKeys.push(undefined);
  }

  private close(): void {
    const node = this.stack.pop()!;
    const anchor = this.stackAnchors.pop();
    this.pendingKeys.pop();
    if (node.type === 'object') this.keySets.delete(node);
    const last = node.type === 'object' ? node.properties[node.properties.length - 1] : node.items[node.items.length - 1];
    const contentEnd = last ? last.end : node.offset;
    node.end = node.flow ? this.findFlowEnd(contentEnd, node.type === 'object' ? '}' : ']') : contentEnd;
    // The property holding a collection was attached when the collection opened, before its end was known.
    if (node.parent?.type === 'property') node.parent.end = node.end;
    if (node.type === 'object') this.applyMergeKeys(node);
    // Arrays grown by push keep spare capacity (at least 17 slots); an exact copy makes the tree of a large document
    // tens of megabytes smaller.
    if (node.type === 'object') node.properties = node.properties.slice();
    else node.items = node.items.slice();
    if (anchor) this.anchors.set(anchor, node);
  }

  /** A flow collection ends at its closing bracket, after the last child, commas, blanks and comments. */
  private findFlowEnd(from: number, closer: string): number {
    const text = this.text;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (c === closer) return i + 1;
      if (c === '#') {
        while (i < text.length && text[i] !== '\n') i++;
      }
    }
    return from;
  }

  private attach(node: ValueNode): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      if (!this.root) this.root = node;
      return;
    }
    if (parent.type === 'array') {
      node.parent = parent;
      parent.items.push(node);
      return;
    }
    const depth = this.stack.length - 1;
    const key = this.pendingKeys[depth];
    if (key === undefined) {
      this.pendingKeys[depth] = node.type === 'object' || node.type === 'array' ? this.complexKey(node) : (node as ScalarNode);
      return;
    }
    this.pendingKeys[depth] = undefined;
    this.addProperty(parent, key, node);
  }

  /** Appends an entry to a mapping, reporting a key it already has. */
  private addProperty(parent: ObjectNode, key: ScalarNode, node: ValueNode): void {
    this.checkKey(parent, key);
    parent.properties.push(this.makeProperty(parent, key, node));
  }

  /** Reports a key the mapping already has: when its value starts, so that problems come in document order. */
  checkKey(parent: ObjectNode, key: ScalarNode): void {
    this.checkKeyName(parent, key.value, key.offset, key.end);
  }

  checkKeyName(parent: ObjectNode, value: ScalarNode['value'], offset: number, end: number): void {
    const name = String(value);
    const open = parent.properties.length === 0 && this.bases.length > 0;
    const found = open ? this.hasKeyIn(parent, this.entries as PropertyNode[], this.bases[this.bases.length - 1], this.top, name) : this.hasKey(parent, name);
    if (found) {
      this.problems.push({ message: `Duplicate key '${name}'.`, offset, end, code: 'duplicate-key' });
    }
  }

  /**
   * Most mappings have a handful of keys, where a scan beats allocating a set per mapping; large ones (`paths`,
   * `schemas`) switch to a set once.
   */
  private hasKey(parent: ObjectNode, name: string): boolean {
    return this.hasKeyIn(parent, parent.properties, 0, parent.properties.length, name);
  }

  /** Whether `entries[from..to)`, the entries of `parent` so far, hold the key `name`; adds it to the mapping's set. */
  private hasKeyIn(parent: ObjectNode, entries: PropertyNode[], from: number, to: number, name: string): boolean {
    if (to - from < SCAN_LIMIT) {
      for (let i = from; i < to; i++) {
        // Keys are nearly always strings, and equal short ones are the same shared string: no conversion needed.
        const value = entries[i].keyValue;
        if (value === name || (typeof value !== 'string' && String(value) === name)) return true;
      }
      return false;
    }
    let keys = this.keySets.get(parent);
    if (!keys) {
      keys = new Set<string>();
      for (let i = from; i < to; i++) keys.add(String(entries[i].keyValue));
      this.keySets.set(parent, keys);
    }
    if (keys.has(name)) return true;
    keys.add(name);
    return false;
  }

  // ---- direct construction, for the fast parser ----

  setRoot(node: ValueNode): void {
    this.root = node;
  }

  /**
   * Entries of the collections the direct parser has open, innermost last, from `bases[i]` up to `top`. A finished
   * collection takes its entries in one array of the exact size, instead of growing one of its own.
   */
  private readonly entries: (PropertyNode | ValueNode)[] = [];
  private readonly bases: number[] = [];
  private top = 0;

  object(start: number, flow: boolean): ObjectNode {
    this.bases.push(this.top);
    return { type: 'object', properties: NO_PROPERTIES, flow, offset: start, end: start, parent: undefined };
  }

  array(start: number, flow: boolean): ArrayNode {
    this.bases.push(this.top);
    return { type: 'array', items: NO_ITEMS, flow, offset: start, end: start, parent: undefined };
  }

  /**
   * Appends an entry whose key `checkKey` has seen. A collection's entry ends where the collection ends (js-yaml gives
   * an empty last item no position, and that end carries up); a scalar's, at whichever of key and value ends later.
   */
  property(parent: ObjectNode, key: ScalarNode, value: ValueNode): PropertyNode {
    const property = this.makeProperty(parent, key, value);
    this.entries[this.top++] = property;
    return property;
  }

  /** `property` for a key the direct parser read with `key`, whose node is made only if asked for. */
  propertyAt(parent: ObjectNode, keyValue: ScalarNode['value'], keyStyle: ScalarStyle, keyOffset: number, keyEnd: number, value: ValueNode): PropertyNode {
    const end = value.type === 'object' || value.type === 'array' ? value.end : Math.max(value.end, keyEnd);
    const property = newProperty(parent, keyValue, keyStyle, keyOffset, keyEnd, value, end, undefined);
    value.parent = property;
    this.entries[this.top++] = property;
    if (typeof keyValue === 'string') this.noteKey(property, keyValue, value);
    return property;
  }

  private readonly noted: KeysNoted = { extensions: [], refs: [], intrinsicKeys: false, copies: false };

  /** Only the first character is read for nearly every key: the keys noted start with `x`, `$`, `R`, `C` or `F`. */
  private noteKey(property: PropertyNode, key: string, value: ValueNode | undefined): void {
    const first = key.charCodeAt(0);
    if (first === LOWER_X) {
      if (key.startsWith(AMAZON_KEY_PREFIX)) this.noted.extensions.push(property);
    } else if (first === DOLLAR) {
      if (key === '$ref' && value?.type === 'string') this.noted.refs.push(property);
    } else if (first === UPPER_R || first === UPPER_C || first === UPPER_F) {
      if (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::')) this.noted.intrinsicKeys = true;
    }
  }

  /**
   * The keys noted, unless the tree has merge keys: the entries merged are made apart from the tree, and a merged
   * alias's copy is noted but then left out of it.
   */
  keysNoted(): KeysNoted | undefined {
    if (this.mergeKeys) return undefined;
    this.noted.copies = this.aliasNodes > 0;
    return this.noted;
  }

  /** The last key read by `key`: its value, style and offsets, for the parser to hold while it reads the value. */
  keyValue: ScalarNode['value'] = null;
  keyStyle: ScalarStyle = 'plain';
  keyOffset = 0;
  keyEnd = 0;
  /** Whether `plainKey` has read a `<<`: only then can a finished mapping have keys to merge. */
  private mergeKeys = false;

  /**
   * Reads an untagged, unanchored quoted key (single or double, by `styleId`) as `scalarNode` would, without making
   * its node; `decoded` is its value when escapes make it differ from the source.
   */
  quotedKey(valueStart: number, valueEnd: number, styleId: number, decoded: string | undefined): void {
    this.keyStyle = STYLE_NAMES[styleId];
    this.keyOffset = valueStart - 1;
    this.keyEnd = valueEnd + 1;
    this.keyValue = decoded === undefined ? this.strings.fromRange(this.text, valueStart, valueEnd) : this.strings.fromString(decoded);
  }

  /** `quotedKey` for a plain key, whose value may be a number, a boolean or null. */
  plainKey(valueStart: number, valueEnd: number): void {
    const raw = this.strings.fromRange(this.text, valueStart, valueEnd);
    this.keyStyle = 'plain';
    this.keyOffset = valueStart;
    this.keyEnd = valueEnd;
    const type = plainScalarType(raw);
    this.keyValue = type === 'string' ? raw : plainScalarValue(raw, type);
    if (raw === '<<') this.mergeKeys = true;
  }

  private makeProperty(parent: ObjectNode, key: ScalarNode, value: ValueNode): PropertyNode {
    const end = value.type === 'object' || value.type === 'array' ? value.end : Math.max(value.end, key.end);
    const property = propertyWithKey(parent, key, value, end);
    value.parent = property;
    return property;
  }

  item(parent: ArrayNode, value: ValueNode): void {
    value.parent = parent;
    this.entries[this.top++] = value;
  }

  /** A collection is complete: its end, merge keys, exact-size children and its anchor. */
  finish(node: ObjectNode | ArrayNode, end: number, anchorStart: number, anchorEnd: number): void {
    node.end = end;
    const base = this.bases.pop()!;
    const to = this.top;
    const entries = this.takeEntries(base);
    if (node.type === 'object') {
      node.properties = entries as PropertyNode[];
      if (to - base >= SCAN_LIMIT) this.keySets.delete(node);
      if (this.mergeKeys) this.applyMergeKeys(node);
    } else {
      node.items = entries as ValueNode[];
    }
    if (anchorStart >= 0) this.anchors.set(this.text.slice(anchorStart, anchorEnd), node);
  }

  /** Complex (collection) keys do not occur in API definitions; keep their text as the key so nothing is lost. */
  private complexKey(node: ObjectNode | ArrayNode): ScalarNode {
    const text = this.text.slice(node.offset, node.end);
    return { type: 'string', value: text, style: 'plain', offset: node.offset, end: node.end, contentOffset: node.offset, contentEnd: node.end, parent: undefined };
  }

  /** `<<: *base` merges the anchored mapping's keys that the mapping does not define itself. */
  private applyMergeKeys(node: ObjectNode): void {
    const properties = node.properties;
    let mergeIndex = 0;
    while (mergeIndex < properties.length && !(properties[mergeIndex].keyValue === '<<' && properties[mergeIndex].keyStyle === 'plain')) mergeIndex++;
    if (mergeIndex === properties.length) return;
    const merge = node.properties[mergeIndex];
    const sources = merge.value?.type === 'object' ? [merge.value] : merge.value?.type === 'array' ? merge.value.items.filter((i): i is ObjectNode => i.type === 'object') : [];
    const own = new Set(node.properties.map((p) => String(p.keyValue)));
    const merged: PropertyNode[] = [];
    for (const source of sources) {
      // A mapping written after `<<:` itself is nowhere else in the tree: its entries move here as they are, each at its
      // own place in the text. An alias's copy already stands at the alias.
      const written = this.text.charCodeAt(source.offset) !== STAR;
      for (const p of source.properties) {
        const name = String(p.keyValue);
        if (own.has(name)) continue;
        own.add(name);
        const value = p.value && (written ? p.value : this.cloneAt(p.value, p.value.offset, p.value.end, keyOf(merge)));
        const copy = propertyWithKey(node, { ...keyOf(p), parent: undefined }, value, p.end);
        if (copy.value) copy.value.parent = copy;
        merged.push(copy);
      }
    }
    node.properties.splice(mergeIndex, 1, ...merged);
    forgetKeyIndex(node);
  }

  scalar(valueStart: number, valueEnd: number, styleId: number, decoded: string | undefined, tagStart: number, tagEnd: number, anchorStart: number, anchorEnd: number, indent: number): void {
    this.attach(this.scalarNode(valueStart, valueEnd, styleId, decoded, tagStart, tagEnd, anchorStart, anchorEnd, indent));
  }

  /** `decoded` is the value when it differs from the source range (escapes, block scalars); undefined otherwise. */
  scalarNode(valueStart: number, valueEnd: number, styleId: number, decoded: string | undefined, tagStart: number, tagEnd: number, anchorStart: number, anchorEnd: number, indent: number): ScalarNode {
    const style = STYLE_NAMES[styleId] ?? 'plain';
    const raw = decoded === undefined ? this.strings.fromRange(this.text, valueStart, valueEnd) : this.strings.fromString(decoded);
    let offset = valueStart;
    let end = valueEnd;
    if (style === 'single' || style === 'double') {
      offset--;
      end++;
    } else if (style === 'literal' || style === 'folded') {
      // Diagnostics on a block scalar should not spill onto the following line.
      while (end > offset && isBlank(this.text.charCodeAt(end - 1))) end--;
    }
    const tag = tagStart >= 0 ? this.text.slice(tagStart, tagEnd) : undefined;
    let type: ScalarNode['type'] = 'string';
    let value: ScalarNode['value'] = raw;
    // The non-specific tag `!` keeps a plain scalar a string, as quotes would (`! 12` is "12").
    if (style === 'plain' && tag === undefined) {
      type = plainScalarType(raw);
      value = type === 'string' ? raw : plainScalarValue(raw, type);
    } else if (tag === '!!int' || tag === '!!float') {
      type = 'number';
      value = Number(raw);
    } else if (tag === '!!bool') {
      type = 'boolean';
      value = raw === 'true';
    } else if (tag === '!!null') {
      type = 'null';
      value = null;
    }
    const node = newScalar(type, value, style, offset, end, valueStart, valueEnd);
    if (tag !== undefined && tag !== '!' && !tag.startsWith('!!')) node.tag = tag;
    if (style === 'literal' || style === 'folded') node.blockIndent = indent;
    if (anchorStart >= 0) this.anchors.set(this.text.slice(anchorStart, anchorEnd), node);
    return node;
  }

  /** `scalarNode` for an untagged plain scalar, the kind nearly every value is. */
  plainScalar(valueStart: number, valueEnd: number, anchorStart: number, anchorEnd: number): ScalarNode {
    const raw = this.strings.fromRange(this.text, valueStart, valueEnd);
    const type = plainScalarType(raw);
    const node = newScalar(type, type === 'string' ? raw : plainScalarValue(raw, type), 'plain', valueStart, valueEnd, valueStart, valueEnd);
    if (anchorStart >= 0) this.anchors.set(this.text.slice(anchorStart, anchorEnd), node);
    return node;
  }

  /**
   * A copy of an anchored node placed where its alias stands, so that diagnostics on it land on the alias. A copied
   * collection's children wait on the entries stack, as the direct parser's do, and move to an array of the exact
   * size: one grown by push keeps spare capacity for as long as the tree lives. A copy has a tag only when its node
   * has one, so that copies share the shape of the nodes the parser makes and readers of the tree meet one shape.
   */
  private cloneAt(node: ValueNode, offset: number, end: number, site: Range): ValueNode {
    // Values alone are counted: each copied key comes with its value.
    if (++this.aliasNodes > this.aliasBudget) throw new AliasBudgetExceeded(site);
    if (node.type === 'object') {
      const copy: ObjectNode = { type: 'object', properties: NO_PROPERTIES, flow: node.flow, offset, end, parent: undefined };
      if (node.tag !== undefined) copy.tag = node.tag;
      const properties = node.properties;
      const base = this.top;
      for (let i = 0; i < properties.length; i++) {
        const p = properties[i];
        const key = p.keyValue;
        const property = newProperty(copy, key, p.keyStyle, offset, end, undefined, end, keyCopyAt(p, offset, end));
        // Noted before the value is copied, so that a copy's own entries are noted in the order a walk meets them; a
        // `$ref` once its value is there, which it is noted by.
        if (typeof key === 'string' && key !== '$ref') this.noteKey(property, key, undefined);
        if (p.value) {
          property.value = this.cloneAt(p.value, offset, end, site);
          property.value.parent = property;
          if (key === '$ref') this.noteKey(property, key, property.value);
        }
        this.entries[this.top++] = property;
      }
      copy.properties = this.takeEntries(base) as PropertyNode[];
      return copy;
    }
    if (node.type === 'array') {
      const copy: ArrayNode = { type: 'array', items: NO_ITEMS, flow: node.flow, offset, end, parent: undefined };
      if (node.tag !== undefined) copy.tag = node.tag;
      const items = node.items;
      const base = this.top;
      for (let i = 0; i < items.length; i++) {
        const c = this.cloneAt(items[i], offset, end, site);
        c.parent = copy;
        this.entries[this.top++] = c;
      }
      copy.items = this.takeEntries(base) as ValueNode[];
      return copy;
    }
    // Made where every scalar is made, not by a spread, which has no allocation site to learn from (see newScalar).
    const copy = newScalar(node.type, node.value, node.style, offset, end, offset, end);
    if (node.tag !== undefined) copy.tag = node.tag;
    if (node.blockIndent !== undefined) copy.blockIndent = node.blockIndent;
    if (node.origin !== undefined) copy.origin = node.origin;
    return copy;
  }

  /**
   * The entries from `base` up to the top of the stack, in an array of their own; the stack drops them. Nearly every
   * collection of a definition has eight entries or fewer, and gets an array literal: a literal has an allocation site,
   * from which V8 learns that the tree's arrays outlive young collections and makes them in the old generation, as it
   * does the nodes (`newProperty`). An array from `slice` is always made young, and every scavenge during a validation
   * copied the tree's arrays out again.
   */
  private takeEntries(base: number): (PropertyNode | ValueNode)[] {
    const s = this.entries;
    const top = this.top;
    this.top = base;
    const b = base;
    switch (top - b) {
      case 0: return [];
      case 1: return [s[b]];
      case 2: return [s[b], s[b + 1]];
      case 3: return [s[b], s[b + 1], s[b + 2]];
      case 4: return [s[b], s[b + 1], s[b + 2], s[b + 3]];
      case 5: return [s[b], s[b + 1], s[b + 2], s[b + 3], s[b + 4]];
      case 6: return [s[b], s[b + 1], s[b + 2], s[b + 3], s[b + 4], s[b + 5]];
      case 7: return [s[b], s[b + 1], s[b + 2], s[b + 3], s[b + 4], s[b + 5], s[b + 6]];
      case 8: return [s[b], s[b + 1], s[b + 2], s[b + 3], s[b + 4], s[b + 5], s[b + 6], s[b + 7]];
      default: return s.slice(b, top);
    }
  }
}

/**
 * Placeholders for the entries of a collection the direct parser is reading, which wait on the builder's stack until
 * `finish` gives the collection an array of its own; sharing them saves an array per collection.
 */
const NO_PROPERTIES = Object.freeze([]) as unknown as PropertyNode[];
const NO_ITEMS = Object.freeze([]) as unknown as ValueNode[];

/** Scalars are made in one place, so that V8 may learn from one allocation site that they outlive young collections. */
function newScalar(type: ScalarNode['type'], value: ScalarNode['value'], style: ScalarStyle, offset: number, end: number, contentOffset: number, contentEnd: number): ScalarNode {
  return { type, value, style, offset, end, contentOffset, contentEnd, parent: undefined };
}

export function nullScalar(offset: number, end: number): ScalarNode {
  return { type: 'null', value: null, style: 'plain', offset, end, contentOffset: offset, contentEnd: end, parent: undefined };
}

/** What `\s` matches, without a regular expression per character. */
function isBlank(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}
