import { hideUrlUserInfo } from '../aws/redact';
import type { HistoryEntry, InvokeDraft, MultiValueMap } from './invokeMessages';

/** Requests kept per operation; older ones fall off. */
export const HISTORY_LIMIT = 20;

/**
 * Header and query parameter names whose values are credentials, matched by part since every API names its own
 * (`X-Auth-Token`, `access_token`, `client_secret`, `X-Session-Id`): the history keeps their names only.
 */
const SECRET_NAME = /authorization|cookie|token|secret|passw(?:or)?d|session|api[-_]?key|^x-auth-/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The draft as the history stores it: credential values, stage variable values and the API key emptied. */
export function redactDraft(draft: InvokeDraft): InvokeDraft {
  const redacted: InvokeDraft = {
    ...draft,
    headers: blankWhere(draft.headers, isSecretName),
    query: blankWhere(draft.query, isSecretName),
    // Stage variables often carry a backend password or key under any name, and the history is shared.
    stageVariables: blankWhere(draft.stageVariables, () => true),
  };
  if (redacted.apiKey) redacted.apiKey = '';
  if (redacted.stageUrl) redacted.stageUrl = hideUrlUserInfo(redacted.stageUrl);
  return redacted;
}

/**
 * A stored draft made ready to send again: the secrets the history dropped are taken from the draft on screen, when
 * it holds the same header, query parameter, stage variable, stage URL or an API key.
 */
export function restoreSecrets(stored: InvokeDraft, current: InvokeDraft | undefined): InvokeDraft {
  if (!current) return stored;
  return {
    ...stored,
    headers: refill(stored.headers, current.headers, isSecretName),
    query: refill(stored.query, current.query, isSecretName),
    stageVariables: refill(stored.stageVariables, current.stageVariables, () => true),
    stageUrl: current.stageUrl && hideUrlUserInfo(current.stageUrl) === stored.stageUrl ? current.stageUrl : stored.stageUrl,
    apiKey: stored.apiKey || current.apiKey,
  };
}

/** The values of the names `secret` picks emptied, a list keeping its length so the form shows as many rows. */
function blankWhere<M extends MultiValueMap>(values: M, secret: (name: string) => boolean): M {
  const out: MultiValueMap = {};
  // A hand-edited file may lack a map altogether.
  for (const [name, value] of Object.entries(values ?? {})) out[name] = secret(name) ? blank(value) : value;
  return out as M;
}

function blank(value: string | string[]): string | string[] {
  return Array.isArray(value) ? value.map(() => '') : '';
}

function isBlank(value: string | string[]): boolean {
  return Array.isArray(value) ? value.every((v) => v === '') : value === '';
}

/** The emptied secret values of `stored` taken from `current`, names compared without case. */
function refill<M extends MultiValueMap>(stored: M, current: M | undefined, secret: (name: string) => boolean): M {
  const currentValues = new Map(Object.entries(current ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const out: MultiValueMap = {};
  for (const [name, value] of Object.entries(stored ?? {})) {
    out[name] = secret(name) && isBlank(value) ? (currentValues.get(name.toLowerCase()) ?? value) : value;
  }
  return out as M;
}

/**
 * The newest entry first, at most `limit` entries, every draft redacted: entries a looser redaction saved earlier lose
 * their secrets the next time the file is written.
 */
export function addToHistory(history: HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  return [entry, ...history].slice(0, limit).map((e) => ({ ...e, draft: redactDraft(e.draft) }));
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
