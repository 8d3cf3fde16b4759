import type { LambdaErrorPayload } from './lambdaHost';

/**
 * Signal names as Lambda's runtime manager prints them: it is written in Go, whose process status reads
 * "signal: killed" where Node.js says SIGKILL.
 */
const SIGNAL_NAMES: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGTERM: 'terminated',
  SIGSEGV: 'segmentation fault',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
  SIGINT: 'interrupt',
  SIGHUP: 'hangup',
  SIGQUIT: 'quit',
  SIGPIPE: 'broken pipe',
  SIGTRAP: 'trace/breakpoint trap',
};

/**
 * What Lambda reports when the runtime process ends during an invocation. A process that ran out of memory is killed
 * by Lambda, which says so with its own error type.
 */
export function exitError(requestId: string, code: number | null, signal: NodeJS.Signals | null, outOfMemory = false): LambdaErrorPayload {
  if (outOfMemory) return { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed` };
  const status = signal ? `signal: ${SIGNAL_NAMES[signal] ?? signal}` : `exit status ${code}`;
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${status}` };
}
