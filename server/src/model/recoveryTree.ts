import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Document, Node as YamlNode } from 'yaml';
import type { ArrayNode, DocumentFormat, ObjectNode, PropertyNode, ScalarNode, ScalarStyle, ValueNode } from './nodes';
import { newProperty } from './property';
import { plainScalarType, plainScalarValue } from './scalars';
import { aliasNodeBudget, nullScalar } from './yamlTree';
import { recoverYamlByParts } from './partsRecovery';

/**
 * Past this size a YAML document with a syntax error is recovered by parts (`recoverYamlByParts`): the forgiving YAML
 * parser takes about two seconds per megabyte, and a hover should not wait longer than half a second.
 */
const MAX_RECOVERY_SIZE = 256 * 1024;

/**
 * The forgiving JSON parser and YAML recovery by parts take about 60 and 100 ms per megabyte; past this they would
 * still keep a hover waiting.
 */
const MAX_LARGE_RECOVERY_SIZE = 8 * 1024 * 1024;

/** Nesting past which recovery gives up, as the tree builder does. */
const MAX_DEPTH = 200;

class GiveUp extends Error {}

/**
 * The tree of a document that does not parse, as far as forgiving parsers make it out (the `yaml` package for YAML,
 * jsonc-parser for JSON), so that hover, navigation and symbols keep working on the rest of the document while one
 * line is broken. Validation does not run on it: its syntax error is the finding until it is fixed. A large YAML text
 * is recovered by parts. Undefined when the text is too large (8 MB) or too deep, or its aliases expand past the
 * budget a parsed document has.
 */
export function recoverTree(text: string, format: DocumentFormat): ValueNode | undefined {
  if (text.length > MAX_LARGE_RECOVERY_SIZE) return undefined;
  if (format === 'yaml' && text.length > MAX_RECOVERY_SIZE) return recoverYamlByParts(text, (part) => recoverTree(part, 'yaml'));
  try {
    return format === 'json' ? new JsonConverter(text).convert() : new YamlConverter(text).convert();
  } catch {
    // GiveUp, or a stack overflow inside a parser on pathological nesting.
    return undefined;
  }
}

/**
 * True when recovering the text is cheap enough to redo for every version typed. A larger one is better read from the
 * last version that parsed, while there is one (`lastParsedView`).
 */
export function recoversCheaply(text: string): boolean {
  return text.length <= MAX_RECOVERY_SIZE;
}

/** Counts the nodes made, against the budget of the tree builder (which counts alias copies alone, a subset). */
class Budget {
  private nodes = 0;
  private readonly limit: number;

  constructor(textLength: number) {
    this.limit = aliasNodeBudget(textLength) + textLength;
  }

  spend(): void {
    if (++this.nodes > this.limit) throw new GiveUp();
  }
}

class JsonConverter {
  private readonly budget: Budget;

  constructor(private readonly text: string) {
    this.budget = new Budget(text.length);
  }

  convert(): ValueNode | undefined {
    return this.node(parseTree(this.text, [], { allowTrailingComma: true }), undefined, 0);
  }

  private node(node: JsonNode | undefined, parent: ObjectNode | ArrayNode | PropertyNode | undefined, depth: number): ValueNode | undefined {
    if (!node) return undefined;
    if (depth > MAX_DEPTH) throw new GiveUp();
    this.budget.spend();
    const offset = node.offset;
    const end = node.offset + node.length;
    if (node.type === 'object') {
      const object: ObjectNode = { type: 'object', properties: [], flow: true, offset, end, parent };
      for (const child of node.children ?? []) {
        const [key, value] = child.children ?? [];
        if (key?.type !== 'string') continue;
        const keyNode = this.scalar(key, undefined);
        const property = newProperty(object, keyNode.value, 'double', keyNode.offset, keyNode.end, undefined, value ? value.offset + value.length : keyNode.end, keyNode);
        property.value = this.node(value, property, depth + 1);
        object.properties.push(property);
      }
      return object;
    }
    if (node.type === 'array') {
      const array: ArrayNode = { type: 'array', items: [], flow: true, offset, end, parent };
      for (const child of node.children ?? []) {
        const item = this.node(child, array, depth + 1);
        if (item) array.items.push(item);
      }
      return array;
    }
    return this.scalar(node, parent);
  }

  private scalar(node: JsonNode, parent: ObjectNode | ArrayNode | PropertyNode | undefined): ScalarNode {
    const offset = node.offset;
    const end = node.offset + node.length;
    if (node.type === 'string') {
      // An unterminated string runs to the end of its line: it has no closing quote to leave out.
      const closed = node.length >= 2 && this.text.charCodeAt(end - 1) === 34;
      return { type: 'string', value: String(node.value), style: 'double', offset, end, contentOffset: offset + 1, contentEnd: closed ? end - 1 : end, parent };
    }
    const type: ScalarNode['type'] = node.type === 'number' || node.type === 'boolean' ? node.type : 'null';
    return { type, value: type === 'null' ? null : (node.value as number | boolean), style: 'plain', offset, end, contentOffset: offset, contentEnd: end, parent };
  }
}

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/** Loaded on first use: only a broken document needs it, and loading it would slow every start of the CLI. */
let yamlPackage: typeof import('yaml') | undefined;

/** Where the nodes of an alias's copy stand: at the alias, as in the parsed tree, so that edits never land in the anchor. */
type Site = [number, number] | undefined;

const FORGIVING_OPTIONS = { uniqueKeys: false, strict: false, prettyErrors: false, merge: false, logLevel: 'silent' } as const;

/**
 * Errors of a line that stands where it cannot: indented by one space too few or with a tab, or a key still without its
 * colon. The forgiving parser then reads the lines after it into the wrong mapping (`summary: x` swallows the
 * integration below it), and hover and completion lose the rest of the operation. An unclosed quote or bracket is not
 * among them: the parser reads on past it as the user most likely means.
 */
const MISPLACED_LINE_ERRORS = new Set(['BAD_INDENT', 'TAB_AS_INDENT', 'MULTILINE_IMPLICIT_KEY', 'BLOCK_AS_IMPLICIT_KEY']);
const MAX_REPAIRS = 4;
/** How much text the repairs may parse again in all, about half a second of the forgiving parser. */
const REPAIR_BUDGET = 512 * 1024;

/**
 * The forgiving parse, with the first misplaced line blanked (its offsets kept) as long as that leaves fewer errors: the
 * line itself is lost to hover, the lines after it read where they stand.
 */
function parseRepairingLines(yaml: typeof import('yaml'), text: string): Document {
  let document = yaml.parseDocument(text, FORGIVING_OPTIONS);
  let current = text;
  for (let round = 0; round < MAX_REPAIRS && (round + 2) * text.length <= REPAIR_BUDGET; round++) {
    const error = document.errors.find((e) => MISPLACED_LINE_ERRORS.has(e.code));
    if (!error) break;
    const at = error.pos[0];
    const start = current.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = current.indexOf('\n', at);
    const end = lineEnd < 0 ? current.length : lineEnd;
    if (current.slice(start, end).trim() === '') break;
    const blanked = current.slice(0, start) + ' '.repeat(end - start) + current.slice(end);
    const repaired = yaml.parseDocument(blanked, FORGIVING_OPTIONS);
    if (repaired.errors.length >= document.errors.length) break;
    current = blanked;
    document = repaired;
  }
  return document;
}

class YamlConverter {
  private readonly document: Document;
  private readonly budget: Budget;
  private readonly yaml = (yamlPackage ??= require('yaml') as typeof import('yaml'));

  constructor(private readonly text: string) {
    this.budget = new Budget(text.length);
    this.document = parseRepairingLines(this.yaml, text);
  }

  convert(): ValueNode | undefined {
    return this.node(this.document.contents as YamlNode | null, undefined, 0, undefined);
  }

  private node(node: YamlNode | null | undefined, parent: ObjectNode | ArrayNode | PropertyNode | undefined, depth: number, site: Site): ValueNode | undefined {
    if (!node) return undefined;
    if (depth > MAX_DEPTH) throw new GiveUp();
    const { isAlias, isMap, isPair, isScalar, isSeq } = this.yaml;
    if (isAlias(node)) {
      const [start, end] = node.range ?? [0, 0];
      return this.node(node.resolve(this.document) as YamlNode | undefined, parent, depth + 1, site ?? [start, end]);
    }
    this.budget.spend();
    const [start, valueEnd] = site ?? node.range ?? [0, 0];
    if (isMap(node)) {
      const object: ObjectNode = { type: 'object', properties: [], flow: !!node.flow, offset: start, end: valueEnd, parent };
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        this.budget.spend();
        const key = this.scalar(pair.key as YamlNode, undefined, site);
        const property = newProperty(object, key.value, key.style, key.offset, key.end, undefined, key.end, site ? key : undefined);
        const value = this.node(pair.value as YamlNode | null, property, depth + 1, site);
        property.value = value ?? nullScalar(-1, -1);
        property.value.parent = property;
        if (value && value.end > property.end) property.end = value.end;
        object.properties.push(property);
      }
      if (!site && !object.flow && object.properties.length) object.end = object.properties[object.properties.length - 1].end;
      return object;
    }
    if (isSeq(node)) {
      const array: ArrayNode = { type: 'array', items: [], flow: !!node.flow, offset: start, end: valueEnd, parent };
      for (const item of node.items) {
        const value = this.node(item as YamlNode, array, depth + 1, site);
        if (value) array.items.push(value);
      }
      if (!site && !array.flow && array.items.length) array.end = array.items[array.items.length - 1].end;
      return array;
    }
    if (isScalar(node)) return this.scalar(node, parent, site);
    return undefined;
  }

  private scalar(node: YamlNode, parent: ObjectNode | ArrayNode | PropertyNode | undefined, site: Site): ScalarNode {
    const scalar = node as YamlNode & { type?: string; value: unknown; tag?: string };
    const [start, end] = scalar.range ?? [0, 0];
    const style = STYLES[scalar.type ?? 'PLAIN'] ?? 'plain';
    const source = this.text.slice(start, end);
    let result: ScalarNode;
    if (style === 'plain') {
      const type = plainScalarType(source);
      result = { type, value: type === 'string' ? source : plainScalarValue(source, type), style, offset: start, end, contentOffset: start, contentEnd: end, parent };
    } else if (style === 'single' || style === 'double') {
      const closed = end - start >= 2 && this.text[end - 1] === this.text[start];
      result = { type: 'string', value: String(scalar.value ?? ''), style, offset: start, end, contentOffset: start + 1, contentEnd: closed ? end - 1 : end, parent };
    } else {
      // A block scalar's content starts on the line after its header; its end leaves trailing blank lines out.
      const lineEnd = this.text.indexOf('\n', start);
      const contentOffset = lineEnd < 0 ? end : Math.min(lineEnd + 1, end);
      let contentEnd = end;
      while (contentEnd > contentOffset && /\s/.test(this.text[contentEnd - 1])) contentEnd--;
      const indent = /^( *)/.exec(this.text.slice(contentOffset))?.[1].length ?? 0;
      result = { type: 'string', value: String(scalar.value ?? ''), style, offset: contentOffset, end: contentEnd, contentOffset, contentEnd: end, parent, blockIndent: indent };
    }
    if (scalar.tag && scalar.tag.startsWith('!') && !scalar.tag.startsWith('!!') && !scalar.tag.startsWith('tag:')) result.tag = scalar.tag;
    if (site) {
      // A copy for an alias: placed where the alias is written, as the tree builder places its copies.
      result.offset = result.contentOffset = site[0];
      result.end = result.contentEnd = site[1];
    }
    return result;
  }
}
