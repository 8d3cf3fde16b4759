import type { ResponseSink } from '../lambda/lambdaHost';
import { PayloadStream } from './payloadStream';

/** The 8 NUL bytes between the metadata and the payload of a streamed Lambda proxy response. */
const DELIMITER = Buffer.alloc(8);

/** API Gateway reads the metadata and its delimiter from the first 16 KB of the stream. */
export const METADATA_WINDOW_BYTES = 16_384;

export type Prelude = { metadata: string } | { outsideWindow: true };

/**
 * Reads a streamed Lambda proxy response as API Gateway does: the metadata JSON up to the delimiter, then the
 * payload, passed on chunk by chunk as it arrives. `ready` resolves once the metadata is complete or cannot be;
 * a stream that ends first leaves `prelude` unset.
 */
export class LambdaStreamReader implements ResponseSink {
  readonly payload = new PayloadStream();
  readonly ready: Promise<void>;
  prelude: Prelude | undefined;
  private head: Buffer = Buffer.alloc(0);
  private markReady!: () => void;

  constructor() {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  write(chunk: Buffer): void {
    if (this.prelude) {
      if ('metadata' in this.prelude) this.payload.push(chunk);
      return;
    }
    this.head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
    const at = this.head.indexOf(DELIMITER);
    if (at >= 0 && at + DELIMITER.length <= METADATA_WINDOW_BYTES) {
      const rest = this.head.subarray(at + DELIMITER.length);
      this.settle({ metadata: this.head.subarray(0, at).toString('utf8') });
      this.payload.push(rest);
    } else if (at >= 0 || this.head.length >= METADATA_WINDOW_BYTES) {
      this.settle({ outsideWindow: true });
    }
  }

  /** How many bytes arrived before the delimiter, for a stream that ended without one. */
  get bytesBeforeDelimiter(): number {
    return this.head.length;
  }

  private settle(prelude: Prelude): void {
    this.prelude = prelude;
    if ('metadata' in prelude) this.head = Buffer.alloc(0);
    this.markReady();
  }
}
