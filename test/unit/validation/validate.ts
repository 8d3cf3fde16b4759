import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseApiDocument, type ApiDocument } from '../../../server/src/model/apiDocument';
import { validateDocument } from '../../../server/src/services/validation';
import type { DocumentResolver, LanguageSettings } from '../../../server/src/services/validationTypes';

export interface ValidateOptions {
  json?: boolean;
  settings?: LanguageSettings;
  resolver?: DocumentResolver;
}

export function parse(text: string, json = false, uri = json ? 'file:///work/api.json' : 'file:///work/api.yaml'): ApiDocument {
  return parseApiDocument(TextDocument.create(uri, json ? 'json' : 'yaml', 1, text));
}

/** A diagnostic whose message is plain text, as every rule writes it. */
export type TextDiagnostic = Omit<Diagnostic, 'message'> & { message: string };

export async function validate(text: string, options: ValidateOptions = {}): Promise<TextDiagnostic[]> {
  const diagnostics = await validateDocument(parse(text, options.json), { settings: options.settings, resolver: options.resolver });
  return diagnostics.map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value }));
}

/** Diagnostics of one code. */
export function withCode(diagnostics: TextDiagnostic[], code: string): TextDiagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The codes present, sorted and without duplicates. */
export function codes(diagnostics: { code?: Diagnostic['code'] }[]): string[] {
  return [...new Set(diagnostics.map((d) => String(d.code)))].sort();
}

/** Line and character of the n-th occurrence of a needle, and of its end, for range assertions. */
export function rangeOf(text: string, needle: string, occurrence = 1): { start: { line: number; character: number }; end: { line: number; character: number } } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found`);
  }
  const doc = TextDocument.create('file:///x', 'yaml', 1, text);
  return { start: doc.positionAt(index), end: doc.positionAt(index + needle.length) };
}

/** A REST API operation in OpenAPI 3.0 YAML, with the given integration lines (indented under the operation). */
export function restYaml(integration: string, extraOperation = '', extraRoot = ''): string {
  return `openapi: 3.0.1
info:
  title: t
  version: '1'
${extraRoot}paths:
  /pets/{petId}:
    get:
      parameters:
        - name: petId
          in: path
          required: true
          schema: { type: string }
        - name: X-Trace
          in: header
          schema: { type: string }
      responses:
        '200':
          description: ok
          headers:
            X-Request-Id:
              schema: { type: string }
${extraOperation}      x-amazon-apigateway-integration:
${integration
  .split('\n')
  .filter((l) => l.length)
  .map((l) => `        ${l}`)
  .join('\n')}
`;
}

/**
 * A definition with one operation, `GET /a` answering 200, whose `x-amazon-apigateway-integration:` is followed by
 * `after` (its fields, indented by eight, and whatever comes next); `root` lines stand after `info`, shifting the rest.
 */
export function operationWithIntegration(after: string[], root: string[] = []): string {
  return ['openapi: 3.0.1', "info: {title: t, version: '1'}", ...root, 'paths:', '  /a:', '    get:', "      responses: {'200': {description: ok}}", '      x-amazon-apigateway-integration:', ...after, ''].join('\n');
}

/** A REST definition whose one MOCK integration has `template` (its lines) as the application/json request template. */
export function withRequestTemplate(template: string | string[]): string {
  const lines = Array.isArray(template) ? template : template.split('\n');
  return `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
${lines.map((line) => `            ${line}`).join('\n')}
        responses: { default: { statusCode: '200' } }
`;
}

/**
 * An HTTP API with one `HTTP_PROXY` operation, its integration's keys last so that a test can add its own; the export
 * marker makes it an HTTP API whatever else is added.
 */
export const HTTP_PROXY_OPERATION = `openapi: 3.0.1
info: {title: t, version: '1'}
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /pets:
    get:
      responses: {'200': {description: ok}}
      x-amazon-apigateway-integration:
        type: HTTP_PROXY
        httpMethod: GET
        uri: https://example.com/pets
        payloadFormatVersion: '1.0'
`;
