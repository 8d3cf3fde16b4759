import { diffLines } from 'diff';

/** A run of `before` from `start` to `end`, replaced by `newText` in `after`. */
export interface ChangedSpan {
  start: number;
  end: number;
  newText: string;
}

/**
 * The smallest replacements that turn `before` into `after`: the changed runs of lines, each narrowed to the characters
 * that differ. Edits that small leave the cursor where it was unless it stood in a changed character.
 */
export function changedSpans(before: string, after: string): ChangedSpan[] {
  const spans: ChangedSpan[] = [];
  let offset = 0;
  let removed = '';
  let added = '';
  const flush = () => {
    const span = narrowed(before, offset - removed.length, removed, added);
    if (span) spans.push(span);
    removed = added = '';
  };
  for (const change of diffLines(before, after)) {
    if (change.added) {
      added += change.value;
      continue;
    }
    if (change.removed) {
      removed += change.value;
      offset += change.value.length;
      continue;
    }
    flush();
    offset += change.value.length;
  }
  flush();
  return spans;
}

/** `removed`, found at `at` in `text`, replaced by `added`, without the characters both begin and end with. */
function narrowed(text: string, at: number, removed: string, added: string): ChangedSpan | undefined {
  const most = Math.min(removed.length, added.length);
  let prefix = 0;
  while (prefix < most && removed[prefix] === added[prefix]) prefix++;
  let suffix = 0;
  while (suffix < most - prefix && removed[removed.length - 1 - suffix] === added[added.length - 1 - suffix]) suffix++;
  // No position stands inside a CRLF line break or a surrogate pair: an end there widens the span by the character.
  while (prefix > 0 && splits(text, at + prefix)) prefix--;
  while (suffix > 0 && splits(text, at + removed.length - suffix)) suffix--;
  if (removed.length - prefix - suffix === 0 && added.length - prefix - suffix === 0) return undefined;
  return { start: at + prefix, end: at + removed.length - suffix, newText: added.slice(prefix, added.length - suffix) };
}

function splits(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (before === 0x0d && after === 0x0a) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}
