/**
 * A definition split over several files (`paths: {/pets: {$ref: paths/pets.yaml}}`) is checked as the bundle that is
 * eventually imported: one tree in which each `$ref` to another file is replaced by what it leads to. Nodes keep
 * offsets into one text, the definition's followed by each other file's, so that every rule runs unchanged on the
 * whole and each finding can be sent back to the file it stands in.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, noteSplicedCopies, pathOf } from '../model/navigate';
import { shift } from '../model/shiftNodes';
import { fileHolding, noteBundleFiles } from '../model/fileLines';
import { pointerOf } from './editing/references';
import type { AnyNode, ArrayNode, ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../model/nodes';
import { pointerToPath } from '../model/openapiWalk';
import { isFileRef, resolveUri, sameUri, uriFileName } from '../model/refUri';
import { indexDocument } from './rules/documentIndex';
import { isUnprocessed } from './rules/unprocessedValues';
import type { DocumentResolver, Problem, ValidationContext } from './validationTypes';

/** Other files read for one definition, at most. */
export const MAX_FILES = 1000;
/**
 * Nodes copied out of other files, at most. Each target is copied once however often it is named, so only files that
 * large themselves reach it.
 */
export const MAX_SPLICED_NODES = 250_000;
/** References followed one inside another, at most, before the innermost is left as it is written. */
const MAX_CHAIN = 32;

/** Another file, where its text stands in the bundle's. */
export interface SplicedFile {
  document: ApiDocument;
  start: number;
}

export interface SplitDefinition {
  /** The definition with what its references to other files lead to in their places. */
  document: ApiDocument;
  files: SplicedFile[];
  /**
   * The first reference left as written because `MAX_SPLICED_NODES` were copied or `MAX_FILES` read, in the bundle's
   * offsets: what lies beyond was not checked.
   */
  cutShort?: { offset: number; end: number; why: 'nodes' | 'files' };
  /** References to other files that lead nowhere (a file that cannot be read, a pointer to nothing), as written. */
  unfollowed: Unfollowed[];
  /** The first copy of each node of another file, when asked for (`recordCopies`). */
  copies?: Map<ValueNode, ValueNode>;
}

/** A reference to another file that leads nowhere, and why. */
export interface Unfollowed {
  ref: string;
  /** The file it is written in, as a URI. */
  in: string;
  why: 'no-file' | 'no-node';
}

/** Findings of one other file, in its own offsets. */
export interface FileProblems {
  document: ApiDocument;
  problems: Problem[];
}

/**
 * The definition as one tree with the files its `$ref`s name spliced in, or undefined when it names none (or none
 * could be read). A file that does not parse is not spliced (the references check says why), but its syntax findings
 * are kept for it.
 */
export async function spliceReferencedFiles(host: ApiDocument, resolver: DocumentResolver, isCancelled: () => boolean, options: SpliceOptions = {}): Promise<SplitDefinition | undefined> {
  const external = referencesToOtherFiles(host);
  if (external.length === 0) return undefined;
  const loaded = await loadReferencedFiles(host, resolver, isCancelled);
  if (loaded.files.length === 0 || isCancelled()) return undefined;
  let text = host.text;
  let aliasNodes = host.aliasNodes;
  const files: SplicedFile[] = [];
  for (const document of loaded.files) {
    text += '\n';
    files.push({ document, start: text.length });
    text += document.text;
    aliasNodes += document.aliasNodes;
  }
  const splicer = new Splicer(host, files, external, loaded.capped, isCancelled, options.recordCopies ? new Map() : undefined);
  let root: ValueNode;
  try {
    root = splicer.bundleRoot();
  } catch (error) {
    if (error instanceof SpliceCancelled) return undefined;
    throw error;
  }
  noteSplicedCopies(root, splicer.spliced);
  // Copies that aliases stand for are counted: checks skip what they can only when no copy shares a node's text.
  const textDocument = TextDocument.create(host.uri, host.textDocument.languageId, host.textDocument.version, text);
  const bundle = new ApiDocument(textDocument, options.format ?? host.format, root, host.problems, aliasNodes);
  noteBundleFiles(bundle, files, host.format);
  return { document: bundle, files, cutShort: splicer.cutShort, unfollowed: splicer.unfollowed, copies: splicer.copies };
}

export interface SpliceOptions {
  /** Keep the first copy of each node of another file (`SplitDefinition.copies`), for editing features. */
  recordCopies?: boolean;
  /** The bundle's syntax, where it is not the definition's: a JSON part is edited as JSON whatever includes it. */
  format?: ApiDocument['format'];
}

class SpliceCancelled extends Error {}

/**
 * The definition as the local gateway runs it: with the files its `$ref`s name spliced in, as API Gateway runs the
 * one document it is sent. A reference that leads nowhere stops the run, as it stops the import.
 */
export async function runnableDefinition(document: ApiDocument, resolver: DocumentResolver | undefined): Promise<{ document: ApiDocument; files: ApiDocument[] } | { problem: string }> {
  const split = resolver && document.root ? await spliceReferencedFiles(document, resolver, () => false) : undefined;
  if (!split) return { document, files: [] };
  if (split.cutShort) return { problem: split.cutShort.why === 'files' ? moreFilesThanRead() : `what its $refs lead to in other files is more than ${MAX_SPLICED_NODES.toLocaleString('en-US')} nodes, more than are copied for one definition` };
  const broken = split.unfollowed[0];
  if (broken) {
    const why = broken.why === 'no-file' ? 'names a file that cannot be read' : 'points to nothing';
    return { problem: `the $ref "${broken.ref}" in ${uriFileName(broken.in)} ${why}${split.unfollowed.length > 1 ? ` (and ${split.unfollowed.length - 1} more that lead nowhere)` : ''}` };
  }
  return { document: split.document, files: split.files.map((f) => f.document) };
}

/** A reference to another file: not a local pointer, not a remote URL. */
export function isOtherFile(ref: string): boolean {
  return !ref.startsWith('#') && isFileRef(ref);
}

/** The `$ref` entries of a document that name another file. */
export function referencesToOtherFiles(document: ApiDocument): PropertyNode[] {
  return indexDocument(document).refs.filter((r) => isOtherFile(r.value.value as string) && !isUnprocessed(r.value));
}

/**
 * The files reached from the definition through references, each once, in the order first named; `capped` when more
 * than `MAX_FILES` are named.
 */
export async function loadReferencedFiles(host: ApiDocument, resolver: DocumentResolver, isCancelled: () => boolean): Promise<{ files: ApiDocument[]; capped: boolean }> {
  const found: ApiDocument[] = [];
  const seen = new Set<string>([host.uri]);
  const queue: ApiDocument[] = [host];
  let capped = false;
  for (let i = 0; i < queue.length && !capped && !isCancelled(); i++) {
    const from = queue[i];
    for (const occurrence of indexDocument(from).refs) {
      const ref = occurrence.value.value as string;
      if (!isOtherFile(ref) || isUnprocessed(occurrence.value)) continue;
      const uri = resolveUri(from.uri, ref);
      if (uri === undefined || seen.has(uri) || sameUri(uri, host.uri)) continue;
      if (found.length >= MAX_FILES) {
        capped = true;
        break;
      }
      seen.add(uri);
      const document = await resolver.resolve(from.uri, ref, host.uri).catch(() => undefined);
      if (!document || !sameUri(document.uri, uri)) continue;
      found.push(document);
      if (document.root) queue.push(document);
    }
  }
  return { files: found, capped };
}

/** A file of the bundle as the copy reads it: its offsets move by `delta`. */
interface Source {
  document: ApiDocument;
  delta: number;
  isHost: boolean;
}

class Splicer {
  readonly hostFile: Source;
  private readonly sources = new Map<string, Source>();
  /** The definition's nodes on the way to a reference to another file: only these are copied, the rest are shared. */
  private readonly spine = new Set<AnyNode>();
  /** The targets being copied, innermost last (`uri#pointer`), each with its copy once made. */
  private readonly chain: { key: string; copy?: ValueNode }[] = [];
  /**
   * Each target copied whole, by `uri#pointer`: a schema many operations name, or two that name each other, is copied
   * once and the copy shared. A shared copy's parent is where it was first put.
   */
  private readonly done = new Map<string, ValueNode>();
  /** References met again inside their own target: they point to its first copy once its place is known. */
  private readonly circles: { ref: ScalarNode; to: ValueNode }[] = [];
  private copied = 0;
  cutShort: { offset: number; end: number; why: 'nodes' | 'files' } | undefined;
  readonly unfollowed: Unfollowed[] = [];
  /** Each node copied in place of a reference. */
  readonly spliced: ValueNode[] = [];

  constructor(
    private readonly host: ApiDocument,
    files: SplicedFile[],
    external: PropertyNode[],
    /** More files are named than were read. */
    private readonly capped: boolean,
    private readonly isCancelled: () => boolean,
    readonly copies: Map<ValueNode, ValueNode> | undefined,
  ) {
    this.hostFile = { document: host, delta: 0, isHost: true };
    for (const file of files) this.sources.set(file.document.uri, { document: file.document, delta: file.start, isHost: false });
    for (const occurrence of external) {
      for (let node: AnyNode | undefined = occurrence.parent; node && !this.spine.has(node); node = node.parent) this.spine.add(node);
    }
  }

  bundleRoot(): ValueNode {
    const root = this.copy(this.host.root!, this.hostFile, undefined);
    // A circle's reference names the first copy of its target by that copy's place in the bundle, known only now.
    for (const { ref, to } of this.circles) ref.value = pointerOf(pathOf(to));
    return root;
  }

  copy(node: ValueNode, from: Source, parent: ObjectNode | ArrayNode | PropertyNode | undefined): ValueNode {
    if (from.isHost && !this.spine.has(node)) return node;
    if ((++this.copied & 4095) === 0 && this.isCancelled()) throw new SpliceCancelled();
    const delta = from.delta;
    if (node.type === 'object') {
      const spliced = this.splice(node, from, parent);
      if (spliced) return spliced;
      const copy: ObjectNode = { type: 'object', offset: shift(node.offset, delta), end: shift(node.end, delta), parent, properties: [], flow: node.flow, tag: node.tag };
      this.remember(node, copy, from);
      const properties = node.properties;
      for (let i = 0; i < properties.length; i++) copy.properties.push(this.copyProperty(properties[i], from, copy));
      return copy;
    }
    if (node.type === 'array') {
      const copy: ArrayNode = { type: 'array', offset: shift(node.offset, delta), end: shift(node.end, delta), parent, items: [], flow: node.flow, tag: node.tag };
      this.remember(node, copy, from);
      for (let i = 0; i < node.items.length; i++) copy.items.push(this.copy(node.items[i], from, copy));
      return copy;
    }
    return this.remember(node, scalarCopy(node, delta, parent), from);
  }

  private remember<T extends ValueNode>(node: ValueNode, copy: T, from: Source): T {
    if (this.copies && !from.isHost && !this.copies.has(node)) this.copies.set(node, copy);
    // The copy of a target stands for it from its making on: a reference inside it back to it names this copy.
    const innermost = this.chain[this.chain.length - 1];
    if (innermost && innermost.copy === undefined) innermost.copy = copy;
    return copy;
  }

  private copyProperty(property: PropertyNode, from: Source, parent: ObjectNode): PropertyNode {
    const delta = from.delta;
    const copy: PropertyNode = {
      type: 'property',
      keyValue: property.keyValue,
      keyStyle: property.keyStyle,
      keyEnd: shift(property.keyEnd, delta),
      keyNode: undefined,
      value: undefined,
      offset: shift(property.offset, delta),
      end: shift(property.end, delta),
      parent,
    };
    if (property.keyNode) copy.keyNode = scalarCopy(property.keyNode, delta, copy);
    if (property.value) copy.value = this.copy(property.value, from, copy);
    return copy;
  }

  /**
   * What a reference object leads to in its place: its target's copy, made here or shared. Undefined when the object
   * stays as written (a local pointer of the definition itself, a remote URL, a target that cannot be found, the
   * budget spent); a reference back into a target being copied is written again to point at that copy.
   */
  private splice(node: ObjectNode, from: Source, parent: ObjectNode | ArrayNode | PropertyNode | undefined): ValueNode | undefined {
    const refProperty = node.properties.find((p) => p.keyValue === '$ref');
    const value = refProperty?.value;
    if (value?.type !== 'string' || isUnprocessed(value)) return undefined;
    const ref = value.value as string;
    // Inside another file a local pointer names a node of that file, which the definition's tree does not hold.
    if (from.isHost ? !isOtherFile(ref) : !isFileRef(ref)) return undefined;
    const target = this.targetOf(from, ref);
    if (!target || !target.node) {
      if (!target && this.capped) this.cutShort ??= { offset: shift(value.offset, from.delta), end: shift(value.end, from.delta), why: 'files' };
      else if (!this.unfollowed.some((u) => u.ref === ref && u.in === from.document.uri)) this.unfollowed.push({ ref, in: from.document.uri, why: target ? 'no-node' : 'no-file' });
      return undefined;
    }
    const shared = this.done.get(target.key);
    if (shared) return shared;
    const open = this.chain.find((c) => c.key === target.key);
    if (open || this.chain.length >= MAX_CHAIN) return open?.copy ? this.circle(node, from, parent, open.copy) : undefined;
    if (this.copied >= MAX_SPLICED_NODES) {
      this.cutShort ??= { offset: shift(value.offset, from.delta), end: shift(value.end, from.delta), why: 'nodes' };
      return undefined;
    }
    this.chain.push({ key: target.key });
    try {
      const copy = this.copy(target.node, target.source, parent);
      this.spliced.push(copy);
      this.done.set(target.key, copy);
      return copy;
    } finally {
      this.chain.pop();
    }
  }

  /** The reference object as written, its `$ref` to be made a pointer to the copy it comes back to. */
  private circle(node: ObjectNode, from: Source, parent: ObjectNode | ArrayNode | PropertyNode | undefined, to: ValueNode): ValueNode {
    const delta = from.delta;
    const copy: ObjectNode = { type: 'object', offset: shift(node.offset, delta), end: shift(node.end, delta), parent, properties: [], flow: node.flow, tag: node.tag };
    for (const property of node.properties) {
      const written = this.copyProperty(property, { ...from, isHost: false }, copy);
      if (property.keyValue === '$ref' && written.value?.type === 'string') this.circles.push({ ref: written.value, to });
      copy.properties.push(written);
    }
    return copy;
  }

  /** Where a reference leads: undefined when its file cannot be read, no node when the pointer finds none there. */
  private targetOf(from: Source, ref: string): { source: Source; node: ValueNode | undefined; key: string } | undefined {
    const target = referenceTarget(from.document, ref, this.host, (uri) => (this.sources.get(uri) ?? [...this.sources.values()].find((s) => sameUri(s.document.uri, uri)))?.document);
    if (!target?.document) return undefined;
    const source = target.document === this.host ? this.hostFile : this.sources.get(target.document.uri)!;
    return { source, node: target.node, key: target.key };
  }
}

/** Where a reference leads among a definition and the files read for it. */
export interface ReferenceTarget {
  /** The file; undefined when it was not read or does not parse. */
  document: ApiDocument | undefined;
  pointer: string;
  /** The node at the pointer; undefined when it finds none. */
  node: ValueNode | undefined;
  /** `uri#pointer`: one target however the references to it are written. */
  key: string;
}

/**
 * Where a reference written in `from` leads: a local pointer names a node of `from` itself, a file part the definition
 * (`host`) or one of the files read for it. Undefined for a reference that names no file (a remote URL).
 */
export function referenceTarget(from: ApiDocument, ref: string, host: ApiDocument, fileAt: (uri: string) => ApiDocument | undefined): ReferenceTarget | undefined {
  const uri = ref.startsWith('#') ? from.uri : resolveUri(from.uri, ref);
  if (uri === undefined) return undefined;
  const file = sameUri(uri, host.uri) ? host : fileAt(uri);
  const hash = ref.indexOf('#');
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  const root = file?.root;
  const node = root && (hash < 0 ? root : findNodeAtPath(root, pointerToPath(pointer)));
  return { document: root ? file : undefined, pointer, node, key: `${file?.uri ?? uri}#${pointer}` };
}

/**
 * Why a definition that names more files than are read cannot be made one document. Written when needed: the first
 * `toLocaleString` of a process loads the number formats, some 15 ms of every start of the command line.
 */
export function moreFilesThanRead(): string {
  return `it references more than ${MAX_FILES.toLocaleString('en-US')} files, more than are read for one definition`;
}

function scalarCopy(node: ScalarNode, delta: number, parent: ScalarNode['parent']): ScalarNode {
  // The copy an alias stands for is a copy again here, its original not: what it was copied from is not kept.
  return { ...node, offset: shift(node.offset, delta), end: shift(node.end, delta), contentOffset: shift(node.contentOffset, delta), contentEnd: shift(node.contentEnd, delta), parent, origin: undefined };
}

/**
 * The findings of a check of the bundle, each in the file it stands in: the definition's own, and those of each other
 * file in that file's offsets, with their facts for quick fixes (of which a part offers those that replace the text
 * found, `fixesInPlace`). A place in another file that a finding points to is named with its file.
 */
export function problemsByFile(split: SplitDefinition, problems: Problem[], own: Problem[], elsewhere: Map<string, FileProblems>): void {
  const hostEnd = hostEndOf(split);
  for (const problem of problems) {
    const related = problem.related?.map((r) => (r.range || r.uri !== split.document.uri ? r : relatedPlace(split, r, hostEnd)));
    const placed = related ? { ...problem, related } : problem;
    if (problem.offset <= hostEnd) {
      own.push(placed);
      continue;
    }
    const file = fileAt(split, problem.offset);
    if (!file) continue;
    const end = Math.min(Math.max(problem.end, problem.offset) - file.start, file.document.text.length);
    forFile(elsewhere, file.document).push({ ...placed, offset: problem.offset - file.start, end });
  }
}

function relatedPlace(split: SplitDefinition, related: NonNullable<Problem['related']>[number], hostEnd: number): NonNullable<Problem['related']>[number] {
  if (related.offset <= hostEnd) return related;
  const file = fileAt(split, related.offset);
  if (!file) return related;
  const span = { offset: related.offset - file.start, end: Math.min(related.end - file.start, file.document.text.length) };
  return { ...related, uri: file.document.uri, ...span, range: file.document.rangeOf(span) };
}

/** The other file whose text holds a bundle offset; undefined in the definition's text or past every file's. */
export function fileAt(split: SplitDefinition, offset: number): SplicedFile | undefined {
  const found = fileHolding(split.files, offset);
  return found && offset <= found.start + found.document.text.length ? found : undefined;
}

/** The last offset of the definition's own text in the bundle's. */
export function hostEndOf(split: SplitDefinition): number {
  return split.files.length ? split.files[0].start - 1 : Infinity;
}

export function forFile(elsewhere: Map<string, FileProblems>, document: ApiDocument): Problem[] {
  let entry = elsewhere.get(document.uri);
  if (!entry) elsewhere.set(document.uri, (entry = { document, problems: [] }));
  return entry.problems;
}

/**
 * Findings made in a file of the bundle in its own offsets (the references check follows each file from where it
 * lies), added to that file's. Only a part takes them: a file that is a definition of its own reports for itself,
 * and its findings from this check are not shown.
 */
export function reportingInParts(split: SplitDefinition, elsewhere: Map<string, FileProblems>): NonNullable<ValidationContext['reportIn']> {
  return (document, node, code, message, extra) => {
    const file = split.files.find((f) => sameUri(f.document.uri, document.uri));
    if (!file || file.document.kind !== 'unknown' || node.offset < 0) return false;
    forFile(elsewhere, file.document).push({ offset: node.offset, end: node.end, code, message, ...extra });
    return true;
  };
}

/** The syntax findings of the other files, which nothing else reports: they are not definitions of their own. */
export function syntaxOfFiles(split: SplitDefinition, elsewhere: Map<string, FileProblems>): void {
  for (const file of split.files) {
    if (file.document.kind !== 'unknown') continue;
    const problems = forFile(elsewhere, file.document);
    for (const problem of file.document.problems) problems.push({ ...problem });
  }
}
