import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/languageService';
import { TestLspClient } from './lspClient';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A definition with enough distinct templates for the bundled server and CLI to check them in the worker thread: each
 * has findings of its own (an unrepaired escape inside a JSON string, a misspelt context variable, every seventh an
 * unclosed #if), written in the scalar styles whose offsets map differently (literal and folded blocks, double- and
 * single-quoted scalars with escapes).
 */
function manyTemplates(count: number): string {
  const lines = ['openapi: 3.0.1', 'info: {title: many, version: "1"}', 'paths:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  /r${i}:`, '    post:', '      responses: {"200": {description: ok}}', '      x-amazon-apigateway-integration:',
      '        type: aws', '        httpMethod: POST', `        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f${i}/invocations`,
      '        requestTemplates:');
    if (i % 4 === 0) {
      lines.push('          application/json: |', `            {"n": ${i}, "name": "$util.escapeJavaScript($input.path('$.name'))",`,
        `             "ip": "$context.identty.sourceIp"${i % 7 === 0 ? ' #if($x)' : ''}}`);
    } else if (i % 4 === 1) {
      lines.push(`          application/json: "{\\"n\\": ${i},\\n \\"id\\": \\"$util.escapeJavaScript($input.params('id'))\\"\\t}${i % 7 === 0 ? '#end' : ''}"`);
    } else if (i % 4 === 2) {
      lines.push('          application/json: >-', `            {"n": ${i},`, `              "name": "$util.escapeJavaScript($input.path('$.name'))",`,
        '', `            "ip": "$context.identty.sourceIp"${i % 7 === 0 ? ' #if($x)' : ''}}`);
    } else {
      lines.push(`          application/json: '{"n": ${i}, "it''s": "$util.escapeJavaScript($input.params(''id''))", "ip": "$context.identty.sourceIp"}${i % 7 === 0 ? '#end' : ''}'`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('template checks in the worker thread', () => {
  const text = manyTemplates(120);

  it('the bundled server reports exactly what checking in its own thread reports', async () => {
    const uri = 'file:///tmp/many-templates.yaml';
    const inThread = await createLanguageService().doValidation(TextDocument.create(uri, 'yaml', 1, text));
    assert.ok(inThread.filter((d) => String(d.code).startsWith('template-')).length >= 180, 'the definition has template findings');
    const client = await TestLspClient.start();
    try {
      client.open(uri, 'yaml', text);
      assert.deepEqual(await client.waitForDiagnostics(uri), JSON.parse(JSON.stringify(inThread)));
    } finally {
      await client.stop();
    }
  });

  it('a worker that fails or does not answer leaves the checks to the CLI itself, with the same findings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-worker-'));
    try {
      const file = path.join(dir, 'many.yaml');
      writeFileSync(file, text);
      const lint = (cli: string) =>
        spawnSync(process.execPath, [cli, 'lint', file, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, APIGW_TEMPLATE_WORKER_TIMEOUT_MS: '500' } });
      const normal = lint(path.join(ROOT, 'dist', 'cli', 'apigw.js'));
      assert.equal(normal.status, 1, normal.stderr);
      cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') });
      const failures = [
        'throw new Error("broken worker");',
        'process.exit(3);',
        'require("node:worker_threads").parentPort.on("message", () => {});\nsetTimeout(() => process.exit(0), 50);',
        // Never answers and never exits: stopped when its time is up.
        'require("node:worker_threads").parentPort.on("message", () => {});',
      ];
      for (const failure of failures) {
        writeFileSync(path.join(dir, 'dist', 'workers', 'templateChecks.js'), failure);
        const started = Date.now();
        const broken = lint(path.join(dir, 'dist', 'cli', 'apigw.js'));
        assert.equal(broken.status, 1, `${failure}: ${broken.stderr}`);
        assert.equal(broken.stdout, normal.stdout, failure);
        assert.ok(Date.now() - started < 20_000, `${failure}: took ${Date.now() - started} ms`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a new worker after one fails, for the next definition', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-worker-'));
    try {
      const files = [path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml')];
      writeFileSync(files[0], text);
      // Other templates than the first's, which the first definition's checks put in the cache.
      writeFileSync(files[1], text.replaceAll('$.name', '$.title').replaceAll("params('id')", "params('key')").replaceAll("params(''id'')", "params(''key'')"));
      const lint = (cli: string) => spawnSync(process.execPath, [cli, 'lint', ...files, '--format', 'json'], { encoding: 'utf8' });
      const normal = lint(path.join(ROOT, 'dist', 'cli', 'apigw.js'));
      cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') });
      const workers = path.join(dir, 'dist', 'workers');
      cpSync(path.join(workers, 'templateChecks.js'), path.join(workers, 'real.js'));
      // The first worker exits at once; the next one marks that it started and runs the real checks.
      writeFileSync(path.join(workers, 'templateChecks.js'), `const fs = require('node:fs');
const path = require('node:path');
if (!fs.existsSync(path.join(__dirname, 'first'))) { fs.writeFileSync(path.join(__dirname, 'first'), ''); process.exit(3); }
fs.writeFileSync(path.join(__dirname, 'second'), '');
require('./real.js');
`);
      const retried = lint(path.join(dir, 'dist', 'cli', 'apigw.js'));
      assert.equal(retried.stdout, normal.stdout);
      assert.ok(existsSync(path.join(workers, 'second')), 'a second worker checked the second definition');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
