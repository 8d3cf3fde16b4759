import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ClientOptions, GatewayClients } from '../aws/connection';
import { invokeUrl, type ApiKind } from '../aws/invokeUrl';
import { DEFAULT_THROTTLE_RETRY, sendCreating, SingleAttemptClients, type ThrottleRetry } from './creatingCalls';
import {
  ApiNoLongerExists,
  apiLabel,
  DefinitionTooLarge,
  ImportOutcomeUnknown,
  InvalidStageName,
  isNotFound,
  MAX_DEFINITION_BYTES,
  outcomeUnknown,
  PartialDeploy,
  stageNameAccepted,
} from './deployFailures';
import { exportDefinition, readRestApiState, rebuiltYaml, snapshotJson } from './exportDefinition';
import { unknownImport } from './possibleImports';
import { looksLikeProduction } from './productionStage';
import { stageNames } from './stageActions';
import { autoDeployWording, stageVariablesWording } from './wording';
import { counted } from '../sentences';

export type PutMode = 'merge' | 'overwrite';
export type EndpointType = 'EDGE' | 'REGIONAL' | 'PRIVATE';

export interface StageRequest {
  name: string;
  description?: string;
  /** Replaces the named variables; others on the stage are kept. */
  variables?: Record<string, string>;
  /**
   * Variables to delete from an existing stage: only those the user was shown and took out. Never derived from
   * `variables`, so a deploy that names no variables leaves the stage's own alone.
   */
  removedVariables?: string[];
  /** REST only: sends this percentage of the stage's traffic to the new deployment instead of switching all of it. */
  canaryPercent?: number;
}

export interface DeployRequest {
  kind: Exclude<ApiKind, 'WEBSOCKET'>;
  /** The OpenAPI document, JSON or YAML. */
  body: string;
  target: { mode: 'new' } | { mode: 'existing'; apiId: string; putMode: PutMode };
  failOnWarnings?: boolean;
  /** How paths combine with a `basePath`/server path: ignore, prepend or split. */
  basePath?: 'ignore' | 'prepend' | 'split';
  /** REST only: the type of a new API, or the type an existing API is changed to before the update when it differs. */
  endpointType?: EndpointType;
  stage?: StageRequest;
  /** Backups of the remote definition go here before anything is overwritten. */
  backupDir: string;
  /** Must be true to deploy onto an existing stage whose name reads like production. */
  productionConfirmed?: boolean;
  now?: Date;
}

export interface DeployProgress {
  step(message: string): void;
  log(message: string): void;
  /** Consulted up to the first write; after it, stopping would leave the API half changed. */
  isCancelled(): boolean;
  /** Told once, just before the first write: from then on the deploy runs to its end and cannot be cancelled. */
  committed?(): void;
}

export interface DeployResult {
  kind: DeployRequest['kind'];
  apiId: string;
  apiName?: string;
  created: boolean;
  warnings: string[];
  backupFiles: string[];
  /** The same files, each with what kind of backup it is. */
  backups: BackupFile[];
  stage?: string;
  deploymentId?: string;
  invokeUrl?: string;
  notes: string[];
  /** What API Gateway had still not done when the deploy ended, as a sentence for the announcement. */
  unfinished?: string;
}

export class DeployCancelled extends Error {
  constructor() {
    super('Deployment cancelled before anything was changed.');
  }
}

/** API Gateway converts a private API to a regional one only; refused before anything is written. */
export class EndpointChangeUnsupported extends Error {
  constructor(readonly from: string, readonly to: string) {
    super(`API Gateway cannot change a ${from} API to ${to}; change it to REGIONAL instead, or import the document as a new ${to} API.`);
  }
}

export class ProductionStageNotConfirmed extends Error {
  constructor(readonly stage: string) {
    super(`Stage "${stage}" looks like production; confirm to deploy to it.`);
  }
}

export function backupTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

const quiet = { step() {}, log() {}, isCancelled: () => false } satisfies DeployProgress;

export interface DeployOptions {
  /** Told about each call of the single-attempt clients the creating calls go through, as the session logs its own. */
  onCall?: ClientOptions['onCall'];
  /** How a throttled creating call is repeated. */
  throttleRetry?: ThrottleRetry;
  /** How long an auto-deploy stage is watched for the deployment of the import. */
  autoDeployPoll?: AutoDeployPoll;
}

/** Re-reads of an auto-deploy stage after a reimport, until API Gateway has deployed it. */
export interface AutoDeployPoll {
  /** Re-reads after the first read, at most. */
  attempts: number;
  /** Waits before the given re-read (1 for the first). */
  pause(attempt: number): Promise<void>;
}

/** API Gateway usually deploys within a second or two; a few seconds more is as long as a deploy should hang on. */
export const DEFAULT_AUTO_DEPLOY_POLL: AutoDeployPoll = {
  attempts: 5,
  pause: () => new Promise((resolve) => setTimeout(resolve, 1000)),
};

/** What the reads before the first write found out about an existing API. */
interface ExistingState {
  stage?: StageState;
  endpointChange?: { from: string; to: EndpointType };
}

/** What a deploy has changed so far, so that a failing later step can say what is done and what is not. */
class WriteLog {
  private readonly done: string[] = [];
  private pending = '';

  constructor(private readonly result: DeployResult) {}

  /** Names, as "X was not …", what stays undone if the next write fails. */
  next(notDone: string): void {
    this.pending = notDone;
  }

  did(sentence: string): void {
    this.done.push(sentence);
  }

  get nothingDone(): boolean {
    return this.done.length === 0;
  }

  failure(error: unknown): unknown {
    if (error instanceof ImportOutcomeUnknown) return error;
    // Before any write is known done, a failure changed nothing, unless the answer to the first write was lost: then the
    // write may have been made, which a connection failure alone would not tell.
    if (this.nothingDone && !(this.pending && this.result.apiId && outcomeUnknown(error))) return error;
    return new PartialDeploy(this.result, [...this.done], this.pending, error);
  }
}

interface WriteContext {
  clients: GatewayClients;
  /** Single-attempt clients for the calls that create something. */
  once: SingleAttemptClients;
  request: DeployRequest;
  result: DeployResult;
  progress: DeployProgress;
  writes: WriteLog;
  retry: ThrottleRetry;
  autoDeployPoll: AutoDeployPoll;
}

/**
 * Refuses before any call what API Gateway would refuse: a definition over the size limit would be uploaded in full
 * only to be refused, and a bad stage name would be refused only after the definition was already changed.
 */
function checkAcceptable(request: DeployRequest, bytes: Uint8Array): void {
  const limit = MAX_DEFINITION_BYTES[request.kind];
  if (limit !== undefined && bytes.byteLength > limit) throw new DefinitionTooLarge(bytes.byteLength, limit, request.kind);
  if (request.stage && !stageNameAccepted(request.kind, request.stage.name)) throw new InvalidStageName(request.stage.name);
}

/**
 * Imports or updates an API from a document and deploys it to a stage. Everything is read and backed up before the
 * first write, so a cancelled or refused deploy changes nothing, and an overwrite can always be undone from the backup.
 * A failure after the first write is a `PartialDeploy` saying what changed; an import without a clear answer is an
 * `ImportOutcomeUnknown` naming the API it may have created.
 */
export async function deploy(clients: GatewayClients, request: DeployRequest, progress: DeployProgress = quiet, options: DeployOptions = {}): Promise<DeployResult> {
  const result: DeployResult = { kind: request.kind, apiId: '', created: request.target.mode === 'new', warnings: [], backupFiles: [], backups: [], notes: [] };
  const bytes = new TextEncoder().encode(request.body);
  checkAcceptable(request, bytes);
  const checkCancelled = () => {
    if (progress.isCancelled()) throw new DeployCancelled();
  };

  const existing = request.target.mode === 'existing' ? await prepareExisting(clients, request, request.target.apiId, result, progress, checkCancelled) : {};
  checkCancelled();
  progress.committed?.();

  const once = new SingleAttemptClients(clients, options.onCall);
  const writes = new WriteLog(result);
  const context: WriteContext = {
    clients, once, request, result, progress, writes,
    retry: options.throttleRetry ?? DEFAULT_THROTTLE_RETRY,
    autoDeployPoll: options.autoDeployPoll ?? DEFAULT_AUTO_DEPLOY_POLL,
  };
  try {
    if (request.kind === 'REST') await writeRest(context, existing, bytes);
    else await writeHttp(context, existing);
  } catch (error) {
    // Deleted between the deploy's reads and its first write: as if the reads had found it gone.
    if (request.target.mode === 'existing' && writes.nothingDone && isNotFound(error)) {
      throw new ApiNoLongerExists(request.kind, request.target.apiId, clients.connection.region, result.apiName);
    }
    throw writes.failure(error);
  } finally {
    once.release();
  }
  if (request.stage) {
    result.stage = request.stage.name;
    result.invokeUrl ??= invokeUrl(clients.connection, { kind: request.kind, apiId: result.apiId, stage: request.stage.name });
  }
  return result;
}

/** Reads the API and its stage, refuses what must be refused, and writes the backups; nothing is changed. */
async function prepareExisting(clients: GatewayClients, request: DeployRequest, apiId: string, result: DeployResult, progress: DeployProgress, checkCancelled: () => void): Promise<ExistingState> {
  progress.step(`Reading API ${apiId}`);
  const endpointChange = await readTargetApi(clients, request, apiId, result, progress);
  if (request.kind === 'HTTP' && request.target.mode === 'existing' && request.target.putMode === 'merge') {
    result.notes.push('HTTP APIs have no merge import: the definition replaces the current one (a backup was kept).');
  }
  let stage: StageState | undefined;
  if (request.stage) {
    stage = await readStage(clients, request.kind, apiId, request.stage.name);
    progress.log(`stage ${request.stage.name}: ${stage.exists ? `exists${stage.autoDeploy ? ' (auto-deploy)' : ''}${stage.canary ? ` with a ${stage.canary.percentTraffic ?? 0}% canary` : ''}` : 'will be created'}`);
    if (stage.exists && looksLikeProduction(request.stage.name) && !request.productionConfirmed) throw new ProductionStageNotConfirmed(request.stage.name);
  }
  if (request.kind === 'HTTP') await checkAutoDeployStages(clients, request, apiId, result);
  checkCancelled();
  progress.step(`Backing up the deployed definition of ${apiId}`);
  result.backups = await writeBackups(clients, request.kind, apiId, request.backupDir, request.now ?? new Date(), request.stage?.name);
  result.backupFiles = result.backups.map((b) => b.file);
  for (const backup of result.backups) {
    progress.log(`backup written (${describeBackup(backup)}): ${backup.file}`);
    for (const note of backup.notes ?? []) progress.log(`  backup note: ${note}`);
  }
  return { stage, endpointChange };
}

/**
 * A reimport reaches every auto-deploy stage of an HTTP API, whichever stage is deployed, even with none: API Gateway
 * releases the change to them itself. Those that look like production need the same confirmation as a chosen one.
 */
async function checkAutoDeployStages(clients: GatewayClients, request: DeployRequest, apiId: string, result: DeployResult): Promise<void> {
  const released = (await stageNames(clients, 'HTTP', apiId)).filter((s) => s.autoDeploy && s.name !== request.stage?.name).map((s) => s.name);
  const production = released.find(looksLikeProduction);
  if (production !== undefined && !request.productionConfirmed) throw new ProductionStageNotConfirmed(production);
  if (released.length) result.notes.push(`${autoDeployWording(released)}: API Gateway releases the new definition to ${released.length === 1 ? 'it' : 'them'} itself.`);
}

/** Reads the target API's name (and for REST its endpoint type); an API deleted meanwhile is an `ApiNoLongerExists`. */
async function readTargetApi(clients: GatewayClients, request: DeployRequest, apiId: string, result: DeployResult, progress: DeployProgress): Promise<ExistingState['endpointChange']> {
  try {
    if (request.kind === 'REST') {
      const { GetRestApiCommand } = await import('@aws-sdk/client-api-gateway');
      const api = await clients.v1.send(new GetRestApiCommand({ restApiId: apiId }));
      result.apiName = api.name;
      const current = api.endpointConfiguration?.types?.[0]?.toUpperCase();
      progress.log(`GetRestApi ${apiId} → ${api.name}${current ? ` (${current})` : ''}`);
      if (!request.endpointType || !current || current === request.endpointType) return undefined;
      if (current === 'PRIVATE' && request.endpointType === 'EDGE') throw new EndpointChangeUnsupported(current, request.endpointType);
      return { from: current, to: request.endpointType };
    }
    const { GetApiCommand } = await import('@aws-sdk/client-apigatewayv2');
    const api = await clients.v2.send(new GetApiCommand({ ApiId: apiId }));
    if (api.ProtocolType === 'WEBSOCKET') throw new Error(`API ${apiId} is a WebSocket API; only REST and HTTP APIs can be deployed from an OpenAPI document.`);
    result.apiName = api.Name;
    progress.log(`GetApi ${apiId} → ${api.Name}`);
    return undefined;
  } catch (error) {
    if (isNotFound(error)) throw new ApiNoLongerExists(request.kind, apiId, clients.connection.region);
    throw error;
  }
}

/**
 * Sends an import once. When no clear answer comes, API Gateway may have created the API all the same, so instead of
 * importing again (a second copy) the APIs with the document's title created since the import was sent are named.
 */
async function importOnce<T>(context: WriteContext, send: () => Promise<T>): Promise<T> {
  const sent = new Date();
  try {
    return await sendCreating(send, context.retry);
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    throw await unknownImport(context.clients, context.request.kind, context.request.body, sent, error);
  }
}

async function writeRest(context: WriteContext, existing: ExistingState, bytes: Uint8Array): Promise<void> {
  const v1 = await import('@aws-sdk/client-api-gateway');
  const { clients, once, request, result, progress, writes } = context;
  const parameters: Record<string, string> = {};
  if (request.basePath) parameters.basepath = request.basePath;
  if (request.target.mode === 'new') {
    if (request.endpointType) parameters.endpointConfigurationTypes = request.endpointType;
    progress.step('Importing a new REST API');
    writes.next('the API was not imported');
    const api = await importOnce(context, async () => (await once.get()).v1.send(new v1.ImportRestApiCommand({ body: bytes, failOnWarnings: request.failOnWarnings ?? false, parameters })));
    Object.assign(result, { apiId: api.id ?? '', apiName: api.name, warnings: api.warnings ?? [] });
    progress.log(`ImportRestApi → ${api.id} (${api.name}), ${counted(result.warnings.length, 'warning')}`);
    writes.did(`REST API ${apiLabel(result)} was created`);
  } else {
    const { apiId, putMode } = request.target;
    result.apiId = apiId;
    const change = existing.endpointChange;
    if (change) {
      // Patched before the put so the new definition is deployed on the endpoint the user chose.
      progress.step(`Changing the endpoint type of ${apiId} from ${change.from} to ${change.to}`);
      writes.next(`its endpoint type was not changed`);
      await clients.v1.send(new v1.UpdateRestApiCommand({
        restApiId: apiId,
        patchOperations: [{ op: 'replace', path: `/endpointConfiguration/types/${change.from}`, value: change.to }],
      }));
      progress.log(`UpdateRestApi ${apiId} endpointConfiguration ${change.from} → ${change.to}`);
      writes.did(`The endpoint type of ${apiLabel(result)} was changed from ${change.from} to ${change.to}`);
      result.notes.push(`The endpoint type of ${apiId} changed from ${change.from} to ${change.to}; API Gateway needs a few minutes to finish the change, and custom domains and DNS records pointing at the old endpoint may need updating.`);
    }
    progress.step(`${putMode === 'merge' ? 'Merging into' : 'Overwriting'} REST API ${apiId}`);
    writes.next(`its definition was not updated${request.stage ? ` nor deployed to stage ${request.stage.name}` : ''}`);
    // A put replaces or merges the same document however often it is sent, so the retrying clients are fine here.
    const api = await clients.v1.send(new v1.PutRestApiCommand({ restApiId: apiId, mode: putMode, failOnWarnings: request.failOnWarnings ?? false, parameters, body: bytes }));
    Object.assign(result, { apiName: api.name ?? result.apiName, warnings: api.warnings ?? [] });
    progress.log(`PutRestApi ${apiId} mode=${putMode} → ${counted(result.warnings.length, 'warning')}`);
    writes.did(`The definition of ${apiLabel(result)} was ${putMode === 'merge' ? 'merged' : 'updated'}`);
  }
  if (request.stage) await deployRestStage(context, request.stage, existing.stage);
}

async function deployRestStage(context: WriteContext, s: StageRequest, stage: StageState | undefined): Promise<void> {
  const { CreateDeploymentCommand } = await import('@aws-sdk/client-api-gateway');
  const { once, result, progress, writes } = context;
  const stageExists = stage?.exists ?? false;
  const canary = s.canaryPercent !== undefined && s.canaryPercent > 0;
  if (canary && !stageExists) result.notes.push(`Stage ${s.name} is new, so it takes the whole deployment; a canary needs an existing stage.`);
  const asCanary = canary && stageExists;
  progress.step(`Deploying to stage ${s.name}${asCanary ? ` as a ${s.canaryPercent}% canary` : ''}`);
  writes.next(`it was not deployed to stage ${s.name}`);
  const variables = s.variables && Object.keys(s.variables).length ? s.variables : undefined;
  // A canary's stage variables are overrides of its own: given as the stage's, they would change the main traffic.
  const deployment = await sendCreating(async () => (await once.get()).v1.send(new CreateDeploymentCommand({
    restApiId: result.apiId,
    stageName: s.name,
    description: s.description,
    variables: asCanary ? undefined : variables,
    canarySettings: asCanary ? { percentTraffic: s.canaryPercent, stageVariableOverrides: variables } : undefined,
  })), context.retry);
  result.deploymentId = deployment.id;
  progress.log(`CreateDeployment ${result.apiId} stage=${s.name} → ${deployment.id}`);
  writes.did(`it was deployed to stage ${s.name}${asCanary ? ` as a ${s.canaryPercent}% canary` : ''}`);
  if (!asCanary && stage?.canary) await removeCanary(context, s.name, stage.canary);
  const removed = removableVariables(s, stage);
  if (!removed.length) return;
  // A canary can override variables but not unset them; removing them from the stage would change the main traffic.
  if (asCanary) result.notes.push(`${capitalized(stageVariablesWording(removed))} kept on stage ${s.name}: a canary cannot remove stage variables, so remove ${removed.length === 1 ? 'it' : 'them'} when the canary is promoted.`);
  else await removeRestVariables(context, s.name, removed);
}

/**
 * The variables to delete: those asked for that the stage has, as read before the first write. Deleted only after the
 * new deployment serves, since until then the old one may still read them.
 */
function removableVariables(s: StageRequest, stage: StageState | undefined): string[] {
  const has = (variables: Record<string, string> | undefined, name: string) => variables !== undefined && Object.hasOwn(variables, name);
  return (s.removedVariables ?? []).filter((name) => !has(s.variables, name) && has(stage?.variables, name));
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Patch paths are JSON pointers: `~` and `/` in a name are escaped. */
function variablePath(name: string): string {
  return `/variables/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

async function removeRestVariables(context: WriteContext, stageName: string, names: string[]): Promise<void> {
  const { UpdateStageCommand } = await import('@aws-sdk/client-api-gateway');
  const patchOperations = names.map((name) => ({ op: 'remove' as const, path: variablePath(name) }));
  await removeVariables(context, stageName, names, patchOperations.map((o) => `remove ${o.path}`).join(', '), () =>
    context.clients.v1.send(new UpdateStageCommand({ restApiId: context.result.apiId, stageName, patchOperations })),
  );
}

/** The step, the log line and the record of what was done around the call that removes `names` from the stage. */
async function removeVariables(context: WriteContext, stageName: string, names: string[], logged: string, send: () => Promise<unknown>): Promise<void> {
  if (!names.length) return;
  const { result, progress, writes } = context;
  const what = stageVariablesWording(names);
  const were = names.length === 1 ? 'was' : 'were';
  progress.step(`Removing ${what} from stage ${stageName}`);
  writes.next(`${what} ${were} not removed from stage ${stageName}`);
  await send();
  progress.log(`UpdateStage ${result.apiId} ${stageName} ${logged}`);
  writes.did(`${what} ${were} removed from stage ${stageName}`);
}

/**
 * A deployment to a stage moves only its main traffic; an existing canary would keep its share. Switching all traffic,
 * as asked, means turning the canary off (API Gateway's "turn off a canary release": remove /canarySettings).
 */
async function removeCanary(context: WriteContext, stageName: string, canary: CanaryState): Promise<void> {
  const { UpdateStageCommand } = await import('@aws-sdk/client-api-gateway');
  const { clients, result, progress, writes } = context;
  const share = `${canary.percentTraffic ?? 0}% of its traffic${canary.deploymentId ? ` to deployment ${canary.deploymentId}` : ''}`;
  progress.step(`Removing the canary of stage ${stageName}`);
  writes.next(`the canary of stage ${stageName} was not removed and still sends ${share}`);
  await clients.v1.send(new UpdateStageCommand({ restApiId: result.apiId, stageName, patchOperations: [{ op: 'remove', path: '/canarySettings' }] }));
  progress.log(`UpdateStage ${result.apiId} ${stageName} remove /canarySettings`);
  result.notes.push(`Stage ${stageName} had a canary sending ${share}; it was removed, so the new deployment gets all traffic.`);
}

async function writeHttp(context: WriteContext, existing: ExistingState): Promise<void> {
  const v2 = await import('@aws-sdk/client-apigatewayv2');
  const { clients, once, request, result, progress, writes } = context;
  const common = { Body: request.body, FailOnWarnings: request.failOnWarnings ?? false, Basepath: request.basePath };
  let apiEndpoint: string | undefined;
  if (request.target.mode === 'new') {
    progress.step('Importing a new HTTP API');
    writes.next('the API was not imported');
    const api = await importOnce(context, async () => (await once.get()).v2.send(new v2.ImportApiCommand(common)));
    Object.assign(result, { apiId: api.ApiId ?? '', apiName: api.Name, warnings: api.Warnings ?? [] });
    apiEndpoint = api.ApiEndpoint;
    progress.log(`ImportApi → ${api.ApiId} (${api.Name}), ${counted(result.warnings.length, 'warning')}`);
    writes.did(`HTTP API ${apiLabel(result)} was created`);
  } else {
    const apiId = request.target.apiId;
    result.apiId = apiId;
    progress.step(`Reimporting HTTP API ${apiId}`);
    writes.next(`its definition was not updated${request.stage ? ` nor deployed to stage ${request.stage.name}` : ''}`);
    const api = await clients.v2.send(new v2.ReimportApiCommand({ ApiId: apiId, ...common }));
    Object.assign(result, { apiName: api.Name ?? result.apiName, warnings: api.Warnings ?? [] });
    apiEndpoint = api.ApiEndpoint;
    progress.log(`ReimportApi ${apiId} → ${counted(result.warnings.length, 'warning')}`);
    writes.did(`The definition of ${apiLabel(result)} was updated`);
  }
  if (request.stage) {
    await deployHttpStage(context, request.stage, existing.stage);
    result.invokeUrl = invokeUrl(clients.connection, { kind: 'HTTP', apiId: result.apiId, stage: request.stage.name, apiEndpoint });
  }
}

async function deployHttpStage(context: WriteContext, s: StageRequest, stage: StageState | undefined): Promise<void> {
  await writeHttpStage(context, s, stage);
  if (s.canaryPercent) context.result.notes.push('HTTP APIs have no canary deployments; the stage switched fully.');
  // API Gateway deploys auto-deploy stages itself after a change; an explicit deployment would be refused.
  if (stage?.autoDeploy) await awaitAutoDeployment(context, s.name, stage);
  else await createHttpDeployment(context, s);
  await removeHttpVariables(context, s.name, removableVariables(s, stage));
}

/** Creates the stage, or sets the typed variables of an existing one so the new deployment reads them at once. */
async function writeHttpStage(context: WriteContext, s: StageRequest, stage: StageState | undefined): Promise<void> {
  const v2 = await import('@aws-sdk/client-apigatewayv2');
  const { clients, once, result, progress, writes } = context;
  const variables = s.variables && Object.keys(s.variables).length ? s.variables : undefined;
  if (!stage?.exists) {
    progress.step(`Creating stage ${s.name}`);
    writes.next(`stage ${s.name} was not created, so nothing was deployed`);
    await sendCreating(async () => (await once.get()).v2.send(new v2.CreateStageCommand({ ApiId: result.apiId, StageName: s.name, StageVariables: variables, Description: s.description })), context.retry);
    progress.log(`CreateStage ${result.apiId} ${s.name}`);
    writes.did(`stage ${s.name} was created`);
  } else if (variables) {
    writes.next(`the variables of stage ${s.name} were not updated, and it was not deployed`);
    await clients.v2.send(new v2.UpdateStageCommand({ ApiId: result.apiId, StageName: s.name, StageVariables: variables }));
    progress.log(`UpdateStage ${result.apiId} ${s.name} variables`);
    writes.did(`the variables of stage ${s.name} were updated`);
  }
}

async function createHttpDeployment(context: WriteContext, s: StageRequest): Promise<void> {
  const { CreateDeploymentCommand } = await import('@aws-sdk/client-apigatewayv2');
  const { once, result, progress, writes } = context;
  progress.step(`Deploying to stage ${s.name}`);
  writes.next(`it was not deployed to stage ${s.name}`);
  const deployment = await sendCreating(async () => (await once.get()).v2.send(new CreateDeploymentCommand({ ApiId: result.apiId, StageName: s.name, Description: s.description })), context.retry);
  result.deploymentId = deployment.DeploymentId;
  progress.log(`CreateDeployment ${result.apiId} stage=${s.name} → ${deployment.DeploymentId}`);
  writes.did(`it was deployed to stage ${s.name}`);
}

/**
 * API Gateway deploys an auto-deploy stage on its own, some time after the reimport: read at once, the stage may
 * still serve the deployment from before. It is re-read for a few seconds until its deployment changes; if it does
 * not, the deploy says so rather than pass the old deployment off as the new one.
 */
async function awaitAutoDeployment(context: WriteContext, stageName: string, before: StageState): Promise<void> {
  const { clients, result, progress, writes, autoDeployPoll: poll } = context;
  progress.step(`Waiting for stage ${stageName} to deploy automatically`);
  writes.next(`the automatic deployment of stage ${stageName} could not be read back`);
  const waitStarted = Date.now();
  let now = await readStage(clients, 'HTTP', result.apiId, stageName);
  for (let attempt = 1; now.deploymentId === before.deploymentId && attempt <= poll.attempts; attempt++) {
    await poll.pause(attempt);
    now = await readStage(clients, 'HTTP', result.apiId, stageName);
  }
  if (now.deploymentId !== before.deploymentId) {
    result.deploymentId = now.deploymentId;
    progress.log(`GetStage ${result.apiId} ${stageName} → auto-deployed ${now.deploymentId}`);
    result.notes.push(`Stage ${stageName} has auto-deploy on: API Gateway deployed the change itself as deployment ${now.deploymentId}.`);
    return;
  }
  const serving = before.deploymentId ? `deployment ${before.deploymentId} from before the import` : 'no deployment';
  const status = now.lastDeploymentStatus ? ` API Gateway says: ${now.lastDeploymentStatus.replace(/\.?$/, '.')}` : '';
  result.unfinished = `Stage ${stageName} deploys automatically, but ${waited(Date.now() - waitStarted)} it still served ${serving}; API Gateway may still be deploying it, so check the stage before relying on the change.${status}`;
  result.notes.push(result.unfinished);
}

/** "moments later", "5 seconds later": how long the stage was watched, as measured. */
function waited(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 1 ? 'moments later' : `${seconds} second${seconds === 1 ? '' : 's'} later`;
}

/** API Gateway merges the stage variables it is sent; a variable sent with an empty value is deleted. */
async function removeHttpVariables(context: WriteContext, stageName: string, names: string[]): Promise<void> {
  const { UpdateStageCommand } = await import('@aws-sdk/client-apigatewayv2');
  const StageVariables = Object.fromEntries(names.map((name) => [name, '']));
  await removeVariables(context, stageName, names, `remove ${names.join(', ')}`, () =>
    context.clients.v2.send(new UpdateStageCommand({ ApiId: context.result.apiId, StageName: stageName, StageVariables })),
  );
}

interface CanaryState {
  percentTraffic?: number;
  deploymentId?: string;
}

interface StageState {
  exists: boolean;
  autoDeploy: boolean;
  deploymentId?: string;
  variables?: Record<string, string>;
  /** REST only: the canary the stage has now, if any. */
  canary?: CanaryState;
  /** HTTP only: what API Gateway says of the stage's last automatic deployment, e.g. why it failed. */
  lastDeploymentStatus?: string;
}

async function readStage(clients: GatewayClients, kind: DeployRequest['kind'], apiId: string, stageName: string): Promise<StageState> {
  try {
    if (kind === 'REST') {
      const { GetStageCommand } = await import('@aws-sdk/client-api-gateway');
      const stage = await clients.v1.send(new GetStageCommand({ restApiId: apiId, stageName }));
      const canary = stage.canarySettings ? { percentTraffic: stage.canarySettings.percentTraffic, deploymentId: stage.canarySettings.deploymentId } : undefined;
      return { exists: true, autoDeploy: false, deploymentId: stage.deploymentId, variables: stage.variables, canary };
    }
    const { GetStageCommand } = await import('@aws-sdk/client-apigatewayv2');
    const stage = await clients.v2.send(new GetStageCommand({ ApiId: apiId, StageName: stageName }));
    return {
      exists: true,
      autoDeploy: stage.AutoDeploy ?? false,
      deploymentId: stage.DeploymentId,
      variables: stage.StageVariables,
      lastDeploymentStatus: stage.LastDeploymentStatusMessage,
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFoundException') return { exists: false, autoDeploy: false };
    throw error;
  }
}

export interface BackupFile {
  file: string;
  /**
   * `export`: API Gateway's own export of a stage. `rebuilt`: OpenAPI built from the API's current configuration, which
   * also holds what no stage serves yet. `snapshot`: the raw read results as JSON, which cannot be imported.
   */
  kind: 'export' | 'rebuilt' | 'snapshot';
  stage?: string;
  /** What the rebuilt document could not carry. */
  notes?: string[];
}

export function describeBackup(backup: BackupFile): string {
  switch (backup.kind) {
    case 'export':
      return backup.stage ? `API Gateway export of stage ${backup.stage}, importable` : 'API Gateway export, importable';
    case 'rebuilt':
      return 'OpenAPI rebuilt from the current resources, including changes not deployed to a stage, importable';
    case 'snapshot':
      return 'raw JSON snapshot of resources, methods, models, authorizers and validators, for reference';
  }
}

/**
 * Writes `<apiId>-<timestamp>.yaml`, the stage's export when there is a stage, and for REST APIs also
 * `<apiId>-<timestamp>.current.yaml` (OpenAPI rebuilt from the current resources, including changes not yet deployed
 * to any stage, which an export would miss) and `<apiId>-<timestamp>.snapshot.json` (the raw read results). Without a
 * stage the rebuilt document is the `.yaml`. Fails rather than deploy without a backup.
 */
export async function writeBackups(clients: GatewayClients, kind: DeployRequest['kind'], apiId: string, backupDir: string, now: Date, preferredStage?: string): Promise<BackupFile[]> {
  await mkdir(backupDir, { recursive: true });
  const base = path.join(backupDir, `${apiId}-${backupTimestamp(now)}`);
  const written: BackupFile[] = [];
  const exported = await exportDefinition(clients, kind, apiId, preferredStage);
  if (exported) {
    const header = `# Backup of ${kind} API ${apiId}${exported.stage ? ` (stage ${exported.stage})` : ''}, exported ${now.toISOString()} before an update\n`;
    await writeFile(`${base}.yaml`, header + exported.yaml);
    written.push({ file: `${base}.yaml`, kind: 'export', stage: exported.stage });
  }
  if (kind === 'REST') {
    const state = await readRestApiState(clients, apiId);
    const rebuilt = await rebuiltYaml(state, clients.connection.region);
    const types = state.restApi.endpointConfiguration?.types?.join(', ');
    const header = [
      `# Backup of REST API ${apiId}, rebuilt ${now.toISOString()} before an update from its current configuration`,
      exported
        ? '# (resources as they are now, including changes not deployed to any stage). Import this file to restore them.'
        : '# (it has no stage, so API Gateway cannot export it). Import this file to restore the definition.',
      ...(types ? [`# Endpoint type: ${types} (not part of the document; give it when importing).`] : []),
      ...rebuilt.notes.map((note) => `# Note: ${note.replace(/\s+/g, ' ')}`),
    ].join('\n');
    const file = exported ? `${base}.current.yaml` : `${base}.yaml`;
    await writeFile(file, `${header}\n${rebuilt.yaml}`);
    written.push({ file, kind: 'rebuilt', notes: rebuilt.notes });
    await writeFile(`${base}.snapshot.json`, snapshotJson(state));
    written.push({ file: `${base}.snapshot.json`, kind: 'snapshot' });
  }
  return written;
}
