import assert from 'node:assert/strict';
import { integersWrittenAsDecimals } from '../../../server/src/gateway/writtenIntegers';
import type { GatewayResponse } from '../../../server/src/gateway/types';
import { closeHost, gatewayFor } from './gatewayFixture';

const API = `openapi: 3.0.1
info: { title: numbers, version: '1' }
x-amazon-apigateway-request-validators:
  all: { validateRequestBody: true, validateRequestParameters: true }
x-amazon-apigateway-request-validator: all
paths:
  /v:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                n: { type: integer, minimum: 1, maximum: 10 }
                x: { type: number }
                maybe: { type: [integer, 'null'] }
                either: { type: [integer, string] }
                s: { type: string }
                list: { type: array, items: { $ref: '#/components/schemas/Count' } }
                choice: { oneOf: [{ type: integer }, { type: string }] }
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200', responseTemplates: { application/json: 'ok' } } }
components:
  schemas:
    Count: { type: integer, enum: [1, 2, 3] }
`;

function failure(r: GatewayResponse): string | undefined {
  return r.log.map((e) => e.message).find((m) => m.startsWith('Request validation failed: '))?.slice('Request validation failed: '.length);
}

describe('request validation of integers as written', function () {
  this.timeout(20000);
  after(closeHost);
  const gateway = gatewayFor(API);
  const post = (body: string) => gateway.invoke({ method: 'POST', path: '/v', headers: { 'Content-Type': 'application/json' }, body });

  it('refuses 1.0 and 1e0 for an integer, as API Gateway\'s validator types them as numbers', async () => {
    for (const written of ['1.0', '1e0', '2E0', '1.00e+0', '-0.0']) {
      const r = await post(`{"n": ${written}}`);
      assert.equal(r.status, 400, written);
      assert.equal(failure(r), written === '-0.0'
        ? '[instance type (number) does not match any allowed primitive type (allowed: ["integer"]) at /n, numeric instance is lower than the required minimum (minimum: 1, found: 0) at /n]'
        : '[instance type (number) does not match any allowed primitive type (allowed: ["integer"]) at /n]', written);
    }
  });

  it('accepts integers written as integers, and any number where number is allowed', async () => {
    for (const body of ['{"n": 1}', '{"n": 10, "x": 1.0}', '{"x": 2e3}', '{"maybe": null}', '{"maybe": 4}', '{"either": "1.0"}', '{"s": "1.0 and 2e3"}', '{"list": [1, 2, 3]}', '{"choice": 7}']) {
      const r = await post(body);
      assert.equal(r.status, 200, `${body}: ${failure(r)}`);
    }
  });

  it('sees the decimal wherever it stands: in lists, through refs, in unions and in oneOf', async () => {
    assert.match(failure(await post('{"list": [1, 2.0, 3]}')) ?? '', /instance type \(number\) does not match any allowed primitive type \(allowed: \["integer"\]\) at \/list\/1/);
    assert.match(failure(await post('{"maybe": 3.0}')) ?? '', /allowed: \["integer","null"\]\) at \/maybe/);
    assert.match(failure(await post('{"either": 5.0}')) ?? '', /allowed: \["integer","string"\]\) at \/either/);
    assert.equal((await post('{"choice": 7.0}')).status, 400);
    // A string where an integer is wanted is named as the schema names the type, not as it is checked.
    assert.match(failure(await post('{"n": "1"}')) ?? '', /instance type \(string\) does not match any allowed primitive type \(allowed: \["integer"\]\) at \/n/);
    assert.match(failure(await post('{"s": 1.0}')) ?? '', /instance type \(number\) does not match any allowed primitive type \(allowed: \["string"\]\) at \/s/);
  });

  it('takes a repeated key\'s last value, as JSON.parse does', async () => {
    assert.equal((await post('{"n": 1.0, "n": 2}')).status, 200);
    assert.equal((await post('{"n": 2, "n": 1.0}')).status, 400);
  });

  it('finds the numbers written with a fraction or an exponent that equal integers, by JSON pointer', () => {
    assert.equal(integersWrittenAsDecimals('{"a": 1, "b": [2, 3], "c": "1.0"}'), undefined);
    assert.equal(integersWrittenAsDecimals('{"a": 1.5}'), undefined);
    assert.deepEqual(
      [...(integersWrittenAsDecimals('{"a": 1.0, "b": [0, {"c~/": 2e2}], "d\\"\\\\": -3.0, "e\\u0066": [[4E0]], "s": "x\\"5.0"}') ?? [])],
      ['/a', '/b/1/c~0~1', '/d"\\', '/ef/0/0'],
    );
    assert.deepEqual([...(integersWrittenAsDecimals('7.0') ?? [])], ['']);
  });

  it('keeps a large body quick to check', async () => {
    const items = Array.from({ length: 200_000 }, (_, i) => `{"id": ${i}, "label": "item ${i}.5e3", "price": ${i}.25}`);
    const body = `[${items.join(',')}]`;
    const started = performance.now();
    const found = integersWrittenAsDecimals(body);
    const elapsed = performance.now() - started;
    assert.equal(found, undefined);
    assert.ok(elapsed < 2000, `${Math.round(elapsed)} ms for ${body.length} characters`);
  });
});
