import type { GatewayClients } from '../aws/connection';
import { describeConnection } from '../aws/connection';
import { listRestApis, listV2Apis } from '../aws/listing';
import { deploy, type DeployOptions, type DeployRequest, type DeployResult, type EndpointType, type PutMode, type StageRequest } from './deployer';
import { ApiNoLongerExists, isNotFound, stageNameAccepted } from './deployFailures';
import { formatStageVariables, parseStageVariables, rulesOutOtherKind } from './documentKind';
import type { DeploymentLink } from './links';
import { looksLikeProduction } from './productionStage';
import { autoDeployWording } from './wording';
import { stageNames } from './stageActions';

/**
 * The deploy command's questions and decisions, free of VS Code: every question goes through a `Prompter`, which the
 * command implements with quick picks and input boxes and tests implement with scripted answers.
 */

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface InputRequest {
  title: string;
  prompt?: string;
  value?: string;
  /** An error message for a value that cannot be accepted; undefined accepts it. */
  validate?(value: string): string | undefined;
}

export interface Prompter {
  /** Resolves to the picked item's value, or undefined when the user dismisses the pick. */
  pick<T>(title: string, items: PickItem<T>[], placeHolder?: string): Promise<T | undefined>;
  /** Resolves to an accepted value, or undefined when the user dismisses the box. */
  input(request: InputRequest): Promise<string | undefined>;
  /** A modal question with one action button; false when the user does not press it. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
}

/** Answers given in advance; each one skips its question, so tasks and tests can deploy unattended. */
export interface DeployAnswers {
  kind?: 'REST' | 'HTTP';
  /** `new`, or the id of an existing API. */
  target?: string;
  putMode?: PutMode;
  /** A stage name, or null to import without deploying. */
  stage?: string | null;
  stageDescription?: string;
  variables?: Record<string, string>;
  canaryPercent?: number;
  failOnWarnings?: boolean;
  basePath?: DeployRequest['basePath'];
  /** REST only. Asked for only when the target is picked interactively; otherwise absent means "keep the type". */
  endpointType?: EndpointType;
  confirmProduction?: boolean;
}

export type DeployTarget =
  | { mode: 'new'; kind: 'REST' | 'HTTP' }
  /** `endpointType`: a REST API's current one, read when the API was found to exist. */
  | { mode: 'existing'; kind: 'REST' | 'HTTP'; apiId: string; name?: string; endpointType?: string };

export interface DeployFlowInput {
  clients: GatewayClients;
  answers: DeployAnswers;
  documentText: string;
  /** The file name shown in titles. */
  documentName: string;
  documentTitle?: string;
  /** Earlier deployments of this document on the current connection, most recent first. */
  links: DeploymentLink[];
  guessedKind: 'REST' | 'HTTP';
  /** What in the document says it is for `guessedKind` only, e.g. `x-amazon-apigateway-request-validators`. */
  kindEvidence?: string;
  backupDir: string;
  now?: Date;
  /** Told when the chosen API no longer exists, before anything else is asked, so its link can be forgotten. */
  onApiGone?(gone: ApiNoLongerExists): Promise<void> | void;
}

export interface DeployPlan {
  request: DeployRequest;
  target: DeployTarget;
  putMode?: PutMode;
  /** The link of the chosen existing API, if the document was deployed to it before. */
  link?: DeploymentLink;
}

interface StageChoice {
  name: string;
  exists: boolean;
  description?: string;
  variables?: Record<string, string>;
  /** Variables the stage has that the user deleted from the variables box. */
  removedVariables: string[];
  canaryPercent?: number;
}

const ENDPOINT_TYPES: EndpointType[] = ['EDGE', 'REGIONAL', 'PRIVATE'];
const ENDPOINT_DETAIL: Record<EndpointType, string> = {
  EDGE: 'edge-optimized: served through CloudFront points of presence',
  REGIONAL: 'regional: served from the region, for clients nearby or your own CDN',
  PRIVATE: 'private: reachable only from VPCs through an interface endpoint',
};

/** What the stage name box says of a name that API Gateway would refuse for an API of `kind`. */
export function stageNameError(kind: 'REST' | 'HTTP', value: string): string | undefined {
  if (stageNameAccepted(kind, value)) return undefined;
  return `Letters, digits, - and _ only, at most 128 characters${kind === 'HTTP' ? ', or $default' : ''}`;
}

/** Empty switches all traffic; otherwise a share of the traffic above 0 and at most 100. */
export function canaryPercentError(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const percent = Number(text);
  return Number.isFinite(percent) && percent > 0 && percent <= 100 ? undefined : 'A number above 0 and at most 100';
}

function stageVariablesError(value: string): string | undefined {
  try {
    parseStageVariables(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The questions of the flow, in the order they come; a follow-up (a list of existing APIs, a new stage's name) shares its step. */
export type DeployStep = 'target' | 'putMode' | 'endpointType' | 'stage' | 'description' | 'variables' | 'canary';

/**
 * The steps a deploy asks, as far as the answers given and the choices made so far tell: unknown choices count as
 * the longer way, so the total only shrinks as the user goes on (an existing REST API may need a canary; a new one
 * never does).
 */
export function deploySteps(answers: DeployAnswers, known: { target?: DeployTarget; stageExists?: boolean }): DeployStep[] {
  const steps: DeployStep[] = [];
  const unattendedTarget = answers.target !== undefined;
  if (!unattendedTarget) steps.push('target');
  const target = known.target;
  const existingRest = target ? target.mode === 'existing' && target.kind === 'REST' : true;
  const rest = target ? target.kind === 'REST' : true;
  if (existingRest && !answers.putMode) steps.push('putMode');
  if (rest && !answers.endpointType && !unattendedTarget) steps.push('endpointType');
  if (answers.stage === undefined) {
    steps.push('stage');
    if (answers.stageDescription === undefined) steps.push('description');
    if (!answers.variables) steps.push('variables');
    if (answers.canaryPercent === undefined && existingRest && (known.stageExists ?? true)) steps.push('canary');
  }
  return steps;
}

/** Titles with "Step n of m": n in the order the steps are first asked, m from what is known when asking. */
export class StepTitles {
  private readonly numbers = new Map<DeployStep, number>();

  constructor(private readonly total: () => number) {}

  title(step: DeployStep, text: string): string {
    let n = this.numbers.get(step);
    if (n === undefined) this.numbers.set(step, (n = this.numbers.size + 1));
    return `Step ${n} of ${Math.max(n, this.total())}: ${text}`;
  }
}

/**
 * Asks what to deploy where, reading but never writing. Resolves to undefined as soon as a question is dismissed or
 * a production stage is not confirmed.
 */
export async function planDeploy(input: DeployFlowInput, prompter: Prompter): Promise<DeployPlan | undefined> {
  const { clients, answers } = input;
  const known: { target?: DeployTarget; stageExists?: boolean } = {};
  const steps = new StepTitles(() => deploySteps(answers, known).length);
  const target = await chooseExistingTarget(input, prompter, steps);
  if (!target) return undefined;
  known.target = target;
  let putMode: PutMode | undefined;
  if (target.mode === 'existing') {
    putMode = await choosePutMode(target, answers, prompter, steps);
    if (!putMode) return undefined;
  }
  let endpointType = answers.endpointType;
  // Callers that name the target deploy unattended: without an endpointType they keep the API's type.
  if (target.kind === 'REST' && !endpointType && answers.target === undefined) {
    const chosen = await chooseEndpointType(target, prompter, steps);
    if (chosen === undefined) return undefined;
    endpointType = chosen ?? undefined;
  }
  const link = target.mode === 'existing' ? input.links.find((l) => l.apiId === target.apiId) : undefined;
  let productionConfirmed = answers.confirmProduction ?? false;
  // Asked as soon as the stage is known, before its description, variables and canary are typed in vain.
  const confirmStage = async (name: string, exists: boolean): Promise<boolean> => {
    if (!exists || !looksLikeProduction(name) || productionConfirmed) return true;
    productionConfirmed = await prompter.confirm(
      `"${name}" looks like a production stage. Deploy ${input.documentName} to it?`,
      `${target.mode === 'existing' ? `API ${target.name ?? target.apiId}` : 'The new API'} on ${describeConnection(clients.connection)}. Clients of this stage get the change at once.`,
      `Deploy to ${name}`,
    );
    return productionConfirmed;
  };
  const stage = await chooseStage(input, target, link, prompter, confirmStage, steps, (exists) => (known.stageExists = exists));
  if (stage === undefined) return undefined;

  const request: DeployRequest = {
    kind: target.kind,
    body: input.documentText,
    target: target.mode === 'new' ? { mode: 'new' } : { mode: 'existing', apiId: target.apiId, putMode: putMode! },
    failOnWarnings: answers.failOnWarnings,
    basePath: answers.basePath,
    endpointType,
    stage: stage ? stageRequest(stage) : undefined,
    backupDir: input.backupDir,
    productionConfirmed,
    now: input.now,
  };
  return { request, target, putMode, link };
}

function stageRequest(stage: StageChoice): StageRequest {
  const request: StageRequest = { name: stage.name, description: stage.description, variables: stage.variables, canaryPercent: stage.canaryPercent };
  if (stage.removedVariables.length) request.removedVariables = stage.removedVariables;
  return request;
}

/**
 * Chooses the target and makes sure an existing one is still there. A named target that is gone fails, since an
 * unattended deploy must not turn into a new API; a picked one is asked again, without its link, so the user can
 * deploy as a new API instead.
 */
async function chooseExistingTarget(input: DeployFlowInput, prompter: Prompter, steps: StepTitles): Promise<DeployTarget | undefined> {
  let links = input.links;
  let gone: ApiNoLongerExists | undefined;
  for (;;) {
    const target = await chooseTarget({ ...input, links }, prompter, steps, gone?.message);
    if (!target || target.mode === 'new') return target;
    const found = await currentApi(input.clients, target);
    if (found) return found;
    gone = new ApiNoLongerExists(target.kind, target.apiId, input.clients.connection.region, target.name);
    await input.onApiGone?.(gone);
    if (input.answers.target !== undefined) throw gone;
    links = links.filter((l) => l.apiId !== target.apiId);
  }
}

/** The target as it stands now, with a REST API's endpoint type; undefined when the API no longer exists. */
async function currentApi(clients: GatewayClients, target: DeployTarget & { mode: 'existing' }): Promise<DeployTarget | undefined> {
  try {
    if (target.kind === 'REST') {
      const { GetRestApiCommand } = await import('@aws-sdk/client-api-gateway');
      const api = await clients.v1.send(new GetRestApiCommand({ restApiId: target.apiId }));
      return { ...target, endpointType: api.endpointConfiguration?.types?.[0]?.toUpperCase() };
    }
    const { GetApiCommand } = await import('@aws-sdk/client-apigatewayv2');
    await clients.v2.send(new GetApiCommand({ ApiId: target.apiId }));
    return target;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function chooseTarget(input: DeployFlowInput, prompter: Prompter, steps: StepTitles, why?: string): Promise<DeployTarget | undefined> {
  const { clients, answers, links, guessedKind: guessed } = input;
  if (answers.target === 'new') return { mode: 'new', kind: guessed };
  if (answers.target) {
    const link = links.find((l) => l.apiId === answers.target);
    const kind = answers.kind ?? (link?.kind === 'HTTP' ? 'HTTP' : link?.kind === 'REST' ? 'REST' : await kindOf(clients, answers.target));
    return { mode: 'existing', kind, apiId: answers.target, name: link?.apiName };
  }
  type Choice = { target: DeployTarget } | { browse: 'REST' | 'HTTP' };
  const other = guessed === 'REST' ? 'HTTP' : 'REST';
  // The document's own extensions may rule the other kind out: it stays on offer, last, saying why it will not fit.
  const misfit = input.kindEvidence && rulesOutOtherKind(input.kindEvidence) ? `the document uses ${input.kindEvidence}, which ${other} APIs do not support` : undefined;
  const namesakes = await apisNamed(clients, input.documentTitle, misfit ? [guessed] : [guessed, other], links);
  // Earlier targets of this document come first: redeploying where it went last time is the usual case. An API
  // that shares the document's title is the likely target of a first deploy from this document.
  const items: PickItem<Choice>[] = [
    ...links.map((l) => ({
      label: `$(link) ${l.apiName ?? l.apiId}`,
      description: `${l.kind} · ${l.apiId}${l.lastStage ? ` · last stage ${l.lastStage}` : ''}`,
      detail: `Deployed from this document${l.lastDeployedAt ? ` on ${l.lastDeployedAt.slice(0, 16).replace('T', ' ')}` : ''}`,
      value: { target: { mode: 'existing', kind: l.kind === 'HTTP' ? 'HTTP' : 'REST', apiId: l.apiId, name: l.apiName } as DeployTarget },
    })),
    ...namesakes.map((a) => ({
      label: `$(cloud) ${a.name}`,
      description: `${a.kind} · ${a.id}`,
      detail: 'An existing API with the title of this document',
      value: { target: { mode: 'existing', kind: a.kind, apiId: a.id, name: a.name } as DeployTarget },
    })),
    { label: `$(add) New ${guessed} API`, description: input.documentTitle, value: { target: { mode: 'new', kind: guessed } } },
    { label: `$(list-unordered) Existing ${guessed} API…`, value: { browse: guessed } },
    { label: `$(add) New ${other} API`, description: input.documentTitle, detail: misfit, value: { target: { mode: 'new', kind: other } } },
    { label: `$(list-unordered) Existing ${other} API…`, detail: misfit, value: { browse: other } },
  ];
  const title = `Deploy ${input.documentName} to (${describeConnection(clients.connection)})`;
  const picked = await prompter.pick(steps.title('target', why ? `${why} ${title}` : title), items);
  if (!picked) return undefined;
  if ('target' in picked) return picked.target;
  const kind = picked.browse;
  const apis = kind === 'REST'
    ? (await listRestApis(clients)).map((a) => ({ id: a.id ?? '', name: a.name ?? '', detail: a.description }))
    : (await listV2Apis(clients)).filter((a) => a.ProtocolType === 'HTTP').map((a) => ({ id: a.ApiId ?? '', name: a.Name ?? '', detail: a.Description }));
  const api = await prompter.pick(
    steps.title('target', `Existing ${kind} API`),
    apis.map((a) => ({ label: a.name, description: a.id, detail: a.detail, value: a })),
    apis.length ? undefined : `No ${kind} APIs in ${clients.connection.region}`,
  );
  return api ? { mode: 'existing', kind, apiId: api.id, name: api.name } : undefined;
}

/** Existing APIs of the given kinds named like the document and not linked to it yet; none when the listing fails. */
async function apisNamed(clients: GatewayClients, title: string | undefined, kinds: ('REST' | 'HTTP')[], links: DeploymentLink[]): Promise<{ kind: 'REST' | 'HTTP'; id: string; name: string }[]> {
  if (!title) return [];
  const linked = new Set(links.map((l) => l.apiId));
  const [rest, v2] = await Promise.all([
    kinds.includes('REST') ? listRestApis(clients).catch(() => []) : Promise.resolve([]),
    kinds.includes('HTTP') ? listV2Apis(clients).catch(() => []) : Promise.resolve([]),
  ]);
  return [
    ...rest.filter((a) => a.name === title && a.id && !linked.has(a.id)).map((a) => ({ kind: 'REST' as const, id: a.id!, name: a.name! })),
    ...v2.filter((a) => a.ProtocolType === 'HTTP' && a.Name === title && a.ApiId && !linked.has(a.ApiId)).map((a) => ({ kind: 'HTTP' as const, id: a.ApiId!, name: a.Name! })),
  ];
}

async function kindOf(clients: GatewayClients, apiId: string): Promise<'REST' | 'HTTP'> {
  const rest = await listRestApis(clients);
  return rest.some((a) => a.id === apiId) ? 'REST' : 'HTTP';
}

async function choosePutMode(target: DeployTarget & { mode: 'existing' }, answers: DeployAnswers, prompter: Prompter, steps: StepTitles): Promise<PutMode | undefined> {
  if (answers.putMode) return answers.putMode;
  // HTTP APIs have only a replacing reimport, so there is nothing to ask.
  if (target.kind === 'HTTP') return 'overwrite';
  return prompter.pick<PutMode>(steps.title('putMode', `Update ${target.name ?? target.apiId}`), [
    { label: 'Overwrite', description: 'the API becomes exactly this document', detail: 'The current definition is exported to .apigateway/backups first.', value: 'overwrite' },
    { label: 'Merge', description: 'add and update; keep what the document lacks', detail: 'The current definition is exported to .apigateway/backups first.', value: 'merge' },
  ]);
}

/** Resolves to the type to apply, null to keep an existing API's type, undefined when dismissed. */
async function chooseEndpointType(target: DeployTarget, prompter: Prompter, steps: StepTitles): Promise<EndpointType | null | undefined> {
  const current = target.mode === 'existing' ? target.endpointType : undefined;
  // API Gateway turns a private API into a regional one only, so edge is not offered for it.
  const offered = ENDPOINT_TYPES.filter((t) => !(current === 'PRIVATE' && t === 'EDGE'));
  const first = (current as EndpointType | undefined) ?? 'EDGE';
  const ordered = [first, ...offered.filter((t) => t !== first)].filter((t) => offered.includes(t));
  const picked = await prompter.pick<EndpointType>(
    steps.title('endpointType', target.mode === 'existing' ? `Endpoint type of ${target.name ?? target.apiId}` : 'Endpoint type of the new REST API'),
    ordered.map((t) => ({
      label: t,
      description: t === current ? 'current, keep it' : current ? `change from ${current}` : t === 'EDGE' ? 'default' : undefined,
      detail: ENDPOINT_DETAIL[t],
      value: t,
    })),
  );
  if (!picked) return undefined;
  return picked === current ? null : picked;
}

/** Resolves to null for "import only", undefined when a question is dismissed. */
async function chooseStage(
  input: DeployFlowInput,
  target: DeployTarget,
  link: DeploymentLink | undefined,
  prompter: Prompter,
  confirmStage: (name: string, exists: boolean) => Promise<boolean>,
  steps: StepTitles,
  chosen: (exists: boolean) => void,
): Promise<StageChoice | null | undefined> {
  const { clients, answers } = input;
  if (answers.stage === null) return null;
  const existing = target.mode === 'existing' ? await stageNames(clients, target.kind, target.apiId) : [];
  const unattended = answers.stage !== undefined;
  let name: string | undefined = answers.stage ?? undefined;
  if (!unattended) {
    type Choice = { stage: string } | { create: true } | { importOnly: true };
    const preferred = link?.lastStage;
    const autoDeployed = existing.filter((s) => s.autoDeploy);
    const sorted = [...existing].sort((a, b) => (a.name === preferred ? -1 : b.name === preferred ? 1 : a.name.localeCompare(b.name)));
    const picked = await prompter.pick<Choice>(steps.title('stage', 'Deploy to stage'), [
      ...sorted.map((s) => ({
        label: `$(layers) ${s.name}`,
        value: { stage: s.name },
        description: [s.name === preferred ? 'last used' : '', s.autoDeploy ? 'auto-deploy' : '', s.deploymentId ? `serves ${s.deploymentId}` : '', looksLikeProduction(s.name) ? '$(warning) production' : ''].filter(Boolean).join(' · '),
      })),
      { label: '$(add) New stage…', value: { create: true } },
      { label: '$(circle-slash) Import only, no deployment', value: { importOnly: true }, description: autoDeployed.length ? `${autoDeployWording(autoDeployed.map((s) => s.name))}: they get the change` : undefined },
    ]);
    if (!picked) return undefined;
    // Auto-deploy stages take the reimport whatever stage is picked, a production one among them as if it were picked.
    for (const s of autoDeployed) if (!('stage' in picked && picked.stage === s.name) && !(await confirmStage(s.name, true))) return undefined;
    if ('importOnly' in picked) return null;
    name = 'stage' in picked ? picked.stage : await prompter.input({
      title: steps.title('stage', 'New stage name'),
      prompt: `The stage is created with this deployment. Letters, digits, - and _${target.kind === 'HTTP' ? ', or $default for the URL without a stage name' : ''}.`,
      value: existing.length ? '' : 'dev',
      validate: (value) => stageNameError(target.kind, value),
    });
    if (!name) return undefined;
  }
  const stageName = name!;
  const current = existing.find((s) => s.name === stageName);
  chosen(current !== undefined);
  if (!(await confirmStage(stageName, current !== undefined))) return undefined;
  const now = input.now ?? new Date();
  const description = answers.stageDescription ?? (unattended ? undefined
    : await prompter.input({
      title: steps.title('description', `Deployment description for ${stageName} (optional)`),
      prompt: 'Shown in the deployment history of the stage, where Roll Back Stage picks from',
      value: `Deployed from VS Code ${now.toISOString().slice(0, 16).replace('T', ' ')}`,
    }));
  if (description === undefined && !unattended) return undefined;
  let variables = answers.variables;
  // Only what the box showed can be removed: variables given in advance leave the stage's others alone.
  let removedVariables: string[] = [];
  if (!variables && !unattended) {
    const currentVariables = current ? await stageVariables(clients, target, stageName) : {};
    const typed = await prompter.input({
      title: steps.title('variables', `Stage variables of ${stageName} (optional)`),
      prompt: Object.keys(currentVariables).length ? 'key=value pairs separated by commas; a variable deleted here is removed from the stage' : 'key=value pairs separated by commas',
      value: formatStageVariables(currentVariables),
      validate: stageVariablesError,
    });
    if (typed === undefined) return undefined;
    variables = parseStageVariables(typed);
    const kept = variables;
    removedVariables = Object.keys(currentVariables).filter((name) => !Object.hasOwn(kept, name));
  }
  let canaryPercent = answers.canaryPercent;
  // A canary splits an existing stage's traffic, and only REST APIs have canaries.
  if (canaryPercent === undefined && !unattended && current && target.kind === 'REST') {
    const typed = await prompter.input({
      title: steps.title('canary', `Canary for ${stageName} (optional)`), prompt: 'Percentage of traffic for the new deployment; leave empty to switch all traffic', validate: canaryPercentError,
    });
    if (typed === undefined) return undefined;
    canaryPercent = typed.trim() ? Number(typed) : undefined;
  }
  return { name: stageName, exists: Boolean(current), description: description || undefined, variables, removedVariables, canaryPercent };
}

async function stageVariables(clients: GatewayClients, target: DeployTarget, stage: string): Promise<Record<string, string>> {
  if (target.mode !== 'existing') return {};
  if (target.kind === 'REST') {
    const { GetStageCommand } = await import('@aws-sdk/client-api-gateway');
    return (await clients.v1.send(new GetStageCommand({ restApiId: target.apiId, stageName: stage }))).variables ?? {};
  }
  const { GetStageCommand } = await import('@aws-sdk/client-apigatewayv2');
  return (await clients.v2.send(new GetStageCommand({ ApiId: target.apiId, StageName: stage }))).StageVariables ?? {};
}

/** One progress notification; `cancelled` tells whether its Cancel button was pressed. */
export interface ProgressPhase {
  report(message: string): void;
  readonly cancelled: boolean;
  end(): void;
}

export type OpenProgress = (cancellable: boolean) => ProgressPhase;

/**
 * Runs a deploy under a cancellable notification until the first write, then under one without a Cancel button:
 * once API Gateway has been changed, stopping halfway would leave the API neither old nor new.
 */
export async function deployWithProgress(clients: GatewayClients, request: DeployRequest, open: OpenProgress, log: (message: string) => void, options: DeployOptions = {}): Promise<DeployResult> {
  let phase = open(true);
  // Never a blank notification with a Cancel button: the first step may only come with the first write.
  phase.report('Preparing');
  let committed = false;
  let lastStep: string | undefined;
  try {
    return await deploy(clients, request, {
      step: (message) => {
        lastStep = message;
        phase.report(message);
        log(message);
      },
      log,
      isCancelled: () => phase.cancelled,
      committed: () => {
        if (committed) return;
        committed = true;
        phase.end();
        phase = open(false);
        if (lastStep) phase.report(lastStep);
      },
    }, options);
  } finally {
    phase.end();
  }
}
