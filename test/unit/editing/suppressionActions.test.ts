import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { suppressionActions } from '../../../server/src/services/suppressionActions';
import { validateDocument } from '../../../server/src/services/validation';
import { applyEdits, parse } from './documents';

const DEFINITION = `openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: mock
        passthroughBehavior: when_no_matc
        requestTemplates:
          application/json: |
            #set($x = $undefinedThing.foo)
            {"statusCode": 200}
x-amazon-apigateway-binary-media-types: [image/png, not a type]
`;

/** The text after the comment fix for the finding of `code`, and whether it was offered. */
async function disabled(text: string, code: string): Promise<{ text?: string; codes: string[] }> {
  const document = parse(text);
  const diagnostics = await validateDocument(document);
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} among ${diagnostics.map((d) => d.code).join(', ')}`);
  const [action] = suppressionActions(document, { diagnostics: [diagnostic] });
  const after = action && applyEdits(document, action.edit!.changes![document.uri] as TextEdit[]);
  return { text: after, codes: after === undefined ? [] : (await validateDocument(parse(after))).map((d) => String(d.code)) };
}

describe('the quick fix that disables a finding on its line with a comment', () => {
  it('writes the comment above the line, at its indentation, and the finding is gone', async () => {
    const { text, codes } = await disabled(DEFINITION, 'invalid-enum-value');
    assert.match(text!, /\n {8}# apigw-disable-next-line invalid-enum-value\n {8}passthroughBehavior: when_no_matc\n/);
    assert.ok(!codes.includes('invalid-enum-value'));
    assert.ok(codes.includes('invalid-media-type'));
  });

  it('adds the code to a comment already above the line, before its reason', async () => {
    const commented = DEFINITION.replace('x-amazon-apigateway-binary-media-types', '# apigw-disable-next-line unused-code-x -- legacy\nx-amazon-apigateway-binary-media-types');
    const { text } = await disabled(commented.replace('unused-code-x', 'invalid-enum-value'), 'invalid-media-type');
    assert.match(text!, /^# apigw-disable-next-line invalid-enum-value, invalid-media-type -- legacy$/m);
  });

  it('adds the code to a comment after the value above, which a comment line between would strand', async () => {
    const trailing = DEFINITION.replace('        type: mock\n', '        type: mock # apigw-disable-next-line unknown-code-here\n');
    const { text, codes } = await disabled(trailing, 'invalid-enum-value');
    assert.match(text!, /^ {8}type: mock # apigw-disable-next-line unknown-code-here, invalid-enum-value$/m);
    assert.ok(!codes.includes('invalid-enum-value'));
  });

  it('keeps the line endings of a CRLF file, and writes after a byte order mark', async () => {
    const crlf = await disabled(DEFINITION.replace(/\n/g, '\r\n'), 'invalid-enum-value');
    assert.match(crlf.text!, /\r\n {8}# apigw-disable-next-line invalid-enum-value\r\n {8}passthroughBehavior/);
    assert.doesNotMatch(crlf.text!, /[^\r]\n/);
    const bom = await disabled(`\uFEFF${DEFINITION.replace('3.0.1', '3.1.0')}`, 'openapi-31-not-importable');
    assert.ok(bom.text!.startsWith('\uFEFF# apigw-disable-next-line openapi-31-not-importable\nopenapi: 3.1.0\n'));
    assert.ok(!bom.codes.includes('openapi-31-not-importable'));
    assert.ok(!bom.codes.includes('openapi-schema'), bom.codes.join(', '));
  });

  it('is not offered inside a mapping template, where a # line would be the template\'s text', async () => {
    const document = parse(DEFINITION);
    const inTemplate = (await validateDocument(document)).filter((d) => d.range.start.line >= 11 && d.range.start.line <= 12);
    assert.ok(inTemplate.length > 0, 'the template has a finding');
    assert.deepEqual(suppressionActions(document, { diagnostics: inTemplate }), []);
  });

  it('is offered in YAML only, never preferred, and only when quick fixes are asked for', async () => {
    const document = parse(DEFINITION);
    const diagnostics = await validateDocument(document);
    const actions = suppressionActions(document, { diagnostics });
    assert.ok(actions.length > 0);
    assert.ok(actions.every((a) => a.isPreferred === false && /^Disable [a-z-]+ on this line \(comment\)$/.test(a.title)));
    assert.deepEqual(suppressionActions(document, { diagnostics, only: ['refactor'] }), []);
    const json = parse('{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}, "x-amazon-apigateway-api-key-source": "body"}', 'json');
    assert.deepEqual(suppressionActions(json, { diagnostics: await validateDocument(json) }), []);
  });
});
