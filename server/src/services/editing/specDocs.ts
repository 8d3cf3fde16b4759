import type { MarkupContent } from 'vscode-languageserver-types';
import type { Dialect } from '../../model/dialect';
import type { FieldSpec, ValueSpec } from '../../facts/extensionTypes';
import { typesOf } from '../../facts/extensions';
import type { OpenApiField } from '../../facts/openapiFields';
import type { OpenApiVersion } from '../../facts/openapiSchemaSources';
import { specSection } from '../../facts/openapiSpecSections';

/** Markdown for a catalog entry: its documentation, what it accepts, and the AWS page it comes from. */
export function specMarkdown(title: string, spec: ValueSpec, docsUrl?: string): MarkupContent {
  const parts = [`**${title}**`, spec.doc];
  const facts: string[] = [`Type: \`${typesOf(spec).join(' | ')}\``];
  const field = spec as Partial<FieldSpec>;
  if (field.dialects) facts.push(`Only for ${dialectNames(field.dialects)}`);
  if (field.required === true) facts.push('Required');
  else if (Array.isArray(field.required)) facts.push(`Required for ${dialectNames(field.required)}`);
  if (spec.enum) facts.push(`Values: ${spec.enum.map((v) => `\`${v}\``).join(', ')}${spec.caseInsensitive ? ' (any letter case)' : ''}`);
  if (spec.minimum !== undefined || spec.maximum !== undefined) facts.push(`Range: ${spec.minimum ?? '…'} to ${spec.maximum ?? '…'}`);
  parts.push(facts.join(' · '));
  const url = docsUrl ?? spec.docsUrl;
  if (url) parts.push(`[AWS documentation](${url})`);
  return { kind: 'markdown', value: parts.filter(Boolean).join('\n\n') };
}

export function markdown(value: string): MarkupContent {
  return { kind: 'markdown', value };
}

function dialectNames(dialects: Dialect[]): string {
  return dialects.map((d) => (d === 'rest' ? 'REST APIs' : 'HTTP APIs')).join(' and ');
}

/** The catalog's spelling of an enum value written in any letter case, when the enum allows that. */
export function enumEntry(spec: ValueSpec, value: string): string | undefined {
  if (!spec.enum) return undefined;
  if (spec.enum.includes(value)) return value;
  return spec.caseInsensitive ? spec.enum.find((v) => v.toLowerCase() === value.toLowerCase()) : undefined;
}

/** An OpenAPI field: the object it belongs to, its types, and a link to the object's section of the specification. */
export function openApiFieldMarkdown(field: OpenApiField, version: OpenApiVersion): string {
  const section = field.owner === undefined ? undefined : specSection(version, field.owner);
  const parts = [`**${field.name}**`, section ? `A field of the ${section.title} (OpenAPI ${version}).` : `A field of OpenAPI ${version}.`];
  if (field.types.length) parts.push(`Type: ${field.types.map((t) => `\`${t}\``).join(' | ')}${field.required ? ' · Required' : ''}`);
  if (section) parts.push(`[OpenAPI specification](${section.url})`);
  return parts.join('\n\n');
}
