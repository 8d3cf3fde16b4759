/**
 * Runner-side code (part of the runner text): the process ends once the server that started it is gone, even while the
 * handler keeps its thread busy. A server killed outright (SIGKILL, an editor's crash, the OOM killer) ends nothing on
 * its way out; its runners' IPC channels close, but a runner busy in a handler never turns its event loop to hear it,
 * and would run on, an orphan. A thread of its own watches for that instead.
 *
 * On Linux and macOS an orphan is adopted at once by another process, so its parent's id changes; on Windows it keeps
 * the id of a parent that is gone, which no longer answers. The thread checks twice a second, and kills the whole
 * process, which a thread can do while the main one is busy. It is held in a block so that the handler, which sees the
 * runner's top-level names, sees none of it; its output is its own, never the function's log; it does not keep the
 * process alive; and it inherits none of the runner's Node.js options, which are the function's.
 */
export const PARENT_WATCH_SOURCE = String.raw`
{
  const watchParent = (parent) => {
    const gone = () => {
      if (process.ppid !== parent) return true;
      try {
        process.kill(parent, 0);
        return false;
      } catch (error) {
        return error.code === 'ESRCH';
      }
    };
    setInterval(() => {
      if (gone()) process.kill(process.pid, 'SIGKILL');
    }, 500);
  };
  try {
    const { Worker } = require('node:worker_threads');
    const watch = new Worker('(' + watchParent + ')(' + process.ppid + ')', { eval: true, execArgv: [], stdout: true, stderr: true });
    watch.unref();
    // Whatever befalls the watch is the emulator's: it must not reach the function as an uncaught error.
    watch.on('error', () => undefined);
  } catch {
    // Without the watch (a thread that cannot start), the runner still ends when its channel closes while idle.
  }
}
`;
