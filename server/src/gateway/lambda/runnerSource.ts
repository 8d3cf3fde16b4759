import { PARENT_WATCH_SOURCE } from './parentWatchSource';
import { RESPONSE_STREAM_SOURCE } from './responseStreamSource';
import { TYPESCRIPT_HOOK_SOURCE } from './typescriptHandlers';

/**
 * The program each Lambda worker process runs (`node -e`), kept as text so that the same code works from the
 * TypeScript sources and from the bundled CLI. It loads the handler once per process (a warm container), runs one
 * invocation at a time, and answers over the IPC channel. Errors take Lambda's shape: errorType, errorMessage,
 * trace. A streaming handler (`awslambda.streamifyResponse`) sends its bytes as `chunk` messages before its result,
 * which then says `streamed` and carries no value. A process about to end on an uncaught exception, or for outgrowing
 * its memory limit (the first argument, in MB), says why first (`uncaught`, `memory`). It ends with the server that
 * started it: idle, when its channel closes; busy in a handler, when its parent watch sees the server gone.
 */
export const RUNNER_SOURCE = String.raw`
'use strict';
const { pathToFileURL } = require('node:url');
const loaded = new Map();
const MAX_RESPONSE_BYTES = 6291556;

// Loading fails as in Lambda's Node.js runtime (aws-lambda-nodejs-runtime-interface-client, UserFunction.js): a
// SyntaxError is Runtime.UserCodeSyntaxError, a module not found Runtime.ImportModuleError (its message the error as
// text, "Error: Cannot find module 'name'"), an export that is no function Runtime.HandlerNotFound, named by the
// handler string (file without extension, a dot, the export).
async function loadHandler(file, exportName, handlerName, typescript) {
  let mod = loaded.get(file);
  if (!mod) {
    try {
      mod = await loadModule(file, typescript);
    } catch (error) {
      throw loadError(error);
    }
    loaded.set(file, mod);
  }
  const fn = mod[exportName] !== undefined ? mod[exportName] : mod.default && mod.default[exportName];
  if (typeof fn !== 'function') throw runtimeError('HandlerNotFound', handlerName + (fn === undefined || fn === null ? ' is undefined or not exported' : ' is not a function'));
  return fn;
}

async function loadModule(file, typescript) {
  // Lambda looks for the module's file, then resolves its name as a package, which fails: the error names the module.
  if (!require('node:fs').existsSync(file)) {
    const error = new Error("Cannot find module '" + require('node:path').basename(file).replace(/\.[^.]*$/, '') + "'");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  if (/\.[cm]?ts$/i.test(file)) {
    useTypeScript(typescript);
    return require(file);
  }
  if (/\.mjs$/i.test(file)) return import(pathToFileURL(file).href);
  try {
    return require(file);
  } catch (error) {
    if (!error || (error.code !== 'ERR_REQUIRE_ESM' && error.code !== 'ERR_REQUIRE_ASYNC_MODULE')) throw error;
    return import(pathToFileURL(file).href);
  }
}

function loadError(error) {
  if (!error || typeof error.name !== 'string' || error.name.startsWith('Runtime.')) return error;
  if (error instanceof SyntaxError) {
    // Node.js puts where the code stopped parsing ("/path/file.js:3") first in the stack, which Lambda leaves out.
    const where = /^(.+:\d+)\n/.exec(String(error.stack || ''));
    const failure = runtimeError('UserCodeSyntaxError', String(error));
    failure.stack = failure.name + ': ' + failure.message + (where ? '\n    at ' + where[1] : '');
    return failure;
  }
  // The require stack ends with this runner, evaluated as [eval]; the user's files above it stay.
  if (error.code === 'MODULE_NOT_FOUND') return runtimeError('ImportModuleError', String(error).split('\n').filter((line) => !/^- .*\[eval\]$/.test(line)).join('\n').replace(/\nRequire stack:$/, ''));
  return error;
}

function runtimeError(kind, message) {
  const error = new Error(message);
  error.name = 'Runtime.' + kind;
  return error;
}

// The shape of current Node.js runtimes: the stack's lines as they are, message lines included, so that trace[0]
// reads "Error: <first message line>". A thrown non-error has no trace.
function lambdaError(error) {
  if (isErrorLike(error)) return { errorType: error.name, errorMessage: error.message, trace: userTrace(error.stack) };
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

// What the function printed belongs to its invocation: a pipe the host reads slower than the function writes holds
// the rest back in this process, and the answer waits for it so as not to overtake it.
function afterOutput(then) {
  const pending = [process.stdout, process.stderr].filter((stream) => stream.writableLength > 0);
  let left = pending.length;
  if (left === 0) return then();
  for (const stream of pending) {
    stream.write('', () => {
      if (--left === 0) then();
    });
  }
}

function isErrorLike(value) {
  return value instanceof Error || (!!value && typeof value.name === 'string' && typeof value.message === 'string' && typeof value.stack === 'string');
}

// Frames from this runner (evaluated as [eval]) and what called it are the emulator's, not the function's: Lambda's
// trace shows its own runtime there, which the user cannot act on either. An error raised by the emulated runtime API
// (a response stream's) starts with runner frames above the handler's, which are kept.
function userTrace(stack) {
  const lines = String(stack || '').split('\n');
  const isRunner = (line) => /^\s+at .*\[eval\]/.test(line);
  const first = lines.findIndex((line) => /^\s+at /.test(line));
  if (first >= 0 && isRunner(lines[first])) {
    let end = first;
    while (end < lines.length && isRunner(lines[end])) end++;
    if (end < lines.length && !/^\s+at (?:.* \()?node:/.test(lines[end])) lines.splice(first, end - first);
  }
  const runner = lines.findIndex(isRunner);
  return runner < 0 ? lines : lines.slice(0, runner);
}

process.on('disconnect', () => process.exit(0));
${PARENT_WATCH_SOURCE}
// Lambda's log has what the function wrote to stdout and stderr in the order it wrote it. Two pipes are read in
// whatever order the host finds them ready, so what goes to stderr from JavaScript takes the stdout pipe too; only
// what Node.js itself writes to the stderr pipe (V8's report of a full heap) still comes apart.
process.stderr.write = (...args) => process.stdout.write(...args);

// Node.js would print an uncaught error to stderr and exit with status 1. Printed after a flood of output, the error
// could be cut from the log with the rest, or be read before the end of stdout; sent to the host instead, it ends the
// log whole. The exit status stays Node.js's own.
let exiting = false;
process.on('uncaughtException', (error, origin) => {
  if (exiting) return;
  exiting = true;
  const heading = origin === 'unhandledRejection' ? 'Unhandled Promise Rejection' : 'Uncaught Exception';
  const text = heading + ': ' + describeUncaught(error);
  const exit = () => process.exit(1);
  setTimeout(exit, 1000);
  try {
    process.send({ type: 'uncaught', text }, exit);
  } catch {
    process.stderr.write(text + '\n');
    exit();
  }
});

// Lambda stops a function whose process outgrows its memory. The heap limit (--max-old-space-size) covers the heap;
// this covers the rest (buffers, native memory), checked as the event loop turns. The limit is the first argument.
const PROCESS_LIMIT_BYTES = Number(process.argv[1]) * 1024 * 1024;
if (PROCESS_LIMIT_BYTES > 0) {
  setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss <= PROCESS_LIMIT_BYTES || exiting) return;
    exiting = true;
    const kill = () => process.kill(process.pid, 'SIGKILL');
    try {
      process.send({ type: 'memory', rss }, kill);
    } catch {
      kill();
    }
  }, 100).unref();
}

function describeUncaught(error) {
  try {
    return require('node:util').inspect(error);
  } catch {
    return String(error);
  }
}

process.on('message', async (message) => {
  if (!message || message.type !== 'invoke') return;
  let settled = false;
  let streamed;
  const finish = (ok, value) => {
    if (settled) return;
    settled = true;
    let payload;
    try {
      if (!ok) payload = value;
      else if (streamed) payload = null;
      else if (value === undefined) payload = null;
      else {
        const text = JSON.stringify(value);
        // Lambda refuses to return a synchronous response over its payload limit, whatever the function returned.
        if (text !== undefined && Buffer.byteLength(text) > MAX_RESPONSE_BYTES) {
          ok = false;
          payload = { errorType: 'Function.ResponseSizeTooLarge', errorMessage: 'Response payload size exceeded maximum allowed payload size (' + MAX_RESPONSE_BYTES + ' bytes).' };
        } else payload = JSON.parse(text);
      }
    } catch (error) {
      ok = false;
      payload = lambdaError(error);
    }
    const result = { type: 'result', id: message.id, ok, value: payload };
    if (streamed) Object.assign(result, { streamed: true, contentType: streamed.contentType });
    afterOutput(() => process.send(result));
  };
  const callback = (error, result) => (error ? finish(false, lambdaError(error)) : finish(true, result));
  try {
    const handler = await loadHandler(message.file, message.exportName, message.handlerName, message.typescript);
    if (isStreamingHandler(handler)) {
      // The runtime's streaming context has no callback methods: the stream is the only way to answer.
      const context = Object.assign({}, message.context, {
        callbackWaitsForEmptyEventLoop: true,
        getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
      });
      streamed = {};
      await invokeStreaming(handler, message.event, context, message.id, streamed);
      finish(true, undefined);
      return;
    }
    const context = Object.assign({}, message.context, {
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
      done: callback,
      succeed: (result) => finish(true, result),
      fail: (error) => finish(false, lambdaError(error)),
    });
    const returned = handler(message.event, context, callback);
    if (returned && typeof returned.then === 'function') finish(true, await returned);
    else if (handler.length < 3) finish(true, returned);
  } catch (error) {
    finish(false, lambdaError(error));
  }
});
process.send({ type: 'ready' });
` + RESPONSE_STREAM_SOURCE + TYPESCRIPT_HOOK_SOURCE;
