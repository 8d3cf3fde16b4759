/**
 * Variables a template reads that nothing sets. API Gateway hands a mapping template only its own roots ($input,
 * $util, $context, $stageVariables); any other variable exists once a `#set`, a `#foreach` loop variable or a `#define`
 * of the template sets it, and API Gateway renders a reference to one that nothing sets as empty, without an error.
 * Order is not considered: a variable set anywhere may be set before a use in a previous iteration of a loop or by a
 * macro called earlier. A `#macro` parameter is set only while its macro renders (Velocity 1.7 keeps a call's arguments
 * for what the call renders): in its body, in the bodies of macros, which a call may run, and in the body of a block
 * call of it.
 */
import { TEMPLATE_ROOTS } from '../../facts/templateVariables';
import { closestNames } from './memberLookup';
import type { ScannedTemplate, TemplateDirective, TemplateReference } from './templateScanner';
import type { TemplateReport } from './templateChecks';
import { firstIndexNotBefore } from '../../util/sortedSearch';

const ROOTS = new Set(TEMPLATE_ROOTS.map((root) => root.name));

/** Set by `#foreach` for its body alone: Velocity 1.7's `$foreach` and the older `$velocityCount` and `$velocityHasNext`. */
export const LOOP_VARIABLES = new Set(['foreach', 'velocityCount', 'velocityHasNext']);

/** Set inside a macro's body while a block call (`#@name() ... #end`) runs it. */
export const MACRO_BODY_VARIABLE = 'bodyContent';

const BLOCK_DIRECTIVES = new Set(['if', 'foreach', 'macro', 'define']);

export function checkVariables(text: string, scanned: ScannedTemplate, report: TemplateReport, assignments?: readonly (SetAssignment | undefined)[]): void {
  const { references } = scanned;
  const { set, parameters, definitions, setValues } = collectDefinitions(text, scanned, assignments ?? directiveAssignments(text, scanned));
  // Most templates read nothing but their roots and what they set, and need no blocks.
  let blocks: Blocks | undefined;
  let scopes: ParameterScope[] | undefined;
  let warned: Set<string> | undefined;
  for (let i = 0; i < references.length; i++) {
    const reference = references[i];
    const root = reference.root;
    if (ROOTS.has(root) || set.has(root) || definitions.has(reference)) continue;
    // Text that `#evaluate` parses later may set its own variables.
    if (reference.directive === 'evaluate') continue;
    // `#if($x)` asks whether `$x` is set: a legitimate question about a variable that may be missing, and what that
    // branch holds never renders while it is not.
    if (isPresenceTest(reference)) continue;
    blocks ??= blockStructure(text, scanned.directives, references);
    const { loops, macros, guards } = blocks;
    if (guards.some((g) => g.roots.has(root) && reference.start >= g.start && reference.start < g.end)) continue;
    const around = parameters.size > 0 ? scopesAround((scopes ??= scopesOf(text, references, macros)), reference.start) : [];
    // A parameter is set in its own macro's body and, as Velocity 1.7 passes a call's arguments on to all it renders,
    // in the body of another macro the call may run and in the body of a block call of its macro.
    if (parameters.has(root) && (within(macros, reference.start) || calledWith(blocks.blockCalls, scopes!, reference.start, root))) continue;
    // A macro may be called from inside a loop or with a body, so its own body may read both.
    if (within(macros, reference.start) && (LOOP_VARIABLES.has(root) || root === MACRO_BODY_VARIABLE)) continue;
    const end = reference.segments.length > 0 ? reference.rootEnd : reference.end;
    const assigned = setValues.get(reference);
    const unchanged = assigned !== undefined ? `this #set leaves \`$${assigned}\` unchanged (Velocity 1.7 does not assign null)` : undefined;
    const here = unchanged ? `it is null here, so ${unchanged}` : reference.context === 'text' ? 'here it renders as empty' : 'here it is null';
    if (LOOP_VARIABLES.has(root)) {
      if (within(loops, reference.start)) continue;
      report(reference.start, end, 'template-loop-variable-outside-loop', `\`$${root}\` exists only inside a #foreach body; ${here}.`);
      continue;
    }
    warned ??= new Set();
    if (warned.has(root)) continue;
    warned.add(root);
    if (parameters.has(root)) {
      const owner = (scopes ??= scopesOf(text, references, macros)).find((scope) => scope.names.has(root))!;
      report(reference.start, end, 'template-undefined-variable',
        `\`$${root}\` is a parameter of #macro(${owner.macro}), set only inside its body, and nothing else in this template sets it; ${here}.`);
      continue;
    }
    const outcome = unchanged ? `, so ${unchanged}` : reference.context === 'text' ? ' and renders as empty' : ', so it is null here';
    // Short names are close to too many others for a suggestion to mean anything. Only the parameters of the macros
    // around the reference are set there.
    const parametersHere = around.flatMap((scope) => [...scope.names]);
    const suggestions = root.length >= 3 ? closestNames(root, [...ROOTS, ...set, ...parametersHere]) : [];
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`$${s}\``).join(' or ')}?` : '';
    report(reference.start, end, 'template-undefined-variable',
      `\`$${root}\` is never set in this template (no #set or #foreach defines it)${outcome}.${hint}`);
  }
}

function within(spans: Span[], at: number): boolean {
  return spans.some((b) => at >= b.start && at < b.end);
}

interface Definitions {
  /**
   * Variables a `#set`, `#foreach` or `#define` of the template sets, for the whole template, in the order of the
   * directives that set them (suggestions keep it on ties).
   */
  set: Set<string>;
  /** Names of `#macro` parameters, set only in their macros' bodies (`scopesOf`). */
  parameters: Set<string>;
  /** Both, in the order of the directives that set them. */
  named: Set<string>;
  /** The references that name them in those directives. */
  definitions: Set<TemplateReference>;
  /** References that are the whole value of a `#set`, with the variable that `#set` assigns. */
  setValues: Map<TemplateReference, string>;
}

function collectDefinitions(text: string, scanned: ScannedTemplate, assignments: readonly (SetAssignment | undefined)[]): Definitions {
  const { references, directives } = scanned;
  const set = new Set<string>();
  const parameters = new Set<string>();
  const named = new Set<string>();
  const definitions = new Set<TemplateReference>();
  const setValues = new Map<TemplateReference, string>();
  const define = (reference: TemplateReference, parameter = false) => {
    (parameter ? parameters : set).add(reference.root);
    named.add(reference.root);
    definitions.add(reference);
  };
  for (let i = 0; i < directives.length; i++) {
    const directive = directives[i];
    if (directive.open === undefined) continue;
    switch (directive.name) {
      case 'set': {
        const assignment = assignments[i];
        if (!assignment?.bareTarget) break;
        define(assignment.target);
        if (assignment.value && assignment.wholeValue) setValues.set(assignment.value, assignment.target.root);
        break;
      }
      case 'foreach':
      case 'define': {
        const first = references[firstReferenceAfter(references, directive.open)];
        if (first && first.start < (directive.close ?? text.length) && isBareAt(text, directive, first)) define(first);
        break;
      }
      case 'macro':
        for (const parameter of macroParameters(references, directive, text.length)) define(parameter, true);
        break;
    }
  }
  return { set, parameters, named, definitions, setValues };
}

/** The variables a `#set`, a `#foreach` loop, a `#macro` parameter or a `#define` of the template sets. */
export function definedVariables(text: string, scanned: ScannedTemplate): Set<string> {
  return collectDefinitions(text, scanned, directiveAssignments(text, scanned)).named;
}

/** The references that name what a `#set`, a `#foreach` loop, a `#macro` parameter or a `#define` sets. */
export function variableDefinitions(text: string, scanned: ScannedTemplate): Set<TemplateReference> {
  return collectDefinitions(text, scanned, directiveAssignments(text, scanned)).definitions;
}

/** A `#set` read from its references. */
export interface SetAssignment {
  /** The first reference inside the parentheses. */
  target: TemplateReference;
  /** The target is a variable (no members) with nothing but blanks before it. */
  bareTarget: boolean;
  /** The reference that follows `=` when the target has no members; the value starts with it. */
  value?: TemplateReference;
  /** Nothing but blanks follows `value` before `)`. */
  wholeValue: boolean;
}

function setAssignment(text: string, references: TemplateReference[], directive: TemplateDirective): SetAssignment | undefined {
  if (directive.open === undefined) return undefined;
  const close = directive.close ?? text.length;
  const at = firstReferenceAfter(references, directive.open);
  const target = references[at];
  if (!target || target.start >= close) return undefined;
  const next = references[at + 1];
  // A target without members contains no other reference, so the next one in source order follows it.
  const value = target.segments.length === 0 && next && next.start < close && /^\s*=\s*$/.test(text.slice(target.end, next.start)) ? next : undefined;
  return {
    target,
    bareTarget: isBareAt(text, directive, target),
    value,
    wholeValue: value !== undefined && text.slice(value.end, close).trim() === '',
  };
}

/** What each directive assigns, by the directive's index: the checks of a template that read them share one list. */
export function directiveAssignments(text: string, scanned: ScannedTemplate): (SetAssignment | undefined)[] {
  const { directives, references } = scanned;
  const assignments: (SetAssignment | undefined)[] = new Array(directives.length);
  for (let i = 0; i < directives.length; i++) {
    assignments[i] = directives[i].name === 'set' ? setAssignment(text, references, directives[i]) : undefined;
  }
  return assignments;
}

/** A variable without members, first inside the directive's parentheses. */
export function isBareAt(text: string, directive: TemplateDirective, reference: TemplateReference): boolean {
  return reference.segments.length === 0 && text.slice(directive.open! + 1, reference.start).trim() === '';
}

/** A bare reference in the condition of `#if` or `#elseif`: `#if($x)`, `#if(!$x)`, `#if($x == $null)`, `#if("$!x" != "")`. */
function isPresenceTest(reference: TemplateReference): boolean {
  return (reference.directive === 'if' || reference.directive === 'elseif') && reference.segments.length === 0;
}

/** The references that name a `#macro`'s parameters: the variables between its parentheses. */
function macroParameters(references: TemplateReference[], directive: TemplateDirective, textLength: number): TemplateReference[] {
  return referencesInside(references, directive, textLength).filter((reference) => reference.segments.length === 0);
}

/** The references between a directive's parentheses. */
function referencesInside(references: TemplateReference[], directive: TemplateDirective, textLength: number): TemplateReference[] {
  const close = directive.close ?? textLength;
  const inside: TemplateReference[] = [];
  for (let i = firstReferenceAfter(references, directive.open!); i < references.length && references[i].start < close; i++) inside.push(references[i]);
  return inside;
}

/** Index of the first reference that starts after `offset`; references are in source order, so a binary search finds it. */
export function firstReferenceAfter(references: TemplateReference[], offset: number): number {
  return firstIndexNotBefore(references.length, (i) => references[i].start <= offset);
}

interface Span {
  start: number;
  end: number;
}

interface OpenBlock extends Span {
  name: string;
  directive: TemplateDirective;
  /** The branch of an `#if` or `#elseif` being read, with the variables its condition tests. */
  guard?: Span & { roots: Set<string> };
}

/**
 * Bodies of `#foreach` and `#macro`, and the branches of `#if`/`#elseif` whose condition tests a variable, from the
 * block directives in order (`#if`, `#foreach`, `#macro`, `#define` and block macro calls end at their `#end`).
 */
interface Blocks {
  loops: LoopBody[];
  macros: MacroBody[];
  /** The bodies of block macro calls (`#@name(…)…#end`), with the name of the macro called. */
  blockCalls: Array<Span & { macro: string }>;
  guards: Array<Span & { roots: Set<string> }>;
}

/** The body of a `#foreach`, with the directive that opens it. */
export type LoopBody = Span & { directive: TemplateDirective };

/** The body of each `#foreach`: from after its `)` to its `#end`, or to the end of the text while that is missing. */
export function loopBodies(text: string, scanned: ScannedTemplate): LoopBody[] {
  return blockStructure(text, scanned.directives, scanned.references).loops;
}

/** The body of a `#macro`, with the directive that opens it and names its parameters. */
export type MacroBody = Span & { directive: TemplateDirective };

/** The body of each `#macro`: from after its `)` to its `#end`, or to the end of the text while that is missing. */
export function macroBodies(text: string, scanned: ScannedTemplate): MacroBody[] {
  return blockStructure(text, scanned.directives, scanned.references).macros;
}

/**
 * Where the parameters of a `#macro` are its own: from its `(` to the start of its `#end` (the end of the text while
 * that is missing). In its parentheses and body a parameter's name is the parameter, in the bodies of macros nested
 * in it too unless one has a parameter of that name itself; elsewhere one name is one variable.
 */
export interface ParameterScope {
  /** The offset of the macro's `(`; the scope holds what starts after it. */
  from: number;
  to: number;
  /** The macro's name, as written. */
  macro: string;
  names: Set<string>;
}

/** The scope of each `#macro`'s parameters, in the order of the macros. */
export function parameterScopes(text: string, scanned: ScannedTemplate): ParameterScope[] {
  if (!scanned.directives.some((d) => d.name === 'macro')) return [];
  return scopesOf(text, scanned.references, macroBodies(text, scanned));
}

function scopesOf(text: string, references: TemplateReference[], macros: MacroBody[]): ParameterScope[] {
  return macros.map(({ directive, end }) => ({
    from: directive.open!,
    to: end,
    macro: /^[ \t\r\n]*([^ \t\r\n,)]*)/.exec(text.slice(directive.open! + 1, directive.close ?? text.length))![1],
    names: new Set(macroParameters(references, directive, text.length).map((parameter) => parameter.root)),
  }));
}

/** Whether `at` stands in the body of a block call of a macro that has a parameter `name`. */
function calledWith(blockCalls: Array<Span & { macro: string }>, scopes: readonly ParameterScope[], at: number, name: string): boolean {
  return blockCalls.some((call) => at >= call.start && at < call.end && scopes.some((scope) => scope.macro === call.macro && scope.names.has(name)));
}

/** The scopes that hold the offset, outermost first. */
export function scopesAround(scopes: readonly ParameterScope[], at: number): ParameterScope[] {
  return scopes.filter((scope) => at > scope.from && at < scope.to);
}

function blockStructure(text: string, directives: TemplateDirective[], references: TemplateReference[]): Blocks {
  const loops: LoopBody[] = [];
  const macros: MacroBody[] = [];
  const guards: Array<Span & { roots: Set<string> }> = [];
  const blockCalls: Array<Span & { macro: string }> = [];
  const open: OpenBlock[] = [];
  // A branch whose condition tests no variable guards nothing, and is not followed.
  const startGuard = (block: OpenBlock, directive: TemplateDirective) => {
    let roots: Set<string> | undefined;
    for (const reference of referencesInside(references, directive, text.length)) if (isPresenceTest(reference)) (roots ??= new Set()).add(reference.root);
    block.guard = roots && { roots, start: (directive.close ?? text.length) + 1, end: text.length };
    if (block.guard) guards.push(block.guard);
  };
  for (const directive of directives) {
    const innermost = open[open.length - 1];
    if (directive.name === 'end') {
      open.pop();
      if (innermost) innermost.end = directive.start;
      if (innermost?.guard) innermost.guard.end = directive.start;
    } else if (directive.name === 'else' || directive.name === 'elseif') {
      if (innermost?.guard) innermost.guard.end = directive.start;
      if (innermost?.name === 'if' && directive.name === 'elseif' && directive.open !== undefined) startGuard(innermost, directive);
      else if (innermost) innermost.guard = undefined;
    } else if (directive.open !== undefined && (BLOCK_DIRECTIVES.has(directive.name) || directive.name.startsWith('@'))) {
      const block: OpenBlock = { name: directive.name, directive, start: (directive.close ?? text.length) + 1, end: text.length };
      open.push(block);
      if (directive.name === 'foreach') loops.push(block);
      else if (directive.name === 'macro') macros.push(block);
      else if (directive.name === 'if') startGuard(block, directive);
      else if (directive.name.startsWith('@')) blockCalls.push(Object.assign(block, { macro: directive.name.slice(1) }));
    }
  }
  return { loops, macros, guards, blockCalls };
}
