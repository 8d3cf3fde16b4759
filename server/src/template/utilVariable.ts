/**
 * `$util`: the utility functions of API Gateway mapping templates, with the behaviour of the Java libraries behind
 * them (commons-lang escaping, java.net.URLEncoder and URLDecoder, java.util.Base64, Java's UTF-8 throughout). Each
 * takes a String, as those libraries do.
 */
import { findTemplateMember } from '../facts/templateVariables';
import { parseJavaJson } from './javaJson';
import { JavaMethodError } from './javaMethods';
import { NO_SUCH_METHOD, TemplateHost, UncalledMember } from './javaValues';

/**
 * JavaScript string escaping as commons-lang's `escapeJavaScript`: quotes (single ones too, per the AWS docs),
 * backslash, `/`, control characters, and every character above U+007F as `\uXXXX`.
 */
export function escapeJavaScript(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch > 0x7f) {
      out += `\\u${ch.toString(16).toUpperCase().padStart(4, '0')}`;
    } else if (ch < 32) {
      const named: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      out += named[ch] ?? `\\u${ch.toString(16).toUpperCase().padStart(4, '0')}`;
    } else {
      const c = text[i];
      out += c === "'" || c === '"' || c === '\\' || c === '/' ? `\\${c}` : c;
    }
  }
  return out;
}

/** java.net.URLEncoder with UTF-8: letters, digits and `.-*_` stay, a space becomes `+`, the rest `%XX`. */
export function urlEncode(text: string): string {
  let out = '';
  for (const byte of javaUtf8Bytes(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** java.net.URLDecoder with UTF-8: `+` is a space, `%XX` runs are UTF-8 bytes; a broken escape is an error. */
export function urlDecode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '+') {
      out += ' ';
      i++;
    } else if (c === '%') {
      const bytes: number[] = [];
      while (i < text.length && text[i] === '%') {
        if (i + 2 >= text.length) throw new JavaMethodError('URLDecoder: Incomplete trailing escape (%) pattern');
        bytes.push(escapedByte(text.slice(i + 1, i + 3)));
        i += 3;
      }
      out += javaUtf8(bytes);
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The two characters after `%` as Integer.parseInt(…, 16) reads them: a sign counts, so `+4` is 4 and `-1` is refused. */
function escapedByte(hex: string): number {
  if (!/^(?:[0-9a-fA-F]{2}|[+-][0-9a-fA-F])$/.test(hex)) throw new JavaMethodError(`URLDecoder: Illegal hex characters in escape (%) pattern - "${hex}"`);
  const value = parseInt(hex, 16);
  if (value < 0) throw new JavaMethodError('URLDecoder: Illegal hex characters in escape (%) pattern - negative value');
  return value;
}

/** String.getBytes(UTF_8): a lone surrogate, which has no UTF-8 form, becomes `?`. */
function javaUtf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?'));
}

export function base64Encode(text: string): string {
  return Buffer.from(javaUtf8Bytes(text)).toString('base64');
}

/** java.util.Base64's basic decoder, then the bytes as UTF-8. */
export function base64Decode(text: string): string {
  return javaUtf8(javaBase64Bytes(text));
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Base64.getDecoder().decode(String), with its checks and messages: the text is taken as ISO-8859-1 bytes (anything
 * beyond is `?`), padding is optional but must be right where it is written, and nothing may follow it.
 */
function javaBase64Bytes(text: string): Uint8Array {
  const src = Array.from(text, (c) => (c.charCodeAt(0) > 0xff ? 0x3f : c.charCodeAt(0)));
  if (src.length === 0) return new Uint8Array(0);
  if (src.length < 2) throw new JavaMethodError('Input byte[] should at least have 2 bytes for base64 bytes');
  const out: number[] = [];
  let bits = 0;
  let shift = 18;
  let sp = 0;
  while (sp < src.length) {
    const byte = src[sp++];
    const value = BASE64_ALPHABET.indexOf(String.fromCharCode(byte));
    if (value < 0) {
      if (byte !== 0x3d) throw new JavaMethodError(`Illegal base64 character ${javaByteHex(byte)}`);
      // `=` ends the data: right after two or three characters of a unit, and after two only as `==`.
      if ((shift === 6 && (sp === src.length || src[sp++] !== 0x3d)) || shift === 18) {
        throw new JavaMethodError('Input byte array has wrong 4-byte ending unit');
      }
      break;
    }
    bits |= value << shift;
    shift -= 6;
    if (shift < 0) {
      out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff);
      shift = 18;
      bits = 0;
    }
  }
  if (shift === 6) out.push((bits >> 16) & 0xff);
  else if (shift === 0) out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff);
  else if (shift === 12) throw new JavaMethodError('Last unit does not have enough valid bits');
  if (sp < src.length) throw new JavaMethodError(`Input byte array has incorrect ending byte at ${sp}`);
  return Uint8Array.from(out);
}

/** Integer.toString(b, 16) of a Java byte, which is signed: 0xE9 is `-17`. */
function javaByteHex(byte: number): string {
  return byte > 0x7f ? `-${(0x100 - byte).toString(16)}` : byte.toString(16);
}

const REPLACEMENT = '\ufffd';

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/**
 * new String(bytes, UTF_8): a malformed sequence becomes U+FFFD, and Java decides how many bytes one replacement
 * covers otherwise than TextDecoder does (an encoded surrogate such as ED A0 80 is one replacement, not three).
 */
function javaUtf8(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const [text, length] = utf8Sequence(bytes, i);
    out += text;
    i += length;
  }
  return out;
}

/** The character (or U+FFFD) that the bytes from `i` on stand for, and how many of them Java's decoder takes. */
function utf8Sequence(bytes: ArrayLike<number>, i: number): [string, number] {
  const b1 = bytes[i];
  if (b1 < 0x80) return [String.fromCharCode(b1), 1];
  if (b1 >= 0xc2 && b1 <= 0xdf) {
    return isContinuation(bytes[i + 1]) ? [String.fromCharCode(((b1 & 0x1f) << 6) | (bytes[i + 1] & 0x3f)), 2] : [REPLACEMENT, 1];
  }
  if (b1 >= 0xe0 && b1 <= 0xef) return threeBytes(bytes, i);
  if (b1 >= 0xf0 && b1 <= 0xf4) return fourBytes(bytes, i);
  return [REPLACEMENT, 1];
}

function threeBytes(bytes: ArrayLike<number>, i: number): [string, number] {
  const [b1, b2, b3] = [bytes[i], bytes[i + 1], bytes[i + 2]];
  if (!isContinuation(b2) || (b1 === 0xe0 && b2 < 0xa0)) return [REPLACEMENT, 1];
  if (!isContinuation(b3)) return [REPLACEMENT, 2];
  const c = ((b1 & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
  return [c >= 0xd800 && c <= 0xdfff ? REPLACEMENT : String.fromCharCode(c), 3];
}

/** F0 must be followed by 90..BF and F4 by 80..8F, or the code point would be too small or beyond U+10FFFF. */
function fourBytes(bytes: ArrayLike<number>, i: number): [string, number] {
  const [b1, b2] = [bytes[i], bytes[i + 1]];
  if (!isContinuation(b2) || (b1 === 0xf0 && b2 < 0x90) || (b1 === 0xf4 && b2 >= 0x90)) return [REPLACEMENT, 1];
  if (!isContinuation(bytes[i + 2])) return [REPLACEMENT, 2];
  if (!isContinuation(bytes[i + 3])) return [REPLACEMENT, 3];
  return [String.fromCodePoint(((b1 & 0x07) << 18) | ((b2 & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f)), 4];
}

/**
 * Read with the same json-smart permissive parser as the payload (API Gateway's JSON stack), so plain text such as
 * `hello` is the string itself and `''` the empty string; text json-smart rejects (`{oops`) is a template error.
 */
export function parseJson(text: string): unknown {
  try {
    return parseJavaJson(text);
  } catch (error) {
    throw new JavaMethodError(`$util.parseJson: the text is not valid JSON (${(error as Error).message})`);
  }
}

const FUNCTIONS: Record<string, (text: string) => unknown> = {
  escapeJavaScript,
  parseJson,
  urlEncode,
  urlDecode,
  base64Encode,
  base64Decode,
};

export class UtilVariable extends TemplateHost {
  property(name: string): unknown {
    return Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? new UncalledMember() : undefined;
  }

  invoke(name: string, args: unknown[]): unknown {
    const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    const member = findTemplateMember(['util', name]);
    if (!fn || !member) return NO_SUCH_METHOD;
    const min = member.minArgs ?? member.params?.length ?? 0;
    const max = member.maxArgs ?? member.params?.length ?? 0;
    if (args.length < min || args.length > max) return NO_SUCH_METHOD;
    // A null argument gives null (recorded on AWS for urlEncode). The functions take a String, and Velocity 1.7
    // finds no method for another kind of argument (it converts nothing), which reads as null too.
    if (args[0] === undefined || args[0] === null) return undefined;
    return typeof args[0] === 'string' ? fn(args[0]) : NO_SUCH_METHOD;
  }
}
