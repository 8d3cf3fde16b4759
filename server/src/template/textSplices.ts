/** A span of a template's text and what stands there instead. */
export interface Splice {
  start: number;
  end: number;
  replacement: string;
}

/** The text with each span replaced; the spans are in text order and do not overlap. */
export function spliced(text: string, splices: readonly Splice[]): string {
  let out = '';
  let copied = 0;
  for (const { start, end, replacement } of splices) {
    out += text.slice(copied, start) + replacement;
    copied = end;
  }
  return out + text.slice(copied);
}
