/**
 * An integration timeout whose clock starts when the invocation does: a Lambda invocation waiting for a free local
 * worker has not started, and on AWS would not wait at all, so that wait must not bring a 504 AWS would not give.
 */
export interface Deadline {
  /** Resolves to 'timeout' once the time has run out after start(), unless cancel() came first. */
  readonly expired: Promise<'timeout'>;
  start(): void;
  cancel(): void;
}

export function deadline(ms: number): Deadline {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  let expire!: (value: 'timeout') => void;
  const expired = new Promise<'timeout'>((resolve) => {
    expire = resolve;
  });
  return {
    expired,
    start: () => {
      if (!cancelled && timer === undefined) timer = setTimeout(() => expire('timeout'), ms);
    },
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}

/** Resolves to 'timeout' when the promise does not settle before the deadline; the work itself goes on (as a backend would). */
export function withDeadline<T>(promise: Promise<T>, clock: Deadline): Promise<T | 'timeout'> {
  return Promise.race([promise, clock.expired]).finally(() => clock.cancel());
}
