import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { localConfigWarnings, parseLocalConfig, undefinedStageNotice } from '../../../server/src/gateway/localConfig';
import { suggestKey } from '../../../server/src/gateway/schemaCheck';
import { closeHost, gatewayFor } from './gatewayFixture';

const SCHEMA = JSON.parse(readFileSync(path.join(__dirname, '../../../schemas/local-config.schema.json'), 'utf8')) as object;

function problemOf(text: string): string {
  try {
    parseLocalConfig(text, 'local.json');
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`accepted: ${text}`);
}

const MOCK_API = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /ping:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200' } }
`;

describe('local configuration checks', () => {
  after(closeHost);

  it('places a JSON syntax error by line and column, and says what is wrong', () => {
    assert.equal(problemOf('{\n  "functions": {\n    "F": { "handler": "f.js", }\n  }\n}'), 'local.json:3:29: not valid JSON (a comma before the closing bracket: JSON allows no trailing comma)');
    assert.equal(problemOf('{\n  "defaultStage": "dev\n}'), 'local.json:2:19: not valid JSON (a string is not closed)');
    assert.equal(problemOf('// settings\n{}'), 'local.json:1:1: not valid JSON (JSON has no comments)');
    assert.equal(problemOf("{'region': 'eu-west-1'}"), 'local.json:1:2: not valid JSON (JSON strings and names need double quotes)');
    assert.equal(problemOf('{"functions": {'), 'local.json:1:16: not valid JSON (the text ends too early)');
    assert.equal(problemOf('  \n'), 'local.json: the file is empty; write {} for a configuration without settings');
    // A byte order mark, as editors on Windows may write, is not a syntax error.
    assert.deepEqual(parseLocalConfig('\ufeff{"region": "eu-west-1"}').region, 'eu-west-1');
  });

  it('warns of unknown keys with the key most likely meant, naming the file, the line and column and the key path', () => {
    const text = `{
  "functions": {
    "GetPet": { "handler": "pets.js", "timout": 5, "memory": 256 }
  },
  "stages": { "dev": { "variabls": { "a": "b" } } },
  "bogus": true
}`;
    const config = parseLocalConfig(text, '/ws/.apigateway/local.json');
    assert.deepEqual(localConfigWarnings(config), [
      '/ws/.apigateway/local.json:3:39: functions.GetPet.timout is not a known setting (did you mean timeoutSeconds?); it is ignored',
      '/ws/.apigateway/local.json:3:52: functions.GetPet.memory is not a known setting (did you mean memorySizeMB?); it is ignored',
      '/ws/.apigateway/local.json:5:24: stages.dev.variabls is not a known setting (did you mean variables?); it is ignored',
      '/ws/.apigateway/local.json:6:3: bogus is not a known setting (known here: functions, stages, defaultStage, apiKeys, jwks, credentials, region, accountId, apiId); it is ignored',
    ]);
    // The configuration is still used as written.
    assert.equal(config.functions?.GetPet.handler, 'pets.js');
    assert.deepEqual(localConfigWarnings(parseLocalConfig('{"$schema": "./schema.json", "region": "eu-west-1"}')), []);
  });

  it('suggests a key misspelt, in another case, or cut short, and nothing when no one key is likely', () => {
    const keys = ['handler', 'export', 'environment', 'timeoutSeconds', 'memorySizeMB'];
    assert.equal(suggestKey('Handler', keys), 'handler');
    assert.equal(suggestKey('exports', keys), 'export');
    assert.equal(suggestKey('timeout', keys), 'timeoutSeconds');
    assert.equal(suggestKey('env', keys), 'environment');
    assert.equal(suggestKey('bogus', keys), undefined);
    assert.equal(suggestKey('e', keys), undefined);
  });

  it('warns of a defaultStage that names no defined stage', () => {
    const near = parseLocalConfig('{"stages": {"dev": {}, "prod": {}}, "defaultStage": "dve"}');
    assert.deepEqual(localConfigWarnings(near), ['local.json:1:53: defaultStage "dve" is not defined under "stages" (did you mean "dev"?): requests that name no stage get no stage variables']);
    const none = parseLocalConfig('{"defaultStage": "nope"}');
    assert.deepEqual(localConfigWarnings(none), ['local.json:1:18: defaultStage "nope" is not defined (there is no "stages"): requests that name no stage get no stage variables']);
    assert.deepEqual(localConfigWarnings(parseLocalConfig('{"stages": {"dev": {}}, "defaultStage": "dev"}')), []);
  });

  it('refuses a value that cannot be used, naming each such key with its place', () => {
    assert.equal(problemOf('{"jwks": {"keys": "nope"}}'), 'local.json:1:19: jwks.keys must be a list, not the string "nope"');
    assert.equal(problemOf('{"jwks": {"https://issuer.example.com": {"keys": 5}}}'), 'local.json:1:50: jwks["https://issuer.example.com"].keys must be a list, not the number 5');
    assert.equal(
      problemOf('{"functions": {\n  "A": {"handler": "a.js", "timeoutSeconds": -1, "memorySizeMB": 64},\n  "B": {"handler": 42, "environment": {"X": 1}}\n}}'),
      [
        'local.json:2:46: functions.A.timeoutSeconds must be greater than 0, not -1',
        'local.json:2:66: functions.A.memorySizeMB must be at least 128, not 64',
        'local.json:3:20: functions.B.handler must be a string, not the number 42',
        'local.json:3:45: functions.B.environment.X must be a string, not the number 1',
      ].join('\n'),
    );
    assert.equal(problemOf('{"functions": {"A": {"handler": "a.js", "memorySizeMB": 20480}}}'), 'local.json:1:57: functions.A.memorySizeMB must be at most 10240, not 20480');
    assert.equal(problemOf('{"credentials": [{"accessKeyId": "AKID"}]}'), 'local.json:1:18: credentials[0].secretAccessKey is missing');
    assert.equal(problemOf('[]'), 'local.json:1:1: the configuration must be an object, not a list');
  });

  it('accepts exactly the configurations its JSON Schema accepts', () => {
    const validate = new Ajv({ strict: false }).compile(SCHEMA);
    const samples: unknown[] = [
      {},
      { $schema: 'x' },
      { functions: { F: { handler: 'f.js', export: 'h', environment: { A: 'b' }, timeoutSeconds: 0.5, memorySizeMB: 10240 } } },
      { functions: { F: { handler: 'f.js', memorySizeMB: 10241 } } },
      { functions: { F: { handler: 'f.js', memorySizeMB: 127 } } },
      { functions: { F: { handler: 'f.js', memorySizeMB: 256.5 } } },
      { functions: { F: { handler: 'f.js', timeoutSeconds: 0 } } },
      { functions: { F: { handler: 'f.js', timeout: 1 } } },
      { functions: { F: {} } },
      { functions: [] },
      { stages: { dev: {} } },
      { stages: { dev: { variables: { a: 'b' } } } },
      { stages: { dev: { variables: { a: 1 } } } },
      { stages: { dev: { vars: {} } } },
      { stages: { dev: 'x' } },
      { defaultStage: 5 },
      { apiKeys: ['a', 'b'] },
      { apiKeys: ['a', 1] },
      { jwks: { keys: [] } },
      { jwks: { keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] } },
      { jwks: { keys: [{ kid: 'a' }] } },
      { jwks: { keys: 'nope' } },
      { jwks: { 'https://a.example.com': { keys: [{ kty: 'EC' }] } } },
      { jwks: { 'https://a.example.com': { keys: [{ kty: 'EC' }] }, keys: [] } },
      { jwks: { 'https://a.example.com': { nope: 1 } } },
      { jwks: { 'https://a.example.com': 'x' } },
      { jwks: [] },
      { credentials: [{ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c', userArn: 'd' }] },
      { credentials: [{ accessKeyId: 'a', secretAccessKey: 'b', region: 'x' }] },
      { credentials: [{ accessKeyId: 'a' }] },
      { credentials: {} },
      { region: 'eu-west-1', accountId: '111122223333', apiId: 'abc' },
      { region: 1 },
      { bogus: 1 },
      [],
      null,
      'text',
    ];
    for (const sample of samples) {
      let accepted: boolean;
      try {
        accepted = localConfigWarnings(parseLocalConfig(JSON.stringify(sample))).length === 0;
      } catch {
        accepted = false;
      }
      assert.equal(accepted, validate(sample), `${JSON.stringify(sample)}: reader ${accepted ? 'accepts' : 'refuses'}, schema ${JSON.stringify(validate.errors)}`);
    }
  });

  it('puts the warnings, and a notice for a requested stage that is not defined, in the execution log', async () => {
    const config = parseLocalConfig('{"stages": {"dev": {"variables": {"a": "b"}}}, "bogus": 1}', '/ws/.apigateway/local.json');
    const gw = gatewayFor(MOCK_API, config);
    const lines = async (stage?: string) => (await gw.invoke({ method: 'GET', path: '/ping', stage })).log.map((e) => e.message);
    const onProd = await lines('prod');
    assert.ok(onProd.includes('Local configuration warning: /ws/.apigateway/local.json:1:48: bogus is not a known setting (known here: functions, stages, defaultStage, apiKeys, jwks, credentials, region, accountId, apiId); it is ignored'), onProd.join('\n'));
    assert.ok(onProd.includes('Stage "prod" is not defined under "stages" (defined: dev) in /ws/.apigateway/local.json: the request gets no stage variables'), onProd.join('\n'));
    assert.ok(!(await lines('dev')).some((line) => line.startsWith('Stage ')));
    assert.equal(undefinedStageNotice(parseLocalConfig('{}'), 'prod'), undefined, 'no stages at all: nothing to have mistyped');
    assert.match(undefinedStageNotice(config, 'Dev') ?? '', /did you mean "dev"\?/);
  });
});
