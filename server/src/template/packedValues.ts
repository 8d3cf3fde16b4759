/**
 * Template values in a form that crosses to another thread and back. A structured clone copies a Map or a record,
 * but it drops what the engine tells its values apart by: the classes of Java's boxed values (`JavaDouble`,
 * `JavaChar`, ...), the marks it keeps beside lists and maps (a java.util list, a Java array, a map's view, a map
 * read only by entry), records without a prototype, and the engine objects keyed into Maps. Packing writes each of
 * these down as plain data, and unpacking makes them again, so that a value reads the same in the thread that
 * unpacks it as in the one that packed it. Shared and cyclic references stay shared: each object is packed once.
 *
 * What cannot be written down (a function, `$input` or `$util` kept in a variable, any other object of a class of
 * its own) throws `UnpackableValue`: such a value belongs to the thread that made it.
 */
import { JavaChar, JavaDouble } from './javaDouble';
import type { JavaMap } from './javaMaps';
import {
  isEntriesOnly,
  isJavaList,
  javaArray,
  javaArrayClass,
  JavaClass,
  javaList,
  MapEntry,
  mapView,
  mapViewOf,
  markEntriesOnly,
  type MapViewKind,
} from './javaValues';

export type Packed = undefined | null | boolean | number | bigint | string | PackedObject;

export type PackedObject =
  | { kind: 'record'; entries: Array<[string, Packed]>; bare?: true; entriesOnly?: true }
  | { kind: 'map'; entries: Array<[Packed, Packed]>; entriesOnly?: true }
  | { kind: 'list'; items: Packed[]; javaList?: true; arrayClass?: string; view?: PackedView }
  | { kind: 'double'; value: number }
  | { kind: 'char'; value: string }
  | { kind: 'class'; name: string }
  | { kind: 'entry'; key: Packed; value: Packed; owner?: PackedObject };

/** A map's `keySet()`, `values()` or `entrySet()`, with the map it reads. */
export interface PackedView {
  kind: MapViewKind;
  owner: PackedObject;
}

/** A value of a kind only the thread that made it can hold. */
export class UnpackableValue extends Error {}

export function packValue(value: unknown): Packed {
  return new Packer().pack(value);
}

export function unpackValue(packed: Packed): unknown {
  return new Unpacker().unpack(packed);
}

/**
 * How deep values are packed. Each level packs to several objects, and a structured clone of a value nested some
 * hundreds of levels deep overflows the receiving thread's stack, which drops the message without a word; deeper
 * values stay in the thread that made them.
 */
const MAX_PACK_DEPTH = 200;

class Packer {
  private readonly packed = new Map<object, PackedObject>();
  private depth = 0;
  /** Entries being packed: one reached again from its own key or value cannot be made again before itself. */
  private readonly entering = new Set<MapEntry>();

  pack(value: unknown): Packed {
    switch (typeof value) {
      case 'undefined':
      case 'boolean':
      case 'number':
      case 'bigint':
      case 'string':
        return value;
      case 'object':
        return value === null ? null : this.object(value);
      default:
        throw new UnpackableValue(`a ${typeof value} cannot leave its thread`);
    }
  }

  private object(value: object): PackedObject {
    if (this.depth >= MAX_PACK_DEPTH) throw new UnpackableValue(`a value nested more than ${MAX_PACK_DEPTH} levels deep`);
    this.depth++;
    try {
      return this.newOrKnown(value);
    } finally {
      this.depth--;
    }
  }

  private newOrKnown(value: object): PackedObject {
    const known = this.packed.get(value);
    if (known) {
      if (value instanceof MapEntry && this.entering.has(value)) {
        throw new UnpackableValue('a map entry that holds itself');
      }
      return known;
    }
    if (Array.isArray(value)) return this.list(value);
    if (value instanceof Map) {
      const packed: PackedObject = { kind: 'map', entries: [] };
      this.packed.set(value, packed);
      if (isEntriesOnly(value)) packed.entriesOnly = true;
      for (const [k, v] of value) packed.entries.push([this.pack(k), this.pack(v)]);
      return packed;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) {
      return this.record(value as Record<string, unknown>, prototype === null);
    }
    return this.instance(value);
  }

  private list(value: unknown[]): PackedObject {
    const packed: PackedObject = { kind: 'list', items: [] };
    this.packed.set(value, packed);
    if (isJavaList(value)) packed.javaList = true;
    const arrayClass = javaArrayClass(value);
    if (arrayClass !== undefined) packed.arrayClass = arrayClass;
    const view = mapViewOf(value);
    if (view) packed.view = { kind: view.kind, owner: this.object(view.owner) };
    for (let i = 0; i < value.length; i++) packed.items.push(this.pack(value[i]));
    return packed;
  }

  private record(value: Record<string, unknown>, bare: boolean): PackedObject {
    const packed: PackedObject = { kind: 'record', entries: [] };
    this.packed.set(value, packed);
    if (bare) packed.bare = true;
    if (isEntriesOnly(value)) packed.entriesOnly = true;
    for (const key of Object.keys(value)) packed.entries.push([key, this.pack(value[key])]);
    return packed;
  }

  private instance(value: object): PackedObject {
    let packed: PackedObject;
    if (value instanceof JavaDouble) packed = { kind: 'double', value: value.value };
    else if (value instanceof JavaChar) packed = { kind: 'char', value: value.value };
    else if (value instanceof JavaClass) packed = { kind: 'class', name: value.name };
    else if (value instanceof MapEntry) return this.entry(value);
    else throw new UnpackableValue(`an object of class ${value.constructor?.name} cannot leave its thread`);
    this.packed.set(value, packed);
    return packed;
  }

  private entry(value: MapEntry): PackedObject {
    const packed: PackedObject = { kind: 'entry', key: undefined, value: undefined };
    this.packed.set(value, packed);
    this.entering.add(value);
    packed.key = this.pack(value.key);
    packed.value = this.pack(value.value);
    if (value.owner) packed.owner = this.object(value.owner);
    this.entering.delete(value);
    return packed;
  }
}

class Unpacker {
  private readonly made = new Map<PackedObject, unknown>();

  unpack(packed: Packed): unknown {
    return typeof packed === 'object' && packed !== null ? this.object(packed) : packed;
  }

  private object(packed: PackedObject): unknown {
    if (this.made.has(packed)) return this.made.get(packed);
    switch (packed.kind) {
      case 'record': {
        const record: Record<string, unknown> = packed.bare ? Object.create(null) : {};
        this.made.set(packed, record);
        // An own `__proto__` entry, as JSON.parse makes one, rather than a new prototype.
        for (const [key, value] of packed.entries) {
          const own = { value: this.unpack(value), writable: true, enumerable: true, configurable: true };
          Object.defineProperty(record, key, own);
        }
        if (packed.entriesOnly) markEntriesOnly(record);
        return record;
      }
      case 'map': {
        const map = new Map<unknown, unknown>();
        this.made.set(packed, map);
        for (const [key, value] of packed.entries) map.set(this.unpack(key), this.unpack(value));
        if (packed.entriesOnly) markEntriesOnly(map);
        return map;
      }
      case 'list': {
        const list: unknown[] = [];
        this.made.set(packed, list);
        if (packed.javaList) javaList(list);
        if (packed.arrayClass !== undefined) javaArray(list, packed.arrayClass);
        if (packed.view) mapView(list, packed.view.kind, this.object(packed.view.owner) as JavaMap);
        for (const item of packed.items) list.push(this.unpack(item));
        return list;
      }
      case 'double':
        return this.made.set(packed, new JavaDouble(packed.value)).get(packed);
      case 'char':
        return this.made.set(packed, new JavaChar(packed.value)).get(packed);
      case 'class':
        return this.made.set(packed, new JavaClass(packed.name)).get(packed);
      case 'entry': {
        // Packing refuses an entry that holds itself, so its key and value are made before it without reaching it.
        const owner = packed.owner && (this.object(packed.owner) as JavaMap);
        const entry = new MapEntry(this.unpack(packed.key), this.unpack(packed.value), owner);
        this.made.set(packed, entry);
        return entry;
      }
    }
  }
}
