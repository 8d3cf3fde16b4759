import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import { findDocumentSymbols } from '../../../server/src/services/symbols';
import { parse } from './documents';

function outline(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => [s.name, s.detail ?? '', ...(s.children?.length ? [outline(s.children)] : [])]);
}

describe('document symbols', () => {
  it('lists paths with their operations, what they call, and the components', () => {
    const text = [
      'openapi: 3.0.1',
      'x-amazon-apigateway-request-validators:',
      '  all: {validateRequestBody: true, validateRequestParameters: true}',
      'x-amazon-apigateway-gateway-responses:',
      "  DEFAULT_4XX: {statusCode: '400'}",
      'paths:',
      '  /pets/{id}:',
      '    get:',
      '      operationId: getPet',
      '      x-amazon-apigateway-integration:',
      '        type: aws_proxy',
      '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:GetPet:live/invocations',
      '    delete:',
      '      x-amazon-apigateway-integration: {type: http_proxy, uri: "https://example.com/pets"}',
      '    x-amazon-apigateway-any-method:',
      '      x-amazon-apigateway-integration: {type: mock}',
      'components:',
      '  schemas:',
      '    Pet: {type: object}',
      '  securitySchemes:',
      '    auth: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authorizer: {type: token}}',
      '',
    ].join('\n');
    const symbols = findDocumentSymbols(parse(text));
    assert.deepEqual(outline(symbols), [
      ['/pets/{id}', '', [['GET', 'getPet · AWS_PROXY → GetPet'], ['DELETE', 'HTTP_PROXY → https://example.com/pets'], ['ANY', 'MOCK']]],
      ['Schemas', '', [['Pet', 'object']]],
      ['Security schemes', '', [['auth', 'apiKey authorizer: token']]],
      ['Request validators', '', [['all', 'body + parameters']]],
      ['Gateway responses', '', [['DEFAULT_4XX', '400']]],
    ]);
    const get = symbols[0].children![0];
    assert.equal(get.kind, SymbolKind.Method);
    assert.deepEqual(get.selectionRange, { start: { line: 7, character: 4 }, end: { line: 7, character: 7 } });
    assert.deepEqual(get.range.end, { line: 11, character: 145 });
  });

  it('lists 2.0 definitions and resolves integrations referenced from components, in JSON', () => {
    const text = JSON.stringify({
      swagger: '2.0',
      definitions: { Pet: { type: 'object' } },
      paths: { '/a': { post: { operationId: 'create' } } },
    });
    assert.deepEqual(outline(findDocumentSymbols(parse(text, 'json'))), [['/a', '', [['POST', 'create']]], ['Definitions', '', [['Pet', 'object']]]]);
    const http = JSON.stringify({
      openapi: '3.0.1',
      paths: { '/b': { get: { 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/fn' } } } },
      components: { 'x-amazon-apigateway-integrations': { fn: { type: 'AWS_PROXY', uri: 'arn:aws:lambda:us-east-1:1:function:Fn', payloadFormatVersion: '2.0' } } },
    });
    assert.deepEqual(outline(findDocumentSymbols(parse(http, 'json'))), [['/b', '', [['GET', 'AWS_PROXY → Fn']]], ['Integrations', '', [['fn', 'AWS_PROXY → Fn']]]]);
  });
});
