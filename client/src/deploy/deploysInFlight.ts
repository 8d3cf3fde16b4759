import type { Connection } from '../aws/connection';
import { apiLabel } from './deployFailures';

/** Something a running deploy holds, and what a second deploy that wants it is told. */
export interface DeployClaim {
  key: string;
  busy: string;
}

/** Refused because another deploy holds the same document or API; the message says which. */
export class DeployAlreadyRunning extends Error {}

/**
 * The deploys running now, by document and by target API. A second deploy of the same document, or to the same API,
 * would race the first: both back up, overwrite and deploy the same API, and either one may end up live, with a
 * backup that already holds half of the other. Deploys of other documents to other APIs touch nothing in common,
 * so a slow deploy does not hold them up.
 */
export class DeploysInFlight {
  private readonly held = new Map<string, string>();

  /**
   * Claims all the keys or none, throwing `DeployAlreadyRunning` when one is held. The returned function releases
   * them; calling it again does nothing, so an early release and a final one can both be written.
   */
  claim(claims: DeployClaim[]): () => void {
    const taken = claims.find((c) => this.held.has(c.key));
    if (taken) throw new DeployAlreadyRunning(this.held.get(taken.key));
    for (const c of claims) this.held.set(c.key, c.busy);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const c of claims) this.held.delete(c.key);
    };
  }

  /** Runs `work` holding the claims, released however it ends. */
  async run<T>(claims: DeployClaim[], work: () => Promise<T>): Promise<T> {
    const release = this.claim(claims);
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** Held from the moment the command starts for a document, questions included, until its deploy ends. */
export function documentClaim(uri: string, documentName: string): DeployClaim {
  return { key: `document ${uri}`, busy: `A deploy of ${documentName} is already running. Wait for it to finish, then deploy again.` };
}

/** Held while a deploy writes to an existing API; the same id on another endpoint or region is another API. */
export function apiClaim(connection: Connection, api: { kind: string; apiId: string; name?: string }, documentName: string): DeployClaim {
  const label = apiLabel({ apiId: api.apiId, apiName: api.name });
  return {
    key: `api ${connection.endpoint ?? 'aws'} ${connection.region} ${api.apiId}`,
    busy: `A deploy to ${api.kind} API ${label} is already running, from ${documentName}. Wait for it to finish, then deploy again.`,
  };
}
