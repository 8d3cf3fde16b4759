import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXTENSIONS, extensionsAt, fieldOf, fieldReadByType, findValueSpec, getExtension } from '../../../server/src/facts/extensions';
import { DIAGNOSTIC_CODES } from '../../../server/src/facts/diagnosticCodes';
import { renderExtensionSchema, SCHEMA_FILE } from '../../../server/src/facts/generateSchema';
import { placementOf } from '../../../server/src/model/openapiWalk';
import { codes, parse, validate } from './validate';

describe('extension catalog', () => {
  it('lists every extension of the developer guide, each with docs, a guide URL and a placement', () => {
    assert.equal(EXTENSIONS.length, 20);
    for (const e of EXTENSIONS) {
      assert.ok(e.doc.length > 20, e.name);
      assert.match(e.docsUrl, /^https:\/\/docs\.aws\.amazon\.com\/apigateway\/latest\/developerguide\/[\w.-]+\.html$/, e.name);
      assert.ok(e.placements.length && e.dialects.length, e.name);
    }
  });

  it('offers extensions per placement and dialect', () => {
    const rootHttp = extensionsAt('root', 'http').map((e) => e.name);
    assert.ok(rootHttp.includes('x-amazon-apigateway-cors'));
    assert.ok(!rootHttp.includes('x-amazon-apigateway-gateway-responses'));
    assert.deepEqual(extensionsAt('tag', 'http').map((e) => e.name), ['x-amazon-apigateway-tag-value']);
  });

  it('finds the spec of nested fields through fields, map values and array items', () => {
    const integration = getExtension('x-amazon-apigateway-integration')!;
    assert.equal(findValueSpec(integration, ['responses', '4\\d{2}', 'statusCode'])?.type, 'string');
    assert.deepEqual(findValueSpec(integration, ['type'])?.caseInsensitive, true);
    const documentation = getExtension('x-amazon-apigateway-documentation')!;
    assert.ok(findValueSpec(documentation, ['documentationParts', 0, 'location', 'type'])?.enum?.includes('PATH_PARAMETER'));
    assert.equal(findValueSpec(integration, ['nope']), undefined);
  });

  it('says which integration types read which fields, per dialect where the dialects differ', () => {
    const integration = getExtension('x-amazon-apigateway-integration')!;
    const reads = (field: string, type: string, dialect?: 'rest' | 'http') => fieldReadByType(fieldOf(integration, field)!, type, dialect);
    for (const field of ['httpMethod', 'uri', 'credentials', 'connectionType', 'connectionId']) {
      assert.equal(reads(field, 'MOCK'), false, field);
      assert.equal(reads(field, 'http'), true, field);
    }
    assert.equal(reads('credentials', 'HTTP_PROXY', 'http'), false);
    assert.equal(reads('credentials', 'AWS_PROXY', 'http'), true);
    assert.equal(reads('credentials', 'http_proxy', 'rest'), true, 'REST leaves the credentials of an HTTP backend open');
    assert.equal(reads('credentials', 'http_proxy'), true, 'without a dialect, what either reads');
    assert.equal(reads('integrationSubtype', 'HTTP_PROXY', 'http'), false);
    assert.equal(reads('integrationSubtype', 'AWS_PROXY', 'http'), true);
    const ttl = fieldOf(getExtension('x-amazon-apigateway-authorizer')!, 'authorizerResultTtlInSeconds')!;
    assert.deepEqual(['token', 'request', 'cognito_user_pools', 'jwt'].map((type) => fieldReadByType(ttl, type)), [true, true, true, false]);
    assert.deepEqual(['request', 'jwt'].map((type) => fieldReadByType(ttl, type, 'http')), [true, false]);
  });

  it('describes the elements of a resource policy statement, in a list or alone, and takes extra ones', async () => {
    const policy = getExtension('x-amazon-apigateway-policy')!;
    assert.deepEqual(findValueSpec(policy, ['Statement', 0, 'Effect'])?.enum, ['Allow', 'Deny']);
    assert.deepEqual(findValueSpec(policy, ['Statement', 'Effect'])?.enum, ['Allow', 'Deny']);
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths: {}',
      'x-amazon-apigateway-policy:',
      "  Version: '2012-10-17'",
      '  Statement:',
      '    - Effect: Allow',
      "      Principal: '*'",
      '      Action: execute-api:Invoke',
      "      Resource: ['execute-api:/*']",
      '      Condition: {IpAddress: {aws:SourceIp: [192.0.2.0/24]}}',
      '    - Effect: Deny',
      '      Principal: {AWS: [arn:aws:iam::123456789012:root]}',
      '      NotAction: [execute-api:Invoke]',
      '      Resource: execute-api:/*/GET/secret',
      '      Extra: kept',
      '',
    ].join('\n');
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('registers every code with a severity, a title and a docs URL', () => {
    for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
      assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(info.title && /^https:\/\//.test(info.docsUrl), code);
    }
  });

  it('keeps the committed JSON Schema equal to the generated one', () => {
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), renderExtensionSchema());
  });

  it('tells where an object stands', () => {
    const swagger = parse("swagger: '2.0'\n");
    const openapi = parse('openapi: 3.0.1\n');
    assert.equal(placementOf(openapi, []), 'root');
    assert.equal(placementOf(openapi, ['paths', '/a', 'x-amazon-apigateway-any-method']), 'operation');
    assert.equal(placementOf(openapi, ['paths', '/a']), 'pathItem');
    assert.equal(placementOf(openapi, ['components', 'securitySchemes', 'auth']), 'securityScheme');
    assert.equal(placementOf(swagger, ['securityDefinitions', 'auth']), 'securityScheme');
    assert.equal(placementOf(openapi, ['servers', 0]), 'server');
    assert.equal(placementOf(openapi, ['tags', 1]), 'tag');
    assert.equal(placementOf(openapi, ['components']), 'components');
    assert.equal(placementOf(openapi, ['info', 'contact']), undefined);
  });
});
