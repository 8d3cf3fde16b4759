import type { BackupFile, DeployResult } from './deployer';
import { isForeignAnswer, isGatewayError, neverSent, statusOf, type ErrorLike } from '../aws/errorFacts';
import { cleanSdkText } from '../aws/redact';
import { listed } from '../sentences';
import { MAX_REST_IMPORT_BYTES } from '../../../server/src/facts/importQuotas';

/**
 * True when API Gateway may have done the work although the call failed: no answer arrived, or a 5xx one, which a
 * proxy or the service can send after the change was made. A 4xx answer means the request was refused as a whole.
 */
export function outcomeUnknown(error: unknown): boolean {
  // The SDK attaches $metadata once a request was attempted; errors raised before sending have none.
  if (!(error as ErrorLike | undefined)?.$metadata || neverSent(error)) return false;
  const status = statusOf(error);
  // 501 Not Implemented: the server does not provide the call at all, so it did nothing (RFC 9110, section 15.6.2).
  return status === undefined || (status >= 500 && status !== 501);
}

/** Only API Gateway's own answer proves the API gone; a proxy's or another web server's 404 says nothing about it. */
export function isNotFound(error: unknown): boolean {
  return isGatewayError(error, 'NotFoundException');
}

/** Answers no retry can change: the document or the request itself was refused. */
export function isRefusedRequest(error: unknown): boolean {
  const name = (error as ErrorLike | undefined)?.name;
  if (error instanceof DefinitionTooLarge || error instanceof InvalidStageName) return true;
  return name === 'BadRequestException' || name === 'RequestEntityTooLargeException' || statusOf(error) === 400 || statusOf(error) === 413;
}

/** One line for a message: the SDK's own text runs on with hints about its hidden fields. */
export function reasonOf(error: unknown): string {
  const e = error as ErrorLike | undefined;
  // The SDK's parse error would only confuse: the answer came from something else, e.g. a proxy's error page.
  if (isForeignAnswer(error)) return `an HTTP ${statusOf(error)} answer that did not come from API Gateway`;
  const name = e?.name && e.name !== 'Error' ? `${e.name}: ` : '';
  const lines = cleanSdkText(e?.message ?? String(error)).split('\n');
  const first = lines[0].trim();
  // An import's errors and warnings come as a heading and the findings indented under it ("Errors found during
  // import:\n\tUnable to create model …"), and the findings are what the user needs. Any other text may echo the
  // signed request: only its first line, cleaned of signing material, is shown.
  const findings: string[] = [];
  for (let i = 1; first.endsWith(':') && i < lines.length && /^\s+\S/.test(lines[i]); i++) findings.push(lines[i].trim());
  const shown = findings.slice(0, MAX_FINDINGS_SHOWN);
  const more = findings.length > shown.length ? ` (and ${findings.length - shown.length} more)` : '';
  return `${name}${first}${shown.length ? ` ${shown.join('; ')}${more}` : ''}`;
}

/** Import findings named in one message; the rest are counted. */
const MAX_FINDINGS_SHOWN = 5;

/** The largest definition each import accepts, as AWS documents it (see `MAX_REST_IMPORT_BYTES`). */
export const MAX_DEFINITION_BYTES: Record<'REST' | 'HTTP', number | undefined> = {
  REST: MAX_REST_IMPORT_BYTES,
  HTTP: undefined,
};

export class DefinitionTooLarge extends Error {
  constructor(readonly bytes: number, readonly limit: number, readonly kind: 'REST' | 'HTTP' = 'REST') {
    super(`The document is ${(bytes / 1048576).toFixed(1)} MB; API Gateway imports ${kind} API definitions of at most ${limit / 1048576} MB. Make it several APIs, or move large examples and descriptions out of it (the files a definition's $refs name count too: they are sent in it).`);
  }
}

/** REST stage names; HTTP APIs also have the `$default` stage. */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function stageNameAccepted(kind: 'REST' | 'HTTP', name: string): boolean {
  return STAGE_NAME.test(name) || (kind === 'HTTP' && name === '$default');
}

export class InvalidStageName extends Error {
  constructor(readonly stage: string) {
    super(`API Gateway does not accept the stage name "${stage}": letters, digits, - and _ only, at most 128 characters.`);
  }
}

export class ApiNoLongerExists extends Error {
  constructor(readonly kind: 'REST' | 'HTTP', readonly apiId: string, readonly region: string, readonly apiName?: string) {
    super(`API ${apiLabel({ apiId, apiName })} no longer exists in ${region}.`);
  }
}

export interface PossibleApi {
  id: string;
  name: string;
  createdDate?: Date;
  /**
   * Created before the import was sent by this computer's clock, which was all there was to go by: probably an older
   * API, unless the clock is wrong.
   */
  beforeSending?: boolean;
}

/** The APIs with the document's title, sorted by whether the import may have created them. */
export interface ImportLookup {
  /** APIs the import may have created. */
  candidates: PossibleApi[];
  /** APIs created before the import was sent, which it cannot have created. */
  older: PossibleApi[];
  /** Creation dates were compared with API Gateway's clock (its `Date` header) rather than this computer's. */
  serverClock: boolean;
}

/**
 * An import got no clear answer. A retry could create a second copy, so none is made; `candidates` are APIs with the
 * document's title created since the import was sent, which it may have made.
 */
export class ImportOutcomeUnknown extends Error {
  readonly candidates: PossibleApi[];
  readonly older: PossibleApi[];

  constructor(readonly kind: 'REST' | 'HTTP', readonly title: string | undefined, lookup: ImportLookup, override readonly cause: unknown, lookupFailed?: string) {
    super(describeUnknownImport(kind, title, lookup, cause, lookupFailed));
    this.candidates = lookup.candidates;
    this.older = lookup.older;
  }
}

function describeUnknownImport(kind: 'REST' | 'HTTP', title: string | undefined, lookup: ImportLookup, cause: unknown, lookupFailed?: string): string {
  const what = `The import of ${title ? `"${title}"` : 'the document'} as a new ${kind} API got no clear answer (${reasonOf(cause)}).`;
  const older = lookup.older.length
    ? ` ${kind} API ${listed(lookup.older.map((a) => apiLabel({ apiId: a.id, apiName: a.name })))} with that title ${lookup.older.length === 1 ? 'is' : 'are'} older than the import.`
    : '';
  if (lookup.candidates.length) {
    const named = listed(lookup.candidates.map((c) => `${apiLabel({ apiId: c.id, apiName: c.name })}${c.beforeSending ? ' (created just before the import was sent by this computer\'s clock, so perhaps an older API)' : ''}`));
    const since = lookup.serverClock ? 'since the import was sent' : 'within a minute of the import';
    return `${what} API Gateway may have created it anyway: ${kind} API ${named} appeared ${since}. Check it before deploying again, or a second copy will be created.${older}`;
  }
  if (lookupFailed) return `${what} It may have been created anyway, and looking for it failed (${lookupFailed}). Check the ${kind} APIs before deploying again.`;
  return `${what} No ${kind} API with that title appeared since the import was sent, so nothing seems to have been created.${older}`;
}

/**
 * A deploy that failed after its first write: `done` says what changed, `notDone` what did not, so the user knows
 * the API is neither as before nor as asked.
 */
export class PartialDeploy extends Error {
  constructor(readonly result: DeployResult, readonly done: string[], readonly notDone: string, override readonly cause: unknown) {
    super(PartialDeploy.describe(result, done, notDone, cause, (file) => file));
  }

  static describe(result: DeployResult, done: string[], notDone: string, cause: unknown, showPath: (file: string) => string): string {
    const backup = backupSentence(result.backups, showPath);
    const lost = outcomeUnknown(cause) ? ' The answer was lost, so it may have happened after all; check before deploying again.' : '';
    // A first write whose answer was lost: nothing is known done, and the API is named instead.
    const before = done.length ? `${joinSentences(done)}, but ` : `${apiLabel(result)}: `;
    return `${before}${notDone}: ${reasonOf(cause)}.${lost}${backup}`.replace(/\.\.(\s|$)/g, '.$1');
  }

  /** The message with backup paths shown as the caller prefers, e.g. relative to the workspace. */
  summary(showPath: (file: string) => string): string {
    return PartialDeploy.describe(this.result, this.done, this.notDone, this.cause, showPath);
  }
}

/** An API as messages name it: "Pet Store (a1b2c3)", or the id alone. */
export function apiLabel(result: Pick<DeployResult, 'apiId' | 'apiName'>): string {
  return result.apiName ? `${result.apiName} (${result.apiId})` : result.apiId;
}

function joinSentences(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!.replace(/^The /, 'the ')}`;
}

/**
 * The sentence a deploy message ends with: where the backup is, and what it lacks when the API could not be read
 * whole, so that nobody counts on a backup that cannot restore everything. One note is said; several are counted.
 */
export function backupSentence(backups: BackupFile[], showPath: (file: string) => string): string {
  if (!backups.length) return '';
  const notes = backups.flatMap((b) => b.notes ?? []);
  const lacks = notes.length === 1 ? ` (${notes[0].replace(/\.$/, '')})` : notes.length > 1 ? ` (with ${notes.length} notes on what it could not carry, at its top and in the log)` : '';
  return ` Backup: ${showPath(backups[0].file)}${lacks}.`;
}
