/**
 * One shared copy of each short string of a document. Keys and short values repeat thousands of times in a large
 * definition (`type`, `schema`, `200`); looking them up by their source range finds the shared copy without first
 * cutting a new string out of the text, which is most of what building the tree would otherwise allocate and hash.
 */
export class StringTable {
  private strings: (string | undefined)[] = new Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private count = 0;

  constructor(private readonly maxLength: number) {}

  /** The string `text.slice(start, end)`, shared when short. */
  fromRange(text: string, start: number, end: number): string {
    const length = end - start;
    if (length > this.maxLength) return text.slice(start, end);
    let hash = length;
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    const mask = this.strings.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const known = this.strings[slot];
      if (known === undefined) return this.add(slot, hash, text.slice(start, end));
      if (this.hashes[slot] === hash && known.length === length && sameCharacters(known, text, start)) return known;
    }
  }

  /** The shared copy of a string made elsewhere (a decoded escape sequence, say). */
  fromString(value: string): string {
    return value.length > this.maxLength ? value : this.fromRange(value, 0, value.length);
  }

  private add(slot: number, hash: number, value: string): string {
    this.strings[slot] = value;
    this.hashes[slot] = hash;
    if (++this.count * 2 > this.strings.length) this.grow();
    return value;
  }

  private grow(): void {
    const strings = this.strings;
    const hashes = this.hashes;
    this.strings = new Array(strings.length * 2);
    this.hashes = new Int32Array(strings.length * 2);
    const mask = this.strings.length - 1;
    for (let i = 0; i < strings.length; i++) {
      const value = strings[i];
      if (value === undefined) continue;
      let slot = hashes[i] & mask;
      while (this.strings[slot] !== undefined) slot = (slot + 1) & mask;
      this.strings[slot] = value;
      this.hashes[slot] = hashes[i];
    }
  }
}

function sameCharacters(value: string, text: string, start: number): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  }
  return true;
}
