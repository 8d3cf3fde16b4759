import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { GatewayClients } from '../aws/connection';
import { invokeUrl, type ApiKind } from '../aws/invokeUrl';
import { exportDefinition, readRestApiState, rebuiltYaml, snapshotJson } from './exportDefinition';
import { looksLikeProduction } from './productionStage';

export type PutMode = 'merge' | 'overwrite';
export type EndpointType = 'EDGE' | 'REGIONAL' | 'PRIVATE';

export interface StageRequest {
  name: string;
  description?: string;
  /** Replaces the named variables; others on the stage are kept. */
  variables?: Record<string, string>;
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

/**
 * Imports or updates an API from a document and deploys it to a stage. Everything is read and backed up before the
 * first write, so a cancelled or refused deploy changes nothing, and an overwrite can always be undone from the backup.
 */
export async function deploy(clients: GatewayClients, request: DeployRequest, progress: DeployProgress = quiet): Promise<DeployResult> {
  const now = request.now ?? new Date();
  const result: DeployResult = { kind: request.kind, apiId: '', created: request.target.mode === 'new', warnings: [], backupFiles: [], backups: [], notes: [] };
  const bytes = new TextEncoder().encode(request.body);
  const v1 = request.kind === 'REST' ? await import('@aws-sdk/client-api-gateway') : undefined;
  const v2 = request.kind === 'HTTP' ? await import('@aws-sdk/client-apigatewayv2') : undefined;
  const checkCancelled = () => {
    if (progress.isCancelled()) throw new DeployCancelled();
  };
  const beginWriting = () => {
    checkCancelled();
    progress.committed?.();
  };

  let stageExists = false;
  let stageAutoDeploy = false;
  let endpointChange: { from: string; to: EndpointType } | undefined;
  if (request.target.mode === 'existing') {
    const apiId = request.target.apiId;
    progress.step(`Reading API ${apiId}`);
    if (v1) {
      const api = await clients.v1.send(new v1.GetRestApiCommand({ restApiId: apiId }));
      result.apiName = api.name;
      const current = api.endpointConfiguration?.types?.[0]?.toUpperCase();
      progress.log(`GetRestApi ${apiId} → ${api.name}${current ? ` (${current})` : ''}`);
      if (request.endpointType && current && current !== request.endpointType) {
        if (current === 'PRIVATE' && request.endpointType === 'EDGE') throw new EndpointChangeUnsupported(current, request.endpointType);
        endpointChange = { from: current, to: request.endpointType };
      }
    } else if (v2) {
      const api = await clients.v2.send(new v2.GetApiCommand({ ApiId: apiId }));
      if (api.ProtocolType === 'WEBSOCKET') throw new Error(`API ${apiId} is a WebSocket API; only REST and HTTP APIs can be deployed from an OpenAPI document.`);
      result.apiName = api.Name;
      progress.log(`GetApi ${apiId} → ${api.Name}`);
    }
    if (request.kind === 'HTTP' && request.target.putMode === 'merge') {
      result.notes.push('HTTP APIs have no merge import: the definition replaces the current one (a backup was kept).');
    }
    if (request.stage) {
      const stage = await readStage(clients, request.kind, apiId, request.stage.name);
      stageExists = stage.exists;
      stageAutoDeploy = stage.autoDeploy;
      progress.log(`stage ${request.stage.name}: ${stage.exists ? `exists${stage.autoDeploy ? ' (auto-deploy)' : ''}` : 'will be created'}`);
    }
    if (request.stage && stageExists && looksLikeProduction(request.stage.name) && !request.productionConfirmed) {
      throw new ProductionStageNotConfirmed(request.stage.name);
    }
    checkCancelled();
    progress.step(`Backing up the deployed definition of ${apiId}`);
    result.backups = await writeBackups(clients, request.kind, apiId, request.backupDir, now, request.stage?.name);
    result.backupFiles = result.backups.map((b) => b.file);
    for (const backup of result.backups) {
      progress.log(`backup written (${describeBackup(backup)}): ${backup.file}`);
      for (const note of backup.notes ?? []) progress.log(`  backup note: ${note}`);
    }
  }

  beginWriting();
  if (v1) {
    const parameters: Record<string, string> = {};
    if (request.basePath) parameters.basepath = request.basePath;
    if (request.target.mode === 'new') {
      if (request.endpointType) parameters.endpointConfigurationTypes = request.endpointType;
      progress.step('Importing a new REST API');
      const api = await clients.v1.send(new v1.ImportRestApiCommand({ body: bytes, failOnWarnings: request.failOnWarnings ?? false, parameters }));
      Object.assign(result, { apiId: api.id ?? '', apiName: api.name, warnings: api.warnings ?? [] });
      progress.log(`ImportRestApi → ${api.id} (${api.name}), ${result.warnings.length} warning(s)`);
    } else {
      const { apiId, putMode } = request.target;
      if (endpointChange) {
        // Patched before the put so the new definition is deployed on the endpoint the user chose.
        progress.step(`Changing the endpoint type of ${apiId} from ${endpointChange.from} to ${endpointChange.to}`);
        await clients.v1.send(new v1.UpdateRestApiCommand({
          restApiId: apiId,
          patchOperations: [{ op: 'replace', path: `/endpointConfiguration/types/${endpointChange.from}`, value: endpointChange.to }],
        }));
        progress.log(`UpdateRestApi ${apiId} endpointConfiguration ${endpointChange.from} → ${endpointChange.to}`);
        result.notes.push(`The endpoint type of ${apiId} changed from ${endpointChange.from} to ${endpointChange.to}; API Gateway needs a few minutes to finish the change, and custom domains and DNS records pointing at the old endpoint may need updating.`);
      }
      progress.step(`${putMode === 'merge' ? 'Merging into' : 'Overwriting'} REST API ${apiId}`);
      const api = await clients.v1.send(new v1.PutRestApiCommand({ restApiId: apiId, mode: putMode, failOnWarnings: request.failOnWarnings ?? false, parameters, body: bytes }));
      Object.assign(result, { apiId, apiName: api.name ?? result.apiName, warnings: api.warnings ?? [] });
      progress.log(`PutRestApi ${apiId} mode=${putMode} → ${result.warnings.length} warning(s)`);
    }
    if (request.stage) {
      const s = request.stage;
      const canary = s.canaryPercent !== undefined && s.canaryPercent > 0;
      if (canary && !stageExists) result.notes.push(`Stage ${s.name} is new, so it takes the whole deployment; a canary needs an existing stage.`);
      progress.step(`Deploying to stage ${s.name}${canary && stageExists ? ` as a ${s.canaryPercent}% canary` : ''}`);
      const deployment = await clients.v1.send(new v1.CreateDeploymentCommand({
        restApiId: result.apiId,
        stageName: s.name,
        description: s.description,
        variables: s.variables && Object.keys(s.variables).length ? s.variables : undefined,
        canarySettings: canary && stageExists ? { percentTraffic: s.canaryPercent } : undefined,
      }));
      result.deploymentId = deployment.id;
      progress.log(`CreateDeployment ${result.apiId} stage=${s.name} → ${deployment.id}`);
    }
  } else if (v2) {
    const common = { Body: request.body, FailOnWarnings: request.failOnWarnings ?? false, Basepath: request.basePath };
    let apiEndpoint: string | undefined;
    if (request.target.mode === 'new') {
      progress.step('Importing a new HTTP API');
      const api = await clients.v2.send(new v2.ImportApiCommand(common));
      Object.assign(result, { apiId: api.ApiId ?? '', apiName: api.Name, warnings: api.Warnings ?? [] });
      apiEndpoint = api.ApiEndpoint;
      progress.log(`ImportApi → ${api.ApiId} (${api.Name}), ${result.warnings.length} warning(s)`);
    } else {
      const apiId = request.target.apiId;
      progress.step(`Reimporting HTTP API ${apiId}`);
      const api = await clients.v2.send(new v2.ReimportApiCommand({ ApiId: apiId, ...common }));
      Object.assign(result, { apiId, apiName: api.Name ?? result.apiName, warnings: api.Warnings ?? [] });
      apiEndpoint = api.ApiEndpoint;
      progress.log(`ReimportApi ${apiId} → ${result.warnings.length} warning(s)`);
    }
    if (request.stage) {
      const s = request.stage;
      const variables = s.variables && Object.keys(s.variables).length ? s.variables : undefined;
      if (!stageExists) {
        progress.step(`Creating stage ${s.name}`);
        await clients.v2.send(new v2.CreateStageCommand({ ApiId: result.apiId, StageName: s.name, StageVariables: variables, Description: s.description }));
        progress.log(`CreateStage ${result.apiId} ${s.name}`);
      } else if (variables) {
        await clients.v2.send(new v2.UpdateStageCommand({ ApiId: result.apiId, StageName: s.name, StageVariables: variables }));
        progress.log(`UpdateStage ${result.apiId} ${s.name} variables`);
      }
      if (s.canaryPercent) result.notes.push('HTTP APIs have no canary deployments; the stage switched fully.');
      if (stageAutoDeploy) {
        // API Gateway deploys auto-deploy stages itself after a change; an explicit deployment would be refused.
        progress.step(`Stage ${s.name} deploys automatically`);
        result.deploymentId = (await readStage(clients, 'HTTP', result.apiId, s.name)).deploymentId;
        result.notes.push(`Stage ${s.name} has auto-deploy on: API Gateway deploys the change itself.`);
      } else {
        progress.step(`Deploying to stage ${s.name}`);
        const deployment = await clients.v2.send(new v2.CreateDeploymentCommand({ ApiId: result.apiId, StageName: s.name, Description: s.description }));
        result.deploymentId = deployment.DeploymentId;
        progress.log(`CreateDeployment ${result.apiId} stage=${s.name} → ${deployment.DeploymentId}`);
      }
    }
    if (request.stage) result.invokeUrl = invokeUrl(clients.connection, { kind: 'HTTP', apiId: result.apiId, stage: request.stage.name, apiEndpoint });
  }
  if (request.stage) {
    result.stage = request.stage.name;
    result.invokeUrl ??= invokeUrl(clients.connection, { kind: request.kind, apiId: result.apiId, stage: request.stage.name });
  }
  return result;
}

interface StageState {
  exists: boolean;
  autoDeploy: boolean;
  deploymentId?: string;
}

async function readStage(clients: GatewayClients, kind: DeployRequest['kind'], apiId: string, stageName: string): Promise<StageState> {
  try {
    if (kind === 'REST') {
      const { GetStageCommand } = await import('@aws-sdk/client-api-gateway');
      const stage = await clients.v1.send(new GetStageCommand({ restApiId: apiId, stageName }));
      return { exists: true, autoDeploy: false, deploymentId: stage.deploymentId };
    }
    const { GetStageCommand } = await import('@aws-sdk/client-apigatewayv2');
    const stage = await clients.v2.send(new GetStageCommand({ ApiId: apiId, StageName: stageName }));
    return { exists: true, autoDeploy: stage.AutoDeploy ?? false, deploymentId: stage.DeploymentId };
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
