import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { findContextVariable } from '../../../server/src/facts/templateVariables';
import type { Dialect } from '../../../server/src/model/dialect';
import { doHover } from '../../../server/src/services/hover';
import { createLanguageService, type LanguageService } from '../../../server/src/languageService';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { withCursor } from './documents';

type Format = 'yaml' | 'json';

function hover(marked: string, format: Format = 'yaml', dialectSetting?: Dialect | 'auto'): string | undefined {
  const { document, offset } = withCursor(marked, format);
  const result = (dialectSetting ? doHover(document, offset, undefined, dialectSetting) : doHover(document, offset)) as Hover | null;
  return result ? (result.contents as MarkupContent).value : undefined;
}

const restDoc = (name: string) => findContextVariable(name.split('.'), 'rest')!.doc;
const httpDoc = (name: string) => findContextVariable(name.split('.'), 'http')!.doc;

// The export marker makes these HTTP APIs whatever else they hold.
const HTTP_OP = `openapi: 3.0.1\nx-amazon-apigateway-importexport-version: '1.0'\npaths:\n  /pets/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true}\n        - {name: X-Trace, in: header}\n      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n        payloadFormatVersion: '1.0'\n`;
const HTTP_REQUEST = `${HTTP_OP}        requestParameters:\n          append:header.x-id: `;
const HTTP_RESPONSE = `${HTTP_OP}        responseParameters:\n          '200':\n            append:header.x-id: `;
const REST_OP = `swagger: '2.0'\npaths:\n  /pets:\n    get:\n      x-amazon-apigateway-integration:\n        type: http\n        requestParameters:\n          integration.request.header.x-id: `;

describe('hover on parameter mapping values', () => {
  describe('HTTP API responseParameters, grouped by status code', () => {
    it('says what each variable reads, as in request mappings', () => {
      for (const value of ['$context.request|Id', '$stageVariables.e|nv', '$request.header.X-Tr|ace', "'v-\${context.request|Id}-\$stageVariables.env'"]) {
        const read = hover(`${HTTP_RESPONSE}${value}\n`);
        assert.ok(read, value);
        assert.equal(read, hover(`${HTTP_REQUEST}${value}\n`), value);
      }
      assert.equal(hover(`${HTTP_RESPONSE}$stageVariables.e|nv\n`), '**$stageVariables.env**\n\nThe stage variable `env` of the stage that serves the request.');
    });

    it('says what the backend response variables read', () => {
      const status = `${HTTP_OP}        responseParameters:\n          '404':\n            overwrite:statuscode: `;
      assert.equal(hover(`${status}"$response.head|er.x-status"\n`), '**$response.header.x-status**\n\nThe `x-status` header of the backend response.');
      assert.equal(hover(`${status}$response.bo|dy.error.code\n`), '**$response.body.error.code**\n\nThe value at JSONPath `$.error.code` of the backend response body (JSON).');
      assert.equal(
        hover(`${HTTP_RESPONSE}'\${response.header.a}-\$response.bo|dy.b'\n`),
        '**${response.header.a}-$response.body.b**\n\n- `$response.header.a`: The `a` header of the backend response.\n- `$response.body.b`: The value at JSONPath `$.b` of the backend response body (JSON).\n\nThe rest is static text.',
      );
    });

    it('reads the values of a reusable integration, in JSON', () => {
      const text = '{"openapi": "3.0.1", "x-amazon-apigateway-importexport-version": "1.0", "paths": {}, "components": {"x-amazon-apigateway-integrations": {"pets": {"type": "http_proxy", "responseParameters": {"500": {"overwrite:header.x-id": "$context.request|Id"}}}}}}';
      assert.equal(hover(text, 'json'), `**$context.requestId**\n\nThe context variable \`requestId\`: ${httpDoc('requestId')}`);
    });

    it('still documents the keys: the status code and the mapping written', () => {
      const key = hover(`${HTTP_OP}        responseParameters:\n          '200':\n            append:header.x-i|d: $context.requestId\n`)!;
      assert.match(key, /^\*\*append:header\.x-id\*\*\n\nAppends the value to the header `x-id` of the response returned to the client\./);
      assert.match(hover(`${HTTP_OP}        responseParameters:\n          '2|00':\n            append:header.x-id: $context.requestId\n`)!, /^\*\*200\*\*\n\nThe status code of the backend response/);
    });

    it('documents a static value as the value of the mapping', () => {
      assert.match(hover(`${HTTP_OP}        responseParameters:\n          '200':\n            overwrite:statuscode: '20|4'\n`)!, /^\*\*overwrite:statuscode\*\*\n\nThe new value: /);
    });
  });

  describe('a context variable both kinds of API have', () => {
    it('is described as HTTP APIs have it in an HTTP API', () => {
      assert.notEqual(restDoc('requestId'), httpDoc('requestId'));
      const expected = `**$context.requestId**\n\nThe context variable \`requestId\`: ${httpDoc('requestId')}`;
      assert.equal(hover(`${HTTP_REQUEST}$context.request|Id\n`), expected);
      assert.equal(hover(`${HTTP_RESPONSE}$context.request|Id\n`), expected);
      assert.equal(hover(`${HTTP_REQUEST}'id-\${context.request|Id}'\n`), `**id-\${context.requestId}**\n\n- \`$context.requestId\`: The context variable \`requestId\`: ${httpDoc('requestId')}\n\nThe rest is static text.`);
    });

    it('is described as REST APIs have it in a REST API', () => {
      assert.equal(hover(`${REST_OP}context.request|Id\n`), `**context.requestId**\n\nThe context variable \`requestId\`: ${restDoc('requestId')}`);
    });

    it('follows the dialect setting over the inferred one', () => {
      assert.equal(hover(`${HTTP_REQUEST}$context.request|Id\n`, 'yaml', 'rest'), `**$context.requestId**\n\nThe context variable \`requestId\`: ${restDoc('requestId')}`);
      assert.equal(hover(`${REST_OP}context.request|Id\n`, 'yaml', 'http'), `**context.requestId**\n\nThe context variable \`requestId\`: ${httpDoc('requestId')}`);
      assert.equal(hover(`${HTTP_REQUEST}$context.request|Id\n`, 'yaml', 'auto'), hover(`${HTTP_REQUEST}$context.request|Id\n`));
    });

    it('follows the dialect setting the language service is given', () => {
      const marked = `${REST_OP}context.request|Id\n`;
      const offset = marked.indexOf('|');
      const document = TextDocument.create('file:///api.yaml', 'yaml', 1, marked.replace('|', ''));
      const contents = (h: ReturnType<LanguageService['doHover']>) => ((h as Hover).contents as MarkupContent).value;
      const service = createLanguageService();
      assert.equal(contents(service.doHover(document, document.positionAt(offset), { dialect: 'http' })), `**context.requestId**\n\nThe context variable \`requestId\`: ${httpDoc('requestId')}`);
      assert.equal(contents(service.doHover(document, document.positionAt(offset))), `**context.requestId**\n\nThe context variable \`requestId\`: ${restDoc('requestId')}`);
    });

    it('marks a variable only the other kind has, described as that kind has it', () => {
      assert.equal(hover(`${HTTP_REQUEST}$context.resource|Path\n`), `**$context.resourcePath**\n\nThe context variable \`resourcePath\`, of REST APIs only: ${restDoc('resourcePath')}`);
      assert.equal(hover(`${REST_OP}context.route|Key\n`), `**context.routeKey**\n\nThe context variable \`routeKey\`, of HTTP APIs only: ${httpDoc('routeKey')}`);
    });
  });

  describe('a name neither kind of API has', () => {
    it('is said not to be a context variable, as validation says', () => {
      const unknown = 'is not a context variable API Gateway defines, so it reads nothing.';
      assert.equal(hover(`${REST_OP}context.bo|gus\n`), `**context.bogus**\n\n\`bogus\` ${unknown}`);
      assert.equal(hover(`${REST_OP}context.identity.sourceI|pp\n`), `**context.identity.sourceIpp**\n\n\`identity.sourceIpp\` ${unknown}`);
      assert.equal(hover(`${HTTP_REQUEST}$context.bo|gus\n`), `**$context.bogus**\n\n\`bogus\` ${unknown}`);
      assert.match(hover(`${HTTP_REQUEST}'x-\${context.bo|gus}'\n`)!, /- `\$context\.bogus`: `bogus` is not a context variable/);
    });
  });
});
