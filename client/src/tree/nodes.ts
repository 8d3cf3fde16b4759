import type { ApiKind, InvokeUrlChoice } from '../aws/invokeUrl';
import type { ExplainedError, Remedy } from '../aws/errors';
import { ENDPOINT_SETTING } from '../aws/connection';

export type NodeKind =
  | 'group' | 'api' | 'folder' | 'resource' | 'method' | 'stage' | 'deployment' | 'authorizer' | 'model' | 'validator'
  | 'route' | 'integration' | 'property' | 'invokeUrl' | 'error' | 'action' | 'empty';

export interface ApiRef {
  kind: ApiKind;
  apiId: string;
  name: string;
  /** v2 APIs report their own endpoint; REST APIs do not. */
  apiEndpoint?: string;
}

/** A row of the API Gateway tree, free of VS Code types so it can be built and checked in plain Node. */
export interface TreeNode {
  /** Stable across refreshes so expansion state survives them. */
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id. */
  icon: string;
  /** Selects the node's context-menu and inline actions in the manifest. */
  contextValue: string;
  expanded?: boolean;
  api?: ApiRef;
  stage?: string;
  deploymentId?: string;
  /** The stage's current deployment, for deployments listed under it. */
  currentDeploymentId?: string;
  url?: string;
  /** For method and route rows: the operation the invoke panel opens on. */
  operation?: { path: string; method: string; resourceId?: string };
  error?: ExplainedError;
  /** For action rows: the command a click runs. */
  command?: { id: string; title: string; args?: unknown[] };
  /** Loads the children; leaves have none. */
  load?: () => Promise<TreeNode[]>;
}

export function leaf(id: string, label: string, icon: string, extra: Partial<TreeNode> = {}): TreeNode {
  return { id, kind: 'property', label, icon, contextValue: extra.kind ?? 'property', ...extra };
}

/**
 * The context value of a stage's variables folder. The variables come with the stage and are not fetched again, so
 * the folder must match none of the manifest's `folder` and `stage` patterns: Refresh there would reload nothing.
 */
export const STAGE_VARIABLES = 'variables';

export function folder(id: string, label: string, icon: string, load: () => Promise<TreeNode[]>, extra: Partial<TreeNode> = {}): TreeNode {
  return { id, kind: 'folder', label, icon, contextValue: 'folder', load, ...extra };
}

export function formatDate(date: Date | undefined): string {
  if (!date) return '';
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

export const REMEDY_COMMANDS: Record<Remedy, { id: string; title: string; args?: unknown[] }> = {
  retry: { id: 'apigateway.aws.refresh', title: 'Retry' },
  chooseProfile: { id: 'apigateway.aws.chooseProfile', title: 'Choose AWS Profile…' },
  chooseRegion: { id: 'apigateway.aws.chooseRegion', title: 'Choose AWS Region…' },
  configureEndpoint: { id: 'workbench.action.openSettings', title: 'Edit Endpoint Setting…', args: [ENDPOINT_SETTING] },
  ssoLogin: { id: 'apigateway.aws.ssoLogin', title: 'Sign In with AWS SSO…' },
};

/**
 * The first sentence of the message is the row, and each further sentence a row beneath it, ahead of the remedies:
 * tree rows do not wrap, so one long row hid the advice at its end unless the mouse rested on it.
 */
export function errorNode(parentId: string, error: ExplainedError): TreeNode {
  const [first, ...rest] = sentences(error.message);
  const tooltip = `${error.message}\n\n(${error.code})`;
  return {
    id: `${parentId}/error`,
    kind: 'error',
    label: first,
    tooltip,
    icon: 'error',
    contextValue: 'error',
    error,
    expanded: true,
    load: async () => [
      ...rest.map((sentence, i): TreeNode => ({ id: `${parentId}/error/detail/${i}`, kind: 'empty', label: sentence, tooltip, icon: 'blank', contextValue: 'errorDetail' })),
      ...error.remedies.map((remedy): TreeNode => {
        const command = REMEDY_COMMANDS[remedy];
        return { id: `${parentId}/error/${remedy}`, kind: 'action', label: command.title, icon: remedyIcon(remedy), contextValue: 'action', command };
      }),
    ],
  };
}

/** What the endpoint does not provide, with the reason: no error, since nothing failed that could work. */
export function unavailableNode(parentId: string, reason: ExplainedError): TreeNode {
  return { ...errorNode(parentId, reason), id: `${parentId}/unavailable`, kind: 'empty', icon: 'info', contextValue: 'unavailable' };
}

/**
 * Sentences end at `.`, `!` or `?` before a space and a capital letter or quote, outside parentheses: the details in
 * parentheses (an SDK's own message, `e.g.` lists) stay with the sentence they explain.
 */
const ABBREVIATION = /(?:^|[^A-Za-z])(?:e\.g|i\.e|etc|vs)\.$/;

export function sentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '.' || c === '!' || c === '?') && text[i + 1] === ' ' && /[A-Z"'`]/.test(text[i + 2] ?? '') && !ABBREVIATION.test(text.slice(Math.max(0, i - 4), i + 1))) {
      out.push(text.slice(start, i + 1).trim());
      start = i + 2;
    }
  }
  const last = text.slice(start).trim();
  if (last || !out.length) out.push(last);
  return out;
}

function remedyIcon(remedy: Remedy): string {
  switch (remedy) {
    case 'retry': return 'refresh';
    case 'chooseProfile': return 'account';
    case 'chooseRegion': return 'globe';
    case 'configureEndpoint': return 'settings-gear';
    case 'ssoLogin': return 'sign-in';
  }
}

export function emptyNode(parentId: string, message: string): TreeNode {
  return { id: `${parentId}/empty`, kind: 'empty', label: message, icon: 'info', contextValue: 'empty' };
}

/** The rows under a stage that copy a URL: the default endpoint first, then each custom domain mapped to the stage. */
export function invokeUrlRows(stageId: string, api: ApiRef, stage: string, choices: InvokeUrlChoice[]): TreeNode[] {
  return choices.map((choice) => leaf(choice.domainName ? `${stageId}/domain/${choice.url}` : `${stageId}/url`, choice.url, choice.domainName ? 'globe' : 'link', {
    kind: 'invokeUrl',
    contextValue: 'invokeUrl',
    description: choice.domainName ? 'custom domain' : 'invoke URL',
    tooltip: choice.domainName ? `${choice.url}\ncustom domain ${choice.domainName} mapped to stage ${stage}` : `${choice.url}\ndefault endpoint of stage ${stage}`,
    url: choice.url,
    api,
    stage,
  }));
}
