import type { DecodedScalar } from './scalarDecoding';

/** Converts positions between a decoded template string and the document that holds it. */
export interface OffsetMapping {
  toDocumentOffset(templateOffset: number): number;
  /** The template offset of the character at or after a document offset (inside an escape: the escaped character). */
  toTemplateOffset(documentOffset: number): number;
  /** A template range as a document range, for diagnostics. */
  toDocumentRange(start: number, end: number): { offset: number; end: number };
}

export function createOffsetMapping(decoded: DecodedScalar): OffsetMapping {
  const { starts, offsets } = decoded;
  const last = decoded.text.length;
  const runs = starts.length;
  const toDocumentOffset = (templateOffset: number): number => {
    const at = Math.max(0, Math.min(last, Math.floor(templateOffset)));
    // The last run that starts at or before `at`.
    let lo = 0;
    let hi = runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return offsets[lo] + (at - starts[lo]);
  };
  return {
    toDocumentOffset,
    toTemplateOffset(documentOffset: number): number {
      // The first character whose offset is at or after `documentOffset` (the end when none is): in the first run
      // whose last character's is.
      let lo = 0;
      let hi = runs;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const runEnd = mid + 1 < runs ? starts[mid + 1] : last + 1;
        if (offsets[mid] + (runEnd - 1 - starts[mid]) < documentOffset) lo = mid + 1;
        else hi = mid;
      }
      if (lo === runs) return last;
      return starts[lo] + Math.max(0, documentOffset - offsets[lo]);
    },
    toDocumentRange(start: number, end: number) {
      const offset = toDocumentOffset(start);
      // The end of a range is the end of its last character, which may be a multi-character escape.
      const documentEnd = end > start ? toDocumentOffset(end) : offset;
      return { offset, end: Math.max(offset, documentEnd) };
    },
  };
}
