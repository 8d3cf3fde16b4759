/**
 * A file's bytes as text, without a leading byte order mark; undefined when they are not UTF-8 (UTF-16, Latin-1),
 * which would otherwise be read as garbled text in which nothing is found.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
