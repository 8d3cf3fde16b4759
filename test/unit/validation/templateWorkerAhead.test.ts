import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { namesManyTemplates } from '../../../server/src/services/templates/templateValidation';

describe('starting the template worker before the parse', () => {
  const integration = (i: number) => `      x-amazon-apigateway-integration:\n        requestTemplates:\n          application/json: '{"n": ${i}}'\n`;

  it('is wanted for a definition naming at least 50 template maps', () => {
    assert.equal(namesManyTemplates(Array.from({ length: 50 }, (_, i) => integration(i)).join('')), true);
  });

  it('is not wanted for fewer, nor for a short text', () => {
    assert.equal(namesManyTemplates(Array.from({ length: 49 }, (_, i) => integration(i)).join('')), false);
    assert.equal(namesManyTemplates('Templates'.repeat(60)), false);
    assert.equal(namesManyTemplates(''), false);
  });

  /**
   * Whether a first validation asks for the worker, in a process of its own (the worker's state is the process's): from
   * sources there is no worker to start, and asking leaves none to start any more.
   */
  function asksForWorker(maxValidationSize: number): boolean {
    const root = path.resolve(__dirname, '../../..');
    const script = [
      `const { createLanguageService } = require(${JSON.stringify(path.join(root, 'server/src/languageService'))});`,
      `const { templateWorkerToStart } = require(${JSON.stringify(path.join(root, 'server/src/services/templates/templateCheckThread'))});`,
      "const { TextDocument } = require('vscode-languageserver-textdocument');",
      'const ops = Array.from({ length: 60 }, (_, i) => `  /r${i}:\n    get:\n      responses: {"200": {description: ok}}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: \'{"n": ${i}}\'\n`);',
      "const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n${ops.join('')}`;",
      `createLanguageService().doValidation(TextDocument.create('file:///t.yaml', 'yaml', 1, text), { maxValidationSize: ${maxValidationSize} })`,
      '  .then(() => process.stdout.write(String(!templateWorkerToStart())));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout === 'true';
  }

  it('is asked for by the first validation of such a definition, and not over the size limit, where no template is checked', function () {
    this.timeout(60_000);
    // On one processor the checks stay in the asking thread and no worker is ever asked for.
    if (availableParallelism() < 2) this.skip();
    assert.equal(asksForWorker(20 * 1024 * 1024), true);
    assert.equal(asksForWorker(1024), false);
  });
});

