/** Lambda's default memory size, and the least it allows. */
export const DEFAULT_MEMORY_MB = 128;

/**
 * The heap limit of a worker process, in MB (`--max-old-space-size`). Lambda's Node.js runtime gives the old space 90%
 * of the function's memory; here it gets all of it, a margin for what Node.js uses outside the heap, which Lambda
 * counts against the function's memory and this limit does not.
 */
export function heapLimitMB(memorySizeMB: number | undefined): number {
  return Math.max(DEFAULT_MEMORY_MB, Math.round(memorySizeMB ?? DEFAULT_MEMORY_MB));
}

/**
 * What Node.js itself may use besides the function's memory (its code, its own heap, buffers in flight): more than
 * Lambda allows, since the local process is not Lambda's and a false alarm would cost more than a late one.
 */
export const PROCESS_MARGIN_MB = 256;

/** The whole process's limit (resident memory), for what the heap limit does not cover: buffers, native memory. */
export function processLimitMB(memorySizeMB: number | undefined): number {
  return heapLimitMB(memorySizeMB) + PROCESS_MARGIN_MB;
}

/** V8's last words when the heap is full, before it aborts the process. */
const HEAP_EXHAUSTED = 'JavaScript heap out of memory';

/**
 * Watches a worker's standard error for V8's report that the heap is full. Chunks are checked with the end of the
 * previous one, so that the words are found when a chunk boundary falls inside them.
 */
export class HeapExhaustionWatch {
  private carry = '';
  exhausted = false;

  see(text: string): void {
    if (this.exhausted) return;
    const joined = this.carry + text;
    if (joined.includes(HEAP_EXHAUSTED)) this.exhausted = true;
    this.carry = joined.slice(-HEAP_EXHAUSTED.length);
  }
}
