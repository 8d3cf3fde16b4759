import { Document, isMap, isScalar, type Node } from 'yaml';
import type { StarterDefinition } from './starterDefinitions';

/** The YAML text of a starter definition, each comment above the key it explains. */
export function starterYaml(starter: StarterDefinition): string {
  const document = new Document(starter.document);
  for (const comment of starter.comments) {
    const key = keyAt(document.contents, comment.path);
    // A comment whose key is gone would silently vanish from the text: the starter data is wrong, not the user.
    if (!key) throw new Error(`starter "${starter.label}" has no key ${comment.path.join('.')}`);
    key.commentBefore = comment.text;
  }
  return document.toString({ lineWidth: 0 });
}

function keyAt(node: Node | null, path: string[]): Node | undefined {
  let current: Node | null = node;
  let key: Node | undefined;
  for (const segment of path) {
    if (!isMap(current)) return undefined;
    const pair = current.items.find((p) => isScalar(p.key) && p.key.value === segment);
    if (!pair || !isScalar(pair.key)) return undefined;
    key = pair.key;
    current = pair.value as Node | null;
  }
  return key;
}
