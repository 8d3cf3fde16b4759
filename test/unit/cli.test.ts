import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/apigw';
import { readBytesFile, readTextFile, type CliIO } from '../../server/src/cli/io';

const ROOT = path.resolve(__dirname, '../..');

function fakeIO(cwd = ROOT): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readFile: (file: string) => readTextFile(path.resolve(cwd, file), file),
    readBytes: (file: string) => readBytesFile(path.resolve(cwd, file), file),
  };
  return io;
}

describe('apigw command line', () => {
  it('prints usage and exits 2 without a command', async () => {
    const io = fakeIO();
    assert.equal(await main([], io), 2);
    assert.match(io.stderr, /^usage: apigw <command>/);
  });

  it('names an unknown command and exits 2', async () => {
    const io = fakeIO();
    assert.equal(await main(['frobnicate'], io), 2);
    assert.match(io.stderr, /unknown command 'frobnicate'/);
  });

  it('reports a missing file in one line and exits 2', async () => {
    const io = fakeIO();
    assert.equal(await main(['lint', 'no/such/file.yaml'], io), 2);
    assert.equal(io.stderr, 'apigw lint: no/such/file.yaml: no such file\n');
  });

  it('rejects an unknown option and a bad format with exit 2', async () => {
    assert.equal(await main(['lint', 'examples/petstore.yaml', '--frob'], fakeIO()), 2);
    const io = fakeIO();
    assert.equal(await main(['lint', 'examples/petstore.yaml', '--format', 'xml'], io), 2);
    assert.match(io.stderr, /--format must be text, json or sarif/);
  });

  describe('lint of directories and patterns', () => {
    const API = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n";
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'apigw-lint-dir-'));
      for (const [file, text] of Object.entries({
        'apis/orders.yaml': API,
        'apis/nested/pets.json': JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {} }),
        'apis/docker-compose.yml': 'services:\n  web: {image: nginx}\n',
        'apis/binary.json': '\u0000\u0001',
        'node_modules/dep/api.yaml': API,
        'empty/readme.yaml': 'just: yaml\n',
      })) {
        const full = path.join(dir, file);
        execFileSync('mkdir', ['-p', path.dirname(full)]);
        writeFileSync(full, text);
      }
    });

    it('checks the API definitions under a directory, leaving other YAML, JSON and dependencies alone', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', '.', '--format', 'json'], io), 0, io.stderr);
      assert.match(io.stdout, /^\[\]\n$/);
      const text = fakeIO(dir);
      assert.equal(await main(['lint', 'apis'], text), 0, text.stderr);
      assert.match(text.stdout, /^2 files checked: 0 errors, 0 warnings$/m);
    });

    it('expands a quoted glob pattern, for shells that do not', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/**/*.json', 'apis/orders.yaml', 'apis/*.yaml'], io), 0, io.stderr);
      // A file reached twice is checked once.
      assert.match(io.stdout, /^2 files checked/m);
    });

    it('exits 2 with a message when a directory or pattern holds no API definition', async () => {
      const empty = fakeIO(dir);
      assert.equal(await main(['lint', 'empty'], empty), 2);
      assert.match(empty.stderr, /empty: no API definitions found/);
      const none = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/*.txt'], none), 2);
      assert.match(none.stderr, /apis\/\*\.txt: no files match/);
      const other = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/*.yml'], other), 2);
      assert.match(other.stderr, /matches 1 file, none of them an API definition/);
    });
  });

  it('lints in human form and exits 1 on errors', async () => {
    const io = fakeIO();
    assert.equal(await main(['lint', 'examples/petstore.yaml'], io), 1);
    assert.match(io.stdout, /^examples\/petstore\.yaml:\d+:\d+ error unknown-request-validator /m);
    assert.match(io.stdout, /1 file checked: 1 error, 0 warnings/);
  });

  it('lints as JSON with 0-based positions and exits 0 without errors', async () => {
    const io = fakeIO();
    assert.equal(await main(['lint', 'examples/orders-http-api.json', '--format', 'json'], io), 0);
    assert.deepEqual(JSON.parse(io.stdout), []);
    const bad = fakeIO();
    await main(['lint', 'examples/petstore.yaml', '--format', 'json'], bad);
    const [finding] = JSON.parse(bad.stdout);
    assert.deepEqual(Object.keys(finding), ['file', 'line', 'character', 'endLine', 'endCharacter', 'severity', 'code', 'message']);
    const line = execFileSync('grep', ['-n', 'params-onyl', 'examples/petstore.yaml'], { cwd: ROOT }).toString();
    assert.equal(finding.line, Number(line.split(':')[0]) - 1);
  });

  it('writes SARIF 2.1.0 with rules and regions', async () => {
    const io = fakeIO();
    await main(['lint', 'examples/petstore.yaml', '--format', 'sarif'], io);
    const sarif = JSON.parse(io.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results[0].ruleId, 'unknown-request-validator');
    assert.equal(sarif.runs[0].tool.driver.rules[0].id, 'unknown-request-validator');
    assert.ok(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine > 1);
  });

  it('refuses binary and non-UTF-8 files with a clear message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-cli-'));
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from([0x6f, 0x70, 0x65, 0x6e, 0x61, 0x70, 0x69, 0x3a, 0x20, 0xe9, 0x0a]));
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'latin1.yaml'], io), 2);
    assert.match(io.stderr, /latin1\.yaml: not UTF-8 text/);
  });

  it('says so when a file is empty or not an API definition', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-cli-'));
    writeFileSync(path.join(dir, 'empty.yaml'), '');
    writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web: {image: nginx}\n');
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'empty.yaml', 'compose.yaml'], io), 1);
    assert.match(io.stdout, /^empty\.yaml:1:1 error not-an-api-definition The file is empty/m);
    assert.match(io.stdout, /^compose\.yaml:1:1 error not-an-api-definition Not an OpenAPI or Swagger document/m);
  });

  it('lists findings in document order', async () => {
    const io = fakeIO();
    await main(['lint', path.resolve(ROOT, '../shared/corpus/openapi/13_openapi.spec.pulumi.json'), '--format', 'json'], io);
    const lines = (JSON.parse(io.stdout) as { line: number }[]).map((d) => d.line);
    assert.ok(lines.length > 2);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  });

});
