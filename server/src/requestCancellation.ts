import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

/**
 * Runs a request's work unless the request was cancelled before it began. Evaluating a template and invoking an
 * operation hold the thread until they end (a runaway loop for its whole time budget), and an editor sends a newer
 * request in place of one superseded by an edit: checked only after the messages that arrived meanwhile have been
 * read, which is when a cancellation sent just after the request is heard, the superseded requests queued behind a
 * running one answer at once instead of each running in turn.
 */
export async function unlessCancelled<T>(token: CancellationToken, run: () => T | Promise<T>): Promise<T | ResponseError<void>> {
  await afterPendingMessages();
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled before it ran.');
  return run();
}

/**
 * Two turns of the event loop: one alone, taken from a callback of the phase that reads input, would end before the
 * next read. A timer would not do: timers run before the read in each turn.
 */
function afterPendingMessages(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
