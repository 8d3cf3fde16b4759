/**
 * What HTTP lets a response header be (RFC 9110 §5.1 and §5.5): a name is a token, a value has no control character
 * but horizontal tab. A line break in a value would end the header and start another, so nothing here sends one.
 * Characters past U+007F are not control characters: they are sent (`wireValue`).
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const BEYOND_LATIN1 = /[^\x00-\xff]/;

const CHARACTER_NAMES: Record<string, string> = {
  '\n': 'a line feed (LF)',
  '\r': 'a carriage return (CR)',
  '\0': 'a NUL character',
  ' ': 'a space',
  '\t': 'a tab',
};

/** Why a header cannot be sent as it is, or undefined when it can. */
export function headerProblem(name: string, value: string): string | undefined {
  if (name === '') return 'its name is empty';
  if (!TOKEN.test(name)) return `its name has ${describe([...name].find((c) => !TOKEN.test(c)) ?? '')}, which a header name cannot have`;
  const control = CONTROL.exec(value);
  if (control) return `its value has ${describe(control[0])}, which a header value cannot have`;
  return undefined;
}

export interface UnsendableHeader {
  name: string;
  problem: string;
}

/** The first header of a response that HTTP cannot carry, in either map. */
export function firstUnsendableHeader(headers: Record<string, string>, multiValueHeaders: Record<string, string[]> = {}): UnsendableHeader | undefined {
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value);
    if (problem) return { name, problem };
  }
  for (const [name, values] of Object.entries(multiValueHeaders)) {
    for (const value of values) {
      const problem = headerProblem(name, value);
      if (problem) return { name, problem };
    }
  }
  return undefined;
}

/** Removes every header HTTP cannot carry, from both maps, telling `dropped` of each. */
export function dropUnsendableHeaders(headers: Record<string, string>, multiValueHeaders: Record<string, string[]> | undefined, dropped: (header: UnsendableHeader) => void): void {
  const drop = (name: string, problem: string | undefined): void => {
    if (!problem) return;
    dropped({ name, problem });
    delete headers[name];
    if (multiValueHeaders) delete multiValueHeaders[name];
  };
  for (const [name, value] of Object.entries(headers)) drop(name, headerProblem(name, value));
  for (const [name, values] of Object.entries(multiValueHeaders ?? {})) drop(name, values.map((value) => headerProblem(name, value)).find(Boolean));
}

/** A header name or value as a terminal should print it: as it is, or quoted with escapes when it has control characters. */
export function printableHeaderText(text: string): string {
  return CONTROL.test(text) ? JSON.stringify(text) : text;
}

/**
 * A header value as Node.js can send it: Node.js writes header text one byte per character and refuses characters
 * past U+00FF. A value within Latin-1 goes out byte for byte, as an HTTP backend's header bytes arrived (Node.js reads
 * them as Latin-1); a value with characters past it (only a function or a template can write those) as its UTF-8 bytes.
 */
export function wireValue(value: string): string {
  return BEYOND_LATIN1.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
}

function describe(character: string): string {
  return CHARACTER_NAMES[character] ?? `the character U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
}
