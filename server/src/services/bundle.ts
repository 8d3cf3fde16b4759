/**
 * One document for API Gateway to import, made of a definition split over several files: API Gateway reads the body
 * it is sent and nothing else, so each `$ref` to another file is replaced by what it leads to. A reference back into
 * the definition becomes a pointer of its own, and a schema that contains itself through another file moves to the
 * definition's models, where a `$ref` can name it, as bundlers do.
 */
import type { ApiDocument } from '../model/apiDocument';
import { keyName } from '../model/navigate';
import type { ValueNode } from '../model/nodes';
import { pointerToPath } from '../model/openapiWalk';
import { isFileRef, sameUri, uriFileName } from '../model/refUri';
import { isUnprocessed } from './rules/unprocessedValues';
import { loadReferencedFiles, moreFilesThanRead, referenceTarget, referencesToOtherFiles } from './splitDefinitions';
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

/** References followed one inside another, at most. */
const MAX_CHAIN = 64;

/** The definition as one document; undefined when it references no other file. */
export async function bundleDefinition(host: ApiDocument, resolver: DocumentResolver): Promise<Bundle | BundleProblem | undefined> {
  if (!host.root || host.root.type !== 'object' || referencesToOtherFiles(host).length === 0) return undefined;
  const { files, capped } = await loadReferencedFiles(host, resolver, () => false);
  if (capped) return { problem: moreFilesThanRead() };
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
  /** Targets moved to the models, by `uri#pointer`, with the name each is to get and its value once converted. */
  private readonly moved = new Map<string, { wanted: string; value?: unknown }>();
  /** The references made to moved targets, named once every name is chosen. */
  private readonly toModels: { reference: { $ref: string }; key: string }[] = [];

  constructor(
    private readonly host: ApiDocument,
    private readonly files: ApiDocument[],
  ) {}

  bundle(): Bundle {
    const value = this.convert(this.host.root!, this.host) as Record<string, unknown>;
    // `swagger: 2.0` unquoted is the number 2 to YAML; the version is sent as written.
    if (this.host.specVersion !== undefined) value[this.host.kind === 'swagger' ? 'swagger' : 'openapi'] = this.host.specVersion;
    const names: string[] = [];
    if (this.moved.size) {
      let container = value;
      for (const segment of this.modelsPath()) {
        const next = container[segment];
        container = (container[segment] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
      }
      // Named only now, beside the models as converted: the definition's may themselves come from another file.
      const taken = new Set(Object.keys(container));
      const chosen = new Map<string, string>();
      for (const [key, { wanted, value: model }] of this.moved) {
        let name = wanted;
        for (let n = 2; taken.has(name); n++) name = `${wanted}${n}`;
        taken.add(name);
        chosen.set(key, name);
        names.push(name);
        container[name] = model;
      }
      for (const { reference, key } of this.toModels) reference.$ref = this.modelRef(chosen.get(key)!);
    }
    return { value, files: this.files.map((f) => f.uri), moved: names };
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
    if (file === this.host && ref.startsWith('#')) return undefined;
    const found = referenceTarget(file, ref, this.host, (uri) => this.files.find((f) => sameUri(f.uri, uri)));
    if (found?.document === this.host) return { $ref: `#${found.pointer}` };
    const shown = ref.startsWith('#') ? `${ref} in ${uriFileName(file.uri)}` : ref;
    const target = found?.document;
    if (!target) throw new Unbundlable(`${shown} names a file that cannot be read`);
    const { node, pointer, key } = found;
    if (!node) throw new Unbundlable(`${shown} points to nothing in ${uriFileName(target.uri)}`);
    if (this.moved.has(key)) return this.referenceTo(key);
    if (this.chain.includes(key)) {
      this.moved.set(key, { wanted: modelName(pointer, target.uri) });
      return this.referenceTo(key);
    }
    if (this.chain.length >= MAX_CHAIN) throw new Unbundlable(`${shown} is reached through more than ${MAX_CHAIN} references one inside another`);
    this.chain.push(key);
    let value: unknown;
    try {
      value = this.convert(node, target);
    } finally {
      this.chain.pop();
    }
    // A circle came back to this target while it was converted: its one copy is the model the circle names.
    const moved = this.moved.get(key);
    if (!moved) return value;
    moved.value = value;
    return this.referenceTo(key);
  }

  private referenceTo(key: string): { $ref: string } {
    const reference = { $ref: '' };
    this.toModels.push({ reference, key });
    return reference;
  }

  private modelRef(name: string): string {
    return `#/${this.modelsPath().join('/')}/${name}`;
  }
}

/** The name a moved schema asks for: its pointer's last name, or its file's; model names are alphanumeric. */
function modelName(pointer: string, uri: string): string {
  const last = pointer ? pointerToPath(pointer).pop() : uriFileName(uri).replace(/\.[^.]*$/, '');
  return String(last ?? '').replace(/[^A-Za-z0-9]/g, '') || 'Model';
}
