/**
 * What one invocation of a function printed, bounded: the first `headLimit` and the last `tailLimit` characters, with a
 * marker line between them saying how much was left out. The end is kept because that is where a crash leaves its
 * reason; the start because it shows what the function was doing. Cuts fall on line boundaries where there are any.
 */
export class CapturedOutput {
  private head = '';
  private tail: string[] = [];
  private tailChars = 0;
  /** Characters and line breaks already dropped from the middle. */
  private droppedChars = 0;
  private droppedBreaks = 0;
  /** The kept tail starts a line: what was dropped before it ended with a line break. */
  private tailStartsLine = false;

  constructor(
    private readonly headLimit = 32_000,
    private readonly tailLimit = 32_000,
  ) {}

  append(text: string): void {
    if (text === '') return;
    if (this.tail.length === 0 && this.head.length < this.headLimit) {
      const room = this.headLimit - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
      if (text === '') return;
    }
    this.tail.push(text);
    this.tailChars += text.length;
    // Trimmed only now and then, so that a flood of small chunks costs one join per tail's worth of text.
    if (this.tailChars > 2 * this.tailLimit) this.trimTail(this.tailLimit);
  }

  clear(): void {
    this.head = '';
    this.tail = [];
    this.tailChars = this.droppedChars = this.droppedBreaks = 0;
    this.tailStartsLine = false;
  }

  text(): string {
    if (this.tailChars > this.tailLimit) this.trimTail(this.tailLimit);
    const tail = this.tail.join('');
    if (this.droppedChars === 0) return this.head + tail;
    // The partial lines at both cuts go with the left-out middle, so that the marker stands on a line of its own.
    let head = this.head;
    let start = 0;
    let dropped = this.droppedChars;
    let breaks = this.droppedBreaks;
    const headEnd = head.lastIndexOf('\n') + 1;
    if (headEnd > 0 && headEnd < head.length) {
      dropped += head.length - headEnd;
      head = head.slice(0, headEnd);
    }
    const tailStart = this.tailStartsLine ? 0 : tail.indexOf('\n') + 1;
    if (tailStart > 0 && tailStart < tail.length) {
      start = tailStart;
      dropped += tailStart;
      breaks += 1;
    }
    const separator = head.endsWith('\n') || head === '' ? '' : '\n';
    return `${head}${separator}${omissionMarker(dropped, breaks)}\n${tail.slice(start)}`;
  }

  private trimTail(keep: number): void {
    const joined = this.tail.join('');
    const cut = joined.length - keep;
    this.droppedChars += cut;
    this.droppedBreaks += countBreaks(joined, cut);
    this.tailStartsLine = joined[cut - 1] === '\n';
    const kept = joined.slice(cut);
    this.tail = [kept];
    this.tailChars = kept.length;
  }
}

/**
 * The first `head` and the last `tail` lines, with a marker line for those left out between them; all of them when
 * there are no more than `head + tail`.
 */
export function headAndTailLines(lines: string[], head: number, tail: number): string[] {
  if (lines.length <= head + tail) return lines;
  const left = lines.slice(head, lines.length - tail);
  const chars = left.reduce((sum, line) => sum + line.length + 1, 0);
  return [...lines.slice(0, head), omissionMarker(chars, left.length), ...lines.slice(lines.length - tail)];
}

function omissionMarker(chars: number, lines: number): string {
  const count = (n: number, unit: string) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
  return lines > 0 ? `[... ${count(lines, 'line')} (${count(chars, 'character')}) of output left out ...]` : `[... ${count(chars, 'character')} of output left out ...]`;
}

function countBreaks(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
