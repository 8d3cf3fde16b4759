/**
 * One document for API Gateway to import, made of a definition split over several files: API Gateway reads the body
 * it is sent and nothing else, so each `$ref` to another file is replaced by what it leads to. A reference back into
 * the definition becomes a pointer of its own, and a schema that contains itself through another file moves to the
 * definition's models, where a `$ref` can name it, as bundlers do.
 */
import type { ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, keyName } from '../model/navigate';
import type { ValueNode } from '../model/nodes';
import { pointerToPath } from '../model/openapiWalk';
import { isFileRef, resolveUri, sameUri } from '../model/refUri';
import { isUnprocessed } from './rules/unprocessedValues';
import { loadReferencedFiles, referencesToOtherFiles } from './splitDefinitions';
import type { DocumentResolver } from './validationTypes';

export interface Bundle {
  /** The whole definition, as one JSON value. */
  value: Record<string, unknown>;
  /** The other files it was made of, as URIs. */
  files: string[];
  /** Models added for schemas that contain themselves through other files. */
  moved: string[];
}

/** Why a definition cannot be made one document: a file it references is missing, unreadable, or lacks the node. */
export interface BundleProblem {
  problem: string;
}

/** References followed one inside another, at most: past this a chain is taken for a circle and moved to the models. */
const MAX_CHAIN = 64;

/** The definition as one document; undefined when it references no other file. */
export async function bundleDefinition(host: ApiDocument, resolver: DocumentResolver): Promise<Bundle | BundleProblem | undefined> {
  if (!host.root || host.root.type !== 'object' || referencesToOtherFiles(host).length === 0) return undefined;
  const files = await loadReferencedFiles(host, resolver, () => false);
  try {
    return new Bundler(host, files).bundle();
  } catch (error) {
    if (error instanceof Unbundlable) return { problem: error.message };
    throw error;
  }
}

class Unbundlable extends Error {}

class Bundler {
  private readonly chain: string[] = [];
  /** Targets moved to the models, by `uri#pointer`, with the name each got. */
  private readonly moved = new Map<string, string>();
  private readonly models: Record<string, unknown> = {};
  private readonly taken: Set<string>;

  constructor(
    private readonly host: ApiDocument,
    private readonly files: ApiDocument[],
  ) {
    const existing = findNodeAtPath(host.root, this.modelsPath());
    this.taken = new Set(existing?.type === 'object' ? existing.properties.map(keyName) : []);
  }

  bundle(): Bundle {
    const value = this.convert(this.host.root!, this.host) as Record<string, unknown>;
    // `swagger: 2.0` unquoted is the number 2 to YAML; the version is sent as written.
    if (this.host.specVersion !== undefined) value[this.host.kind === 'swagger' ? 'swagger' : 'openapi'] = this.host.specVersion;
    if (this.moved.size) {
      let container = value;
      for (const segment of this.modelsPath()) {
        const next = container[segment];
        container = (container[segment] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
      }
      Object.assign(container, this.models);
    }
    return { value, files: this.files.map((f) => f.uri), moved: [...this.moved.values()] };
  }

  private modelsPath(): string[] {
    return this.host.kind === 'swagger' ? ['definitions'] : ['components', 'schemas'];
  }

  private convert(node: ValueNode, file: ApiDocument): unknown {
    if (node.type === 'array') return node.items.map((item) => this.convert(item, file));
    if (node.type !== 'object') return node.value;
    const ref = node.properties.find((p) => p.keyValue === '$ref')?.value;
    if (ref?.type === 'string' && !isUnprocessed(ref) && isFileRef(ref.value as string)) {
      const replaced = this.follow(ref.value as string, file);
      if (replaced !== undefined) return replaced;
    }
    const result: Record<string, unknown> = {};
    for (const p of node.properties) {
      const key = keyName(p);
      const value = p.value ? this.convert(p.value, file) : null;
      if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
    }
    return result;
  }

  /** What a reference written in `file` becomes; undefined for a pointer of the definition, which stays as written. */
  private follow(ref: string, file: ApiDocument): unknown {
    const inHost = file === this.host;
    if (inHost && ref.startsWith('#')) return undefined;
    const uri = ref.startsWith('#') ? file.uri : resolveUri(file.uri, ref);
    const hash = ref.indexOf('#');
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    if (uri !== undefined && sameUri(uri, this.host.uri)) return { $ref: `#${pointer}` };
    const target = uri === undefined ? undefined : this.files.find((f) => sameUri(f.uri, uri));
    const shown = ref.startsWith('#') ? `${ref} in ${fileName(file.uri)}` : ref;
    if (!target?.root) throw new Unbundlable(`${shown} names a file that cannot be read`);
    const node = hash < 0 ? target.root : findNodeAtPath(target.root, pointerToPath(pointer));
    if (!node) throw new Unbundlable(`${shown} points to nothing in ${fileName(target.uri)}`);
    const key = `${target.uri}#${pointer}`;
    const name = this.moved.get(key);
    if (name !== undefined) return { $ref: this.modelRef(name) };
    if (this.chain.includes(key) || this.chain.length >= MAX_CHAIN) return { $ref: this.modelRef(this.moveToModels(key, pointer, target.uri)) };
    this.chain.push(key);
    let value: unknown;
    try {
      value = this.convert(node, target);
    } finally {
      this.chain.pop();
    }
    // A circle came back to this target while it was converted: its one copy is the model the circle names.
    const movedAs = this.moved.get(key);
    if (movedAs === undefined) return value;
    this.models[movedAs] = value;
    return { $ref: this.modelRef(movedAs) };
  }

  private moveToModels(key: string, pointer: string, uri: string): string {
    const last = pointer ? pointerToPath(pointer).pop() : fileName(uri).replace(/\.[^.]*$/, '');
    // Model names are alphanumeric in API Gateway.
    const base = String(last ?? '').replace(/[^A-Za-z0-9]/g, '') || 'Model';
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    this.moved.set(key, name);
    return name;
  }

  private modelRef(name: string): string {
    return `#/${this.modelsPath().join('/')}/${name}`;
  }
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
