import { decodeUtf8 } from '../model/utf8';

/** A file that is not UTF-8 text, as a finding: where and why. */
export interface Unreadable {
  code: 'binary-content' | 'not-utf8';
  message: string;
  line: number;
  character: number;
}

export type DecodedInput = { text: string } | { unreadable: Unreadable; lenientText: string };

/** How far a NUL byte is looked for, as the editor does: binary formats show one early. */
const BINARY_SNIFF_BYTES = 8192;

/**
 * A file's bytes as text, or why they are not: a definition decoded with replacement characters would mislead.
 * `lenientText` is the best reading of unreadable bytes, enough to tell whether they were meant as a definition.
 */
export function decodeInput(bytes: Buffer): DecodedInput {
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    return {
      unreadable: { code: 'not-utf8', message: 'This file is UTF-16 text; API Gateway reads definitions as UTF-8. Save it as UTF-8.', line: 0, character: 0 },
      lenientText: new TextDecoder(utf16).decode(bytes),
    };
  }
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul >= 0) {
    return {
      unreadable: { code: 'binary-content', message: 'This file is not text (it contains NUL bytes); it cannot be an API definition.', ...positionOf(bytes, nul) },
      lenientText: bytes.toString('utf8'),
    };
  }
  const text = decodeUtf8(bytes);
  if (text !== undefined) return { text };
  const bad = Math.max(0, invalidUtf8Offset(bytes));
  return {
    unreadable: {
      code: 'not-utf8',
      message: `This file is not UTF-8 text (byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')} here is not valid UTF-8); API Gateway reads definitions as UTF-8. Save it as UTF-8.`,
      ...positionOf(bytes, bad),
    },
    lenientText: bytes.toString('utf8'),
  };
}

function utf16Encoding(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Line and UTF-16 column of a byte, counted as an editor would show the text before it. */
function positionOf(bytes: Buffer, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = lineStart; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: bytes.toString('utf8', lineStart, offset).length };
}

/** The first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
function invalidUtf8Offset(bytes: Buffer): number {
  const continuation = (b: number | undefined, low = 0x80, high = 0xbf) => b !== undefined && b >= low && b <= high;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      // No overlong forms, no UTF-16 surrogates.
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (length > 1 && !continuation(bytes[i + 1], low, high)) return i;
    for (let k = 2; k < length; k++) if (!continuation(bytes[i + k])) return i;
    i += length;
  }
  return -1;
}
