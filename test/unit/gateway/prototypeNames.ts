/**
 * What the tests of names every JavaScript object has (`__proto__`, `constructor`, `toString`) share: requests sent and
 * answered over real HTTP with such names as ordinary entries, and the definitions they go through.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LocalGateway } from '../../../server/src/gateway/gateway';
import { closeHost, useGatewayServer } from './gatewayFixture';

export const PROTO = '__proto__';

export type Pairs = Array<[string, string]>;
export type Json = Record<string, unknown>;

/**
 * An object whose entries are all own properties: an object literal (`{ __proto__: 'x' }`, quoted or not) would set
 * its prototype instead.
 */
export function own<T>(entries: Array<[string, T]>): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>;
}

export interface Reply {
  status: number;
  /** The response's header lines as sent, in order. */
  headers: Pairs;
  body: string;
}

/** Every value the reply has under `name`, matched without case, in the order sent. */
export function valuesOf(reply: { headers: Pairs }, name: string): string[] {
  return reply.headers.filter(([k]) => k.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

export function rawPairs(raw: string[]): Pairs {
  const pairs: Pairs = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
  return pairs;
}

/** One request through Node.js's client, which sends an own `__proto__` entry of `headers` like any other. */
export function send(port: number, method: string, target: string, headers: Record<string, string | string[]> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: rawPairs(res.rawHeaders), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface Hit {
  url: string;
  headers: Pairs;
}

export interface Recorder {
  url: string;
  hits: Hit[];
  close(): void;
}

/** A backend that records the header lines of each request and answers with `headers` (a list for a repeated one). */
export async function backend(headers: Array<[string, string | string[]]>, body = '{"ok":true}'): Promise<Recorder> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push({ url: req.url ?? '', headers: rawPairs(req.rawHeaders) });
      for (const [name, value] of headers) res.setHeader(name, value);
      res.writeHead(200);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => server.close() };
}

export const INFO = { title: 'names', version: '1' };
/** Makes a document an HTTP API whatever else it holds, as AWS's exports are marked. */
export const HTTP_API = { 'x-amazon-apigateway-importexport-version': '1.0' };

export function restDoc(integration: Json, extra: Json = {}, operation: Json = {}): string {
  return JSON.stringify({ openapi: '3.0.1', info: INFO, ...extra, paths: { '/r': { get: { ...operation, 'x-amazon-apigateway-integration': integration } } } });
}

/** Operation fields for `restDoc`: a 200 response that declares `headers`, as header mappings into it need. */
export function declaring(...headers: string[]): Json {
  return { responses: { '200': { description: 'ok', headers: own(headers.map((name) => [name, { schema: { type: 'string' } }])) } } };
}

export function httpApiDoc(integration: Json, extra: Json = {}): string {
  return JSON.stringify({ openapi: '3.0.1', info: INFO, ...HTTP_API, ...extra, paths: { '/r': { get: { 'x-amazon-apigateway-integration': integration } } } });
}

/** What a suite of such tests works with; the hooks `useGatewayScratch` registers start and stop it. */
export interface GatewayScratch {
  /** A `functions` entry for an export of the suite's handler file. */
  handler(exportName: string): { handler: string; export: string };
  /** Serves `gateway` on a free port, after closing the one served before. */
  serve(gateway: LocalGateway): Promise<number>;
  /** A backend closed after the test, answering JSON unless `headers` say otherwise. */
  recorder(headers?: Array<[string, string | string[]]>): Promise<Recorder>;
}

/**
 * Registers the calling suite's hooks: its Lambda handlers written as `fileName` in a scratch folder (named from
 * `prefix`), and the gateway and backends of each test closed after it.
 */
export function useGatewayScratch(prefix: string, fileName: string, handlers: string): GatewayScratch {
  let handlerDir = '';
  const serveGateway = useGatewayServer();
  const backends: Recorder[] = [];
  before(() => {
    handlerDir = mkdtempSync(path.join(os.tmpdir(), prefix));
    writeFileSync(path.join(handlerDir, fileName), handlers);
  });
  afterEach(() => {
    for (const b of backends.splice(0)) b.close();
  });
  after(() => {
    closeHost();
    rmSync(handlerDir, { recursive: true, force: true });
  });
  return {
    handler: (exportName) => ({ handler: path.join(handlerDir, fileName), export: exportName }),
    async serve(gateway) {
      return (await serveGateway(gateway)).port;
    },
    async recorder(headers = [['Content-Type', 'application/json']]) {
      const b = await backend(headers);
      backends.push(b);
      return b;
    },
  };
}
