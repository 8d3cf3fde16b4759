import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { jwksFor, parseLocalConfig } from '../../../server/src/gateway/localConfig';
import { findLocalFunction, lambdaTarget } from '../../../server/src/gateway/lambda/functions';
import { evaluatePolicy, methodArn } from '../../../server/src/gateway/auth/policy';

const SAMPLE = {
  functions: {
    GetPet: { handler: 'src/pets.js', export: 'get', environment: { TABLE: 'pets' }, timeoutSeconds: 5 },
    'arn:aws:lambda:us-east-1:123456789012:function:Orders:live': { handler: 'src/orders.mjs' },
  },
  stages: { dev: { variables: { backend: 'http://127.0.0.1:8080' } } },
  defaultStage: 'dev',
  apiKeys: ['k1'],
  jwks: { 'https://issuer.example.com': { keys: [{ kty: 'RSA', n: 'abc', e: 'AQAB', kid: 'a' }] } },
  credentials: [{ accessKeyId: 'AKID', secretAccessKey: 'secret' }],
};

describe('local configuration', () => {
  it('accepts the documented shape, and the JSON Schema agrees', () => {
    const config = parseLocalConfig(JSON.stringify(SAMPLE));
    assert.equal(config.functions?.GetPet.export, 'get');
    const schema = JSON.parse(readFileSync(path.join(__dirname, '../../../schemas/local-config.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(validate(SAMPLE), JSON.stringify(validate.errors));
    assert.ok(!validate({ functions: { X: { export: 'h' } } }));
  });

  it('names what is wrong', () => {
    assert.throws(() => parseLocalConfig('{'), /not valid JSON/);
    assert.throws(() => parseLocalConfig('{"functions": {"A": {}}}'), /functions\.A\.handler is missing/);
    assert.throws(() => parseLocalConfig('{"stages": {"dev": {"variables": {"a": 1}}}}'), /stages\.dev\.variables\.a must be a string, not the number 1/);
    assert.throws(() => parseLocalConfig('{"apiKeys": "k"}'), /apiKeys must be a list/);
  });

  it('finds JWKS per issuer or for all issuers', () => {
    const config = parseLocalConfig(JSON.stringify(SAMPLE));
    assert.equal(jwksFor(config, 'https://issuer.example.com/')?.keys.length, 1);
    assert.equal(jwksFor(config, 'https://other.example.com'), undefined);
    assert.equal(jwksFor({ jwks: { keys: [] } }, 'anything')?.keys.length, 0);
  });

  it('resolves Lambda functions by invocation URI, ARN, qualifier or name', () => {
    const config = parseLocalConfig(JSON.stringify(SAMPLE));
    const target = lambdaTarget('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:GetPet/invocations');
    assert.deepEqual(target, { arn: 'arn:aws:lambda:us-east-1:123456789012:function:GetPet', name: 'GetPet', qualifier: undefined, region: 'us-east-1' });
    assert.equal(findLocalFunction(config, target!)?.handler, 'src/pets.js');
    assert.equal(findLocalFunction(config, lambdaTarget('arn:aws:lambda:us-east-1:123456789012:function:Orders:live')!)?.handler, 'src/orders.mjs');
    assert.equal(findLocalFunction(config, lambdaTarget('Orders:live')!)?.handler, 'src/orders.mjs');
    assert.equal(findLocalFunction(config, lambdaTarget('Nope')!), undefined);
  });

  it('evaluates authorizer policies with IAM wildcards', () => {
    const arn = methodArn('us-east-1', '123456789012', 'api', 'dev', 'GET', '/pets/1');
    assert.equal(arn, 'arn:aws:execute-api:us-east-1:123456789012:api/dev/GET/pets/1');
    const policy = (effect: string, resource: string | string[], action = 'execute-api:Invoke') => ({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: resource }] });
    assert.equal(evaluatePolicy(policy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:api/*/GET/*'), arn), 'allow');
    assert.equal(evaluatePolicy(policy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:api/dev/POST/*'), arn), 'implicit-deny');
    assert.equal(evaluatePolicy(policy('Allow', ['arn:aws:execute-api:*:*:api/?ev/*/*']), arn), 'allow');
    assert.equal(evaluatePolicy(policy('Allow', '*', 'execute-api:*'), arn), 'allow');
    const both = { Statement: [...policy('Allow', '*').Statement, ...policy('Deny', arn).Statement] };
    assert.equal(evaluatePolicy(both, arn), 'deny');
    assert.equal(evaluatePolicy({ Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] }, arn), 'invalid');
  });
});
