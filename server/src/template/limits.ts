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
/** Velocity 1.7's `velocimacro.max.depth`: macro calls nested deeper fail the template (MacroOverflowException). */
export const MAX_MACRO_DEPTH = 20;
/** The largest `[a..b]` range the engine builds; a `#foreach` over it would stop at 1,000 anyway. */
export const MAX_RANGE_SIZE = 1_000_000;
/**
 * The most elements a list may reach (`addAll`, `split`, `toCharArray`): Java would keep going until its heap ran out,
 * and so would this process, which serves other requests too.
 */
export const MAX_LIST_SIZE = 1_000_000;
/**
 * Calls, lists, maps and parentheses nested inside one another in the template text. Velocity parses them by recursion,
 * as velocityjs and this engine evaluate them, and velocityjs's parser takes time in the cube of the depth; real
 * templates stay far below this.
 */
export const MAX_EXPRESSION_NESTING = 256;
/**
 * Tokens of one statement in the template text (a reference with its properties, calls and indexes, a directive with
 * its arguments; lists and maps not counted). velocityjs's parser copies a reference's properties and a call's
 * arguments for each one it adds, so one statement parses in time in the square of its length, before the evaluation's
 * clock starts: at this many tokens, most of a second. Longer templates are parsed in pieces, one statement never.
 */
export const MAX_STATEMENT_TOKENS = 32_000;
/** `#if`, `#foreach`, `#macro` and `#define` blocks nested inside one another in the template text. */
export const MAX_BLOCK_NESTING = 1000;
/**
 * Lists and maps inside one another in a value that is printed, written as JSON or compared: Java recurses through
 * them too (and overflows its stack on a list that contains itself through another list).
 */
export const MAX_VALUE_NESTING = 1000;

/**
 * The longest string (in UTF-16 code units, JavaScript's length) that cannot pass MAX_PAYLOAD_BYTES: a code unit takes
 * at most 3 bytes in UTF-8. Only a longer one needs its bytes counted.
 */
export const MAX_UNMEASURED_PAYLOAD_LENGTH = Math.floor(MAX_PAYLOAD_BYTES / 3);

/**
 * How much an assigned string's length must change before AssignedPayloadCheck counts its bytes again: the steps of a
 * string grown by `#set` in a loop.
 */
const RECOUNT_STEP = 1024 * 1024;

/**
 * The payload check of the strings a template assigns with `#set`. Counting the bytes of every long string assigned
 * would make a loop that grows one by `#set` quadratic (each count copies the string); a string is counted only when
 * its length is a step away from the last one counted. A string not counted that is over the limit is still stopped
 * by the output check, which counts every byte, where it is written out.
 */
export class AssignedPayloadCheck {
  private countedLength = -RECOUNT_STEP;

  exceeds(value: string): boolean {
    if (value.length <= MAX_UNMEASURED_PAYLOAD_LENGTH) return false;
    if (value.length > MAX_PAYLOAD_BYTES) return true;
    if (Math.abs(value.length - this.countedLength) < RECOUNT_STEP) return false;
    this.countedLength = value.length;
    return Buffer.byteLength(value, 'utf8') > MAX_PAYLOAD_BYTES;
  }
}

/**
 * The payload check of an output that only grows by appending. Counting the bytes of the whole output after every
 * node would make a long output quadratic; the bytes counted so far are kept, and the new text is counted only once
 * the limit is within reach of its largest possible size.
 */
export class PayloadMeter {
  private measuredLength = 0;
  private measuredBytes = 0;

  /** `text` must extend the text of the previous call. */
  exceeds(text: string): boolean {
    if (text.length < this.measuredLength) this.measuredLength = this.measuredBytes = 0;
    const unmeasured = text.length - this.measuredLength;
    if (this.measuredBytes + 3 * unmeasured <= MAX_PAYLOAD_BYTES) return false;
    // Every code unit takes at least one byte.
    if (this.measuredBytes + unmeasured > MAX_PAYLOAD_BYTES) return true;
    let end = text.length;
    // A surrogate pair split across two counts would be counted as two lone surrogates (3 bytes each, not 4 in all).
    if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    this.measuredBytes += Buffer.byteLength(text.slice(this.measuredLength, end), 'utf8');
    this.measuredLength = end;
    return this.measuredBytes > MAX_PAYLOAD_BYTES;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

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

/**
 * The code of a template that ran the engine out of call stack. Chains and nesting are kept within the stack by the
 * limits above, each with its own message; this one is for whatever slips past them, in the parse or the evaluation.
 */
export const STACK_OVERFLOW_CODE = 'recursion';
export const PARSE_STACK_OVERFLOW_MESSAGE =
  'Template parsing ran out of call stack: something in the template nests too deeply for the evaluator to read (operators, calls or blocks inside one another)';
export const RENDER_STACK_OVERFLOW_MESSAGE =
  'Template evaluation ran out of call stack here: something nests too deeply for the evaluator (values inside values, calls inside calls or blocks inside blocks)';

/** V8's error for a full call stack (a RangeError, as are other errors of size). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
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

/**
 * A Java operation on a value that the evaluation's limits stopped: its time ran out while the operation was still
 * going, or its result would outgrow what the engine lets a value hold. The evaluator names the operation and places
 * the error at the template text that called it.
 */
export class OperationLimit extends Error {
  constructor(
    readonly code: 'timeout' | 'output-too-large' | 'list-too-large',
    /** What happened, for a message that starts with the operation, e.g. `was still replacing after 120,000 matches`. */
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** A value nested too deeply to print, write as JSON or compare: deeper than MAX_VALUE_NESTING, or containing itself. */
export class ValueNestingLimit extends Error {
  constructor(readonly cyclic: boolean) {
    super(
      cyclic
        ? 'The value contains itself (a list or map inside it holds the value again), so writing it out never ends; Java fails the same way (java.lang.StackOverflowError)'
        : `The value nests lists and maps more than ${MAX_VALUE_NESTING} levels deep, more than the evaluator writes out or compares`,
    );
  }
}

/** What a nested evaluation is: the message about too deep a nesting names the construct that repeats. */
export type NestingKind = 'block' | 'macro' | 'define' | 'evaluate';

export class EvaluationBudget {
  /** What one string operation may return: a longer string would be refused at its `#set` or in the output anyway. */
  readonly maxResultLength = MAX_PAYLOAD_BYTES;
  readonly maxResultItems = MAX_LIST_SIZE;
  private readonly deadline: number;
  private depth = 0;
  private macroDepth = 0;
  /** The macros, `#define`s and `#evaluate`s being evaluated, outermost first, for the message when they nest too deeply. */
  private readonly callers: string[] = [];

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

  /**
   * The same clock while the template is parsed: a template slow to read keeps its caller waiting as long as one slow
   * to run, so the parse counts against the evaluation's time.
   */
  checkParse(): void {
    if (Date.now() > this.deadline) {
      throw new TemplateAbort(
        'timeout',
        `Template evaluation stopped after ${this.timeoutMs} ms while parsing the template, before it ran: the template is too long or too intricate to read within the time`,
      );
    }
  }

  /** `name` identifies a macro (`#m`), a `#define` (`$d`) or `#evaluate`; blocks need none. */
  enter(kind: NestingKind = 'block', name = '', where?: () => SourcePosition): void {
    if (kind !== 'block') this.callers.push(name);
    if (kind === 'macro' && ++this.macroDepth > MAX_MACRO_DEPTH) {
      const macros = [...new Set(this.callers.filter((caller) => caller.startsWith('#')))];
      const itself = this.callers.filter((caller) => caller === name).length > 1;
      this.depth = 0;
      this.macroDepth = 0;
      this.callers.length = 0;
      throw itself
        ? new TemplateAbort('recursion', `The macro ${name} calls itself (directly or through other macros) more than ${MAX_MACRO_DEPTH} deep, Velocity's limit for macro calls, so API Gateway fails the template`, where?.() ?? {})
        : new TemplateAbort('macro-depth', `Macro calls (${macros.join(', ')}) nest more than ${MAX_MACRO_DEPTH} deep, Velocity's limit, so API Gateway fails the template`, where?.() ?? {});
    }
    if (++this.depth > MAX_NESTING) {
      const message = this.nestingMessage(kind, name);
      this.depth = 0;
      this.callers.length = 0;
      throw new TemplateAbort('recursion', message, where?.() ?? {});
    }
    this.check();
  }

  leave(kind: NestingKind = 'block'): void {
    if (kind !== 'block') this.callers.pop();
    if (kind === 'macro' && this.macroDepth > 0) this.macroDepth--;
    if (this.depth > 0) this.depth--;
  }

  private nestingMessage(kind: NestingKind, name: string): string {
    const limit = `more than ${MAX_NESTING} levels deep`;
    const repeated = kind === 'block' ? undefined : this.callers.filter((caller) => caller === name).length;
    if (repeated !== undefined && repeated > 1) {
      if (kind === 'macro') return `Template evaluation nested ${limit}: the macro ${name} calls itself (directly or through other macros) without end`;
      if (kind === 'define') return `Template evaluation nested ${limit}: ${name} renders itself (its #define body refers to ${name}) without end`;
      return `Template evaluation nested ${limit}: #evaluate evaluates text that calls #evaluate again, without end`;
    }
    const inside = this.callers.length > 0 ? `, inside ${[...new Set(this.callers)].slice(0, 3).join(', ')}` : '';
    return `Template evaluation nested ${limit}: #if, #foreach and other blocks${inside} are nested deeper than the evaluator follows`;
  }
}
