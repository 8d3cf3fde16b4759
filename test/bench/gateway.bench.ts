// The local gateway: `apigw serve` throughput and tail latency on a MOCK operation with request and response
// templates (autocannon over loopback, bounded in time), and the latency a warm local Lambda proxy call adds.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { createLocalGateway } from '../../server/src/gateway/gateway';
import { LambdaHost } from '../../server/src/gateway/lambda/lambdaHost';
import { documentFromText } from '../../server/src/gateway/workspaceFiles';
import type { BenchRow } from './benchTypes';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = require('autocannon') as (options: { url: string; connections: number; duration: number; pipelining?: number; overallRate?: number }) => Promise<AutocannonResult>;

const ROOT = path.join(__dirname, '..', '..');
const GROUP = 'gateway';

const API = `openapi: 3.0.1
info: { title: bench, version: '1' }
paths:
  /pets/{petId}:
    get:
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            #set($id = $input.params('petId'))
            {"statusCode": 200, "id": "$util.escapeJavaScript($id)"}
        responses:
          default:
            statusCode: '200'
            responseParameters:
              method.response.header.X-Request-Id: context.requestId
            responseTemplates:
              application/json: |
                #set($id = $input.params('petId'))
                {"id": "$id", "name": "pet-$id", "stage": "$context.stage", "requestId": "$context.requestId", "tags": [#foreach($t in ["a", "b", "c"])"$t"#if($foreach.hasNext),#end#end]}
  /plain:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200' } }
  /fn:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Echo/invocations
`;

const HANDLER = `exports.handler = async (event) => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: event.path }) });\n`;

export default async function gatewayBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-bench-'));
  try {
    writeFileSync(path.join(dir, 'api.yaml'), API);
    writeFileSync(path.join(dir, 'handler.js'), HANDLER);
    mkdirSync(path.join(dir, '.apigateway'));
    writeFileSync(path.join(dir, '.apigateway', 'local.json'), JSON.stringify({ functions: { Echo: { handler: 'handler.js' } } }));
    return [...(await serveThroughput(dir)), ...(await lambdaProxyLatency(dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `apigw serve` runs in its own process, as users run it, so that the load generator does not share its thread. */
async function serveThroughput(dir: string): Promise<BenchRow[]> {
  const bundle = path.join(dir, 'serve.js');
  await esbuild.build({
    stdin: {
      contents: "import { runServe } from './server/src/cli/commands/serve'; import { processIO } from './server/src/cli/io'; runServe(process.argv.slice(2), processIO()).then((code) => process.exit(code));",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    mainFields: ['module', 'main'],
    outfile: bundle,
    logLevel: 'error',
  });
  const load = loadavg()[0];
  const child = spawn(process.execPath, [bundle, 'api.yaml', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`apigw serve did not start: ${out}`)), 10_000);
      // Removed once the URL is known: kept, it would append every request line to `out` and search it again, work
      // growing with the output that the load generator's process would do while it measures.
      const onStart = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          child.stdout.off('data', onStart);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onStart);
      child.once('exit', (code) => reject(new Error(`apigw serve exited with ${code}: ${out}`)));
    });
    // Request lines go to stdout; drain them so the pipe never blocks the server.
    child.stdout.on('data', () => undefined);
    const target = `${url}/pets/p-17`;
    // A long-running server is measured warm: V8 needs a few seconds of load to optimise the hot paths.
    await autocannon({ url: target, connections: 10, duration: 3 });
    const cpuBefore = processCpuMs(child.pid);
    const result = await autocannon({ url: target, connections: 10, duration: 5 });
    const cpuAfter = processCpuMs(child.pid);
    const total = result.requests.average * 5;
    const cpuPerRequestMs = cpuBefore !== undefined && cpuAfter !== undefined && total > 0 ? (cpuAfter - cpuBefore) / total : NaN;
    if (result.non2xx || result.errors || result.timeouts) throw new Error(`serve answered ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    // The latency target holds at the target rate: a load generator at full speed measures its own queueing too.
    const atRate = await autocannon({ url: target, connections: 10, duration: 5, overallRate: 3000 });
    if (atRate.non2xx || atRate.errors || atRate.timeouts) throw new Error(`serve answered ${atRate.non2xx} non-2xx, ${atRate.errors} errors, ${atRate.timeouts} timeouts at 3000 req/s`);
    const lambda = await autocannon({ url: `${url}/fn`, connections: 10, duration: 3 });
    const floor = await environmentFloor();
    return [
      { group: GROUP, name: 'machine load average (1 min) before the run', value: load, unit: '' },
      { group: GROUP, name: 'serve MOCK+templates throughput (10 conns, 5 s)', value: result.requests.average, unit: 'req/s', target: '>= 3000 req/s', ok: result.requests.average >= 3000 },
      { group: GROUP, name: 'serve MOCK+templates p99 latency at full speed', value: result.latency.p99, unit: 'ms' },
      { group: GROUP, name: 'serve MOCK+templates p50 latency at full speed', value: result.latency.p50, unit: 'ms' },
      { group: GROUP, name: 'serve MOCK+templates sustained at 3000 req/s (5 s)', value: atRate.requests.average, unit: 'req/s', target: '>= 2950 req/s', ok: atRate.requests.average >= 2950 },
      { group: GROUP, name: 'serve MOCK+templates p99 latency at 3000 req/s', value: atRate.latency.p99, unit: 'ms', target: '< 5 ms', ok: atRate.latency.p99 < 5 },
      { group: GROUP, name: 'same load on a bare Node.js server, p99 (this machine\'s floor)', value: floor, unit: 'ms' },
      // CPU time per request does not depend on what else the machine runs: 1000 / value is one core's capacity.
      { group: GROUP, name: 'serve CPU time per MOCK+templates request', value: cpuPerRequestMs, unit: 'ms' },
      { group: GROUP, name: 'serve Lambda proxy throughput (10 conns, 3 s)', value: lambda.requests.average, unit: 'req/s' },
      { group: GROUP, name: 'serve Lambda proxy p99 latency', value: lambda.latency.p99, unit: 'ms' },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * The p99 of the same at-rate load against a Node.js server that answers at once, in its own process: what the
 * machine, the load generator and loopback cost by themselves, so that the gateway's own share can be told apart.
 */
async function environmentFloor(): Promise<number> {
  const source = "require('http').createServer((q, s) => { s.writeHead(200, { 'Content-Type': 'application/json' }); s.end('{}'); }).listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });";
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(/port (\d+)/.exec(chunk.toString())?.[1] ?? ''));
      child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}/`;
    await autocannon({ url, connections: 10, duration: 2 });
    const atRate = await autocannon({ url, connections: 10, duration: 5, overallRate: 3000 });
    return atRate.latency.p99;
  } finally {
    child.kill('SIGTERM');
  }
}

/** User + system CPU time of a process in ms, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of /proc/PID/stat (utime, stime), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Median and p99 of sequential in-process invocations: a warm Lambda proxy call against a MOCK call without templates. */
async function lambdaProxyLatency(dir: string): Promise<BenchRow[]> {
  const host = new LambdaHost(dir);
  const gateway = createLocalGateway(documentFromText(path.join(dir, 'api.yaml'), API), { functions: { Echo: { handler: 'handler.js' } } }, { lambdaHost: host, baseDir: dir });
  try {
    const measure = async (p: string, runs: number) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const r = await gateway.invoke({ method: 'GET', path: p });
        times.push(performance.now() - start);
        if (r.status !== 200) throw new Error(`${p} answered ${r.status}: ${r.body}`);
      }
      times.sort((a, b) => a - b);
      return { p50: times[Math.floor(runs / 2)], p99: times[Math.floor(runs * 0.99)] };
    };
    await measure('/fn', 50);
    await measure('/plain', 200);
    const base = await measure('/plain', 1000);
    const lambda = await measure('/fn', 1000);
    const added = lambda.p50 - base.p50;
    return [
      { group: GROUP, name: 'warm Lambda proxy added latency (median)', value: added, unit: 'ms', target: '< 5 ms', ok: added < 5 },
      { group: GROUP, name: 'warm Lambda proxy call p99 (in-process)', value: lambda.p99, unit: 'ms' },
      { group: GROUP, name: 'MOCK call without templates p50 (in-process)', value: base.p50, unit: 'ms' },
    ];
  } finally {
    host.close();
  }
}
