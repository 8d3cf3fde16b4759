import assert from 'node:assert/strict';
import { restYaml, validate } from './validate';

/** A REST HTTP integration whose one request mapping reads `value`. */
function mapping(value: string): string {
  return restYaml(`type: http\nhttpMethod: POST\nuri: https://example.com\nrequestParameters:\n  integration.request.header.x-a: ${value}\nresponses:\n  default:\n    statusCode: '200'`);
}

const MAPPING_CODES = new Set(['invalid-mapping-value', 'undeclared-parameter', 'mapping-prefix-in-name', 'unknown-context-variable']);
const mappingFindings = async (value: string) => (await validate(mapping(value))).filter((d) => MAPPING_CODES.has(String(d.code)));

describe('REST request mappings from the request body', () => {
  it('accepts the whole body and a JSONPath into it, without `$.`, with list indexes', async () => {
    for (const value of ['method.request.body', 'method.request.body.name', 'method.request.body.owner.id', "'method.request.body.items[0].sku'", 'method.request.body.items[*].sku']) {
      assert.deepEqual(await mappingFindings(value), [], value);
    }
  });

  it('asks for no parameter declaration: the body is not a method request parameter', async () => {
    const findings = await validate(mapping('method.request.body.petId'));
    assert.deepEqual(findings.filter((d) => d.code === 'undeclared-parameter'), []);
  });

  it('still refuses a body source written as a template reads it', async () => {
    const [found, ...others] = await mappingFindings("'$input.path(''$.name'')'");
    assert.deepEqual(others, []);
    assert.equal(found.code, 'invalid-mapping-value');
  });
});
