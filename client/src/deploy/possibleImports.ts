import type { GatewayClients } from '../aws/connection';
import { listRestApis, listV2Apis } from '../aws/listing';
import { documentTitle } from './documentKind';
import { ImportOutcomeUnknown, reasonOf, type ImportLookup, type PossibleApi } from './deployFailures';

/**
 * Without API Gateway's clock, creation dates are compared with this computer's, which may be off: this much
 * earlier than the import was sent still counts.
 */
const CLOCK_TOLERANCE_MS = 60_000;

/** API Gateway gives creation dates, and its `Date` header, in whole seconds. */
const WHOLE_SECOND_MS = 1_000;

/**
 * With API Gateway's clock known from its `Date` header, only whole seconds blur the comparison: the header and the
 * creation date are each stamped in whole seconds, so an API the import created is at most this much older than the
 * estimated sending.
 */
const SECONDS_ROUNDING_MS = 2 * WHOLE_SECOND_MS;

/**
 * The APIs named `title` the import may have created, newest first. With API Gateway's clock, those created before
 * the import was sent are set apart as older; without it, the wider tolerance applies and those created before the
 * sending by this computer's clock are only marked so, since a wrong clock could make the new API look older.
 */
async function apisCreatedSince(clients: GatewayClients, kind: 'REST' | 'HTTP', title: string, sent: Date): Promise<ImportLookup> {
  // Server time less this computer's, read from the listing's first answer with a usable `Date` header.
  let offset: number | undefined;
  const onHeaders = (headers: Record<string, string | undefined>) => {
    const server = offset === undefined && headers.date ? Date.parse(headers.date) : NaN;
    if (Number.isFinite(server)) offset = server - Date.now();
  };
  const apis = kind === 'REST'
    ? (await listRestApis(clients, { onHeaders })).map((a) => ({ id: a.id ?? '', name: a.name ?? '', createdDate: a.createdDate }))
    : (await listV2Apis(clients, { onHeaders })).filter((a) => a.ProtocolType !== 'WEBSOCKET').map((a) => ({ id: a.ApiId ?? '', name: a.Name ?? '', createdDate: a.CreatedDate }));
  const named = apis
    .filter((a): a is PossibleApi & { createdDate: Date } => a.name === title && a.createdDate !== undefined)
    .sort((a, b) => b.createdDate.getTime() - a.createdDate.getTime());
  if (offset !== undefined) {
    const from = sent.getTime() + offset - SECONDS_ROUNDING_MS;
    return {
      candidates: named.filter((a) => a.createdDate.getTime() >= from),
      older: named.filter((a) => a.createdDate.getTime() < from),
      serverClock: true,
    };
  }
  const from = sent.getTime() - CLOCK_TOLERANCE_MS;
  // Dated in whole seconds, an API made just after the sending can be dated just before it.
  const beforeSending = (a: { createdDate: Date }) => a.createdDate.getTime() + WHOLE_SECOND_MS <= sent.getTime();
  return {
    candidates: named.filter((a) => a.createdDate.getTime() >= from).map((a) => ({ ...a, beforeSending: beforeSending(a) })),
    older: named.filter((a) => a.createdDate.getTime() < from),
    serverClock: false,
  };
}

/** Explains an import that got no clear answer, naming the APIs it may have created; `sent` is when it was sent. */
export async function unknownImport(clients: GatewayClients, kind: 'REST' | 'HTTP', body: string, sent: Date, cause: unknown): Promise<ImportOutcomeUnknown> {
  const title = documentTitle(body);
  if (!title) return new ImportOutcomeUnknown(kind, undefined, { candidates: [], older: [], serverClock: false }, cause, 'the document has no info.title to look for');
  try {
    return new ImportOutcomeUnknown(kind, title, await apisCreatedSince(clients, kind, title, sent), cause);
  } catch (error) {
    return new ImportOutcomeUnknown(kind, title, { candidates: [], older: [], serverClock: false }, cause, reasonOf(error));
  }
}
