/**
 * What a template variable holds where it is read, as far as the editor can tell from the template alone: a part of
 * the payload (`#set($pet = $input.path('$.pet'))`, a loop over such a list, a member of such a value), a string
 * (`$input.json(...)`, a `$context` property) or what a literal makes (`#set($m = {})`, `[]`, `"text $x"`). The binding
 * in force is the last `#set` that ends before the read, or the `#foreach` whose body holds it, whichever is later in
 * the text: that is how a reader follows a template, and branches and loops are not simulated. Anything else (a
 * method's result, an expression, a macro argument) is not followed.
 */
import type { PropertyNode } from '../../model/nodes';
import { CATALOG_ROOTS, resolveReference } from './memberLookup';
import { jsonPathSteps, type JsonPathStep } from './templateSchemas';
import type { ReferenceSegment, ScannedTemplate, TemplateDirective, TemplateReference } from './templateScanner';
import { directiveAssignments, firstReferenceAfter, isBareAt, loopBodies } from './variableChecks';
import { firstIndexNotBefore } from '../../util/sortedSearch';

export type TracedValue =
  /** The payload at these steps from its root, as `$input.path` returns it: a Map, a List or a plain value. */
  | { kind: 'payload'; steps: JsonPathStep[] }
  /** A Java value known by its class alone: a String the catalog types so, or what a literal makes. */
  | { kind: 'java'; shape: ValueShape };

/** How a value answers Java methods: a JSON object is a Map, a JSON array a List. */
export type ValueShape = 'map' | 'list' | 'string';

export interface PropertyFacts {
  name: string;
  type: string;
  description?: string;
  /** The entry of the schema's `properties` that declares it. */
  declaration?: PropertyNode;
}

/** What the schema says of the payload at some steps. */
export interface PayloadFacts {
  shape: ValueShape | undefined;
  /** For a map: the properties the schema declares. */
  properties: PropertyFacts[];
}

export type PayloadLookup = (steps: JsonPathStep[]) => PayloadFacts | undefined;

/** The facts of a traced value: a string needs no schema, a part of the payload asks `payload`. */
export function factsOf(value: TracedValue | undefined, payload: PayloadLookup | undefined): PayloadFacts | undefined {
  if (!value) return undefined;
  if (value.kind === 'java') return { shape: value.shape, properties: [] };
  return payload?.(value.steps);
}

interface Binding {
  /** The binding holds for reads after this offset (the directive's `)`)... */
  from: number;
  /** ...and before this one: a loop variable's ends with its loop's body. */
  to: number;
  /** The reference whose value is assigned, or the list iterated. */
  source: TemplateReference | undefined;
  /** What the literal assigned in place of a reference makes. */
  literal?: ValueShape;
  loop: boolean;
}

/**
 * Each hop reads a binding that ends before the read it serves, so chains end; this bounds the work a template of
 * thousands of `#set($a = $a)` would make, past any chain a person writes.
 */
const MAX_HOPS = 64;

/** A JSONPath naming one value: `$`, `.name`, `['name']` and `[0]` steps; wildcards, scans and filters give lists. */
const DEFINITE_PATH = /^\$(?:\.[A-Za-z0-9_$-]+|\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])*$/;

export class TemplateBindings {
  private constructor(
    private readonly text: string,
    private readonly scanned: ScannedTemplate,
    private readonly byName: Map<string, Binding[]>,
  ) {}

  /** Reads the `#set`s and `#foreach`es of a scanned template; nothing more is computed until a value is asked for. */
  static of(text: string, scanned: ScannedTemplate): TemplateBindings {
    const byName = new Map<string, Binding[]>();
    const add = (name: string, binding: Binding) => {
      const list = byName.get(name);
      if (list) list.push(binding);
      else byName.set(name, [binding]);
    };
    const { directives, references } = scanned;
    const assignments = directiveAssignments(text, scanned);
    const loopEnds = new Map(loopBodies(text, scanned).map((body) => [body.directive, body.end]));
    for (let i = 0; i < directives.length; i++) {
      const directive = directives[i];
      // An unclosed directive is still being written: what it assigns is not in force anywhere yet.
      if (directive.open === undefined || directive.close === undefined) continue;
      if (directive.name === 'set') {
        const assignment = assignments[i];
        if (!assignment?.bareTarget) continue;
        add(assignment.target.root, {
          from: directive.close,
          to: Infinity,
          source: assignment.wholeValue ? assignment.value : undefined,
          literal: assignment.value ? undefined : literalShape(text.slice(assignment.target.end, directive.close)),
          loop: false,
        });
      } else if (directive.name === 'foreach') {
        const header = loopHeader(text, references, directive);
        if (header) add(header.variable, { from: directive.close, to: loopEnds.get(directive) ?? text.length, source: header.list, loop: true });
      }
    }
    return new TemplateBindings(text, scanned, byName);
  }

  /** The value of a reference with only its first `segmentCount` segments, read where the reference stands. */
  valueOf(reference: TemplateReference, segmentCount = reference.segments.length): TracedValue | undefined {
    return this.referenceValue(reference, segmentCount, 0);
  }

  private referenceValue(reference: TemplateReference, segmentCount: number, hops: number): TracedValue | undefined {
    if (hops > MAX_HOPS) return undefined;
    const segments = reference.segments.slice(0, segmentCount);
    let value: TracedValue | undefined;
    let rest: ReferenceSegment[];
    if (CATALOG_ROOTS.has(reference.root)) {
      const head = this.catalogValue(reference, segments);
      if (!head) return undefined;
      value = head.value;
      rest = segments.slice(head.used);
    } else {
      const binding = this.bindingAt(reference.root, reference.start);
      value = binding && this.bindingValue(binding, hops + 1);
      rest = segments;
    }
    for (const segment of rest) {
      if (value?.kind !== 'payload') return undefined;
      const step = this.stepOf(segment);
      if (!step) return undefined;
      value = { kind: 'payload', steps: [...value.steps, step] };
    }
    return value;
  }

  private bindingAt(name: string, at: number): Binding | undefined {
    const bindings = this.byName.get(name);
    if (!bindings) return undefined;
    // Directives are in text order, so the first match from the end is the latest binding before the read.
    for (let i = bindings.length - 1; i >= 0; i--) {
      const binding = bindings[i];
      if (binding.from < at && at < binding.to) return binding;
    }
    return undefined;
  }

  private bindingValue(binding: Binding, hops: number): TracedValue | undefined {
    if (binding.literal) return { kind: 'java', shape: binding.literal };
    if (!binding.source) return undefined;
    const value = this.referenceValue(binding.source, binding.source.segments.length, hops);
    if (!binding.loop) return value;
    return value?.kind === 'payload' ? { kind: 'payload', steps: [...value.steps, { kind: 'element' }] } : undefined;
  }

  /**
   * The value of the catalog part of a reference and how many segments it took: `$input.path('...')`,
   * `$util.parseJson($input.json('...'))` or `$util.parseJson($input.body)`, and any catalog member typed String.
   */
  private catalogValue(reference: TemplateReference, segments: ReferenceSegment[]): { value: TracedValue; used: number } | undefined {
    const first = segments[0];
    if (!first) return undefined;
    if (reference.root === 'input' && first.name === 'path' && first.call) {
      const steps = jsonPathCallSteps(first);
      return steps && { value: { kind: 'payload', steps }, used: 1 };
    }
    if (reference.root === 'util' && first.name === 'parseJson' && first.call) {
      const steps = this.parsedPayloadSteps(first);
      return steps && { value: { kind: 'payload', steps }, used: 1 };
    }
    const resolution = resolveReference({ ...reference, segments });
    if (!resolution || resolution.unknown) return undefined;
    const { resolved } = resolution;
    if (resolved.length === 0 || resolved.length !== segments.length) return undefined;
    const last = resolved[resolved.length - 1];
    // A method written without its call is read as a property of that name, which the catalog object lacks.
    if ((last.member.kind === 'method') !== (last.segment.call !== undefined)) return undefined;
    return last.member.returns === 'String' ? { value: { kind: 'java', shape: 'string' }, used: segments.length } : undefined;
  }

  /** The payload part that `$util.parseJson` rebuilds from the JSON text `$input` gives it. */
  private parsedPayloadSteps(segment: ReferenceSegment): JsonPathStep[] | undefined {
    const args = segment.call!.args;
    if (args.length !== 1) return undefined;
    const argument = this.referenceSpanning(args[0].start, args[0].end);
    if (argument?.root !== 'input' || argument.segments.length !== 1) return undefined;
    const inner = argument.segments[0];
    if (inner.name === 'json' && inner.call) return jsonPathCallSteps(inner);
    if (inner.name === 'body' && !inner.call) return [];
    return undefined;
  }

  private referenceSpanning(start: number, end: number): TemplateReference | undefined {
    const references = this.scanned.references;
    const at = firstIndexNotBefore(references.length, (i) => references[i].start < start);
    const found = references[at];
    return found && found.start === start && found.end === end ? found : undefined;
  }

  /** A member read after the payload: `.name`, `['name']`, or an index of any other kind. */
  private stepOf(segment: ReferenceSegment): JsonPathStep | undefined {
    if (segment.call) return undefined;
    if (!segment.bracket) return { kind: 'property', name: segment.name };
    if (segment.name) return { kind: 'property', name: segment.name };
    // `$list[$i]` and `$list[0]` both read an element; the schema walk refuses an index into anything else.
    return this.text.slice(segment.start + 1, segment.end - 1).trim() ? { kind: 'element' } : undefined;
  }
}

/**
 * What the literal after a `#set` target's `=` makes, when it is the whole value: `{…}` a Map, `[…]` a List (a range
 * such as `[1..3]` too), a quoted string a String, whatever references it holds.
 */
function literalShape(assigned: string): ValueShape | undefined {
  const value = /^\s*=\s*([\s\S]*?)\s*$/.exec(assigned)?.[1];
  if (!value) return undefined;
  const shape: ValueShape | undefined = value[0] === '{' ? 'map' : value[0] === '[' ? 'list' : value[0] === '"' || value[0] === "'" ? 'string' : undefined;
  return shape && closingOf(value) === value.length - 1 ? shape : undefined;
}

/** Where the bracket or quote opening `text` is closed; strings inside brackets are skipped, a doubled quote is one. */
function closingOf(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let end = text.indexOf(c, i + 1);
      while (end >= 0 && text[end + 1] === c) end = text.indexOf(c, end + 2);
      if (end < 0 || depth === 0) return end;
      i = end;
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i;
  }
  return -1;
}

function jsonPathCallSteps(segment: ReferenceSegment): JsonPathStep[] | undefined {
  const args = segment.call?.args ?? [];
  const literal = args.length === 1 ? args[0].literal : undefined;
  // Only a path naming one value is read into steps: the reader of completion's JSONPath takes scans and wildcards too.
  return literal && DEFINITE_PATH.test(literal.value) ? jsonPathSteps(literal.value) : undefined;
}

/** `#foreach($item in $list)`: the loop variable and the reference iterated, when the list is one reference. */
function loopHeader(text: string, references: TemplateReference[], directive: TemplateDirective): { variable: string; list: TemplateReference | undefined } | undefined {
  const close = directive.close!;
  const at = firstReferenceAfter(references, directive.open!);
  const variable = references[at];
  if (!variable || variable.start >= close || !isBareAt(text, directive, variable)) return undefined;
  const list = references[at + 1];
  const whole = list && list.start < close && /^\s+in\s+$/.test(text.slice(variable.end, list.start)) && text.slice(list.end, close).trim() === '';
  return { variable: variable.root, list: whole ? list : undefined };
}
