import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/apigw';
import { nestsDeeperThan } from '../../server/src/model/jsonNesting';
import { fakeIO } from '../support/fakeCliIO';

const API = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n";
const BAD = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\nx-amazon-apigateway-api-key-source: NOPE\n";

/** Files the command line is given or finds that it must not read, or cannot: each is named, the others still checked. */
describe('apigw with inputs it cannot read', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-unreadable-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A named pipe at `file`, or false where the platform makes none. */
  function makeFifo(file: string): boolean {
    try {
      execFileSync('mkfifo', [file], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  function write(files: Record<string, string>): void {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  }

  describe('JSON nested too deep', () => {
    const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const TOO_DEEP = 'nested too deep to read (lists and objects more than 1000 levels inside one another)\n';

    it('refuses a settings file, named or found, and a sample request, naming the file', async () => {
      write({ 'api.yaml': API, 'deep.json': DEEP, 'request.json': `{"body": "", "context": ${'{"a": '.repeat(100_000)}1${'}'.repeat(100_000)}}`, 't.vtl': 'x\n' });
      const runs: Array<[string[], string]> = [
        [['lint', 'api.yaml', '--settings', 'deep.json'], `apigw lint: deep.json: ${TOO_DEEP}`],
        [['eval', 't.vtl', '--request', 'request.json'], `apigw eval: request.json: ${TOO_DEEP}`],
      ];
      for (const [args, message] of runs) {
        const io = fakeIO(dir);
        assert.equal(await main(args, io), 2, args[0]);
        assert.equal(io.stderr, message);
      }
      write({ '.vscode/settings.json': `{"apigateway.validation.severity": ${DEEP}}` });
      const found = fakeIO(dir);
      assert.equal(await main(['lint', 'api.yaml'], found), 2);
      assert.equal(found.stderr, `apigw lint: ${path.join('.vscode', 'settings.json')}: ${TOO_DEEP}`);
    });

    it('counts the nesting outside strings and comments', () => {
      assert.equal(nestsDeeperThan('[[[]]]', 3), false);
      assert.equal(nestsDeeperThan('[[[[]]]]', 3), true);
      assert.equal(nestsDeeperThan('{"a": "[[[[\\"{{{{", "b": [[]]}', 3), false);
      assert.equal(nestsDeeperThan('{ // [[[[\n /* {{{{ */ "a": [[]] }', 3), false);
      // Closing more than was opened, as broken text may, does not hide nesting after it.
      assert.equal(nestsDeeperThan(']]]] [[[[]]]]', 3), true);
    });
  });

  describe('a directory that cannot be read', () => {
    let locked: string;
    beforeEach(function () {
      write({ 'd/good.yaml': API, 'd/locked/api.yaml': BAD });
      locked = path.join(dir, 'd/locked');
      chmodSync(locked, 0o000);
      // The root user, as CI may run the tests, reads it all the same.
      try {
        readdirSync(locked);
        this.skip();
      } catch {
        // Locked, as wanted.
      }
    });
    afterEach(() => chmodSync(locked, 0o755));

    it('names one found in a directory or on a pattern\'s way, checks the other files and exits 2', async () => {
      for (const args of [['d'], ['d/**/*.yaml']]) {
        const io = fakeIO(dir);
        assert.equal(await main(['lint', ...args, '--no-settings'], io), 2, io.stdout + io.stderr);
        assert.equal(io.stdout, '1 file checked: 0 errors, 0 warnings, 0 notes\n', args[0]);
        assert.match(io.stderr, /^d\/locked\/: permission denied; not checked$/m, args[0]);
        assert.match(io.stderr, /^apigw lint: 1 directory could not be opened and was not checked: d\/locked\/$/m, args[0]);
      }
    });

    it('names one given as the directory to check, rather than saying it holds no definitions', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'd/locked', '--no-settings'], io), 2, io.stdout + io.stderr);
      assert.match(io.stderr, /^d\/locked\/: permission denied; not checked$/m);
      assert.doesNotMatch(io.stderr, /no API definitions found/);
    });
  });

  describe('a file too large to read', () => {
    // Sparse: the size is only recorded, so the files take no disk space, and a read would hold 600 MB of NUL bytes.
    beforeEach(() => {
      write({ 'good.yaml': API, 'd/bad.yaml': BAD, 'huge.yaml': '', 'd/huge.yaml': '', 'huge.vtl': '' });
      for (const file of ['huge.yaml', 'd/huge.yaml', 'huge.vtl']) truncateSync(path.join(dir, file), 600 * 1024 * 1024);
    });

    it('names it with its size and the limit, checks the other files and exits 2', async () => {
      for (const args of [['good.yaml', 'huge.yaml'], ['d'], ['d/*.yaml']]) {
        const io = fakeIO(dir);
        assert.equal(await main(['lint', ...args, '--no-settings'], io), 2, io.stdout + io.stderr);
        const huge = args[0] === 'good.yaml' ? 'huge.yaml' : 'd/huge.yaml';
        assert.match(io.stdout, /^1 file checked: /m, args[0]);
        assert.match(io.stderr, new RegExp(`^${huge}: is 600\\.0 MB, larger than the limit of 256 MB for files apigw reads; not checked$`, 'm'), args[0]);
      }
    });

    it('makes eval and invoke say so instead of reading it', async () => {
      const runs: Array<[string[], string]> = [
        [['eval', 'huge.vtl'], 'huge.vtl'],
        [['invoke', 'huge.yaml', '--method', 'GET', '--path', '/'], 'huge.yaml'],
      ];
      for (const [args, file] of runs) {
        const io = fakeIO(dir);
        assert.equal(await main(args, io), 2, args[0]);
        assert.equal(io.stderr, `apigw ${args[0]}: ${file}: is 600.0 MB, larger than the limit of 256 MB for files apigw reads\n`);
      }
    });
  });

  it('reads a named pipe a shell hands over (`--request <(…)`) as it comes, in the commands that take no standard input', async function () {
    write({ 'template.vtl': '$context.authorizer.userId' });
    if (!makeFifo(path.join(dir, 'request.json'))) this.skip();
    // The writer, as a shell's process substitution is: it opens the pipe and writes once a reader has opened it.
    const writer = spawn('sh', ['-c', `printf '%s' '{"context": {"authorizer": {"userId": 42}}}' > request.json`], { cwd: dir, stdio: 'ignore' });
    const written = new Promise((resolve) => writer.on('exit', resolve));
    const io = fakeIO(dir);
    assert.equal(await main(['eval', 'template.vtl', '--request', 'request.json'], io), 0, io.stderr);
    assert.equal(io.stdout, '42\n');
    await written;
  });

  describe('a named pipe or a device in place of a file', () => {
    // /dev/null reads as an empty file, so a device read as a file would be reported as an empty definition.
    beforeEach(function () {
      if (!existsSync('/dev/null')) this.skip();
      write({ 'good.yaml': API, 'd/bad.yaml': BAD });
      symlinkSync('/dev/null', path.join(dir, 'null.yaml'));
      symlinkSync('/dev/null', path.join(dir, 'd/null.yaml'));
    });

    it('names a device given as a file, checks the others and exits 2', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', 'good.yaml', 'null.yaml', '--no-settings'], io), 2, io.stdout + io.stderr);
      assert.equal(io.stdout, '1 file checked: 0 errors, 0 warnings, 0 notes\n');
      assert.match(io.stderr, /^null\.yaml: is a device, not a file; not checked$/m);
      assert.match(io.stderr, /^apigw lint: 1 file could not be opened and was not checked: null\.yaml$/m);
    });

    it('names a device found through a link in a directory or a pattern, and still reports the other files', async () => {
      for (const args of [['d'], ['d/*.yaml']]) {
        const io = fakeIO(dir);
        assert.equal(await main(['lint', ...args, '--no-settings'], io), 2, io.stdout + io.stderr);
        assert.match(io.stdout, /^d\/bad\.yaml:4:\d+ error invalid-enum-value /m, args[0]);
        assert.match(io.stdout, /^1 file checked: 1 error/m, args[0]);
        assert.match(io.stderr, /^d\/null\.yaml: is a device, not a file; not checked$/m, args[0]);
      }
    });

    it('refuses a named pipe given as a file or found in a directory', async function () {
      if (!makeFifo(path.join(dir, 'pipe.yaml'))) this.skip();
      const named = fakeIO(dir);
      assert.equal(await main(['lint', 'pipe.yaml', 'good.yaml', '--no-settings'], named), 2, named.stdout + named.stderr);
      assert.match(named.stderr, /^pipe\.yaml: is a named pipe, not a file; not checked$/m);
      assert.match(named.stdout, /^1 file checked: 0 errors/m);
      // The directory walk lists no named pipe, but a link to one is listed as the file it seems to be.
      symlinkSync('../pipe.yaml', path.join(dir, 'd/pipe.yaml'));
      const found = fakeIO(dir);
      assert.equal(await main(['lint', 'd', '--no-settings'], found), 2, found.stdout + found.stderr);
      assert.match(found.stderr, /^d\/pipe\.yaml: is a named pipe, not a file; not checked$/m);
    });

    it('makes eval, invoke and a settings file refuse a device with exit 2', async function () {
      const runs: Array<[string[], RegExp]> = [
        [['eval', 'null.yaml'], /^apigw eval: null\.yaml: is a device, not a file\n$/],
        [['eval', 'good.yaml', '--request', 'null.yaml'], /^apigw eval: null\.yaml: is a device, not a file\n$/],
        [['invoke', 'null.yaml', '--method', 'GET', '--path', '/'], /^apigw invoke: null\.yaml: is a device, not a file\n$/],
        // Named as the settings file's full path, as any trouble reading it is.
        [['lint', 'good.yaml', '--settings', 'null.yaml'], /^apigw lint: \S*null\.yaml: is a device, not a file\n$/],
      ];
      for (const [args, message] of runs) {
        const io = fakeIO(dir);
        assert.equal(await main(args, io), 2, args.join(' '));
        assert.match(io.stderr, message, args.join(' '));
      }
    });
  });
});
