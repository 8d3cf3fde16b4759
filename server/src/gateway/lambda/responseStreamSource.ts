/**
 * Worker-side code (part of the runner text): Lambda's response streaming API for Node.js, so that a handler written
 * for Lambda runs unchanged. It follows the Node.js runtime (aws-lambda-nodejs-runtime-interface-client,
 * `UserFunction`, `HttpResponseStream`, `ResponseStream`, `StreamingInvokeProcessor`):
 * - `awslambda.streamifyResponse(handler)` marks the handler with the runtime's symbol and returns it;
 * - `awslambda.HttpResponseStream.from(stream, metadata)` sets the content type API Gateway and function URLs read,
 *   and writes the metadata JSON and 8 NUL bytes just before the stream's first `write()`. Like the runtime, it does
 *   not hook `end(data)`: a stream that is only ended sends no metadata.
 * - the response stream is a Writable with `setContentType`; chunks that are neither text nor bytes are written as
 *   JSON, as the runtime writes them;
 * - an invocation ends when the handler's promise has settled and the stream has finished; a handler that resolves
 *   without ending its stream runs into the timeout, as on Lambda.
 */
export const RESPONSE_STREAM_SOURCE = String.raw`
const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';
const HTTP_INTEGRATION_RESPONSE = 'application/vnd.awslambda.http-integration-response';
const DEFAULT_STREAM_CONTENT_TYPE = 'application/octet-stream';

class HttpResponseStream {
  static from(underlyingStream, prelude) {
    underlyingStream.setContentType(HTTP_INTEGRATION_RESPONSE);
    // JSON.stringify escapes NUL, so the delimiter cannot occur inside the metadata.
    const metadata = JSON.stringify(prelude);
    underlyingStream._onBeforeFirstWrite = (write) => {
      write(metadata);
      write(new Uint8Array(8));
    };
    return underlyingStream;
  }
}

function namedError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

// The runtime's switch, for code that brings its own awslambda shim.
if (!['1', 'true'].includes(process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA)) {
  globalThis.awslambda = {
    streamifyResponse(handler, options) {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (options && typeof options.highWaterMark === 'number') handler[HANDLER_HIGH_WATER_MARK] = parseInt(options.highWaterMark);
      return handler;
    },
    HttpResponseStream,
  };
}

function isStreamingHandler(handler) {
  const mode = handler[HANDLER_STREAMING];
  if (mode === undefined || mode === null || mode === false) return false;
  if (mode === STREAM_RESPONSE) return true;
  throw namedError('Runtime.MalformedStreamingHandler', 'Only response streaming is supported.');
}

// Each chunk goes to the host as its own message when it is written, so that the gateway can pass it on to the client
// at once: server-sent events reach the client one by one, and a cut stream keeps what went out before. Collecting the
// bytes in the worker would hold everything back until the handler ends. A write completes once its message is on the
// channel, which gives the stream the channel's backpressure.
function createResponseStream(id, highWaterMark) {
  const { Writable } = require('node:stream');
  let contentType = DEFAULT_STREAM_CONTENT_TYPE;
  let writeCalled = false;
  let sentAny = false;
  const stream = new Writable({
    highWaterMark: typeof highWaterMark === 'number' && highWaterMark > 0 ? highWaterMark : undefined,
    write(chunk, encoding, callback) {
      const message = { type: 'chunk', id, data: chunk.toString('base64') };
      if (!sentAny) message.contentType = contentType;
      sentAny = true;
      process.send(message, (error) => callback(error || null));
    },
  });
  stream.setContentType = (type) => {
    if (writeCalled || sentAny) throw namedError('Runtime.InvalidStreamingOperation', 'Cannot set content-type, too late.');
    contentType = String(type);
  };
  const write = stream.write;
  stream.write = function (chunk, encoding, callback) {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) chunk = JSON.stringify(chunk);
    if (!writeCalled && typeof stream._onBeforeFirstWrite === 'function') stream._onBeforeFirstWrite((piece) => write.call(stream, piece));
    writeCalled = true;
    return write.call(stream, chunk, encoding, callback);
  };
  return { stream, contentType: () => contentType };
}

// Resolves once the handler is done and its stream finished; rejects with what failed first. A stream error (a write
// after end, a pipeline whose source failed) fails the invocation, as the runtime's request error does, and never
// reaches the process as an unhandled 'error' event. 'output' receives the stream's content type either way.
async function invokeStreaming(handler, event, context, id, output) {
  const { stream, contentType } = createResponseStream(id, handler[HANDLER_HIGH_WATER_MARK]);
  let streamError;
  const closed = new Promise((resolve) => {
    stream.on('error', (error) => {
      if (streamError === undefined) streamError = error;
      resolve();
    });
    stream.on('finish', resolve);
    stream.on('close', resolve);
  });
  try {
    const returned = handler(event, stream, context);
    if (!returned || typeof returned.then !== 'function') throw new Error('Streaming does not support non-async handlers.');
    if ((await returned) !== undefined) console.warn('Streaming handlers ignore return values.');
    await closed;
    if (streamError !== undefined) throw streamError;
    if (!stream.writableFinished) throw new Error('Response stream is not finished.');
  } finally {
    output.contentType = contentType();
  }
}
`;
