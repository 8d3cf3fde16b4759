import { describeBinary } from './payloadEncoding';
import type { ExecutionLogEntry, FunctionOutput, StepTiming } from './types';

/**
 * Collects the test-invoke style log lines and how long each stage of the request took. A disabled log keeps the
 * step timings but drops the lines; callers test `enabled` before formatting costly ones (headers, bodies).
 */
export class ExecutionLog {
  readonly entries: ExecutionLogEntry[] = [];
  readonly steps: StepTiming[] = [];
  /**
   * Kept only for a caller that asks, whether or not the log is enabled: `serve` shows what handlers print although
   * nobody reads its log. Other callers would carry a second copy of the `Lambda log:` lines.
   */
  readonly functionOutput: FunctionOutput[] | undefined;
  private readonly start = performance.now();
  private stepStart = this.start;
  private stepName: string | undefined;

  constructor(
    readonly enabled = true,
    keepFunctionOutput = false,
  ) {
    this.functionOutput = keepFunctionOutput ? [] : undefined;
  }

  add(message: string): void {
    if (this.enabled) this.entries.push({ time: Date.now(), message });
  }

  /** Ends the running step (if any) and starts the next one. */
  step(name: string): void {
    this.endStep();
    this.stepName = name;
    this.stepStart = performance.now();
  }

  endStep(): void {
    if (this.stepName === undefined) return;
    this.steps.push({ name: this.stepName, ms: round(performance.now() - this.stepStart) });
    this.stepName = undefined;
  }

  elapsedMs(): number {
    return round(performance.now() - this.start);
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's test-invoke timestamp, e.g. `Sat Nov 21 15:37:30 UTC 2026`. */
export function logTimestamp(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

export function formatLog(entries: ExecutionLogEntry[]): string {
  return entries.map((e) => `${logTimestamp(e.time)} : ${e.message}`).join('\n');
}

/**
 * A header value as the log shows it: credentials keep their first 12 characters, enough to tell them apart; a list
 * has each value shortened. Only log copies are masked: integrations get the values whole. Its signature lets
 * `JSON.stringify` take it as a replacer.
 */
export function maskCredential<T>(name: string, value: T): T {
  if (!/^(authorization|x-api-key)$/i.test(name)) return value;
  const mask = (v: unknown) => (typeof v === 'string' ? `${v.slice(0, 12)}****` : v);
  return (Array.isArray(value) ? value.map(mask) : mask(value)) as T;
}

/** Maps print as `{a=1, b=2}` in the log, as Java's toString renders them. */
export function logMap(map: Record<string, unknown> | undefined): string {
  if (!map) return '{}';
  return `{${Object.entries(map)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
    .join(', ')}}`;
}

/**
 * A request's Lambda output as terminal lines, each with the function's name in front so that output from an
 * authorizer and the integration, or from requests served at the same time, can be told apart. A failure reads as
 * the Node.js runtime logs it: "Invoke Error", the error type and message, then the stack frames.
 */
export function formatFunctionOutput(outputs: FunctionOutput[]): string[] {
  const lines: string[] = [];
  for (const { functionName, lines: printed, error } of outputs) {
    const prefix = `  [${functionName}] `;
    for (const line of printed) lines.push(prefix + line);
    if (!error) continue;
    const heading = error.errorType && error.errorType !== 'Sandbox.Timedout' ? `Invoke Error ${error.errorType}: ${error.errorMessage}` : error.errorMessage;
    for (const line of heading.split('\n')) lines.push(prefix + line);
    for (const frame of error.trace ?? []) if (/^\s+at /.test(frame)) lines.push(prefix + frame);
  }
  return lines;
}

/** Long bodies are cut in the log, as API Gateway truncates them; bytes are not printed. */
export function logBody(body: string | Buffer | undefined): string {
  if (Buffer.isBuffer(body)) return describeBinary(body);
  if (body === undefined || body === '') return '';
  return body.length > 10_000 ? `${body.slice(0, 10_000)} [TRUNCATED]` : body;
}
