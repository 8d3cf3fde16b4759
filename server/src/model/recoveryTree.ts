import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Document, Node as YamlNode } from 'yaml';
import type { ArrayNode, DocumentFormat, ObjectNode, PropertyNode, ScalarNode, ScalarStyle, ValueNode } from './nodes';
import { newProperty } from './property';
import { plainScalarType, plainScalarValue } from './scalars';

/**
 * Past this size a document with a syntax error gets no tree at all: the forgiving YAML parser takes about two
 * seconds per megabyte, and a hover should not wait longer than half a second.
 */
export const MAX_RECOVERY_SIZE = 256 * 1024;

/** Copies made for aliases, at most: enough for any real definition, few enough that an alias bomb stops early. */
const MAX_ALIAS_COPIES = 10_000;

/**
 * The tree of a document that does not parse, as far as forgiving parsers make it out (the `yaml` package for YAML,
 * jsonc-parser for JSON), so that hover, completion, navigation and symbols keep working on the rest of the document
 * while one line is broken. Validation does not run on it: its syntax error is the finding until it is fixed.
 */
export function recoverTree(text: string, format: DocumentFormat): ValueNode | undefined {
  if (text.length > MAX_RECOVERY_SIZE) return undefined;
  try {
    return format === 'json' ? fromJson(parseTree(text, [], { allowTrailingComma: true })) : new YamlConverter(text).convert();
  } catch {
    return undefined;
  }
}

function fromJson(node: JsonNode | undefined, parent?: ObjectNode | ArrayNode | PropertyNode): ValueNode | undefined {
  if (!node) return undefined;
  const offset = node.offset;
  const end = node.offset + node.length;
  if (node.type === 'object') {
    const object: ObjectNode = { type: 'object', properties: [], flow: true, offset, end, parent };
    for (const child of node.children ?? []) {
      const [key, value] = child.children ?? [];
      if (key?.type !== 'string') continue;
      const property = newProperty(object, String(key.value), 'double', key.offset, key.offset + key.length, undefined, value ? value.offset + value.length : key.offset + key.length, undefined);
      property.value = fromJson(value, property);
      object.properties.push(property);
    }
    return object;
  }
  if (node.type === 'array') {
    const array: ArrayNode = { type: 'array', items: [], flow: true, offset, end, parent };
    for (const child of node.children ?? []) {
      const item = fromJson(child, array);
      if (item) array.items.push(item);
    }
    return array;
  }
  const quoted = node.type === 'string';
  const type: ScalarNode['type'] = node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? node.type : 'null';
  return { type, value: node.type === 'null' ? null : node.value, style: quoted ? 'double' : 'plain', offset, end, contentOffset: quoted ? offset + 1 : offset, contentEnd: quoted ? end - 1 : end, parent };
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

class YamlConverter {
  private readonly document: Document;
  private copies = 0;
  private readonly yaml = (yamlPackage ??= require('yaml') as typeof import('yaml'));

  constructor(private readonly text: string) {
    this.document = this.yaml.parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false, merge: false, logLevel: 'silent' });
  }

  convert(): ValueNode | undefined {
    return this.node(this.document.contents as YamlNode | null, undefined, 0);
  }

  private node(node: YamlNode | null | undefined, parent: ObjectNode | ArrayNode | PropertyNode | undefined, depth: number): ValueNode | undefined {
    if (!node || depth > 200) return undefined;
    const { isAlias, isMap, isPair, isScalar, isSeq } = this.yaml;
    if (isAlias(node)) {
      if (++this.copies > MAX_ALIAS_COPIES) throw new Error('too many alias copies');
      return this.node(node.resolve(this.document) as YamlNode | undefined, parent, depth + 1);
    }
    const [start, valueEnd] = node.range ?? [0, 0];
    if (isMap(node)) {
      const object: ObjectNode = { type: 'object', properties: [], flow: !!node.flow, offset: start, end: valueEnd, parent };
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = this.scalar(pair.key as YamlNode, undefined);
        const property = newProperty(object, key.value, key.style, key.offset, key.end, undefined, key.end, undefined);
        const value = this.node(pair.value as YamlNode | null, property, depth + 1);
        property.value = value ?? { type: 'null', value: null, style: 'plain', offset: -1, end: -1, contentOffset: -1, contentEnd: -1, parent: property };
        if (value && value.end > property.end) property.end = value.end;
        object.properties.push(property);
      }
      if (!object.flow && object.properties.length) object.end = object.properties[object.properties.length - 1].end;
      return object;
    }
    if (isSeq(node)) {
      const array: ArrayNode = { type: 'array', items: [], flow: !!node.flow, offset: start, end: valueEnd, parent };
      for (const item of node.items) {
        const value = this.node(item as YamlNode, array, depth + 1);
        if (value) array.items.push(value);
      }
      if (!array.flow && array.items.length) array.end = array.items[array.items.length - 1].end;
      return array;
    }
    if (isScalar(node)) return this.scalar(node, parent);
    return undefined;
  }

  private scalar(node: YamlNode, parent: ObjectNode | ArrayNode | PropertyNode | undefined): ScalarNode {
    const scalar = node as YamlNode & { type?: string; value: unknown; tag?: string };
    const [start, end] = scalar.range ?? [0, 0];
    const style = STYLES[scalar.type ?? 'PLAIN'] ?? 'plain';
    const source = this.text.slice(start, end);
    let result: ScalarNode;
    if (style === 'plain') {
      const type = plainScalarType(source);
      result = { type, value: type === 'string' ? source : plainScalarValue(source, type), style, offset: start, end, contentOffset: start, contentEnd: end, parent };
    } else if (style === 'single' || style === 'double') {
      result = { type: 'string', value: String(scalar.value ?? ''), style, offset: start, end, contentOffset: start + 1, contentEnd: end - 1, parent };
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
    return result;
  }
}
