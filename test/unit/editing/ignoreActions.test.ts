import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { IGNORE_IN_SETTINGS_COMMAND } from '../../../server/src/services/ignoreCommand';
import { ignoreActions, pointerHolding } from '../../../server/src/services/ignoreActions';
import { validateDocument } from '../../../server/src/services/validation';
import type { LanguageSettings } from '../../../server/src/services/validationTypes';
import { parse } from './documents';

const JSON_DEFINITION = `{
  "openapi": "3.0.1",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/pets/mine": {
      "get": {
        "responses": {"200": {"description": "ok"}},
        "x-amazon-apigateway-integration": {
          "type": "aws_proxy", "httpMethod": "POST", "uri": "arn:aws:lambda:us-east-1:123456789012:function:pets"
        }
      }
    }
  },
  "x-amazon-apigateway-binary-media-types": ["image/png", "not a type"]
}
`;

const YAML_DEFINITION = `openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /pets/mine:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:lambda:us-east-1:123456789012:function:pets
x-amazon-apigateway-binary-media-types: [image/png, not a type]
`;

const IN_FOLDER: LanguageSettings = { ignore: [{ folder: 'file:///', entries: [] }] };

function rangeOf(text: string, needle: string) {
  const document = parse(text);
  const offset = text.indexOf(needle);
  const at = (o: number) => document.textDocument.positionAt(o);
  return { start: at(offset), end: at(offset + needle.length) };
}

describe('the quick fix that ignores a finding in the workspace settings', () => {
  for (const [format, text] of [['json', JSON_DEFINITION], ['yaml', YAML_DEFINITION]] as const) {
    it(`names the smallest node holding the finding in ${format}, which the entry then silences`, async () => {
      const document = parse(text, format);
      const diagnostics = await validateDocument(document);
      const uri = diagnostics.find((d) => d.code === 'invalid-integration-uri')!;
      const mediaType = diagnostics.find((d) => d.code === 'invalid-media-type')!;
      assert.equal(pointerHolding(document, uri.range), '/paths/~1pets~1mine/get/x-amazon-apigateway-integration/uri');
      assert.equal(pointerHolding(document, mediaType.range), '/x-amazon-apigateway-binary-media-types/1');
      // A key stands for its property; a range across two properties, for the object holding both.
      const integration = '/paths/~1pets~1mine/get/x-amazon-apigateway-integration';
      assert.equal(pointerHolding(document, rangeOf(text, 'httpMethod')), `${integration}/httpMethod`);
      const across = { start: rangeOf(text, 'type').start, end: rangeOf(text, 'POST').end };
      assert.equal(pointerHolding(document, across), integration);
      assert.equal(pointerHolding(document, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }), '');

      const actions = ignoreActions(document, { diagnostics: [uri] }, IN_FOLDER);
      assert.equal(actions.length, 1);
      assert.equal(actions[0].title, 'Ignore invalid-integration-uri here in workspace settings');
      assert.equal(actions[0].isPreferred, false);
      assert.equal(actions[0].edit, undefined);
      assert.equal(actions[0].command?.command, IGNORE_IN_SETTINGS_COMMAND);
      const request = actions[0].command!.arguments![0] as { uri: string; at: string; code: string };
      assert.deepEqual(request, { uri: document.uri, at: `${integration}/uri`, code: 'invalid-integration-uri' });

      const entries = [{ file: `api.${format}`, at: request.at, codes: [request.code] }];
      const settings: LanguageSettings = { ignore: [{ folder: 'file:///', entries }] };
      assert.deepEqual((await validateDocument(document, { settings })).map((d) => d.code), ['invalid-media-type']);
    });
  }

  it('is offered only for our findings, in a file of a workspace folder, when quick fixes are asked for', () => {
    const document = parse(JSON_DEFINITION, 'json');
    const range = rangeOf(JSON_DEFINITION, '"POST"');
    const ours: Diagnostic = { range, code: 'invalid-enum-value', source: 'apigateway', message: 'm' };
    const theirs: Diagnostic = { ...ours, source: 'json' };
    assert.equal(ignoreActions(document, { diagnostics: [ours, theirs] }, IN_FOLDER).length, 1);
    assert.deepEqual(ignoreActions(document, { diagnostics: [ours] }, {}), []);
    const elsewhere: LanguageSettings = { ignore: [{ folder: 'file:///other', entries: [] }] };
    assert.deepEqual(ignoreActions(document, { diagnostics: [ours] }, elsewhere), []);
    assert.deepEqual(ignoreActions(document, { diagnostics: [ours], only: ['refactor'] }, IN_FOLDER), []);
  });
});
