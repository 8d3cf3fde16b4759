import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument, type ApiDocument } from '../../../server/src/model/apiDocument';

export function parseDocument(text: string, uri = 'file:///api.yaml'): ApiDocument {
  return parseApiDocument(TextDocument.create(uri, uri.endsWith('.json') ? 'json' : 'yaml', 1, text));
}

/** Splits a text at its `|` cursor marker (the first one). */
export function withCursor(marked: string, marker = '‸'): { text: string; offset: number } {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error('no cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

/** A minimal OpenAPI 3 document with one operation whose integration has the given request template lines. */
export function yamlWithRequestTemplate(templateYaml: string, integrationType = 'aws'): string {
  return [
    'openapi: 3.0.1',
    'info: { title: t, version: "1" }',
    'paths:',
    '  /pets:',
    '    post:',
    '      responses: { "200": { description: ok } }',
    '      x-amazon-apigateway-integration:',
    `        type: ${integrationType}`,
    '        httpMethod: POST',
    '        uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
    '        requestTemplates:',
    `          application/json: ${templateYaml}`,
    '',
  ].join('\n');
}

/** The line of the text (cursor mark removed) holding `needle`, its first occurrence. */
export function lineOf(marked: string, needle: string): number {
  const { text } = withCursor(marked);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return text.slice(0, at).split('\n').length - 1;
}
