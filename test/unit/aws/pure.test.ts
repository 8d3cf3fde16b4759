import * as assert from 'node:assert/strict';
import { displayEndpoint } from '../../../client/src/aws/connection';
import { integrationTarget, lambdaFunctionName } from '../../../client/src/aws/integrationTarget';
import { customDomainUrl, invokeUrl } from '../../../client/src/aws/invokeUrl';
import { allPages } from '../../../client/src/aws/paging';
import { listProfiles } from '../../../client/src/aws/profiles';
import { hideUrlUserInfo, redactSecrets } from '../../../client/src/aws/redact';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { locateWarnings, warningSubject } from '../../../client/src/deploy/importWarnings';
import { looksLikeProduction } from '../../../client/src/deploy/productionStage';

describe('invoke URLs', () => {
  const aws = { region: 'eu-west-1' };
  it('uses the execute-api host on AWS', () => {
    assert.equal(invokeUrl(aws, { kind: 'REST', apiId: 'abc123', stage: 'dev' }), 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev');
    assert.equal(invokeUrl({ region: 'cn-north-1' }, { kind: 'REST', apiId: 'abc123', stage: 'dev' }), 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/dev');
  });
  it('uses wss for WebSocket APIs and omits the $default stage of HTTP APIs', () => {
    assert.equal(invokeUrl(aws, { kind: 'WEBSOCKET', apiId: 'ws1', stage: 'prod' }), 'wss://ws1.execute-api.eu-west-1.amazonaws.com/prod');
    assert.equal(invokeUrl(aws, { kind: 'HTTP', apiId: 'h1', stage: '$default' }), 'https://h1.execute-api.eu-west-1.amazonaws.com');
    assert.equal(invokeUrl(aws, { kind: 'HTTP', apiId: 'h1', stage: 'v1', apiEndpoint: 'https://h1.execute-api.eu-west-1.amazonaws.com' }), 'https://h1.execute-api.eu-west-1.amazonaws.com/v1');
  });
  it('uses the path forms on a custom endpoint', () => {
    const local = { region: 'us-east-1', endpoint: 'http://localhost:4566' };
    assert.equal(invokeUrl(local, { kind: 'REST', apiId: 'r1', stage: 'dev' }), 'http://localhost:4566/restapis/r1/dev/_user_request_');
    assert.equal(invokeUrl(local, { kind: 'HTTP', apiId: 'h1', stage: 'dev', apiEndpoint: 'https://ignored' }), 'http://localhost:4566/_aws/execute-api/h1/dev');
    assert.equal(invokeUrl(local, { kind: 'WEBSOCKET', apiId: 'w1', stage: 'dev' }), 'ws://localhost:4566/_aws/execute-api/w1/dev');
  });
  it("uses the host form on LocalStack's own hostname", () => {
    const ls = { region: 'us-east-1', endpoint: 'http://localhost.localstack.cloud:4566' };
    assert.equal(invokeUrl(ls, { kind: 'REST', apiId: 'r1', stage: 'dev' }), 'http://r1.execute-api.localhost.localstack.cloud:4566/dev');
  });
  it('builds custom-domain URLs, with (none) as the empty base path', () => {
    assert.equal(customDomainUrl('api.example.com', '(none)'), 'https://api.example.com');
    assert.equal(customDomainUrl('api.example.com', 'v2'), 'https://api.example.com/v2');
  });
});

describe('integration targets', () => {
  it('names the Lambda function, with alias, from an invocation URI or an ARN', () => {
    assert.equal(lambdaFunctionName('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:getPet:live/invocations'), 'getPet:live');
    assert.equal(integrationTarget('AWS_PROXY', 'arn:aws:lambda:us-east-1:123456789012:function:listOrders'), 'λ listOrders');
  });
  it('names HTTP hosts, AWS service actions, mocks and subtypes', () => {
    assert.equal(integrationTarget('HTTP_PROXY', 'https://backend.example.com/pets/{id}'), 'backend.example.com/pets/{id}');
    assert.equal(integrationTarget('AWS', 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue'), 'sqs: 123456789012/queue');
    assert.equal(integrationTarget('MOCK', undefined), 'mock');
    assert.equal(integrationTarget('AWS_PROXY', undefined, 'SQS-SendMessage'), 'SQS-SendMessage');
  });
});

describe('production stage names', () => {
  for (const name of ['prod', 'Production', 'live', 'prd', 'eu-prod', 'prodV2', 'prod_2', 'PROD']) {
    it(`treats ${name} as production`, () => assert.equal(looksLikeProduction(name), true));
  }
  for (const name of ['dev', 'staging', 'product', 'preprod', 'test', 'delivery', '$default']) {
    it(`does not treat ${name} as production`, () => assert.equal(looksLikeProduction(name), false));
  }
});

describe('import warnings on document lines', () => {
  const doc = ['openapi: 3.0.1', 'paths:', '  /pets:', '    get:', '      responses: {}', '    post:', '      responses: {}',
    '  "/pets/{id}":', '    delete:', '      responses: {}', 'components:', '  schemas:', '    Pet:', '      type: object'].join('\n');
  it('reads path and method out of the phrasings API Gateway uses', () => {
    assert.deepEqual(warningSubject("Request validator 'x' for method 'POST' at path '/pets' is not defined. Ignoring."), { method: 'POST', path: '/pets', model: undefined });
    assert.deepEqual(warningSubject("Ignoring response model for 200 response on method 'GET /pets' because a model exists."), { method: 'GET', path: '/pets' });
  });
  it('places each warning on its operation, path or model line, else on line 0', () => {
    const located = locateWarnings([
      "Unable to put integration on 'POST' for resource at path '/pets': invalid uri",
      "Ignoring method 'DELETE /pets/{id}'",
      "Reference to model 'Pet' not found. Ignoring.",
      'Something without a subject',
      "Unable to create resource at path '/nowhere'",
    ], doc);
    assert.deepEqual(located.map((w) => w.line), [5, 8, 12, 0, 0]);
  });
});

describe('paging', () => {
  it('follows tokens to the end and refuses a token seen twice', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = { start: { items: [1, 2], next: 'a' }, a: { items: [3], next: 'b' }, b: { items: [4] } };
    assert.deepEqual(await allPages(async (t) => pages[t ?? 'start']), [1, 2, 3, 4]);
    await assert.rejects(allPages(async (t) => ({ items: [1], next: t ? t : 'loop' }) as { items: number[]; next?: string }), /twice/);
  });
});

describe('profiles from the shared files', () => {
  it('lists config and credentials profiles, their regions and SSO use, from the files the environment names', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-profiles-'));
    try {
      writeFileSync(path.join(dir, 'config'), [
        '[default]', 'region = eu-central-1', '', '[profile work]', 'sso_session = corp', 'sso_account_id = 1', '',
        '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', '', '# [profile commented]', '[services local]', 'apigateway =', '  endpoint_url = http://x',
      ].join('\n'));
      writeFileSync(path.join(dir, 'credentials'), ['[default]', 'aws_access_key_id = A', '[ci]', 'aws_access_key_id = B'].join('\n'));
      const profiles = await listProfiles({ AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') });
      assert.deepEqual(profiles.map((p) => [p.name, p.region, p.sso, p.sources.join('+')]), [
        ['default', 'eu-central-1', false, 'config+credentials'], ['ci', undefined, false, 'credentials'], ['work', undefined, true, 'config'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('secret redaction', () => {
  it('hides signing material and keeps what helps to diagnose', () => {
    const cases: [string, string][] = [
      ['x-amz-security-token:IQoJtoken/+=\nhost:x', 'x-amz-security-token:<redacted>\nhost:x'],
      ['https://h/p?X-Amz-Security-Token=IQo%2Bx&X-Amz-Credential=ASIAEXAMPLE%2F20260101%2Fus-east-1%2Fapigateway%2Faws4_request&X-Amz-Signature=abcdef0123456789abcdef',
        'https://h/p?X-Amz-Security-Token=<redacted>&X-Amz-Credential=<redacted>%2F20260101%2Fus-east-1%2Fapigateway%2Faws4_request&X-Amz-Signature=<redacted>'],
      ['Credential=AKIDEXAMPLE/20260101/us-east-1/apigateway/aws4_request, Signature=0123456789abcdef0123',
        'Credential=<redacted>/20260101/us-east-1/apigateway/aws4_request, Signature=<redacted>'],
      ['authorization: AWS4-HMAC-SHA256 Credential=A/B, Signature=c\nnext', 'authorization: <redacted>\nnext'],
      ["The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n2026\nscope\nhash' and more", 'The String-to-Sign should have been <redacted> and more'],
      ["The Canonical String for this request should have been\n'GET\n/x\nx-amz-security-token:abc (cut off", 'The Canonical String for this request should have been <redacted>'],
      ['<StringToSign>AWS4 secret</StringToSign><X/>', '<StringToSign> <redacted><X/>'],
      ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG', 'aws_secret_access_key = <redacted>'],
      ['{"SessionToken":"IQoJ","Expiration":1}', '{"SessionToken":"<redacted>","Expiration":1}'],
      ['key AKIAIOSFODNN7EXAMPLE used', 'key <redacted> used'],
      ['User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized', 'User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized'],
      ['{"Authorization":"Bearer abc.def.ghi","Accept":"*/*"}', '{"Authorization":"<redacted>","Accept":"*/*"}'],
      ["{'authorization': 'Basic dXNlcjpwdw=='}", "{'authorization': '<redacted>'}"],
      ['x-api-key: abcdef123456\nhost: h', 'x-api-key: <redacted>\nhost: h'],
      ['{"X-API-Key":"abcdef123456"}', '{"X-API-Key":"<redacted>"}'],
      ['https://h/p?x-api-key=abc&page=2', 'https://h/p?x-api-key=<redacted>&page=2'],
      ['Cookie: session=abc; theme=dark\nhost: h', 'Cookie: <redacted>\nhost: h'],
      ['{"set-cookie":"sid=abc; HttpOnly"}', '{"set-cookie":"<redacted>"}'],
    ];
    for (const [raw, shown] of cases) assert.equal(redactSecrets(raw), shown);
  });

  it('hides the user-info of URLs', () => {
    assert.equal(hideUrlUserInfo('connect to http://u:p@host:1/x and https://tok@h2'), 'connect to http://***@host:1/x and https://***@h2');
    assert.equal(hideUrlUserInfo('mail a@b.c, http://host/p@x'), 'mail a@b.c, http://host/p@x');
  });

  it('hides user-info up to the last @ before the host, a password may hold one', () => {
    assert.equal(hideUrlUserInfo('secret in url http://admin:p@ss@localhost:4566/'), 'secret in url http://***@localhost:4566/');
    assert.equal(hideUrlUserInfo('http://u:p@ss@h?next=a@b and http://h#x@y'), 'http://***@h?next=a@b and http://h#x@y');
    assert.equal(displayEndpoint('http://admin:p@ss@localhost:4566'), 'http://***@localhost:4566');
    assert.equal(displayEndpoint('admin:p@ss@localhost:4566'), '***@localhost:4566');
    assert.equal(displayEndpoint('http://user:pa/ss@localhost:4566'), 'http://***@localhost:4566');
    assert.equal(displayEndpoint('http://localhost:4566'), 'http://localhost:4566');
  });
});
