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

/**
 * `firstIndexNotBefore` over ascending numbers: the first index whose number is at least `value`. Without a callback,
 * which a caller searching many times would make for each search.
 */
export function firstIndexAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
