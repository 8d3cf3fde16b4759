import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/apigw';
import { fakeIO } from '../support/fakeCliIO';
import { PETS_PATH_ITEM, SPLIT_API } from '../support/splitDefinition';
import { lambdaArnDefinition, URI_POINTER } from '../support/lambdaArnDefinition';

const API = lambdaArnDefinition();

const URI = URI_POINTER;

function write(dir: string, files: Record<string, unknown>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
}

const settings = (...entries: unknown[]) => ({ '.vscode/settings.json': { 'apigateway.validation.ignore': entries } });

describe('apigw lint and apigateway.validation.ignore', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-ignore-'));
    write(dir, { 'apis/api.json': API });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the finding without an entry, and not with one naming its file and node', async () => {
    const before = fakeIO(dir);
    assert.equal(await main(['lint', 'apis/api.json'], before), 1);
    assert.match(before.stdout, /^apis\/api\.json:18:\d+ error invalid-integration-uri /);

    const reason = 'deployed by a script';
    write(dir, settings({ file: 'apis/api.json', at: URI, codes: ['invalid-integration-uri'], reason }));
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'apis/api.json'], io), 0);
    assert.equal(io.stdout, '1 file checked (settings from .vscode/settings.json): 0 errors, 0 warnings, 0 notes\n');
    assert.equal(io.stderr, '');
  });

  it('matches files by pattern from the folder holding .vscode, wherever the command runs', async () => {
    write(dir, { ...settings({ file: 'apis/*.json', at: '/paths' }), '.git/HEAD': 'ref: refs/heads/main\n' });
    const io = fakeIO(path.join(dir, 'apis'));
    assert.equal(await main(['lint', 'api.json'], io), 0, io.stdout + io.stderr);
  });

  it('names stale entries on standard error: a pointer to nothing, or to a node without its codes', async () => {
    write(dir, settings(
      { file: 'apis/api.json', at: URI },
      { file: 'apis/api.json', at: '/paths/~1dogs' },
      { file: 'apis/api.json', at: '/info', codes: ['invalid-enum-value'] },
      { file: 'apis/other.json', at: '/paths' },
    ));
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'apis/api.json'], io), 0);
    const entry = 'apigw lint: .vscode/settings.json: apigateway.validation.ignore';
    assert.equal(io.stderr, [
      `${entry}[1] is stale: apis/api.json has no node at /paths/~1dogs; it silences nothing there`,
      `${entry}[2] is stale: nothing of invalid-enum-value is reported within /info in apis/api.json; ` +
        'it silences nothing there',
      '',
    ].join('\n'));
  });

  it('refuses an entry it cannot read, as it does any setting', async () => {
    write(dir, settings({ file: 'apis/api.json', at: 'paths/~1pets' }));
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'apis/api.json'], io), 2);
    assert.match(io.stderr, /\.vscode\/settings\.json: apigateway\.validation\.ignore\[0\]\.at must be a JSON Pointer/);
  });

  it('matches a finding in a file a $ref names by that file', async () => {
    write(dir, { 'api.yaml': SPLIT_API, 'paths/pets.yaml': PETS_PATH_ITEM });
    const before = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml'], before), 1);
    assert.match(before.stdout, /^paths\/pets\.yaml:2:\d+ error unknown-request-validator/);
    // Named by the definition's pointer, it is not the file the finding is reported in.
    const validator = '/get/x-amazon-apigateway-request-validator';
    write(dir, settings({ file: 'api.yaml', at: '/paths/~1pets' }, { file: 'paths/pets.yaml', at: validator }));
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml'], io), 0, io.stdout);
    assert.match(io.stderr, /ignore\[0\] is stale: nothing is reported within \/paths\/~1pets in api\.yaml/);
    assert.doesNotMatch(io.stderr, /ignore\[1\]/);
  });
});
