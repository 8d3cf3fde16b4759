import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ApiKind } from '../aws/invokeUrl';
import { replaceEndpointUserInfo } from '../aws/redact';
import type { ConnectionSettings } from '../aws/connection';

/** Where a document was last deployed; kept in the workspace so a team shares it through version control. */
export interface DeploymentLink {
  apiId: string;
  kind: ApiKind;
  apiName?: string;
  profile?: string;
  region: string;
  endpoint?: string;
  lastStage?: string;
  lastDeployedAt?: string;
}

interface LinkFile {
  version: 1;
  /** Keyed by the document's workspace-relative path with forward slashes. */
  links: Record<string, DeploymentLink[]>;
}

export const LINK_FILE = path.join('.apigateway', 'deployments.json');

function linkKey(workspaceRoot: string, documentPath: string): string {
  return path.relative(workspaceRoot, documentPath).split(path.sep).join('/');
}

async function readLinkFile(workspaceRoot: string): Promise<LinkFile> {
  let text: string;
  try {
    text = await readFile(path.join(workspaceRoot, LINK_FILE), 'utf8');
  } catch {
    return { version: 1, links: {} };
  }
  const parsed = JSON.parse(text) as Partial<LinkFile>;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.links !== 'object' || parsed.links === null) {
    throw new Error(`${LINK_FILE} is not a deployment link file (expected {"version": 1, "links": {...}})`);
  }
  return { version: 1, links: parsed.links };
}

/** The document's links, most recently used first. */
export async function readLinks(workspaceRoot: string, documentPath: string): Promise<DeploymentLink[]> {
  const file = await readLinkFile(workspaceRoot);
  return [...(file.links[linkKey(workspaceRoot, documentPath)] ?? [])];
}

/** The account, region and endpoint a deployment went to: a link is good only where all three are the same. */
export interface LinkConnection {
  profile?: string;
  region: string;
  endpoint?: string;
}

/**
 * Whether a link was made on this connection. An API id means nothing under another profile (another account,
 * perhaps): offered there, the API would seem gone and the link be dropped for everyone sharing the file.
 */
export function madeWith(link: DeploymentLink, connection: LinkConnection): boolean {
  return link.region === connection.region && (link.profile ?? '') === (connection.profile ?? '') && withoutUserInfo(link.endpoint ?? '') === withoutUserInfo(connection.endpoint ?? '');
}

/**
 * Where AWS calls about a linked API go: the link's own profile, region and endpoint, since its API id means nothing
 * elsewhere. In Restricted Mode the link file is the workspace's, as untrusted as its settings (whose profile and
 * endpoint VS Code then ignores): a file that named another endpoint would have the user's signed requests, session
 * token included, sent there. Its profile and endpoint count only when they are the user's own.
 */
export function linkedConnection(link: DeploymentLink | undefined, settings: ConnectionSettings, trusted: boolean): ConnectionSettings {
  if (!link) return settings;
  const own = { profile: settings.profile, region: link.region, endpoint: settings.endpoint };
  if (!trusted && !madeWith(link, own)) return settings;
  return { profile: link.profile ?? settings.profile, region: link.region, endpoint: link.endpoint };
}

/** An endpoint without the user name and password it may carry, which must not reach a file shared in the team. */
function withoutUserInfo(endpoint: string): string {
  return replaceEndpointUserInfo(endpoint, '');
}

function sameTarget(a: DeploymentLink, b: DeploymentLink): boolean {
  return a.apiId === b.apiId && madeWith(a, b);
}

/** Records a deployment, moving its target to the front; other targets of the same document are kept. */
export async function rememberLink(workspaceRoot: string, documentPath: string, link: DeploymentLink): Promise<void> {
  const file = await readLinkFile(workspaceRoot);
  const key = linkKey(workspaceRoot, documentPath);
  const stored = link.endpoint === undefined ? link : { ...link, endpoint: withoutUserInfo(link.endpoint) };
  file.links[key] = [stored, ...(file.links[key] ?? []).filter((existing) => !sameTarget(existing, link))];
  await writeLinkFile(workspaceRoot, file);
}

async function writeLinkFile(workspaceRoot: string, file: LinkFile): Promise<void> {
  const target = path.join(workspaceRoot, LINK_FILE);
  await mkdir(path.dirname(target), { recursive: true });
  // Written beside and renamed, so a crash never leaves half a file that the next deploy cannot read.
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(file, null, 2) + '\n');
  await rename(temp, target);
}

/** Drops the links to an API that no longer exists on that connection. */
export async function forgetApi(workspaceRoot: string, apiId: string, connection: LinkConnection): Promise<void> {
  const file = await readLinkFile(workspaceRoot);
  let changed = false;
  for (const [key, links] of Object.entries(file.links)) {
    const kept = links.filter((l) => !(l.apiId === apiId && madeWith(l, connection)));
    if (kept.length !== links.length) {
      changed = true;
      if (kept.length) file.links[key] = kept;
      else delete file.links[key];
    }
  }
  if (changed) await writeLinkFile(workspaceRoot, file);
}
