/** java.lang.String's methods, its static ones included. */
import { javaMatches, javaReplace, javaSplit, JavaRegexError, type MatchLimit } from '../javaRegex';
import { ARRAY_CLASSES, JavaChar, javaArray, javaArrayClass, javaToString, javaTypeName, NO_SUCH_METHOD, stringHash } from '../javaValues';
import { comparedWith, int, text } from './arguments';
import { codePointText, isJavaWhitespace, lowerChar, upperChar } from './characters';
import { JavaMethodError } from './errors';
import { objectMethods } from './objects';
import { refuseLongList, refuseLongString } from './resultLimits';
import { javaFormat } from './stringFormat';

function stripStart(s: string): string {
  let i = 0;
  while (i < s.length && isJavaWhitespace(s[i])) i++;
  return s.slice(i);
}

function stripEnd(s: string): string {
  let i = s.length;
  while (i > 0 && isJavaWhitespace(s[i - 1])) i--;
  return s.slice(0, i);
}

function outOfBounds(message: string): JavaMethodError {
  return new JavaMethodError(`java.lang.StringIndexOutOfBoundsException: ${message}`);
}

function substring(s: string, begin: number, end: number): string {
  if (begin < 0 || end > s.length || begin > end) throw outOfBounds(`begin ${begin}, end ${end}, length ${s.length}`);
  return s.slice(begin, end);
}

function indexOf(s: string, target: string | undefined, from: number): number {
  return target === undefined ? -1 : s.indexOf(target, Math.max(0, from));
}

function lastIndexOf(s: string, target: string | undefined, from: number): number {
  return target === undefined || from < 0 ? -1 : s.lastIndexOf(target, from);
}

/** String.compareToIgnoreCase (and, with `ignoreCase` false, compareTo): by UTF-16 units, then by length. */
function compareStrings(a: string, b: string, ignoreCase: boolean): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    let x = a[i];
    let y = b[i];
    if (x !== y && ignoreCase) {
      x = lowerChar(upperChar(x));
      y = lowerChar(upperChar(y));
    }
    if (x !== y) return x.charCodeAt(0) - y.charCodeAt(0);
  }
  return a.length - b.length;
}

function regionMatches(s: string, ignoreCase: boolean, offset: number, other: string, otherOffset: number, length: number): boolean {
  if (otherOffset < 0 || offset < 0 || offset > s.length - length || otherOffset > other.length - length) return false;
  return compareStrings(s.slice(offset, offset + Math.max(0, length)), other.slice(otherOffset, otherOffset + Math.max(0, length)), ignoreCase) === 0;
}

/** String.getBytes: UTF-8 unless a charset is named; the bytes signed, as Java's byte is. */
function encode(s: string, charset = 'UTF-8'): number[] {
  const name = charset.toUpperCase().replace(/_/g, '-');
  let bytes: number[];
  if (name === 'UTF-8' || name === 'UTF8') bytes = Array.from(new TextEncoder().encode(s));
  else if (name === 'ISO-8859-1' || name === 'LATIN1' || name === 'US-ASCII' || name === 'ASCII') {
    const max = name.includes('ASCII') ? 0x7f : 0xff;
    // A character the charset lacks becomes `?`, as Java's encoder replaces it.
    bytes = Array.from(s, (c) => (c.codePointAt(0)! <= max ? c.codePointAt(0)! : 0x3f));
  } else {
    throw new JavaMethodError(`java.io.UnsupportedEncodingException: ${charset} (the evaluator knows UTF-8, ISO-8859-1 and US-ASCII)`);
  }
  return bytes.map((b) => (b > 127 ? b - 256 : b));
}

/** String.indent: each line moved by `n` columns, line ends made `\n`, and one after the last line. */
function indent(s: string, n: number): string {
  if (s.length === 0) return '';
  const lines = s.split(/\r\n|\r|\n/);
  if (/(\r\n|\r|\n)$/.test(s)) lines.pop();
  return lines
    .map((line) => {
      if (n > 0) return ' '.repeat(n) + line;
      let cut = 0;
      while (cut < -n && cut < line.length && isJavaWhitespace(line[cut])) cut++;
      return line.slice(cut);
    })
    .map((line) => `${line}\n`)
    .join('');
}

function equalsIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && compareStrings(a, b, true) === 0;
}

/** String.join's elements: CharSequences only, null written `null`. */
function joinedText(name: string, items: unknown[]): string[] {
  return items.map((item) => {
    if (item === undefined || item === null) return 'null';
    if (typeof item !== 'string') throw new JavaMethodError(`java.lang.ClassCastException: ${name}() joins CharSequences, and ${javaTypeName(item)} ${javaToString(item, true)} is none`);
    return item;
  });
}

/** String.valueOf(x): `null` for null, a char[]'s characters, else the value's string form. */
function valueOf(value: unknown): string {
  if (javaArrayClass(value) === ARRAY_CLASSES.chars) return (value as JavaChar[]).map((c) => c.value).join('');
  return javaToString(value, true);
}

/**
 * String.replaceAll: Matcher.replaceAll reads the replacement only once it has found a match, so a null replacement
 * fails only where the pattern matches.
 */
function replaceAll(s: string, pattern: string, replacement: string | null | undefined, limit: MatchLimit | undefined): string {
  if (replacement !== undefined && replacement !== null) return javaReplace(s, pattern, replacement, true, limit);
  let marker = '\ue000';
  while (s.includes(marker)) marker = String.fromCharCode(marker.charCodeAt(0) + 1);
  if (javaReplace(s, pattern, marker, false, limit) !== s) throw new JavaMethodError('java.lang.NullPointerException: replaceAll() found a match, and its replacement is null');
  return s;
}

function regexCall<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof JavaRegexError) throw new JavaMethodError(`${name}(): ${error.message}`);
    throw error;
  }
}

export const STRING_METHODS = objectMethods<string>()
  .def('equals', ['Object'], (s, a) => a[0] === s)
  .def('hashCode', [], (s) => stringHash(s))
  .def('toString', [], (s) => s)
  .def('intern', [], (s) => s)
  .def('length', [], (s) => s.length)
  .def('isEmpty', [], (s) => s.length === 0)
  .def('isBlank', [], (s) => stripStart(s).length === 0)
  .def('charAt', ['int'], (s, a) => {
    const i = int(a, 0);
    if (i < 0 || i >= s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    return new JavaChar(s[i]);
  })
  .def('codePointAt', ['int'], (s, a) => {
    const i = int(a, 0);
    if (i < 0 || i >= s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    return s.codePointAt(i);
  })
  .def('codePointBefore', ['int'], (s, a) => {
    const i = int(a, 0);
    if (i < 1 || i > s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    const low = s.charCodeAt(i - 1);
    return i >= 2 && low >= 0xdc00 && low <= 0xdfff && s.codePointAt(i - 2)! > 0xffff ? s.codePointAt(i - 2) : low;
  })
  .def('codePointCount', ['int', 'int'], (s, a) => Array.from(substring(s, int(a, 0), int(a, 1))).length)
  .def('substring', ['int'], (s, a) => substring(s, int(a, 0), s.length))
  .def('substring', ['int', 'int'], (s, a) => substring(s, int(a, 0), int(a, 1)))
  .def('subSequence', ['int', 'int'], (s, a) => substring(s, int(a, 0), int(a, 1)))
  .def('indexOf', ['int'], (s, a) => indexOf(s, codePointText(int(a, 0)), 0))
  .def('indexOf', ['text'], (s, a) => indexOf(s, text(a, 0, 'indexOf'), 0))
  .def('indexOf', ['int', 'int'], (s, a) => indexOf(s, codePointText(int(a, 0)), int(a, 1)))
  .def('indexOf', ['text', 'int'], (s, a) => indexOf(s, text(a, 0, 'indexOf'), int(a, 1)))
  .def('lastIndexOf', ['int'], (s, a) => lastIndexOf(s, codePointText(int(a, 0)), s.length))
  .def('lastIndexOf', ['text'], (s, a) => lastIndexOf(s, text(a, 0, 'lastIndexOf'), s.length))
  .def('lastIndexOf', ['int', 'int'], (s, a) => lastIndexOf(s, codePointText(int(a, 0)), int(a, 1)))
  .def('lastIndexOf', ['text', 'int'], (s, a) => lastIndexOf(s, text(a, 0, 'lastIndexOf'), int(a, 1)))
  .def('contains', ['text'], (s, a) => s.includes(text(a, 0, 'contains')))
  .def('startsWith', ['text'], (s, a) => s.startsWith(text(a, 0, 'startsWith')))
  .def('startsWith', ['text', 'int'], (s, a) => int(a, 1) >= 0 && s.startsWith(text(a, 0, 'startsWith'), int(a, 1)))
  .def('endsWith', ['text'], (s, a) => s.endsWith(text(a, 0, 'endsWith')))
  .def('equalsIgnoreCase', ['text'], (s, a) => typeof a[0] === 'string' && equalsIgnoreCase(s, a[0]))
  .def('contentEquals', ['text'], (s, a) => s === text(a, 0, 'contentEquals'))
  // compareTo(String), and the bridge compareTo(Object) that Comparable adds, which casts its argument.
  .def('compareTo', ['Object'], (s, a) => compareStrings(s, comparedWith(s, a[0]) as string, false))
  .def('compareToIgnoreCase', ['text'], (s, a) => compareStrings(s, text(a, 0, 'compareToIgnoreCase'), true))
  .def('regionMatches', ['int', 'text', 'int', 'int'], (s, a) => regionMatches(s, false, int(a, 0), text(a, 1, 'regionMatches'), int(a, 2), int(a, 3)))
  .def('regionMatches', ['boolean', 'int', 'text', 'int', 'int'], (s, a) =>
    regionMatches(s, a[0] as boolean, int(a, 1), text(a, 2, 'regionMatches'), int(a, 3), int(a, 4)),
  )
  .def('concat', ['text'], (s, a) => s + text(a, 0, 'concat'))
  .def('replace', ['char', 'char'], (s, a) => s.split((a[0] as JavaChar).value).join((a[1] as JavaChar).value))
  .def('replace', ['text', 'text'], (s, a, limit) => replaceLiterally(s, text(a, 0, 'replace'), text(a, 1, 'replace'), limit))
  .def('replaceAll', ['text', 'text'], (s, a, limit) => regexCall('replaceAll', () => replaceAll(s, text(a, 0, 'replaceAll'), a[1] as string | null | undefined, limit)))
  .def('replaceFirst', ['text', 'text'], (s, a, limit) =>
    regexCall('replaceFirst', () => javaReplace(s, text(a, 0, 'replaceFirst'), text(a, 1, 'replaceFirst'), false, limit)),
  )
  .def('matches', ['text'], (s, a, limit) => regexCall('matches', () => javaMatches(text(a, 0, 'matches'), s, limit)))
  .def('split', ['text'], (s, a, limit) => regexCall('split', () => javaArray(javaSplit(s, text(a, 0, 'split'), 0, limit), ARRAY_CLASSES.strings)))
  .def('split', ['text', 'int'], (s, a, limit) =>
    regexCall('split', () => javaArray(javaSplit(s, text(a, 0, 'split'), int(a, 1), limit), ARRAY_CLASSES.strings)),
  )
  // Java's trim() removes every character up to U+0020, not Unicode white space.
  .def('trim', [], (s) => s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, ''))
  .def('strip', [], (s) => stripEnd(stripStart(s)))
  .def('stripLeading', [], (s) => stripStart(s))
  .def('stripTrailing', [], (s) => stripEnd(s))
  .def('toLowerCase', [], (s) => s.toLowerCase())
  .def('toUpperCase', [], (s) => s.toUpperCase())
  .def('toCharArray', [], (s, _, limit) => {
    refuseLongList(s.length, limit);
    return javaArray(Array.from(s.split(''), (c) => new JavaChar(c)), ARRAY_CLASSES.chars);
  })
  .def('getBytes', [], (s, _, limit) => {
    refuseLongList(s.length * 3, limit);
    return javaArray(encode(s), ARRAY_CLASSES.bytes);
  })
  .def('getBytes', ['text'], (s, a, limit) => {
    // getBytes(String) and getBytes(Charset) both take null, neither more specific: Velocity finds no method.
    if (a[0] === undefined || a[0] === null) return NO_SUCH_METHOD;
    refuseLongList(s.length * 3, limit);
    return javaArray(encode(s, a[0] as string), ARRAY_CLASSES.bytes);
  })
  .def('repeat', ['int'], (s, a, limit) => {
    const count = int(a, 0);
    if (count < 0) throw new JavaMethodError(`java.lang.IllegalArgumentException: count is negative: ${count}`);
    refuseLongString(s.length * count, limit);
    return s.repeat(count);
  })
  .def('indent', ['int'], (s, a, limit) => {
    refuseLongString(s.length * (1 + Math.max(0, int(a, 0))), limit);
    return indent(s, int(a, 0));
  })
  // Static methods, which Velocity calls on any String as Java would on the class.
  .def('valueOf', ['Object'], (_, a) => valueOf(a[0]))
  .def('copyValueOf', ['Object'], (_, a) => (javaArrayClass(a[0]) === ARRAY_CLASSES.chars ? valueOf(a[0]) : NO_SUCH_METHOD))
  // A null second argument suits both join methods, neither more specific: Velocity finds no method.
  .def('join', ['text', 'Collection'], (_, a) => (a[1] === undefined || a[1] === null ? NO_SUCH_METHOD : joinedText('join', a[1] as unknown[]).join(text(a, 0, 'join'))))
  .def('join', ['text', 'text'], (_, a) => joinedText('join', a[1] as unknown[]).join(text(a, 0, 'join')), true)
  .def('format', ['text', 'Object'], (_, a, limit) => javaFormat(text(a, 0, 'format'), a[1] as unknown[], limit), true)
  // format(Locale, String, Object...): no template value is a Locale, and a null one formats as format(String, ...).
  .def('format', ['Opaque', 'text', 'Object'], (_, a, limit) => javaFormat(text(a, 1, 'format'), a[2] as unknown[], limit), true)
  // CharSequence.compare, static.
  .def('compare', ['text', 'text'], (_, a) => compareStrings(text(a, 0, 'compare'), text(a, 1, 'compare'), false))
  .def('formatted', ['Object'], (s, a, limit) => javaFormat(s, a[0] as unknown[], limit), true);

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
