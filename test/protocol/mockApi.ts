/** A definition with one MOCK operation, GET /ping, answering 200: a small neighbour document, or an invoke target. */
export const MOCK_API = [
  'openapi: 3.0.1',
  "info: {title: t, version: '1'}",
  'paths:',
  '  /ping:',
  '    get:',
  "      responses: {'200': {description: ok}}",
  '      x-amazon-apigateway-integration:',
  '        type: mock',
  '        requestTemplates:',
  "          application/json: '{\"statusCode\": 200}'",
  '        responses:',
  "          default: {statusCode: '200'}",
  '',
].join('\n');
