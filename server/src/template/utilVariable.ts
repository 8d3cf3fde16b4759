/**
 * `$util`: the utility functions of API Gateway mapping templates, with the behaviour of the Java libraries behind
 * them (commons-lang escaping, java.net.URLEncoder form encoding, UTF-8 throughout).
 */
import { findTemplateMember } from '../facts/templateVariables';
import { parseJavaJson } from './javaJson';
import { JavaMethodError } from './javaMethods';
import { javaToString, NO_SUCH_METHOD, TemplateHost, UncalledMember } from './javaValues';

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
  for (const byte of new TextEncoder().encode(text)) {
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
        const hex = text.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new JavaMethodError(`URLDecoder: Illegal hex characters in escape (%) pattern - "${hex}"`);
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      out += new TextDecoder('utf-8').decode(new Uint8Array(bytes));
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function base64Encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Base64 (RFC 4648 alphabet, padding optional) to UTF-8 text; anything else is refused as java.util.Base64 does. */
export function base64Decode(text: string): string {
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) throw new JavaMethodError(`Illegal base64 character ${bad[0].charCodeAt(0).toString(16)}`);
  if (/=[^=]/.test(text) || text.replace(/=+$/, '').length % 4 === 1) throw new JavaMethodError('Input is not valid Base64');
  return Buffer.from(text, 'base64').toString('utf8');
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
    return name in FUNCTIONS ? new UncalledMember() : undefined;
  }

  invoke(name: string, args: unknown[]): unknown {
    const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    const member = findTemplateMember(['util', name]);
    if (!fn || !member) return NO_SUCH_METHOD;
    const min = member.minArgs ?? member.params?.length ?? 0;
    const max = member.maxArgs ?? member.params?.length ?? 0;
    if (args.length < min || args.length > max) return NO_SUCH_METHOD;
    // The Java implementations return null for a null argument.
    if (args[0] === undefined || args[0] === null) return undefined;
    return fn(typeof args[0] === 'string' ? args[0] : javaToString(args[0]));
  }
}
