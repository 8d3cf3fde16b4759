/**
 * Limits of a template evaluation, and the errors that end one.
 * AWS facts (API Gateway quotas and known issues): a mapping template may be at most 300 KB, a `#foreach` loop runs
 * at most 1,000 iterations, and a payload may be at most 10 MB. The wall-clock budget and the nesting cap are this
 * engine's own guards: velocityjs is synchronous, so a runaway template must be stopped from inside the evaluation.
 */

export const MAX_TEMPLATE_BYTES = 300 * 1024;
export const MAX_FOREACH_ITERATIONS = 1000;
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 2000;
/** Nested block evaluations (macros calling macros, `#define` inside `#define`) before recursion is assumed. */
export const MAX_NESTING = 150;
/** The largest `[a..b]` range the engine builds; a `#foreach` over it would stop at 1,000 anyway. */
export const MAX_RANGE_SIZE = 1_000_000;

export interface SourcePosition {
  line?: number;
  column?: number;
}

/** Ends the evaluation with a template error (the `code` is stable for tests and diagnostics). */
export class TemplateAbort extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly position: SourcePosition = {},
  ) {
    super(message);
  }
}

/** Ends the evaluation with API Gateway answering the client itself (e.g. 400 for a body that is not JSON). */
export class GatewayAbort extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(body);
  }
}

/** Position of a velocityjs node: lines are 1-based, columns 0-based there and 1-based here. */
export function positionOf(node: unknown): SourcePosition {
  const pos = (node as { pos?: { first_line?: unknown; first_column?: unknown } } | undefined)?.pos;
  if (!pos || typeof pos.first_line !== 'number' || typeof pos.first_column !== 'number') return {};
  return { line: pos.first_line, column: pos.first_column + 1 };
}

export class EvaluationBudget {
  private readonly deadline: number;
  private depth = 0;

  constructor(readonly timeoutMs: number) {
    this.deadline = Date.now() + timeoutMs;
  }

  /** Whether the time is up, for work that stops itself (a regular expression's match). */
  expired(): boolean {
    return Date.now() > this.deadline;
  }

  /** Called at every block and method call: cheap enough to run constantly, frequent enough to interrupt loops. */
  check(): void {
    if (Date.now() > this.deadline) {
      throw new TemplateAbort(
        'timeout',
        `Template evaluation stopped after ${this.timeoutMs} ms: it does too much work (nested loops, recursion or huge ranges?)`,
      );
    }
  }

  enter(): void {
    if (++this.depth > MAX_NESTING) {
      this.depth = 0;
      throw new TemplateAbort('recursion', `Template evaluation nested more than ${MAX_NESTING} levels deep: a #macro or #define probably calls itself`);
    }
    this.check();
  }

  leave(): void {
    if (this.depth > 0) this.depth--;
  }
}
