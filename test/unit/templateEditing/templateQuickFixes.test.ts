import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { parseApiDocument, type ApiDocument } from '../../../server/src/model/apiDocument';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { standaloneTemplateCodeActions } from '../../../server/src/services/templates/templateFixes';
import { validateStandaloneTemplate } from '../../../server/src/services/templates/templateValidation';
import { createLanguageService } from '../../../server/src/languageService';
import { validateDocument } from '../../../server/src/services/validation';

type Host = 'block' | 'single' | 'double' | 'json';
type Place = 'request' | 'gatewayResponse';

const HOSTS: Host[] = ['block', 'single', 'double', 'json'];
const INDENT = '            ';

/** The template written as a YAML block, single- or double-quoted scalar, or a JSON string. */
function written(template: string, host: Host): string {
  switch (host) {
    case 'block':
      return `|-\n${template.split('\n').map((line) => INDENT + line).join('\n')}`;
    case 'single':
      // A line break in a single-quoted scalar is written as an empty line.
      return `'${template.replace(/'/g, "''").replace(/\n/g, `\n\n${INDENT}`)}'`;
    default:
      return JSON.stringify(template);
  }
}

function definition(template: string, host: Host, place: Place = 'request'): string {
  if (host === 'json') {
    const templates = { 'application/json': template };
    const api = place === 'request'
      ? { openapi: '3.0.1', info: { title: 't', version: '1' }, paths: { '/pets': { post: { responses: { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'aws', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem', requestTemplates: templates } } } } }
      : { openapi: '3.0.1', info: { title: 't', version: '1' }, paths: {}, 'x-amazon-apigateway-gateway-responses': { BAD_REQUEST_BODY: { statusCode: 400, responseTemplates: templates } } };
    return JSON.stringify(api, null, 2);
  }
  const value = written(template, host);
  if (place === 'gatewayResponse') {
    return ['openapi: 3.0.1', 'info: { title: t, version: "1" }', 'paths: {}', 'x-amazon-apigateway-gateway-responses:', '  BAD_REQUEST_BODY:', '    statusCode: 400', '    responseTemplates:', `          application/json: ${value}`, ''].join('\n');
  }
  return [
    'openapi: 3.0.1',
    'info: { title: t, version: "1" }',
    'paths:',
    '  /pets:',
    '    post:',
    '      responses: { "200": { description: ok } }',
    '      x-amazon-apigateway-integration:',
    '        type: aws',
    '        httpMethod: POST',
    '        uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
    '        requestTemplates:',
    `          application/json: ${value}`,
    '',
  ].join('\n');
}

function parse(text: string, host: Host): ApiDocument {
  const format = host === 'json' ? 'json' : 'yaml';
  return parseApiDocument(TextDocument.create(`file:///api.${format}`, format, 1, text));
}

async function findings(document: ApiDocument, code: string): Promise<Diagnostic[]> {
  return (await validateDocument(document)).filter((d) => d.code === code);
}

/** The quick fixes offered for every finding with `code`. */
async function fixesOf(text: string, host: Host, code: string): Promise<{ document: ApiDocument; found: Diagnostic[]; actions: CodeAction[] }> {
  const document = parse(text, host);
  const found = await findings(document, code);
  const actions = found.flatMap((d) => getCodeActions(document, d.range, { diagnostics: [d], only: ['quickfix'] }, 'rest'));
  return { document, found, actions };
}

/** Applies the one fix of each finding, and checks the findings gone and the template exactly as expected. */
async function assertFixed(template: string, expected: string, code: string, place: Place = 'request'): Promise<string[]> {
  const titles: string[] = [];
  for (const host of HOSTS) {
    const { document, found, actions } = await fixesOf(definition(template, host, place), host, code);
    assert.ok(found.length > 0, `${host}: no ${code} finding`);
    assert.equal(actions.length, found.length, `${host}: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(actions.every((a) => a.isPreferred), host);
    const edits = actions.flatMap((a) => a.edit!.changes![document.uri] as TextEdit[]);
    const fixed = TextDocument.applyEdits(document.textDocument, edits);
    assert.equal(fixed, definition(expected, host, place), host);
    const after = parse(fixed, host);
    assert.deepEqual(after.problems, [], host);
    assert.deepEqual(await findings(after, code), [], host);
    titles.push(...actions.map((a) => a.title));
  }
  return titles;
}

async function assertNoFix(text: string, host: Host, code: string): Promise<void> {
  const { found, actions } = await fixesOf(text, host, code);
  assert.ok(found.length > 0, `no ${code} finding`);
  assert.deepEqual(actions.map((a) => a.title), []);
}

describe('template quick fixes', () => {
  describe('$util.escapeJavaScript in a JSON string', () => {
    it("appends the documented replaceAll after the call, in each host's escaping", async () => {
      const titles = await assertFixed(
        `{"name": "$util.escapeJavaScript($input.path('$.name'))"}`,
        `{"name": "$util.escapeJavaScript($input.path('$.name')).replaceAll("\\\\'","'")"}`,
        'template-escape-javascript-in-json',
      );
      assert.equal(titles[0], `Append .replaceAll("\\\\'","'")`);
    });

    it('puts it before a method called on the result, and after a variable holding the output', async () => {
      await assertFixed(
        `#set($n = $util.escapeJavaScript($input.path('$.name')))\n{"a": "$n", "b": "\${n}", "c": "$util.escapeJavaScript($input.body).trim()"}`,
        `#set($n = $util.escapeJavaScript($input.path('$.name')))\n{"a": "$n.replaceAll("\\\\'","'")", "b": "\${n.replaceAll("\\\\'","'")}", "c": "$util.escapeJavaScript($input.body).replaceAll("\\\\'","'").trim()"}`,
        'template-escape-javascript-in-json',
      );
    });

    it('is written as it is into a plain scalar in a block mapping', async () => {
      const text = definition('x', 'block').replace('application/json: |-\n            x', `application/json: x "$util.escapeJavaScript($input.body)"`);
      const { document, actions } = await fixesOf(text, 'block', 'template-escape-javascript-in-json');
      const fixed = TextDocument.applyEdits(document.textDocument, actions[0].edit!.changes![document.uri] as TextEdit[]);
      assert.ok(fixed.includes(`application/json: x "$util.escapeJavaScript($input.body).replaceAll("\\\\'","'")"\n`), fixed);
      assert.deepEqual(await findings(parse(fixed, 'block'), 'template-escape-javascript-in-json'), []);
    });

    it('is not offered in a plain scalar inside a flow mapping, where its comma would end the scalar', async () => {
      const text = definition('x', 'block').replace('requestTemplates:\n          application/json: |-\n            x', `requestTemplates: { application/json: x "$util.escapeJavaScript($input.body)" }`);
      await assertNoFix(text, 'block', 'template-escape-javascript-in-json');
    });
  });

  describe('unknown members', () => {
    it('changes a member written in another letter case or with a typo to the catalog one', async () => {
      const titles = await assertFixed(
        `{"ip": "$context.identity.sourceIP", "body": $input.Json('$'), "p": $input.pat('$.p')}`,
        `{"ip": "$context.identity.sourceIp", "body": $input.json('$'), "p": $input.path('$.p')}`,
        'template-unknown-member',
      );
      assert.deepEqual(titles.slice(0, 3), ['Change to $context.identity.sourceIp', 'Change to $input.json', 'Change to $input.path']);
    });

    it('offers nothing without exactly one member meant', async () => {
      for (const host of HOSTS) {
        await assertNoFix(definition(`{"a": "$util.base64($input.body)"}`, host), host, 'template-unknown-member');
        await assertNoFix(definition(`{"a": "$context.somethingElse"}`, host), host, 'template-unknown-member');
      }
    });
  });

  describe('values that bring their own quotes', () => {
    it('removes the quotes around $input.json(...), also through a variable', async () => {
      await assertFixed(
        `#set($j = $input.json('$.tags'))\n{"name": "$input.json('$.name')", "tags": "$j"}`,
        `#set($j = $input.json('$.tags'))\n{"name": $input.json('$.name'), "tags": $j}`,
        'template-quoted-input-json',
      );
    });

    it('removes the quotes around $context.error.messageString in a gateway response', async () => {
      await assertFixed(`{"message": "$context.error.messageString"}`, `{"message": $context.error.messageString}`, 'template-quoted-message-string', 'gatewayResponse');
    });

    it('offers nothing when the JSON string holds other text', async () => {
      for (const host of HOSTS) {
        await assertNoFix(definition(`{"message": "Error: $context.error.messageString"}`, host, 'gatewayResponse'), host, 'template-quoted-message-string');
        await assertNoFix(definition(`{"name": "Name: $input.json('$.name')"}`, host), host, 'template-quoted-input-json');
      }
    });
  });

  describe('$context.error.validationErrorString in a JSON string', () => {
    it('escapes it with $util.escapeJavaScript, keeping the notation of the reference', async () => {
      await assertFixed(
        `{"a": "$context.error.validationErrorString", "b": "\${context.error.validationErrorString}x"}`,
        `{"a": "$util.escapeJavaScript($context.error.validationErrorString).replaceAll("\\\\'","'")", "b": "\${util.escapeJavaScript($context.error.validationErrorString).replaceAll("\\\\'","'")}x"}`,
        'template-validation-error-in-json',
      );
    });

    it('offers nothing in a gateway response template, which cannot call $util', async () => {
      for (const host of HOSTS) {
        await assertNoFix(definition(`{"message": "$context.error.validationErrorString"}`, host, 'gatewayResponse'), host, 'template-validation-error-in-json');
      }
    });
  });

  describe('#set without its parenthesis', () => {
    it('puts the parentheses around the assignment', async () => {
      const titles = await assertFixed(
        `#set $name = $input.path('$.name')\n{"name": "$util.escapeJavaScript($name).replaceAll("\\\\'","'")"}`,
        `#set($name = $input.path('$.name'))\n{"name": "$util.escapeJavaScript($name).replaceAll("\\\\'","'")"}`,
        'template-set-as-text',
      );
      assert.equal(titles[0], `Change to #set($name = $input.path('$.name'))`);
    });

    it('leaves the assignment to the fix of a finding inside it: both apply together', async () => {
      for (const host of HOSTS) {
        const text = definition(`#set $p = $input.Pat('$.p')\n{"p": $p}`, host);
        const document = parse(text, host);
        const found = (await validateDocument(document)).filter((d) => d.code === 'template-set-as-text' || d.code === 'template-unknown-member');
        assert.equal(found.length, 2, host);
        const actions = found.flatMap((d) => getCodeActions(document, d.range, { diagnostics: [d], only: ['quickfix'] }, 'rest'));
        const fixed = TextDocument.applyEdits(document.textDocument, actions.filter((a) => a.isPreferred).flatMap((a) => a.edit!.changes![document.uri] as TextEdit[]));
        assert.equal(fixed, definition(`#set($p = $input.path('$.p'))\n{"p": $p}`, host), host);
      }
    });

    it('offers nothing when the rest of the line is not one assignment', async () => {
      for (const host of HOSTS) {
        await assertNoFix(definition(`#set is written out\n{}`, host), host, 'template-set-as-text');
        await assertNoFix(definition(`#set $a = 1 ## note\n{}`, host), host, 'template-set-as-text');
      }
    });
  });

  describe('standalone .vtl files', () => {
    async function fixStandalone(template: string, code: string): Promise<string> {
      const document = TextDocument.create('file:///request.vtl', 'vtl', 1, template);
      const diagnostics = (await createLanguageService().doValidation(document)).filter((d) => d.code === code);
      assert.ok(diagnostics.length > 0);
      const actions = standaloneTemplateCodeActions(document, { diagnostics, only: ['quickfix'] });
      assert.equal(actions.length, diagnostics.length, actions.map((a) => a.title).join(', '));
      const fixed = TextDocument.applyEdits(document, actions.flatMap((a) => a.edit!.changes![document.uri] as TextEdit[]));
      assert.deepEqual(validateStandaloneTemplate(fixed, document.uri).filter((p) => p.code === code), []);
      return fixed;
    }

    it('fixes the findings of the file itself', async () => {
      assert.equal(await fixStandalone(`{"n": "$util.escapeJavaScript($input.body)"}`, 'template-escape-javascript-in-json'), `{"n": "$util.escapeJavaScript($input.body).replaceAll("\\\\'","'")"}`);
      assert.equal(await fixStandalone(`{"n": $input.Path('$.n')}`, 'template-unknown-member'), `{"n": $input.path('$.n')}`);
      assert.equal(await fixStandalone(`{"n": "$input.json('$.n')"}`, 'template-quoted-input-json'), `{"n": $input.json('$.n')}`);
      assert.equal(await fixStandalone(`#set $n = 1\n{"n": $n}`, 'template-set-as-text'), `#set($n = 1)\n{"n": $n}`);
    });

    it('answers only for quick fixes', () => {
      const document = TextDocument.create('file:///request.vtl', 'vtl', 1, `{"n": $input.Path('$.n')}`);
      const diagnostics = validateStandaloneTemplate(document.getText()).map((p) => ({ range: { start: document.positionAt(p.offset), end: document.positionAt(p.end) }, code: p.code, message: p.message }));
      assert.deepEqual(standaloneTemplateCodeActions(document, { diagnostics, only: ['refactor'] }), []);
      assert.equal(standaloneTemplateCodeActions(document, { diagnostics }).length, 1);
    });
  });
});
