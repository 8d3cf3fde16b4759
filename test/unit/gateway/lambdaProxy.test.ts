import assert from 'node:assert/strict';
import { closeHost, exampleGateway, fn, gatewayFor, json, lambdaUri } from './gatewayFixture';

const REST = (fnName: string, timeout = 29000) => `openapi: 3.0.1
info: { title: proxy, version: '1' }
paths:
  /pets/{petId}:
    get:
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: ${lambdaUri(fnName)}
        timeoutInMillis: ${timeout}
`;

type Event = Record<string, unknown> & { requestContext: Record<string, unknown> };

describe('gateway Lambda proxy integration', function () {
  this.timeout(20000);
  after(closeHost);

  it('shortens credentials in the logged event as in the method request headers, and hands the function them whole', async () => {
    const gw = gatewayFor(REST('Echo'), { functions: { Echo: fn('echoEvent') } });
    const token = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig';
    const r = await gw.invoke({ method: 'GET', path: '/pets/7', headers: { Authorization: token, 'x-api-key': 'abcdefghijklmnopqrst', Accept: 'application/json' } });
    assert.equal(r.status, 200, r.body);
    const { event } = json(r.body) as { event: Event };
    assert.equal((event.headers as Record<string, string>).Authorization, token);
    assert.deepEqual((event.multiValueHeaders as Record<string, string[]>).Authorization, [token]);
    const line = r.log.map((e) => e.message).find((m) => m.startsWith('Endpoint request body after transformations: '))!;
    assert.ok(line, 'the event is logged');
    assert.ok(!line.includes('eyJzdWIiOiIxIn0'), line);
    assert.ok(line.includes('"Authorization":"Bearer eyJhb****"'), line);
    assert.ok(line.includes('"Authorization":["Bearer eyJhb****"]'), line);
    assert.ok(line.includes('"x-api-key":"abcdefghijkl****"'), line);
    assert.ok(line.includes('"Accept":"application/json"'), line);
    assert.ok(r.log.some((e) => e.message.includes('Authorization=Bearer eyJhb****')), 'the method request headers line masks it alike');
  });

  it('sends the REST (v1) proxy event with every field of its shape', async () => {
    const gw = gatewayFor(REST('Echo'), { functions: { Echo: fn('echoEvent', { environment: { GREETING: 'hi' } }) }, stages: { dev: { variables: { color: 'blue' } } } });
    const r = await gw.invoke({ method: 'GET', path: '/pets/7', query: { a: ['1', '2'], b: ['x'] }, headers: { Accept: 'application/json', 'User-Agent': 'test-agent' }, stage: 'dev', sourceIp: '10.0.0.9' });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.headers['X-Function'], 'Echo');
    const { event, env } = json(r.body) as { event: Event; env: string };
    assert.equal(env, 'hi');
    assert.deepEqual(Object.keys(event), [
      'resource', 'path', 'httpMethod', 'headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters',
      'pathParameters', 'stageVariables', 'requestContext', 'body', 'isBase64Encoded',
    ]);
    assert.equal(event.resource, '/pets/{petId}');
    assert.equal(event.path, '/pets/7');
    assert.equal(event.httpMethod, 'GET');
    const trace = (event.headers as Record<string, string>)['X-Amzn-Trace-Id'];
    assert.match(trace, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    // With no Host sent, the one of the API's own domain, as every request to API Gateway has.
    const added = { Host: String(event.requestContext.domainName), 'X-Amzn-Trace-Id': trace, 'X-Forwarded-For': '10.0.0.9', 'X-Forwarded-Port': '443', 'X-Forwarded-Proto': 'https' };
    assert.match(added.Host, /\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/);
    assert.deepEqual(event.headers, { Accept: 'application/json', 'User-Agent': 'test-agent', ...added });
    assert.deepEqual(event.multiValueHeaders, { Accept: ['application/json'], 'User-Agent': ['test-agent'], ...Object.fromEntries(Object.entries(added).map(([k, v]) => [k, [v]])) });
    assert.deepEqual(event.queryStringParameters, { a: '2', b: 'x' });
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1', '2'], b: ['x'] });
    assert.deepEqual(event.pathParameters, { petId: '7' });
    assert.deepEqual(event.stageVariables, { color: 'blue' });
    assert.equal(event.body, null);
    assert.equal(event.isBase64Encoded, false);
    const rc = event.requestContext;
    for (const key of ['resourceId', 'resourcePath', 'httpMethod', 'extendedRequestId', 'requestTime', 'path', 'accountId', 'protocol', 'stage', 'domainPrefix', 'requestTimeEpoch', 'requestId', 'identity', 'domainName', 'apiId']) {
      assert.ok(key in rc, `requestContext.${key}`);
    }
    assert.equal(rc.path, '/dev/pets/7');
    assert.equal(rc.stage, 'dev');
    assert.equal(rc.resourcePath, '/pets/{petId}');
    assert.match(String(rc.requestTime), /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    const identity = rc.identity as Record<string, unknown>;
    assert.equal(identity.sourceIp, '10.0.0.9');
    assert.equal(identity.userAgent, 'test-agent');
    assert.equal(identity.caller, null);
  });

  it('uses null for absent maps and passes the body', async () => {
    const gw = gatewayFor(REST('Echo').replace('get:', 'post:'), { functions: { Echo: fn('echoEvent') } });
    const r = await gw.invoke({ method: 'POST', path: '/pets/1', body: '{"a":1}' });
    const { event } = json(r.body) as { event: Event };
    // A request without headers still has those API Gateway adds.
    assert.deepEqual(Object.keys(event.headers as object), ['Host', 'X-Amzn-Trace-Id', 'X-Forwarded-For', 'X-Forwarded-Port', 'X-Forwarded-Proto']);
    assert.equal(event.queryStringParameters, null);
    assert.equal(event.multiValueQueryStringParameters, null);
    assert.equal(event.stageVariables, null);
    assert.equal(event.body, '{"a":1}');
  });

  it('sends the HTTP API payload 2.0 event', async () => {
    const gw = exampleGateway('orders-http-api.json', { functions: { GetOrder: fn('echoEvent') } });
    const r = await gw.invoke({
      method: 'GET',
      path: '/orders/o-1',
      query: { x: ['1', '2'] },
      headers: { 'X-Custom': 'A', Cookie: 'c1=v1; c2=v2', 'User-Agent': 'ua' },
    });
    // The route requires a JWT: without one the authorizer answers first.
    assert.equal(r.status, 401);
    const open = JSON.parse(JSON.stringify(gw.model.value)) as Record<string, unknown>;
    delete (open.paths as Record<string, Record<string, Record<string, unknown>>>)['/orders/{orderId}'].get.security;
    const gw2 = gatewayFor(JSON.stringify(open), { functions: { GetOrder: fn('echoEvent') } }, 'orders.json');
    const r2 = await gw2.invoke({ method: 'GET', path: '/orders/o-1', query: { x: ['1', '2'] }, headers: { 'X-Custom': 'A', Cookie: 'c1=v1; c2=v2', 'User-Agent': 'ua' } });
    assert.equal(r2.status, 200, r2.body);
    const { event } = json(r2.body) as { event: Event };
    assert.deepEqual(Object.keys(event), ['version', 'routeKey', 'rawPath', 'rawQueryString', 'cookies', 'headers', 'queryStringParameters', 'requestContext', 'pathParameters', 'isBase64Encoded']);
    assert.equal(event.version, '2.0');
    assert.equal(event.routeKey, 'GET /orders/{orderId}');
    assert.equal(event.rawPath, '/orders/o-1');
    assert.equal(event.rawQueryString, 'x=1&x=2');
    assert.deepEqual(event.cookies, ['c1=v1', 'c2=v2']);
    const trace = (event.headers as Record<string, string>)['x-amzn-trace-id'];
    assert.deepEqual(event.headers, { 'x-custom': 'A', 'user-agent': 'ua', host: event.requestContext.domainName, 'x-amzn-trace-id': trace, 'x-forwarded-for': '127.0.0.1', 'x-forwarded-port': '443', 'x-forwarded-proto': 'https' });
    assert.deepEqual(event.queryStringParameters, { x: '1,2' });
    assert.deepEqual(event.pathParameters, { orderId: 'o-1' });
    const rc = event.requestContext;
    assert.deepEqual(Object.keys(rc), ['accountId', 'apiId', 'domainName', 'domainPrefix', 'http', 'requestId', 'routeKey', 'stage', 'time', 'timeEpoch']);
    assert.deepEqual(rc.http, { method: 'GET', path: '/orders/o-1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'ua' });
    assert.equal(rc.stage, '$default');
  });

  it('sends the HTTP API payload 1.0 event: the REST shape with a version', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'v1', version: '1' },
      paths: { '/items/{id}': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: '1.0' } } } },
    });
    const r = await gatewayFor(doc, { functions: { Echo: fn('echoEvent') } }, 'v1.json').invoke({ method: 'GET', path: '/items/5', query: { a: ['1'] } });
    assert.equal(r.status, 200, r.body);
    const { event } = json(r.body) as { event: Event };
    assert.equal(event.version, '1.0');
    assert.equal(event.resource, '/items/{id}');
    assert.deepEqual(event.pathParameters, { id: '5' });
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1'] });
    assert.equal(event.requestContext.stage, '$default');
    assert.equal(event.requestContext.path, '/items/5');
    const failing = await gatewayFor(doc, { functions: { Echo: fn('throws') } }, 'v1.json').invoke({ method: 'GET', path: '/items/5' });
    assert.equal(failing.status, 500);
    assert.deepEqual(json(failing.body), { message: 'Internal Server Error' });
  });

  it('reads a 2.0 result without statusCode as a JSON body, and cookies as Set-Cookie', async () => {
    const doc = (fnName: string) =>
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'v2', version: '1' },
        paths: { '/x': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: `arn:aws:lambda:us-east-1:123456789012:function:${fnName}`, payloadFormatVersion: '2.0' } } } },
      });
    const plain = await gatewayFor(doc('V2'), { functions: { V2: fn('echoV2') } }, 'v2.json').invoke({ method: 'GET', path: '/x' });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['Content-Type'], 'application/json');
    assert.deepEqual(json(plain.body), { hello: 'world', path: '/x' });
    const cookies = await gatewayFor(doc('C'), { functions: { C: fn('withCookies') } }, 'v2.json').invoke({ method: 'GET', path: '/x' });
    assert.equal(cookies.status, 201);
    assert.deepEqual(cookies.multiValueHeaders, { 'Set-Cookie': ['a=1', 'b=2'] });
    assert.equal(cookies.body, 'made');
  });

  it('answers a malformed proxy response with 502', async () => {
    for (const name of ['malformedBody', 'malformedExtra']) {
      const gw = gatewayFor(REST('Bad'), { functions: { Bad: fn(name) } });
      const r = await gw.invoke({ method: 'GET', path: '/pets/1' });
      assert.equal(r.status, 502, name);
      assert.deepEqual(json(r.body), { message: 'Internal server error' });
      assert.ok(r.log.some((e) => e.message.includes('Malformed Lambda proxy response')));
    }
  });

  it('reports a thrown error, a process exit, an uncaught exception and a Lambda timeout as 502, and keeps serving', async () => {
    const functions = {
      Throws: fn('throws'),
      Exits: fn('exits'),
      Crash: fn('crashesLater'),
      Spins: fn('spins', { timeoutSeconds: 0.3 }),
      Echo: fn('echoEvent'),
    };
    for (const [name, expected] of [
      ['Throws', 'boom'],
      ['Exits', 'Runtime exited with error: exit status 3'],
      ['Crash', 'Runtime exited with error: exit status 1'],
      ['Spins', 'Task timed out after 0.30 seconds'],
    ]) {
      const r = await gatewayFor(REST(name), { functions }).invoke({ method: 'GET', path: '/pets/1' });
      assert.equal(r.status, 502, name);
      assert.deepEqual(json(r.body), { message: 'Internal server error' });
      assert.ok(r.log.some((e) => e.message.includes(expected)), `${name}: ${r.log.map((e) => e.message).join('\n')}`);
    }
    const crashLog = (await gatewayFor(REST('Crash'), { functions }).invoke({ method: 'GET', path: '/pets/1' })).log.map((e) => e.message).join('\n');
    assert.match(crashLog, /uncaught in a timer/);
    const after = await gatewayFor(REST('Echo'), { functions }).invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(after.status, 200);
  });

  it('logs why a function failed: the runtime exit status in the function log, with the Lambda request id', async () => {
    const r = await gatewayFor(REST('Exits'), { functions: { Exits: fn('exits') } }).invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(r.status, 502);
    const lines = r.log.map((e) => e.message);
    const lambdaRequestId = /RequestId: (\S+)$/.exec(lines.find((l) => l.startsWith('Lambda cold start') || l.startsWith('Lambda duration')) ?? '')?.[1];
    assert.ok(lambdaRequestId, lines.join('\n'));
    assert.ok(lines.includes(`Lambda log: RequestId: ${lambdaRequestId} Error: Runtime exited with error: exit status 3`), lines.join('\n'));
    assert.ok(lines.includes('Lambda log: Runtime.ExitError'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('Lambda execution failed with status 200 due to customer function error:') && l.endsWith(`Lambda request id: ${lambdaRequestId}`)), lines.join('\n'));
  });

  it('hands back what the functions printed only to a caller that asks for it, with the log on or off', async () => {
    const gw = gatewayFor(REST('Fails'), { functions: { Fails: fn('printsThenThrows') } });
    const logged = await gw.invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(logged.status, 502);
    assert.ok(logged.log.some((e) => e.message === 'Lambda log: about to fail'), 'the log has the lines');
    assert.equal(logged.functionOutput, undefined);
    const served = await gw.invoke({ method: 'GET', path: '/pets/1', executionLog: false, functionOutput: true });
    assert.deepEqual(served.log, []);
    assert.deepEqual(served.functionOutput?.map((o) => [o.functionName, o.lines, o.error?.errorMessage]), [['Fails', ['about to fail', 'on stderr'], 'no such pet']]);
  });

  it('logs the first and the last lines of a long function output, where the reason of a crash is', async () => {
    const gw = gatewayFor(REST('Floods'), { functions: { Floods: fn('printsManyLinesThenCrashes') } });
    const r = await gw.invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(r.status, 502);
    const lines = r.log.map((e) => e.message).filter((m) => m.startsWith('Lambda log: ')).map((m) => m.slice('Lambda log: '.length));
    assert.equal(lines.length, 201);
    assert.deepEqual(lines.slice(0, 2), ['line 1', 'line 2']);
    assert.match(lines[100], /^\[\.\.\. \d+ lines \([\d,]+ characters\) of output left out \.\.\.\]$/);
    const end = lines.slice(101);
    assert.ok(end.includes('line 500') && end.includes('Uncaught Exception: Error: crashed after printing'), end.join('\n'));
    assert.equal(end.at(-1), 'Runtime.ExitError');
    // Served, the whole output is shown: nothing is cut at this size.
    const served = await gw.invoke({ method: 'GET', path: '/pets/1', executionLog: false, functionOutput: true });
    const printed = served.functionOutput?.[0].lines ?? [];
    assert.equal(printed.filter((l) => l.startsWith('line ')).length, 500);
    assert.ok(printed.includes('Uncaught Exception: Error: crashed after printing'), printed.slice(-8).join('\n'));
  });

  it('shows one trace id per request, timed at its start: in the event, the logged Lambda request and Lambda\'s logged answer', async () => {
    const gw = gatewayFor(REST('Echo'), { functions: { Echo: fn('echoEvent') } });
    const r = await gw.invoke({ method: 'GET', path: '/pets/1' });
    const { event } = json(r.body) as { event: Event };
    const trace = (event.headers as Record<string, string>)['X-Amzn-Trace-Id'];
    assert.match(trace, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.equal(trace.slice(7, 15), Math.floor(Number(event.requestContext.requestTimeEpoch) / 1000).toString(16).padStart(8, '0'));
    const lines = r.log.map((e) => e.message);
    assert.ok(lines.some((l) => l.startsWith('Endpoint request headers: ') && l.includes(`X-Amzn-Trace-Id=${trace}}`)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('Endpoint response headers: ') && l.includes(`X-Amzn-Trace-Id=${trace.toLowerCase()};sampled=0}`)), lines.join('\n'));
    // A client's own trace header reaches the function; the gateway's id still names the call in the log.
    const own = await gw.invoke({ method: 'GET', path: '/pets/1', headers: { 'x-amzn-trace-id': 'Root=1-00000000-000000000000000000000000' } });
    const ownEvent = (json(own.body) as { event: Event }).event;
    assert.equal((ownEvent.headers as Record<string, string>)['x-amzn-trace-id'], 'Root=1-00000000-000000000000000000000000');
    assert.equal((ownEvent.headers as Record<string, string>)['X-Amzn-Trace-Id'], undefined);
    assert.ok(own.log.some((e) => /^Endpoint request headers: .*X-Amzn-Trace-Id=Root=1-[0-9a-f]{8}-[0-9a-f]{24}\}$/.test(e.message) && !e.message.includes('Root=1-00000000-')));
  });

  it('adds the headers API Gateway adds (X-Forwarded-*, X-Amzn-Trace-Id) unless the client sent them', async () => {
    const gw = gatewayFor(REST('Echo'), { functions: { Echo: fn('echoEvent') } });
    const r = await gw.invoke({ method: 'GET', path: '/pets/1', headers: { 'x-forwarded-for': '203.0.113.9' }, sourceIp: '10.1.2.3', forwarded: { proto: 'http', port: 4242 } });
    const { event } = json(r.body) as { event: Event };
    const headers = event.headers as Record<string, string>;
    assert.equal(headers['x-forwarded-for'], '203.0.113.9');
    assert.equal(headers['X-Forwarded-For'], undefined);
    assert.equal(headers['X-Forwarded-Proto'], 'http');
    assert.equal(headers['X-Forwarded-Port'], '4242');
    assert.match(headers['X-Amzn-Trace-Id'], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('HTTP API 2.0 events give the size of a body in content-length, which the client need not have sent', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'v2', version: '1' },
      paths: { '/x': { post: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: '2.0' } } } },
    });
    const gw = gatewayFor(doc, { functions: { Echo: fn('echoEvent') } }, 'v2.json');
    const text = await gw.invoke({ method: 'POST', path: '/x', body: 'héllo', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(((json(text.body) as { event: Event }).event.headers as Record<string, string>)['content-length'], '6');
    const bytes = await gw.invoke({ method: 'POST', path: '/x', body: Buffer.from([1, 2, 3, 4, 5]), headers: { 'Content-Type': 'application/octet-stream' } });
    assert.equal(((json(bytes.body) as { event: Event }).event.headers as Record<string, string>)['content-length'], '5');
    const none = await gw.invoke({ method: 'POST', path: '/x' });
    assert.equal(((json(none.body) as { event: Event }).event.headers as Record<string, string>)['content-length'], undefined);
  });

  it('logs a failed function\'s error as Lambda returns it: type, message and stack trace', async () => {
    const r = await gatewayFor(REST('Fails'), { functions: { Fails: fn('printsThenThrows') } }).invoke({ method: 'GET', path: '/pets/1', functionOutput: true });
    assert.equal(r.status, 502);
    const line = r.log.map((e) => e.message).find((m) => m.startsWith('Endpoint response body before transformations: '));
    assert.ok(line, r.log.map((e) => e.message).join('\n'));
    const payload = JSON.parse(line.slice('Endpoint response body before transformations: '.length)) as { errorType: string; errorMessage: string; trace: string[] };
    assert.equal(payload.errorType, 'TypeError');
    assert.equal(payload.errorMessage, 'no such pet');
    assert.equal(payload.trace[0], 'TypeError: no such pet');
    assert.match(payload.trace[1], /^\s+at .*handlers\.js:\d+:\d+\)?$/);
    assert.deepEqual(r.functionOutput, [{ functionName: 'Fails', lines: ['about to fail', 'on stderr'], error: payload }]);
  });

  it('logs the method response headers as sent: a header in both maps of the result is one merged list', async () => {
    const r = await gatewayFor(REST('Mixed'), { functions: { Mixed: fn('mixedHeaders') } }).invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.multiValueHeaders, { 'X-M': ['c', 'a', 'b'] });
    assert.equal(r.headers['X-One'], '1');
    assert.equal(r.headers['X-M'], undefined);
    assert.ok(r.log.some((e) => e.message === 'Method response headers: {X-One=1, Content-Type=application/json, X-M=[c, a, b]}'), r.log.map((e) => e.message).join('\n'));
  });

  it('answers 504 when the integration timeout passes first', async () => {
    const gw = gatewayFor(REST('Slow', 100), { functions: { Slow: fn('slow', { timeoutSeconds: 5 }) } });
    const r = await gw.invoke({ method: 'GET', path: '/pets/1', query: { ms: ['400'] } });
    assert.equal(r.status, 504);
    assert.deepEqual(json(r.body), { message: 'Endpoint request timed out' });
  });

  it('supports callback handlers and shows handler output in the log', async () => {
    const cb = await gatewayFor(REST('Cb'), { functions: { Cb: fn('callbackStyle') } }).invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(cb.body, 'via callback');
    const logged = await gatewayFor(REST('Log'), { functions: { Log: fn('logs') } }).invoke({ method: 'GET', path: '/pets/1' });
    assert.ok(logged.log.some((e) => e.message === 'Lambda log: hello from the handler'));
  });

  it('keeps the handler warm: later calls reuse the worker process and its module state', async () => {
    const gw = gatewayFor(REST('Warm'), { functions: { Warm: fn('warmth') } });
    const calls: Array<{ pid: number; calls: number }> = [];
    for (let i = 0; i < 3; i++) {
      const r = await gw.invoke({ method: 'GET', path: '/pets/1' });
      assert.equal(r.status, 200, r.body);
      calls.push(json(r.body) as { pid: number; calls: number });
    }
    assert.notEqual(calls[0].pid, process.pid);
    assert.deepEqual(calls.map((c) => c.pid), [calls[0].pid, calls[0].pid, calls[0].pid]);
    assert.deepEqual(calls.map((c) => c.calls), [1, 2, 3]);
  });

  it('queues concurrent invocations beyond the worker limit and answers them all', async () => {
    const gw = gatewayFor(REST('Queue'), { functions: { Queue: fn('slow') } });
    const results = await Promise.all(Array.from({ length: 7 }, () => gw.invoke({ method: 'GET', path: '/pets/1', query: { ms: ['50'] } })));
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200, 200]);
    assert.ok(results.every((r) => r.body === 'late'));
  });

  it('starts the integration timeout when an invocation gets its worker, not while it waits for one', async () => {
    const gw = gatewayFor(REST('Waits', 1200), { functions: { Waits: fn('slow') } });
    // Four warm workers, so that start-up time, which counts as Lambda's init does, plays no part.
    await Promise.all(Array.from({ length: 4 }, () => gw.invoke({ method: 'GET', path: '/pets/1', query: { ms: ['300'] } })));
    // The last four wait about 800 ms for a worker, then run 800 ms: 1.6 s from their arrival, 0.8 s from their start.
    const results = await Promise.all(Array.from({ length: 8 }, () => gw.invoke({ method: 'GET', path: '/pets/1', query: { ms: ['800'] } })));
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200, 200, 200]);
    const waits = results.flatMap((r) => r.log.map((e) => e.message).filter((m) => m.startsWith('Waited ')));
    // On a busy machine a warm worker may still be finishing its last answer as the first four arrive: a wait of a few
    // milliseconds there is not what this test is about.
    const long = waits.filter((m) => Number(/^Waited (\d+) ms/.exec(m)?.[1]) >= 400);
    assert.equal(long.length, 4, waits.join('\n'));
    assert.match(waits[0], /^Waited \d+ ms for a free local worker: each function runs at most 4 invocations at once here \(Lambda would start more\); the integration timeout counts from the end of the wait$/);
    // A function slower than the timeout still times out.
    const late = await gw.invoke({ method: 'GET', path: '/pets/1', query: { ms: ['1700'] } });
    assert.equal(late.status, 504);
    assert.deepEqual(json(late.body), { message: 'Endpoint request timed out' });
  });

  it('runs ES module handlers', async () => {
    const r = await gatewayFor(REST('Esm'), { functions: { Esm: { handler: 'esm.mjs' } } }).invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(r.body, 'esm GET');
  });

  it('answers 500 with the reason when no local handler is configured', async () => {
    const r = await gatewayFor(REST('Missing')).invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(r.status, 500);
    assert.match(r.headers['x-local-gateway-error'], /no local handler for Lambda function Missing/);
  });
});
