import type { GatewayClients } from '../aws/connection';
import { listRestApis, listV2Apis } from '../aws/listing';
import { documentTitle } from './documentKind';
import { ImportOutcomeUnknown, reasonOf, type PossibleApi } from './deployFailures';

/** API Gateway stamps creation in whole seconds by its own clock; this much earlier still counts as "since". */
const CLOCK_TOLERANCE_MS = 60_000;

/** APIs named `title` created at `since` or later (less the tolerance), newest first. */
async function apisCreatedSince(clients: GatewayClients, kind: 'REST' | 'HTTP', title: string, since: Date): Promise<PossibleApi[]> {
  const from = since.getTime() - CLOCK_TOLERANCE_MS;
  const apis = kind === 'REST'
    ? (await listRestApis(clients)).map((a) => ({ id: a.id ?? '', name: a.name ?? '', createdDate: a.createdDate }))
    : (await listV2Apis(clients)).filter((a) => a.ProtocolType !== 'WEBSOCKET').map((a) => ({ id: a.ApiId ?? '', name: a.Name ?? '', createdDate: a.CreatedDate }));
  return apis
    .filter((a) => a.name === title && a.createdDate !== undefined && a.createdDate.getTime() >= from)
    .sort((a, b) => b.createdDate!.getTime() - a.createdDate!.getTime());
}

/** Explains an import that got no clear answer, naming the APIs it may have created. */
export async function unknownImport(clients: GatewayClients, kind: 'REST' | 'HTTP', body: string, started: Date, cause: unknown): Promise<ImportOutcomeUnknown> {
  const title = documentTitle(body);
  if (!title) return new ImportOutcomeUnknown(kind, undefined, [], cause, 'the document has no info.title to look for');
  try {
    return new ImportOutcomeUnknown(kind, title, await apisCreatedSince(clients, kind, title, started), cause);
  } catch (error) {
    return new ImportOutcomeUnknown(kind, title, [], cause, reasonOf(error));
  }
}
