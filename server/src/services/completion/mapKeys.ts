import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { findValueSpec, getExtension } from '../../facts/extensions';
import type { ValueSpec } from '../../facts/extensionTypes';
import type { CompletionSite } from '../editing/completionSite';
import { entryText, keyItem, keyStemItem } from './completionItems';
import { INTEGRATION_KEY } from './integrationItems';

/** `^prefix\.(a|b)\.[^\s]+$`: a fixed start, maybe one choice among names, then a free name. */
const STEM_PATTERN = /^\^((?:\\\.|[\w-])*)(?:\(([\w|-]+)\))?((?:\\\.|[\w-])*)(?:\[\^\\s\]\+|\\S\+)\$$/;

/**
 * The fixed starts a map's key pattern allows (`gatewayresponse.header.`, ...), each left open for the name that
 * follows; none when the pattern is not such a start and a name.
 */
export function keyPatternStemItems(site: CompletionSite, spec: ValueSpec): CompletionItem[] {
  const match = spec.keyPattern ? STEM_PATTERN.exec(spec.keyPattern) : null;
  if (!match) return [];
  const unescape = (s: string) => s.replace(/\\\./g, '.');
  const choices = match[2] ? match[2].split('|') : [''];
  const stems = choices.map((choice) => `${unescape(match[1])}${choice}${unescape(match[3])}`);
  // Once a start is typed whole, offering it again would only repeat what is written.
  return stems.filter((stem) => stem !== site.prefix).map((stem) => keyStemItem(site, stem, spec.keyDoc ?? 'Key'));
}

/**
 * A gateway response's headers: `Access-Control-Allow-Origin` first, which a browser needs on an error API Gateway
 * answers itself to show it rather than a CORS failure, then each key start left open for a name.
 */
export function gatewayResponseHeaderItems(site: CompletionSite, spec: ValueSpec): CompletionItem[] {
  const items = keyPatternStemItems(site, spec);
  const key = `gatewayresponse.header.${ALLOW_ORIGIN}`;
  if (site.siblings.some((s) => s.toLowerCase() === key.toLowerCase())) return items;
  const origin: CompletionItem = {
    label: key,
    kind: CompletionItemKind.Field,
    detail: "'*'",
    documentation: { kind: 'markdown', value: `Sends \`${ALLOW_ORIGIN}\` on this error response, so that a browser shows it instead of a CORS failure. \`'*'\` allows every origin; write \`'https://example.com'\` to allow one.` },
    sortText: `0${key}`,
    textEdit: { range: site.range, newText: entryText(site, key, "'*'") },
  };
  return [origin, ...items.map((item) => ({ ...item, sortText: `1${item.label}` }))];
}

const ALLOW_ORIGIN = 'Access-Control-Allow-Origin';

/** A Media Type map of OpenAPI 3: a request body's or a response's `content`, in an operation or in components. */
export function isMediaTypeMap(site: CompletionSite): boolean {
  const { path } = site;
  const n = path.length;
  if (site.document.kind !== 'openapi' || path[n - 1] !== 'content') return false;
  return path[n - 2] === 'requestBody' || path[n - 3] === 'responses' || path[n - 3] === 'requestBodies';
}

/** The media types request templates are offered for: the same choice of formats as for a body's schema. */
export function mediaTypeItems(site: CompletionSite): CompletionItem[] {
  const templates = findValueSpec(getExtension(INTEGRATION_KEY)!, ['requestTemplates']);
  const spec: ValueSpec = { type: 'object', doc: '' };
  return (templates?.examples ?? [])
    .map(String)
    .filter((type) => !site.siblings.includes(type))
    .map((type) => ({ ...keyItem(site, type, spec, CompletionItemKind.Value, undefined), documentation: undefined, detail: 'Media type' }));
}
