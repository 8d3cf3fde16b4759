import type { ApiDocument } from '../../model/apiDocument';
import { asString, getValue, keyName } from '../../model/navigate';
import type { ValueNode } from '../../model/nodes';
import { pointerToPath, refOf, resolveLocalRef } from '../../model/openapiWalk';

const MAX_LISTED_PROPERTIES = 20;
const MAX_LISTED_VALUES = 8;
const MAX_DEPTH = 3;

/**
 * What a local `$ref` points to, in enough detail not to have to go and look: a schema's type, members, values and
 * properties; a response's or request body's media types and schemas and a response's headers; a parameter's place and
 * type; a reusable integration's type and target.
 */
export function refSummary(document: ApiDocument, ref: string): string | undefined {
  if (!ref.startsWith('#')) return `External reference: \`${ref}\``;
  const target = resolveLocalRef(document, ref);
  const segments = pointerToPath(ref.slice(1));
  const name = String(segments[segments.length - 1] ?? ref);
  if (!target) return `**${name}**: \`${ref}\` does not resolve in this document.`;
  if (target.type !== 'object') return `**${name}**`;
  const kind = String(segments[segments.length - 2] ?? '');
  if (kind === 'responses') return responseSummary(document, name, target);
  if (kind === 'requestBodies') return requestBodySummary(document, name, target);
  if (kind === 'parameters' || (asString(getValue(target, 'in')) && asString(getValue(target, 'name')))) return parameterSummary(document, name, target);
  if (kind === 'headers') return headerSummary(document, name, target);
  if (kind === 'x-amazon-apigateway-integrations') return integrationSummary(name, target);
  return schemaSummary(document, name, target);
}

function schemaSummary(document: ApiDocument, name: string, target: ValueNode): string {
  const phrase = schemaPhrase(document, target);
  const lines = [`**${name}**${phrase ? `: \`${phrase}\`` : ''}`];
  pushDescription(lines, target);
  const properties = getValue(target, 'properties');
  if (properties?.type === 'object' && properties.properties.length) {
    const required = getValue(target, 'required');
    const requiredNames = new Set(required?.type === 'array' ? required.items.map((i) => (i.type === 'object' || i.type === 'array' ? '' : String(i.value))) : []);
    const listed = properties.properties.slice(0, MAX_LISTED_PROPERTIES).map((p) => {
      const type = schemaPhrase(document, p.value);
      return `- \`${keyName(p)}\`${type ? `: ${type}` : ''}${requiredNames.has(keyName(p)) ? ' (required)' : ''}`;
    });
    if (properties.properties.length > MAX_LISTED_PROPERTIES) listed.push(`- … ${properties.properties.length - MAX_LISTED_PROPERTIES} more`);
    lines.push(listed.join('\n'));
  }
  return lines.join('\n\n');
}

function responseSummary(document: ApiDocument, name: string, target: ValueNode): string {
  const lines = [`**${name}**: response`];
  pushDescription(lines, target);
  pushContent(lines, document, target);
  const headers = getValue(target, 'headers');
  if (headers?.type === 'object' && headers.properties.length) lines.push(`Headers: ${headers.properties.map((h) => `\`${keyName(h)}\``).join(', ')}`);
  return lines.join('\n\n');
}

function requestBodySummary(document: ApiDocument, name: string, target: ValueNode): string {
  const required = getValue(target, 'required');
  const lines = [`**${name}**: request body${required?.type === 'boolean' && required.value ? ', required' : ''}`];
  pushDescription(lines, target);
  pushContent(lines, document, target);
  return lines.join('\n\n');
}

function parameterSummary(document: ApiDocument, name: string, target: ValueNode): string {
  const location = asString(getValue(target, 'in'));
  const parameterName = asString(getValue(target, 'name'));
  const required = getValue(target, 'required');
  const where = location && parameterName ? `${location} parameter \`${parameterName}\`` : 'parameter';
  const lines = [`**${name}**: ${where}${required?.type === 'boolean' && required.value ? ', required' : ''}`];
  // Swagger 2.0 parameters carry their type themselves; OpenAPI 3 ones in a schema (or, for a body, Swagger's `schema`).
  const type = schemaPhrase(document, getValue(target, 'schema')) ?? schemaPhrase(document, target);
  if (type) lines.push(`Type: \`${type}\``);
  pushDescription(lines, target);
  return lines.join('\n\n');
}

function headerSummary(document: ApiDocument, name: string, target: ValueNode): string {
  const lines = [`**${name}**: header`];
  const type = schemaPhrase(document, getValue(target, 'schema')) ?? schemaPhrase(document, target);
  if (type) lines.push(`Type: \`${type}\``);
  pushDescription(lines, target);
  return lines.join('\n\n');
}

function integrationSummary(name: string, target: ValueNode): string {
  const type = asString(getValue(target, 'type'));
  const lines = [`**${name}**: ${type ? `\`${type}\` ` : ''}integration`];
  const method = asString(getValue(target, 'httpMethod'));
  const uri = asString(getValue(target, 'uri'));
  if (uri) lines.push(`${method ? `\`${method}\` ` : ''}\`${uri}\``);
  const subtype = asString(getValue(target, 'integrationSubtype'));
  if (subtype) lines.push(`Subtype: \`${subtype}\``);
  return lines.join('\n\n');
}

function pushDescription(lines: string[], target: ValueNode): void {
  const description = asString(getValue(target, 'description')) ?? asString(getValue(target, 'summary'));
  if (description) lines.push(description);
}

/** OpenAPI 3's `content` by media type, or Swagger 2.0's single `schema`. */
function pushContent(lines: string[], document: ApiDocument, target: ValueNode): void {
  const content = getValue(target, 'content');
  if (content?.type === 'object' && content.properties.length) {
    lines.push(content.properties.map((media) => {
      const schema = schemaPhrase(document, getValue(media.value, 'schema'));
      return `- \`${keyName(media)}\`${schema ? `: ${schema}` : ''}`;
    }).join('\n'));
    return;
  }
  const schema = schemaPhrase(document, getValue(target, 'schema'));
  if (schema) lines.push(`Schema: ${schema}`);
}

/**
 * A schema in a few words: a referenced schema by its name, `string (date-time)`, `array of Pet`, `one of Cat, Dog`,
 * an enumeration by its values. Undefined when the node says nothing of its type.
 */
export function schemaPhrase(document: ApiDocument, node: ValueNode | undefined, depth = 0): string | undefined {
  if (!node || node.type !== 'object' || depth > MAX_DEPTH) return undefined;
  const ref = refOf(node);
  if (ref !== undefined) return refPhrase(document, ref, depth) ?? 'a schema';
  const values = getValue(node, 'enum');
  if (values?.type === 'array' && values.items.length) {
    const shown = values.items.slice(0, MAX_LISTED_VALUES).map((v) => (v.type === 'object' || v.type === 'array' ? '…' : JSON.stringify(v.value)));
    if (values.items.length > MAX_LISTED_VALUES) shown.push(`… ${values.items.length - MAX_LISTED_VALUES} more`);
    return `one of ${shown.join(', ')}`;
  }
  for (const [keyword, words] of [['oneOf', 'one of'], ['anyOf', 'any of'], ['allOf', 'all of']] as const) {
    const members = getValue(node, keyword);
    if (members?.type === 'array' && members.items.length) {
      return `${words} ${members.items.map((m) => schemaPhrase(document, m, depth + 1) ?? 'a schema').join(', ')}`;
    }
  }
  const type = asString(getValue(node, 'type'));
  if (type === 'array') {
    const items = schemaPhrase(document, getValue(node, 'items'), depth + 1);
    return items ? `array of ${items}` : 'array';
  }
  const format = asString(getValue(node, 'format'));
  if (type) return format ? `${type} (${format})` : type;
  return getValue(node, 'properties') ? 'object' : undefined;
}

/**
 * A referenced schema by its name when it has one (`#/components/schemas/Pet`, Swagger's `#/definitions/Pet`, a
 * file's `#/Pet`); a reference into a schema (`#/components/schemas/PetList/items`) by what it points to.
 */
function refPhrase(document: ApiDocument, ref: string, depth: number): string | undefined {
  const hash = ref.indexOf('#');
  const segments = hash < 0 ? [] : pointerToPath(ref.slice(hash + 1)).map(String);
  const name = segments[segments.length - 1];
  const holder = segments[segments.length - 2];
  if (name !== undefined && (segments.length === 1 || holder === 'schemas' || holder === 'definitions')) return name;
  if (hash === 0) return schemaPhrase(document, resolveLocalRef(document, ref), depth + 1);
  // Another file's schema, not read here: its file and pointer say what it is.
  return ref.slice(ref.lastIndexOf('/', hash < 0 ? undefined : hash) + 1) || undefined;
}
