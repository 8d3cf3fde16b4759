/** java.util.List (ArrayList and json-smart's JSONArray) and Java arrays. */
import { MAX_LIST_SIZE, OperationLimit } from '../limits';
import { ARRAY_CLASSES, isJavaList, isJavaNumber, JavaChar, javaArrayClass, javaList, javaToString, javaTypeName } from '../javaValues';
import { elements, int } from './arguments';
import { BOOLEAN_METHODS } from './booleans';
import { CHAR_METHODS } from './characters';
import { checkIndex, collectionMethods, indexOfElement, lastIndexOfElement, modified, removeWhere, unsupported } from './collections';
import { JavaMethodError, nullPointer } from './errors';
import type { JavaMethods, MethodTable } from './methodTable';
import { NUMBER_TABLES } from './numbers';
import { STRING_METHODS } from './strings';

/** Refuses a list that would outgrow MAX_LIST_SIZE. */
function growList(list: unknown[], added: number): void {
  if (list.length + added > MAX_LIST_SIZE) {
    throw new OperationLimit('list-too-large', `would make a list of ${list.length + added} elements; the evaluator stops lists at ${MAX_LIST_SIZE} elements`);
  }
}

function subList(list: unknown[], from: number, to: number): unknown[] {
  if (from < 0 || to > list.length || from > to) throw new JavaMethodError(`java.lang.IndexOutOfBoundsException: fromIndex ${from}, toIndex ${to}, size ${list.length}`);
  return javaList(list.slice(from, to));
}

/** What lists and arrays answer beyond a collection's methods: List's own defaults. */
function listDefaults(methods: JavaMethods<unknown[]>): JavaMethods<unknown[]> {
  return methods
    // Without a comparator (templates can pass none but null), in the elements' natural order.
    .def('sort', ['Opaque'], (l) => {
      sortNaturally(l);
      modified(l);
      return undefined;
    })
    .def('replaceAll', ['Opaque'], () => {
      throw nullPointer('replaceAll', 0);
    });
}

function removeAt(list: unknown[], index: number): unknown {
  checkIndex(list, index);
  modified(list);
  return list.splice(index, 1)[0];
}

function insertAll(list: unknown[], index: number, added: unknown[]): boolean {
  checkIndex(list, index, list.length + 1);
  growList(list, added.length);
  // In chunks: spreading a long list into splice() passes each element as an argument, past the stack's room.
  const copy = added.slice();
  for (let at = 0; at < copy.length; at += 10_000) list.splice(index + at, 0, ...copy.slice(at, at + 10_000));
  modified(list);
  return copy.length > 0;
}

export const LIST_METHODS = listDefaults(collectionMethods())
  .def('get', ['int'], (l, a) => {
    checkIndex(l, int(a, 0));
    return l[int(a, 0)];
  })
  .def('set', ['int', 'Object'], (l, a) => {
    checkIndex(l, int(a, 0));
    const previous = l[int(a, 0)];
    l[int(a, 0)] = a[1];
    return previous;
  })
  .def('add', ['Object'], (l, a) => {
    growList(l, 1);
    l.push(a[0]);
    modified(l);
    return true;
  })
  .def('add', ['int', 'Object'], (l, a) => {
    checkIndex(l, int(a, 0), l.length + 1);
    growList(l, 1);
    l.splice(int(a, 0), 0, a[1]);
    modified(l);
    return undefined;
  })
  .def('addAll', ['Collection'], (l, a) => insertAll(l, l.length, elements(a, 0, 'addAll')))
  .def('addAll', ['int', 'Collection'], (l, a) => insertAll(l, int(a, 0), elements(a, 1, 'addAll')))
  .def('remove', ['int'], (l, a) => removeAt(l, int(a, 0)))
  .def('remove', ['Object'], (l, a) => {
    const at = indexOfElement(l, a[0]);
    if (at >= 0) removeAt(l, at);
    return at >= 0;
  })
  .def('removeAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'removeAll'), false, (i) => removeAt(l, i)))
  .def('retainAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'retainAll'), true, (i) => removeAt(l, i)))
  .def('clear', [], (l) => {
    l.length = 0;
    modified(l);
    return undefined;
  })
  .def('indexOf', ['Object'], (l, a) => indexOfElement(l, a[0]))
  .def('lastIndexOf', ['Object'], (l, a) => lastIndexOfElement(l, a[0]))
  .def('subList', ['int', 'int'], (l, a) => subList(l, int(a, 0), int(a, 1)))
  // ArrayList.clone: a shallow copy of the same class.
  .def('clone', [], (l) => (isJavaList(l) ? javaList([...l]) : [...l]))
  .def('trimToSize', [], () => undefined)
  .def('ensureCapacity', ['int'], () => undefined);

/**
 * The methods of a Comparable element (a String, number, Boolean or Character): the table dispatch.ts's methodsOf
 * finds for it, looked up here so that this file need not import dispatch.ts, which imports it. Undefined for any
 * other value.
 */
function comparableMethods(value: unknown): MethodTable | undefined {
  if (typeof value === 'string') return STRING_METHODS;
  if (isJavaNumber(value)) return NUMBER_TABLES[javaTypeName(value)];
  if (typeof value === 'boolean') return BOOLEAN_METHODS;
  if (value instanceof JavaChar) return CHAR_METHODS;
  return undefined;
}

/** Comparable.compareTo between two elements of a list being sorted: of one class, neither null. */
function compareNaturally(a: unknown, b: unknown): number {
  if (a === undefined || a === null || b === undefined || b === null) throw new JavaMethodError('java.lang.NullPointerException: sort() without a comparator met a null element');
  const methods = comparableMethods(a);
  if (!methods) throw new JavaMethodError(`java.lang.ClassCastException: sort() without a comparator needs Comparable elements, and ${javaTypeName(a)} is not one`);
  return methods.call(a, 'compareTo', [b], undefined) as number;
}

function sortNaturally(list: unknown[]): void {
  if (list.length < 2) return;
  // Java checks every pair it compares; a list of one class sorts as JavaScript's stable sort does.
  const sorted = list.slice().sort(compareNaturally);
  for (let i = 0; i < sorted.length; i++) list[i] = sorted[i];
}

/** Array.set's check: a String[] holds Strings, a char[] Characters, a byte[] Bytes (which templates cannot make). */
export function checkArrayElement(target: unknown[], value: unknown): void {
  const arrayClass = javaArrayClass(target);
  if (arrayClass === undefined || arrayClass === ARRAY_CLASSES.objects) return;
  const fits = arrayClass === ARRAY_CLASSES.strings ? value === undefined || value === null || typeof value === 'string' : arrayClass === ARRAY_CLASSES.chars && value instanceof JavaChar;
  if (!fits) throw new JavaMethodError(`java.lang.IllegalArgumentException: array element type mismatch (a ${javaTypeName(target)} cannot hold ${javaTypeName(value)} ${javaToString(value, true)})`);
}

/**
 * An array has Object's methods itself (equals is identity, toString its class and identity hash) and List's through
 * Velocity's ArrayListWrapper, a fixed-size list: it reads and sets elements, and refuses to grow or shrink.
 */
export const ARRAY_METHODS = listDefaults(collectionMethods())
  .def('equals', ['Object'], (l, a) => l === a[0])
  .def('get', ['int'], (l, a) => {
    checkIndex(l, int(a, 0));
    return l[int(a, 0)];
  })
  .def('set', ['int', 'Object'], (l, a) => {
    checkIndex(l, int(a, 0));
    checkArrayElement(l, a[1]);
    const previous = l[int(a, 0)];
    l[int(a, 0)] = a[1];
    return previous;
  })
  .def('indexOf', ['Object'], (l, a) => indexOfElement(l, a[0]))
  .def('lastIndexOf', ['Object'], (l, a) => lastIndexOfElement(l, a[0]))
  .def('subList', ['int', 'int'], (l, a) => subList(l, int(a, 0), int(a, 1)))
  .def('add', ['Object'], () => {
    throw unsupported('add', 'an array');
  })
  .def('add', ['int', 'Object'], () => {
    throw unsupported('add', 'an array');
  })
  .def('remove', ['int'], () => {
    throw unsupported('remove', 'an array');
  })
  // AbstractCollection's removals fail only once they find something to remove.
  .def('remove', ['Object'], (l, a) => {
    if (indexOfElement(l, a[0]) >= 0) throw unsupported('remove', 'an array');
    return false;
  })
  .def('addAll', ['Collection'], (_, a) => {
    if (elements(a, 0, 'addAll').length > 0) throw unsupported('addAll', 'an array');
    return false;
  })
  .def('addAll', ['int', 'Collection'], (l, a) => {
    checkIndex(l, int(a, 0), l.length + 1);
    if (elements(a, 1, 'addAll').length > 0) throw unsupported('addAll', 'an array');
    return false;
  })
  .def('clear', [], (l) => {
    if (l.length > 0) throw unsupported('clear', 'an array');
    return undefined;
  })
  .def('removeAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'removeAll'), false, () => {
    throw unsupported('removeAll', 'an array');
  }))
  .def('retainAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'retainAll'), true, () => {
    throw unsupported('retainAll', 'an array');
  }));
