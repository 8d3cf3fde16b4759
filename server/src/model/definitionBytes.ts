import { TextDocument } from 'vscode-languageserver-textdocument';
import { BINARY_CONTENT_MESSAGE, findBinaryContent } from './apiDocument';
import { decodeUtf8, utf16Encoding } from './utf8';

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
  // Latin-1 reads one character per byte, so the editor's sniffing window counts bytes here.
  if (findBinaryContent(bytes.toString('latin1', 0, BINARY_SNIFF_BYTES)) !== undefined) {
    const lenientText = bytes.toString('utf8');
    return {
      unreadable: { code: 'binary-content', message: BINARY_CONTENT_MESSAGE, ...positionOf(lenientText, lenientText.indexOf('\0')) },
      lenientText,
    };
  }
  const text = decodeUtf8(bytes);
  if (text !== undefined) return { text };
  const lenientText = bytes.toString('utf8');
  const bad = firstInvalidByte(bytes, lenientText);
  return {
    unreadable: {
      code: 'not-utf8',
      message: `This file is not UTF-8 text (byte 0x${bytes[bad.offset].toString(16).toUpperCase().padStart(2, '0')} here is not valid UTF-8); API Gateway reads definitions as UTF-8. Save it as UTF-8.`,
      ...positionOf(lenientText, bad.index),
    },
    lenientText,
  };
}

/**
 * The first byte that does not start a well-formed UTF-8 sequence: where the lenient decoding put its first U+FFFD
 * that is not one written in the file (EF BF BD). The text before it is valid, so it re-encodes to the same bytes.
 */
function firstInvalidByte(bytes: Buffer, lenientText: string): { index: number; offset: number } {
  let offset = 0;
  let decoded = 0;
  for (let index = lenientText.indexOf('\uFFFD'); index >= 0; index = lenientText.indexOf('\uFFFD', index + 1)) {
    offset += Buffer.byteLength(lenientText.slice(decoded, index));
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) return { index, offset };
    offset += 3;
    decoded = index + 1;
  }
  return { index: 0, offset: 0 };
}

/**
 * Line and UTF-16 column of a character, as an editor shows them: lines end at CR LF, LF or a CR alone, and a leading
 * byte order mark takes no column.
 */
function positionOf(text: string, index: number): { line: number; character: number } {
  const { line, character } = TextDocument.create('file:///', 'plaintext', 0, text).positionAt(index);
  const bom = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line, character: character - bom };
}
