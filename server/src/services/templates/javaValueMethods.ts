/**
 * The Java methods completion offers on a value a template variable holds: a JSON object is a java.util.Map, a JSON
 * array a java.util.List, text a java.lang.String. A selection of what the template engine answers (its method
 * tables in template/javaMethods), with the signatures and meanings an author needs; the unit tests call each one
 * on the engine, so that nothing is offered that the engine would not find.
 */
import type { ValueShape } from './variableValues';

export interface JavaValueMethod {
  name: string;
  /** Java parameter types and names; overloads are named in `doc`. */
  params: Array<{ type: string; name: string }>;
  returns: string;
  doc: string;
}

const m = (name: string, params: string, returns: string, doc: string): JavaValueMethod => ({
  name,
  params: params ? params.split(', ').map((p) => ({ type: p.split(' ')[0], name: p.split(' ')[1] })) : [],
  returns,
  doc,
});

const MAP_METHODS: JavaValueMethod[] = [
  m('get', 'Object key', 'Object', 'The value under `key`, or null when the object has no such property.'),
  m('containsKey', 'Object key', 'boolean', 'Whether the object has the property `key`, even with a null value.'),
  m('keySet', '', 'Set<String>', 'The property names; `#foreach` over it visits each name.'),
  m('values', '', 'Collection<Object>', 'The property values.'),
  m('entrySet', '', 'Set<Map.Entry>', 'The properties as entries: `$e.key` and `$e.value` inside a `#foreach`.'),
  m('size', '', 'int', 'The number of properties.'),
  m('isEmpty', '', 'boolean', 'Whether the object has no properties.'),
];

const LIST_METHODS: JavaValueMethod[] = [
  m('size', '', 'int', 'The number of items.'),
  m('get', 'int index', 'Object', 'The item at a zero-based index; an index out of range fails the template.'),
  m('isEmpty', '', 'boolean', 'Whether the list has no items.'),
  m('contains', 'Object item', 'boolean', 'Whether an item equals `item`.'),
];

const STRING_METHODS: JavaValueMethod[] = [
  m('length', '', 'int', 'The number of UTF-16 code units.'),
  m('isEmpty', '', 'boolean', 'Whether the length is 0.'),
  m('isBlank', '', 'boolean', 'Whether the string is empty or white space only.'),
  m('charAt', 'int index', 'char', 'The character at a zero-based index.'),
  m('substring', 'int beginIndex, int endIndex', 'String', 'The characters from `beginIndex` up to `endIndex`, exclusive; `substring(int)` runs to the end.'),
  m('indexOf', 'String str', 'int', 'The first position of `str`, or -1; `indexOf(String, int)` starts at a position.'),
  m('lastIndexOf', 'String str', 'int', 'The last position of `str`, or -1.'),
  m('contains', 'CharSequence s', 'boolean', 'Whether `s` occurs in the string.'),
  m('startsWith', 'String prefix', 'boolean', 'Whether the string begins with `prefix`.'),
  m('endsWith', 'String suffix', 'boolean', 'Whether the string ends with `suffix`.'),
  m('equals', 'Object other', 'boolean', 'Whether `other` is the same string.'),
  m('equalsIgnoreCase', 'String other', 'boolean', 'Whether `other` is the same string, ignoring case.'),
  m('compareTo', 'String other', 'int', 'Negative, zero or positive as the string sorts before, with or after `other`.'),
  m('concat', 'String str', 'String', 'The string with `str` appended.'),
  m('replace', 'CharSequence target, CharSequence replacement', 'String', 'Every occurrence of `target` replaced, literally.'),
  m('replaceAll', 'String regex, String replacement', 'String', 'Every match of a Java regular expression replaced; `$1` in `replacement` is a group.'),
  m('replaceFirst', 'String regex, String replacement', 'String', 'The first match of a Java regular expression replaced.'),
  m('matches', 'String regex', 'boolean', 'Whether the whole string matches a Java regular expression.'),
  m('split', 'String regex', 'String[]', 'The parts between matches of a Java regular expression, trailing empty ones dropped.'),
  m('trim', '', 'String', 'Without leading and trailing characters up to U+0020.'),
  m('strip', '', 'String', 'Without leading and trailing white space.'),
  m('toLowerCase', '', 'String', 'In lower case.'),
  m('toUpperCase', '', 'String', 'In upper case.'),
  m('toString', '', 'String', 'The string itself.'),
];

export const JAVA_VALUE_METHODS: Record<ValueShape, JavaValueMethod[]> = { map: MAP_METHODS, list: LIST_METHODS, string: STRING_METHODS };

/** Java's own type names for the shapes, for labels. */
export const JAVA_VALUE_TYPES: Record<ValueShape, string> = { map: 'Map', list: 'List', string: 'String' };

export function javaMethodSignature(method: JavaValueMethod): string {
  return `${method.name}(${method.params.map((p) => `${p.type} ${p.name}`).join(', ')}): ${method.returns}`;
}
