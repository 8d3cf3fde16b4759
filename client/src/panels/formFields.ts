/**
 * The panels' form logic that needs no DOM: reading the JSON fields, deciding whether a request may be sent, sizing
 * text boxes and describing history rows. The webviews import it; tests run it in plain Node.
 */
import type { HistoryEntry, InvokeDraft, MultiValueMap } from './invokeMessages';
import { listed } from '../sentences';
import { pathWithQuery, sendsNoBody } from './invokeRequest';

/**
 * What a JSON field must hold: headers and query strings map names to a value or a list of values; path parameters
 * and stage variables map names to one value; `$context` overrides may nest.
 */
export type FieldShape = 'multiValueMap' | 'stringMap' | 'object';

export type FieldParse<T> = { ok: true; value: T } | { ok: false; error: string };

/** A field's text read as its shape; empty text is an empty object. Numbers and booleans count as their text. */
export function parseJsonField(text: string, shape: 'multiValueMap'): FieldParse<MultiValueMap>;
export function parseJsonField(text: string, shape: 'stringMap'): FieldParse<Record<string, string>>;
export function parseJsonField(text: string, shape: FieldShape): FieldParse<Record<string, unknown>>;
export function parseJsonField(text: string, shape: FieldShape): FieldParse<Record<string, unknown>> {
  if (text.trim() === '') return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, error: `Expected a JSON object such as {"name": "value"}, not ${describe(parsed)}.` };
  }
  if (shape === 'object') return { ok: true, value: parsed as Record<string, unknown> };
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (isScalar(value)) out[name] = String(value);
    else if (shape === 'multiValueMap' && Array.isArray(value) && value.every(isScalar)) out[name] = value.map(String);
    else return { ok: false, error: `"${name}" must be ${shape === 'multiValueMap' ? 'a string or a list of strings' : 'a string'}, not ${describe(value)}.` };
  }
  return { ok: true, value: out };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Why the text is not JSON, in the parser's words; undefined when it parses. */
export function jsonParseError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Whether a Content-Type declares JSON. `'type'` reads it as a media type: `json` as a word or a `+json` suffix, so
 * `application/x-ndjson` (lines of JSON, which do not parse as one) is not JSON. `'mention'` takes any type that
 * contains `json`. A response's badge uses the first and the request body's warning the second; making them agree
 * would change which bodies get a note, so each keeps its own.
 */
export function isJsonMediaType(contentType: string | undefined, test: 'type' | 'mention'): boolean {
  return (test === 'type' ? /\bjson\b|\+json/i : /json/i).test(contentType ?? '');
}

/**
 * A JSON body that does not parse is sent as typed (it is how API Gateway's 400 for a malformed body is tried), but
 * the field says so when the request declares JSON.
 */
export function bodyWarning(body: string, contentType: string | undefined): string | undefined {
  if (body.trim() === '' || !isJsonMediaType(contentType, 'mention')) return undefined;
  const why = jsonParseError(body);
  return why === undefined ? undefined : `Not valid JSON (${why}); it is sent as typed.`;
}

/**
 * The evaluator's note on a body that looks like JSON (it starts with `{` or `[`) but does not parse. It is a sample
 * worth trying, not a mistake to block: API Gateway itself rejects such a request body with a 400 before the template
 * runs, and the output shows that answer.
 */
export function bodyProblem(body: string, kind: 'request' | 'response'): string | undefined {
  const text = body.trim();
  if (!/^[[{]/.test(text)) return undefined;
  const why = jsonParseError(text);
  if (why === undefined) return undefined;
  return kind === 'request'
    ? `Not valid JSON (${why}): API Gateway answers 400 before the template runs, as the output shows.`
    : `Not valid JSON (${why}): the template reads it as API Gateway would.`;
}

/** What the evaluator says over an output computed before the named fields stopped reading; undefined when none. */
export function staleNotice(fields: string[]): string | undefined {
  return fields.length ? `This output is from the last valid sample: fix ${listed(fields)}.` : undefined;
}

/** A header's value whatever the case of its name; the last one of a list. */
export function headerValue(headers: MultiValueMap | Record<string, string> | undefined, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  const value = entry?.[1];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** Why the request cannot be sent yet, naming the fields to fix; undefined when it can. */
export function sendBlocker(invalid: { field: string; error: string }[]): string | undefined {
  if (!invalid.length) return undefined;
  const [first] = invalid;
  // With one field the name is said once; with several, the error shown says which field it belongs to.
  const detail = invalid.length === 1 ? first.error : `${first.field}: ${first.error}`;
  return `Fix ${listed(invalid.map((i) => i.field))} to send: ${detail}`;
}

/** Rows a text box needs for its text, between a floor that keeps it visible and a ceiling that keeps the page short. */
export function fitRows(text: string, minRows: number, maxRows: number): number {
  const lines = text === '' ? 1 : text.split('\n').length;
  return Math.max(minRows, Math.min(maxRows, lines));
}

const HINT_LENGTH = 40;

/** A short view of a request body, so runs of one operation with other bodies can be told apart in the history. */
export function bodyHint(draft: Pick<InvokeDraft, 'method' | 'body'>): string {
  if (draft.body.trim() === '' || sendsNoBody(draft.method)) return '';
  let compact: string;
  try {
    compact = JSON.stringify(JSON.parse(draft.body));
  } catch {
    compact = draft.body.replace(/\s+/g, ' ').trim();
  }
  return compact.length > HINT_LENGTH ? `${compact.slice(0, HINT_LENGTH - 1)}…` : compact;
}

/** A history row's request line: method, path with query, and the body hint. */
export function historyRequest(entry: Pick<HistoryEntry, 'draft'>): { request: string; hint: string } {
  return { request: `${entry.draft.method} ${pathWithQuery(entry.draft)}`, hint: bodyHint(entry.draft) };
}

/** The whole of a history row, for its tooltip: rows shorten the request when the panel is narrow. */
export function historyTitle(entry: HistoryEntry, when: string, target: string): string {
  const body = entry.draft.body.trim() && !sendsNoBody(entry.draft.method) ? `\n${entry.draft.body.trim().slice(0, 500)}` : '';
  const outcome = entry.error !== undefined ? `failed: ${entry.error}` : `status ${entry.status ?? '?'}${entry.latencyMs !== undefined ? ` in ${entry.latencyMs.toFixed(0)} ms` : ''}`;
  return `${entry.draft.method} ${pathWithQuery(entry.draft)}${body}\n${when} · ${target} · ${outcome}`;
}

/**
 * Whether an answer that arrived with its top at `top` (relative to the viewport) should be scrolled to the top of
 * the panel: when it starts above the view or in its lower part, e.g. under the request's fields in a narrow panel.
 */
export function responseNeedsScroll(top: number, viewportHeight: number): boolean {
  return top < 0 || top > viewportHeight * 0.3;
}
