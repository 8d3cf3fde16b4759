import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { generateExtensionSchema } from '../../../server/src/facts/generateSchema';
import { codes, rangeOf, validate, withCode } from './validate';
import { complete } from '../editing/documents';

const policy = (statements: string) => `openapi: 3.0.1
info: { title: t, version: '1' }
paths: {}
x-amazon-apigateway-policy:
  Version: '2012-10-17'
  Statement:
${statements}`;

describe('resource policies (x-amazon-apigateway-policy)', () => {
  it('accepts statements as IAM writes them: a list, or one statement without it, with Not forms', async () => {
    const list = policy(`    - { Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/* }
    - { Effect: Deny, NotPrincipal: { AWS: ['arn:aws:iam::123456789012:root'] }, NotAction: execute-api:Invoke, NotResource: ['execute-api:/*/GET/*'], Condition: { IpAddress: { aws:SourceIp: ['10.0.0.0/8'] } } }
`);
    assert.deepEqual(codes(await validate(list)), []);
    const single = `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths: {}\nx-amazon-apigateway-policy:\n  Statement: { Effect: Allow, Principal: '*', Action: execute-api:Invoke }\n`;
    assert.deepEqual(codes(await validate(single)), []);
  });

  it('refuses an Effect other than Allow or Deny, in that letter case, and a statement without one', async () => {
    const text = policy(`    - { Effect: allow, Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/* }
    - { Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/* }
`);
    const diagnostics = await validate(text);
    const [wrongCase] = withCode(diagnostics, 'invalid-enum-value');
    assert.equal(wrongCase.severity, 1);
    assert.deepEqual(wrongCase.range, rangeOf(text, 'allow'));
    const [missing] = withCode(diagnostics, 'missing-required-field');
    assert.match(missing.message, /needs `Effect`/);
  });

  it('needs Action or NotAction and Principal or NotPrincipal, and refuses an element beside its Not form', async () => {
    const text = policy(`    - { Effect: Allow, Resource: execute-api:/* }
    - { Effect: Allow, Principal: '*', Action: execute-api:Invoke, NotAction: execute-api:ManageConnections, Resource: execute-api:/*, NotResource: execute-api:/x }
`);
    const diagnostics = await validate(text);
    assert.deepEqual(withCode(diagnostics, 'missing-required-field').map((d) => d.message), [
      '`x-amazon-apigateway-policy.Statement[0]` needs `Action` or `NotAction`.',
      '`x-amazon-apigateway-policy.Statement[0]` needs `Principal` or `NotPrincipal`.',
    ]);
    const both = withCode(diagnostics, 'conflicting-fields');
    assert.deepEqual(both.map((d) => d.message), [
      '`x-amazon-apigateway-policy.Statement[1]` has both `Action` and `NotAction`; it takes one of them.',
      '`x-amazon-apigateway-policy.Statement[1]` has both `Resource` and `NotResource`; it takes one of them.',
    ]);
    assert.deepEqual(both[0].range, rangeOf(text, 'NotAction'));
  });

  it('offers no element whose Not form (or plain form) the statement already has', () => {
    const { labels } = complete(policy(`    - Effect: Allow\n      Principal: '*'\n      NotResource: execute-api:/x\n      |\n`));
    assert.ok(labels.includes('Action') && labels.includes('NotAction') && labels.includes('Condition'), labels.join(', '));
    for (const taken of ['NotPrincipal', 'Resource', 'Principal', 'NotResource', 'Effect']) assert.ok(!labels.includes(taken), `${taken} in ${labels.join(', ')}`);
  });

  it('states the same rules in the generated JSON Schema, for statements in a list or alone', () => {
    const schema = generateExtensionSchema() as { definitions: Record<string, object> };
    const validatePolicy = new Ajv({ strict: false }).compile(schema.definitions['x-amazon-apigateway-policy']);
    const good = { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' };
    assert.ok(validatePolicy({ Statement: [good] }), JSON.stringify(validatePolicy.errors));
    assert.ok(validatePolicy({ Statement: good }), JSON.stringify(validatePolicy.errors));
    assert.ok(validatePolicy({ Statement: [{ ...good, Resource: undefined, NotResource: 'x' }].map((s) => JSON.parse(JSON.stringify(s))) }));
    for (const bad of [{ ...good, Effect: 'allow' }, { ...good, NotAction: 'x' }, { ...good, NotResource: 'x' }, { Effect: 'Allow', Principal: '*' }]) {
      assert.equal(validatePolicy({ Statement: [bad] }), false, JSON.stringify(bad));
      assert.equal(validatePolicy({ Statement: bad }), false, JSON.stringify(bad));
    }
  });
});
