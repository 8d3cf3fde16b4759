/** The arguments of a Java method call, read as Java reads them: a null one it dereferences throws. */
import { javaClassName, javaTypeName } from '../javaValues';
import { JavaMethodError, nullPointer } from './errors';

/** A String argument Java dereferences: null throws. */
export function text(args: unknown[], i: number, name: string): string {
  const value = args[i];
  if (value === undefined || value === null) throw nullPointer(name, i);
  return value as string;
}

export const int = (args: unknown[], i: number) => args[i] as number;

/** A Collection argument as its elements; null throws. */
export function elements(args: unknown[], i: number, name: string): unknown[] {
  const value = args[i];
  if (value === undefined || value === null) throw nullPointer(name, i);
  return value as unknown[];
}

/** The bridge `compareTo(Object)` of a Comparable: null throws, a value of another class cannot be cast. */
export function comparedWith(target: unknown, other: unknown): unknown {
  if (other === undefined || other === null) throw new JavaMethodError('java.lang.NullPointerException: compareTo() of null');
  if (javaClassName(other) !== javaClassName(target)) {
    throw new JavaMethodError(`java.lang.ClassCastException: class ${javaClassName(other)} cannot be cast to class ${javaClassName(target)} (compareTo() takes a ${javaTypeName(target)})`);
  }
  return other;
}
