import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { insertAtPath, insertEntriesAtPath } from '../../../server/src/services/editing/edits';
import { applyEdits, parse } from './documents';

const RESPONSES = ['paths', '/p', 'post', 'responses'];
const ENTRIES = { '200': { description: 'OK' }, '500': { description: 'Internal Server Error' } };

/** The text after one insertion of both entries, checked to read back with both. */
function inserted(text: string, format: 'yaml' | 'json', path = RESPONSES): string {
  const document = parse(text, format);
  const edit = insertEntriesAtPath(document, path, ENTRIES);
  assert.ok(edit, text);
  const result = applyEdits(document, [edit]);
  const reparsed = parse(result, format);
  assert.deepEqual(reparsed.problems, [], result);
  let value = reparsed.value as any;
  for (const segment of path) value = value[segment];
  assert.deepEqual(value['200'], ENTRIES['200'], result);
  assert.deepEqual(value['500'], ENTRIES['500'], result);
  return result;
}

describe('inserting several entries in one edit', () => {
  it('separates the entries in an empty flow mapping and an empty JSON object', () => {
    assert.equal(
      inserted("openapi: 3.0.1\npaths:\n  /p:\n    post:\n      responses: {}\n", 'yaml'),
      "openapi: 3.0.1\npaths:\n  /p:\n    post:\n      responses: {'200': {description: OK}, '500': {description: Internal Server Error}}\n",
    );
    assert.equal(
      inserted('{\n  "paths": {\n    "/p": {\n      "post": {\n        "responses": {}\n      }\n    }\n  }\n}\n', 'json'),
      '{\n  "paths": {\n    "/p": {\n      "post": {\n        "responses": {\n          "200": {\n            "description": "OK"\n          },\n          "500": {\n            "description": "Internal Server Error"\n          }\n        }\n      }\n    }\n  }\n}\n',
    );
    assert.equal(inserted('{"paths": {"/p": {"post": {"responses": {}}}}}', 'json'), '{"paths": {"/p": {"post": {"responses": {"200": {"description": "OK"}, "500": {"description": "Internal Server Error"}}}}}}');
  });

  it('adds them after the entries already there, in block YAML, flow YAML and JSON', () => {
    assert.equal(
      inserted("openapi: 3.0.1\npaths:\n  /p:\n    post:\n      responses:\n        '201': {description: Created}\n", 'yaml'),
      "openapi: 3.0.1\npaths:\n  /p:\n    post:\n      responses:\n        '201': {description: Created}\n        '200':\n          description: OK\n        '500':\n          description: Internal Server Error\n",
    );
    assert.match(inserted("openapi: 3.0.1\npaths:\n  /p:\n    post:\n      responses: {'201': {description: Created}}\n", 'yaml'), /responses: \{'201': \{description: Created\}, '200': \{description: OK\}, '500': \{description: Internal Server Error\}\}/);
    assert.match(
      inserted('{\n  "paths": {\n    "/p": {\n      "post": {\n        "responses": {\n          "201": {"description": "Created"}\n        }\n      }\n    }\n  }\n}\n', 'json'),
      /"201": \{"description": "Created"\},\n {10}"200": \{\n {12}"description": "OK"\n {10}\},\n {10}"500": \{/,
    );
  });

  it('fills an empty key and creates missing objects on the way, as insertAtPath does', () => {
    assert.match(inserted('openapi: 3.0.1\npaths:\n  /p:\n    post:\n      responses:\n', 'yaml'), /\n {6}responses:\n {8}'200':\n {10}description: OK\n {8}'500':\n/);
    assert.match(inserted('openapi: 3.0.1\npaths:\n  /p:\n    post:\n      summary: s\n', 'yaml'), /\n {6}summary: s\n {6}responses:\n {8}'200':\n/);
  });

  it('leaves entries already written with a value alone, and is the one-entry insertAtPath', () => {
    const text = "openapi: 3.0.1\npaths:\n  /p:\n    post:\n      responses:\n        '200': {description: Fine}\n";
    const document = parse(text);
    const edit = insertEntriesAtPath(document, RESPONSES, ENTRIES) as TextEdit;
    assert.equal(edit.newText, "\n        '500':\n          description: Internal Server Error");
    assert.deepEqual(insertAtPath(document, RESPONSES, '500', ENTRIES['500']), edit);
    assert.equal(insertEntriesAtPath(document, RESPONSES, { '200': ENTRIES['200'] }), undefined);
    assert.equal(insertAtPath(document, RESPONSES, '200', ENTRIES['200']), undefined);
  });
});
