/**
 * The payload property a JSONPath names under the cursor, in the literal of `$input.path('…')` or
 * `$input.json('…')`: hover describes it, Go to Definition leads to its declaration, in another file too, as it does
 * for a member of a template variable holding a part of the payload.
 */
import type { ApiDocument } from '../../model/apiDocument';
import { asObject, asString, findNodeAtPath, getValue, keyName } from '../../model/navigate';
import type { ObjectNode, PropertyNode, ValueNode } from '../../model/nodes';
import { pointerToPath } from '../../model/openapiWalk';
import { refFragment, resolveUri } from '../../model/refUri';
import type { DocumentResolver } from '../validationTypes';
import type { LocatedTemplate } from './locate';
import type { ReferenceResolution } from './memberLookup';
import type { StringLiteral } from './templateScanner';
import { elementSchema, jsonPathSteps, payloadSchema, payloadSchemaNode, schemaAtSteps, schemaProperties, valueShape, type JsonPathStep, type SchemaProperty } from './templateSchemas';
import type { ValueShape } from './variableValues';

export interface JsonPathProperty {
  /** Template offsets of the property's name as the literal spells it. */
  start: number;
  end: number;
  /** The expression's steps up to the property's own, which is the last. */
  steps: JsonPathStep[];
  /** The schema declaring the property: its parent's, or the elements' of a parent list, as JSONPath reaches into lists. */
  holder: ObjectNode | undefined;
  property: SchemaProperty;
}

/**
 * The JSONPath literal of `$input.path('…')` or `$input.json('…')` whose content holds the cursor (template offset
 * `at`), or the closing quote after it: a cursor there is just after the path's last name.
 */
export function jsonPathLiteralAt(resolution: ReferenceResolution, at: number): StringLiteral | undefined {
  for (const { segment, member, path } of resolution.resolved) {
    const literal = segment.call?.args[0]?.literal;
    if (literal && path[0] === 'input' && (member.name === 'path' || member.name === 'json') && at > literal.start && at < literal.end) return literal;
  }
  return undefined;
}

const JSON_PATH_NAME = /[A-Za-z0-9_-]/;

/**
 * The property of the payload schema that the name under the cursor (or just before it) in a JSONPath literal
 * names: the expression up to that name walked through the schema. `['name']` is a step with its quotes and bracket.
 */
export function jsonPathPropertyAt(document: ApiDocument, template: LocatedTemplate, literal: StringLiteral, at: number): JsonPathProperty | undefined {
  const named = jsonPathNameAt(template, literal, at);
  if (!named) return undefined;
  const { steps } = named;
  const parent = schemaAtSteps(document, payloadSchema(document, template), steps.slice(0, -1));
  const holder = elementSchema(document, parent) ?? parent;
  const property = schemaProperties(document, holder).find((p) => p.name === named.name);
  return property && { start: named.start, end: named.end, steps, holder, property };
}

/**
 * Where the property a JSONPath literal names under the cursor is declared, as `jsonPathPropertyAt` walks to it, but
 * following `$ref`s into other files as well, through `resolver`.
 */
export async function jsonPathDeclarationAt(document: ApiDocument, template: LocatedTemplate, literal: StringLiteral, at: number, resolver: DocumentResolver | undefined): Promise<PlacedDeclaration | undefined> {
  const named = jsonPathNameAt(template, literal, at);
  if (!named) return undefined;
  const schemas = new PlacedSchemas(resolver);
  let current = await schemas.follow(document, payloadSchemaNode(document, template));
  for (const step of named.steps.slice(0, -1)) {
    if (!current) return undefined;
    if (step.kind === 'element') {
      current = await schemas.elementOf(current);
      continue;
    }
    const holder = (await schemas.elementOf(current)) ?? current;
    const property = (await schemas.properties(holder)).find((p) => p.name === step.name);
    current = property && (await schemas.follow(property.document, property.declaration.value));
  }
  if (!current) return undefined;
  const holder = (await schemas.elementOf(current)) ?? current;
  return (await schemas.properties(holder)).find((p) => p.name === named.name);
}

interface JsonPathName {
  /** Template offsets of the name as the literal spells it. */
  start: number;
  end: number;
  name: string;
  /** The expression's steps up to the name's own, which is the last. */
  steps: JsonPathStep[];
}

function jsonPathNameAt(template: LocatedTemplate, literal: StringLiteral, at: number): JsonPathName | undefined {
  const expression = literal.value;
  const offsets = valueOffsets(template.text, literal);
  let cursor = 0;
  while (cursor < expression.length && offsets[cursor + 1] <= at) cursor++;
  let start = cursor;
  while (start > 0 && JSON_PATH_NAME.test(expression[start - 1])) start--;
  let end = cursor;
  while (end < expression.length && JSON_PATH_NAME.test(expression[end])) end++;
  if (end === start) return undefined;
  const closing = /^(['"])\s*\]/.exec(expression.slice(end));
  const steps = jsonPathSteps(expression.slice(0, end + (closing ? closing[0].length : 0)));
  const last = steps?.[steps.length - 1];
  const name = expression.slice(start, end);
  // Part of a longer name (`$.a$b` read from `b`, `['a b']` from `b`) is no step of its own.
  if (!steps || last?.kind !== 'property' || last.name !== name) return undefined;
  return { start: offsets[start], end: offsets[end], name, steps };
}

/** A schema with the document it is written in, which its local `$ref`s point into. */
interface PlacedSchema {
  document: ApiDocument;
  schema: ObjectNode;
}

/** An entry of a `properties` map with the document it is written in. */
export interface PlacedDeclaration {
  name: string;
  document: ApiDocument;
  declaration: PropertyNode;
}

const MAX_REF_HOPS = 32;
const MAX_COMBINER_DEPTH = 8;

/**
 * The payload schema read as templateSchemas reads it, but across files: a `$ref` to `models.yaml#/Pet` leads into
 * the file the resolver reads, where that file's own local `$ref`s are followed in turn. Without a resolver such a
 * `$ref` ends the walk, as it does for completion and hover, which answer without waiting for files.
 */
class PlacedSchemas {
  /** The files read during one walk: an open file is parsed again on each read, and `allOf` members share files. */
  private readonly files = new Map<string, Promise<ApiDocument | undefined>>();

  constructor(private readonly resolver: DocumentResolver | undefined) {}

  async follow(document: ApiDocument, node: ValueNode | undefined): Promise<PlacedSchema | undefined> {
    let current: { document: ApiDocument; schema: ObjectNode | undefined } = { document, schema: asObject(node) };
    for (let hop = 0; current.schema && hop < MAX_REF_HOPS; hop++) {
      const ref = asString(getValue(current.schema, '$ref'));
      if (ref === undefined) return { document: current.document, schema: current.schema };
      let target: ApiDocument | undefined = current.document;
      if (!ref.startsWith('#')) target = await this.file(current.document.uri, ref);
      if (!target) return undefined;
      const fragment = refFragment(ref);
      current = { document: target, schema: asObject(fragment === undefined ? target.root : findNodeAtPath(target.root, pointerToPath(fragment.slice(1)))) };
    }
    return undefined;
  }

  private file(baseUri: string, ref: string): Promise<ApiDocument | undefined> {
    const resolver = this.resolver;
    const uri = resolveUri(baseUri, ref);
    if (!resolver || uri === undefined) return Promise.resolve(undefined);
    let read = this.files.get(uri);
    if (!read) {
      read = resolver.resolve(baseUri, ref).catch(() => undefined);
      this.files.set(uri, read);
    }
    return read;
  }

  /** The properties of an object schema, those of its `allOf`, `oneOf` and `anyOf` members after its own. */
  async properties(placed: PlacedSchema, depth = 0): Promise<PlacedDeclaration[]> {
    if (depth > MAX_COMBINER_DEPTH) return [];
    const found = new Map<string, PlacedDeclaration>();
    for (const declaration of asObject(getValue(placed.schema, 'properties'))?.properties ?? []) {
      found.set(keyName(declaration), { name: keyName(declaration), document: placed.document, declaration });
    }
    for (const combiner of ['allOf', 'oneOf', 'anyOf']) {
      const members = getValue(placed.schema, combiner);
      for (const member of members?.type === 'array' ? members.items : []) {
        const schema = await this.follow(placed.document, member);
        for (const p of schema ? await this.properties(schema, depth + 1) : []) if (!found.has(p.name)) found.set(p.name, p);
      }
    }
    return [...found.values()];
  }

  /** The element schema of an array schema, as JSONPath steps into lists; any other schema as it is. */
  async elementOf(placed: PlacedSchema): Promise<PlacedSchema | undefined> {
    const { document, schema } = placed;
    if (asString(getValue(schema, 'type')) === 'array' || getValue(schema, 'items')) return this.follow(document, getValue(schema, 'items'));
    return placed;
  }

  /**
   * What a template variable holding this part of the payload answers to. A schema without a `type` whose properties
   * come from another file is a map too, which the one-document reading cannot see.
   */
  async shapeOf(placed: PlacedSchema): Promise<ValueShape | undefined> {
    const shape = valueShape(placed.document, placed.schema);
    if (shape || getValue(placed.schema, 'type')) return shape;
    return (await this.properties(placed)).length > 0 ? 'map' : undefined;
  }
}

/**
 * Where the member a template variable reads is declared: `steps` lead to the receiver as the variable holds it (a
 * Velocity member of a list does not reach into its elements, unlike a JSONPath), which must be a map.
 */
export async function payloadMemberDeclaration(document: ApiDocument, template: LocatedTemplate, steps: JsonPathStep[], name: string, resolver: DocumentResolver | undefined): Promise<PlacedDeclaration | undefined> {
  const schemas = new PlacedSchemas(resolver);
  let current = await schemas.follow(document, payloadSchemaNode(document, template));
  for (const step of steps) {
    if (!current) return undefined;
    const shape = await schemas.shapeOf(current);
    if (step.kind === 'element') {
      current = shape === 'list' ? await schemas.follow(current.document, getValue(current.schema, 'items')) : undefined;
      continue;
    }
    const property = shape === 'map' ? (await schemas.properties(current)).find((p) => p.name === step.name) : undefined;
    current = property && (await schemas.follow(property.document, property.declaration.value));
  }
  if (!current || (await schemas.shapeOf(current)) !== 'map') return undefined;
  return (await schemas.properties(current)).find((p) => p.name === name);
}

/**
 * The template offset of each character of a literal's value, and of the value's end. A doubled quote, which the
 * value holds once, takes two characters of the source: offsets past `'it''s` are one further than the value's.
 */
function valueOffsets(text: string, literal: StringLiteral): number[] {
  const { value, quote } = literal;
  const offsets: number[] = [];
  let at = literal.start + 1;
  for (let i = 0; i < value.length; i++) {
    offsets.push(at);
    at += value[i] === quote && text[at] === quote && text[at + 1] === quote ? 2 : 1;
  }
  offsets.push(at);
  return offsets;
}
