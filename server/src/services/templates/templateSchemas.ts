/**
 * The payload schema a template reads: the operation's request body for request templates, the method response
 * of the integration response's status code for response templates. JSONPath completion, hover and Go to Definition
 * walk it, and so do members of template variables that hold a part of the payload. The walk crosses files: a `$ref`
 * into another file (of a schema, a request body, a response or a parameter) leads there when that file is at hand,
 * and the `$ref`s written in it are read relative to it.
 */
import { schemaPhrase } from '../editing/refTargetSummary';
import type { ApiDocument } from '../../model/apiDocument';
import type { ObjectNode, PropertyNode, ValueNode } from '../../model/nodes';
import { asObject, asString, findNodeAtPath, getValue, keyName } from '../../model/navigate';
import { pointerToPath } from '../../model/openapiWalk';
import { refFragment, resolveUri } from '../../model/refUri';
import type { LocatedTemplate } from './locate';
import type { PayloadFacts, PropertyFacts, ValueShape } from './variableValues';

const MAX_REF_HOPS = 32;
const MAX_COMBINER_DEPTH = 8;

/**
 * The file a `$ref` written in `baseUri` names, where it can be had without waiting; undefined otherwise. Hover and
 * completion answer at once, so they read only files already loaded; Go to Definition loads them first.
 */
export type LoadedFile = (baseUri: string, ref: string) => ApiDocument | undefined;

/** An object of a definition (a schema, a request body, a response) with the document it is written in, which its `$ref`s are relative to. */
export interface PlacedObject {
  document: ApiDocument;
  node: ObjectNode;
}

export interface SchemaProperty {
  name: string;
  schema: PlacedObject | undefined;
  /** The entry of a `properties` map that declares it, for Go to Definition. */
  declaration: PropertyNode;
  /** The document the declaration is written in. */
  document: ApiDocument;
}

/** One walk of payload schemas, reading other files through `loaded`; without it, a `$ref` into another file ends the walk. */
export class SchemaReader {
  /** The files looked up during the walk: one lookup may parse an open file, and `allOf` members often share a file. */
  private readonly files = new Map<string, ApiDocument | undefined>();

  constructor(private readonly loaded?: LoadedFile) {}

  /** The object `node` is, or the one its `$ref`s lead to, local or in other files. */
  resolve(document: ApiDocument, node: ValueNode | undefined): PlacedObject | undefined {
    // A `$ref` into a document walked here, the edited one above all, reads it as it stands, not as a loader last read it.
    if (!this.files.has(document.uri)) this.files.set(document.uri, document);
    const start = asObject(node);
    let current: PlacedObject | undefined = start && { document, node: start };
    for (let hop = 0; current && hop < MAX_REF_HOPS; hop++) {
      const ref = asString(getValue(current.node, '$ref'));
      if (ref === undefined) return current;
      const target = this.file(current.document, ref);
      const fragment = refFragment(ref) ?? '#';
      if (!target || !(fragment === '#' || fragment.startsWith('#/'))) return undefined;
      const found = asObject(findNodeAtPath(target.root, pointerToPath(fragment.slice(1))));
      current = found && { document: target, node: found };
    }
    return undefined;
  }

  private file(from: ApiDocument, ref: string): ApiDocument | undefined {
    if (ref.startsWith('#')) return from;
    const uri = resolveUri(from.uri, ref);
    if (uri === undefined) return undefined;
    if (!this.files.has(uri)) this.files.set(uri, this.loaded?.(from.uri, ref));
    return this.files.get(uri);
  }

  /** Properties of an object schema, including those contributed by `allOf`, `oneOf` and `anyOf` members, after its own. */
  properties(schema: PlacedObject | undefined, depth = 0): SchemaProperty[] {
    if (!schema || depth > MAX_COMBINER_DEPTH) return [];
    const { document, node } = schema;
    const found = new Map<string, SchemaProperty>();
    for (const declaration of asObject(getValue(node, 'properties'))?.properties ?? []) {
      const name = keyName(declaration);
      found.set(name, { name, schema: this.resolve(document, declaration.value), declaration, document });
    }
    for (const combiner of ['allOf', 'oneOf', 'anyOf']) {
      for (const member of arrayItems(getValue(node, combiner))) {
        for (const p of this.properties(this.resolve(document, member), depth + 1)) if (!found.has(p.name)) found.set(p.name, p);
      }
    }
    return [...found.values()];
  }

  /** The element schema of an array schema; other schemas are returned as they are (JSONPath steps through lists). */
  element(schema: PlacedObject | undefined): PlacedObject | undefined {
    if (schema && (asString(getValue(schema.node, 'type')) === 'array' || getValue(schema.node, 'items'))) return this.resolve(schema.document, getValue(schema.node, 'items'));
    return schema;
  }

  /** Walks the schema along JSONPath steps; undefined where the schema ends. */
  atSteps(schema: PlacedObject | undefined, steps: JsonPathStep[]): PlacedObject | undefined {
    let current = schema;
    for (const step of steps) {
      if (!current) return undefined;
      if (step.kind === 'element') {
        current = this.element(current);
        continue;
      }
      const holder = this.element(current) ?? current;
      current = this.properties(holder).find((p) => p.name === step.name)?.schema;
    }
    return current;
  }

  /**
   * The part of the payload at these steps, read as a template variable holds it: unlike a JSONPath, a Velocity member
   * of a list does not reach into its elements, and an index of a map is no element.
   */
  asHeld(schema: PlacedObject | undefined, steps: JsonPathStep[]): PlacedObject | undefined {
    let current = schema;
    for (const step of steps) {
      if (!current) return undefined;
      const shape = this.shape(current);
      if (step.kind === 'element') current = shape === 'list' ? this.resolve(current.document, getValue(current.node, 'items')) : undefined;
      else current = shape === 'map' ? this.properties(current).find((p) => p.name === step.name)?.schema : undefined;
    }
    return current;
  }

  /** What `$input.path` makes of JSON the schema describes; undefined for numbers, booleans and schemas that do not say. */
  shape(schema: PlacedObject): ValueShape | undefined {
    const type = declaredType(schema.node);
    if (type === 'array' || (type === undefined && getValue(schema.node, 'items'))) return 'list';
    if (type === 'string') return 'string';
    if (type === 'object' || getValue(schema.node, 'additionalProperties')) return 'map';
    return type === undefined && this.properties(schema).length > 0 ? 'map' : undefined;
  }

  /** The payload schema of a template: see the file's heading. */
  payload(document: ApiDocument, template: LocatedTemplate): PlacedObject | undefined {
    const operation = template.operation?.node;
    if (!operation) return undefined;
    if (template.kind === 'request') return this.requestBody(document, operation, template.mimeType);
    if (template.kind !== 'response') return undefined;
    const responses = asObject(getValue(operation, 'responses'));
    const status = template.statusCode ?? responses?.properties.map(keyName).find((code) => code.startsWith('2'));
    const response = this.resolve(document, status === undefined ? undefined : getValue(responses, status));
    if (!response) return undefined;
    return getValue(response.node, 'content') ? this.contentSchema(response, template.mimeType) : this.resolve(response.document, getValue(response.node, 'schema'));
  }

  /**
   * An operation's request body schema: OpenAPI 3's for the media type (else JSON's, else the first one's), Swagger
   * 2.0's `in: body` parameter's.
   */
  requestBody(document: ApiDocument, operation: ObjectNode, mimeType = 'application/json'): PlacedObject | undefined {
    const requestBody = this.resolve(document, getValue(operation, 'requestBody'));
    if (requestBody) return this.contentSchema(requestBody, mimeType);
    const parameters = [...arrayItems(getValue(operation, 'parameters')), ...arrayItems(getValue(pathItemOf(operation), 'parameters'))];
    const body = parameters.map((p) => this.resolve(document, p)).find((p) => p && asString(getValue(p.node, 'in')) === 'body');
    return body && this.resolve(body.document, getValue(body.node, 'schema'));
  }

  /** The schema of the media type matching the template's MIME type, else JSON's, else the first one's. */
  private contentSchema(owner: PlacedObject, mimeType: string): PlacedObject | undefined {
    const content = asObject(getValue(owner.node, 'content'));
    const media = this.resolve(owner.document, getValue(content, mimeType) ?? getValue(content, 'application/json') ?? content?.properties[0]?.value);
    return media && this.resolve(media.document, getValue(media.node, 'schema'));
  }
}

function pathItemOf(operation: ObjectNode): ValueNode | undefined {
  const property = operation.parent;
  return property?.type === 'property' ? property.parent : undefined;
}

function arrayItems(node: ValueNode | undefined): ValueNode[] {
  return node?.type === 'array' ? node.items : [];
}

/** A short type label: `string`, `integer (int64)`, `array of Pet`, `Pet`; `any` when the schema says nothing. */
function schemaTypeLabel(document: ApiDocument, node: ValueNode | undefined): string {
  return schemaPhrase(document, node) ?? 'any';
}

/**
 * The type label of a property of `holder`: its own as written, so that a `$ref` is labelled by its name; one it takes
 * from an `allOf`, `oneOf` or `anyOf` member, by the schema it resolves to.
 */
export function propertyTypeLabel(holder: PlacedObject | undefined, property: SchemaProperty): string {
  const written = getValue(asObject(getValue(holder?.node, 'properties')), property.name);
  if (holder && written) return schemaTypeLabel(holder.document, written);
  return schemaTypeLabel(property.schema?.document ?? property.document, property.schema?.node);
}

export type JsonPathStep = { kind: 'property'; name: string } | { kind: 'element' };

/** The steps of a JSONPath written so far, e.g. `$.pets[0].name` → property pets, element, property name. */
export function jsonPathSteps(expression: string): JsonPathStep[] | undefined {
  if (!expression.startsWith('$')) return undefined;
  const steps: JsonPathStep[] = [];
  const pattern = /\.\.?([A-Za-z0-9_$-]*)|\[\s*(?:'([^']*)'|"([^"]*)"|[^\]]*)\s*\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < expression.length) {
    const match = pattern.exec(expression);
    if (!match) return undefined;
    const quoted = match[2] ?? match[3];
    if (match[0].startsWith('.')) steps.push({ kind: 'property', name: match[1] });
    else steps.push(quoted !== undefined ? { kind: 'property', name: quoted } : { kind: 'element' });
  }
  return steps;
}

/** What the payload at these steps is, read as a template variable holds it (see `SchemaReader.asHeld`). */
export function payloadFacts(document: ApiDocument, template: LocatedTemplate, steps: JsonPathStep[], loaded?: LoadedFile): PayloadFacts | undefined {
  const schemas = new SchemaReader(loaded);
  const schema = schemas.asHeld(schemas.payload(document, template), steps);
  if (!schema) return undefined;
  const shape = schemas.shape(schema);
  return { shape, properties: shape === 'map' ? propertyFacts(schemas, schema) : [] };
}

/**
 * The property a member of a template variable names, `steps` leading to the variable's value as it holds it, which
 * must be a map; with the document declaring it.
 */
export function payloadMember(schemas: SchemaReader, document: ApiDocument, template: LocatedTemplate, steps: JsonPathStep[], name: string): SchemaProperty | undefined {
  const receiver = schemas.asHeld(schemas.payload(document, template), steps);
  if (!receiver || schemas.shape(receiver) !== 'map') return undefined;
  return schemas.properties(receiver).find((p) => p.name === name);
}

/** The properties found where a JSONPath (`$.pets[0]`) leads in `schema`: the object's there, or its elements'. */
export function jsonPathProperties(schema: PlacedObject | undefined, expression: string, schemas = new SchemaReader()): PropertyFacts[] {
  const steps = jsonPathSteps(expression);
  if (!steps) return [];
  const found = schemas.atSteps(schema, steps);
  return propertyFacts(schemas, schemas.element(found) ?? found);
}

/** Labels and descriptions of an object schema's properties, as completion and hover show them. */
function propertyFacts(schemas: SchemaReader, holder: PlacedObject | undefined): PropertyFacts[] {
  return schemas.properties(holder).map((p) => ({
    name: p.name,
    type: propertyTypeLabel(holder, p),
    description: asString(getValue(p.schema?.node, 'description')),
    declaration: p.declaration,
  }));
}

/** `type`, or the one type besides `null` of an OpenAPI 3.1 list of types. */
function declaredType(schema: ObjectNode): string | undefined {
  const type = getValue(schema, 'type');
  if (type?.type !== 'array') return asString(type);
  const named = type.items.map(asString).filter((t) => t !== undefined && t !== 'null');
  return named.length === 1 ? named[0] : undefined;
}
