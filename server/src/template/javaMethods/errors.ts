/** The error a Java method call fails with, as Velocity's MethodInvocationException fails the template. */
export class JavaMethodError extends Error {}

export function nullPointer(name: string, position: number): JavaMethodError {
  return new JavaMethodError(`java.lang.NullPointerException: argument ${position + 1} of ${name}() is null`);
}
