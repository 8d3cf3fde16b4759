import type { ValidationContext } from '../validationTypes';

/**
 * The rules run on the language server's only thread. A turn of the event loop lets the messages that arrived
 * meanwhile (a newer version of the document, a completion request) be read; only then can `isCancelled` see that
 * this validation has become stale.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Gives the event loop a turn; true when the validation should stop. */
export async function pause(context: ValidationContext): Promise<boolean> {
  await yieldToEventLoop();
  return context.isCancelled();
}
