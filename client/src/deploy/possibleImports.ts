import type { GatewayClients } from '../aws/connection';
import { listRestApis, listV2Apis } from '../aws/listing';
import { documentTitle } from './documentKind';
import { ImportOutcomeUnknown, reasonOf, type ImportLookup, type PossibleApi } from './deployFailures';

/**
 * Without API Gateway's clock, creation dates are compared with this computer's, which may be off: this much
 * earlier than the import was sent still counts.
 */
const CLOCK_TOLERANCE_MS = 60_000;

/**
 * With API Gateway's clock known from its `Date` header, only whole seconds blur the comparison: the header and the
 * creation date are each stamped in whole seconds, so an API the import created is at most this much older than the
 * estimated sending.
 */
const SECONDS_ROUNDING_MS = 2_000;

/** Server time less this computer's time, from the `Date` header of a cheap listing call; undefined without one. */
async function serverClockOffset(clients: GatewayClients, kind: 'REST' | 'HTTP'): Promise<number | undefined> {
  let date: string | undefined;
  let received = 0;
  const capture = (next: (args: unknown) => Promise<{ response: unknown }>) => async (args: unknown) => {
    const out = await next(args);
    date = (out.response as { headers?: Record<string, string | undefined> } | undefined)?.headers?.date;
    received = Date.now();
    return out;
  };
  const options = { step: 'deserialize' as const, name: 'apigatewayStudioServerClock' };
  if (kind === 'REST') {
    const { GetRestApisCommand } = await import('@aws-sdk/client-api-gateway');
    const command = new GetRestApisCommand({ limit: 1 });
    command.middlewareStack.add(capture as never, options);
    await clients.v1.send(command);
  } else {
    const { GetApisCommand } = await import('@aws-sdk/client-apigatewayv2');
    const command = new GetApisCommand({ MaxResults: '1' });
    command.middlewareStack.add(capture as never, options);
    await clients.v2.send(command);
  }
  const server = date ? Date.parse(date) : NaN;
  return Number.isFinite(server) ? server - received : undefined;
}

/**
 * The APIs named `title` the import may have created, newest first. With API Gateway's clock, those created before
 * the import was sent are set apart as older; without it, the wider tolerance applies and those created before the
 * sending by this computer's clock are only marked so, since a wrong clock could make the new API look older.
 */
async function apisCreatedSince(clients: GatewayClients, kind: 'REST' | 'HTTP', title: string, sent: Date): Promise<ImportLookup> {
  const offset = await serverClockOffset(clients, kind).catch(() => undefined);
  const apis = kind === 'REST'
    ? (await listRestApis(clients)).map((a) => ({ id: a.id ?? '', name: a.name ?? '', createdDate: a.createdDate }))
    : (await listV2Apis(clients)).filter((a) => a.ProtocolType !== 'WEBSOCKET').map((a) => ({ id: a.ApiId ?? '', name: a.Name ?? '', createdDate: a.CreatedDate }));
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
  return {
    candidates: named.filter((a) => a.createdDate.getTime() >= from).map((a) => ({ ...a, beforeSending: a.createdDate.getTime() < sent.getTime() })),
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
