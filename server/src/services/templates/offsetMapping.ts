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
  const offsets = decoded.offsets;
  const last = offsets.length - 1;
  const toDocumentOffset = (templateOffset: number): number => offsets[Math.max(0, Math.min(last, Math.floor(templateOffset)))];
  return {
    toDocumentOffset,
    toTemplateOffset(documentOffset: number): number {
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (offsets[mid] < documentOffset) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    toDocumentRange(start: number, end: number) {
      const offset = toDocumentOffset(start);
      // The end of a range is the end of its last character, which may be a multi-character escape.
      const documentEnd = end > start ? toDocumentOffset(end) : offset;
      return { offset, end: Math.max(offset, documentEnd) };
    },
  };
}
