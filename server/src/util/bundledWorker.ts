import { existsSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A thread running a program bundled beside the server (`dist/workers/…`), started unreferenced: it keeps the process
 * alive only once given work. Undefined when there is no such program (running from sources) or it cannot start.
 */
export function startBundledWorker(file: string, options?: WorkerOptions): Worker | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const worker = new Worker(file, options);
    worker.unref();
    return worker;
  } catch {
    return undefined;
  }
}
