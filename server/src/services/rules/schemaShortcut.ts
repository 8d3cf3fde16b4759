import { keyName } from '../../model/navigate';
import type { PropertyNode, ValueNode } from '../../model/nodes';
import type { SchemaSource } from '../../facts/openapiSchemaSources';

/**
 * The verdict on one part of an operation (`OperationPartVerdicts`): parts repeat from operation to operation, and are
 * judged once per distinct text.
 */
export interface PartVerdicts {
  isPart(key: string): boolean;
  isValid(key: string, node: ValueNode | undefined): boolean;
}

/** True only when the node is certainly valid; false when it may not be, and the validator must decide. */
export type Shortcut = (node: ValueNode | undefined, parts: PartVerdicts) => boolean;

/**
 * A path item judged straight from the tree, for definitions whose path items use only the plain parts of the official
 * schema: objects with known keys, strings, booleans, lists of strings, and the operation parts judged on their own.
 * Most operations are nothing else, and copying each into plain values for the validator cost more than judging it.
 * The shortcut is read off the schema itself, so it follows the schema; any keyword it does not know makes it answer
 * "not sure" for values that reach that keyword, and the validator decides as before. Undefined when the path item's
 * own schema is beyond it (3.1's, which unites with the extensions' schema through `unevaluatedProperties`).
 */
export function pathItemShortcut(source: SchemaSource): Shortcut | undefined {
  let shortcut = shortcuts.get(source);
  if (shortcut === undefined) {
    shortcut = new ShortcutCompiler(source).compileRef(source.pathItem) ?? null;
    shortcuts.set(source, shortcut);
  }
  return shortcut ?? undefined;
}

const shortcuts = new Map<SchemaSource, Shortcut | null>();

/** Keywords that say nothing a verdict depends on (`format`: the validators do not check formats). */
const ANNOTATIONS = new Set(['description', 'title', 'default', 'example', 'examples', 'format', 'readOnly', 'writeOnly', '$comment', 'id', '$schema']);

type Schema = Record<string, unknown>;

class ShortcutCompiler {
  /** By `$ref`, once compiled (`done`); a definition being compiled is reached through its slot. */
  private readonly byRef = new Map<string, { check: Shortcut | undefined; done: boolean }>();

  constructor(private readonly source: SchemaSource) {}

  compileRef(ref: string): Shortcut | undefined {
    const known = this.byRef.get(ref);
    // A recursive definition is reached while it is still being compiled: the call reads its check when it runs.
    if (known) return known.done ? known.check : (node, parts) => known.check !== undefined && known.check(node, parts);
    const slot: { check: Shortcut | undefined; done: boolean } = { check: undefined, done: false };
    this.byRef.set(ref, slot);
    const schema = this.resolve(ref);
    slot.check = schema === undefined ? undefined : this.compile(schema, ref === this.source.operation);
    slot.done = true;
    return slot.check;
  }

  private resolve(ref: string): Schema | undefined {
    if (!ref.startsWith('#/')) return undefined;
    let value: unknown = this.source.schema;
    for (const segment of ref.slice(2).split('/')) {
      const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name)) return undefined;
      value = (value as Schema)[name];
    }
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined;
  }

  /** `parts`: the schema is the operation's, whose part fields are judged by their own verdicts. */
  private compile(schema: Schema, parts = false): Shortcut | undefined {
    const checks: Shortcut[] = [];
    const keys = Object.keys(schema).filter((key) => !ANNOTATIONS.has(key));
    for (const key of keys) {
      const check = this.keyword(schema, key, parts);
      if (check === undefined) return undefined;
      if (check !== ANY) checks.push(check);
    }
    if (checks.length === 0) return ANY;
    if (checks.length === 1) return checks[0];
    return (node, verdicts) => {
      for (let i = 0; i < checks.length; i++) if (!checks[i](node, verdicts)) return false;
      return true;
    };
  }

  private keyword(schema: Schema, key: string, parts: boolean): Shortcut | undefined {
    const value = schema[key];
    switch (key) {
      case '$ref':
        return typeof value === 'string' ? this.compileRef(value) : undefined;
      case 'type':
        return typeof value === 'string' ? typeCheck(value) : undefined;
      case 'enum':
        return enumCheck(value);
      case 'allOf': {
        if (!Array.isArray(value)) return undefined;
        const all = value.map((s) => (isSchema(s) ? this.compile(s) : undefined));
        if (all.some((c) => c === undefined)) return undefined;
        const checks = all as Shortcut[];
        return (node, verdicts) => {
          for (let i = 0; i < checks.length; i++) if (!checks[i](node, verdicts)) return false;
          return true;
        };
      }
      case 'items':
        return isSchema(value) ? this.items(value, schema.uniqueItems === true) : undefined;
      case 'uniqueItems':
        // Judged with `items`, which must hold scalars for the shortcut to compare them.
        return value === false || isSchema(schema.items) ? ANY : undefined;
      case 'additionalItems':
        return value === true || !Array.isArray(schema.items) ? ANY : undefined;
      case 'properties':
      case 'patternProperties':
      case 'required':
        // Judged together, once, under `additionalProperties` or on their own.
        return key === objectKeyword(schema) ? this.object(schema, parts) : ANY;
      case 'additionalProperties':
        return this.object(schema, parts);
      default:
        return undefined;
    }
  }

  private items(schema: Schema, unique: boolean): Shortcut | undefined {
    const check = this.compile(schema);
    if (!check) return undefined;
    // Only lists of strings are compared for uniqueness; lists of anything else are left to the validator.
    if (unique && schema.type !== 'string') return undefined;
    return (node, verdicts) => {
      if (node?.type !== 'array') return true;
      const items = node.items;
      for (let i = 0; i < items.length; i++) if (!check(items[i], verdicts)) return false;
      if (unique && items.length > 1 && new Set(items.map((item) => (item.type === 'string' ? item.value : item))).size !== items.length) return false;
      return true;
    };
  }

  private object(schema: Schema, parts: boolean): Shortcut | undefined {
    const additional = schema.additionalProperties ?? true;
    if (additional !== true && additional !== false && !(isSchema(additional) && Object.keys(additional).length === 0)) return undefined;
    const closed = additional === false;
    // One lookup per key: its property check, or UNSURE for a property the shortcut cannot judge.
    const properties = new Map<string, Shortcut>();
    const props = isSchema(schema.properties) ? schema.properties : {};
    for (const [name, child] of Object.entries(props)) {
      const own = isSchema(child) ? this.compile(child) : undefined;
      if (parts && name !== '__proto__') {
        // Whether this version's operation has the part is known only with the validators; asked when judging.
        properties.set(name, (node, verdicts) => (verdicts.isPart(name) ? verdicts.isValid(name, node) : own !== undefined && own(node, verdicts)));
      } else {
        properties.set(name, own ?? UNSURE);
      }
    }
    const patterns: { matches: (name: string) => boolean; check: Shortcut }[] = [];
    for (const [source, child] of Object.entries(isSchema(schema.patternProperties) ? schema.patternProperties : {})) {
      patterns.push({ matches: nameMatcher(source), check: (isSchema(child) && this.compile(child)) || UNSURE });
    }
    const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
    return (node, verdicts) => {
      if (node?.type !== 'object') return true;
      const entries = node.properties;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        const value = entry.value;
        if (value === undefined) return false;
        const name = keyName(entry);
        if (name === '__proto__') return false;
        const check = properties.get(name);
        let matched = check !== undefined;
        if (check !== undefined && !check(value, verdicts)) return false;
        for (let p = 0; p < patterns.length; p++) {
          if (!patterns[p].matches(name)) continue;
          matched = true;
          if (!patterns[p].check(value, verdicts)) return false;
        }
        if (!matched && closed) return false;
      }
      return hasAll(entries, required);
    };
  }
}

/** Whether each of the names is a key of the entries; loops rather than callbacks, which would be made for each call. */
function hasAll(entries: readonly PropertyNode[], names: readonly string[]): boolean {
  for (let r = 0; r < names.length; r++) {
    let found = false;
    for (let i = 0; i < entries.length && !found; i++) found = keyName(entries[i]) === names[r];
    if (!found) return false;
  }
  return true;
}

/** Accepts nothing: the validator decides. */
const UNSURE: Shortcut = () => false;

/**
 * The schemas' key patterns are a prefix (`^x-`) or a list of names (`^(get|put|post)$`), tested on every key of every
 * operation: these are read without a regular expression.
 */
function nameMatcher(source: string): (name: string) => boolean {
  const prefix = /^\^([\w-]+)$/.exec(source);
  if (prefix) return (name) => name.startsWith(prefix[1]);
  const names = /^\^\(([\w|]+)\)\$$/.exec(source);
  if (names) {
    const set = new Set(names[1].split('|'));
    return (name) => set.has(name);
  }
  const pattern = new RegExp(source, 'u');
  return (name) => pattern.test(name);
}

/** Accepts anything. */
const ANY: Shortcut = () => true;

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The object keyword that judges `properties`, `patternProperties` and `required` when `additionalProperties` is absent. */
function objectKeyword(schema: Schema): string | undefined {
  if (schema.additionalProperties !== undefined) return undefined;
  return ['properties', 'patternProperties', 'required'].find((k) => schema[k] !== undefined);
}

/** As the validators judge types: numbers finite, integers whole, objects neither lists nor null. */
function typeCheck(type: string): Shortcut | undefined {
  switch (type) {
    case 'object':
    case 'array':
      return (node) => node?.type === type;
    case 'string':
    case 'boolean':
    case 'null':
      return (node) => node?.type === type;
    case 'number':
      return (node) => node?.type === 'number' && Number.isFinite(node.value);
    case 'integer':
      return (node) => node?.type === 'number' && Number.isInteger(node.value);
    default:
      return undefined;
  }
}

function enumCheck(values: unknown): Shortcut | undefined {
  if (!Array.isArray(values) || values.some((v) => v !== null && typeof v === 'object')) return undefined;
  return (node) => node !== undefined && node.type !== 'object' && node.type !== 'array' && values.includes(node.value);
}
