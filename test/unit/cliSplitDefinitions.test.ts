import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/apigw';
import { fakeIO } from '../support/fakeCliIO';

const API = `openapi: 3.0.1
info: {title: split, version: '1'}
x-amazon-apigateway-request-validators:
  all: {validateRequestBody: true}
paths:
  /pets:
    $ref: 'paths/pets.yaml'
  /animals:
    $ref: 'paths/pets.yaml'
`;

const PETS = `get:
  x-amazon-apigateway-request-validator: al
  responses:
    '200': {description: ok}
  x-amazon-apigateway-integration:
    type: http_proxy
    httpMethod: GET
    uri: https://example.com/pets
`;

describe('apigw lint on a definition split over several files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-split-'));
    mkdirSync(path.join(dir, 'paths'));
    writeFileSync(path.join(dir, 'api.yaml'), API);
    writeFileSync(path.join(dir, 'paths/pets.yaml'), PETS);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports what it finds in a referenced file under that file\'s name, and fails the run', async () => {
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings'], io), 1);
    const lines = io.stdout.trim().split('\n');
    assert.match(lines[0], /^paths\/pets\.yaml:2:42 error unknown-request-validator Request validator "al" is not declared/);
    // Two paths use the file: the same finding at the same place is reported once.
    assert.equal(lines.filter((line) => line.includes('unknown-request-validator')).length, 1);
    assert.match(lines[lines.length - 1], /^2 files checked: 1 error/);
  });

  it('does not call a referenced file named on the command line "no definition"', async () => {
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml', 'paths/pets.yaml', '--no-settings', '--format', 'json'], io), 1);
    const findings = JSON.parse(io.stdout) as { file: string; code: string; line: number }[];
    assert.deepEqual(findings.map((f) => `${f.file} ${f.code} ${f.line}`), ['paths/pets.yaml unknown-request-validator 1']);
  });

  it('says how a part of a definition linted alone is checked', async () => {
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'paths/pets.yaml', '--no-settings'], io), 1);
    assert.match(io.stdout, /not-an-api-definition .*checked when the definition is linted/);
  });
});
