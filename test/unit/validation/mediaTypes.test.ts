import assert from 'node:assert/strict';
import { rangeOf, restYaml, validate, withCode } from './validate';

/** A REST definition whose root carries the given lines (a binary media types list, gateway responses). */
function withRoot(lines: string): string {
  return `openapi: 3.0.1
info: { title: t, version: '1' }
${lines}
paths: {}
`;
}

describe('media types of template keys and binary media types', () => {
  it('warns on a request template key that is no media type, on the key, with the type it names', async () => {
    const text = restYaml(`type: mock
requestTemplates:
  json: '{"statusCode": 200}'
responses:
  default:
    statusCode: '200'`);
    const [d, more] = withCode(await validate(text), 'invalid-media-type');
    assert.equal(more, undefined);
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, rangeOf(text, 'json'));
    assert.match(d.message, /^`json`, a key of `x-amazon-apigateway-integration.requestTemplates`, is not a media type of the form `type\/subtype`/);
    assert.match(d.message, /picks a request template by the media type of the request's Content-Type .* so the template is never used\. Did you mean `application\/json`\?$/);
    assert.deepEqual(d.data, { expected: 'application/json' });
  });

  it('warns on integration response and gateway response template keys, saying the template is only a fallback', async () => {
    const text = restYaml(`type: mock
requestTemplates:
  application/json: '{"statusCode": 200}'
responses:
  default:
    statusCode: '200'
    responseTemplates:
      xml: '<a/>'`, '', `x-amazon-apigateway-gateway-responses:
  DEFAULT_4XX:
    responseTemplates:
      jsn: '{"message": $context.error.messageString}'
`);
    const found = withCode(await validate(text), 'invalid-media-type');
    assert.equal(found.length, 2);
    for (const d of found) assert.match(d.message, /Accept header, which never names this key; the template is used only as the fallback/);
    const xml = found.find((d) => d.message.startsWith('`xml`'))!;
    assert.deepEqual(xml.range, rangeOf(text, 'xml'));
    assert.match(xml.message, /a key of `x-amazon-apigateway-integration.responses.default.responseTemplates`.*Did you mean `application\/xml`\?$/);
    const misspelt = found.find((d) => d.message.startsWith('`jsn`'))!;
    assert.deepEqual(misspelt.range, rangeOf(text, 'jsn'));
    assert.match(misspelt.message, /a key of `x-amazon-apigateway-gateway-responses.DEFAULT_4XX.responseTemplates`/);
    // No example holds `jsn` as a part of its name, and it is too far from each for a certain correction.
    assert.equal(misspelt.data, undefined);
  });

  it('accepts media types with parameters, in any letter case, wildcards and structured suffixes', async () => {
    const keys = ['application/json', 'text/plain; charset=utf-8', 'Application/XML', '*/*', 'application/*', 'application/vnd.api+json', 'application/x-www-form-urlencoded'];
    const text = restYaml(`type: mock
requestTemplates:
${keys.map((k) => `  '${k}': '{"statusCode": 200}'`).join('\n')}
responses:
  default:
    statusCode: '200'`);
    assert.deepEqual(withCode(await validate(text), 'invalid-media-type'), []);
  });

  it('does not read the keys of proxy integrations, whose templates are ignored anyway', async () => {
    const text = restYaml(`type: aws_proxy
httpMethod: POST
uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
requestTemplates:
  json: '{}'`);
    const diagnostics = await validate(text);
    assert.deepEqual(withCode(diagnostics, 'invalid-media-type'), []);
    assert.equal(withCode(diagnostics, 'template-ignored-on-proxy').length, 1);
  });

  it('warns on a binary media type that is no media type, on the item, with the wildcard it names', async () => {
    const text = withRoot(`x-amazon-apigateway-binary-media-types:
  - image
  - application/octet-stream
  - '*/*'
  - image/*
  - image~1png`);
    const [d, more] = withCode(await validate(text), 'invalid-media-type');
    assert.equal(more, undefined);
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, rangeOf(text, 'image'));
    assert.equal(d.message, '`x-amazon-apigateway-binary-media-types[0]` "image" is not a media type of the form `type/subtype` (such as `application/json`). API Gateway compares binary media types with the Content-Type and Accept headers, which never name it, so it makes no payload binary. Did you mean `image/*`?');
    assert.deepEqual(d.data, { expected: 'image/*' });
  });
});
