import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse as parseYaml } from 'yaml';
import { createLanguageService } from '../../server/src/languageService';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus/openapi');

// Running from sources, the service compiles the OpenAPI schemas itself; the bundled CLI loads the validators the
// build precompiled. Both must find exactly the same problems.
const INVALID = path.join(__dirname, 'fixtures', 'structure-errors.yaml');

describe('precompiled OpenAPI schema validators', () => {
  const files = [
    ...readdirSync(CORPUS).filter((f) => /\.(json|ya?ml)$/.test(f)).map((f) => path.join(CORPUS, f)),
    path.join(ROOT, 'examples', 'petstore.yaml'),
    path.join(ROOT, 'examples', 'orders-http-api.json'),
    INVALID,
  ];

  it('are what the bundled CLI uses', () => {
    const bundle = readFileSync(path.join(ROOT, 'dist', 'cli', 'program.js'), 'utf8');
    assert.match(bundle, /openapi-validators/);
    for (const version of ['2.0', '3.0', '3.1']) {
      const module = require(path.join(ROOT, 'dist', 'openapi-validators', `openapi-${version}.js`)) as { root: unknown; refs: Record<string, string> };
      assert.equal(typeof module.root, 'function');
      assert.ok(Object.keys(module.refs).length > 10);
      const verdict = require(path.join(ROOT, 'dist', 'openapi-validators', `openapi-${version}-verdict.js`)) as { root: unknown; pathItem: unknown };
      assert.equal(typeof verdict.root, 'function');
      assert.equal(typeof verdict.pathItem, 'function');
    }
  });

  it('give the verdicts of the validators that collect every error', () => {
    const load = (file: string) => require(path.join(ROOT, 'dist', 'openapi-validators', file)) as Record<string, ((value: unknown) => boolean) & { errors?: unknown[] | null }> & { refs: Record<string, string> };
    let judged = 0;
    let invalid = 0;
    let fewer = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const value = parseYaml(text) as { openapi?: string; swagger?: string; paths?: Record<string, unknown> };
      const version = value.swagger === '2.0' ? '2.0' : /^3\.0\./.test(String(value.openapi)) ? '3.0' : /^3\.1\./.test(String(value.openapi)) ? '3.1' : undefined;
      if (!version) continue;
      const full = load(`openapi-${version}.js`);
      const verdict = load(`openapi-${version}-verdict.js`);
      const valid = full.root(value);
      assert.equal(verdict.root(value), valid, file);
      if (!valid) {
        invalid++;
        // It stops at the first error (the branches of an alternative tried before it leave theirs) and keeps no schema.
        assert.ok(verdict.root.errors!.length <= full.root.errors!.length);
        if (verdict.root.errors!.length < full.root.errors!.length) fewer++;
        assert.equal('schema' in (verdict.root.errors![0] as object), false);
      }
      const pathItem = full[full.refs[version === '3.1' ? '#/$defs/path-item' : version === '3.0' ? '#/definitions/PathItem' : '#/definitions/pathItem']];
      for (const [key, item] of Object.entries(value.paths ?? {})) {
        if (!key.startsWith('/')) continue;
        assert.equal(verdict.pathItem(item), pathItem(item), `${file} ${key}`);
        judged++;
      }
    }
    assert.ok(judged > 50 && invalid > 0 && fewer > 0, `${judged} path items, ${invalid} invalid documents, ${fewer} with fewer errors`);
  });

  it('report the same diagnostics as the schemas compiled at run time', async function () {
    this.timeout(60_000);
    // Exit code 1 only says some file has errors.
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'apigw.js'), 'lint', '--format', 'json', ...files], { cwd: ROOT, maxBuffer: 1 << 26, encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const cli = JSON.parse(run.stdout) as { file: string; code: string; message: string; line: number; character: number }[];
    const service = createLanguageService();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const document = TextDocument.create(pathToFileURL(file).href, file.endsWith('.json') ? 'json' : 'yaml', 1, text);
      const expected = (await service.doValidation(document)).map((d) => [String(d.code), d.message, d.range.start.line, d.range.start.character]);
      // Files under the current folder are named from it in the report.
      const actual = cli.filter((d) => path.resolve(ROOT, d.file) === file).map((d) => [d.code, d.message, d.line, d.character]);
      assert.deepEqual(actual.sort(), expected.sort(), file);
    }
    assert.ok(cli.some((d) => path.resolve(ROOT, d.file) === INVALID && d.code === 'openapi-schema'), 'the invalid fixture exercises the structure check');
  });
});
