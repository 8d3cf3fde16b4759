import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXTENSIONS } from '../../../server/src/facts/extensions';
import { parseApiDocument } from '../../../server/src/model/apiDocument';
import { asObject, getValue } from '../../../server/src/model/navigate';

/**
 * Guesses whether a document describes a REST API or an HTTP API from the extensions only one of them uses; REST when
 * nothing tells, since REST APIs accept everything an HTTP API document may hold but not the reverse.
 */
export function guessApiKind(text: string, dialect: string = 'auto'): 'REST' | 'HTTP' {
  if (dialect === 'rest') return 'REST';
  if (dialect === 'http') return 'HTTP';
  return apiKindEvidence(text)?.kind ?? 'REST';
}

/** The catalog's extensions that only one kind of API reads, wherever the text names one. */
function onlyIn(dialect: 'rest' | 'http'): RegExp {
  const names = EXTENSIONS.filter((e) => e.dialects.length === 1 && e.dialects[0] === dialect).map((e) => e.name);
  return new RegExp(`(?:${names.join('|')})(?![\\w-])`);
}

const HTTP_ONLY = onlyIn('http');
const REST_ONLY = onlyIn('rest');
/**
 * An integration field only HTTP APIs read. REST imports ignore it and it is often copied along, so, as the language
 * server's dialect inference has it, it tells only when no extension does, and it rules nothing out.
 */
const PAYLOAD_FORMAT_VERSION = 'payloadFormatVersion';
const HTTP_HINT = new RegExp(`["']?${PAYLOAD_FORMAT_VERSION}["']?\\s*:`);

/**
 * What in the document makes it one kind of API, e.g. `x-amazon-apigateway-request-validators` (REST); undefined
 * when nothing does. Judged as guessApiKind judges, so the two never disagree.
 */
export function apiKindEvidence(text: string): { kind: 'REST' | 'HTTP'; evidence: string } | undefined {
  if (/^\s*["']?swagger["']?\s*:/m.test(text)) return { kind: 'REST', evidence: 'Swagger 2.0' };
  const http = HTTP_ONLY.exec(text);
  if (http) return { kind: 'HTTP', evidence: http[0] };
  const rest = REST_ONLY.exec(text);
  if (rest) return { kind: 'REST', evidence: rest[0] };
  if (HTTP_HINT.test(text)) return { kind: 'HTTP', evidence: PAYLOAD_FORMAT_VERSION };
  return undefined;
}

/** Whether evidence from apiKindEvidence rules the other kind of API out, or only tips the guess. */
export function rulesOutOtherKind(evidence: string): boolean {
  return evidence !== PAYLOAD_FORMAT_VERSION;
}

/**
 * The `info.title` of a YAML or JSON document, the name an import gives the API: read from the parsed document, since
 * other objects (schemas) have titles too and the text may escape, quote or comment it.
 */
export function documentTitle(text: string): string | undefined {
  const document = parseApiDocument(TextDocument.create('untitled:deploy', /^\s*[{[]/.test(text) ? 'json' : 'yaml', 1, text));
  const title = getValue(asObject(getValue(document.root, 'info')), 'title');
  if (!title || title.type === 'object' || title.type === 'array' || title.value === null) return undefined;
  return String(title.value);
}

/**
 * Parses `key=value` pairs separated by new lines or by commas, as typed into the stage-variables box. Values may hold
 * commas themselves (`hosts=a.example.com,b.example.com`): only a comma before the next `name=` separates.
 */
export function parseStageVariables(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/\n|,(?=[ \t]*[A-Za-z0-9_]+[ \t]*=)/)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`"${trimmed}" is not key=value`);
    const key = trimmed.slice(0, eq).trim();
    if (!/^[A-Za-z0-9_]+$/.test(key)) throw new Error(`stage variable names use letters, digits and _ only: "${key}"`);
    out[key] = trimmed.slice(eq + 1).trim();
  }
  return out;
}

export function formatStageVariables(variables: Record<string, string> | undefined): string {
  return Object.entries(variables ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
}
