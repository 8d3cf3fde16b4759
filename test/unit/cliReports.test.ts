import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { main } from '../../server/src/cli/apigw';
import { UsageError } from '../../server/src/cli/io';
import { formatReport } from '../../server/src/cli/lintReports';
import { cliVersion } from '../../server/src/cli/version';
import { DIAGNOSTIC_CODES } from '../../server/src/facts/diagnosticCodes';
import { fakeIO } from '../support/fakeCliIO';

/**
 * `apigw lint` as CI runs it: SARIF for code scanning, machine-readable output kept apart from messages, and the
 * options and messages a pipeline relies on.
 */

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

const API = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n";
const UNKNOWN_VALIDATOR = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n";

const folders: string[] = [];
function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-reports-'));
  folders.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function lint(cwd: string, ...args: string[]) {
  const io = fakeIO(cwd);
  const code = await main(['lint', '--no-settings', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function withWorkspace<T>(dir: string | undefined, run: () => Promise<T>): Promise<T> {
  const saved = process.env.GITHUB_WORKSPACE;
  if (dir === undefined) delete process.env.GITHUB_WORKSPACE;
  else process.env.GITHUB_WORKSPACE = dir;
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.GITHUB_WORKSPACE;
    else process.env.GITHUB_WORKSPACE = saved;
  }
}

type SarifLog = any;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LEVELS = ['none', 'note', 'warning', 'error'];
const FINGERPRINT = 'apigwFindingHash/v1';

/** What GitHub code scanning needs of an uploaded SARIF file, and what keeps its alerts stable across commits. */
function assertCodeScanningSarif(log: SarifLog, root: string): void {
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  const { driver } = run.tool;
  assert.equal(driver.name, 'apigw');
  assert.equal(driver.version, PACKAGE.version);
  assert.match(driver.informationUri, /^https:\/\//);
  // A category of our own would override the one a workflow gives upload-sarif, merging separate analyses.
  assert.equal(run.automationDetails, undefined);
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(root).href}/`);
  const ids = driver.rules.map((r: { id: string }) => r.id);
  assert.deepEqual(ids, [...new Set(ids)].sort());
  for (const rule of driver.rules) {
    for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text, rule.help.markdown]) assert.ok(typeof text === 'string' && text.length > 0, rule.id);
    assert.match(rule.helpUri, /^https?:\/\//, rule.id);
    assert.ok(LEVELS.includes(rule.defaultConfiguration.level), rule.id);
  }
  const fingerprints = new Set<string>();
  for (const result of run.results) {
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(LEVELS.includes(result.level));
    assert.ok(typeof result.message.text === 'string' && result.message.text.length > 0);
    assert.ok(result.locations.length >= 1 && result.locations.length <= 10);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
    assert.doesNotMatch(artifactLocation.uri, /^(\/|\.\.|[a-z]+:)/i, 'relative to the repository root');
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[key]) && region[key] >= 1, `${result.ruleId} ${key}`);
    assert.ok(region.endLine > region.startLine || region.endColumn >= region.startColumn);
    const fingerprint = result.partialFingerprints[FINGERPRINT];
    assert.match(fingerprint, /^[0-9a-f]{32}:\d+$/);
    assert.ok(!fingerprints.has(fingerprint), 'each result has its own fingerprint');
    fingerprints.add(fingerprint);
  }
}

describe('apigw lint in CI', () => {
  after(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  describe('SARIF for code scanning', () => {
    it('writes what code scanning takes, naming files from the repository root wherever it runs', async () => {
      const dir = tree({
        '.git/HEAD': 'ref: refs/heads/main\n',
        'apis/validator.yaml': UNKNOWN_VALIDATOR,
        'apis/latin1.yaml': Buffer.from("openapi: 3.0.1\ninfo: {title: caf\xe9, version: '1'}\npaths: {}\n", 'latin1'),
        'apis/image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x00, 0x01]),
        'apis/empty.yaml': '',
        'apis/compose.yaml': 'services:\n  web: {image: nginx}\n',
        'apis/request.vtl': '#if($input.path("$.a"))\n{"a": 1}\n',
        'apis/good.yaml': API,
      });
      // Named, since a directory stands for the definitions in it, and these are mostly not.
      const files = ['validator.yaml', 'latin1.yaml', 'image.yaml', 'empty.yaml', 'compose.yaml', 'request.vtl', 'good.yaml'];
      const run = await withWorkspace(dir, () => lint(path.join(dir, 'apis'), ...files, '--format', 'sarif'));
      assert.equal(run.code, 1, run.stderr);
      const log = JSON.parse(run.stdout);
      assertCodeScanningSarif(log, dir);
      const found = log.runs[0].results.map((r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}`).sort();
      assert.deepEqual(found, ['apis/compose.yaml not-an-api-definition', 'apis/empty.yaml not-an-api-definition', 'apis/image.yaml binary-content', 'apis/latin1.yaml not-utf8', 'apis/request.vtl template-syntax', 'apis/validator.yaml unknown-request-validator']);
      assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: true }]);
    });

    it('names files from a workspace reached through a symbolic link, as annotations and SARIF both need', async () => {
      const dir = tree({ 'apis/validator.yaml': UNKNOWN_VALIDATOR });
      const link = `${dir}-link`;
      symlinkSync(dir, link);
      folders.push(link);
      // The current folder comes back from the system with links resolved, as process.cwd() gives it.
      const github = await withWorkspace(link, () => lint(path.join(dir, 'apis'), 'validator.yaml', '--format', 'github'));
      assert.match(github.stdout, /^::error file=apis\/validator\.yaml,line=6,/);
      const sarif = await withWorkspace(link, () => lint(path.join(dir, 'apis'), 'validator.yaml', '--format', 'sarif'));
      assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'apis/validator.yaml', uriBaseId: '%SRCROOT%' });
    });

    it('describes every diagnostic code as a rule with help on changing its level', () => {
      const codes = Object.keys(DIAGNOSTIC_CODES);
      const diagnostics: Diagnostic[] = codes.map((code, line) => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, severity: 1, code, message: { kind: 'markdown', value: `about ${code}` } as never }));
      const log = JSON.parse(formatReport('sarif', [{ file: 'api.yaml', diagnostics, text: codes.join('\n') }], { cwd: '/repo' }));
      assertCodeScanningSarif(log, '/repo');
      assert.equal(log.runs[0].tool.driver.rules.length, codes.length);
      const rule = log.runs[0].tool.driver.rules.find((r: any) => r.id === 'unknown-request-validator');
      assert.match(rule.help.text, /"apigateway\.validation\.severity": \{"unknown-request-validator": "off"\}/);
      assert.match(rule.help.text, /# apigw-disable-next-line unknown-request-validator/);
      // Findings about a whole file cannot be silenced by a comment in it, so their help does not offer one.
      assert.doesNotMatch(log.runs[0].tool.driver.rules.find((r: any) => r.id === 'not-utf8').help.text, /disable/);
      assert.equal(log.runs[0].results[0].message.text, `about ${codes[0]}`, 'markup messages are given as their text');
    });

    it('keeps fingerprints when lines above a finding change, and tells identical findings apart', async () => {
      const twice = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n  /b:\n    get:\n      x-amazon-apigateway-request-validator: missing\n      responses: {'200': {description: ok}}\n";
      const moved = twice.replace('paths:\n', '# owned by the orders team\n\npaths:\n  /health:\n    get:\n      responses: {\'200\': {description: ok}}\n');
      const dir = tree({ 'before/api.yaml': twice, 'after/api.yaml': moved });
      const results = async (sub: string) => {
        const run = await withWorkspace(undefined, () => lint(path.join(dir, sub), 'api.yaml', '--format', 'sarif'));
        return JSON.parse(run.stdout).runs[0].results as any[];
      };
      const before = await results('before');
      const after = await results('after');
      assert.equal(before.length, 2);
      assert.deepEqual(after.map((r) => r.partialFingerprints[FINGERPRINT]), before.map((r) => r.partialFingerprints[FINGERPRINT]));
      assert.notDeepEqual(after.map((r) => r.locations[0].physicalLocation.region.startLine), before.map((r) => r.locations[0].physicalLocation.region.startLine));
      assert.deepEqual(before.map((r) => r.partialFingerprints[FINGERPRINT].split(':')[1]), ['1', '2']);
    });

    it('counts columns in UTF-16 code units, as it says', async () => {
      const text = '{"openapi":"3.0.1","info":{"title":"\u{1F600}\u{1F600}","version":"1"},"paths":{},"x-amazon-apigateway-api-key-source":"NOPE"}\n';
      const dir = tree({ 'api.json': text });
      const run = await withWorkspace(undefined, () => lint(dir, 'api.json', '--format', 'sarif'));
      const [result] = JSON.parse(run.stdout).runs[0].results;
      assert.equal(result.locations[0].physicalLocation.region.startColumn, text.indexOf('"NOPE"') + 1);
    });

    it('gives a file outside the root an absolute URI, and standard input no base', () => {
      const finding: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 2, code: 'unknown-extension', message: 'm' };
      const log = JSON.parse(formatReport('sarif', [{ file: '../other/api.yaml', diagnostics: [finding] }, { file: '<stdin>', diagnostics: [finding] }], { cwd: '/repo/apis', root: '/repo/apis' }));
      const [outside, stdin] = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation);
      assert.deepEqual(outside, { uri: pathToFileURL('/repo/other/api.yaml').href });
      assert.deepEqual(stdin, { uri: '%3Cstdin%3E' });
    });

    it('marks the run unsuccessful and names a found file it could not open', async () => {
      const dir = tree({ 'apis/good.yaml': API, 'apis/locked.yaml': API });
      const io = fakeIO(dir);
      const read = io.readBytes;
      io.readBytes = (file) => (file.endsWith('locked.yaml') ? Promise.reject(new UsageError(`${file}: permission denied`)) : read(file));
      const code = await withWorkspace(undefined, () => main(['lint', 'apis', '--no-settings', '--format', 'sarif'], io));
      assert.equal(code, 2);
      const [invocation] = JSON.parse(io.stdout).runs[0].invocations;
      assert.equal(invocation.executionSuccessful, false);
      assert.deepEqual(invocation.toolExecutionNotifications.map((n: any) => [n.level, n.locations[0].physicalLocation.artifactLocation.uri]), [['error', 'apis/locked.yaml']]);
    });
  });

  describe('standard output and standard error', () => {
    it('keeps JSON and SARIF alone on standard output, with the summary on standard error', async () => {
      const dir = tree({ 'api.yaml': UNKNOWN_VALIDATOR, 'good.yaml': API });
      for (const format of ['json', 'sarif']) {
        const run = await lint(dir, 'api.yaml', 'good.yaml', '--format', format);
        assert.equal(run.code, 1);
        assert.doesNotThrow(() => JSON.parse(run.stdout), format);
        assert.equal(run.stderr, 'apigw lint: 2 files checked: 1 error, 0 warnings, 0 notes\n', format);
      }
      for (const format of ['text', 'github']) {
        const run = await lint(dir, 'api.yaml', 'good.yaml', '--format', format);
        assert.equal(run.stderr, '', format);
        assert.match(run.stdout, /^2 files checked: 1 error, 0 warnings, 0 notes$/m, format);
      }
    });

    it('names files under the current folder from it however they were given, as SARIF does, and others by their absolute paths', async () => {
      const dir = tree({ 'apis/api.yaml': UNKNOWN_VALIDATOR, 'other/api.yaml': UNKNOWN_VALIDATOR });
      const absolute = path.join(dir, 'apis', 'api.yaml');
      for (const given of [absolute, 'apis/api.yaml', './apis/api.yaml']) {
        const json = await lint(dir, given, '--format', 'json');
        assert.deepEqual((JSON.parse(json.stdout) as { file: string }[]).map((f) => f.file), ['apis/api.yaml'], given);
        const text = await lint(dir, given);
        assert.match(text.stdout, /^apis\/api\.yaml:6:\d+ error /, given);
        const sarif = await withWorkspace(undefined, () => lint(dir, given, '--format', 'sarif'));
        assert.equal(JSON.parse(sarif.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'apis/api.yaml', given);
      }
      const apis = path.join(dir, 'apis');
      const outside = path.join(dir, 'other', 'api.yaml');
      for (const given of [outside, '../other/api.yaml']) {
        const json = await lint(apis, given, '--format', 'json');
        assert.deepEqual((JSON.parse(json.stdout) as { file: string }[]).map((f) => f.file), [outside], given);
        const missing = await lint(apis, given.replace('api.yaml', 'gone.yaml'));
        assert.match(missing.stderr, new RegExp(`^${escapeRegExp(outside.replace('api.yaml', 'gone.yaml'))}: no such file; not checked$`, 'm'), given);
      }
      // Annotations name a file outside the workspace by its absolute path, as SARIF does, not by a path climbing out.
      const github = await withWorkspace(apis, () => lint(apis, '../other/api.yaml', '--format', 'github'));
      assert.match(github.stdout, new RegExp(`^::error file=${escapeRegExp(outside.replace(/,/g, '%2C').replace(/:/g, '%3A'))},line=6,`, 'm'));
      const inside = await withWorkspace(dir, () => lint(apis, '../other/api.yaml', '--format', 'github'));
      assert.match(inside.stdout, /^::error file=other\/api\.yaml,line=6,/m);
    });
  });

  describe('--max-warnings', () => {
    it('fails the run on more warnings than allowed, and says so in the summary', async () => {
      const dir = tree({ 'api.yaml': UNKNOWN_VALIDATOR });
      const warn = ['api.yaml', '--severity', 'unknown-request-validator=warning'];
      const over = await lint(dir, ...warn, '--max-warnings', '0');
      assert.equal(over.code, 1);
      assert.match(over.stdout, /^1 file checked: 0 errors, 1 warning, 0 notes \(more than --max-warnings 0\)$/m);
      const within = await lint(dir, ...warn, '--max-warnings', '1');
      assert.equal(within.code, 0);
      assert.match(within.stdout, /^1 file checked: 0 errors, 1 warning, 0 notes$/m);
      // Errors still fail the run, whatever the warnings.
      assert.equal((await lint(dir, 'api.yaml', '--max-warnings', '5')).code, 1);
      for (const value of ['-1', 'x', '1.5', '']) {
        const wrong = await lint(dir, ...warn, '--max-warnings', value);
        assert.equal(wrong.code, 2, value);
        assert.match(wrong.stderr, /--max-warnings takes a whole number of warnings, 0 or more/);
      }
    });
  });

  describe('messages', () => {
    it('suggests the option or command meant, and points to the help', async () => {
      const dir = tree({ 'api.yaml': API });
      const option = await lint(dir, 'api.yaml', '--fromat', 'json');
      assert.equal(option.code, 2);
      assert.equal(option.stderr, "apigw lint: unknown option --fromat (did you mean --format?)\nRun 'apigw lint --help' for its options.\n");
      const missingValue = await lint(dir, 'api.yaml', '--format');
      assert.match(missingValue.stderr, /^apigw lint: --format needs a value\nRun 'apigw lint --help'/);
      const command = fakeIO(dir);
      assert.equal(await main(['lnt', 'api.yaml'], command), 2);
      assert.match(command.stderr, /^apigw: unknown command 'lnt' \(did you mean 'lint'\?\)\n/);
      // Names every object has are no commands either.
      const inherited = fakeIO(dir);
      assert.equal(await main(['constructor'], inherited), 2);
      assert.match(inherited.stderr, /^apigw: unknown command 'constructor'/);
    });

    it('shows a command\'s help for apigw help COMMAND', async () => {
      for (const name of ['lint', 'eval', 'invoke', 'serve']) {
        const io = fakeIO(ROOT);
        assert.equal(await main(['help', name], io), 0, `${name}: ${io.stderr}`);
        assert.match(io.stdout, new RegExp(`^usage: apigw ${name} [\\s\\S]*\\nexit codes: 0 `), name);
      }
      const unknown = fakeIO(ROOT);
      assert.equal(await main(['help', 'deploy'], unknown), 2);
      assert.match(unknown.stderr, /unknown command 'deploy'/);
    });

    it('names a file as it was given when serve cannot read it', async () => {
      const dir = tree({ 'apis/.keep': '' });
      const io = fakeIO(dir);
      assert.equal(await main(['serve', 'apis'], io), 2, io.stderr);
      assert.equal(io.stderr, 'apigw serve: apis: is a directory, not a file\n');
    });

    it('reports the version package.json gives', async () => {
      const saved = process.env.APIGW_VERSION;
      delete process.env.APIGW_VERSION;
      try {
        assert.equal(cliVersion(), PACKAGE.version);
        const io = fakeIO(ROOT);
        assert.equal(await main(['--version'], io), 0);
        assert.equal(io.stdout, `${PACKAGE.version}\n`);
      } finally {
        if (saved !== undefined) process.env.APIGW_VERSION = saved;
      }
    });
  });
});
