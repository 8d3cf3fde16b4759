import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('a worker that fails leaves the checks to the CLI itself, with the same findings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-worker-'));
    try {
      const file = path.join(dir, 'many.yaml');
      writeFileSync(file, text);
      const lint = (cli: string) => spawnSync(process.execPath, [cli, 'lint', file, '--format', 'json'], { encoding: 'utf8' });
      const normal = lint(path.join(ROOT, 'dist', 'cli', 'apigw.js'));
      assert.equal(normal.status, 1, normal.stderr);
      cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') });
      for (const failure of ['throw new Error("broken worker");', 'process.exit(3);', 'require("node:worker_threads").parentPort.on("message", () => {});\nsetTimeout(() => process.exit(0), 50);']) {
        writeFileSync(path.join(dir, 'dist', 'workers', 'templateChecks.js'), failure);
        const broken = lint(path.join(dir, 'dist', 'cli', 'apigw.js'));
        assert.equal(broken.status, 1, `${failure}: ${broken.stderr}`);
        assert.equal(broken.stdout, normal.stdout, failure);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
