/**
 * The Java methods templates call on values: java.lang.String, java.util.Map and java.util.List, plus the few
 * Number/Boolean ones. A call Java would reject with an exception (index out of range, null argument) becomes a
 * JavaMethodError; a method that does not exist yields NO_SUCH_METHOD, which renders as nothing.
 */
import { javaMatches, javaReplace, javaSplit, JavaRegexError, type MatchLimit } from './javaRegex';
import { isMapValue, mapClear, mapDelete, mapEntries, mapGet, mapHas, mapKeys, mapSet, mapSize, mapValues, type JavaMap } from './javaMaps';
import { MAX_LIST_SIZE, OperationLimit } from './limits';
import {
  compareJavaNumbers,
  isJavaNumber,
  javaDouble,
  javaEquals,
  javaInteger,
  javaList,
  javaToString,
  javaTypeName,
  MapEntry,
  NO_SUCH_METHOD,
  TemplateHost,
  type JavaNumber,
} from './javaValues';

export class JavaMethodError extends Error {}

/** `limit` bounds the matching of regular expressions that can backtrack exponentially (see javaRegex). */
export function invokeJavaMethod(target: unknown, name: string, args: unknown[], limit?: MatchLimit): unknown {
  if (target instanceof TemplateHost) return target.invoke(name, args);
  if (typeof target === 'string') return stringMethod(target, name, args, limit);
  if (Array.isArray(target)) return listMethod(target, name, args);
  if (target instanceof MapEntry) return entryMethod(target, name, args);
  if (isMapValue(target)) return mapMethod(target, name, args);
  if (isJavaNumber(target) || typeof target === 'boolean') return scalarMethod(target, name, args);
  return NO_SUCH_METHOD;
}

/** `$value.name` without a call: map keys, entry fields, and Java bean getters such as `isEmpty()` as `.empty`. */
export function readJavaProperty(target: unknown, name: string): unknown {
  if (target === undefined || target === null) return undefined;
  // JSON objects first: most reads in a template are members of the payload.
  if (target instanceof Map) return target.get(name);
  if (target instanceof TemplateHost) return target.property(name);
  if (target instanceof MapEntry) return name === 'key' ? target.key : name === 'value' ? target.value : undefined;
  if (isMapValue(target)) return mapGet(target, name);
  if (name === 'empty' && (typeof target === 'string' || Array.isArray(target))) return target.length === 0;
  if (name === 'class') return `class java.lang.${javaTypeName(target)}`;
  return undefined;
}

/**
 * `$value[key]` as Velocity 1.7's ASTIndex reads it: the `get` method of the value with the key as its argument,
 * after a negative Integer has been turned into `size() + key` (ASTIndex.adjMinusIndexArg), so `$list[-1]` is the
 * last element and `$map[-1]` the entry whose key is the Integer `size() - 1`. A list takes an Integer only (any other
 * key finds no `get` method, which is null); a value without a `get` method gives null, and one without `size()` cannot
 * take a negative index. (Velocity 2 reads negative indexes the same way.)
 */
export function readJavaIndex(target: unknown, key: unknown): unknown {
  if (target === undefined || target === null) return undefined;
  const index = fromEnd(target, key);
  if (Array.isArray(target)) {
    if (!isJavaInt(index)) return undefined;
    // ArrayList.get throws, and ASTIndex fails the template with it.
    checkIndex(target, index, target.length, index === key ? `get(${index})` : `get(${index}), for the index ${key} counted from the end,`);
    return target[index];
  }
  if (isMapValue(target)) return mapGet(target, index);
  // The engine's own objects (`$input`, `$util`, `$foreach`) answer their members by name.
  if (target instanceof TemplateHost) return target.property(javaToString(index));
  return undefined;
}

/**
 * `#set($value[key] = x)` as Velocity 1.7's ASTReference.setValue does it: the negative key adjusted as for reading,
 * then `set(key, x)` on a list (an index out of range fails the template) or `put(key, x)` on a map. Returns false
 * when the value has neither method.
 */
export function writeJavaIndex(target: unknown, key: unknown, value: unknown): boolean {
  const index = fromEnd(target, key);
  if (Array.isArray(target)) {
    if (!isJavaInt(index)) return false;
    checkIndex(target, index, target.length, index === key ? `set(${index}, …)` : `set(${index}, …), for the index ${key} counted from the end,`);
    target[index] = value;
    return true;
  }
  if (isMapValue(target)) {
    mapSet(target, index, value);
    return true;
  }
  return false;
}

/**
 * A Java Integer: what `List.get(int)` accepts. Velocity 1.7 converts no Long, Double or String argument to an int
 * (Velocity 2's conversion handler would turn `"1"` into 1); 1.7 is followed, so `$list["1"]` is null.
 */
function isJavaInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** ASTIndex.adjMinusIndexArg: a negative Integer counts from the end of anything with a `size()` method. */
function fromEnd(target: unknown, key: unknown): unknown {
  if (!isJavaInt(key) || key >= 0) return key;
  if (Array.isArray(target)) return target.length + key;
  if (isMapValue(target)) return mapSize(target) + key;
  throw new JavaMethodError(
    `the index ${key} counts from the end, which needs a size() method, and ${javaTypeName(target)} has none (Velocity 1.7 fails the template here)`,
  );
}

function requireArgs(name: string, args: unknown[], types: Array<'string' | 'int' | 'any'>): void {
  args.forEach((arg, i) => {
    const type = types[i];
    if (arg === undefined || arg === null) {
      if (type !== 'any') throw new JavaMethodError(`java.lang.NullPointerException: argument ${i + 1} of ${name}() is null`);
    } else if (type === 'int' && !(typeof arg === 'number' && Number.isInteger(arg))) {
      throw new JavaMethodError(`${name}() expects a whole number as argument ${i + 1}, got ${javaTypeName(arg)} ${javaToString(arg, true)}`);
    }
  });
}

const str = (v: unknown) => javaToString(v, true);

function stringMethod(s: string, name: string, args: unknown[], limit: MatchLimit | undefined): unknown {
  const n = args.length;
  const regexCall = (fn: () => unknown) => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof JavaRegexError) throw new JavaMethodError(`${name}(): ${error.message}`);
      throw error;
    }
  };
  switch (`${name}/${n}`) {
    case 'length/0':
      return s.length;
    case 'isEmpty/0':
      return s.length === 0;
    case 'isBlank/0':
      return s.trim().length === 0;
    case 'toString/0':
    case 'intern/0':
      return s;
    case 'hashCode/0': {
      let h = 0;
      for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
      return h;
    }
    case 'charAt/1': {
      requireArgs(name, args, ['int']);
      const i = args[0] as number;
      if (i < 0 || i >= s.length) throw new JavaMethodError(`java.lang.StringIndexOutOfBoundsException: index ${i}, length ${s.length}`);
      return s[i];
    }
    case 'substring/1':
    case 'substring/2': {
      requireArgs(name, args, ['int', 'int']);
      const begin = args[0] as number;
      const end = n === 2 ? (args[1] as number) : s.length;
      if (begin < 0 || end > s.length || begin > end) {
        throw new JavaMethodError(`java.lang.StringIndexOutOfBoundsException: begin ${begin}, end ${end}, length ${s.length}`);
      }
      return s.slice(begin, end);
    }
    case 'indexOf/1':
    case 'indexOf/2':
      requireArgs(name, args, ['string', 'int']);
      return s.indexOf(str(args[0]), n === 2 ? Math.max(0, args[1] as number) : 0);
    case 'lastIndexOf/1':
    case 'lastIndexOf/2':
      requireArgs(name, args, ['string', 'int']);
      if (n === 2 && (args[1] as number) < 0) return -1;
      return n === 2 ? s.lastIndexOf(str(args[0]), args[1] as number) : s.lastIndexOf(str(args[0]));
    case 'contains/1':
      requireArgs(name, args, ['string']);
      return s.includes(str(args[0]));
    case 'startsWith/1':
    case 'startsWith/2':
      requireArgs(name, args, ['string', 'int']);
      return s.startsWith(str(args[0]), n === 2 ? (args[1] as number) : 0);
    case 'endsWith/1':
      requireArgs(name, args, ['string']);
      return s.endsWith(str(args[0]));
    case 'equals/1':
      return typeof args[0] === 'string' && args[0] === s;
    case 'equalsIgnoreCase/1':
      return typeof args[0] === 'string' && args[0].toLowerCase() === s.toLowerCase();
    case 'compareTo/1':
    case 'compareToIgnoreCase/1': {
      requireArgs(name, args, ['string']);
      const a = name === 'compareTo' ? s : s.toLowerCase();
      const b = name === 'compareTo' ? str(args[0]) : str(args[0]).toLowerCase();
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a.charCodeAt(i) - b.charCodeAt(i);
      return a.length - b.length;
    }
    case 'concat/1':
      requireArgs(name, args, ['string']);
      return s + str(args[0]);
    case 'replace/2':
      requireArgs(name, args, ['string', 'string']);
      return replaceLiterally(s, str(args[0]), str(args[1]), limit);
    case 'replaceAll/2':
    case 'replaceFirst/2':
      requireArgs(name, args, ['string', 'string']);
      return regexCall(() => javaReplace(s, str(args[0]), str(args[1]), name === 'replaceAll', limit));
    case 'matches/1':
      requireArgs(name, args, ['string']);
      return regexCall(() => javaMatches(str(args[0]), s, limit));
    case 'split/1':
    case 'split/2':
      requireArgs(name, args, ['string', 'int']);
      return regexCall(() => javaList(javaSplit(s, str(args[0]), n === 2 ? (args[1] as number) : 0, limit)));
    case 'trim/0':
      // Java's trim() removes every character up to U+0020, not Unicode white space.
      return s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
    case 'strip/0':
      return s.trim();
    case 'stripLeading/0':
      return s.trimStart();
    case 'stripTrailing/0':
      return s.trimEnd();
    case 'toLowerCase/0':
      return s.toLowerCase();
    case 'toUpperCase/0':
      return s.toUpperCase();
    case 'toCharArray/0':
      if (limit?.maxResultItems !== undefined && s.length > limit.maxResultItems) {
        throw new OperationLimit('list-too-large', `would make a list of ${s.length} characters; the evaluator stops lists at ${limit.maxResultItems} elements`);
      }
      return javaList(s.split(''));
    case 'repeat/1': {
      requireArgs(name, args, ['int']);
      const count = args[0] as number;
      if (count < 0) throw new JavaMethodError(`java.lang.IllegalArgumentException: count is negative: ${count}`);
      refuseLongString(s.length * count, limit);
      return s.repeat(count);
    }
  }
  return NO_SUCH_METHOD;
}

/** Refuses a list that would outgrow MAX_LIST_SIZE. */
function growList(list: unknown[], added: number): void {
  if (list.length + added > MAX_LIST_SIZE) {
    throw new OperationLimit('list-too-large', `would make a list of ${list.length + added} elements; the evaluator stops lists at ${MAX_LIST_SIZE} elements`);
  }
}

/** Refuses, before building it, a string longer than the evaluation lets a value be. */
function refuseLongString(length: number, limit: MatchLimit | undefined): void {
  const max = limit?.maxResultLength;
  if (max !== undefined && length > max) {
    throw new OperationLimit('output-too-large', `would return a string of ${length} characters, beyond API Gateway's 10 MB payload limit; the evaluator stops it instead of building it`);
  }
}

/**
 * String.replace(CharSequence, CharSequence): every occurrence, left to right; an empty target matches before every
 * character and at the end, as Java's literal pattern does (so `"ab".replace("", "-")` is `-a-b-`).
 */
function replaceLiterally(s: string, target: string, replacement: string, limit: MatchLimit | undefined): string {
  if (target === '') {
    const characters = Array.from(s);
    refuseLongString(s.length + (characters.length + 1) * replacement.length, limit);
    return replacement + characters.join(replacement) + replacement;
  }
  let count = 0;
  for (let at = s.indexOf(target); at >= 0; at = s.indexOf(target, at + target.length)) count++;
  refuseLongString(s.length + count * (replacement.length - target.length), limit);
  return count === 0 ? s : s.split(target).join(replacement);
}

/** Structural changes (adds and removes) per list: Java's modCount, which its list iterators check. */
const modifications = new WeakMap<unknown[], number>();

export function listModifications(list: unknown[]): number {
  return modifications.get(list) ?? 0;
}

function modified(list: unknown[]): void {
  modifications.set(list, listModifications(list) + 1);
}

function checkIndex(list: unknown[], index: number, size = list.length, call?: string): void {
  if (index >= 0 && index < size) return;
  const exception = `java.lang.IndexOutOfBoundsException: Index ${index} out of bounds for length ${list.length}`;
  throw new JavaMethodError(call ? `${call} on a list of ${list.length} elements failed: ${exception}` : exception);
}

function listMethod(list: unknown[], name: string, args: unknown[]): unknown {
  switch (`${name}/${args.length}`) {
    case 'size/0':
      return list.length;
    case 'isEmpty/0':
      return list.length === 0;
    case 'get/1':
      requireArgs(name, args, ['int']);
      checkIndex(list, args[0] as number);
      return list[args[0] as number];
    case 'add/1':
      growList(list, 1);
      list.push(args[0]);
      modified(list);
      return true;
    case 'add/2':
      requireArgs(name, args, ['int', 'any']);
      checkIndex(list, args[0] as number, list.length + 1);
      growList(list, 1);
      list.splice(args[0] as number, 0, args[1]);
      modified(list);
      return undefined;
    case 'addAll/1': {
      const added = args[0];
      if (!Array.isArray(added)) throw new JavaMethodError(`addAll() expects a list, got ${javaTypeName(added)}`);
      growList(list, added.length);
      // One element at a time: spreading a long list into push() passes each element as an argument, past the stack's room.
      const count = added.length;
      for (let i = 0; i < count; i++) list.push(added[i]);
      modified(list);
      return count > 0;
    }
    case 'set/2': {
      requireArgs(name, args, ['int', 'any']);
      checkIndex(list, args[0] as number);
      const previous = list[args[0] as number];
      list[args[0] as number] = args[1];
      return previous;
    }
    case 'contains/1':
      return list.some((v) => javaEquals(v, args[0]));
    case 'indexOf/1':
      return list.findIndex((v) => javaEquals(v, args[0]));
    case 'lastIndexOf/1': {
      for (let i = list.length - 1; i >= 0; i--) if (javaEquals(list[i], args[0])) return i;
      return -1;
    }
    case 'remove/1': {
      if (typeof args[0] === 'number' && Number.isInteger(args[0])) {
        checkIndex(list, args[0]);
        modified(list);
        return list.splice(args[0], 1)[0];
      }
      const at = list.findIndex((v) => javaEquals(v, args[0]));
      if (at >= 0) {
        list.splice(at, 1);
        modified(list);
      }
      return at >= 0;
    }
    case 'clear/0':
      list.length = 0;
      modified(list);
      return undefined;
    case 'subList/2': {
      requireArgs(name, args, ['int', 'int']);
      const [from, to] = args as [number, number];
      if (from < 0 || to > list.length || from > to) throw new JavaMethodError(`java.lang.IndexOutOfBoundsException: fromIndex ${from}, toIndex ${to}, size ${list.length}`);
      return javaList(list.slice(from, to));
    }
    case 'equals/1':
      return javaEquals(list, args[0]);
    case 'toString/0':
      return javaToString(list);
  }
  return NO_SUCH_METHOD;
}

function mapMethod(map: JavaMap, name: string, args: unknown[]): unknown {
  // The key as given: the Integer 1 and the String "1" are different keys of a Java map.
  const key = () => args[0];
  switch (`${name}/${args.length}`) {
    case 'get/1':
      return mapGet(map, key());
    case 'getOrDefault/2':
      return mapHas(map, key()) ? mapGet(map, key()) : args[1];
    case 'put/2': {
      const previous = mapGet(map, key());
      mapSet(map, key(), args[1]);
      return previous;
    }
    case 'putAll/1':
      if (!isMapValue(args[0])) throw new JavaMethodError(`putAll() expects a map, got ${javaTypeName(args[0])}`);
      for (const [k, v] of mapEntries(args[0])) mapSet(map, k, v);
      return undefined;
    case 'containsKey/1':
      return mapHas(map, key());
    case 'containsValue/1':
      return mapValues(map).some((v) => javaEquals(v, args[0]));
    case 'keySet/0':
      return javaList(mapKeys(map));
    case 'values/0':
      return javaList(mapValues(map));
    case 'entrySet/0':
      return javaList(mapEntries(map).map(([k, v]) => new MapEntry(k, v, map)));
    case 'size/0':
      return mapSize(map);
    case 'isEmpty/0':
      return mapSize(map) === 0;
    case 'remove/1': {
      const previous = mapGet(map, key());
      mapDelete(map, key());
      return previous;
    }
    case 'clear/0':
      mapClear(map);
      return undefined;
    case 'equals/1':
      return javaEquals(map, args[0]);
    case 'toString/0':
      return javaToString(map);
  }
  return NO_SUCH_METHOD;
}

function entryMethod(entry: MapEntry, name: string, args: unknown[]): unknown {
  switch (`${name}/${args.length}`) {
    case 'getKey/0':
      return entry.key;
    case 'getValue/0':
      return entry.value;
    case 'setValue/1':
      return entry.setValue(args[0]);
    case 'toString/0':
      return javaToString(entry);
  }
  return NO_SUCH_METHOD;
}

function scalarMethod(value: JavaNumber | boolean, name: string, args: unknown[]): unknown {
  switch (`${name}/${args.length}`) {
    case 'toString/0':
      return javaToString(value);
    case 'equals/1':
      // Java's equals wants the same class: Integer 1 is not Double 1.0.
      if (typeof value === 'boolean') return args[0] === value;
      return isJavaNumber(args[0]) && javaTypeName(args[0]) === javaTypeName(value) && compareJavaNumbers(value, args[0]) === 0;
    case 'booleanValue/0':
      return typeof value === 'boolean' ? value : NO_SUCH_METHOD;
  }
  if (typeof value === 'boolean') return NO_SUCH_METHOD;
  switch (`${name}/${args.length}`) {
    case 'intValue/0':
      return typeof value === 'bigint' ? Number(BigInt.asIntN(32, value)) : Math.trunc(Number(value));
    case 'longValue/0':
      return typeof value === 'bigint' ? javaInteger(BigInt.asIntN(64, value)) : Math.trunc(Number(value));
    case 'doubleValue/0':
    case 'floatValue/0':
      return javaDouble(Number(value));
    case 'compareTo/1':
      requireArgs(name, args, ['any']);
      return isJavaNumber(args[0]) ? compareJavaNumbers(value, args[0]) : NO_SUCH_METHOD;
  }
  return NO_SUCH_METHOD;
}
