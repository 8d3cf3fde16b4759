/** A text cut to `max` characters with `…`, so that a long value or token stays readable inside a message. */
export function shortened(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
