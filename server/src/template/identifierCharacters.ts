/**
 * The character classes of Velocity's identifiers by code unit, looked up in a table: the template scanners test
 * nearly every character, and a function call per class and character costs more, above all before they are
 * optimised. A code unit outside the table (past the end: -1 or NaN; beyond ASCII) belongs to none.
 */
const LETTER = 1;
const DIGIT = 2;
const UNDERSCORE = 4;
const HYPHEN = 8;
const CLASSES = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CLASSES[c] = CLASSES[c + 32] = LETTER;
for (let c = 48; c <= 57; c++) CLASSES[c] = DIGIT;
CLASSES[95] = UNDERSCORE;
CLASSES[45] = HYPHEN;

/** `[A-Za-z]`. */
export function isLetter(c: number): boolean {
  return CLASSES[c] === LETTER;
}

/** `[0-9]`. */
export function isDigit(c: number): boolean {
  return CLASSES[c] === DIGIT;
}

/** `[A-Za-z_]`. */
export function isIdentifierStart(c: number): boolean {
  return (CLASSES[c] & (LETTER | UNDERSCORE)) !== 0;
}

/** `\w`, `[A-Za-z0-9_]`: directive names, and where `\b` falls. */
export function isWordCharacter(c: number): boolean {
  return (CLASSES[c] & (LETTER | DIGIT | UNDERSCORE)) !== 0;
}

/** `[A-Za-z0-9_-]`. */
export function isIdentifierPart(c: number): boolean {
  return CLASSES[c] > 0;
}
