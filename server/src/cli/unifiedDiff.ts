/**
 * A unified diff of two versions of a file, as `diff -u` and `git diff` print it, for `apigw lint --fix-dry-run`: what
 * the fixes would change, which `git apply` or `patch -p1` can then apply. jsdiff keeps each line's CR, so the diff of
 * a CRLF file matches its bytes, and marks a last line without a line break as `patch` expects.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** The diff of `before` and `after`, headed `--- a/NAME` and `+++ b/NAME`; empty when they are the same. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}
