import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { main } from '../../server/src/cli/apigw';
import type { CliIO } from '../../server/src/cli/io';
import { fixNotes } from '../../server/src/cli/lintFixes';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';
import { MAX_FIX_PASSES } from '../../server/src/cli/usage';
import { fixText, type FixChecks } from '../../server/src/services/fixPasses';
import { fakeIO } from '../support/fakeCliIO';
import { fixableDefinition } from '../support/fixableDefinition';

/** The command line's output in memory, over real files in `cwd`, which `--fix` may write. */
function fixIO(cwd: string): CliIO & { stdout: string; stderr: string; written: string[] } {
  const written: string[] = [];
  return Object.assign(fakeIO(cwd), {
    written,
    writeBytes: async (file: string, bytes: Buffer) => {
      written.push(file);
      await writeFile(path.resolve(cwd, file), bytes);
    },
  });
}

/** Four findings the editor fixes with certainty, and the text once fixed. */
const FIXABLE_DEFINITION = fixableDefinition();
const FIXABLE = FIXABLE_DEFINITION.fixable.join('\n');
const FIXED = FIXABLE_DEFINITION.fixed.join('\n');

/** An integration with no `passthroughBehavior` near the one written: each allowed value is offered, none preferred. */
const UNFIXABLE = [
  'openapi: 3.0.1',
  "info: {title: t, version: '1'}",
  'paths:',
  '  /a:',
  '    get:',
  "      responses: {'200': {description: ok}}",
  '      x-amazon-apigateway-integration:',
  '        type: MOCK',
  "        requestTemplates: {application/json: '{\"statusCode\": 200}'}",
  '        passthroughBehavior: sometimes',
  "        responses: {default: {statusCode: '200'}}",
  '',
].join('\n');

const CLEAN = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n";

describe('apigw lint --fix', () => {
  const folders: string[] = [];
  const folder = (files: Record<string, string | Buffer>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-fix-'));
    folders.push(dir);
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    return dir;
  };
  const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
  after(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('applies the preferred fixes in place, over passes, and reports what remains as lint does', async () => {
    const dir = folder({ 'api.yaml': FIXABLE });
    const before = fixIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings'], before), 1);
    assert.equal(before.stdout.split('\n').filter((line) => line.startsWith('api.yaml:')).length, 5, before.stdout);

    const io = fixIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings', '--fix'], io), 0, io.stdout + io.stderr);
    assert.equal(read(dir, 'api.yaml'), FIXED);
    assert.deepEqual(io.written, ['api.yaml']);
    assert.equal(io.stdout, '1 file checked: 0 errors, 0 warnings, 0 notes\n');
    // The path parameter was reported twice (the path's template and the mapping), and one declaration answers both.
    assert.equal(io.stderr, 'apigw lint: fixed 5 problems in 1 file\n');

    const again = fixIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings', '--fix'], again), 0);
    assert.deepEqual(again.written, []);
    assert.equal(again.stderr, 'apigw lint: nothing to fix\n');
  });

  it('keeps CRLF line breaks and a byte order mark', async () => {
    const crlf = FIXABLE.replace(/\n/g, '\r\n');
    const dir = folder({ 'api.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]) });
    const io = fixIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings', '--fix'], io), 0, io.stdout + io.stderr);
    const bytes = readFileSync(path.join(dir, 'api.yaml'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), FIXED.replace(/\n/g, '\r\n'));
  });

  it('fixes a JSON definition, keeping it JSON, with the JSON report alone on standard output', async () => {
    const json = `${JSON.stringify(
      {
        openapi: '3.0.1',
        info: { title: 't', version: '1' },
        paths: {
          '/a': {
            get: {
              responses: { '200': { description: 'ok' } },
              'x-amazon-apigateway-integration': { type: 'HTTP', httpMethod: 'GET', uri: 'https://example.com', passthroughBehavior: 'when_no_macth', contentHandling: 'convert_to_text', responses: { default: { statusCode: '200' } } },
            },
          },
        },
      },
      null,
      2,
    )}\n`;
    const dir = folder({ 'api.json': json });
    const io = fixIO(dir);
    assert.equal(await main(['lint', 'api.json', '--no-settings', '--fix', '--format', 'json'], io), 0, io.stderr);
    assert.deepEqual(JSON.parse(io.stdout), []);
    assert.equal(io.stderr, 'apigw lint: 1 file checked: 0 errors, 0 warnings, 0 notes\napigw lint: fixed 2 problems in 1 file\n');
    assert.equal(read(dir, 'api.json'), json.replace('"when_no_macth"', '"when_no_match"').replace('"convert_to_text"', '"CONVERT_TO_TEXT"'));
  });

  it('leaves a file with nothing to fix untouched, and reports a finding without a preferred fix', async () => {
    const dir = folder({ 'clean.yaml': CLEAN, 'mock.yaml': UNFIXABLE });
    // A date long past: a write would move it to now.
    const past = new Date('2001-02-03T04:05:06Z');
    utimesSync(path.join(dir, 'clean.yaml'), past, past);
    utimesSync(path.join(dir, 'mock.yaml'), past, past);
    const io = fixIO(dir);
    assert.equal(await main(['lint', 'clean.yaml', 'mock.yaml', '--no-settings', '--fix'], io), 1);
    assert.deepEqual(io.written, []);
    assert.equal(statSync(path.join(dir, 'clean.yaml')).mtime.getTime(), past.getTime());
    assert.equal(statSync(path.join(dir, 'mock.yaml')).mtime.getTime(), past.getTime());
    assert.equal(read(dir, 'mock.yaml'), UNFIXABLE);
    assert.match(io.stdout, /^mock\.yaml:10:30 error invalid-enum-value /m);
    assert.match(io.stdout, /2 files checked: 1 error, 0 warnings, 0 notes\n$/);
    assert.equal(io.stderr, 'apigw lint: nothing to fix\n');
  });

  it('leaves a file in another encoding as it is, saying why, and fixes the others', async () => {
    const latin1 = Buffer.from(`# caf\xe9\n${FIXABLE}`, 'latin1');
    const dir = folder({ 'latin1.yaml': latin1, 'api.yaml': FIXABLE });
    const io = fixIO(dir);
    assert.equal(await main(['lint', 'latin1.yaml', 'api.yaml', '--no-settings', '--fix'], io), 1);
    assert.deepEqual(io.written, ['api.yaml']);
    assert.ok(readFileSync(path.join(dir, 'latin1.yaml')).equals(latin1));
    assert.match(io.stderr, /^apigw lint: latin1\.yaml: not fixed: it is not UTF-8 text, and writing the fixes would change its encoding; save it as UTF-8 first$/m);
    // Its findings are those the editor shows, the ones the fixes would have taken among them.
    const codes = [...io.stdout.matchAll(/^latin1\.yaml:\d+:\d+ \w+ ([\w-]+) /gm)].map((m) => m[1]);
    assert.equal(codes[0], 'not-utf8');
    assert.ok(codes.length > 1, io.stdout);
    const dry = fixIO(dir);
    await main(['lint', 'latin1.yaml', '--no-settings', '--fix-dry-run'], dry);
    assert.equal(dry.stdout, '');
    assert.match(dry.stderr, /latin1\.yaml: not fixed: it is not UTF-8 text/);
  });

  it('applies no fix for a finding turned off, by the command line or the settings file', async () => {
    const dir = folder({ 'api.yaml': FIXABLE, 'other.yaml': FIXABLE, 'off.json': '{"apigateway.validation.severity": {"undeclared-response-status": "off"}}' });
    const io = fixIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings', '--fix', '--severity', 'invalid-enum-value=off'], io), 0, io.stderr);
    assert.match(read(dir, 'api.yaml'), /contentHandling: convert_to_text\n/);
    assert.equal(io.stderr, 'apigw lint: fixed 4 problems in 1 file\n');

    const settings = fixIO(dir);
    assert.equal(await main(['lint', 'other.yaml', '--settings', 'off.json', '--fix'], settings), 0, settings.stderr);
    assert.doesNotMatch(read(dir, 'other.yaml'), /'404':\n {10}description/);
    assert.match(read(dir, 'other.yaml'), /contentHandling: CONVERT_TO_TEXT\n/);
    assert.equal(settings.stderr, 'apigw lint: fixed 4 problems in 1 file\n');
  });

  it('prints the fixes as a diff with --fix-dry-run, writing nothing, and what would remain on standard error', async () => {
    const dir = folder({ 'specs/api.yaml': FIXABLE, 'specs/mock.yaml': UNFIXABLE });
    const io = fixIO(dir);
    assert.equal(await main(['lint', 'specs', '--no-settings', '--fix-dry-run'], io), 1);
    assert.deepEqual(io.written, []);
    assert.equal(read(dir, 'specs/api.yaml'), FIXABLE);
    assert.equal(io.stdout, unifiedDiff('specs/api.yaml', FIXABLE, FIXED));
    assert.match(io.stdout, /^--- a\/specs\/api\.yaml\n\+\+\+ b\/specs\/api\.yaml\n@@ -7,15 \+7,17 @@\n/);
    assert.match(io.stderr, /^specs[\\/]mock\.yaml:10:30 error invalid-enum-value /m);
    assert.match(io.stderr, /2 files checked: 1 error, 0 warnings, 0 notes\napigw lint: would fix 5 problems in 1 file\n$/);
  });

  it('writes a diff that patch -p1 and git apply take for a file name with a space and for a file above the folder', async () => {
    const dir = folder({ 'my specs/pet store.yaml': FIXABLE, 'work/.keep': '' });
    const spaced = fixIO(dir);
    await main(['lint', 'my specs/pet store.yaml', '--no-settings', '--fix-dry-run'], spaced);
    // A name with a space ends at a tab, as git diff writes it; patch would take it to end at the space.
    assert.match(spaced.stdout, /^--- a\/my specs\/pet store\.yaml\t\n\+\+\+ b\/my specs\/pet store\.yaml\t\n@@ /);
    const above = fixIO(path.join(dir, 'work'));
    await main(['lint', '../my specs/pet store.yaml', '--no-settings', '--fix-dry-run'], above);
    // Neither tool takes a name that leaves the folder it runs in: the files are named from one that holds them all.
    assert.match(above.stdout, /^--- a\/my specs\/pet store\.yaml\t\n/);
    assert.match(above.stderr, new RegExp(`apigw lint: the diff names files from ${dir.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}, as some lie outside the current folder; apply it there\n`));
    assert.equal(unifiedDiff('api.yaml', 'a\n', 'b\n').split('\n')[0], '--- a/api.yaml', 'a name without a space has no tab');
    // A name that starts with two dots is in the folder, not above it.
    const dotted = folder({ '..api.yaml': FIXABLE });
    const inside = fixIO(dotted);
    await main(['lint', '..api.yaml', '--no-settings', '--fix-dry-run'], inside);
    assert.match(inside.stdout, /^--- a\/\.\.api\.yaml\n/);
    assert.doesNotMatch(inside.stderr, /names files from/);
  });

  it('fixes standard input only as a dry run', async () => {
    const io = Object.assign(fixIO(tmpdir()), { readStdin: async () => Buffer.from(FIXABLE) });
    assert.equal(await main(['lint', '-', '--no-settings', '--fix-dry-run'], io), 0, io.stderr);
    assert.equal(io.stdout, unifiedDiff('<stdin>', FIXABLE, FIXED));
  });

  it('answers a misuse with exit 2, before reading or writing anything', async () => {
    const dir = folder({ 'api.yaml': FIXABLE });
    const cases: Array<[string[], RegExp]> = [
      [['--fix', '--fix-dry-run'], /--fix and --fix-dry-run exclude each other/],
      [['--fix-dry-run', '--format', 'json'], /--fix-dry-run prints a diff on standard output and cannot be combined with --format json/],
      [['--fix-dry-run', '--format', 'sarif'], /cannot be combined with --format sarif/],
      [['--fix', '-'], /--fix cannot write standard input back; --fix-dry-run prints its fixes as a diff/],
      [['--fix=yes'], /--fix takes no value/],
    ];
    for (const [args, message] of cases) {
      const io = fixIO(dir);
      assert.equal(await main(['lint', 'api.yaml', ...args], io), 2, args.join(' '));
      assert.match(io.stderr, message);
      assert.equal(io.stdout, '');
      assert.deepEqual(io.written, []);
    }
    assert.equal(read(dir, 'api.yaml'), FIXABLE);
  });

  it('leaves a file that changed since it was read, and one that cannot be written, with exit 2', async () => {
    const dir = folder({ 'api.yaml': FIXABLE });
    const changing = fixIO(dir);
    let reads = 0;
    changing.readBytes = async (file) => {
      const bytes = readFileSync(path.join(dir, file));
      // The second read is the one made just before writing.
      return ++reads === 2 ? Buffer.concat([bytes, Buffer.from('# edited\n')]) : bytes;
    };
    assert.equal(await main(['lint', 'api.yaml', '--no-settings', '--fix'], changing), 2);
    assert.deepEqual(changing.written, []);
    assert.match(changing.stderr, /^apigw lint: api\.yaml: not fixed: it changed while it was being fixed\n/);
    // The summary does not call fixes that were found but not written nothing to fix.
    assert.match(changing.stderr, /^apigw lint: fixed nothing; \d+ fixes in 1 file could not be written$/m);
    // Reported as it stands, with the findings it still has.
    assert.match(changing.stdout, /1 file checked: 3 errors, 1 warning, 1 note\n$/);

    const readOnly = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings', '--fix'], readOnly), 2);
    assert.match(readOnly.stderr, /api\.yaml: not fixed: files cannot be written here/);
    assert.equal(read(dir, 'api.yaml'), FIXABLE);

    // One file written, one not: each is counted.
    writeFileSync(path.join(dir, 'locked.yaml'), FIXABLE);
    const oneLocked = fixIO(dir);
    const write = oneLocked.writeBytes!;
    oneLocked.writeBytes = (file, bytes) => (file === 'locked.yaml' ? Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) : write(file, bytes));
    assert.equal(await main(['lint', 'api.yaml', 'locked.yaml', '--no-settings', '--fix'], oneLocked), 2);
    assert.match(oneLocked.stderr, /^apigw lint: locked\.yaml: not fixed: EACCES: permission denied$/m);
    const [, fixed, failed] = /^apigw lint: fixed (\d+) problems in 1 file; (\d+) fixes in 1 file could not be written$/m.exec(oneLocked.stderr) ?? [];
    assert.ok(fixed && fixed === failed, oneLocked.stderr);
  });
});

describe('the passes of lint --fix', () => {
  const URI = 'file:///api.yaml';
  const finding = (document: TextDocument, at: number, code: string, message = code): Diagnostic => ({
    range: { start: document.positionAt(at), end: document.positionAt(at + 1) },
    severity: DiagnosticSeverity.Error,
    code,
    message,
  });
  const replacing = (document: TextDocument, diagnostic: Diagnostic, title: string, newText: string, isPreferred = true): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    isPreferred,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [{ range: diagnostic.range, newText }] } },
  });
  /** Findings of each `x` in the text, fixed by the given action. */
  const checksOf = (fixOf: (document: TextDocument, diagnostic: Diagnostic) => CodeAction[]): FixChecks => ({
    document: (text, version) => TextDocument.create(URI, 'yaml', version, text),
    check: async (document) => [...document.getText().matchAll(/x/g)].map((m) => finding(document, m.index, 'letter-x', `x at ${m.index}`)),
    codeActions: fixOf,
  });

  it('leaves out a fix that would break the syntax and names it, applying the others', async () => {
    const checks = checksOf((document, diagnostic) => {
      const at = document.offsetAt(diagnostic.range.start);
      // The first x would become an unclosed flow mapping.
      return [replacing(document, diagnostic, at === 3 ? 'Open a brace' : 'Write y', at === 3 ? '{' : 'y')];
    });
    const outcome = await fixText('a: x\nb: x\n', checks);
    assert.equal(outcome.text, 'a: x\nb: y\n');
    assert.equal(outcome.fixed, 1);
    assert.deepEqual(fixNotes('api.yaml', outcome), ["api.yaml:1:4: not fixed: 'Open a brace' (letter-x) would leave the file's syntax broken"]);
  });

  describe('mapping templates in the definition', () => {
    /** A definition whose templates hold `Q`s, each a finding. */
    const withTemplates = (type: string, ...templates: string[]) =>
      [
        'openapi: 3.0.1',
        "info: {title: t, version: '1'}",
        'paths:',
        '  /a:',
        '    post:',
        "      responses: {'200': {description: ok}}",
        '      x-amazon-apigateway-integration:',
        `        type: ${type}`,
        '        requestTemplates:',
        ...templates.map((template, i) => `          type/t${i}: '${template}'`),
        '',
      ].join('\n');
    /** Each `Q` a finding, fixed by the text `replacements` gives for its template (by index), else by `y`. */
    const templateChecks = (replacements: Record<number, string>): FixChecks => ({
      document: (text, version) => TextDocument.create(URI, 'yaml', version, text),
      check: async (document) => [...document.getText().matchAll(/Q/g)].map((m) => finding(document, m.index, 'letter-q', 'Q')),
      codeActions: (document, diagnostic) => {
        const template = Number(/type\/t(\d+)/.exec(document.getText().split('\n')[diagnostic.range.start.line])![1]);
        return [replacing(document, diagnostic, `Fix Q in t${template}`, replacements[template] ?? 'y')];
      },
    });

    it('leaves out a fix that breaks the syntax of a template, the YAML still parsing, and names it', async () => {
      const text = withTemplates('MOCK', '{"a": "Q"}', '{"b": "Q"}');
      const outcome = await fixText(text, templateChecks({ 0: '#if($a)' }));
      assert.equal(outcome.text, text.replace('"b": "Q"', '"b": "y"'));
      assert.equal(outcome.fixed, 1);
      assert.deepEqual(outcome.dropped.map((d) => [d.title, d.broke]), [['Fix Q in t0', 'template']]);
      assert.deepEqual(fixNotes('api.yaml', outcome), ["api.yaml:10:28: not fixed: 'Fix Q in t0' (letter-q) would leave the syntax of a mapping template in the file broken"]);
      // Alone in its pass, the fix is left out as well.
      const alone = await fixText(withTemplates('MOCK', '{"a": "Q"}'), templateChecks({ 0: '#foreach($i in' }));
      assert.equal(alone.text, withTemplates('MOCK', '{"a": "Q"}'));
      assert.equal(alone.dropped[0]?.broke, 'template');
    });

    it('finds the template a fix breaks where earlier fixes of the pass have moved it, and keeps the later ones', async () => {
      const text = withTemplates('MOCK', 'Q', 'Q', 'Q');
      const outcome = await fixText(text, templateChecks({ 0: `${'#set($long = 1)'.repeat(5)}`, 1: '#end', 2: '$ok' }));
      assert.equal(outcome.text, withTemplates('MOCK', '#set($long = 1)'.repeat(5), 'Q', '$ok'));
      assert.deepEqual(outcome.dropped.map((d) => d.title), ['Fix Q in t1']);
    });

    it('lets a template keep the syntax errors it had, and applies fixes to templates API Gateway ignores', async () => {
      // Already broken: the fix adds no syntax finding.
      const broken = withTemplates('MOCK', '#if($a) Q');
      assert.equal((await fixText(broken, templateChecks({}))).text, withTemplates('MOCK', '#if($a) y'));
      // A proxy integration ignores its templates, and validation does not check them.
      const proxy = withTemplates('AWS_PROXY', 'Q');
      assert.equal((await fixText(proxy, templateChecks({ 0: '#if($a)' }))).text, withTemplates('AWS_PROXY', '#if($a)'));
    });

    it('still names a fix that breaks the YAML as breaking the file', async () => {
      const outcome = await fixText(withTemplates('MOCK', 'Q'), templateChecks({ 0: "'" }));
      assert.deepEqual(outcome.dropped.map((d) => d.broke), ['file']);
      assert.match(fixNotes('api.yaml', outcome)[0], /would leave the file's syntax broken$/);
    });
  });

  it('stops a fix that brings its finding back after the pass limit, and says so', async () => {
    let checked = 0;
    const checks: FixChecks = {
      document: (text, version) => TextDocument.create(URI, 'yaml', version, text),
      check: async (document) => {
        checked++;
        return [finding(document, 3, 'letter-x')];
      },
      codeActions: (document, diagnostic) => [replacing(document, diagnostic, 'Grow', 'xx')],
    };
    const outcome = await fixText('a: x\n', checks);
    // The first check, then one after each pass.
    assert.equal(checked, MAX_FIX_PASSES + 1);
    assert.equal(outcome.text, `a: ${'x'.repeat(MAX_FIX_PASSES + 1)}\n`);
    assert.equal(outcome.unsettled, true);
    assert.match(fixNotes('api.yaml', outcome)[0], /^api\.yaml: the fixes did not settle within 10 passes/);
  });

  it('stops at once when the fixes undo each other', async () => {
    const checks: FixChecks = {
      document: (text, version) => TextDocument.create(URI, 'yaml', version, text),
      check: async (document) => [finding(document, 3, 'flip')],
      codeActions: (document, diagnostic) => [replacing(document, diagnostic, 'Flip', document.getText()[3] === 'a' ? 'b' : 'a')],
    };
    const outcome = await fixText('k: a\n', checks);
    assert.equal(outcome.text, 'k: b\n');
    assert.equal(outcome.unsettled, true);
  });

  it('applies only preferred quick fixes, and an overlapping one in a later pass', async () => {
    const checks = checksOf((document, diagnostic) => {
      const at = document.offsetAt(diagnostic.range.start);
      if (at === 3) return [replacing(document, diagnostic, 'Maybe', 'y', false)];
      // Both later findings insert at the end of the text: one per pass.
      const end = document.positionAt(document.getText().length);
      return [{ ...replacing(document, diagnostic, 'Append', ''), edit: { changes: { [document.uri]: [{ range: diagnostic.range, newText: 'z' }, { range: { start: end, end }, newText: `d${at}: 1\n` }] } } }];
    });
    const outcome = await fixText('a: x\nb: x\nc: x\n', checks);
    assert.equal(outcome.text, 'a: x\nb: z\nc: z\nd8: 1\nd13: 1\n');
    assert.equal(outcome.fixed, 2);
    assert.deepEqual(
      outcome.diagnostics.map((d) => d.code),
      ['letter-x'],
    );
  });
});

describe('unifiedDiff', () => {
  it('marks a last line without a line break and numbers an empty side by the line before it', () => {
    assert.equal(unifiedDiff('f', 'a\nb', 'a\nb\n'), '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    assert.equal(unifiedDiff('f', '1\n2\n3\n4\n5\n', '1\n2\n3\n4\n5\n6\n'), '--- a/f\n+++ b/f\n@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+6\n');
    assert.equal(unifiedDiff('f', '', 'a\n'), '--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+a\n');
    assert.equal(unifiedDiff('f', 'same\n', 'same\n'), '');
  });

  it('merges changes whose context meets into one hunk, and keeps apart those further away', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}\n`);
    const before = lines(20).join('');
    const near = lines(20);
    near[4] = 'five\n';
    near[9] = 'ten\n';
    assert.equal((unifiedDiff('f', before, near.join('')).match(/^@@/gm) ?? []).length, 1);
    const far = lines(20);
    far[1] = 'two\n';
    far[17] = 'eighteen\n';
    assert.equal((unifiedDiff('f', before, far.join('')).match(/^@@/gm) ?? []).length, 2);
  });
});
