/** 32-bit FNV-1a over a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Strings up to this length are their own map keys. */
export const LONGEST_OWN_KEY = 16_000;

/**
 * A map key for `text`. V8 hashes a string longer than 16,383 characters by its length alone, so a map keyed by many
 * such strings of one length compares each new key with every one before it; a long string is keyed by its length and
 * a digest of all its characters instead. Different long strings may share a key: a caller compares the strings
 * themselves on a match.
 */
export function mapKeyOf(text: string): string {
  if (text.length <= LONGEST_OWN_KEY) return text;
  // One long string stands in many places when YAML aliases repeat it (a template anchored once and used by every
  // operation): its digest is remembered by the string itself, which a map finds at once, as V8 hashes a string this
  // long by its length and compares the very same string by reference. Digesting each copy again took seconds for a
  // few thousand aliases of one large template.
  let key = recentKeys.get(text);
  if (key === undefined) {
    key = `\u0000${text.length}:${fnv1a(text).toString(36)}`;
    // One string larger than all that is remembered is not kept: it would stay in memory after its document.
    if (text.length > MAX_RECENT_CHARACTERS) return key;
    if (recentKeys.size >= MAX_RECENT_KEYS || recentCharacters + text.length > MAX_RECENT_CHARACTERS) {
      recentKeys.clear();
      recentCharacters = 0;
    }
    recentKeys.set(text, key);
    recentCharacters += text.length;
  }
  return key;
}

/** Few, and not too much text, so that the strings kept for their digests hold little memory after their document. */
const MAX_RECENT_KEYS = 16;
const MAX_RECENT_CHARACTERS = 4_000_000;
const recentKeys = new Map<string, string>();
let recentCharacters = 0;
