import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

/**
 * Runs a request's work unless the request was cancelled before it began. Evaluating a template and invoking an
 * operation hold the thread until they end (a runaway loop for its whole time budget), and an editor sends a newer
 * request in place of one superseded by an edit: checked only after the messages that arrived meanwhile have been
 * read, which is when a cancellation sent just after the request is heard, the superseded requests queued behind a
 * running one answer at once instead of each running in turn.
 */
export async function unlessCancelled<T>(token: CancellationToken, run: () => T | Promise<T>): Promise<T | ResponseError<void>> {
  // Read in one chunk with a request that then holds the thread, this one waits its turns behind that work, and a
  // cancellation sent meanwhile is read only once input is read again: after a wait that long, it waits once more.
  // A few rounds at most: under a steady load every round is long, and the request must not wait for the load to end.
  for (let round = 0, since = performance.now(); round < 3; round++) {
    await afterPendingMessages();
    const now = performance.now();
    if (now - since < HELD_MS) break;
    since = now;
  }
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

/** Longer than two turns of an idle event loop take: the thread was held by other work meanwhile. */
const HELD_MS = 20;
