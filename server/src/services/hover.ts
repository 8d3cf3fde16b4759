import type { Hover } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { asString, getValue, isScalar, keyName, nodeAtOffset, pathOf } from '../model/navigate';
import type { ScalarNode, ValueNode } from '../model/nodes';
import { ANY_METHOD_KEY, deref, pointerToPath, resolveLocalRef } from '../model/openapiWalk';
import type { ValueSpec } from '../facts/extensionTypes';
import { fieldOf, findValueSpec, getExtension } from '../facts/extensions';
import { extensionIndexOf, isMappingTemplateValue } from './editing/documentPaths';
import { openApiLocation, parametersAt } from './editing/operationFacts';
import { enumEntry, markdown, specMarkdown } from './editing/specDocs';

/** Hover: catalog documentation of extension keys, fields and enum values; summaries of what references point to. */
export function doHover(document: ApiDocument, offset: number): Hover | null {
  const node = nodeAtOffset(document.root, offset);
  if (!isScalar(node) || node.parent?.type !== 'property') return null;
  const property = node.parent;
  const path = pathOf(node);
  const contents = property.key === node ? keyHover(path) : valueHover(document, path, node);
  if (!contents) return null;
  const text = document.textDocument;
  return { contents: markdown(contents), range: { start: text.positionAt(node.offset), end: text.positionAt(node.end) } };
}

function keyHover(path: (string | number)[]): string | undefined {
  const name = String(path[path.length - 1]);
  const named = getExtension(name);
  if (named && extensionIndexOf(path) === path.length - 1) return specMarkdown(name, named, named.docsUrl).value;
  if (path.length === 4 && path[0] === 'paths' && path[2] === ANY_METHOD_KEY) {
    const field = fieldOf(getExtension(ANY_METHOD_KEY)!, name);
    return field ? specMarkdown(name, field).value : undefined;
  }
  const index = extensionIndexOf(path);
  if (index < 0) return undefined;
  const extension = getExtension(String(path[index]));
  const owner = extension && findValueSpec(extension, path.slice(index + 1, -1));
  if (!owner) return undefined;
  const field = fieldOf(owner, name);
  if (field) return specMarkdown(name, field).value;
  if (owner.values && owner.keyDoc) return [`**${name}**`, owner.keyDoc, owner.docsUrl ? `[AWS documentation](${owner.docsUrl})` : ''].filter(Boolean).join('\n\n');
  return undefined;
}

function valueHover(document: ApiDocument, path: (string | number)[], node: ScalarNode): string | undefined {
  if (isMappingTemplateValue(path)) return undefined;
  const value = node.value;
  if (path[path.length - 1] === '$ref' && typeof value === 'string') return refSummary(document, value);
  if (typeof value === 'string') {
    const parameter = /^(?:method\.request|\$request)\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(value);
    if (parameter) return parameterSummary(document, path, parameter[1], parameter[2]);
  }
  const index = extensionIndexOf(path);
  if (index < 0) return undefined;
  const extension = getExtension(String(path[index]));
  const spec = extension && findValueSpec(extension, path.slice(index + 1));
  if (!spec) return undefined;
  return enumHover(spec, String(value)) ?? specMarkdown(String(path[path.length - 1]), spec).value;
}

function enumHover(spec: ValueSpec, value: string): string | undefined {
  const entry = enumEntry(spec, value);
  if (entry === undefined) return undefined;
  const doc = spec.enumDocs?.[entry];
  return [`**${entry}**`, doc ?? spec.doc, spec.docsUrl ? `[AWS documentation](${spec.docsUrl})` : ''].filter(Boolean).join('\n\n');
}

function parameterSummary(document: ApiDocument, path: (string | number)[], location: string, name: string): string {
  const wanted = openApiLocation(location);
  const declared = parametersAt(document, path).find((p) => p.in === wanted && (wanted === 'header' ? p.name.toLowerCase() === name.toLowerCase() : p.name === name));
  if (!declared) return `**${name}**: no ${wanted ?? location} parameter of this name is declared on the operation.`;
  const lines = [`**${declared.name}**: ${declared.in} parameter${asBoolean(getValue(declared.node, 'required')) ? ', required' : ''}`];
  const type = asString(getValue(declared.node, 'type')) ?? asString(getValue(deref(document, getValue(declared.node, 'schema')), 'type'));
  if (type) lines.push(`Type: \`${type}\``);
  const description = asString(getValue(declared.node, 'description'));
  if (description) lines.push(description);
  return lines.join('\n\n');
}

function asBoolean(node: ValueNode | undefined): boolean {
  return node?.type === 'boolean' && node.value === true;
}

const MAX_LISTED_PROPERTIES = 20;

/** What a local `$ref` points to: its type, description and properties, enough to not have to go and look. */
export function refSummary(document: ApiDocument, ref: string): string | undefined {
  if (!ref.startsWith('#')) return `External reference: \`${ref}\``;
  const target = resolveLocalRef(document, ref);
  const segments = pointerToPath(ref.slice(1));
  const name = String(segments[segments.length - 1] ?? ref);
  if (!target) return `**${name}**: \`${ref}\` does not resolve in this document.`;
  const lines = [`**${name}**${describeShape(target)}`];
  const description = asString(getValue(target, 'description')) ?? asString(getValue(target, 'summary'));
  if (description) lines.push(description);
  const properties = getValue(target, 'properties');
  if (properties?.type === 'object' && properties.properties.length) {
    const required = getValue(target, 'required');
    const requiredNames = required?.type === 'array' ? required.items.map((i) => String((i as ScalarNode).value)) : [];
    const listed = properties.properties.slice(0, MAX_LISTED_PROPERTIES).map((p) => {
      const shape = deref(document, p.value);
      const type = asString(getValue(shape, 'type')) ?? refName(p.value);
      return `- \`${keyName(p)}\`${type ? `: ${type}` : ''}${requiredNames.includes(keyName(p)) ? ' (required)' : ''}`;
    });
    if (properties.properties.length > MAX_LISTED_PROPERTIES) listed.push(`- … ${properties.properties.length - MAX_LISTED_PROPERTIES} more`);
    lines.push(listed.join('\n'));
  }
  return lines.join('\n\n');
}

function describeShape(target: ValueNode): string {
  const type = asString(getValue(target, 'type'));
  const location = asString(getValue(target, 'in'));
  const paramName = asString(getValue(target, 'name'));
  if (location && paramName) return `: ${location} parameter \`${paramName}\``;
  return type ? `: \`${type}\`` : '';
}

function refName(node: ValueNode | undefined): string | undefined {
  const ref = asString(getValue(node, '$ref'));
  return ref ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
}
