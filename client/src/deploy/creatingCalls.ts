import { createClients, destroyClients, type ClientOptions, type GatewayClients } from '../aws/connection';
import { isThrottling } from '../aws/errorFacts';

/**
 * Clients that send each call once. A call that creates something (an import, a deployment, a stage) retried after
 * its answer was lost would create it twice, so these calls are sent through them rather than the retrying ones.
 * They are made on first use (many deploys create nothing), and sign with the given clients' credentials, already
 * resolved and cached, rather than resolving them again.
 */
export class SingleAttemptClients {
  private made: Promise<GatewayClients> | undefined;

  constructor(
    private readonly clients: GatewayClients,
    private readonly onCall?: ClientOptions['onCall'],
  ) {}

  get(): Promise<GatewayClients> {
    return (this.made ??= createClients(this.clients.connection, { maxAttempts: 1, onCall: this.onCall, credentials: this.clients.v1.config.credentials }));
  }

  release(): void {
    void this.made?.then(destroyClients, () => undefined);
  }
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
      if (!isThrottling(error)) throw error;
      if (attempt >= retry.attempts) throw sentTimes(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, retry.delay(attempt)));
    }
  }
}

/**
 * The single-attempt client counts one attempt per send in the error's metadata; the message should count the sends
 * this loop made.
 */
function sentTimes(error: unknown, attempts: number): unknown {
  const metadata = (error as { $metadata?: Record<string, unknown> } | undefined)?.$metadata;
  if (metadata) metadata.attempts = attempts;
  return error;
}
