/** Which methods a value has, and calling them: `$value.name(...)` and the property `$value.name`. */
import type { MatchLimit } from '../javaRegex';
import { isMapValue, mapGet } from '../javaMaps';
import { isJavaNumber, JavaChar, JavaClass, javaArrayClass, javaTypeName, MapEntry, mapViewOf, NO_SUCH_METHOD, TemplateHost } from '../javaValues';
import { BOOLEAN_METHODS } from './booleans';
import { CHAR_METHODS } from './characters';
import { ARRAY_METHODS, LIST_METHODS } from './lists';
import { ENTRY_METHODS, MAP_METHODS, VIEW_METHODS } from './maps';
import type { MethodTable } from './methodTable';
import { NUMBER_TABLES } from './numbers';
import { CLASS_METHODS, classOf } from './objects';
import { STRING_METHODS } from './strings';

/** `limit` bounds the matching of regular expressions that can backtrack exponentially (see javaRegex). */
export function invokeJavaMethod(target: unknown, name: string, args: unknown[], limit?: MatchLimit): unknown {
  if (target instanceof TemplateHost) return target.invoke(name, args);
  const methods = methodsOf(target);
  return methods ? methods.call(target, name, args, limit) : NO_SUCH_METHOD;
}

/**
 * `$value.name` without a call, in the order Velocity 1.7's UberspectImpl tries: a getter `getName()` (or `getname()`),
 * then for a map the entry `name`, then a boolean `isName()`. So `$map.class` is the map's class, not its entry
 * `class`; `$string.empty` is `isEmpty()`, `$string.bytes` is `getBytes()`, `$entry.key` is `getKey()`.
 */
export function readJavaProperty(target: unknown, name: string): unknown {
  if (target === undefined || target === null) return undefined;
  // JSON objects first: most reads in a template are members of the payload.
  if (target instanceof Map) return name === 'class' || name === 'Class' ? classOf(target) : target.get(name);
  if (target instanceof TemplateHost) return target.property(name);
  if (isMapValue(target)) return name === 'class' || name === 'Class' ? classOf(target) : mapGet(target, name);
  // An array's own class has Object's getters only: Velocity wraps arrays in a list for method calls, not for properties.
  if (javaArrayClass(target) !== undefined) return name === 'class' || name === 'Class' ? classOf(target) : undefined;
  const methods = methodsOf(target);
  if (!methods) return undefined;
  for (const getter of accessorNames('get', name)) {
    if (methods.hasNoArgument(getter)) return methods.call(target, getter, [], undefined);
  }
  for (const getter of accessorNames('is', name)) {
    if (methods.hasNoArgument(getter)) {
      const value = methods.call(target, getter, [], undefined);
      if (typeof value === 'boolean') return value;
    }
  }
  return undefined;
}

/** PropertyExecutor's names: the prefix and the name as written, then with its first letter's case flipped. */
function accessorNames(prefix: string, name: string): string[] {
  const first = name[0];
  const flipped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
  return [prefix + name, prefix + flipped + name.slice(1)];
}

/** The methods Velocity finds on a value, or undefined for null and the engine's own objects. */
function methodsOf(target: unknown): MethodTable | undefined {
  let methods: MethodTable | undefined;
  if (typeof target === 'string') methods = STRING_METHODS;
  else if (Array.isArray(target)) methods = javaArrayClass(target) ? ARRAY_METHODS : mapViewOf(target) ? VIEW_METHODS : LIST_METHODS;
  else if (target instanceof MapEntry) methods = ENTRY_METHODS;
  else if (isMapValue(target)) methods = MAP_METHODS;
  else if (isJavaNumber(target)) methods = NUMBER_TABLES[javaTypeName(target)];
  else if (typeof target === 'boolean') methods = BOOLEAN_METHODS;
  else if (target instanceof JavaChar) methods = CHAR_METHODS;
  else if (target instanceof JavaClass) methods = CLASS_METHODS;
  return methods;
}
