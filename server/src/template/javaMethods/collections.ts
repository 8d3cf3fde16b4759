/** What lists, arrays and a map's views share: Java's modCount, index checks, and AbstractCollection's methods. */
import { ARRAY_CLASSES, javaArray, javaObjectEquals } from '../javaValues';
import { elements } from './arguments';
import { JavaMethodError, nullPointer } from './errors';
import type { JavaMethods } from './methodTable';
import { objectMethods } from './objects';

/** Structural changes (adds and removes) per list: Java's modCount, which its list iterators check. */
const modifications = new WeakMap<unknown[], number>();

export function listModifications(list: unknown[]): number {
  return modifications.get(list) ?? 0;
}

export function modified(list: unknown[]): void {
  modifications.set(list, listModifications(list) + 1);
}

export function checkIndex(list: unknown[], index: number, size = list.length, call?: string): void {
  if (index >= 0 && index < size) return;
  const exception = `java.lang.IndexOutOfBoundsException: Index ${index} out of bounds for length ${list.length}`;
  throw new JavaMethodError(call ? `${call} on a list of ${list.length} elements failed: ${exception}` : exception);
}

export function indexOfElement(list: unknown[], value: unknown): number {
  return list.findIndex((v) => javaObjectEquals(v, value));
}

export function lastIndexOfElement(list: unknown[], value: unknown): number {
  for (let i = list.length - 1; i >= 0; i--) if (javaObjectEquals(list[i], value)) return i;
  return -1;
}

/** What lists, arrays and views all answer (AbstractCollection, and ArrayListWrapper for arrays). */
export function collectionMethods(): JavaMethods<unknown[]> {
  return objectMethods<unknown[]>()
    .def('size', [], (l) => l.length)
    .def('isEmpty', [], (l) => l.length === 0)
    .def('contains', ['Object'], (l, a) => indexOfElement(l, a[0]) >= 0)
    .def('containsAll', ['Collection'], (l, a) => elements(a, 0, 'containsAll').every((item) => indexOfElement(l, item) >= 0))
    .def('toArray', [], (l) => javaArray([...l], ARRAY_CLASSES.objects))
    // toArray(T[]): Velocity passes other arguments as varargs, in a new array, which Java fills when it is long enough.
    .def('toArray', ['Object'], (l, a) => {
      if (a[0] === undefined || a[0] === null) throw nullPointer('toArray', 0);
      return filledArray(l, a);
    })
    .def('toArray', ['Object'], (l, a) => filledArray(l, a[0] as unknown[]), true)
    // Without a function (templates can pass none but null) these throw before doing anything.
    .def('forEach', ['Opaque'], () => {
      throw nullPointer('forEach', 0);
    })
    .def('removeIf', ['Opaque'], () => {
      throw nullPointer('removeIf', 0);
    });
}

/** Collection.toArray(T[] given): the elements in `given` when it has room (a null after them), else in a new array. */
function filledArray(list: unknown[], given: unknown[]): unknown[] {
  if (given.length < list.length) return javaArray([...list], ARRAY_CLASSES.objects);
  const filled = [...list, ...given.slice(list.length)];
  if (given.length > list.length) filled[list.length] = null;
  return javaArray(filled, ARRAY_CLASSES.objects);
}

/** Removes from `list` the elements `other` holds (or, with `keep`, those it lacks); whether any went. */
export function removeWhere(list: unknown[], other: unknown[], keep: boolean, remove: (index: number) => void): boolean {
  let changed = false;
  for (let i = list.length - 1; i >= 0; i--) {
    if ((indexOfElement(other, list[i]) >= 0) !== keep) {
      remove(i);
      changed = true;
    }
  }
  return changed;
}

export function unsupported(name: string, what: string): JavaMethodError {
  return new JavaMethodError(`java.lang.UnsupportedOperationException: ${name}() on ${what}`);
}
