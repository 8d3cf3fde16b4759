import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

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
});
