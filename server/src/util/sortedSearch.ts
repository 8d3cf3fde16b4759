/**
 * The first index in `0..length` whose element is not before the sought place, for elements in ascending order:
 * `isBefore(i)` is true for a prefix of the indexes and false after it. `length` when every element is before.
 */
export function firstIndexNotBefore(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isBefore(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
