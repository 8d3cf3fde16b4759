/**
 * One shared copy of each short string of a document. Keys and short values repeat thousands of times in a large
 * definition (`type`, `schema`, `200`); the tree holds one copy of each instead of thousands. A string is cut from
 * the text and looked up in a map: the engine hashes and compares strings natively, which costs less than hashing
 * the range character by character in script (above all before the parser is optimised), and a cut that turns out to
 * be a repeat dies young, which costs a collection next to nothing.
 */
/** A power of two. */
const RECENT_SLOTS = 1024;

export class StringTable {
  private readonly strings = new Map<string, string>();
  /**
   * The string last found for each hash of a range's length and end characters. A repeat is recognised by comparing it
   * with the text in place, which neither cuts a string nor hashes one; a miss falls back to the map.
   */
  private readonly recent: (string | undefined)[] = new Array(RECENT_SLOTS).fill(undefined);

  constructor(private readonly maxLength: number) {}

  /** The shared copy of `text.slice(start, end)`, when short. */
  fromRange(text: string, start: number, end: number): string {
    const length = end - start;
    if (length > this.maxLength || length === 0) return text.slice(start, end);
    const slot = (length * 61 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1) * 3 + text.charCodeAt(start + (length >> 1))) & (RECENT_SLOTS - 1);
    const recent = this.recent[slot];
    if (recent !== undefined && recent.length === length && text.startsWith(recent, start)) return recent;
    const value = this.fromString(text.slice(start, end));
    this.recent[slot] = value;
    return value;
  }

  /** The shared copy of `value` (a slice of the text, a decoded escape sequence), when short. */
  fromString(value: string): string {
    if (value.length > this.maxLength) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}
