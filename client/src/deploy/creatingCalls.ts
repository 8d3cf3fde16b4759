import { createClients, destroyClients, type ClientOptions, type GatewayClients } from '../aws/connection';
import { isThrottling } from '../aws/errorFacts';

/**
 * Clients that send each call once. A call that creates something (an import, a deployment, a stage) retried after
 * its answer was lost would create it twice, so these calls are sent through them rather than the retrying ones.
 * They sign with the given clients' credentials, already resolved and cached, rather than resolving them again.
 */
export async function singleAttemptClients(clients: GatewayClients, onCall?: ClientOptions['onCall']): Promise<GatewayClients> {
  return createClients(clients.connection, { maxAttempts: 1, onCall, credentials: clients.v1.config.credentials });
}

export function releaseClients(clients: GatewayClients | undefined): void {
  if (clients) destroyClients(clients);
}

export interface ThrottleRetry {
  attempts: number;
  /** Milliseconds before the given retry (1 for the first); full jitter keeps concurrent deploys apart. */
  delay(retry: number): number;
}

export const DEFAULT_THROTTLE_RETRY: ThrottleRetry = {
  attempts: 3,
  delay: (retry) => Math.random() * Math.min(20_000, 500 * 2 ** retry),
};

/**
 * Sends a creating call, repeating it only after a throttling answer: API Gateway refused it before doing anything,
 * so sending it again cannot create a second copy. Any other failure is left to the caller.
 */
export async function sendCreating<T>(send: () => Promise<T>, retry: ThrottleRetry = DEFAULT_THROTTLE_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= retry.attempts || !isThrottling(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, retry.delay(attempt)));
    }
  }
}
