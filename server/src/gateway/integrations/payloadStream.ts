/**
 * The payload of a streamed integration response, between the integration that receives it and the gateway that
 * sends it on. Chunks that arrive before a reader is attached wait for it; the integration ends the stream, saying why
 * when the payload was cut short after the response had started.
 */
export class PayloadStream {
  /** Payload bytes received so far. */
  bytes = 0;
  chunks = 0;
  /** Resolves when the stream ends, with its interruption; its callbacks run before the reader hears of the end. */
  readonly ended: Promise<string | undefined>;
  private markEnded!: (interruption: string | undefined) => void;
  private waiting: Buffer[] = [];
  private reader: ((chunk: Buffer) => void) | undefined;
  private finished = false;
  private interruption: string | undefined;
  private settle: ((interruption: string | undefined) => void) | undefined;

  constructor() {
    this.ended = new Promise((resolve) => {
      this.markEnded = resolve;
    });
  }

  push(chunk: Buffer): void {
    if (this.finished || chunk.length === 0) return;
    this.bytes += chunk.length;
    this.chunks++;
    if (this.reader) this.reader(chunk);
    else this.waiting.push(chunk);
  }

  /** No more chunks follow; `interruption` says why the payload stopped before its end. */
  end(interruption?: string): void {
    if (this.finished) return;
    this.finished = true;
    this.interruption = interruption;
    this.markEnded(interruption);
    this.settle?.(interruption);
  }

  get isEnded(): boolean {
    return this.finished;
  }

  /** Hands every chunk to `read`, those that waited first; resolves when the stream ends, with its interruption. */
  pipe(read: (chunk: Buffer) => void): Promise<string | undefined> {
    const waiting = this.waiting;
    this.waiting = [];
    for (const chunk of waiting) read(chunk);
    if (this.finished) return Promise.resolve(this.interruption);
    this.reader = read;
    return new Promise((resolve) => {
      this.settle = resolve;
    });
  }
}
