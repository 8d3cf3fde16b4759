/**
 * The document model: one tree for YAML and JSON alike, every node carrying its source offsets so that
 * diagnostics, hover and navigation can point at the exact key or value.
 */

/** How a scalar was written; templates embedded in strings need it to map offsets back to the source. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface NodeBase {
  /** Start offset of the node in the document text (includes quotes of quoted scalars). */
  offset: number;
  /** End offset, exclusive. */
  end: number;
  parent: ObjectNode | ArrayNode | PropertyNode | undefined;
  /** An explicit YAML tag such as `!Sub` or `!Ref` (CloudFormation intrinsics), when written. */
  tag?: string;
  /** On the copy an alias stands for: the anchored node it was copied from. */
  origin?: ValueNode;
}

export interface ObjectNode extends NodeBase {
  readonly type: 'object';
  properties: PropertyNode[];
  flow: boolean;
}

export interface ArrayNode extends NodeBase {
  readonly type: 'array';
  items: ValueNode[];
  flow: boolean;
}

export interface ScalarNode extends NodeBase {
  readonly type: 'string' | 'number' | 'boolean' | 'null';
  value: string | number | boolean | null;
  style: ScalarStyle;
  /** Offsets of the scalar's content: inside the quotes, or the lines of a block scalar. */
  contentOffset: number;
  contentEnd: number;
  /** Indentation of a block scalar's content lines. */
  blockIndent?: number;
}

export interface PropertyNode {
  readonly type: 'property';
  /** The key's value and style; its node (`keyOf`) is made only when asked for. */
  readonly keyValue: string | number | boolean | null;
  readonly keyStyle: ScalarStyle;
  /** End offset of the key, quotes included; the key starts where the entry does. */
  keyEnd: number;
  /** The key node once made: read it through `keyOf`. */
  keyNode: ScalarNode | undefined;
  /** Missing only while the user is still typing (`key:` with nothing after it is a null scalar, not missing). */
  value: ValueNode | undefined;
  offset: number;
  end: number;
  parent: ObjectNode;
}

export type ValueNode = ObjectNode | ArrayNode | ScalarNode;
export type AnyNode = ValueNode | PropertyNode;

export type Segment = string | number;
export type NodePath = Segment[];

export interface SyntaxProblem {
  message: string;
  offset: number;
  end: number;
  code: 'yaml-syntax' | 'json-syntax' | 'duplicate-key' | 'not-utf8' | 'binary-content';
}

export type DocumentFormat = 'yaml' | 'json';
