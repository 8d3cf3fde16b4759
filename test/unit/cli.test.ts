import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/apigw';
import { runEval } from '../../server/src/cli/commands/eval';
import { runInvoke } from '../../server/src/cli/commands/invoke';
import { runServe } from '../../server/src/cli/commands/serve';
import { UsageError, type CliIO } from '../../server/src/cli/io';
import { formatReport } from '../../server/src/cli/lintReports';
import { createLanguageService } from '../../server/src/languageService';
import { fileUri, WorkspaceResolver } from '../../server/src/workspaceResolver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fakeIO as fakeIOAt } from '../support/fakeCliIO';

const ROOT = path.resolve(__dirname, '../..');

const fakeIO = (cwd = ROOT) => fakeIOAt(cwd);

function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

/** Temporary folders of the tests below, removed when they are done. */
const folders: string[] = [];
function tempFolder(prefix = 'apigw-cli-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

describe('apigw command line', () => {
  after(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

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

  it('names a missing file, still checks the others and writes the report, and exits 2', async () => {
    const io = fakeIO();
    assert.equal(await main(['lint', 'no/such/file.yaml', '--no-settings'], io), 2);
    assert.equal(io.stdout, '0 files checked: 0 errors, 0 warnings, 0 notes\n');
    assert.equal(io.stderr, 'no/such/file.yaml: no such file; not checked\napigw lint: 1 file could not be opened and was not checked: no/such/file.yaml\n');
    const sarif = fakeIO();
    assert.equal(await main(['lint', 'no/such/file.yaml', 'examples/petstore.yaml', '--no-settings', '--format', 'sarif'], sarif), 2);
    const [run] = JSON.parse(sarif.stdout).runs;
    assert.ok(run.results.length > 0);
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.deepEqual(run.invocations[0].toolExecutionNotifications.map((n: any) => n.locations[0].physicalLocation.artifactLocation.uri), ['no/such/file.yaml']);
  });

  it('refuses an empty file argument rather than reading the current directory in its place', async () => {
    for (const args of [['lint', ''], ['lint', 'examples/petstore.yaml', '--settings', ''], ['eval', ''], ['invoke', '', '--method', 'GET', '--path', '/']]) {
      const io = fakeIO();
      assert.equal(await main(args, io), 2, args.join(' '));
      assert.equal(io.stdout, '', args.join(' '));
      assert.match(io.stderr, /an empty argument \(''\) is no file name; is a variable unset\?\n$/, args.join(' '));
    }
  });

  it('rejects an unknown option and a bad format with exit 2', async () => {
    assert.equal(await main(['lint', 'examples/petstore.yaml', '--frob'], fakeIO()), 2);
    const io = fakeIO();
    assert.equal(await main(['lint', 'examples/petstore.yaml', '--format', 'xml'], io), 2);
    assert.match(io.stderr, /--format must be text, json, sarif or github, not 'xml'/);
  });

  describe('lint of directories and patterns', () => {
    const API = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n";
    let dir: string;
    before(() => {
      dir = tempFolder('apigw-lint-dir-');
      writeTree(dir, {
        'apis/orders.yaml': API,
        'apis/nested/pets.json': JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {} }),
        'apis/docker-compose.yml': 'services:\n  web: {image: nginx}\n',
        'apis/binary.json': '\u0000\u0001',
        'node_modules/dep/api.yaml': API,
        'empty/readme.yaml': 'just: yaml\n',
      });
    });

    it('checks the API definitions under a directory, leaving other YAML, JSON and dependencies alone', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', '.', '--format', 'json'], io), 0, io.stderr);
      assert.match(io.stdout, /^\[\]\n$/);
      const text = fakeIO(dir);
      assert.equal(await main(['lint', 'apis'], text), 0, text.stderr);
      assert.match(text.stdout, /^2 files checked: 0 errors, 0 warnings, 0 notes$/m);
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
      // A folder the pattern starts from that is not there, or is a file, is no match either, not an unread folder.
      for (const pattern of ['nomatch/**/*.yaml', 'apis/orders.yaml/*.yaml']) {
        const missing = fakeIO(dir);
        assert.equal(await main(['lint', pattern], missing), 2, pattern);
        assert.equal(missing.stderr, `apigw lint: ${pattern}: no files match\n`);
        assert.equal(missing.stdout, '');
      }
      const other = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/*.yml'], other), 2);
      assert.match(other.stderr, /matches 1 file, none of them an API definition/);
    });
  });

  describe('which files in a directory or pattern are definitions', () => {
    const API = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let dir: string;
    before(() => {
      dir = tempFolder('apigw-lint-which-');
      const sorted = `{"info":{"title":"t","version":"1","description":"${'x'.repeat(6000)}"},"openapi":"3.0.1","paths":{}}`;
      writeTree(dir, {
        'repo/api.yaml': API,
        'repo/package.json': '{"name": "x", "scripts": {"openapi": "apigw lint api.yaml"}}',
        'repo/docker-compose.yml': 'services:\n  openapi:\n    image: swaggerapi/swagger-ui\n',
        'repo/deploy/ci.yml': 'jobs:\n  swagger:\n    runs-on: ubuntu-latest\n',
        'repo/README.md': '# Docs\n\n```yaml\nopenapi: 3.0.1\n```\n',
        'repo/blob.yaml': Buffer.from([0x00, 0xff, 0x10]),
        'mixed/API.YAML': API,
        'mixed/Other.Json': JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {} }),
        'mixed/sorted.json': sorted,
        'mixed/truncated.json': '{"openapi": "3.0.1", "info": {"title": "x", "version": "1"}, "paths": {',
        'mixed/latin1.yaml': Buffer.from("openapi: 3.0.1\ninfo: {title: caf\xe9, version: '1'}\npaths: {}\n", 'latin1'),
      });
    });

    it('leaves alone files whose `openapi` or `swagger` key is not at the top level', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'repo'], io), 0, io.stdout + io.stderr);
      assert.equal(io.stdout, '1 file checked: 0 errors, 0 warnings, 0 notes\n');
      const pattern = fakeIO(dir);
      assert.equal(await main(['lint', 'repo/*'], pattern), 0, pattern.stdout + pattern.stderr);
      assert.equal(pattern.stdout, '1 file checked: 0 errors, 0 warnings, 0 notes\n');
    });

    it('finds definitions by any-case extension, by top-level keys anywhere in the file, and reports unreadable ones', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'mixed', '--format', 'json'], io), 1, io.stderr);
      const findings = JSON.parse(io.stdout) as { file: string; code: string; line: number; character: number }[];
      assert.deepEqual(
        findings.map((f) => [f.file, f.code]),
        [
          [path.join('mixed', 'latin1.yaml'), 'not-utf8'],
          [path.join('mixed', 'truncated.json'), 'json-syntax'],
        ],
      );
      assert.deepEqual([findings[0].line, findings[0].character], [1, 17]);
      const text = fakeIO(dir);
      await main(['lint', 'mixed'], text);
      assert.match(text.stdout, /^5 files checked: 2 errors/m);
    });
  });

  describe('hidden and unopenable files in a directory', () => {
    const API = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n";
    const BAD = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\nx-amazon-apigateway-api-key-source: NOPE\n";
    let dir: string;
    before(() => {
      dir = tempFolder('apigw-lint-hidden-');
      writeTree(dir, { 'tree/x/good.yaml': API, 'tree/.aws/api.yaml': BAD, 'tree/.dotfile.yaml': BAD, 'tree/node_modules/m/api.yaml': BAD, 'tree/.apigateway/backups/api.yaml': BAD, 'broken/good.yaml': API, 'broken/locked.yaml': API });
    });

    it('checks definitions in hidden folders and dotfiles, not those under node_modules or the deploy backups', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'tree'], io), 1, io.stdout + io.stderr);
      assert.match(io.stdout, /^3 files checked: 2 errors/m);
    });

    it('reports the files it could check and exits 2 when a file it found cannot be opened', async () => {
      const io = fakeIO(dir);
      // Permissions cannot lock a file from the root user these tests may run as: the read fails as a locked file's does.
      const read = io.readBytes;
      io.readBytes = (file) => (file.endsWith('locked.yaml') ? Promise.reject(new UsageError(`${file}: permission denied`)) : read(file));
      assert.equal(await main(['lint', 'broken'], io), 2, io.stdout + io.stderr);
      assert.match(io.stdout, /^1 file checked: 0 errors/m);
      assert.match(io.stderr, /locked\.yaml: permission denied; not checked/);
      assert.match(io.stderr, /1 file could not be opened and was not checked: broken\/locked\.yaml/);
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

  describe('lint with the workspace settings', () => {
    const definition = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n";
    let dir: string;
    beforeEach(() => {
      dir = tempFolder('apigw-lint-settings-');
      writeTree(dir, { '.git/HEAD': 'ref: refs/heads/main\n', 'apis/api.yaml': definition });
    });

    it('applies the severities of .vscode/settings.json at or above the current directory, as the editor does', async () => {
      writeTree(dir, { '.vscode/settings.json': '{\n  // the team silences this one\n  "apigateway.validation.severity": {"unknown-request-validator": "warning"},\n}\n' });
      const io = fakeIO(path.join(dir, 'apis'));
      assert.equal(await main(['lint', 'api.yaml'], io), 0, io.stdout + io.stderr);
      assert.match(io.stdout, /^api\.yaml:\d+:\d+ warning unknown-request-validator /m);
      assert.match(io.stdout, /^1 file checked \(settings from \.\.\/\.vscode\/settings\.json\): 0 errors, 1 warning, 0 notes$/m);
      const nested = fakeIO(dir);
      writeTree(dir, { '.vscode/settings.json': '{"apigateway": {"validation": {"severity": {"unknown-request-validator": "off"}}}}' });
      assert.equal(await main(['lint', 'apis/api.yaml', '--format', 'json'], nested), 0, nested.stderr);
      assert.deepEqual(JSON.parse(nested.stdout), []);
    });

    it('lets the command line win, and ignores the file with --no-settings', async () => {
      writeTree(dir, { '.vscode/settings.json': '{"apigateway.validation.severity": {"unknown-request-validator": "off"}, "apigateway.validation.dialect": "http"}' });
      const flag = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml', '--severity', 'unknown-request-validator=error', '--format', 'json'], flag), 0, flag.stderr);
      // The settings' dialect applies: request validators are REST-only, so HTTP APIs ignore the name and it is not looked up.
      assert.deepEqual(JSON.parse(flag.stdout).map((f: { code: string }) => f.code), ['dialect-mismatch']);
      const rest = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml', '--severity', 'unknown-request-validator=error', '--dialect', 'rest', '--format', 'json'], rest), 1, rest.stderr);
      assert.deepEqual(JSON.parse(rest.stdout).map((f: { code: string }) => f.code), ['unknown-request-validator']);
      const none = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml', '--no-settings'], none), 1, none.stderr);
      assert.match(none.stdout, /^1 file checked: 1 error/m);
    });

    it('reads a settings file named with --settings', async () => {
      writeTree(dir, { 'ci/lint.json': '{"apigateway.validation.severity": {"unknown-request-validator": "hint"}}' });
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml', '--settings', 'ci/lint.json'], io), 0, io.stderr);
      assert.match(io.stdout, /hint unknown-request-validator/);
      assert.match(io.stdout, /\(settings from ci\/lint\.json\)/);
    });

    it('stops with exit 2 on a settings file that does not parse or holds a wrong value, and on a wrong --severity', async () => {
      writeTree(dir, { '.vscode/settings.json': '{"apigateway.validation.severity": {"unknown-request-validator": "fatal"}}' });
      const wrong = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml'], wrong), 2);
      assert.equal(wrong.stdout, '');
      assert.match(wrong.stderr, /\.vscode\/settings\.json: apigateway\.validation\.severity\.unknown-request-validator must be one of error, warning, information, hint, off, not "fatal"/);
      writeTree(dir, { '.vscode/settings.json': '{"apigateway.validation.dialect": "rest" "x": 1}' });
      const broken = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml'], broken), 2);
      assert.match(broken.stderr, /\.vscode\/settings\.json:1:\d+: not valid JSON \(comma expected\)/);
      const missing = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml', '--settings', 'nope.json'], missing), 2);
      assert.match(missing.stderr, /nope\.json: no such file/);
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml', '--no-settings', '--severity', 'unknown-request-validator'], io), 2);
      assert.match(io.stderr, /CODE=LEVEL/);
    });

    it('warns of a severity for a code it does not know, in the settings file or on the command line, and goes on', async () => {
      writeTree(dir, { '.vscode/settings.json': '{"apigateway.validation.severity": {"unknown-request-validater": "off"}}' });
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml'], io), 1);
      assert.match(io.stderr, /names 'unknown-request-validater', which is not a diagnostic code of this version of apigw \(did you mean 'unknown-request-validator'\?\); it has no effect/);
      const named = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml', '--no-settings', '--severity', 'unknown-request-validater=off', '--severity', 'code-of-a-later-version=off'], named), 1);
      assert.match(named.stdout, /^1 file checked: 1 error/m);
      assert.equal(
        named.stderr,
        "apigw lint: --severity names 'unknown-request-validater', which is not a diagnostic code of this version of apigw (did you mean 'unknown-request-validator'?); it has no effect\n" +
          "apigw lint: --severity names 'code-of-a-later-version', which is not a diagnostic code of this version of apigw; it has no effect\n",
      );
    });

    it('names the settings file only when it holds apigateway settings, and refuses --settings with --no-settings', async () => {
      writeTree(dir, { '.vscode/settings.json': '{"editor.tabSize": 2}' });
      const io = fakeIO(dir);
      await main(['lint', 'apis/api.yaml'], io);
      assert.match(io.stdout, /^1 file checked: 1 error/m);
      const both = fakeIO(dir);
      assert.equal(await main(['lint', 'apis/api.yaml', '--settings', '.vscode/settings.json', '--no-settings'], both), 2);
      assert.match(both.stderr, /--settings and --no-settings exclude each other/);
    });

    it('outside a repository, reads only the current directory\'s settings', async () => {
      const loose = tempFolder('apigw-lint-loose-');
      writeTree(loose, { '.vscode/settings.json': '{"apigateway.validation.severity": {"unknown-request-validator": "off"}}', 'sub/api.yaml': definition, 'api.yaml': definition });
      const below = fakeIO(path.join(loose, 'sub'));
      assert.equal(await main(['lint', 'api.yaml'], below), 1, below.stderr);
      const here = fakeIO(loose);
      assert.equal(await main(['lint', 'api.yaml'], here), 0, here.stderr);
    });

    it('does not look above the repository root', async () => {
      writeTree(dir, { '.vscode/settings.json': '{"apigateway.validation.severity": {"unknown-request-validator": "off"}}', 'repo/.git/HEAD': 'x\n', 'repo/api.yaml': definition });
      const io = fakeIO(path.join(dir, 'repo'));
      assert.equal(await main(['lint', 'api.yaml'], io), 1, io.stderr);
    });
  });

  it('fails on warnings, or on any finding, with --fail-on', async () => {
    const dir = tempFolder('apigw-fail-on-');
    writeTree(dir, { 'api.yaml': "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n" });
    const run = async (...extra: string[]) => {
      const io = fakeIO(dir);
      const code = await main(['lint', 'api.yaml', '--no-settings', ...extra], io);
      return { code, io };
    };
    assert.equal((await run('--severity', 'unknown-request-validator=warning')).code, 0);
    assert.equal((await run('--severity', 'unknown-request-validator=warning', '--fail-on', 'warning')).code, 1);
    assert.equal((await run('--severity', 'unknown-request-validator=hint', '--fail-on', 'information')).code, 0);
    assert.equal((await run('--severity', 'unknown-request-validator=hint', '--fail-on', 'hint')).code, 1);
    assert.equal((await run('--fail-on', 'constructor')).code, 2);
    const wrong = await run('--fail-on', 'warn');
    assert.equal(wrong.code, 2);
    assert.match(wrong.io.stderr, /--fail-on must be error, warning, information or hint, not 'warn'/);
  });

  it('writes GitHub Actions annotations, escaped, with the summary after them', async () => {
    const dir = tempFolder('apigw-github-');
    writeTree(dir, { 'specs/a,b.yaml': "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n" });
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'specs', '--format', 'github', '--severity', 'unknown-request-validator=hint', '--fail-on', 'hint'], io), 1, io.stderr);
    const [annotation, summary, ...rest] = io.stdout.split('\n');
    assert.match(annotation, /^::notice file=specs\/a%2Cb\.yaml,line=6,endLine=6,col=46,endColumn=53,title=apigw unknown-request-validator::\S/);
    assert.equal(summary, '1 file checked: 0 errors, 0 warnings, 1 note (failing on hint or graver)');
    assert.deepEqual(rest, ['']);
  });

  it('leaves hints out of GitHub annotations unless they fail the run, and still counts them', async () => {
    const dir = tempFolder('apigw-github-hints-');
    writeTree(dir, { 'api.yaml': "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-api-key-source: NOPE\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n" });
    const levels = ['--severity', 'unknown-request-validator=hint', '--severity', 'invalid-enum-value=information'];
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings', '--format', 'github', ...levels], io), 0, io.stderr);
    assert.deepEqual(io.stdout.split('\n').map((line) => line.split(' ')[0]), ['::notice', '1', '']);
    assert.match(io.stdout, /title=apigw invalid-enum-value::/);
    assert.match(io.stdout, /^1 file checked: 0 errors, 0 warnings, 2 notes$/m);
    const failing = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings', '--format', 'github', ...levels, '--fail-on', 'hint'], failing), 1);
    assert.equal(failing.stdout.split('\n').filter((line) => line.startsWith('::notice')).length, 2);
  });

  it('names files from the repository root in GitHub annotations, leaves columns out of ranges over lines, and names no file for standard input', async () => {
    const dir = tempFolder('apigw-github-root-');
    writeTree(dir, { 'apis/api.yaml': "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n" });
    const saved = process.env.GITHUB_WORKSPACE;
    process.env.GITHUB_WORKSPACE = dir;
    try {
      const io = fakeIO(path.join(dir, 'apis'));
      await main(['lint', 'api.yaml', '--format', 'github', '--no-settings'], io);
      assert.match(io.stdout, /^::error file=apis\/api\.yaml,line=6,/m);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_WORKSPACE;
      else process.env.GITHUB_WORKSPACE = saved;
    }
    const report = formatReport('github', [{ file: '<stdin>', diagnostics: [{ range: { start: { line: 1, character: 2 }, end: { line: 3, character: 0 } }, severity: 2, code: 'x', message: '100% sure,\nreally: yes' }] }], { cwd: dir });
    assert.equal(report, '::warning line=2,endLine=4,title=apigw x::100%25 sure,%0Areally: yes\n1 file checked: 0 errors, 1 warning, 0 notes\n');
  });

  it('applies --severity to the findings it makes itself, and knows a definition whose syntax findings are off', async () => {
    const dir = tempFolder('apigw-own-findings-');
    writeTree(dir, { 'notes.yaml': 'just: notes\n', 'image.yaml': Buffer.from([0x89, 0x50, 0x00, 0x01]), 'broken.yaml': "openapi: 3.0.1\ninfo: {title: t, version: '1\npaths: {}\n" });
    const off = fakeIO(dir);
    assert.equal(await main(['lint', 'notes.yaml', 'image.yaml', '--no-settings', '--severity', 'not-an-api-definition=off', '--severity', 'binary-content=warning'], off), 0, off.stdout);
    assert.doesNotMatch(off.stdout, /not-an-api-definition/);
    assert.match(off.stdout, /^image\.yaml:\d+:\d+ warning binary-content /m);
    const syntaxOff = fakeIO(dir);
    assert.equal(await main(['lint', 'broken.yaml', '--no-settings', '--severity', 'yaml-syntax=off'], syntaxOff), 0, syntaxOff.stdout);
    assert.match(syntaxOff.stdout, /^1 file checked: 0 errors, 0 warnings, 0 notes$/m);
  });

  it('checks .vtl templates found in directories, and each file reached through symbolic links once', async () => {
    const dir = tempFolder('apigw-vtl-');
    writeTree(dir, { 'api/templates/request.vtl': '#if($input.path("$.a"))\n{"a": 1}\n', 'api/def.yaml': "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n" });
    symlinkSync('..', path.join(dir, 'api', 'templates', 'loop'));
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'api', '--no-settings', '--format', 'json'], io), 1, io.stderr);
    const files = (JSON.parse(io.stdout) as { file: string; code: string }[]).map((f) => `${f.file} ${f.code}`);
    assert.deepEqual(files, ['api/templates/request.vtl template-syntax']);
    const text = fakeIO(dir);
    await main(['lint', 'api', '--no-settings'], text);
    assert.match(text.stdout, /^2 files checked: 1 error/m);
  });

  it('keeps one finding per line in text output and names files from $GITHUB_WORKSPACE in SARIF', () => {
    const finding = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 1 as const, code: 'x', message: 'one\ntwo' };
    assert.equal(formatReport('text', [{ file: 'a\nb.yaml', diagnostics: [finding] }], { cwd: '/repo' }).split('\n')[0], 'a\\nb.yaml:1:1 error x one\\ntwo');
    const sarif = JSON.parse(formatReport('sarif', [{ file: 'api.yaml', diagnostics: [finding] }], { cwd: '/repo/apis', root: '/repo' }));
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'apis/api.yaml');
    assert.equal(sarif.runs[0].columnKind, 'utf16CodeUnits', 'columns count as editors count them');
  });

  it('ends quietly when the reader of its output stops early', function () {
    this.timeout(30_000);
    const dir = tempFolder('apigw-pipe-');
    const errors = path.join(dir, 'stderr');
    // Output well over a pipe's buffer, so that writing goes on after the reader has gone.
    const items = Array.from({ length: 1500 }, (_, i) => `  /p${i}:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n`).join('');
    writeFileSync(path.join(dir, 'many.yaml'), `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n${items}`);
    const script = `"${process.execPath}" -r tsx/cjs server/src/cli/apigw.ts lint "${path.join(dir, 'many.yaml')}" --format sarif --no-settings 2>"${errors}" | head -c 1`;
    assert.equal(execFileSync('bash', ['-c', `${script}; echo " exit \${PIPESTATUS[0]}"`], { cwd: ROOT }).toString(), '{ exit 1\n');
    // The summary SARIF runs write to standard error, and no complaint about the closed pipe.
    assert.match(readFileSync(errors, 'utf8'), /^apigw lint: 1 file checked: 1500 errors, [^\n]*\n$/);
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

  it('reports binary and non-UTF-8 files as findings, and still reports the other files', async () => {
    const dir = tempFolder();
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from("openapi: 3.0.1\ninfo: {title: caf\xe9, version: '1'}\npaths: {}\n", 'latin1'));
    writeFileSync(path.join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x00, 0x01]));
    writeFileSync(path.join(dir, 'good.yaml'), "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n");
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'latin1.yaml', 'image.yaml', 'good.yaml'], io), 1, io.stderr);
    assert.equal(io.stderr, '');
    assert.match(io.stdout, /^latin1\.yaml:2:18 error not-utf8 This file is not UTF-8 text \(byte 0xE9 here/m);
    assert.match(io.stdout, /^image\.yaml:2:1 error binary-content /m);
    assert.match(io.stdout, /^3 files checked: 2 errors, 0 warnings, 0 notes$/m);
    const sarif = fakeIO(dir);
    assert.equal(await main(['lint', 'latin1.yaml', 'good.yaml', '--format', 'sarif'], sarif), 1);
    assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['not-utf8']);
    // A file that is not there is named as one that cannot be read is, and the others are still reported.
    const missing = fakeIO(dir);
    assert.equal(await main(['lint', 'good.yaml', 'gone.yaml'], missing), 2);
    assert.equal(missing.stdout, '1 file checked: 0 errors, 0 warnings, 0 notes\n');
  });

  it('checks a file in another encoding as the editor shows it: its encoding and its other mistakes', async () => {
    const dir = tempFolder();
    const file = path.join(dir, 'latin1.yaml');
    const definition = "openapi: 3.0.1\ninfo: {title: caf\xe9, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: mockk}\n";
    writeFileSync(file, Buffer.from(definition, 'latin1'));
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'latin1.yaml', '--no-settings', '--format', 'json'], io), 1, io.stderr);
    const found = (JSON.parse(io.stdout) as { line: number; character: number; code: string; message: string }[]).map((f) => `${f.line}:${f.character} ${f.code} ${f.message}`);
    // The editor's server checks the text VS Code decoded (a byte that is not UTF-8 as U+FFFD), and reads the saved
    // bytes for their encoding.
    const service = createLanguageService({ resolver: new WorkspaceResolver(() => undefined) });
    const shown = TextDocument.create(fileUri(file), 'yaml', 1, readFileSync(file).toString('utf8'));
    const editor = (await service.doValidation(shown, {})).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);
    assert.deepEqual(found, editor);
    assert.deepEqual(found.map((f) => f.split(' ')[1]), ['not-utf8', 'invalid-enum-value']);
  });

  it('writes SARIF file locations as percent-encoded relative URIs, with rule indexes and default levels', async () => {
    const dir = tempFolder();
    writeTree(dir, { 'sub dir/my api#1 %20.yaml': "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-bogus: 1\npaths: {}\n" });
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'sub dir/my api#1 %20.yaml', '--format', 'sarif'], io), 0, io.stderr);
    const run = JSON.parse(io.stdout).runs[0];
    const [result] = run.results;
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'sub%20dir/my%20api%231%20%2520.yaml');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.equal(run.tool.driver.rules[result.ruleIndex].defaultConfiguration.level, 'warning');
  });

  it('counts information and hint findings in the summary as notes', async () => {
    const dir = tempFolder();
    writeFileSync(
      path.join(dir, 'note.yaml'),
      "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates: {application/json: '{\"statusCode\": 200}'}\n        responses:\n          default: {statusCode: 200}\n",
    );
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'note.yaml'], io), 0, io.stdout);
    assert.match(io.stdout, /^note\.yaml:11:\d+ information status-code-not-string /m);
    assert.match(io.stdout, /^1 file checked: 0 errors, 0 warnings, 1 note$/m);
  });

  describe('options', () => {
    let dir: string;
    before(() => {
      dir = tempFolder('apigw-cli-options-');
      writeFileSync(path.join(dir, '--odd.yaml'), "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n");
    });

    it('takes everything after -- as files', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', '--', '--odd.yaml'], io), 0, io.stderr);
      assert.match(io.stdout, /^1 file checked/m);
    });

    it('shows a command\'s help for -h or --help anywhere, even after a mistake', async () => {
      const commands: Array<[string, (args: string[], io: CliIO) => Promise<number>, string[]]> = [
        ['lint', (args, io) => main(['lint', ...args], io), ['x.yaml', '-h']],
        ['lint', (args, io) => main(['lint', ...args], io), ['--bogus', '--help']],
        ['invoke', runInvoke, ['api.yaml', '--bogus', '--help']],
        ['serve', runServe, ['-h']],
        ['eval', runEval, ['t.vtl', '--kind', 'both', '-h']],
      ];
      for (const [name, run, args] of commands) {
        const io = fakeIO(dir);
        assert.equal(await run(args, io), 0, `${name} ${args.join(' ')}: ${io.stderr}`);
        assert.match(io.stdout, new RegExp(`^usage: apigw ${name} [\\s\\S]*\\nexit codes: 0 `), `${name} ${args.join(' ')}`);
      }
    });

    it('refuses a value given to an option that takes none', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', '--no-settings=1', '--', '--odd.yaml'], io), 2);
      assert.equal(io.stderr, "apigw lint: --no-settings takes no value\nRun 'apigw lint --help' for its options.\n");
    });

    it('calls an unknown short option an unknown option', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', '-f', '--', '--odd.yaml'], io), 2);
      assert.equal(io.stderr, "apigw lint: unknown option -f\nRun 'apigw lint --help' for its options.\n");
    });

    it('reads - from standard input and reports it as <stdin>', async () => {
      const io = fakeIO(dir);
      io.readStdin = async () => Buffer.from('openapi: 3.0.1\ninfo: {title: t\n');
      assert.equal(await main(['lint', '-'], io), 1);
      assert.match(io.stdout, /^<stdin>:2:7 error yaml-syntax This `{` is not closed/m);
    });
  });

  it('lists every option of every command in the top-level help', async () => {
    const io = fakeIO();
    assert.equal(await main(['--help'], io), 0);
    for (const option of ['--format', '--dialect', '--max-warnings', '--method', '--path', '--query', '--header', '--body-file', '--stage', '--config', '--source-ip', '--json', '--log', '--fail', '--port', '--request', '--kind', '--timeout MS', '--version']) {
      assert.ok(io.stdout.includes(option), option);
    }
  });

  it('says so when a file is empty or not an API definition', async () => {
    const dir = tempFolder();
    writeFileSync(path.join(dir, 'empty.yaml'), '');
    writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web: {image: nginx}\n');
    // JSON says the same, not its parser's "value expected".
    writeFileSync(path.join(dir, 'empty.json'), ' \n');
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'empty.yaml', 'compose.yaml', 'empty.json'], io), 1);
    assert.match(io.stdout, /^empty\.yaml:1:1 error not-an-api-definition The file is empty/m);
    assert.match(io.stdout, /^empty\.json:1:1 error not-an-api-definition The file is empty/m);
    assert.doesNotMatch(io.stdout, /json-syntax/);
    assert.match(io.stdout, /^compose\.yaml:1:1 error not-an-api-definition Not an OpenAPI or Swagger document/m);
  });

  it('calls a named file of another kind no definition, without reading its lines as YAML, but reports a broken definition\'s syntax', async () => {
    const dir = tempFolder();
    writeTree(dir, {
      'handlers/pets.js': "export const handler = async () => ({ statusCode: 200, body: '[]' });\n",
      'readme.md': '# Pets\n\n`apigw lint` checks it. Add `# apigw-disable-line CODE` to silence a line.\n',
      // Named as something else, a definition is one all the same, and its mistakes are found.
      'api.txt': "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\nx-amazon-apigateway-api-key-source: NOPE\n",
      'broken.yaml': "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n  bad: [\n",
    });
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'handlers/pets.js', 'readme.md', 'api.txt', 'broken.yaml', '--no-settings'], io), 1);
    const found = io.stdout.trim().split('\n').slice(0, -1).map((line) => line.split(' ').slice(0, 3).join(' '));
    assert.deepEqual(found.map((f) => f.replace(/:\d+:\d+/, '')), [
      'handlers/pets.js error not-an-api-definition',
      'readme.md error not-an-api-definition',
      'api.txt error invalid-enum-value',
      'broken.yaml error yaml-syntax',
    ]);
  });

  it('names the JSON syntax error that hides the openapi key when invoke or bundle cannot read a definition', async () => {
    const dir = tempFolder();
    writeTree(dir, {
      'commented.json': '{\n  // the pets API\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {}\n}\n',
      'trailing.json': '{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1",},\n  "paths": {}\n}\n',
    });
    const comment = 'commented.json:2:3: JSON has no comments: remove this one, or write the definition in YAML, where `#` starts a comment (API Gateway imports both).';
    const comma = 'trailing.json:3:41: A trailing comma: JSON allows no comma after the last property of an object; remove the comma before this `}`.';
    for (const [args, message] of [
      [['invoke', 'commented.json', '--method', 'GET', '--path', '/'], `apigw invoke: ${comment}\n`],
      [['bundle', 'commented.json'], `apigw bundle: ${comment}\n`],
      [['invoke', 'trailing.json', '--method', 'GET', '--path', '/'], `apigw invoke: ${comma}\n`],
    ] as const) {
      const io = fakeIO(dir);
      assert.equal(await main([...args], io), 2, args.join(' '));
      assert.equal(io.stderr, message);
    }
    const lint = fakeIO(dir);
    assert.equal(await main(['lint', 'commented.json', 'trailing.json', '--no-settings'], lint), 1);
    assert.equal(lint.stdout.split('\n').slice(0, 2).join('\n'), `${comment.replace(':2:3:', ':2:3 error json-syntax')}\n${comma.replace(':3:41:', ':3:41 error json-syntax')}`);
  });

  it('lists findings in document order', async () => {
    const io = fakeIO();
    await main(['lint', path.resolve(ROOT, '../shared/corpus/openapi/13_openapi.spec.pulumi.json'), '--format', 'json'], io);
    const lines = (JSON.parse(io.stdout) as { line: number }[]).map((d) => d.line);
    assert.ok(lines.length > 2);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  });

});
