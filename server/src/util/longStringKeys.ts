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
  return text.length <= LONGEST_OWN_KEY ? text : `\u0000${text.length}:${fnv1a(text).toString(36)}`;
}
