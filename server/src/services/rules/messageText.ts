/** Wording shared by the rules' messages. */
import { shortened } from '../../model/shortened';

/**
 * A word with "a" or "an" before it, chosen by its first letter, which decides for the type names messages put there
 * (`an integer`, `a string`, `an object`).
 */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** Values longer than this are cut in messages, which should stay readable in a hover. */
const QUOTED_LENGTH = 80;

/** A value in double quotes, whole, or cut with `…` when it is too long to read in a message. */
export function quoted(value: string): string {
  return `"${shortened(value, QUOTED_LENGTH)}"`;
}
