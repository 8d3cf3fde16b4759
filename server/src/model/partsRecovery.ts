/**
 * The tree of a large YAML definition that does not parse, recovered part by part. The forgiving parser costs about
 * two seconds per megabyte, too slow for a whole multi-megabyte definition, while one broken line spoils only the
 * entry it stands in. So the block mapping is cut at its keys' lines, each entry is parsed alone by the fast parser,
 * and an entry that fails is cut again at its own keys until it is small enough for the forgiving parser.
 */
import type { ObjectNode, PropertyNode, ValueNode } from './nodes';
import { shiftNode, shiftProperty } from './shiftNodes';
import { aliasNodeBudget, buildTree, buildTreeFast, onlyEntry } from './yamlTree';

/** An entry that fails to parse and is no larger than this goes to the forgiving parser whole (a few tens of ms). */
const FORGIVING_PART_SIZE = 16 * 1024;

/** All that the forgiving parser may be given for one document: about a second of its time. */
const FORGIVING_TOTAL = 512 * 1024;

/** Nesting of cut entries past which a failing entry is given up: a definition nests a few dozen levels at most. */
const MAX_CUT_DEPTH = 40;

export type ForgivingParse = (text: string) => ValueNode | undefined;

interface Line {
  start: number;
  /** Where the line's content starts (after its indentation), or -1 for a blank or comment line. */
  content: number;
  end: number;
}

/**
 * The recovered root mapping, or undefined when the text is not a block mapping at its top (flow style, a sequence, a
 * scalar). Entries that cannot be recovered within the budgets are left out; an alias to an anchor in another entry
 * reads as null in the part that uses it.
 */
export function recoverYamlByParts(text: string, forgiving: ForgivingParse): ObjectNode | undefined {
  const lines = splitLines(text);
  const first = firstContentLine(text, lines, 0);
  if (first < 0) return undefined;
  const indent = lines[first].content - lines[first].start;
  if (!startsKey(text, lines[first].content)) return undefined;
  const recovery = new PartsRecovery(text, lines, forgiving);
  return recovery.mapping(first, documentEnd(text, lines, first), indent, 0);
}

class PartsRecovery {
  private forgivingLeft = FORGIVING_TOTAL;
  /** One alias budget for all parts, as for the whole text: parts cut apart must not multiply it. */
  private aliasBudget: number;

  constructor(
    private readonly text: string,
    private readonly lines: Line[],
    private readonly forgiving: ForgivingParse,
  ) {
    this.aliasBudget = aliasNodeBudget(text.length);
  }

  /** The block mapping whose keys stand at `indent` on lines `[from, to)`. */
  mapping(from: number, to: number, indent: number, depth: number): ObjectNode | undefined {
    const object: ObjectNode = { type: 'object', properties: [], flow: false, offset: this.lines[from].content, end: this.lines[from].content, parent: undefined };
    for (const [start, end] of this.entries(from, to, indent)) {
      for (const property of this.entry(start, end, indent, depth)) {
        property.parent = object;
        object.properties.push(property);
      }
    }
    if (!object.properties.length) return undefined;
    object.offset = object.properties[0].offset;
    object.end = object.properties[object.properties.length - 1].end;
    return object;
  }

  /** Line ranges of the entries: from a key line at `indent` to the next one (sequence items at `indent` belong to it). */
  private *entries(from: number, to: number, indent: number): Generator<[number, number]> {
    let start = -1;
    for (let i = from; i < to; i++) {
      const line = this.lines[i];
      if (line.content < 0 || line.content - line.start !== indent || !startsKey(this.text, line.content)) continue;
      if (start >= 0) yield [start, i];
      start = i;
    }
    if (start >= 0) yield [start, to];
  }

  /** The entry's property; several when the forgiving parser reads a broken line as keys of their own. */
  private entry(from: number, to: number, indent: number, depth: number): PropertyNode[] {
    const start = this.lines[from].start;
    const end = this.lines[to - 1].end;
    const childIndent = this.blockMappingIndent(from, to, indent);
    const cuttable = end - start > FORGIVING_PART_SIZE && childIndent !== undefined && depth < MAX_CUT_DEPTH;
    // A large entry that may be cut is tried by the fast parser alone: the full parser's slower run over it to find
    // the error would only confirm what cutting it finds out anyway.
    const parsed = this.parsedAlone(start, end, !cuttable);
    if (parsed) return [parsed];
    if (cuttable) {
      const key = this.parsedAlone(start, this.lines[from].end, true);
      if (key) {
        const value = this.mapping(from + 1, to, childIndent, depth + 1);
        if (value) {
          value.parent = key;
          key.value = value;
          key.end = value.end;
        }
        return [key];
      }
    }
    return this.forgivenAlone(start, end);
  }

  /** The entry's lines parsed as a one-entry block mapping; undefined when they do not parse. */
  private parsedAlone(start: number, end: number, full: boolean): PropertyNode | undefined {
    const slice = this.text.slice(start, end);
    const options = { partOfLarger: true };
    const result = full ? buildTree(slice, this.aliasBudget, options) : buildTreeFast(slice, this.aliasBudget, options);
    const property = result && onlyEntry(result);
    if (!property) return undefined;
    this.aliasBudget -= result.aliasNodes;
    shiftProperty(property, start);
    return property;
  }

  private forgivenAlone(start: number, end: number): PropertyNode[] {
    if (end - start > this.forgivingLeft) return [];
    this.forgivingLeft -= end - start;
    const root = this.forgiving(this.text.slice(start, end));
    if (root?.type !== 'object' || root.flow) return [];
    shiftNode(root, start);
    return root.properties;
  }

  /** The indentation of the block mapping that is the entry's value, if it is one (its key line ends at the colon). */
  private blockMappingIndent(from: number, to: number, indent: number): number | undefined {
    const next = firstContentLine(this.text, this.lines, from + 1, to);
    if (next < 0) return undefined;
    const line = this.lines[next];
    const childIndent = line.content - line.start;
    if (childIndent <= indent || !startsKey(this.text, line.content)) return undefined;
    return childIndent;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    let content = start;
    while (content < end && text.charCodeAt(content) === 32) content++;
    const c = text.charCodeAt(content);
    const blank = content >= end || c === 10 || c === 13 || c === 35 || c === 9;
    lines.push({ start, content: blank ? -1 : content, end });
    start = end;
  }
  return lines;
}

function firstContentLine(text: string, lines: Line[], from: number, to = lines.length): number {
  for (let i = from; i < to; i++) {
    const content = lines[i].content;
    if (content < 0) continue;
    // Directives and the document start marker come before the root node.
    if (content === lines[i].start && (text.startsWith('%', content) || isMarker(text, content, '---'))) continue;
    return i;
  }
  return -1;
}

/** The first document only: the tree builder reads one. */
function documentEnd(text: string, lines: Line[], first: number): number {
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.content === line.start && (isMarker(text, line.start, '---') || isMarker(text, line.start, '...'))) return i;
  }
  return lines.length;
}

function isMarker(text: string, at: number, marker: string): boolean {
  if (!text.startsWith(marker, at)) return false;
  const after = text.charCodeAt(at + 3);
  return Number.isNaN(after) || after === 32 || after === 10 || after === 13 || after === 9;
}

/** A line that may start a mapping entry: not a sequence item, a flow collection or a block scalar's indicator. */
function startsKey(text: string, at: number): boolean {
  const c = text[at];
  if (c === '[' || c === '{' || c === '|' || c === '>') return false;
  if (c === '-') {
    const after = text.charCodeAt(at + 1);
    return !(Number.isNaN(after) || after === 32 || after === 10 || after === 13 || after === 9);
  }
  return true;
}
