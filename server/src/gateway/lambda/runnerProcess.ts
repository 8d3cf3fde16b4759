/**
 * The processes Lambda handlers run in, as the host (lambdaHost.ts) sees them: started, told, stopped, and heard from
 * through events that are plain data, so that a thread may have them started by another.
 *
 * That is how the thread serving documents over the size limit runs its functions. A child process is reaped by the
 * event loop of the thread that started it; a thread that is terminated or fails leaves its children unreaped (zombies
 * once they end) and, when one is busy in an endless loop, running with nobody to stop it. So that thread only asks
 * (`RelayedRunners`), and the server's thread, which outlives it, starts them, reaps them, and ends those left when the
 * thread stops (`OwnedRunners`).
 */
import { spawn } from 'node:child_process';

/** A Node.js process to start: its arguments, folder and environment. */
export interface RunnerCommand {
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** What a process does, in the order the host would hear it from a child process of its own. */
export type RunnerEvent =
  | { on: 'stdout' | 'stderr'; chunk: Uint8Array }
  | { on: 'message'; message: unknown }
  | { on: 'error'; message: string; code?: string }
  | { on: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  /** Its pipes are closed: the last thing heard of it. */
  | { on: 'close' };

export interface RunnerProcess {
  /** Whether its exit has been heard. */
  readonly exited: boolean;
  /** Over its IPC channel; one that is closed answers with an error event. */
  send(message: unknown): void;
  /** Ends it at once (SIGKILL), unless it has exited. */
  kill(): void;
  /** Whether it keeps the event loop of the thread that asked for it alive: while it works for a caller that waits. */
  keepAlive(busy: boolean): void;
}

export type StartRunner = (command: RunnerCommand, listen: (event: RunnerEvent) => void) => RunnerProcess;

/** A child process of this thread. */
export const startChildRunner: StartRunner = (command, listen) => {
  const child = spawn(process.execPath, command.args, {
    cwd: command.cwd,
    env: command.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  child.stdout?.on('data', (chunk: Buffer) => listen({ on: 'stdout', chunk }));
  child.stderr?.on('data', (chunk: Buffer) => listen({ on: 'stderr', chunk }));
  child.on('message', (message: unknown) => listen({ on: 'message', message }));
  child.on('error', (error: Error & { code?: string }) => listen({ on: 'error', message: error.message, code: error.code }));
  child.on('exit', (code, signal) => listen({ on: 'exit', code, signal }));
  child.on('close', () => listen({ on: 'close' }));
  // The process and its channel say whether the loop waits for it (`keepAlive`); the pipes never do.
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    get exited() {
      return exited();
    },
    send: (message) => child.send(message as Parameters<typeof child.send>[0]),
    kill: () => {
      if (!exited()) child.kill('SIGKILL');
    },
    keepAlive: (busy) => {
      const channel = child.channel as unknown as { ref?: () => void; unref?: () => void } | undefined;
      if (busy) {
        child.ref();
        channel?.ref?.();
      } else {
        child.unref();
        channel?.unref?.();
      }
    },
  };
};

/** What a thread asks of the one that starts its processes, each process named by the asking thread's number for it. */
export type RunnerOrder = { id: number } & ({ do: 'start'; command: RunnerCommand } | { do: 'send'; message: unknown } | { do: 'kill' });

/** The asking side: processes started by another thread, heard of through `deliver`. */
export class RelayedRunners {
  private nextId = 1;
  private readonly runners = new Map<number, { listen: (event: RunnerEvent) => void; exited: boolean }>();

  constructor(private readonly order: (order: RunnerOrder) => void) {}

  readonly start: StartRunner = (command, listen) => {
    const id = this.nextId++;
    const runner = { listen, exited: false };
    this.runners.set(id, runner);
    this.order({ id, do: 'start', command });
    return {
      get exited() {
        return runner.exited;
      },
      send: (message) => this.order({ id, do: 'send', message }),
      kill: () => {
        if (!runner.exited) this.order({ id, do: 'kill' });
      },
      // The owning thread never lets them hold its loop; this thread's calls wait on its own port.
      keepAlive: () => undefined,
    };
  };

  deliver(id: number, event: RunnerEvent): void {
    const runner = this.runners.get(id);
    if (!runner) return;
    if (event.on === 'exit') runner.exited = true;
    if (event.on === 'close') this.runners.delete(id);
    runner.listen(event);
  }
}

/**
 * The starting side, one per asking thread: it starts what the thread asks for, tells it what they do, and ends them
 * all once the thread has stopped.
 */
export class OwnedRunners {
  private readonly runners = new Map<number, RunnerProcess>();
  private ended = false;

  constructor(
    private readonly tell: (id: number, event: RunnerEvent) => void,
    private readonly start: StartRunner = startChildRunner,
  ) {
    owners.add(this);
    if (owners.size === 1) process.once('exit', endEveryOwner);
  }

  order(order: RunnerOrder): void {
    if (this.ended) return;
    if (order.do === 'start') {
      const { id } = order;
      let runner: RunnerProcess;
      try {
        runner = this.start(order.command, (event) => {
          if (event.on === 'close') this.runners.delete(id);
          if (this.ended) return;
          // A pipe's chunk is read into a buffer the stream may share; the thread gets a copy of its own.
          this.tell(id, event.on === 'stdout' || event.on === 'stderr' ? { on: event.on, chunk: new Uint8Array(event.chunk) } : event);
        });
      } catch (error) {
        // Thrown here, it would reach no invocation: the thread hears it as a process that failed to start.
        const { message, code } = error as Error & { code?: string };
        this.tell(id, { on: 'error', message: String(message), code });
        this.tell(id, { on: 'close' });
        return;
      }
      // The asking thread is kept alive while a call waits on it, and that keeps this one alive too.
      runner.keepAlive(false);
      this.runners.set(id, runner);
    } else if (order.do === 'send') this.runners.get(order.id)?.send(order.message);
    else this.runners.get(order.id)?.kill();
  }

  /** The asking thread has stopped: what it started is ended, and later orders (sent before it stopped) are dropped. */
  end(): void {
    this.ended = true;
    owners.delete(this);
    if (owners.size === 0) process.removeListener('exit', endEveryOwner);
    for (const runner of this.runners.values()) runner.kill();
  }
}

const owners = new Set<OwnedRunners>();

/**
 * The server is exiting: its threads go with it without stopping first. A process idle ends by itself when its channel
 * closes; one busy in a handler's endless loop only once its parent watch (parentWatchSource.ts) sees the server gone,
 * and when the watch could not start, never. Ended here, both go at once.
 */
function endEveryOwner(): void {
  for (const owner of [...owners]) owner.end();
}
