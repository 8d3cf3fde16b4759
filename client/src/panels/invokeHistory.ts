import type { HistoryEntry, InvokeDraft, MultiValueMap } from './invokeMessages';

/** Requests kept per operation; older ones fall off. */
export const HISTORY_LIMIT = 20;

/** Headers whose values are credentials: the history keeps their names only. */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'x-amz-security-token', 'proxy-authorization', 'cookie']);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** The draft as the history stores it: secret header values and the API key emptied, everything else kept. */
export function redactDraft(draft: InvokeDraft): InvokeDraft {
  const headers: MultiValueMap = {};
  for (const [name, value] of Object.entries(draft.headers)) headers[name] = isSecretHeader(name) ? '' : value;
  const redacted: InvokeDraft = { ...draft, headers };
  if (redacted.apiKey) redacted.apiKey = '';
  return redacted;
}

/**
 * A stored draft made ready to send again: the secrets the history dropped are taken from the draft on screen, when
 * it holds the same header or an API key.
 */
export function restoreSecrets(stored: InvokeDraft, current: InvokeDraft | undefined): InvokeDraft {
  if (!current) return stored;
  const currentHeaders = new Map(Object.entries(current.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const headers: MultiValueMap = {};
  for (const [name, value] of Object.entries(stored.headers)) {
    headers[name] = isSecretHeader(name) && (value === '' || (Array.isArray(value) && value.every((v) => v === ''))) ? (currentHeaders.get(name.toLowerCase()) ?? value) : value;
  }
  return { ...stored, headers, apiKey: stored.apiKey || current.apiKey };
}

/** The newest entry first, at most `limit` entries, the entry's draft redacted. */
export function addToHistory(history: HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  return [{ ...entry, draft: redactDraft(entry.draft) }, ...history].slice(0, limit);
}

/** The history key of an operation: the document's workspace-relative path and the operation. */
export function historyKey(file: string, method: string, pathTemplate: string): string {
  return `${file}#${method.toUpperCase()} ${pathTemplate}`;
}

/** Entries read from the workspace file, dropping anything not shaped like one (a hand-edited or older file). */
export function validHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is HistoryEntry => !!e && typeof e === 'object' && typeof (e as HistoryEntry).at === 'string' && !!(e as HistoryEntry).draft && typeof (e as HistoryEntry).draft === 'object');
}
