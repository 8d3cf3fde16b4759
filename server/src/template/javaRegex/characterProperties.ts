export const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';
export const HORIZONTAL_SPACE = ' \\t\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
export const VERTICAL_SPACE = '\\n\\u000B\\f\\r\\u0085\\u2028\\u2029';
export const JAVA_SPACE = ' \\t\\n\\u000B\\f\\r';
const IDENTIFIER_IGNORABLE = '\\u0000-\\u0008\\u000E-\\u001B\\u007F-\\u009F\\p{Cf}';
// Without UNICODE_CHARACTER_CLASS, Java's word boundary asks Character.isLetterOrDigit, not \w.
export const BOUNDARY_WORD = '[\\p{L}\\p{Nd}_]';

/** Java's POSIX classes are US-ASCII by default; the java* classes follow java.lang.Character. */
export const NAMED_CLASSES: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\u0000-\\u007F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\u002F:-@\\u005B-`\\u007B-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\u0000-\\u001F\\u007F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaWhitespace: '\\t-\\r\\u001C-\\u0020\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000',
  javaMirrored: '\\p{Bidi_M}',
  javaDigit: '\\p{Nd}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '\\p{L}\\p{Nd}',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaTitleCase: '\\p{Lt}',
  javaSpaceChar: '\\p{Z}',
  javaISOControl: '\\u0000-\\u001F\\u007F-\\u009F',
  javaIdentifierIgnorable: IDENTIFIER_IGNORABLE,
  javaJavaIdentifierStart: '\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}',
  javaJavaIdentifierPart: `\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}\\p{Nd}\\p{Mc}\\p{Mn}${IDENTIFIER_IGNORABLE}`,
  LD: '\\p{L}\\p{Nd}',
  L1: '\\u0000-\\u00FF',
  all: '\\s\\S',
};

export const CATEGORIES = new Set(
  'Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm Sc Sk So Pi Pf L M N Z C P S LC'.split(' '),
);

/** Binary properties Java accepts after `Is`, case-insensitively. */
export const BINARY_PROPERTIES: Record<string, string> = {
  ALPHABETIC: '\\p{Alphabetic}',
  LETTER: '\\p{L}',
  IDEOGRAPHIC: '\\p{Ideographic}',
  LOWERCASE: '\\p{Lowercase}',
  UPPERCASE: '\\p{Uppercase}',
  TITLECASE: '\\p{Lt}',
  WHITE_SPACE: '\\p{White_Space}',
  WHITESPACE: '\\p{White_Space}',
  CONTROL: '\\p{Cc}',
  PUNCTUATION: '\\p{P}',
  HEX_DIGIT: '\\p{Hex_Digit}',
  HEXDIGIT: '\\p{Hex_Digit}',
  ASSIGNED: '\\P{Cn}',
  NONCHARACTER_CODE_POINT: '\\p{Noncharacter_Code_Point}',
  DIGIT: '\\p{Nd}',
  ALNUM: '\\p{Alphabetic}\\p{Nd}',
  JOIN_CONTROL: '\\p{Join_Control}',
  JOINCONTROL: '\\p{Join_Control}',
};

function jsAccepts(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

export function scriptItem(name: string): string | undefined {
  const candidates = [name, name.toLowerCase().replace(/(^|_)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase())];
  for (const candidate of candidates) {
    if (/^[A-Za-z_]+$/.test(candidate) && jsAccepts(`\\p{Script=${candidate}}`)) return `\\p{Script=${candidate}}`;
  }
  return undefined;
}
