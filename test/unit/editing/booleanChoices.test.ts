import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';

async function newTextOf(language: 'json' | 'yaml', text: string, after: string, label: string): Promise<string | undefined> {
  const document = TextDocument.create(`file:///choices.${language}`, language, 1, text);
  const list = await createLanguageService().doComplete(document, document.positionAt(text.indexOf(after) + after.length));
  const item = list.items.find((i) => i.label === label);
  return item?.textEdit?.newText;
}

describe('keys whose value is a boolean', () => {
  it('insert the choice of true and false, so that a JSON document stays valid', async () => {
    const json = '{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "x-amazon-apigateway-request-validators": {"all": { "" }}, "paths": {"/a": {"get": { "" }}}}';
    assert.equal(await newTextOf('json', json, '"all": { "', 'validateRequestBody'), '"validateRequestBody": ${1|true,false|}$0');
    assert.equal(await newTextOf('json', json, '"get": { "', 'deprecated'), '"deprecated": ${1|true,false|}$0');
    const yaml = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-request-validators:\n  all:\n    \npaths: {}\n";
    assert.equal(await newTextOf('yaml', yaml, 'all:\n    ', 'validateRequestBody'), 'validateRequestBody: ${1|true,false|}$0');
  });
});

describe('keys whose value is a number', () => {
  it('insert a selected number, the catalog\'s example or lower bound, so that a JSON document stays valid', async () => {
    const json = '{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "mock", "" }}}}}';
    assert.equal(await newTextOf('json', json, '"type": "mock", "', 'timeoutInMillis'), '"timeoutInMillis": ${1:29000}$0');
    const yaml = 'openapi: 3.0.1\ninfo: {title: t, version: \'1\'}\nx-amazon-apigateway-cors:\n  \npaths: {}\n';
    assert.equal(await newTextOf('yaml', yaml, 'cors:\n  ', 'maxAge'), 'maxAge: ${1:0}$0');
  });
});
