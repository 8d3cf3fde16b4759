/**
 * One shared copy of each short string of a document. Keys and short values repeat thousands of times in a large
 * definition (`type`, `schema`, `200`); the tree holds one copy of each instead of thousands. A string is cut from
 * the text and looked up in a map: the engine hashes and compares strings natively, which costs less than hashing
 * the range character by character in script (above all before the parser is optimised), and a cut that turns out to
 * be a repeat dies young, which costs a collection next to nothing.
 */
export class StringTable {
  private readonly strings = new Map<string, string>();

  constructor(private readonly maxLength: number) {}

  /** The shared copy of `value` (a slice of the text, a decoded escape sequence), when short. */
  fromString(value: string): string {
    if (value.length > this.maxLength) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}
