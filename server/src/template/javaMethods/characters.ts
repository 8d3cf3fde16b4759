/** java.lang.Character: its white-space and case rules, which String's methods follow too, and its methods. */
import { JavaChar } from '../javaValues';
import { comparedWith, int } from './arguments';
import { JavaMethodError } from './errors';
import { objectMethods } from './objects';

/** Character.isWhitespace, which strip() and isBlank() use: not the no-break spaces that JavaScript's trim() removes. */
export function isJavaWhitespace(c: string): boolean {
  return /[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/.test(c);
}

/** The text of a code point for `indexOf(int)`; undefined for a number that is none, which Java finds nowhere. */
export function codePointText(code: number): string | undefined {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** Character.toUpperCase and toLowerCase of one UTF-16 unit: a character whose case takes two (ß) keeps its own. */
export function upperChar(c: string): string {
  const upper = c.toUpperCase();
  return upper.length === 1 ? upper : c;
}

export function lowerChar(c: string): string {
  const lower = c.toLowerCase();
  return lower.length === 1 ? lower : c;
}

/** A char or code point argument of Character's static methods, as text: empty for a number that is no code point. */
function charText(value: unknown): string {
  return value instanceof JavaChar ? value.value : (codePointText(value as number) ?? '');
}

/** Character's static tests, each for a char and for a code point. */
const CHARACTER_TESTS: Array<[string, (c: string) => boolean]> = [
  ['isDigit', (c) => /^\p{Nd}$/u.test(c)],
  ['isLetter', (c) => /^\p{L}$/u.test(c)],
  ['isLetterOrDigit', (c) => /^[\p{L}\p{Nd}]$/u.test(c)],
  ['isUpperCase', (c) => /^\p{Lu}$/u.test(c)],
  ['isLowerCase', (c) => /^\p{Ll}$/u.test(c)],
  ['isWhitespace', (c) => c !== '' && isJavaWhitespace(c)],
];

export const CHAR_METHODS = CHARACTER_TESTS.reduce(
  (methods, [name, test]) => methods.def(name, ['char'], (_, a) => test(charText(a[0]))).def(name, ['int'], (_, a) => test(charText(a[0]))),
  objectMethods<JavaChar>()
    .def('charValue', [], (c) => c)
    .def('compareTo', ['Object'], (c, a) => c.value.charCodeAt(0) - (comparedWith(c, a[0]) as JavaChar).value.charCodeAt(0))
    .def('toString', ['char'], (_, a) => charText(a[0]))
    .def('toString', ['int'], (_, a) => {
      if (charText(a[0]) === '') throw new JavaMethodError(`java.lang.IllegalArgumentException: Not a valid Unicode code point: ${int(a, 0)}`);
      return charText(a[0]);
    })
    .def('valueOf', ['char'], (_, a) => a[0])
    .def('hashCode', ['char'], (_, a) => (a[0] as JavaChar).value.charCodeAt(0))
    .def('toUpperCase', ['char'], (_, a) => new JavaChar(upperChar(charText(a[0]))))
    .def('toLowerCase', ['char'], (_, a) => new JavaChar(lowerChar(charText(a[0]))))
    .def('toUpperCase', ['int'], (_, a) => (charText(a[0]) === '' ? a[0] : upperChar(charText(a[0])).codePointAt(0)))
    .def('toLowerCase', ['int'], (_, a) => (charText(a[0]) === '' ? a[0] : lowerChar(charText(a[0])).codePointAt(0))),
);
