import type { ApiDocument } from '../../model/apiDocument';
import { findNodeAtPath, getProperty, getValue, keyName } from '../../model/navigate';
import { pointerToPath, refOf } from '../../model/openapiWalk';
import type { NodePath, ObjectNode, ScalarNode, ValueNode } from '../../model/nodes';
import { isFileRef, resolveUri, sameUri } from '../../model/refUri';
import { posix } from 'node:path';
import type { Problem, Rule, ValidationContext } from '../validationTypes';
import { indexDocument, refsInside, type RefOccurrence } from './documentIndex';
import { isUnprocessed } from './unprocessedValues';
import { pause } from './eventLoop';
import { nearMiss } from './nearMiss';
import { pointerOf } from '../editing/references';

/**
 * Where a local `$ref` chain leads: a node, nothing, round in a circle of references, or to a node whose `$ref` names
 * another file (`pointer`), which is followed from there.
 */
type Target = { kind: 'found' } | { kind: 'missing'; pointer: string } | { kind: 'cycle' } | { kind: 'external'; pointer: string };

/**
 * Follows a chain of local references. Every reference met on the way leads where the chain leads, so the outcome is
 * remembered for all of them: long chains and circles cost one walk, not one per reference.
 */
function followLocal(document: ApiDocument, ref: string, memo: Map<string, Target>): Target {
  // Most references repeat one already followed.
  const known = memo.get(ref);
  if (known) return known;
  const chain: string[] = [];
  const onChain = new Set<string>();
  let current = ref;
  let outcome: Target;
  for (;;) {
    const known = memo.get(current);
    if (known) {
      outcome = known;
      break;
    }
    if (onChain.has(current)) {
      outcome = { kind: 'cycle' };
      break;
    }
    chain.push(current);
    onChain.add(current);
    const node = findNodeAtPath(document.root, pointerToPath(current.slice(1)));
    if (!node) {
      outcome = { kind: 'missing', pointer: current };
      break;
    }
    const next = refOf(node);
    if (next === undefined || !next.startsWith('#')) {
      outcome = next !== undefined && isFileRef(next) ? { kind: 'external', pointer: current } : { kind: 'found' };
      break;
    }
    current = next;
  }
  for (const r of chain) memo.set(r, outcome);
  return outcome;
}

const localTargets = new WeakMap<ApiDocument, Map<string, Target>>();

/** Where each local reference of a document leads, as far as followed: one memo for this rule and the shape checks. */
function localTargetsOf(document: ApiDocument): Map<string, Target> {
  let memo = localTargets.get(document);
  if (!memo) localTargets.set(document, (memo = new Map()));
  return memo;
}

/**
 * Whether an object is a local `$ref` that leads nowhere, round a circle or to a missing node: this rule reports it, and
 * rules that would read the object can leave it alone.
 */
export function referenceLeadsNowhere(document: ApiDocument, node: ObjectNode): boolean {
  if (everyLocalReferenceLeads(document)) return false;
  const ref = getValue(node, '$ref');
  return ref?.type === 'string' && localRefLeadsNowhere(document, ref.value as string);
}

/** A local reference (`#...`) that goes round a circle or reaches a missing node; other references do not count. */
function localRefLeadsNowhere(document: ApiDocument, ref: string): boolean {
  if (!ref.startsWith('#')) return false;
  const kind = followLocal(document, ref, localTargetsOf(document)).kind;
  return kind === 'cycle' || kind === 'missing';
}

/**
 * Whether every local reference of a document leads somewhere: in most documents all do, and then no object need be
 * searched for its `$ref`. The index lists every reference string of the tree, copies' strings being their originals',
 * except inside an intrinsic function, which a processed document has none of.
 */
function everyLocalReferenceLeads(document: ApiDocument): boolean {
  let known = allLead.get(document);
  if (known === undefined) {
    const index = indexDocument(document);
    known = !index.holdsUnprocessed && !index.refs.some((r) => localRefLeadsNowhere(document, r.value.value as string));
    allLead.set(document, known);
  }
  return known;
}

const allLead = new WeakMap<ApiDocument, boolean>();

/**
 * Every `$ref` must lead somewhere: a local pointer to an existing node (a chain of references that only points at
 * itself, in this document or through others, leads nowhere), or a readable file holding the pointed-to node. Remote
 * URLs are not fetched, which a note on each says.
 */
export const referencesRule: Rule = async (context) => {
  const refs = indexDocument(context.document).refs;
  const memo = localTargetsOf(context.document);
  const walk: Walk = { files: new Map(), targets: new Map(), circles: new Map(), budget: MAX_NESTED_REFS, reportedHere: new Set() };
  for (let i = 0; i < refs.length; i++) {
    if ((i & 255) === 255 && (await pause(context))) return;
    const occurrence = refs[i];
    const ref = occurrence.value.value as string;
    if (isUnprocessed(occurrence.value)) continue;
    if (ref.startsWith('#')) {
      // Most lead somewhere, which needs no asynchronous step.
      const target = followLocal(context.document, ref, memo);
      if (target.kind !== 'found') await checkLocal(context, occurrence, ref, target, walk);
    } else if (isFileRef(ref)) await checkExternal(context, occurrence, ref, walk);
    else if (context.resolver) {
      context.report(occurrence.value, 'remote-ref', `\`${ref}\` is a remote reference: remote references are not followed, so what it points to is not checked.`);
    }
  }
};

const CIRCLE = 'leads to a circle of references that never reaches a definition.';

async function checkLocal(context: ValidationContext, occurrence: RefOccurrence, ref: string, target: Exclude<Target, { kind: 'found' }>, walk: Walk): Promise<void> {
  if (target.kind === 'external') {
    const circle = context.resolver && (await circleFrom(context, walk, context.document, target.pointer.slice(1)));
    if (circle) reportCircle(context, occurrence, ref, circle);
    return;
  }
  if (target.kind === 'missing' && target.pointer === ref) {
    const { suggestion, note, data } = repairs(context.document, ref);
    context.report(occurrence.value, 'unresolved-ref', pointsToNothing(ref, suggestion, note), { data });
    return;
  }
  const message = target.kind === 'cycle' ? `\`${ref}\` ${CIRCLE}` : `\`${ref}\` leads through other references to \`${target.pointer}\`, which does not exist.`;
  context.report(occurrence.value, 'unresolved-ref', message);
}

/** Where each specification version keeps schemas, the one container whose missing entry is valid as `{type: object}`. */
const SCHEMA_CONTAINERS: Record<string, string[]> = { openapi: ['components', 'schemas'], swagger: ['definitions'] };

/**
 * What the quick fixes need: the one existing sibling the pointer most likely meant (a misspelt or miscased name), and
 * where a missing schema would be defined. A pointer into the other version's schema container (`#/definitions/Pet` in
 * OpenAPI 3) is answered from this version's: the schema there, or one created there for the `$ref` to point to.
 */
function repairs(document: ApiDocument, ref: string): { suggestion?: string; note?: string; data: Record<string, unknown> } {
  const path = pointerToPath(ref.slice(1));
  const name = String(path[path.length - 1]);
  const own = SCHEMA_CONTAINERS[document.kind];
  const other = SCHEMA_CONTAINERS[document.kind === 'openapi' ? 'swagger' : 'openapi'];
  const wrongVersion = own !== undefined && path.length === other.length + 1 && other.every((segment, i) => path[i] === segment);
  const containerPath = wrongVersion ? own : path.slice(0, -1);
  const meant = nearMissPath(document.root, [...containerPath, name]);
  const suggestion = meant && pointerOf(meant);
  const data: Record<string, unknown> = {};
  if (suggestion) data.expected = suggestion;
  const creatable = own !== undefined && containerPath.length === own.length && own.every((segment, i) => containerPath[i] === segment);
  if (creatable && name) data.create = wrongVersion ? { container: own, name, ref: pointerOf([...own, name]) } : { container: containerPath, name };
  const note = wrongVersion ? ` ${document.kind === 'openapi' ? 'OpenAPI 3' : 'Swagger 2.0'} keeps schemas in \`${own.join('/')}\`.` : undefined;
  return { suggestion, note, data };
}

/** The path of the existing sibling a missing path most likely meant (a misspelt or miscased last name), if any. */
function nearMissPath(root: ValueNode | undefined, path: NodePath): NodePath | undefined {
  if (!path.length) return undefined;
  const containerPath = path.slice(0, -1);
  const container = findNodeAtPath(root, containerPath);
  const match = container?.type === 'object' ? nearMiss(String(path[path.length - 1]), container.properties.map(keyName)) : undefined;
  return match === undefined ? undefined : [...containerPath, match];
}

async function checkExternal(context: ValidationContext, occurrence: RefOccurrence, ref: string, walk: Walk): Promise<void> {
  if (!context.resolver) return;
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const target = await loadFile(context, walk, context.document.uri, ref);
  const unreadable = target ? unparsable(target) : context.resolver.whyUnreadable?.(context.document.uri, ref);
  if (!target || unreadable) {
    context.report(occurrence.value, 'unreadable-ref-file', cannotBeRead(file, unreadable));
    return;
  }
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  const node: ValueNode | undefined = hash < 0 ? target.root : findNodeAtPath(target.root, pointerToPath(pointer));
  if (!node && hash < 0) return;
  if (!node) {
    // Corrected as a local pointer is: the file part stays as written, only the misspelt or miscased name changes.
    const meant = nearMissPath(target.root, pointerToPath(pointer));
    const suggestion = meant && `${file}${pointerOf(meant)}`;
    context.report(occurrence.value, 'unresolved-ref', pointsToNothing(ref, suggestion), suggestion ? { data: { expected: suggestion } } : undefined);
    return;
  }
  const circle = await circleFrom(context, walk, target, pointer);
  if (circle) reportCircle(context, occurrence, ref, circle);
  // What the reference leads to must resolve too: a typo in a shared file is otherwise invisible, as nothing
  // validates a file of bare definitions on its own.
  for (const broken of shortestChains(await brokenBelow(context, walk, target, node, `${target.uri}#${pointer}`, []))) {
    if (reportedWhereWritten(context, walk, occurrence, broken)) continue;
    // The references round the circle are the ones named in its finding.
    if (circle) continue;
    const through = broken.via.map((step) => `\`${step.ref}\` in \`${fileName(context.document, step.document)}\``).join(', then ');
    const reason = broken.circle
      ? 'it goes round in a circle of references'
      : broken.unreadable
        ? `\`${fileName(context.document, broken.unreadable)}\` cannot be read${broken.why ? ` (${broken.why})` : ''}`
        : `${broken.missing} does not exist${broken.suggestion ? ` (did you mean \`${broken.suggestion}\`?)` : ''}`;
    const last = broken.via[broken.via.length - 1];
    context.report(occurrence.value, broken.here.code, `\`${ref}\` leads through ${through}, which does not resolve: ${reason}.`, {
      related: [{ uri: last.document.uri, offset: last.node.offset, end: last.node.end, range: last.document.rangeOf(last.node), message: 'The reference that does not resolve' }],
    });
  }
}

/**
 * A broken reference reached through other files is reported where it is written, once per validation, when that
 * file's findings are shown with the definition's (`reportIn`): that is where it is corrected, and one typo in a
 * shared file is one finding however many references lead to it. One written in the definition itself is its own
 * check's to report. False when the finding is to stand on the definition's reference instead.
 */
function reportedWhereWritten(context: ValidationContext, walk: Walk, occurrence: RefOccurrence, broken: Broken): boolean {
  if (!context.reportIn) return false;
  const last = broken.via[broken.via.length - 1];
  if (last.document === context.document) return true;
  const key = `${last.document.uri}@${last.node.offset}`;
  if (walk.reportedHere.has(key)) return true;
  const at = occurrence.value;
  const leadsHere = { uri: context.document.uri, offset: at.offset, end: at.end, range: context.document.rangeOf(at), message: 'The reference of the definition that leads here' };
  const { code, message, data, related } = broken.here;
  if (!context.reportIn(last.document, last.node, code, message, { data, related: [...(related ?? []), leadsHere] })) return false;
  walk.reportedHere.add(key);
  return true;
}

/** What a reference to a node that does not exist says, written as the reference is. */
function pointsToNothing(ref: string, suggestion: string | undefined, note = ''): string {
  const hash = ref.indexOf('#');
  const meant = suggestion ? ` Did you mean \`${suggestion}\`?` : '';
  if (hash === 0) return `\`${ref}\` points to nothing: there is no \`${ref.slice(2).split('/').join('.')}\` in this document.${note}${meant}`;
  return `\`${ref.slice(0, hash)}\` has nothing at \`${ref.slice(hash)}\`.${meant}`;
}

function cannotBeRead(file: string, why: string | undefined): string {
  return `\`${file}\` (named by this $ref) cannot be read${why ? `: ${why}` : ''}.`;
}

/** References followed into other files, at most this many per validation, and through at most this many targets. */
const MAX_NESTED_REFS = 5000;
const MAX_CHAIN = 16;

/** A reference reached through another file that does not resolve, and the references that lead to it. */
interface Broken {
  /** From the first reference inside the target to the one that does not resolve, each with the file it is written in. */
  via: { ref: string; document: ApiDocument; node: ScalarNode }[];
  /** What is missing, as a file and pointer. */
  missing?: string;
  /** The file that cannot be read, as a URI. */
  unreadable?: string;
  /** Why it cannot be read, when the resolver says. */
  why?: string;
  /** The reference as it was most likely meant, written as the broken one is. */
  suggestion?: string;
  /** The references round the circle the broken one leads to. */
  circle?: Step[];
  /** The finding as it reads on the broken reference itself. */
  here: Pick<Problem, 'code' | 'message' | 'data' | 'related'>;
}

/** What one validation has read and found beyond the document, shared by its references. */
interface Walk {
  /** Each file by its URI, read once whether the document names it or reaches it through another file. */
  files: Map<string, Promise<ApiDocument | undefined>>;
  /** The broken references below each target (`uri#pointer`), so that a target many references share is walked once. */
  targets: Map<string, Promise<Broken[]>>;
  /** Whether each node (`uri#pointer`) reached leads round a circle of references, and through which. */
  circles: Map<string, Promise<Step[] | undefined>>;
  budget: number;
  /** The broken references reported where they are written (`uri@offset`). */
  reportedHere: Set<string>;
}

/** A reference on the way round a circle: the node holding it, and the file it stands in. */
interface Step {
  document: ApiDocument;
  node: ValueNode;
  pointer: string;
}

/**
 * The references below a node of another file that do not resolve, followed from file to file. A target already on
 * the chain is not entered again (schemas may nest themselves), and chains end after `MAX_CHAIN` targets.
 */
async function brokenBelow(context: ValidationContext, walk: Walk, document: ApiDocument, node: ValueNode, key: string, chain: string[]): Promise<Broken[]> {
  if (chain.includes(key) || chain.length >= MAX_CHAIN || walk.budget <= 0) return [];
  let known = walk.targets.get(key);
  if (!known) {
    known = walkTarget(context, walk, document, node, [...chain, key]);
    walk.targets.set(key, known);
  }
  return known;
}

/**
 * The file a `$ref` written in `baseUri` names, read for the validated document, so that a change to the file
 * validates it again.
 */
function loadFile(context: ValidationContext, walk: Walk, baseUri: string, ref: string): Promise<ApiDocument | undefined> {
  const uri = resolveUri(baseUri, ref);
  // A reference back into the validated document: the tree at hand, not a second parse of its text.
  if (uri !== undefined && sameUri(uri, context.document.uri)) return Promise.resolve(context.document);
  const known = uri === undefined ? undefined : walk.files.get(uri);
  if (known) return known;
  const loading = context.resolver!.resolve(baseUri, ref, context.document.uri).catch(() => undefined);
  if (uri !== undefined) walk.files.set(uri, loading);
  return loading;
}

async function walkTarget(context: ValidationContext, walk: Walk, document: ApiDocument, node: ValueNode, chain: string[]): Promise<Broken[]> {
  const found: Broken[] = [];
  for (const at of refsInside(document, node)) {
    if (isUnprocessed(at)) continue;
    if (--walk.budget <= 0 || ((walk.budget & 255) === 0 && (await pause(context)))) break;
    const ref = at.value as string;
    if (!isFileRef(ref)) continue;
    const step = { ref, document, node: at };
    const uri = resolveUri(document.uri, ref);
    if (!uri) continue;
    const hash = ref.indexOf('#');
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    let target: ApiDocument | undefined = document;
    if (!ref.startsWith('#')) {
      target = await loadFile(context, walk, document.uri, ref);
      const why = target ? unparsable(target) : context.resolver!.whyUnreadable?.(document.uri, ref);
      if (!target || why) {
        const here = { code: 'unreadable-ref-file', message: cannotBeRead(hash < 0 ? ref : ref.slice(0, hash), why) };
        found.push({ via: [step], unreadable: uri, why, here });
        continue;
      }
    }
    const next = hash < 0 ? target.root : findNodeAtPath(target.root, pointerToPath(pointer));
    if (!next && hash < 0) continue;
    if (!next) {
      const meant = nearMissPath(target.root, pointerToPath(pointer));
      const suggestion = meant && `${ref.slice(0, hash)}${pointerOf(meant)}`;
      const here = { code: 'unresolved-ref', message: pointsToNothing(ref, suggestion), data: suggestion ? { expected: suggestion } : undefined };
      found.push({ via: [step], missing: `\`#${pointer}\` of \`${fileName(context.document, target.uri)}\``, suggestion, here });
      continue;
    }
    const circle = refOf(next) === undefined ? undefined : await circleFrom(context, walk, target, pointer);
    if (circle) found.push({ via: [step], circle, here: circleFinding(document, ref, circle) });
    for (const deeper of await brokenBelow(context, walk, target, next, `${target.uri}#${pointer}`, chain)) found.push({ ...deeper, via: [step, ...deeper.via] });
  }
  return found;
}

/** How many references a circle may take before the chain is taken for a long one that leads somewhere. */
const MAX_CIRCLE = 64;

/**
 * The references round a circle, when the node at `pointer` of `document` is a reference whose chain, followed from
 * file to file, comes back to a node it passed (the chain from the node to the circle, then the circle). Undefined
 * when the chain reaches a definition, or breaks (which the walk below the target reports).
 */
function circleFrom(context: ValidationContext, walk: Walk, document: ApiDocument, pointer: string): Promise<Step[] | undefined> {
  const key = `${document.uri}#${pointer}`;
  let known = walk.circles.get(key);
  if (!known) {
    known = followChain(context, walk, document, pointer);
    walk.circles.set(key, known);
  }
  return known;
}

async function followChain(context: ValidationContext, walk: Walk, document: ApiDocument, pointer: string): Promise<Step[] | undefined> {
  const steps: Step[] = [];
  const seen = new Set<string>();
  for (let current: { document: ApiDocument; pointer: string } = { document, pointer }; steps.length < MAX_CIRCLE; ) {
    const key = `${current.document.uri}#${current.pointer}`;
    if (seen.has(key)) return steps;
    seen.add(key);
    const node = findNodeAtPath(current.document.root, pointerToPath(current.pointer));
    const ref = refOf(node);
    if (!node || ref === undefined || !isFileRef(ref)) return undefined;
    steps.push({ document: current.document, node, pointer: current.pointer });
    const hash = ref.indexOf('#');
    const next = ref.startsWith('#') ? current.document : await loadFile(context, walk, current.document.uri, ref);
    if (!next) return undefined;
    current = { document: next, pointer: hash < 0 ? '' : ref.slice(hash + 1) };
  }
  return undefined;
}

/** The circle is reported like one inside the document, naming the references that make it. */
function reportCircle(context: ValidationContext, occurrence: RefOccurrence, ref: string, circle: Step[]): void {
  const { code, message, related } = circleFinding(context.document, ref, circle);
  context.report(occurrence.value, code, message, { related });
}

/** The finding of a reference written in `from` that leads round `circle`, naming its files as `from` would. */
function circleFinding(from: ApiDocument, ref: string, circle: Step[]): Broken['here'] {
  const names = [...new Set(circle.map((step) => `\`${step.document === from ? '' : fileName(from, step.document)}#${step.pointer}\``))];
  const through = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  const related = circle.map(({ document, node }) => {
    const at = getProperty(node, '$ref')!.value!;
    return { uri: document.uri, offset: at.offset, end: at.end, range: document.rangeOf(at), message: 'A reference in the circle' };
  });
  return { code: 'unresolved-ref', message: `\`${ref}\` ${CIRCLE} It runs through ${through}.`, related };
}

/** Why a file that was read holds no definition: it is not text, or does not parse. */
function unparsable(document: ApiDocument): string | undefined {
  if (document.root) return undefined;
  const problem = document.problems[0];
  if (!problem) return undefined;
  if (problem.code === 'binary-content') return 'it is not text (it holds NUL characters)';
  return `it does not parse (line ${document.textDocument.positionAt(problem.offset).line + 1}: ${problem.message.replace(/\.$/, '')})`;
}

/** Each broken reference once, by the shortest chain that reaches it: a file may be reached along several. */
function shortestChains(found: Broken[]): Broken[] {
  const byReference = new Map<string, Broken>();
  for (const broken of found) {
    const last = broken.via[broken.via.length - 1];
    const key = `${last.document.uri}@${last.node.offset}`;
    const known = byReference.get(key);
    if (!known || broken.via.length < known.via.length) byReference.set(key, broken);
  }
  return [...byReference.values()];
}

/** A file as the validated document would name it: relative to it when both are files. */
function fileName(from: ApiDocument, to: ApiDocument | string): string {
  const uri = typeof to === 'string' ? to : to.uri;
  try {
    const a = new URL(from.uri);
    const b = new URL(uri);
    if (a.protocol === 'file:' && b.protocol === 'file:') return posix.relative(posix.dirname(decodeURIComponent(a.pathname)), decodeURIComponent(b.pathname));
  } catch {
    // Not a URL: named as it is.
  }
  return uri;
}
