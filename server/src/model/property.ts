import type { ObjectNode, PropertyNode, ScalarNode, ScalarStyle, ValueNode } from './nodes';

/**
 * A mapping entry whose key node is made only when something asks for it. Keys are a third of a definition's nodes,
 * yet validation reads little more than their values (`keyValue`); a node is made for the few that a diagnostic, hover
 * or edit needs. Fewer objects make the tree smaller and its building faster, mostly in garbage collection.
 */
export class Property implements PropertyNode {
  declare readonly type: 'property';
  parent: ObjectNode;
  value: ValueNode | undefined;
  offset: number;
  end: number;
  /** The key's value, as its node would hold it. */
  readonly keyValue: string | number | boolean | null;
  /** End offset of the key, quotes included. */
  keyEnd: number;
  readonly keyStyle: ScalarStyle;
  private node: ScalarNode | undefined;

  constructor(parent: ObjectNode, keyValue: string | number | boolean | null, keyStyle: ScalarStyle, offset: number, keyEnd: number, value: ValueNode | undefined, end: number, node?: ScalarNode) {
    this.parent = parent;
    this.value = value;
    this.offset = offset;
    this.end = end;
    this.keyValue = keyValue;
    this.keyEnd = keyEnd;
    this.keyStyle = keyStyle;
    this.node = node;
    if (node) node.parent = this;
  }

  /** A property holding a key node made elsewhere (tagged keys, the js-yaml path, copies for aliases). */
  static withKey(parent: ObjectNode, key: ScalarNode, value: ValueNode | undefined, end: number): Property {
    return new Property(parent, key.value, key.style, key.offset, key.end, value, end, key);
  }

  get key(): ScalarNode {
    return (this.node ??= this.makeKey());
  }

  /** Whether the key node has been made, so that shifting offsets need not make it. */
  get hasKeyNode(): boolean {
    return this.node !== undefined;
  }

  private makeKey(): ScalarNode {
    const quoted = this.keyStyle === 'single' || this.keyStyle === 'double';
    const value = this.keyValue;
    const type = value === null ? 'null' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
    const offset = this.offset;
    const end = this.keyEnd;
    return { type, value, style: this.keyStyle, offset, end, contentOffset: quoted ? offset + 1 : offset, contentEnd: quoted ? end - 1 : end, parent: this };
  }
}
// On the prototype: one field fewer in every entry.
(Property.prototype as { type: 'property' }).type = 'property';
