import assert from 'node:assert/strict';
import { findTemplateMember } from '../../../server/src/facts/templateVariables';
import { validateStandaloneTemplate } from '../../../server/src/services/templates/templateValidation';
import { rangeOf, validate, withCode } from './validate';

/** A REST definition with one MOCK integration, its response template, and a gateway response template. */
function definition(requestTemplate: string, responseTemplate: string, gatewayTemplate: string): string {
  return `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-gateway-responses:
  DEFAULT_4XX:
    responseTemplates:
      application/json: '${gatewayTemplate}'
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '${requestTemplate}'
        responses:
          default:
            statusCode: '200'
            responseTemplates:
              application/json: '${responseTemplate}'
`;
}

describe('$context.error members outside gateway responses', () => {
  it('the catalog marks message, messageString and responseType as set in gateway response templates only', () => {
    for (const name of ['message', 'messageString', 'responseType']) {
      assert.deepEqual(findTemplateMember(['context', 'error', name])?.availableIn, ['gatewayResponse'], name);
    }
    // The reference restricts no other member: validationErrorString is read anywhere.
    assert.equal(findTemplateMember(['context', 'error', 'validationErrorString'])?.availableIn, undefined);
  });

  it('warns in integration request and response templates, on the member, and keeps gateway response templates silent', async () => {
    const text = definition(
      '{"statusCode": 200, "t": "$context.error.responseType"}',
      '{"m": $context.error.messageString, "v": "$util.escapeJavaScript($context.error.validationErrorString)"}',
      '{"message": $context.error.messageString, "type": "$context.error.responseType", "text": "$context.error.message"}',
    );
    const found = withCode(await validate(text), 'template-variable-unavailable');
    assert.equal(found.length, 2);
    const [request, response] = found;
    assert.equal(request.severity, 2);
    assert.deepEqual(request.range, rangeOf(text, 'responseType', 2));
    assert.equal(request.message, '$context.error.responseType is set only in gateway response templates; in an integration request template it is empty.');
    assert.deepEqual(response.range, rangeOf(text, 'messageString', 2));
    assert.equal(response.message, '$context.error.messageString is set only in gateway response templates; in an integration response template it is empty.');
  });

  it('reads the kind of a template file from its name', () => {
    const covered = (template: string, fileName: string) =>
      validateStandaloneTemplate(template, fileName).filter((p) => p.code === 'template-variable-unavailable').map((p) => template.slice(p.offset, p.end));
    assert.deepEqual(covered('{"m": "$context.error.message"}', 'response.vtl'), ['message']);
    assert.deepEqual(covered('{"m": "$context.error.message"}', 'gateway-response.vtl'), []);
  });
});
