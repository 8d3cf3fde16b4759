import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { readCodeCache } from '../../server/src/util/codeCache';
import { CLI_V8_FLAGS } from '../../server/src/cli/tiering';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'apigw.js');

function apigw(...args: string[]) {
  const result = spawnSync(process.execPath, [BUNDLE, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

describe('the bundled apigw command', () => {
  it('answers bad input with one line and exit 2, never a stack trace', () => {
    for (const args of [[], ['frob'], ['lint', '/definitely/missing.yaml'], ['eval'], ['invoke', 'examples/petstore.yaml']]) {
      const result = apigw(...args);
      assert.equal(result.status, 2, `apigw ${args.join(' ')}: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, /\n\s+at /, `apigw ${args.join(' ')} printed a stack trace`);
    }
  });

  it('lints and invokes from dist/', () => {
    assert.equal(apigw('lint', 'examples/orders-http-api.json').status, 0);
    const invoke = apigw('invoke', 'examples/petstore.yaml', '--method', 'GET', '--path', '/health', '--json');
    assert.equal(invoke.status, 0, invoke.stderr);
    assert.equal(JSON.parse(invoke.stdout).status, 200);
  });

  it('fixes a definition in place from dist/', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-bundle-fix-'));
    try {
      const file = path.join(dir, 'api.yaml');
      const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: HTTP\n        httpMethod: GET\n        uri: https://example.com\n        contentHandling: convert_to_text\n        responses: {default: {statusCode: '200'}}\n";
      writeFileSync(file, text);
      const result = apigw('lint', file, '--no-settings', '--fix');
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.equal(readFileSync(file, 'utf8'), text.replace('convert_to_text', 'CONVERT_TO_TEXT'));
      assert.equal(result.stderr, 'apigw lint: fixed 1 problem in 1 file\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the apigw launcher and its code cache', () => {
  const CLI = path.join(ROOT, 'dist', 'cli');

  /**
   * The cache the build wrote beside a module, checked as the launcher checks it, by CRC-32 and by SHA-1, and taken by
   * V8 in a process with the launcher's flags (V8 takes a cache only under the flags it was made with).
   */
  function assertCacheAccepted(file: string): void {
    const source = readFileSync(file);
    const data = readCodeCache(`${file}.cache`, source);
    assert.ok(data, `the cache of ${path.basename(file)} names the module it was made from`);
    assert.deepEqual(readCodeCache(`${file}.cache`, source, null), data, `the SHA-1 in the cache of ${path.basename(file)} names the module too`);
    const check = [
      `require('node:v8').setFlagsFromString(${JSON.stringify(CLI_V8_FLAGS)});`,
      `const source = require('node:fs').readFileSync(${JSON.stringify(file)}, 'latin1').replace(/^#!.*/, '');`,
      `const data = require('node:fs').readFileSync(${JSON.stringify(`${file}.cache`)}).subarray(${data ? readFileSync(`${file}.cache`).length - data.length : 0});`,
      `const script = new (require('node:vm').Script)(require('node:module').wrap(source), { filename: ${JSON.stringify(file)}, cachedData: data });`,
      'process.stdout.write(String(script.cachedDataRejected));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
    assert.equal(result.stdout, 'false', `${path.basename(file)}: ${result.stderr}`);
  }

  it('has a code cache written by the build that this Node accepts', () => {
    assertCacheAccepted(path.join(CLI, 'program.js'));
  });

  it('has code caches for the structure validators of every OpenAPI version', () => {
    for (const version of ['2.0', '3.0', '3.1']) assertCacheAccepted(path.join(ROOT, 'dist', 'openapi-validators', `openapi-${version}-verdict.js`));
  });

  it('has a code cache for the template checks worker, which the build ran on a machine with two processors', function () {
    // On one processor the checks stay in the asking thread, the worker never runs, and the build writes no cache.
    if (availableParallelism() < 2) this.skip();
    assertCacheAccepted(path.join(ROOT, 'dist', 'workers', 'templateCheckProgram.js'));
  });

  it("loads neither the CLI nor the template checks with the debug package's terminal modules", () => {
    // velocityjs logs through `debug`, which the build replaces with a logger that is always off; the real one reads the
    // terminal's colour support (tty) on loading.
    const loaded = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(path.join(CLI, 'program.js'))}); require(${JSON.stringify(path.join(ROOT, 'dist', 'workers', 'templateCheckProgram.js'))}); console.log(process.moduleLoadList.filter((m) => /^NativeModule tty$/.test(m)).join())`],
      { encoding: 'utf8' },
    );
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.equal(loaded.stdout.trim(), '');
  });

  it('loads bundles that are ASCII, which the launcher reads as Latin-1 instead of decoding UTF-8', () => {
    // esbuild escapes every other character in code; one left is in a comment it keeps (an array's elements, say).
    for (const file of [path.join(CLI, 'program.js'), path.join(ROOT, 'dist', 'workers', 'templateCheckProgram.js')]) {
      const lines = readFileSync(file, 'utf8').split('\n');
      const line = lines.findIndex((text) => /[^\x00-\x7f]/.test(text));
      assert.equal(line, -1, `${path.basename(file)}:${line + 1} is not ASCII: ${lines[line]?.trim()}`);
    }
  });

  it('lints without loading crypto, which only a request context needs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-modules-'));
    try {
      const report = path.join(dir, 'report.cjs');
      writeFileSync(report, "process.on('exit', () => process.stderr.write(`modules: ${process.moduleLoadList.filter((m) => /^NativeModule crypto$/.test(m)).join()}\\n`));\n");
      const result = spawnSync(process.execPath, ['--require', report, BUNDLE, 'lint', 'examples/petstore.yaml'], { cwd: ROOT, encoding: 'utf8' });
      assert.match(result.stderr, /^modules: $/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the program as running it directly does', () => {
    const args = ['lint', 'examples/petstore.yaml', '--format', 'json'];
    const direct = spawnSync(process.execPath, [path.join(CLI, 'program.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const launched = apigw(...args);
    assert.equal(launched.status, direct.status);
    assert.equal(launched.stdout, direct.stdout);
    assert.equal(launched.stderr, direct.stderr);
  });

  it('ignores a cache made for another program, and a missing one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-launcher-'));
    try {
      cpSync(path.join(ROOT, 'dist'), dir, { recursive: true, filter: (f) => !f.endsWith('.map') });
      // Same length, other content: V8 itself would take the cache for it.
      const program = path.join(dir, 'cli', 'program.js');
      const text = readFileSync(program, 'utf8');
      writeFileSync(program, text.replace(/(["'])0\.1\.0\1/, (_, quote: string) => `${quote}9.9.9${quote}`));
      const version = spawnSync(process.execPath, [path.join(dir, 'cli', 'apigw.js'), '--version'], { encoding: 'utf8' });
      assert.equal(version.stdout, '9.9.9\n');
      rmSync(path.join(dir, 'cli', 'program.js.cache'));
      for (const version of ['2.0', '3.0', '3.1']) rmSync(path.join(dir, 'openapi-validators', `openapi-${version}-verdict.js.cache`));
      const lint = spawnSync(process.execPath, [path.join(dir, 'cli', 'apigw.js'), 'lint', path.join(ROOT, 'examples', 'petstore.yaml')], { encoding: 'utf8' });
      assert.equal(lint.status, 1, lint.stderr);
      assert.match(lint.stdout, /unknown-request-validator/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
