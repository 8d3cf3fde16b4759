/**
 * velocityjs's evaluator with API Gateway's Java runtime semantics on top: values print, compare and answer
 * methods as Java objects do (javaValues, javaMethods), `#set` with a null value leaves the target unchanged
 * (Velocity 1.7), conditions are taken as Velocity takes them (a literal is false), macros (defined before the
 * template runs, arguments passed by name), `#define`, `#evaluate` and calls to undefined macros behave as in
 * Velocity 1.7, `#break` stops at once, `#foreach` stops at 1,000 iterations, and every block and method call checks
 * the evaluation budget so a runaway template is interrupted.
 */
import { Compile } from 'velocityjs';
import { isMapValue, mapGet, mapHas, mapSet, mapValues } from './javaMaps';
import { BacktrackingLimit, describeRunawayMatch } from './javaRegex';
import { invokeJavaMethod, JavaMethodError, listModifications, readJavaIndex, readJavaProperty, writeJavaIndex } from './javaMethods';
import {
  compareJavaNumbers,
  isJavaDouble,
  isEntriesOnly,
  isJavaNumber,
  javaDouble,
  javaEquals,
  javaInteger,
  javaArrayClass,
  javaClassName,
  JavaClass,
  javaList,
  javaToString,
  javaTruthy,
  NO_SUCH_METHOD,
  TemplateHost,
  type JavaNumber,
} from './javaValues';
import {
  AssignedPayloadCheck,
  EvaluationBudget,
  MAX_FOREACH_ITERATIONS,
  MAX_RANGE_SIZE,
  MAX_UNMEASURED_PAYLOAD_LENGTH,
  OperationLimit,
  PayloadMeter,
  positionOf,
  TemplateAbort,
  ValueNestingLimit,
  type NestingKind,
  type SourcePosition,
} from './limits';
import { macrosOnLoad } from './macroLoading';
import { objectMethods } from './javaMethods/objects';
import { fileDirectiveMessage, parseFragment, parseInterpolated, type VelocityNode, type VelocityTree } from './syntax';
import { shortened } from '../model/shortened';
import { MESSAGE_TOKEN_LENGTH } from './syntaxMessages';
import type { UnrunnableLoop } from './loopHeaders';
import { AND_PRECEDENCE, CHAIN, COMPARISON_PRECEDENCE, OR_PRECEDENCE, splitChain } from './operatorChains';
import { refusedWhileParsing, WORD_ARGUMENT_CODE, wordArgumentError, wordArgumentInEvaluate } from './wordArguments';
import { BREAK_ARGUMENT_CODE, breakArgumentError, breakOutsideLoopError } from './breakScopes';

type Node = VelocityNode;
type Item = Node | VelocityTree | string;

/** The parts of velocityjs's Compile this subclass calls or replaces (they are mixed in at run time, untyped). */
interface VelocityRuntime {
  local: Record<string, Record<string, unknown>>;
  conditions: string[];
  contextId: string;
  context: Record<string, unknown>;
  defines: Record<string, unknown>;
  macrosStore: Record<string, { asts: Item[]; args?: Node[] }>;
  runState: { stop: boolean; break: boolean };
  asts: Item[];
  render(context?: object, macros?: object, silence?: boolean): string;
  getLocal(ast: Node): { value: unknown; isLocal: boolean };
  getContext(id: string): Record<string, unknown>;
  getLiteral(ast: Node): unknown;
  getBlock(block: Item[]): string;
  getMacro(ast: Node, body?: unknown): string;
  getMacroBody(block: Item[]): string;
  setBlockMacro(block: Item[]): void;
  setBlockDefine(block: Item[]): void;
  evalStr(text: string): string;
}
const VelocityCompile = Compile as unknown as new (asts: Item[], config?: object) => VelocityRuntime;

/**
 * `$foreach` inside a loop, Velocity 1.7's ForeachScope: index (from 0), count (from 1), hasNext, first, last, the
 * scope of the enclosing loop (parent, topmost), what `$foreach` held before when that was no scope (replaced), and
 * the map every Scope is (an AbstractMap over its own entries, which `get` looks up in the parent's when missing): it
 * prints, compares and answers Map's methods as that map.
 */
class ForeachScope extends TemplateHost {
  index = 0;
  readonly parent: ForeachScope | undefined;
  readonly replaced: unknown;
  private readonly storage = new Map<unknown, unknown>();

  constructor(
    private readonly size: number,
    previous: unknown,
    /** The `#foreach` whose loop this is: `#break` with the scope ends that directive's loop (Scope.stop). */
    readonly loop: Node,
  ) {
    super();
    if (previous instanceof ForeachScope) this.parent = previous;
    else this.replaced = previous;
  }

  override asMap(): Map<unknown, unknown> {
    return this.storage;
  }

  property(name: string): unknown {
    switch (name) {
      case 'index':
        return this.index;
      case 'count':
        return this.index + 1;
      case 'hasNext':
        return this.index + 1 < this.size;
      case 'first':
        return this.index === 0;
      case 'last':
        return this.index + 1 === this.size;
      case 'parent':
        return this.parent;
      case 'topmost':
        return this.topmost();
      case 'replaced':
        return this.replaced;
      case 'class':
        return FOREACH_SCOPE_CLASS;
    }
    return this.get(name);
  }

  invoke(name: string, args: unknown[]): unknown {
    if (args.length === 0) {
      if (hasOwn(SCOPE_GETTERS, name)) return this.property(SCOPE_GETTERS[name]);
      if (name === 'getClass') return FOREACH_SCOPE_CLASS;
    }
    if (name === 'get' && args.length === 1) return this.get(args[0]);
    // The rest of Map's methods act on the scope's own entries; another scope stands for its entries too.
    return invokeJavaMethod(this.storage, name, args.map((arg) => (arg instanceof TemplateHost ? (arg.asMap() ?? arg) : arg)));
  }

  private get(key: unknown): unknown {
    const own = mapGet(this.storage, key);
    if (own !== undefined && own !== null) return own;
    return mapHas(this.storage, key) ? own : this.parent?.get(key);
  }

  private topmost(): ForeachScope {
    let scope: ForeachScope = this;
    while (scope.parent) scope = scope.parent;
    return scope;
  }
}

const FOREACH_SCOPE_CLASS = new JavaClass('org.apache.velocity.runtime.directive.ForeachScope');

/** ForeachScope's getters, by Java method name: only these, not `index()` or `count()`, are methods. */
const SCOPE_GETTERS: Record<string, string> = {
  getIndex: 'index',
  getCount: 'count',
  hasNext: 'hasNext',
  getHasNext: 'hasNext',
  isFirst: 'first',
  getFirst: 'first',
  isLast: 'last',
  getLast: 'last',
  getParent: 'parent',
  getTopmost: 'topmost',
  getReplaced: 'replaced',
};

/**
 * A macro argument other than a number or `true`/`false`: Velocity 1.7 passes it by name (VelocimacroProxy), so every
 * use of the parameter evaluates it again, among the variables of the caller.
 */
class MacroArgument {
  constructor(
    readonly node: Node,
    /** The scopes around the call, innermost first. */
    readonly scopes: readonly string[],
  ) {}
}

/** The body of a block macro call (`#@name() body #end`), which the macro gets as `$bodyContent` (a DefinedBlock). */
class MacroBody {
  constructor(readonly asts: Item[]) {}
}

/**
 * A `#define`d block, set as a variable when the `#define` runs (Block.Reference): `$name` renders the body at every
 * use, and a later `#set($name = ...)` replaces it. As a value (`#set($x = $name)`, an argument, an item of a list)
 * it is that object, which renders when it prints (`toString()`), with the variables as they are then. It has
 * Object's methods only: it equals only itself, and has no getter but `getClass()`.
 */
class DefinedBlock extends TemplateHost {
  constructor(
    readonly name: string,
    readonly asts: Item[],
    private readonly render: (block: DefinedBlock, asText: boolean) => string,
  ) {
    super();
  }

  /** `toString()`, which prints it inside another value (a list, a string): the body rendered into a text of its own. */
  override printed(): string {
    return this.render(this, true);
  }

  property(name: string): unknown {
    return name === 'class' || name === 'Class' ? BLOCK_REFERENCE_CLASS : undefined;
  }

  invoke(name: string, args: unknown[]): unknown {
    return BLOCK_REFERENCE_METHODS.call(this, name, args, undefined);
  }
}

const BLOCK_REFERENCE_CLASS = new JavaClass('org.apache.velocity.runtime.directive.Block$Reference');

const BLOCK_REFERENCE_METHODS = objectMethods<DefinedBlock>()
  .def('equals', ['Object'], (block, args) => args[0] === block)
  .def('hashCode', [], (block) => blockHash(block))
  .def('toString', [], (block) => block.printed())
  .def('getClass', [], () => BLOCK_REFERENCE_CLASS);

/** A reference without properties, calls or indexes (`$d`, `$!{d}`). */
function isPlainReference(node: Node | undefined): boolean {
  return node?.type === 'references' && !node.path?.length && (node.args === undefined || node.args === false) && !node.valueless;
}

/** Object.hashCode of a block: its identity, stable while it lives, as Java's is. */
const blockHashes = new WeakMap<DefinedBlock, number>();
let nextBlockHash = 0x1b6d3586;
function blockHash(block: DefinedBlock): number {
  let hash = blockHashes.get(block);
  if (hash === undefined) {
    hash = nextBlockHash = (Math.imul(nextBlockHash, 0x9e3779b1) + 0x7f4a7c15) | 0;
    blockHashes.set(block, hash);
  }
  return hash;
}

/**
 * Thrown out of an interpolated string whose text reached `#stop` or `#break`: Velocity's StopCommand ends the
 * statement that was evaluating the string (a reference prints nothing, a `#set` sets nothing, a method is not
 * called), and the directive it stops for then ends what it ends.
 */
const STOPPED_IN_STRING = Symbol('stopped in a string');

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

const FOREACH_REFERENCE: Node = { type: 'references', id: 'foreach', leader: '$' };

/**
 * The `in` expression of a `#foreach`, with the directive's position for error messages, made once per node of a
 * (cached) parse tree. Copied on every evaluation, it showed up as steady promotion to the old generation in V8's GC
 * trace (--trace-gc-nvp), and so as more full collections, which pause a loaded server for milliseconds.
 */
const loopSources = new WeakMap<Node, Node>();
function loopSource(head: Node): Node {
  let source = loopSources.get(head);
  if (!source) {
    source = { ...head.from, pos: head.pos } as Node;
    loopSources.set(head, source);
  }
  return source;
}

export interface InterpreterIssues {
  /** Problems that did not stop the evaluation (a `#foreach` cut at the iteration limit). */
  warnings: TemplateAbort[];
  /**
   * What API Gateway does without a word and the author most likely did not mean: a call that finds no method renders
   * nothing. One note per place and subject, and at most MAX_NOTES.
   */
  notes?: TemplateAbort[];
}

const MAX_NOTES = 20;

export class TemplateInterpreter extends VelocityCompile {
  /**
   * Loop, macro and `#evaluate` scopes only need names unique within one evaluation. Counting per evaluation keeps the
   * names (`foreach:1`, ...) the same from one request to the next, so V8 keeps one shape for the scope map instead of
   * a new one per loop.
   */
  private loopCounter = 0;
  /**
   * The reference, directive or block of the template text being evaluated: where a problem inside an interpolated
   * string is reported, since the string's own nodes have positions within the string.
   */
  private site: Node | undefined;
  /** Interpolated strings being rendered, one inside another. */
  private fragmentDepth = 0;
  /** The loop a `#break($scope)` is ending, while it is: macros, `#define`s, `#evaluate`s and other loops let it through. */
  private breakTarget: { loop: Node; argument: string; site: Node } | undefined;
  /** What the next list of nodes rendered is the body of, when not a block: a macro, a `#define` or `#evaluate`. */
  private nextNesting: { kind: NestingKind; name: string } | undefined;
  /** Whether a `#define` has run: only then may a reference name its block. */
  private definesRan = false;
  /** Stops a `#set` of a string over the payload limit. */
  private readonly assignedPayload = new AssignedPayloadCheck();
  /** Where the statement being evaluated is, asked only when a limit is met. */
  private readonly sitePosition = (): SourcePosition => positionOf(this.site);

  constructor(
    tree: VelocityTree,
    private readonly budget: EvaluationBudget,
    private readonly issues: InterpreterIssues,
  ) {
    super(tree);
  }

  /** Every macro of the template is defined before it runs, so that a call may come before the `#macro` (Velocity 1.7). */
  override render(context?: object, macros?: object, silence?: boolean): string {
    this.defineMacros(this.asts);
    const out = super.render(context, macros, silence);
    // No loop took the StopCommand of a #break that names one: it leaves Velocity's merge as an error.
    if (this.breakTarget) throw new TemplateAbort(BREAK_ARGUMENT_CODE, breakOutsideLoopError(this.breakTarget.argument), positionOf(this.breakTarget.site));
    return out;
  }

  /** `#break`, or `#break($scope)`, which ends the loop of the scope, and fails for anything else. */
  private breakOut(ast: Node): void {
    const args = ast.args as Node[] | undefined;
    if (args?.length) {
      const scope = this.getLiteral(args[0]);
      if (!(scope instanceof ForeachScope)) throw new TemplateAbort(BREAK_ARGUMENT_CODE, breakArgumentError(String(ast.argument)), this.place(ast));
      this.breakTarget = { loop: scope.loop, argument: String(ast.argument), site: ast };
    }
    this.runState.break = true;
  }

  private defineMacros(tree: Item[]): void {
    for (const block of macrosOnLoad(tree)) this.setBlockMacro(block);
  }

  /** The first definition of a name stays: Velocity 1.7 refuses to replace a macro (velocimacro.permissions.allow.inline.to.replace.global). */
  override setBlockMacro(block: Item[]): void {
    const ast = block[0] as Node;
    if (!hasOwn(this.macrosStore, ast.id)) mapSet(this.macrosStore, ast.id, { asts: block.slice(1), args: ast.args });
  }

  override setBlockDefine(block: Item[]): void {
    const ast = block[0] as Node;
    this.definesRan = true;
    this.assign(ast.id, new DefinedBlock(ast.id, block.slice(1), this.renderBlock));
  }

  renderAstList(asts?: Item[], contextId?: string): string {
    if (contextId) {
      if (contextId !== this.contextId && !this.conditions.includes(contextId)) this.conditions.unshift(contextId);
      this.contextId = contextId;
    } else {
      this.contextId = '';
    }
    const nesting = this.nextNesting;
    this.nextNesting = undefined;
    this.budget.enter(nesting?.kind, nesting?.name, this.sitePosition);
    let current: Item | undefined;
    let payload: PayloadMeter | undefined;
    let out = '';
    try {
      for (const ast of asts ?? this.asts) {
        if (this.runState.stop || this.runState.break) break;
        if (typeof ast === 'string') {
          out += ast;
          continue;
        }
        current = ast;
        if (Array.isArray(ast)) {
          if (this.fragmentDepth === 0) this.site = ast[0] as Node;
          out += this.getBlock(ast);
        } else {
          if (this.fragmentDepth === 0) this.site = ast;
          switch (ast.type) {
            case 'references': {
              const value = this.getReferences(ast);
              if (typeof ast.escaped === 'string') {
                out += (value === undefined || value === null ? '\\' : '') + ast.escaped;
                break;
              }
              if (javaArrayClass(value)) this.noteArrayPrinted(ast, value as unknown[]);
              out += javaToString(value);
              break;
            }
            case 'set':
              this.setValue(ast);
              break;
            case 'break':
              this.breakOut(ast);
              break;
            case 'macro_call':
              out += this.getMacro(ast);
              break;
            case 'macro_text':
              // Backslashes before `#name` in a string or `#evaluate`, read by whether a macro of that name exists.
              out += hasOwn(this.macrosStore, ast.id) ? ast.defined : ast.otherwise;
              break;
            case 'raw':
              out += ast.value;
              break;
          }
        }
        if (out.length > MAX_UNMEASURED_PAYLOAD_LENGTH && (payload ??= new PayloadMeter()).exceeds(out)) throw outputTooLarge(Array.isArray(ast) ? ast[0] : ast);
      }
      return out;
    } catch (error) {
      // The statement whose string stopped prints nothing, and the statements after it do not run.
      if (error === STOPPED_IN_STRING) return out;
      throw this.placed(error, Array.isArray(current) ? (current[0] as Node) : (current as Node));
    } finally {
      this.budget.leave(nesting?.kind);
    }
  }

  /**
   * A limit met by a value where no call names the operation (printing a list that contains itself through another
   * list) becomes a template error at the statement that met it.
   */
  private placed(error: unknown, ast: Node): unknown {
    if (error instanceof ValueNestingLimit) {
      const what = ast?.type === 'references' ? ` (printing ${referenceText(ast)})` : '';
      return new TemplateAbort(error.cyclic ? 'recursion' : 'value-too-deep', `${error.message}${what}`, this.place(ast));
    }
    return error;
  }

  /**
   * Where a problem at `ast` is reported: its own position, else the statement being evaluated (inside an interpolated
   * string, whose nodes have positions within the string, always the statement).
   */
  private place(ast: Node | undefined): SourcePosition {
    const own = this.fragmentDepth === 0 ? positionOf(ast) : {};
    return own.line !== undefined ? own : positionOf(this.site);
  }

  /** The position of the statement being evaluated, for errors that arise outside any node (the call stack running out). */
  currentPosition(): SourcePosition {
    return positionOf(this.site);
  }

  /**
   * Velocity 1.7 macros and the directives velocityjs leaves to macro calls. A macro binds only the arguments given:
   * a parameter without one is not set, so it reads the variable of that name around the call (VelocimacroProxy
   * only logs "too few arguments"). A call to a macro that does not exist renders as written (RuntimeMacro).
   */
  override getMacro(ast: Node, body?: unknown): string {
    const macro = hasOwn(this.macrosStore, ast.id) ? this.macrosStore[ast.id] : undefined;
    if (macro) {
      if (typeof ast.wordArgument === 'string') throw new TemplateAbort(WORD_ARGUMENT_CODE, wordArgumentError({ name: ast.id, word: ast.wordArgument }), this.place(ast));
      const local: Record<string, unknown> = {};
      const callArgs = (ast.args ?? []) as Node[];
      const callerScopes = [...this.conditions];
      (macro.args ?? []).forEach((param, i) => {
        if (i < callArgs.length && typeof param?.id === 'string') mapSet(local, param.id, this.macroArgument(callArgs[i], callerScopes));
      });
      // Set after the arguments, so that it wins over a parameter of that name. It is a Block.Reference, as a
      // #define's block is: Object's methods only, and rendered when it prints.
      if (body instanceof MacroBody) {
        this.definesRan = true;
        mapSet(local, 'bodyContent', new DefinedBlock('bodyContent', body.asts, this.renderBlock));
      }
      this.nextNesting = { kind: 'macro', name: `#${ast.id}` };
      try {
        return this.renderScoped(macro.asts, local, `macro:${ast.id}:${++this.loopCounter}`);
      } finally {
        // A #break in the macro ends the macro only, unless it names a loop.
        if (!this.breakTarget) this.runState.break = false;
      }
    }
    switch (ast.id) {
      case 'stop':
        this.runState.stop = true;
        return '';
      case 'evaluate':
        return this.evaluate(ast);
      case 'include':
      case 'parse':
        throw new TemplateAbort('unsupported-directive', fileDirectiveMessage(ast.id), positionOf(ast));
    }
    return typeof ast.literal === 'string' ? ast.literal : '';
  }

  /**
   * `#@name(...) body #end`: without a macro of that name Velocity 1.7 prints the whole call as written, body and
   * `#end` included, and never runs the body; velocityjs would run it and print nothing.
   */
  override getMacroBody(block: Item[]): string {
    const ast = block[0] as Node;
    if (hasOwn(this.macrosStore, ast.id)) return this.getMacro(ast, new MacroBody(block.slice(1)));
    return typeof ast.literal === 'string' ? ast.literal : '';
  }

  /** Numbers and `true`/`false` are constants Velocity evaluates once; any other argument is passed by name. */
  private macroArgument(node: Node, callerScopes: readonly string[]): unknown {
    if (node.type === 'integer' || node.type === 'decimal' || node.type === 'bool') return this.getLiteral(node);
    if (node.type === 'string' && !(node.isEval && /[$#]/.test(String(node.value)))) return this.getLiteral(node);
    return new MacroArgument(node, callerScopes);
  }

  /** A by-name macro argument, evaluated with the variables its call saw. */
  private argumentValue(argument: MacroArgument): unknown {
    const conditions = this.conditions;
    const contextId = this.contextId;
    this.conditions = [...argument.scopes];
    this.contextId = argument.scopes[0] ?? '';
    try {
      return this.getLiteral(argument.node);
    } finally {
      this.conditions = conditions;
      this.contextId = contextId;
    }
  }

  private renderDefined(block: DefinedBlock): string {
    this.nextNesting = { kind: 'define', name: `$${block.name}` };
    const contextId = this.contextId;
    try {
      return this.renderAstList(block.asts, contextId);
    } finally {
      // A #break in the body ends the body only, unless it names a loop.
      if (!this.breakTarget) this.runState.break = false;
    }
  }

  /**
   * `#evaluate`: its argument parsed and rendered as template text, within this evaluation's limits. Velocity 1.7
   * renders it in the template's own context, so its `#set`s outlive it as any other `#set` would.
   */
  private evaluate(ast: Node): string {
    const args = (ast.args ?? []) as Node[];
    if (args.length !== 1 || (args[0].type !== 'string' && args[0].type !== 'references')) {
      throw new TemplateAbort('evaluate-argument', '#evaluate takes exactly one argument, a string or a reference', positionOf(ast));
    }
    const text = javaToString(this.getLiteral(args[0]));
    // A #break or #stop in the interpolated argument ends the template, not the #evaluate, which never began.
    if (this.runState.stop || this.runState.break) return '';
    const parsed = parseFragment(text, () => this.budget.check());
    if (!parsed.ok) {
      throw new TemplateAbort('evaluate-syntax', `#evaluate could not parse its text: ${parsed.problems[0].message}`, positionOf(ast));
    }
    // Velocity's parser refuses a word among the arguments of a call of a macro that exists as it parses.
    const refused = refusedWhileParsing(parsed.wordCalls, (name) => hasOwn(this.macrosStore, name));
    if (refused) throw new TemplateAbort('evaluate-syntax', `#evaluate could not parse its text: ${wordArgumentInEvaluate(refused)}`, positionOf(ast));
    this.defineMacros(parsed.tree);
    try {
      this.nextNesting = { kind: 'evaluate', name: '#evaluate' };
      return this.renderScoped(parsed.tree, {}, `evaluate:${++this.loopCounter}`);
    } finally {
      // #break and #stop in the evaluated text end that text only (Evaluate catches their StopCommand), unless the
      // #break names a loop.
      if (!this.breakTarget) this.runState.break = false;
      this.runState.stop = false;
    }
  }

  /** A double-quoted string with `$` or `#` is parsed as template text (Velocity interpolation). */
  override evalStr(text: string): string {
    const site = this.site;
    const { parsed, padded } = parseInterpolated(text);
    if (!parsed.ok) throw new TemplateAbort('syntax', `A string could not be parsed as template text: ${parsed.problems[0].message}`, positionOf(site));
    this.defineMacros(parsed.tree);
    this.fragmentDepth++;
    try {
      const rendered = this.renderAstList(parsed.tree, this.contextId);
      if (this.runState.stop || this.runState.break) throw STOPPED_IN_STRING;
      return padded ? rendered.slice(0, -1) : rendered;
    } catch (error) {
      if (!(error instanceof TemplateAbort) || this.fragmentDepth > 1) throw error;
      if (error.code !== 'output-too-large') throw new TemplateAbort(error.code, error.message, positionOf(site));
      // What grew is the string, a value: not the output, which may well be empty.
      const string = `"${shortened(text, MESSAGE_TOKEN_LENGTH)}"`;
      const target = site?.type === 'set' ? referenceText((site.equal as Node[])[0]) : undefined;
      throw new TemplateAbort(
        'output-too-large',
        target
          ? `The value set to ${target} grew beyond 10 MB, API Gateway's payload limit: the string ${string} builds more than that`
          : `The string ${string} grew beyond 10 MB, API Gateway's payload limit`,
        positionOf(site),
      );
    } finally {
      this.fragmentDepth--;
    }
  }

  /** Renders with `local` as the innermost variable scope, then leaves it. */
  private renderScoped(asts: Item[], local: Record<string, unknown>, contextId: string): string {
    if (asts.length === 0) {
      this.nextNesting = undefined;
      return '';
    }
    this.local[contextId] = local;
    try {
      return this.renderAstList(asts, contextId);
    } finally {
      this.leaveScope(contextId);
    }
  }

  /**
   * Leaves a local scope. Its id is looked up rather than assumed first in `conditions`: a scope whose body never
   * rendered (a loop stopped before its first item) was never entered, and the first id is then another scope's.
   */
  private leaveScope(contextId: string): void {
    const at = this.conditions.indexOf(contextId);
    if (at >= 0) this.conditions.splice(at, 1);
    delete this.local[contextId];
    this.contextId = this.conditions[0] || '';
  }

  getReferences(ast: Node): unknown {
    // A reference written with `\!` after a `$` (`$\!$x`) is no reference to Velocity: it never has a value.
    if (ast.valueless) return undefined;
    const local = this.getLocal(ast);
    // A variable is an own member of the context: `$constructor` or `$toString` is unset until a #set, as any name.
    let value: unknown = local.isLocal ? local.value : mapGet(this.context, ast.id);
    // `$name()` at the top level is not a Velocity method call: there is no receiver.
    if (ast.args !== undefined && ast.args !== false) return undefined;
    const path = (ast.path ?? []) as Node[];
    if (value instanceof MacroArgument) value = this.argumentValue(value);
    // Printed, the block renders into the output (Renderable), what it wrote before a #stop included.
    if (value instanceof DefinedBlock && path.length === 0) value = this.renderDefined(value);
    for (const property of path) {
      if (value === undefined || value === null) return undefined;
      value = this.getAttributes(property, value, ast);
    }
    return isEntriesOnly(value) ? undefined : value;
  }

  /** Renders a `#define`'s block: printed, or as `toString()`, which returns nothing once a #stop in it stops. */
  private readonly renderBlock = (block: DefinedBlock, asText: boolean): string => {
    const text = this.renderDefined(block);
    if (asText && this.runState.stop) throw STOPPED_IN_STRING;
    return text;
  };

  /** A `#define`'s block named as a value (`$d` alone, not printed): the block itself, which renders when it prints. */
  private definedBlockAt(node: Node): DefinedBlock | undefined {
    if (!this.definesRan || !isPlainReference(node)) return undefined;
    const local = this.getLocal(node);
    let value = local.isLocal ? local.value : mapGet(this.context, node.id);
    // A parameter given such a reference: read again after, which does nothing more.
    if (value instanceof MacroArgument && isPlainReference(value.node)) value = this.argumentValue(value);
    return value instanceof DefinedBlock ? value : undefined;
  }

  /** Velocity 1.7 reads `4.0` as a Double and an integer too large for a Long as a BigInteger. */
  override getLiteral(ast: Node): unknown {
    if (ast?.type === 'references') {
      const block = this.definedBlockAt(ast);
      if (block) return block;
    }
    if (ast?.type === 'map') return this.getMap(ast);
    if (ast?.type === 'decimal') return javaDouble(Number(ast.value));
    if (ast?.type === 'integer') {
      const n = Number(ast.value);
      if (!Number.isSafeInteger(n) && /^-?\d+$/.test(String(ast.value))) return javaInteger(BigInt(String(ast.value)));
    }
    return super.getLiteral(ast);
  }

  /**
   * A map literal is a LinkedHashMap in Velocity 1.7 (ASTMap): each key and then its value evaluated, the entries in
   * the order written. A key is any value: `{1: "a"}` has the Integer key 1, and `{"$k": 1}` the value of `$k`, as a
   * double-quoted string is interpolated wherever it stands.
   */
  private getMap(ast: Node): Map<unknown, unknown> {
    const map = new Map<unknown, unknown>();
    for (const [key, value] of ast.value as Array<[Node, Node]>) mapSet(map, this.getLiteral(key), this.getLiteral(value));
    return map;
  }

  getAttributes(property: Node, baseRef: unknown, ast: Node): unknown {
    if (baseRef === undefined || baseRef === null) return undefined;
    if (property.type === 'method') return isEntriesOnly(baseRef) ? undefined : this.getPropMethod(property, baseRef, ast);
    if (property.type === 'property') return readJavaProperty(baseRef, property.id);
    return this.getPropIndex(property, baseRef, ast);
  }

  getPropIndex(property: Node, baseRef: unknown, ast?: Node): unknown {
    try {
      return readJavaIndex(baseRef, this.getLiteral(property.id));
    } catch (error) {
      if (!(error instanceof JavaMethodError)) throw error;
      const where = ast ? ` (in ${referenceText(ast)})` : '';
      throw new TemplateAbort('method-error', `${error.message}${where}`, this.place(ast));
    }
  }

  getPropMethod(property: Node, baseRef: unknown, ast: Node): unknown {
    this.budget.check();
    const args = ((property.args || []) as Node[]).map((arg) => this.getLiteral(arg));
    let result: unknown;
    try {
      result = invokeJavaMethod(baseRef, property.id, args, this.budget);
    } catch (error) {
      if (error instanceof JavaMethodError) {
        throw new TemplateAbort('method-error', `${error.message} (in ${referenceText(ast)})`, this.place(ast));
      }
      if (error instanceof BacktrackingLimit) {
        // The evaluation's own time-out: the match ran until the budget was spent, as Java's would on API Gateway.
        throw new TemplateAbort(
          'timeout',
          `Template evaluation stopped after ${this.budget.timeoutMs} ms: ${referenceText(ast)} was still matching the regular expression ${error.pattern} against a text of ${error.textLength} characters. ${describeRunawayMatch(error.fragment)}`,
          this.place(ast),
        );
      }
      if (error instanceof OperationLimit) {
        const call = referenceText(ast, property);
        const message =
          error.code === 'timeout' ? `Template evaluation stopped after ${this.budget.timeoutMs} ms: ${call} ${error.detail}` : `${call} ${error.detail}`;
        throw new TemplateAbort(error.code, message, this.place(ast));
      }
      if (error instanceof ValueNestingLimit) throw new TemplateAbort(error.cyclic ? 'recursion' : 'value-too-deep', `${error.message} (in ${referenceText(ast)})`, this.place(ast));
      throw error;
    }
    return result === NO_SUCH_METHOD ? this.noMethod(property, baseRef, args, ast) : result;
  }

  /** A Java array prints as its type and identity (`[Ljava.lang.String;@...`), never its items: rarely what was meant. */
  private noteArrayPrinted(ast: Node, items: unknown[]): void {
    const reference = referenceText(ast);
    this.note('java-array-printed', `${reference} is a Java array of ${items.length} items, which API Gateway prints as its type and identity (${javaToString(items).replace(/@.*/, '@…')}), not its items; loop over it with #foreach or print one item (${reference}[0])`, this.place(ast));
  }

  /** One note per place and subject (a loop passing values of several types says it once), at most MAX_NOTES. */
  private note(code: string, message: string, position: SourcePosition, subject = message): void {
    const notes = this.issues.notes;
    if (!notes || notes.length >= MAX_NOTES) return;
    const key = `${code}:${position.line}:${position.column}:${subject}`;
    if (this.notedAt.has(key)) return;
    this.notedAt.add(key);
    notes.push(new TemplateAbort(code, message, position));
  }

  /** What `note` has said, by place and subject. */
  private readonly notedAt = new Set<string>();

  /**
   * A call Velocity cannot make renders nothing on API Gateway; the note says which method and argument types were
   * missing. A null argument is left unsaid: Java would find a method for it, and the null result is the usual intent
   * (`$util.escapeJavaScript($input.path('$.missing'))`).
   */
  private noMethod(property: Node, baseRef: unknown, args: unknown[], ast: Node): undefined {
    if (args.some((arg) => arg === undefined || arg === null)) return undefined;
    const className = javaClassName(baseRef);
    const receiver = className ? simpleClassName(className) : referenceText(ast, undefined, property);
    const types = args.map((arg) => simpleClassName(javaClassName(arg) ?? 'Object')).join(', ');
    // API Gateway's $util methods take text; a number or a list reaches them only as text.
    const advice = !className && args.some((arg) => typeof arg !== 'string') ? '; write the argument in double quotes ("$value") to pass its text' : '';
    this.note('no-such-method', `${referenceText(ast, property)}: ${receiver} has no method ${property.id}(${types}), so the call gives null, which renders as nothing${advice}`, this.place(ast), `${property.id}`);
    return undefined;
  }

  /** A range whose bound is null or not a Number is null (ASTIntegerRange); a bound counts as its Java `intValue()`. */
  getArray(literal: Node): unknown[] | undefined {
    if (!literal.isRange) return javaList((literal.value as Node[]).map((item) => this.getLiteral(item)));
    const [begin, end] = (literal.value as Array<Node | string | number>).map((bound) => {
      if (typeof bound === 'number') return bound;
      if (typeof bound === 'string') return parseInt(bound, 10);
      const value = this.getReferences(bound);
      return isJavaNumber(value) ? intValue(value) : NaN;
    });
    if (!Number.isFinite(begin) || !Number.isFinite(end)) return undefined;
    const size = Math.abs(end - begin) + 1;
    if (size > MAX_RANGE_SIZE) {
      throw new TemplateAbort('range-too-large', `The range [${begin}..${end}] has ${size} elements; more than ${MAX_RANGE_SIZE} cannot be evaluated`, positionOf(literal));
    }
    const out: number[] = new Array(size);
    const step = begin <= end ? 1 : -1;
    for (let i = 0; i < size; i++) out[i] = begin + i * step;
    return javaList(out);
  }

  getExpression(ast: Node): unknown {
    if (ast.type !== 'math') return this.getLiteral(ast);
    switch (ast.operator) {
      case CHAIN:
        return this.chainValue(ast, 0, (ast.expression as Node[]).length - 1);
      case 'not':
        return this.condition(ast);
      case 'parenthesis':
        return this.getExpression((ast.expression as Node[])[0]);
    }
    const [left, right] = ast.expression as Node[];
    return this.applyOperator(ast.operator, this.getExpression(left), this.getExpression(right), left, right);
  }

  /** The value of operands `from`..`to` of a chain: each level of precedence in a loop, the tighter ones below it. */
  private chainValue(chain: Node, from: number, to: number): unknown {
    const operands = chain.expression as Node[];
    if (from === to) return this.getExpression(operands[from]);
    const split = splitChain(chain, from, to);
    if (split.precedence <= AND_PRECEDENCE) return this.chainCondition(chain, from, to);
    const operandAt = ([start, end]: [number, number]) => (start === end ? operands[start] : undefined);
    let value = this.chainValue(chain, ...split.parts[0]);
    let left = operandAt(split.parts[0]);
    for (let k = 1; k < split.parts.length; k++) {
      const part = split.parts[k];
      value = this.applyOperator(split.operators[k - 1], value, this.chainValue(chain, ...part), left, operandAt(part));
      left = undefined;
    }
    return value;
  }

  /** `left` and `right` are the operands when they are single nodes, for the text of a null reference. */
  private applyOperator(operator: string, a: unknown, b: unknown, left: Node | undefined, right: Node | undefined): unknown {
    if (operator === '==') return javaEquals(a, b);
    if (operator === '!=') return !javaEquals(a, b);
    if (operator === '+' && (typeof a === 'string' || typeof b === 'string')) {
      // ASTAddNode joins a string with the other operand's text as written when that operand is null.
      if (a === undefined || a === null) return left?.type === 'references' ? writtenReference(left) + b : undefined;
      if (b === undefined || b === null) return right?.type === 'references' ? a + writtenReference(right) : undefined;
    }
    return arithmetic(operator, a, b);
  }

  /** Operands `from`..`to` of a chain as a condition (see `condition`); `&&` and `||` skip what they need not read. */
  private chainCondition(chain: Node, from: number, to: number): boolean {
    const operands = chain.expression as Node[];
    if (from === to) return this.condition(operands[from]);
    const split = splitChain(chain, from, to);
    if (split.precedence === OR_PRECEDENCE || split.precedence === AND_PRECEDENCE) {
      const stopsAt = split.precedence === OR_PRECEDENCE;
      for (const part of split.parts) if (this.chainCondition(chain, ...part) === stopsAt) return stopsAt;
      return !stopsAt;
    }
    if (split.precedence <= COMPARISON_PRECEDENCE) return this.chainValue(chain, from, to) === true;
    return false;
  }

  /**
   * `#set($name = value)`. Velocity 1.7 has one context: a macro's own variables (its parameters) take the value and
   * so does the template's (ProxyVMContext puts it in both), and a `#foreach` puts its variable back when it ends, so
   * the loop variable set inside the loop keeps the value no further than the loop.
   */
  private assign(id: string, value: unknown): void {
    for (const scopeId of this.conditions) {
      const scope = this.local[scopeId];
      if (scope === undefined || !hasOwn(scope, id)) continue;
      // The variable is the scope's own member, so even `__proto__` is written as a member here.
      scope[id] = value;
      if (scopeId.startsWith('foreach:')) return;
    }
    mapSet(this.context, id, value);
  }

  /**
   * An operand as a condition (Velocity's Node.evaluate, not its value): a reference is true unless null or false,
   * comparisons and `!`, `&&`, `||` give their result, and every other literal or operation is false, so that
   * `#if("text")`, `#if(1)`, `#if([1])` and `#if($n + 1)` take the `#else` branch.
   */
  condition(ast: Node): boolean {
    switch (ast.type) {
      case 'references':
        return javaTruthy(this.getReferences(ast));
      case 'bool':
        return this.getLiteral(ast) === true;
      case 'math':
        break;
      default:
        return false;
    }
    const operand = (ast.expression as Node[])[0];
    switch (ast.operator) {
      case CHAIN:
        return this.chainCondition(ast, 0, (ast.expression as Node[]).length - 1);
      case 'not':
        return !this.condition(operand);
      case 'parenthesis':
        return this.condition(operand);
    }
    return false;
  }

  setValue(ast: Node): void {
    const [target, valueAst] = ast.equal as [Node, Node];
    const value = valueAst.type === 'math' ? this.getExpression(valueAst) : this.getLiteral(valueAst);
    // Velocity 1.7 (directive.set.null.allowed = false): assigning null leaves the variable as it was. A target that is
    // no reference (`$\!$x`) sets a name nothing reads.
    if (value === undefined || value === null || target.valueless) return;
    if (typeof value === 'string' && this.assignedPayload.exceeds(value)) {
      throw new TemplateAbort('output-too-large', `The value set to ${referenceText(target)} grew beyond 10 MB, API Gateway's payload limit`, positionOf(ast));
    }
    const path = (target.path ?? []) as Node[];
    if (path.length === 0) {
      this.assign(target.id, value);
      return;
    }
    let holder: unknown = this.getReferences({ ...target, path: undefined, prue: false });
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      if (step.type === 'method') {
        holder = this.getPropMethod(step, holder, target);
        continue;
      }
      if (i < path.length - 1) {
        holder = step.type === 'property' ? readJavaProperty(holder, String(step.id)) : this.getPropIndex(step, holder, target);
        if (holder === undefined || holder === null) return;
        continue;
      }
      if (step.type === 'property') {
        const key = String(step.id);
        if (isMapValue(holder)) mapSet(holder, key, value);
        else if (holder instanceof TemplateHost) putIntoHost(holder, key, value);
        continue;
      }
      const key = this.getLiteral(step.id);
      try {
        writeJavaIndex(holder, key, value);
      } catch (error) {
        if (!(error instanceof JavaMethodError)) throw error;
        throw new TemplateAbort('method-error', `${error.message} (in #set of ${referenceText(target)})`, this.place(ast));
      }
    }
  }

  getBlockIf(block: Item[]): string {
    const chosen: Item[] = [];
    let taken = false;
    let collecting = false;
    for (const item of block) {
      const node = typeof item === 'object' && !Array.isArray(item) ? item : undefined;
      const kind = node?.type;
      if (kind === 'if' || kind === 'elseif' || kind === 'else') {
        if (taken) break;
        if (this.fragmentDepth === 0) this.site = node;
        taken = kind === 'else' || this.condition(node!.condition);
        collecting = taken;
        continue;
      }
      if (collecting) chosen.push(item);
    }
    return this.renderAstList(chosen, this.contextId);
  }

  getBlockEach(block: Item[]): string {
    const head = block[0] as Node;
    if (head.unrunnable) {
      // The diagnostics' problem, code and place: only when it happens differs, which the message adds.
      const { message, line, column } = head.unrunnable as UnrunnableLoop;
      throw new TemplateAbort(
        'syntax',
        `${message}. Velocity 1.7 takes a header of fewer arguments as the template loads, and fails here, where the loop runs (java.lang.ArrayIndexOutOfBoundsException)`,
        line === undefined ? positionOf(head) : { line, column },
      );
    }
    // A header of two arguments has no list: Velocity's Foreach takes the block's value, null, and loops over nothing.
    if (head.from === undefined) return '';
    const source = this.getLiteral(loopSource(head));
    // A list is walked as Java's ArrayList iterator does, so that adding or removing elements in the loop fails.
    const live = Array.isArray(source);
    // Velocity walks a map's values (in its order).
    const items: unknown[] = live ? source : isMapValue(source) ? mapValues(source) : [];
    const size = items.length;
    if (size === 0) return '';
    if (size > MAX_FOREACH_ITERATIONS) {
      const position = positionOf(head);
      this.issues.warnings.push(
        new TemplateAbort(
          'foreach-limit',
          `#foreach stopped after ${MAX_FOREACH_ITERATIONS} iterations (API Gateway's limit); ${size - MAX_FOREACH_ITERATIONS} of ${size} items were not rendered`,
          position,
        ),
      );
    }
    const modifications = live ? listModifications(items) : 0;
    // With four arguments or more Velocity's Foreach renders the fourth, not the block.
    const body = (head.argumentBody as Item[] | undefined) ?? block.slice(1);
    const scope = new ForeachScope(size, this.getReferences(FOREACH_REFERENCE), head);
    // Velocity 1.7 still sets the counters older templates use (directive.foreach.counter.name, iterator.name).
    const local: Record<string, unknown> = { foreach: scope, velocityCount: 0, velocityHasNext: false };
    // The loop variable is an own member from the start (`__proto__` too), so that each item is a plain assignment.
    mapSet(local, head.to, undefined);
    const contextId = `foreach:${++this.loopCounter}`;
    let out = '';
    let payload: PayloadMeter | undefined;
    for (let i = 0; i < MAX_FOREACH_ITERATIONS && (live ? i !== items.length : i < size); i++) {
      if (this.runState.break || this.runState.stop) break;
      if (live && listModifications(items) !== modifications) {
        const name = (head.from as Node | undefined)?.type === 'references' ? referenceText(head.from as Node) : 'a list';
        throw new TemplateAbort(
          'concurrent-modification',
          `#foreach over ${name} failed: the list was changed (an element added or removed) while the loop ran over it, which Java refuses (java.util.ConcurrentModificationException)`,
          positionOf(head),
        );
      }
      local[head.to] = items[i];
      local.velocityCount = i + 1;
      scope.index = i;
      local.velocityHasNext = scope.property('hasNext');
      this.local[contextId] = local;
      out += this.renderAstList(body, contextId);
      if (out.length > MAX_UNMEASURED_PAYLOAD_LENGTH && (payload ??= new PayloadMeter()).exceeds(out)) throw outputTooLarge(head);
    }
    // A #break that names another loop goes on to end it.
    if (!this.breakTarget || this.breakTarget.loop === head) {
      this.runState.break = false;
      this.breakTarget = undefined;
    }
    this.leaveScope(contextId);
    return out;
  }
}

/**
 * Velocity arithmetic (MathUtils): a Double operand makes the operation floating point with a Double result, integers
 * stay integers (division truncates) and widen instead of overflowing; `+` with a string concatenates; null when
 * undefined, dividing by zero included.
 */
function arithmetic(operator: string, a: unknown, b: unknown): unknown {
  if (operator === '+' && (typeof a === 'string' || typeof b === 'string')) {
    if (a === undefined || a === null || b === undefined || b === null) return undefined;
    return javaToString(a) + javaToString(b);
  }
  if (!isJavaNumber(a) || !isJavaNumber(b)) {
    // Velocity 1.7 orders Numbers only (ASTLTNode and the like): any other operand makes the comparison false.
    return operator === '<' || operator === '>' || operator === '<=' || operator === '>=' ? false : undefined;
  }
  switch (operator) {
    case '<':
      return compareJavaNumbers(a, b) < 0;
    case '>':
      return compareJavaNumbers(a, b) > 0;
    case '<=':
      return compareJavaNumbers(a, b) <= 0;
    case '>=':
      return compareJavaNumbers(a, b) >= 0;
    case '/':
    case '%':
      if (Number(b) === 0) return undefined;
  }
  if (isJavaDouble(a) || isJavaDouble(b)) return floatingArithmetic(operator, Number(a), Number(b));
  return integerArithmetic(operator, a as number | bigint, b as number | bigint);
}

function floatingArithmetic(operator: string, a: number, b: number): unknown {
  switch (operator) {
    case '+':
      return javaDouble(a + b);
    case '-':
      return javaDouble(a - b);
    case '*':
      return javaDouble(a * b);
    case '/':
      return javaDouble(a / b);
    case '%':
      return javaDouble(a % b);
  }
  return undefined;
}

function integerArithmetic(operator: string, a: number | bigint, b: number | bigint): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const remainder = a % b;
    const result =
      operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : operator === '/' ? (a - remainder) / b : remainder;
    if (Number.isSafeInteger(result)) return result;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  switch (operator) {
    case '+':
      return javaInteger(x + y);
    case '-':
      return javaInteger(x - y);
    case '*':
      return javaInteger(x * y);
    case '/':
      return javaInteger(x / y);
    case '%':
      return javaInteger(x % y);
  }
  return undefined;
}

/** Java's `Number.intValue()`: a Double is cast (NaN to 0, out of range to the nearest bound), an integer wraps. */
function intValue(value: JavaNumber): number {
  if (isJavaDouble(value)) {
    const n = Number(value);
    return Number.isNaN(n) ? 0 : Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.trunc(n)));
  }
  return Number(BigInt.asIntN(32, BigInt(value as number | bigint)));
}

/** `#set($host.name = value)`: Velocity's SetExecutor puts the entry into a host that is a map (a scope). */
function putIntoHost(host: TemplateHost, key: string, value: unknown): void {
  const map = host.asMap();
  if (map) mapSet(map, key, value);
}

/** The output passed API Gateway's payload limit at this node, or at the directive of this block. */
function outputTooLarge(node: Item | undefined): TemplateAbort {
  const at = typeof node === 'object' && !Array.isArray(node) ? node : undefined;
  return new TemplateAbort('output-too-large', "The template output grew beyond 10 MB, API Gateway's payload limit", positionOf(at));
}

/** The reference as Velocity's `literal()` gives it: its tokens, arguments included. */
function writtenReference(ast: Node): string {
  let text = `${ast.leader ?? '$'}${ast.isWraped ? '{' : ''}${ast.id}`;
  for (const step of (ast.path ?? []) as Node[]) {
    if (step.type === 'property') text += `.${step.id}`;
    else if (step.type === 'method') text += `.${step.id}(${((step.args || []) as Node[]).map(writtenValue).join(', ')})`;
    else text += `[${writtenValue(step.id as Node)}]`;
  }
  return text + (ast.isWraped ? '}' : '');
}

function writtenValue(node: Node): string {
  switch (node.type) {
    case 'references':
      return writtenReference(node);
    case 'string': {
      const quote = node.isEval ? '"' : "'";
      return quote + String(node.value).split(quote).join(quote + quote) + quote;
    }
    case 'array':
      return node.isRange ? `[${(node.value as Node[]).map((b) => (typeof b === 'object' ? writtenValue(b) : String(b))).join('..')}]` : `[${(node.value as Node[]).map(writtenValue).join(', ')}]`;
    case 'map':
      return `{${(node.value as Array<[Node, Node]>).map(([k, v]) => `${writtenValue(k)}: ${writtenValue(v)}`).join(', ')}}`;
  }
  return String(node.value);
}

/** The reference as written, its arguments elided; up to the step `last` when given. */
/** The reference as written, up to and including `last`, or up to and excluding `before`. */
function referenceText(ast: Node, last?: Node, before?: Node): string {
  let text = `$${ast.id}`;
  for (const step of (ast.path ?? []) as Node[]) {
    if (step === before) break;
    if (step.type === 'property') text += `.${step.id}`;
    else if (step.type === 'method') text += `.${step.id}(...)`;
    else text += '[...]';
    if (step === last) break;
  }
  return text;
}

/** `java.lang.String` as `String`, `java.util.LinkedHashMap$Entry` as `Entry`, `[Ljava.lang.String;` as `String[]`. */
function simpleClassName(name: string): string {
  const array = /^\[L(.+);$/.exec(name);
  if (array) return `${simpleClassName(array[1])}[]`;
  const primitive = /^\[([BCDFIJSZ])$/.exec(name);
  if (primitive) return `${PRIMITIVE_NAMES[primitive[1]]}[]`;
  return name.slice(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
}

const PRIMITIVE_NAMES: Record<string, string> = { B: 'byte', C: 'char', D: 'double', F: 'float', I: 'int', J: 'long', S: 'short', Z: 'boolean' };
