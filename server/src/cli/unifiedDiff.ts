/**
 * A unified diff of two versions of a file, as `diff -u` and `git diff` print it, for `apigw lint --fix-dry-run`: what
 * the fixes would change, which `git apply` or `patch -p1` can then apply. jsdiff keeps each line's CR, so the diff of
 * a CRLF file matches its bytes, and marks a last line without a line break as `patch` expects.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** The diff of `before` and `after`, headed `--- a/NAME` and `+++ b/NAME`; empty when they are the same. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  if (!name.includes(' ')) return patch;
  // A name with a space ends at a tab, as `git diff` writes it: `patch` would otherwise take it to end at the first
  // space. jsdiff writes the tab only before a header text, and an empty one counts as none.
  return patch.replace(`--- a/${name}\n`, `--- a/${name}\t\n`).replace(`+++ b/${name}\n`, `+++ b/${name}\t\n`);
}
