import assert from 'node:assert/strict';
import * as http from 'node:http';
import { LambdaStreamReader } from '../../../server/src/gateway/integrations/lambdaStreamReader';
import type { LocalConfig } from '../../../server/src/gateway/localConfig';
import type { GatewayResponse } from '../../../server/src/gateway/types';
import { closeHost, gatewayFor, host, lambdaUri, startBackend, useGatewayServer } from './gatewayFixture';

function streamingUri(name: string): string {
  return `arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/response-streaming-invocations`;
}

/** A REST API whose GET /s streams from the function `name`; `settings` go into the integration as written. */
function streamingApi(name: string, settings = 'responseTransferMode: STREAM', uri = streamingUri(name)): string {
  return `openapi: 3.0.1
info: { title: streaming, version: '1' }
paths:
  /s:
    get:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: '${uri}', ${settings} }
`;
}

/** The functions entry for an export of fixtures/streaming.js. */
function streamingFunction(name: string, extra: { timeoutSeconds?: number; handler?: string; export?: string } = {}): LocalConfig {
  return { functions: { [name]: { handler: 'streaming.js', export: name, ...extra } } };
}

function invoke(name: string, options: { settings?: string; path?: string; timeoutSeconds?: number } = {}): Promise<GatewayResponse> {
  const gw = gatewayFor(streamingApi(name, options.settings), streamingFunction(name, { timeoutSeconds: options.timeoutSeconds ?? 3 }));
  return gw.invoke({ method: 'GET', path: options.path ?? '/s' });
}

function messages(response: GatewayResponse): string[] {
  return response.log.map((entry) => entry.message);
}

function logged(response: GatewayResponse, pattern: RegExp): string {
  const line = messages(response).find((message) => pattern.test(message));
  assert.ok(line, `no log line matches ${pattern}:\n${messages(response).join('\n')}`);
  return line;
}

describe('gateway Lambda proxy integrations with response streaming', function () {
  this.timeout(20000);
  after(closeHost);

  it('invokes through InvokeWithResponseStream and answers with the metadata\'s status and headers, then the payload', async () => {
    const r = await invoke('events');
    assert.equal(r.status, 201, r.body);
    assert.equal(r.headers['Content-Type'], 'text/event-stream');
    assert.equal(r.headers['X-Kind'], 'sse');
    assert.ok(r.headers['x-amzn-RequestId']);
    assert.equal(r.body, 'data: 1\n\ndata: 2\n\ndata: 3\n\n');
    assert.equal(r.streamed, undefined, 'collected for a caller without a writer');
    assert.equal(r.interruption, undefined);
    logged(r, /^Sending request to https:\/\/lambda\.us-east-1\.amazonaws\.com\/2021-11-15\/functions\/.*:function:events\/response-streaming-invocations$/);
    logged(r, /^Endpoint response headers: \{.*Content-Type=application\/vnd\.awslambda\.http-integration-response, Transfer-Encoding=chunked/);
    assert.equal(logged(r, /^Endpoint response metadata: /), 'Endpoint response metadata: {"statusCode":201,"headers":{"Content-Type":"text/event-stream","X-Kind":"sse"}}');
    logged(r, /^Endpoint response stream complete: 27 bytes of payload in 3 chunk\(s\)$/);
    const tail = messages(r).slice(-2);
    assert.deepEqual(tail, ['Successfully completed execution', 'Method completed with status: 201']);
  });

  it('hands the handler the REST proxy event and a streaming context without callback methods; objects are written as JSON', async () => {
    const r = await invoke('inspect');
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(JSON.parse(r.body), { path: '/s', resource: '/s', httpMethod: 'GET', done: 'undefined', remaining: true, functionName: 'inspect' });
  });

  it('streams what a pipeline from a Readable writes', async () => {
    const r = await invoke('piped');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers['Content-Type'], 'text/plain');
    assert.equal(r.body, 'alpha beta gamma');
  });

  it('runs an ES module handler written as in AWS\'s examples', async () => {
    const gw = gatewayFor(streamingApi('esm'), { functions: { esm: { handler: 'streaming.mjs' } } });
    const r = await gw.invoke({ method: 'GET', path: '/s' });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.body, 'from esm');
  });

  it('sends cookies as Set-Cookie values after those of multiValueHeaders, beside single and multi-value headers', async () => {
    const r = await invoke('cookies');
    assert.equal(r.status, 202, r.body);
    assert.equal(r.headers['X-Single'], 'one');
    assert.deepEqual(r.multiValueHeaders, { 'X-Multi': ['a', 'b'], 'Set-Cookie': ['m=1', 'c1=1; Path=/', 'c2=2'] });
    assert.equal(r.body, 'ok');
  });

  it('passes a binary payload through as bytes, NUL bytes of its own included, without binary media types', async () => {
    const r = await invoke('binary');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers['Content-Type'], 'image/png');
    assert.equal(r.isBase64Encoded, true);
    assert.deepEqual([...Buffer.from(r.body, 'base64')], [0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3]);
  });

  it('defaults the content type to JSON when the metadata names none', async () => {
    const r = await invoke('slowStart', { path: '/s?wait=0' });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers['Content-Type'], 'application/json');
    assert.equal(r.body, 'late');
  });

  it('fails with 502 a stream without metadata: plain writes, or a stream only ended after HttpResponseStream.from', async () => {
    const plain = await invoke('noMetadata');
    assert.equal(plain.status, 502);
    assert.deepEqual(JSON.parse(plain.body), { message: 'Internal server error' });
    logged(plain, /^Execution failed due to configuration error: Malformed Lambda proxy response: the response stream ended after 9 bytes without the delimiter \(8 NUL bytes\).*HttpResponseStream\.from/);
    const ended = await invoke('endOnly');
    assert.equal(ended.status, 502);
    logged(ended, /Malformed Lambda proxy response: .*end\(data\) without a write\(\) skips the metadata/);
  });

  it('fails with 502 metadata that is not JSON, and a stream with no delimiter in its first 16 KB', async () => {
    const bad = await invoke('badMetadata');
    assert.equal(bad.status, 502);
    logged(bad, /^Execution failed due to configuration error: Malformed Lambda proxy response \(the metadata before the delimiter is not JSON\)$/);
    const long = await invoke('longWithoutDelimiter');
    assert.equal(long.status, 502);
    logged(long, /no delimiter \(8 NUL bytes\) after metadata within its first 16384 bytes/);
  });

  it('answers an error thrown before anything was written as a Lambda function error: 502', async () => {
    const gw = gatewayFor(streamingApi('throwsBefore'), streamingFunction('throwsBefore'));
    const r = await gw.invoke({ method: 'GET', path: '/s', functionOutput: true });
    assert.equal(r.status, 502);
    logged(r, /^Lambda execution failed with status 200 due to customer function error: failed before writing\. Lambda request id: /);
    const body = logged(r, /^Endpoint response body before transformations: /);
    assert.match(body, /"errorType":"Error","errorMessage":"failed before writing","trace":\["Error: failed before writing","\s+at .*streaming\.js:\d+:\d+\)?"\]/);
    assert.equal(r.functionOutput?.[0].error?.errorMessage, 'failed before writing');
  });

  it('cuts the response after what was sent when the function fails after writing', async () => {
    const r = await invoke('throwsAfter');
    assert.equal(r.status, 200);
    assert.equal(r.body, 'partial ');
    assert.equal(r.interruption, 'the function failed: Error: failed mid-stream');
    logged(r, /^Execution failed after the response started: the function failed: Error: failed mid-stream\. The client received status 200, the headers and 8 bytes of the payload; the connection is closed without the rest$/);
    assert.ok(!messages(r).includes('Successfully completed execution'));
    assert.equal(messages(r).at(-1), 'Method completed with status: 200');
  });

  it('cuts a stream that never ends at the function\'s timeout, keeping what it wrote', async () => {
    const r = await invoke('neverEnds', { timeoutSeconds: 0.5 });
    assert.equal(r.status, 200);
    assert.match(r.body, /^(tick )+$/);
    assert.match(r.interruption ?? '', /^the function failed: Sandbox\.Timedout: .*Task timed out after 0\.50 seconds$/);
  });

  it('applies the integration timeout to the whole stream: 504 before the metadata, a cut stream after it', async () => {
    const early = await invoke('slowStart', { settings: 'responseTransferMode: STREAM, timeoutInMillis: 200', path: '/s?wait=1000' });
    assert.equal(early.status, 504);
    logged(early, /^Execution failed due to a timeout error \(200 ms\)$/);
    // Warm first, so that the stream's timing does not depend on a cold start.
    const gw = gatewayFor(streamingApi('events', 'responseTransferMode: STREAM, timeoutInMillis: 600'), streamingFunction('events'));
    assert.equal((await gw.invoke({ method: 'GET', path: '/s?gap=0' })).status, 201);
    const late = await gw.invoke({ method: 'GET', path: '/s?gap=400' });
    assert.equal(late.status, 201);
    assert.match(late.body, /^data: 1\n\n/);
    assert.notEqual(late.body, 'data: 1\n\ndata: 2\n\ndata: 3\n\n');
    assert.equal(late.interruption, 'the integration timed out after 600 ms');
  });

  it('answers a handler that does not stream as API Gateway reads Lambda\'s single chunk: no metadata, 502', async () => {
    const r = await invoke('buffered');
    assert.equal(r.status, 502);
    logged(r, /^Endpoint response headers: \{.*Content-Type=application\/json, Transfer-Encoding=chunked/);
    logged(r, /^Execution failed due to configuration error: Malformed Lambda proxy response: the function does not stream \(its handler is not wrapped in awslambda\.streamifyResponse\), so Lambda returned its whole result as one chunk/);
  });

  it('reports misuse of the streaming API as Lambda does: a handler that is not async, a content type set too late', async () => {
    const sync = await invoke('notAsync');
    assert.equal(sync.status, 502);
    logged(sync, /customer function error: Streaming does not support non-async handlers\./);
    const late = await invoke('lateContentType');
    assert.equal(late.status, 502);
    const body = logged(late, /^Endpoint response body before transformations: /);
    assert.match(body, /"errorType":"Runtime\.InvalidStreamingOperation","errorMessage":"Cannot set content-type, too late\.","trace":\[.*streaming\.js:\d+/);
  });

  it('reads the transfer mode in any case, and runs buffered when mode and URI disagree, saying so', async () => {
    const lower = await invoke('events', { settings: 'responseTransferMode: stream' });
    assert.equal(lower.status, 201);
    assert.equal(lower.body, 'data: 1\n\ndata: 2\n\ndata: 3\n\n');
    const modeOnly = gatewayFor(streamingApi('events', 'responseTransferMode: STREAM', lambdaUri('events')), streamingFunction('events'));
    const r1 = await modeOnly.invoke({ method: 'GET', path: '/s' });
    assert.equal(r1.status, 502);
    logged(r1, /^responseTransferMode is STREAM, but the uri calls Invoke, not InvokeWithResponseStream/);
    // Read through Invoke, the stream's bytes are no JSON document.
    logged(r1, /^The function streams its response \(awslambda\.streamifyResponse\), which a buffered integration reads as one JSON document/);
    const uriOnly = gatewayFor(streamingApi('buffered', 'timeoutInMillis: 29000'), streamingFunction('buffered'));
    const r2 = await uriOnly.invoke({ method: 'GET', path: '/s' });
    assert.equal(r2.status, 200);
    assert.equal(r2.body, 'not streamed');
    logged(r2, /^The uri calls InvokeWithResponseStream, but responseTransferMode is not STREAM/);
  });

  it('hands a caller with a writer the head at once and each chunk as it arrives', async () => {
    const gw = gatewayFor(streamingApi('events'), streamingFunction('events'));
    const seen: string[] = [];
    const r = await gw.invoke({
      method: 'GET',
      path: '/s',
      streamResponse: (head) => {
        seen.push(`head ${head.status} ${head.headers['Content-Type']}`);
        return { write: (chunk) => seen.push(chunk.toString()), end: (interruption) => seen.push(`end ${interruption ?? ''}`) };
      },
    });
    assert.deepEqual(seen, ['head 201 text/event-stream', 'data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n', 'end ']);
    assert.equal(r.streamed, true);
    assert.equal(r.body, '');
    assert.equal(r.status, 201);
  });
});

describe('the local Lambda host and streaming handlers', function () {
  this.timeout(20000);
  after(closeHost);
  const invocation = (requestId: string) => ({ functionName: 'S', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:S', requestId, event: { queryStringParameters: null }, region: 'us-east-1' });

  it('hands a sink each write as it happens, with the stream\'s content type; through Invoke the bytes are the result', async () => {
    const chunks: string[] = [];
    const types = new Set<string>();
    const streamed = await host.invoke({ handler: 'streaming.js', export: 'piped' }, invocation('h1'), {
      write: (chunk, contentType) => {
        chunks.push(chunk.toString('latin1'));
        types.add(contentType);
      },
    });
    assert.ok(streamed.ok);
    assert.deepEqual(streamed.streamed, { contentType: 'application/vnd.awslambda.http-integration-response', bytes: chunks.join('').length });
    assert.deepEqual(chunks, ['{"statusCode":200,"headers":{"Content-Type":"text/plain"}}', '\0'.repeat(8), 'alpha ', 'beta ', 'gamma']);
    assert.deepEqual([...types], ['application/vnd.awslambda.http-integration-response']);
    const buffered = await host.invoke({ handler: 'streaming.js', export: 'noMetadata' }, invocation('h2'));
    assert.ok(buffered.ok);
    assert.equal(buffered.result, 'just text');
    assert.deepEqual(buffered.streamed, { contentType: 'text/plain', bytes: 9 });
  });

  it('sends an ordinary handler\'s result to a sink as one JSON chunk', async () => {
    const chunks: Buffer[] = [];
    const r = await host.invoke({ handler: 'streaming.js', export: 'buffered' }, invocation('h3'), { write: (chunk) => chunks.push(chunk) });
    assert.ok(r.ok);
    assert.equal(r.streamed, undefined);
    assert.deepEqual(chunks.map((c) => JSON.parse(c.toString())), [{ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'not streamed' }]);
  });
});

describe('reading a streamed Lambda proxy response', () => {
  it('finds the delimiter across chunks and passes on only the payload after it', async () => {
    const reader = new LambdaStreamReader();
    const bytes = Buffer.concat([Buffer.from('{"statusCode":204}'), Buffer.alloc(8), Buffer.from([0, 1, 0]), Buffer.from('tail')]);
    for (const byte of bytes) reader.write(Buffer.from([byte]));
    assert.deepEqual(reader.prelude, { metadata: '{"statusCode":204}' });
    const payload: number[] = [];
    reader.payload.end();
    await reader.payload.pipe((chunk) => payload.push(...chunk));
    assert.deepEqual(Buffer.from(payload), Buffer.concat([Buffer.from([0, 1, 0]), Buffer.from('tail')]));
  });
});

describe('serving streamed responses', function () {
  this.timeout(20000);
  const serve = useGatewayServer();
  after(closeHost);

  /** Each piece of the body as the client received it, with the milliseconds since the request. */
  function receive(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; pieces: { at: number; text: string }[]; complete: boolean }> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      http
        .get(url, (res) => {
          const pieces: { at: number; text: string }[] = [];
          res.on('data', (chunk: Buffer) => pieces.push({ at: Date.now() - started, text: chunk.toString() }));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, pieces, complete: res.complete }));
          res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, pieces, complete: false }));
        })
        .on('error', reject);
    });
  }

  it('sends server-sent events one by one, in chunked encoding, as the function writes them', async () => {
    const lines: string[] = [];
    const gw = gatewayFor(streamingApi('events'), streamingFunction('events'));
    const served = await serve(gw, { onRequest: (line) => lines.push(line) });
    const r = await receive(`${served.url}/s?gap=300`);
    assert.equal(r.status, 201);
    assert.equal(r.headers['content-type'], 'text/event-stream');
    assert.equal(r.headers['transfer-encoding'], 'chunked');
    assert.equal(r.headers['content-length'], undefined);
    assert.equal(r.pieces.map((p) => p.text).join(''), 'data: 1\n\ndata: 2\n\ndata: 3\n\n');
    assert.ok(r.pieces.length >= 3, JSON.stringify(r.pieces));
    // The function writes an event every 300 ms: the first reaches the client long before the last is written.
    const first = r.pieces[0];
    const last = r.pieces[r.pieces.length - 1];
    assert.equal(first.text, 'data: 1\n\n');
    assert.ok(last.at - first.at >= 450, JSON.stringify(r.pieces));
    assert.ok(r.complete);
    assert.match(lines[0], /^GET \/s\?gap=300 201 [\d.]+ ms, streamed$/);
  });

  it('closes the connection without the last chunk when the function fails mid-stream', async () => {
    const lines: string[] = [];
    const gw = gatewayFor(streamingApi('throwsAfter'), streamingFunction('throwsAfter'));
    const served = await serve(gw, { onRequest: (line) => lines.push(line) });
    const r = await receive(`${served.url}/s`);
    assert.equal(r.status, 200);
    assert.equal(r.pieces.map((p) => p.text).join(''), 'partial ');
    assert.equal(r.complete, false);
    assert.match(lines[0], /, streamed, cut short: the function failed: Error: failed mid-stream$/);
    assert.ok(lines.some((line) => line.includes('failed mid-stream') && line.startsWith('  [throwsAfter]')), lines.join('\n'));
  });

  it('streams an HTTP_PROXY integration\'s body as the backend sends it; buffered callers get the same bytes', async () => {
    const backend = await startBackend((request, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Backend': 'yes' });
      res.write('one ');
      setTimeout(() => res.write('two '), 300);
      setTimeout(() => res.end('three'), 600);
    });
    try {
      const doc = `openapi: 3.0.1
info: { title: proxy, version: '1' }
paths:
  /p:
    get:
      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: '${backend.url}/data', responseTransferMode: STREAM }
`;
      const gw = gatewayFor(doc);
      const served = await serve(gw);
      const r = await receive(`${served.url}/p`);
      assert.equal(r.status, 200);
      assert.equal(r.headers['x-backend'], 'yes');
      assert.equal(r.pieces.map((p) => p.text).join(''), 'one two three');
      assert.equal(r.pieces[0].text, 'one ');
      assert.ok(r.pieces[r.pieces.length - 1].at - r.pieces[0].at >= 400, JSON.stringify(r.pieces));
      const buffered = await gw.invoke({ method: 'GET', path: '/p' });
      assert.equal(buffered.status, 200);
      assert.equal(buffered.body, 'one two three');
      logged(buffered, /^Endpoint response stream complete: 13 bytes of payload in \d+ chunk\(s\)$/);
    } finally {
      backend.close();
    }
  });

  it('cuts a streamed HTTP_PROXY response whose backend drops the connection midway', async () => {
    const backend = await startBackend((request, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('half ');
      setTimeout(() => res.destroy(), 50);
    });
    try {
      const doc = `openapi: 3.0.1
info: { title: proxy, version: '1' }
paths:
  /p:
    get:
      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: '${backend.url}/data', responseTransferMode: STREAM }
`;
      const gw = gatewayFor(doc);
      const served = await serve(gw);
      const r = await receive(`${served.url}/p`);
      assert.equal(r.status, 200);
      assert.equal(r.pieces.map((p) => p.text).join(''), 'half ');
      assert.equal(r.complete, false);
      const buffered = await gw.invoke({ method: 'GET', path: '/p' });
      assert.equal(buffered.body, 'half ');
      assert.match(buffered.interruption ?? '', /^the backend (closed the connection before the end of its body|connection failed: .+)$/);
      logged(buffered, /^Execution failed after the response started: the backend .*The client received status 200, the headers and 5 bytes of the payload/);
    } finally {
      backend.close();
    }
  });
});
