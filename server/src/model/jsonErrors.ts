/**
 * The JSON parser's syntax errors in plain words: what the writer most likely did, and how to put it right, as the YAML
 * syntax errors are told (yamlErrors.ts). The parser names the token it stopped at; the text just before it tells a
 * trailing comma from a missing name, or a leading zero from a missing comma.
 */
import { ParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SyntaxProblem } from './nodes';

/** The text the errors' offsets are in: a string, or the slices of one. */
export interface JsonText {
  readonly length: number;
  slice(start: number, end: number): string;
}

/** How far back the text before an error is read for the token before it. */
const LOOK_BACK = 64;

/** The JSON parser's errors as findings. */
export function jsonErrorProblems(errors: ParseError[], text: JsonText): SyntaxProblem[] {
  // One mistake can raise several errors at one place (a trailing comma: "property name expected" and "value
  // expected"); the first says it.
  const firstAtOffset = errors.filter((e, i) => i === 0 || errors[i - 1].offset !== e.offset);
  // A token the parser does not know (`'name'`, `True`, `01`) leaves it expecting what the token was meant to be at
  // the tokens after it: the token is the mistake, and what it expected would only repeat it. A mistake of a token
  // of its own after it (a trailing comma) is still reported.
  const problems: SyntaxProblem[] = [];
  let repeating = false;
  for (const e of firstAtOffset) {
    const message = jsonErrorMessage(e, text);
    repeating &&= EXPECTED.has(message);
    if (!repeating) problems.push({ message, offset: e.offset, end: e.offset + Math.max(e.length, 1), code: 'json-syntax' });
    repeating ||= isUnknownToken(e, text);
  }
  return problems.slice(0, 50);
}

function isUnknownToken(error: ParseError, text: JsonText): boolean {
  return error.error === ParseErrorCode.InvalidSymbol || isLeadingZero(error, text);
}

/** `01`: the parser reads the number 0, then expects a comma before the 1. */
function isLeadingZero({ error, offset, length }: ParseError, text: JsonText): boolean {
  return error === ParseErrorCode.CommaExpected && /^[0-9]/.test(text.slice(offset, offset + length)) && /(?:^|[^0-9.eE])-?0$/.test(textBefore(offset, text));
}

/** The text before an error, without the spaces and a block comment just before it. */
function textBefore(offset: number, text: JsonText): string {
  return text.slice(Math.max(0, offset - LOOK_BACK), offset).trimEnd().replace(/\/\*(?:(?!\*\/)[\s\S])*\*\/$/, '').trimEnd();
}

/** Where a comment is wanted, YAML has them; API Gateway imports a definition in either. */
const YAML_COMMENTS = 'write the definition in YAML, where `#` starts a comment (API Gateway imports both)';
const VALUES = 'a string in double quotes, a number, an object, an array, `true`, `false` or `null`';
const NAME_EXPECTED = 'A property name in double quotes is expected here (`"name": value`): JSON names are always quoted.';
const VALUE_EXPECTED = `A value is expected here: ${VALUES}.`;
const COLON_EXPECTED = 'A colon is expected after the property name, before its value (`"name": value`).';
const COMMA_EXPECTED = 'A comma is expected before this: JSON separates the properties of an object, and the items of an array, with commas.';
/** What the parser expected, said of no mistake in particular. */
const EXPECTED = new Set([NAME_EXPECTED, VALUE_EXPECTED, COLON_EXPECTED, COMMA_EXPECTED]);
const NUMBERS = 'JSON numbers have no leading zeros, no `+` sign, a digit before any `.`, and no hexadecimal, `NaN` or `Infinity`: write the number plainly, or quote it to make it a string.';

function jsonErrorMessage(parsed: ParseError, text: JsonText): string {
  const { error, offset, length } = parsed;
  const token = text.slice(offset, offset + length);
  const before = textBefore(offset, text);
  const previous = before[before.length - 1];
  const atEnd = offset >= text.length;
  switch (error) {
    case ParseErrorCode.InvalidCommentToken:
      return `JSON has no comments: remove this one, or ${YAML_COMMENTS}.`;
    case ParseErrorCode.UnexpectedEndOfComment:
      return `This \`/*\` comment is never closed, and JSON has no comments: remove it, or ${YAML_COMMENTS}.`;
    case ParseErrorCode.PropertyNameExpected:
      if (token === '}' && previous === ',') return 'A trailing comma: JSON allows no comma after the last property of an object; remove the comma before this `}`.';
      if (token === ',' && previous === ',') return 'Two commas in a row: JSON has no empty entries; remove one of them.';
      return NAME_EXPECTED;
    case ParseErrorCode.ValueExpected:
      if (token === ']' && previous === ',') return 'A trailing comma: JSON allows no comma after the last item of an array; remove the comma before this `]`.';
      if (token === ',' && (previous === ',' || previous === '[')) return 'An empty item: JSON has no empty entries; remove the extra comma.';
      if (previous === ':') return `The property has no value: write one after the colon (${VALUES}).`;
      if (atEnd) return before === '' ? 'The file is empty: a JSON document holds one value, an object for an API definition.' : 'The text ends where a value is expected: the file is cut short, or a bracket is left open.';
      return VALUE_EXPECTED;
    case ParseErrorCode.ColonExpected:
      return COLON_EXPECTED;
    case ParseErrorCode.CommaExpected:
      if (isLeadingZero(parsed, text)) return `Not a JSON number: ${NUMBERS}`;
      return COMMA_EXPECTED;
    case ParseErrorCode.CloseBraceExpected:
      return atEnd ? 'The text ends inside an object: a closing `}` is missing, or the file is cut short.' : 'A `}` closing the object is expected here, or a comma before another property.';
    case ParseErrorCode.CloseBracketExpected:
      return atEnd ? 'The text ends inside an array: a closing `]` is missing, or the file is cut short.' : 'A `]` closing the array is expected here, or a comma before another item.';
    case ParseErrorCode.EndOfFileExpected:
      return 'Text follows the end of the document: a `}` or `]` before here closes more than was opened, or the file holds a second value, which JSON does not allow.';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'This string is never closed: add its closing double quote. A JSON string stays on one line; write a line break in it as `\\n`.';
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return `Not a JSON number: ${NUMBERS}`;
    case ParseErrorCode.InvalidEscapeCharacter:
      return 'A backslash in a JSON string starts one of `\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\uXXXX`; write a backslash itself as `\\\\`.';
    case ParseErrorCode.InvalidUnicode:
      return 'A `\\u` escape takes four hexadecimal digits (`\\u00e9`).';
    case ParseErrorCode.InvalidCharacter:
      return 'A tab or line break inside a JSON string must be written as an escape: `\\t`, `\\n` or `\\r`.';
    case ParseErrorCode.InvalidSymbol:
      return invalidSymbol(token);
    default:
      return 'Not valid JSON here.';
  }
}

/** A token the JSON parser does not know: a name or string in single quotes, or a value JSON does not have. */
function invalidSymbol(token: string): string {
  if (token.startsWith("'")) return 'JSON takes double quotes around names and strings, not single quotes.';
  if (/^[+.]?[0-9]/.test(token) || /^-?(?:NaN|Infinity)$/.test(token)) return `Not a JSON number: ${NUMBERS}`;
  if (/^(?:true|false|null)$/i.test(token)) return `JSON writes \`true\`, \`false\` and \`null\` in lower case, not \`${token}\`.`;
  if (/^[A-Za-z_$][\w$-]*$/.test(token)) return `\`${token}\` is no JSON value: a name or a string takes double quotes, and the values are ${VALUES}.`;
  return `Not valid JSON here: values are ${VALUES}, and names are strings in double quotes.`;
}
