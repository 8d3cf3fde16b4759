import type Ajv from 'ajv-draft-04';
import type { SchemaValidateFunction } from 'ajv-draft-04';

/**
 * API Gateway validates request bodies with json-schema-validator on Jackson (draft 4), which types a number by how it
 * is written: `1.0` and `1e2` are numbers, not integers. JSON.parse reads both as the integer they equal, so the
 * validator is told which numbers were written with a fraction or an exponent.
 *
 * The schemas' `type: integer` becomes `type: number` plus this keyword, holding the types as the schema gave them; the
 * keyword refuses a number that is not an integer, or that was written as a decimal, wherever integer is allowed and
 * number is not.
 */
export const INTEGER_AS_WRITTEN = 'x-local-integer-as-written';

/** JSON Schema words whose values are data, not schemas: what they hold is never rewritten. */
const DATA_KEYWORDS = new Set(['enum', 'default', 'example', 'examples', 'const', 'x-amazon-apigateway-integration', 'x-amazon-apigateway-integrations']);

/** A copy of the document whose integer types go through INTEGER_AS_WRITTEN; `found` says whether it had any. */
export function integerTypesAsWritten(document: unknown): { document: unknown; found: boolean } {
  let found = false;
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = DATA_KEYWORDS.has(key) ? child : copy(child);
    const types = typeof out.type === 'string' ? [out.type] : Array.isArray(out.type) && out.type.every((t) => typeof t === 'string') ? (out.type as string[]) : undefined;
    if (types?.includes('integer') && !types.includes('number')) {
      found = true;
      const widened = types.map((t) => (t === 'integer' ? 'number' : t));
      out.type = typeof out.type === 'string' ? 'number' : widened;
      out[INTEGER_AS_WRITTEN] = types;
    }
    return out;
  };
  return { document: copy(document), found };
}

/**
 * Adds INTEGER_AS_WRITTEN to a validator. `writtenAsDecimal` answers, during a validation, whether the number at a
 * JSON pointer was written with a fraction or an exponent.
 */
export function addIntegerKeyword(ajv: Ajv, writtenAsDecimal: (pointer: string) => boolean): void {
  const check: SchemaValidateFunction = (schema: string[], data: unknown, _parent, cxt) => {
    if (typeof data !== 'number') return true;
    const pointer = cxt?.instancePath ?? '';
    if (Number.isInteger(data) && !writtenAsDecimal(pointer)) return true;
    check.errors = [{ keyword: 'type', instancePath: pointer, schemaPath: '', params: { type: schema.join(',') }, message: `must be ${schema.join(',')}`, data }];
    return false;
  };
  ajv.addKeyword({ keyword: INTEGER_AS_WRITTEN, schemaType: 'array', errors: true, validate: check });
}

/**
 * The JSON pointers of the numbers in a JSON text that equal an integer but are written with a fraction or an
 * exponent (`1.0`, `2e3`), or undefined when there are none. The text must be valid JSON. Most bodies have no such
 * number: one scan for a digit followed by `.`, `e` or `E` settles those; the others are read token by token, strings
 * skipped whole.
 */
export function integersWrittenAsDecimals(text: string): Set<string> | undefined {
  if (!/\d[.eE]/.test(text)) return undefined;
  const found = new Set<string>();
  // Where the scan stands: the open containers, each with its current key or index.
  const frames: Array<{ array: boolean; key: string; index: number; expectKey: boolean }> = [];
  const pointer = () => frames.map((f) => `/${f.array ? f.index : f.key.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  let i = 0;
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = frames[frames.length - 1];
      if (top && !top.array && top.expectKey) {
        const raw = text.slice(i + 1, end);
        top.key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        top.expectKey = false;
      }
      i = end + 1;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      frames.push({ array: c === 0x5b, key: '', index: 0, expectKey: c === 0x7b });
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      i++;
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top.array) top.index++;
      else top.expectKey = true;
      i++;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      let decimal = false;
      for (; end < length; end++) {
        const d = text.charCodeAt(end);
        if (d === 0x2e || d === 0x65 || d === 0x45) decimal = true;
        else if (!((d >= 0x30 && d <= 0x39) || d === 0x2b || d === 0x2d)) break;
      }
      if (decimal && Number.isInteger(Number(text.slice(i, end)))) found.add(pointer());
      // A repeated key keeps its last value, which may be written as an integer.
      else if (!decimal && found.size > 0) found.delete(pointer());
      i = end;
    } else {
      i++;
    }
  }
  return found.size > 0 ? found : undefined;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    if (end < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}
