import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatLog } from '../../../server/src/gateway/executionLog';
import type { GatewayResponse } from '../../../server/src/gateway/gateway';
import { startGatewayServer } from '../../../server/src/gateway/httpServer';
import {
  decodeBase64,
  firstAcceptType,
  integrationRequestPayload,
  isBinaryMediaType,
  methodResponsePayload,
  type ContentHandling,
} from '../../../server/src/gateway/payloadEncoding';
import { closeHost, fn, gatewayFor, lambdaUri } from './gatewayFixture';

/** PNG signature, then every byte value: anything above 0x7f would not survive a detour through UTF-8 text. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i))]);
const PNG64 = PNG.toString('base64');
const TEXT = '{"hello":"wörld"}';

function bytesOf(response: GatewayResponse): Buffer {
  assert.equal(response.isBase64Encoded, true, `expected a binary body, got text: ${response.body.slice(0, 80)}`);
  return Buffer.from(response.body, 'base64');
}

function textOf(response: GatewayResponse): string {
  assert.equal(response.isBase64Encoded, undefined, 'expected a text body');
  return response.body;
}

describe('binary payloads and contentHandling', function () {
  this.timeout(20000);

  describe('conversion rules', () => {
    it('matches binary media types with wildcards and the ~1 escape, and reads only the first Accept type', () => {
      assert.equal(isBinaryMediaType('image/png', ['image~1png']), true);
      assert.equal(isBinaryMediaType('image/gif', ['image/*']), true);
      assert.equal(isBinaryMediaType('application/json', ['*/*']), true);
      assert.equal(isBinaryMediaType('application/json', ['image/*']), false);
      assert.equal(isBinaryMediaType('', ['*/*']), false);
      assert.equal(firstAcceptType('application/json;q=0.1, image/png'), 'application/json');
    });

    it('decodes base64 strictly', () => {
      assert.deepEqual(decodeBase64(PNG64), PNG);
      assert.deepEqual(decodeBase64(`${PNG64.slice(0, 40)}\n${PNG64.slice(40)}`), PNG);
      assert.equal(decodeBase64(TEXT), undefined);
      assert.equal(decodeBase64('abcde'), undefined);
    });

    // Request payload × contentHandling × template, as AWS's table lists them.
    const requestCells: Array<[string, string, boolean, boolean, ContentHandling, string | Buffer | 'fails']> = [
      ['text, passthrough', TEXT, false, false, undefined, TEXT],
      ['text, CONVERT_TO_TEXT', TEXT, false, false, 'CONVERT_TO_TEXT', TEXT],
      ['text (base64), CONVERT_TO_BINARY', PNG64, false, false, 'CONVERT_TO_BINARY', PNG],
      ['text (not base64), CONVERT_TO_BINARY', TEXT, false, false, 'CONVERT_TO_BINARY', 'fails'],
      ['binary, passthrough', PNG64, true, false, undefined, PNG],
      ['binary, CONVERT_TO_BINARY', PNG64, true, false, 'CONVERT_TO_BINARY', PNG],
      ['binary, CONVERT_TO_TEXT', PNG64, true, false, 'CONVERT_TO_TEXT', PNG64],
      ['template output, passthrough', TEXT, true, true, undefined, TEXT],
      ['template output, CONVERT_TO_TEXT', TEXT, true, true, 'CONVERT_TO_TEXT', TEXT],
      ['template output (base64), CONVERT_TO_BINARY', PNG64, false, true, 'CONVERT_TO_BINARY', PNG],
    ];
    for (const [name, text, binary, templated, handling, expected] of requestCells) {
      it(`integration request: ${name}`, () => {
        const result = integrationRequestPayload(text, binary, templated, handling);
        if (expected === 'fails') assert.ok('failed' in result);
        else assert.deepEqual(result, { payload: expected });
      });
    }

    // Integration response payload (binary ones arrive base64-encoded) × Accept × contentHandling.
    const responseCells: Array<[string, string, boolean, ContentHandling, string | Buffer | 'fails']> = [
      ['text, text Accept, passthrough', TEXT, false, undefined, TEXT],
      ['text, text Accept, CONVERT_TO_TEXT', TEXT, false, 'CONVERT_TO_TEXT', TEXT],
      ['text (base64), text Accept, CONVERT_TO_BINARY', PNG64, false, 'CONVERT_TO_BINARY', PNG],
      ['text (base64), binary Accept, passthrough', PNG64, true, undefined, PNG],
      ['text (not base64), binary Accept, passthrough', TEXT, true, undefined, 'fails'],
      ['text, binary Accept, CONVERT_TO_TEXT', TEXT, true, 'CONVERT_TO_TEXT', TEXT],
      ['binary, text Accept, passthrough', PNG64, false, undefined, PNG64],
      ['binary, text Accept, CONVERT_TO_TEXT', PNG64, false, 'CONVERT_TO_TEXT', PNG64],
      ['binary, text Accept, CONVERT_TO_BINARY', PNG64, false, 'CONVERT_TO_BINARY', PNG],
      ['binary, binary Accept, CONVERT_TO_TEXT', PNG64, true, 'CONVERT_TO_TEXT', PNG64],
    ];
    for (const [name, text, acceptsBinary, handling, expected] of responseCells) {
      it(`method response: ${name}`, () => {
        const result = methodResponsePayload(text, handling, acceptsBinary);
        if (expected === 'fails') assert.ok('failed' in result);
        else assert.deepEqual(result, { payload: expected });
      });
    }
  });

  describe('through the gateway', () => {
    let backend: http.Server;
    let base = '';
    let received: Buffer[] = [];
    before(async () => {
      backend = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push(Buffer.concat(chunks));
          if (req.url === '/png') {
            res.writeHead(200, { 'Content-Type': 'image/png' });
            res.end(PNG);
          } else if (req.url === '/png64') {
            res.writeHead(200, { 'Content-Type': 'text/plain' });
            res.end(PNG64);
          } else {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(TEXT);
          }
        });
      });
      await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    });
    after(() => {
      backend.close();
      closeHost();
    });
    beforeEach(() => {
      received = [];
    });

    interface Options {
      binaryTypes?: string[];
      requestHandling?: string;
      responseHandling?: string;
      requestTemplate?: string;
      responseTemplate?: string;
      path?: string;
    }
    /** A REST API with one non-proxy HTTP integration to the backend. */
    const restApi = (o: Options) => `openapi: 3.0.1
info: { title: binary, version: '1' }
${o.binaryTypes ? `x-amazon-apigateway-binary-media-types: ${JSON.stringify(o.binaryTypes)}` : ''}
paths:
  /item:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: POST
        uri: ${base}${o.path ?? '/json'}
        passthroughBehavior: when_no_match
        ${o.requestHandling ? `contentHandling: ${o.requestHandling}` : ''}
        ${o.requestTemplate ? `requestTemplates: { 'image/png': ${JSON.stringify(o.requestTemplate)} }` : ''}
        responses:
          default:
            statusCode: '200'
            ${o.responseHandling ? `contentHandling: ${o.responseHandling}` : ''}
            ${o.responseTemplate ? `responseTemplates: { 'application/json': ${JSON.stringify(o.responseTemplate)} }` : ''}
`;

    const post = (o: Options, contentType: string, body: string | Buffer, accept?: string) =>
      gatewayFor(restApi(o)).invoke({ method: 'POST', path: '/item', headers: { 'Content-Type': contentType, ...(accept ? { Accept: accept } : {}) }, body });

    // Request side: what the backend receives.
    const requestRows: Array<[string, Options, string, string | Buffer, Buffer]> = [
      ['text, no binary media types, passthrough: UTF-8 text', {}, 'application/json', TEXT, Buffer.from(TEXT)],
      ['text, no binary media types, CONVERT_TO_BINARY: base64-decoded', { requestHandling: 'CONVERT_TO_BINARY' }, 'text/plain', PNG64, PNG],
      ['text, no binary media types, CONVERT_TO_TEXT: UTF-8 text', { requestHandling: 'CONVERT_TO_TEXT' }, 'application/json', TEXT, Buffer.from(TEXT)],
      ['text type, binary media types set, passthrough: text', { binaryTypes: ['image/png'] }, 'application/json', Buffer.from(TEXT), Buffer.from(TEXT)],
      ['text type, binary media types set, CONVERT_TO_BINARY: base64-decoded', { binaryTypes: ['image/png'], requestHandling: 'CONVERT_TO_BINARY' }, 'text/plain', Buffer.from(PNG64), PNG],
      ['text type, binary media types set, CONVERT_TO_TEXT: text', { binaryTypes: ['image/png'], requestHandling: 'CONVERT_TO_TEXT' }, 'application/json', Buffer.from(TEXT), Buffer.from(TEXT)],
      ['binary type, passthrough: the bytes', { binaryTypes: ['image/png'] }, 'image/png', PNG, PNG],
      ['binary type, CONVERT_TO_BINARY: the bytes', { binaryTypes: ['image/png'], requestHandling: 'CONVERT_TO_BINARY' }, 'image/png', PNG, PNG],
      ['binary type, CONVERT_TO_TEXT: base64 text', { binaryTypes: ['image/png'], requestHandling: 'CONVERT_TO_TEXT' }, 'image/png', PNG, Buffer.from(PNG64)],
      ['binary type with a template: the template reads base64', { binaryTypes: ['image/png'], requestTemplate: '{"data": "$input.body"}' }, 'image/png', PNG, Buffer.from(`{"data": "${PNG64}"}`)],
      ['binary type with a template, CONVERT_TO_BINARY: its output decoded', { binaryTypes: ['image/*'], requestTemplate: '$input.body', requestHandling: 'CONVERT_TO_BINARY' }, 'image/png', PNG, PNG],
    ];
    for (const [name, options, contentType, body, expected] of requestRows) {
      it(`integration request: ${name}`, async () => {
        const r = await post(options, contentType, body);
        assert.equal(r.status, 200, `${r.body}\n${formatLog(r.log)}`);
        assert.equal(received.length, 1);
        assert.deepEqual(received[0], expected);
      });
    }

    it('integration request: text that is not base64 cannot be converted to binary (500)', async () => {
      const r = await post({ requestHandling: 'CONVERT_TO_BINARY' }, 'application/json', TEXT);
      assert.equal(r.status, 500);
      assert.equal(received.length, 0);
      assert.match(formatLog(r.log), /contentHandling CONVERT_TO_BINARY: the payload is not valid base64/);
    });

    // Response side: what the client gets, by backend payload, Accept and the integration response's contentHandling.
    const json = 'application/json';
    const png = 'image/png';
    const responseRows: Array<[string, Options, string | undefined, { text: string } | { bytes: Buffer } | { status: number }]> = [
      ['text, no binary media types, passthrough: text', { path: '/json' }, png, { text: TEXT }],
      ['base64 text, no binary media types, CONVERT_TO_BINARY: decoded', { path: '/png64', responseHandling: 'CONVERT_TO_BINARY' }, json, { bytes: PNG }],
      ['text, no binary media types, CONVERT_TO_TEXT: text', { path: '/json', responseHandling: 'CONVERT_TO_TEXT' }, json, { text: TEXT }],
      ['text, text Accept, passthrough: text', { path: '/json', binaryTypes: [png] }, json, { text: TEXT }],
      ['base64 text, text Accept, CONVERT_TO_BINARY: decoded', { path: '/png64', binaryTypes: [png], responseHandling: 'CONVERT_TO_BINARY' }, json, { bytes: PNG }],
      ['text, text Accept, CONVERT_TO_TEXT: text', { path: '/json', binaryTypes: [png], responseHandling: 'CONVERT_TO_TEXT' }, json, { text: TEXT }],
      ['base64 text, binary Accept, passthrough: decoded', { path: '/png64', binaryTypes: [png] }, png, { bytes: PNG }],
      ['JSON text, binary Accept, passthrough: cannot decode (500)', { path: '/json', binaryTypes: [png] }, png, { status: 500 }],
      ['base64 text, binary Accept, CONVERT_TO_BINARY: decoded', { path: '/png64', binaryTypes: [png], responseHandling: 'CONVERT_TO_BINARY' }, png, { bytes: PNG }],
      ['text, binary Accept, CONVERT_TO_TEXT: text', { path: '/json', binaryTypes: [png], responseHandling: 'CONVERT_TO_TEXT' }, png, { text: TEXT }],
      ['JSON under */* binary media types is binary: passthrough keeps its bytes', { path: '/json', binaryTypes: ['*/*'] }, '*/*', { bytes: Buffer.from(TEXT) }],
      ['binary, text Accept, passthrough: base64 text', { path: '/png', binaryTypes: [png] }, json, { text: PNG64 }],
      ['binary, text Accept, CONVERT_TO_BINARY: bytes', { path: '/png', binaryTypes: [png], responseHandling: 'CONVERT_TO_BINARY' }, json, { bytes: PNG }],
      ['binary, text Accept, CONVERT_TO_TEXT: base64 text', { path: '/png', binaryTypes: [png], responseHandling: 'CONVERT_TO_TEXT' }, json, { text: PNG64 }],
      ['binary, binary Accept, passthrough: bytes', { path: '/png', binaryTypes: [png] }, `${png}, ${json}`, { bytes: PNG }],
      ['binary, binary Accept, CONVERT_TO_BINARY: bytes', { path: '/png', binaryTypes: [png], responseHandling: 'CONVERT_TO_BINARY' }, png, { bytes: PNG }],
      ['binary, binary Accept, CONVERT_TO_TEXT: base64 text', { path: '/png', binaryTypes: [png], responseHandling: 'CONVERT_TO_TEXT' }, png, { text: PNG64 }],
      ['binary, Accept listing a binary type second: base64 text', { path: '/png', binaryTypes: [png] }, `${json}, ${png}`, { text: PNG64 }],
      ['binary with a response template: the template reads base64', { path: '/png', binaryTypes: [png], responseTemplate: '{"size": $input.body.length()}' }, json, { text: `{"size": ${PNG64.length}}` }],
    ];
    for (const [name, options, accept, expected] of responseRows) {
      it(`method response: ${name}`, async () => {
        const r = await post(options, 'application/json', '{}', accept);
        if ('status' in expected) {
          assert.equal(r.status, expected.status);
          assert.match(formatLog(r.log), /not valid base64/);
          return;
        }
        assert.equal(r.status, 200, `${r.body}\n${formatLog(r.log)}`);
        if ('text' in expected) assert.equal(textOf(r), expected.text);
        else assert.deepEqual(bytesOf(r), expected.bytes);
      });
    }

    it('shows binary bodies in the execution log by their size', async () => {
      const r = await post({ path: '/png', binaryTypes: [png] }, png, PNG, png);
      const log = formatLog(r.log);
      assert.match(log, /Method request body before transformations: \[binary, 264 bytes\]/);
      assert.match(log, /Endpoint request body after transformations: \[binary, 264 bytes\]/);
      assert.match(log, /Endpoint response body before transformations: \[binary, 264 bytes\]/);
      assert.match(log, /Method response body after transformations: \[binary, 264 bytes\]/);
    });

    it('HTTP_PROXY passes binary responses through as bytes', async () => {
      const doc = `openapi: 3.0.1
info: { title: proxy, version: '1' }
paths:
  /png:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: ${base}/png }
`;
      const r = await gatewayFor(doc).invoke({ method: 'GET', path: '/png' });
      assert.deepEqual(bytesOf(r), PNG);
      assert.equal(r.headers['Content-Type'], 'image/png');
      assert.match(formatLog(r.log), /Endpoint response body before transformations: \[binary, 264 bytes\]/);
    });
  });

  describe('Lambda proxy responses with isBase64Encoded', () => {
    after(closeHost);
    const api = (binaryTypes: string[] | undefined, fnName = 'Echo') => `openapi: 3.0.1
info: { title: lambda, version: '1' }
${binaryTypes ? `x-amazon-apigateway-binary-media-types: ${JSON.stringify(binaryTypes)}` : ''}
paths:
  /echo:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri(fnName)} }
`;
    const config = { functions: { Echo: fn('echoBinary'), Bad: fn('notBase64') } };

    it('REST: decodes for a client whose first Accept type is binary', async () => {
      const r = await gatewayFor(api(['image/png']), config).invoke({ method: 'POST', path: '/echo', headers: { 'Content-Type': 'image/png', Accept: 'image/png' }, body: PNG });
      assert.equal(r.status, 200, formatLog(r.log));
      assert.deepEqual(bytesOf(r), PNG);
    });

    it('REST: returns the base64 text to other clients', async () => {
      const gw = gatewayFor(api(['image/png']), config);
      const json = await gw.invoke({ method: 'POST', path: '/echo', headers: { 'Content-Type': 'image/png', Accept: 'application/json' }, body: PNG });
      assert.equal(textOf(json), PNG64);
      const none = await gw.invoke({ method: 'POST', path: '/echo', headers: { 'Content-Type': 'image/png' }, body: PNG });
      assert.equal(textOf(none), PNG64);
      assert.match(formatLog(none.log), /returned as text: Accept \(none\) is not a binary media type/);
    });

    it('HTTP API: always decodes', async () => {
      const doc = `openapi: 3.0.1
info: { title: http, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /echo:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri('Echo')}, payloadFormatVersion: '2.0' }
`;
      const r = await gatewayFor(doc, config).invoke({ method: 'POST', path: '/echo', headers: { 'content-type': 'image/png', accept: 'application/json' }, body: PNG });
      assert.equal(r.status, 200, formatLog(r.log));
      assert.deepEqual(bytesOf(r), PNG);
    });

    it('HTTP API: hands the function a body base64-encoded unless it is text/*, JSON, XML or JavaScript, one without a type included', async () => {
      const doc = `openapi: 3.0.1
info: { title: http, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /event:
    post:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri('Event')}, payloadFormatVersion: '2.0' }
`;
      const gw = gatewayFor(doc, { functions: { Event: fn('echoEvent') } });
      const body = Buffer.from('a=1&b=2');
      const encodingFor = async (contentType: string | undefined) => {
        const r = await gw.invoke({ method: 'POST', path: '/event', headers: contentType ? { 'Content-Type': contentType } : {}, body });
        assert.equal(r.status, 200, formatLog(r.log));
        const { event } = JSON.parse(r.body) as { event: { body: string; isBase64Encoded: boolean } };
        assert.equal(event.body, event.isBase64Encoded ? body.toString('base64') : body.toString(), String(contentType));
        return event.isBase64Encoded;
      };
      for (const type of ['text/plain', 'text/csv; charset=utf-8', 'application/json', 'application/xml', 'application/javascript']) assert.equal(await encodingFor(type), false, type);
      for (const type of [undefined, 'application/x-www-form-urlencoded', 'application/vnd.api+json', 'application/octet-stream']) assert.equal(await encodingFor(type), true, String(type));
    });

    it('a body flagged base64 that is not base64 is a malformed response (502)', async () => {
      const r = await gatewayFor(api(['*/*'], 'Bad'), config).invoke({ method: 'POST', path: '/echo', headers: { Accept: 'image/png' }, body: 'x' });
      assert.equal(r.status, 502);
    });
  });

  describe('through the HTTP server', () => {
    let backend: http.Server;
    let base = '';
    before(async () => {
      backend = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          res.writeHead(200, { 'Content-Type': req.headers['content-type'] ?? 'application/octet-stream' });
          res.end(Buffer.concat(chunks));
        });
      });
      await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    });
    after(() => {
      backend.close();
      closeHost();
    });

    it('round-trips PNG bytes intact through Lambda proxy, HTTP and HTTP_PROXY integrations', async () => {
      const doc = `openapi: 3.0.1
info: { title: e2e, version: '1' }
x-amazon-apigateway-binary-media-types: ['image/png']
paths:
  /lambda:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri('Echo')} }
  /http:
    post:
      responses: { '200': { description: ok, headers: { Content-Type: { schema: { type: string } } } } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: POST
        uri: ${base}/echo
        requestParameters: { integration.request.header.Content-Type: method.request.header.Content-Type }
        responses: { default: { statusCode: '200', responseParameters: { method.response.header.Content-Type: integration.response.header.Content-Type } } }
  /proxy:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: POST, uri: ${base}/echo }
`;
      const gateway = gatewayFor(doc, { functions: { Echo: fn('echoBinary') } });
      const server = await startGatewayServer(() => gateway, { port: 0 });
      try {
        for (const route of ['/lambda', '/http', '/proxy']) {
          const response = await fetch(`${server.url}${route}`, { method: 'POST', headers: { 'Content-Type': 'image/png', Accept: 'image/png' }, body: PNG });
          assert.equal(response.status, 200, route);
          assert.equal(response.headers.get('content-type'), 'image/png', route);
          assert.equal(response.headers.get('content-length'), String(PNG.length), route);
          assert.deepEqual(Buffer.from(await response.arrayBuffer()), PNG, route);
        }
      } finally {
        await server.close();
        gateway.dispose();
      }
    });
  });
});
