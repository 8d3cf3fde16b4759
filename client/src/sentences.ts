/** Lists in messages read as sentences; shared by the extension and the panels' pages, so free of Node and VS Code. */

/** "1 error", "2 errors": counts in messages read as sentences, not as "error(s)". */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** "a", "a and b", "a, b and c". */
export function listed(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
