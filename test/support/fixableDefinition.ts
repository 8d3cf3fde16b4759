/**
 * A definition with findings the quick fixes settle with certainty, and its text once every preferred fix is applied:
 * a misspelt validator, a value in the wrong case, a path parameter a mapping reads but the operation does not
 * declare, and statuses the integration answers without a method response (404, and with `serverErrors` 500 too).
 * Lines, so that a test joins them with the line break it checks.
 */
export function fixableDefinition(serverErrors = false): { fixable: string[]; fixed: string[] } {
  const head = [
    'openapi: 3.0.1',
    "info: {title: Pets, version: '1'}",
    'x-amazon-apigateway-request-validators:',
    '  all:',
    '    validateRequestBody: true',
    '    validateRequestParameters: true',
    'paths:',
    '  /pets/{petId}:',
    '    get:',
  ];
  const responses = ['      responses:', "        '200':", '          description: ok'];
  const integration = (contentHandling: string) => [
    '      x-amazon-apigateway-integration:',
    '        type: HTTP',
    '        httpMethod: GET',
    '        uri: https://example.com/pets/{petId}',
    `        contentHandling: ${contentHandling}`,
    '        requestParameters:',
    '          integration.request.path.petId: method.request.path.petId',
    '        responses:',
    "          '4\\d{2}':",
    "            statusCode: '404'",
    ...(serverErrors ? ["          '5\\d{2}':", "            statusCode: '500'"] : []),
    '          default:',
    "            statusCode: '200'",
  ];
  const fixable = [...head, '      x-amazon-apigateway-request-validator: alll', ...responses, ...integration('convert_to_text'), ''];
  const fixed = [
    ...head,
    '      x-amazon-apigateway-request-validator: all',
    ...responses,
    "        '404':",
    '          description: Not Found',
    ...(serverErrors ? ["        '500':", '          description: Internal Server Error'] : []),
    ...integration('CONVERT_TO_TEXT'),
    '      parameters:',
    '        - name: petId',
    '          in: path',
    '          required: true',
    '          schema:',
    '            type: string',
    '',
  ];
  return { fixable, fixed };
}
