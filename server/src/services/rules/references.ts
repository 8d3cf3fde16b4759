import type { ApiDocument } from '../../model/apiDocument';
import { findNodeAtPath, keyName } from '../../model/navigate';
import { pointerToPath, refOf } from '../../model/openapiWalk';
import type { ValueNode } from '../../model/nodes';
import type { Rule, ValidationContext } from '../validationTypes';
import { indexDocument, type RefOccurrence } from './documentIndex';
import { isUnprocessed } from './unprocessedValues';
import { pause } from './eventLoop';
import { nearMiss } from './nearMiss';
import { pointerOf } from '../editing/references';

/** Where a local `$ref` chain leads: a node, nothing, or round in a circle of references. */
type Target = { kind: 'found' } | { kind: 'missing'; pointer: string } | { kind: 'cycle' };

/**
 * Follows a chain of local references. Every reference met on the way leads where the chain leads, so the outcome is
 * remembered for all of them: long chains and circles cost one walk, not one per reference.
 */
function followLocal(document: ApiDocument, ref: string, memo: Map<string, Target>): Target {
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
      outcome = { kind: 'found' };
      break;
    }
    current = next;
  }
  for (const r of chain) memo.set(r, outcome);
  return outcome;
}

/**
 * Every `$ref` must lead somewhere: a local pointer to an existing node (a chain of references that only points at
 * itself leads nowhere), or a readable file holding the pointed-to node. Remote URLs are not fetched.
 */
export const referencesRule: Rule = async (context) => {
  const refs = indexDocument(context.document).refs;
  const files = new Map<string, Promise<ApiDocument | undefined>>();
  const memo = new Map<string, Target>();
  for (let i = 0; i < refs.length; i++) {
    if ((i & 255) === 255 && (await pause(context))) return;
    const occurrence = refs[i];
    const ref = occurrence.value.value as string;
    if (isUnprocessed(occurrence.value)) continue;
    if (ref.startsWith('#')) checkLocal(context, occurrence, ref, memo);
    else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('file:')) await checkExternal(context, occurrence, ref, files);
  }
};

function checkLocal(context: ValidationContext, occurrence: RefOccurrence, ref: string, memo: Map<string, Target>): void {
  const target = followLocal(context.document, ref, memo);
  if (target.kind === 'found') return;
  if (target.kind === 'missing' && target.pointer === ref) {
    const { suggestion, data } = repairs(context.document, ref);
    const message = `\`${ref}\` points to nothing: there is no \`${ref.slice(2).split('/').join('.')}\` in this document.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`;
    context.report(occurrence.value, 'unresolved-ref', message, { data });
    return;
  }
  const message =
    target.kind === 'cycle'
      ? `\`${ref}\` leads to a circle of references that never reaches a definition.`
      : `\`${ref}\` leads through other references to \`${target.pointer}\`, which does not exist.`;
  context.report(occurrence.value, 'unresolved-ref', message);
}

/** Containers whose missing entry can be created with a definition that is valid as it stands. */
const CREATABLE = new Set(['components/schemas', 'definitions']);

/**
 * What the quick fixes need: the one existing sibling the pointer most likely meant (a misspelt or miscased name), and
 * where a missing schema would be defined.
 */
function repairs(document: ApiDocument, ref: string): { suggestion?: string; data: Record<string, unknown> } {
  const path = pointerToPath(ref.slice(1));
  const containerPath = path.slice(0, -1);
  const name = String(path[path.length - 1]);
  const container = findNodeAtPath(document.root, containerPath);
  const match = container?.type === 'object' ? nearMiss(name, container.properties.map(keyName)) : undefined;
  const suggestion = match === undefined ? undefined : pointerOf([...containerPath, match]);
  const data: Record<string, unknown> = {};
  if (suggestion) data.expected = suggestion;
  if (CREATABLE.has(containerPath.join('/')) && name) data.create = { container: containerPath, name };
  return { suggestion, data };
}

async function checkExternal(context: ValidationContext, occurrence: RefOccurrence, ref: string, files: Map<string, Promise<ApiDocument | undefined>>): Promise<void> {
  const resolver = context.resolver;
  if (!resolver) return;
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  let loading = files.get(file);
  if (!loading) {
    loading = resolver.resolve(context.document.uri, ref).catch(() => undefined);
    files.set(file, loading);
  }
  const target = await loading;
  if (!target) {
    context.report(occurrence.value, 'unreadable-ref-file', `\`${file}\` (named by this $ref) cannot be read.`);
    return;
  }
  if (hash < 0) return;
  const pointer = ref.slice(hash + 1);
  const node: ValueNode | undefined = findNodeAtPath(target.root, pointerToPath(pointer));
  if (!node) context.report(occurrence.value, 'unresolved-ref', `\`${file}\` has nothing at \`#${pointer}\`.`);
}
