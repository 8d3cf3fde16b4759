import { getCodeActions } from '../../../server/src/services/codeActions';
import assert from 'node:assert/strict';
import { toDiagnostics } from '../../../server/src/services/validation';
import type { Problem } from '../../../server/src/services/validationTypes';
import { parse, validate } from './validate';
import { createContext, runRule } from '../../../server/src/services/validation';
import { createValidationCaches } from '../../../server/src/services/validationCaches';
import { parseApiDocument } from '../../../server/src/model/apiDocument';
import { TextDocument } from 'vscode-languageserver-textdocument';

const problem = (offset: number, end: number, message = 'm', code = 'openapi-schema'): Problem => ({ offset, end, code, message });

describe('Diagnostics from problems', () => {
  for (const [name, eol] of [['line feeds', '\n'], ['carriage returns and line feeds', '\r\n'], ['carriage returns', '\r']] as const) {
    it(`places ranges as the TextDocument does, in text with ${name}`, () => {
      const text = ['openapi: 3.0.1', 'info:', '  title: t', '', 'paths: {}', ''].join(eol);
      const document = parse(text);
      const offsets = [0, 5, text.indexOf('info'), text.indexOf('title') + 3, text.indexOf('paths') - 1, text.length - 1, text.length, text.length + 5];
      const diagnostics = toDiagnostics(document, offsets.map((o, i) => problem(o, o + 1, `p${i}`)), {});
      assert.deepEqual(
        diagnostics.map((d) => d.range),
        offsets.map((o) => ({ start: document.textDocument.positionAt(o), end: document.textDocument.positionAt(o + 1) })),
      );
    });
  }

  it('keeps one of identical problems and every problem that differs in range, code or message', () => {
    const document = parse('openapi: 3.0.1\npaths: {}\n');
    const problems = [problem(0, 7), problem(0, 7), problem(0, 8), problem(0, 7, 'other'), problem(0, 7, 'm', 'openapi-31-not-importable'), problem(0, 7), problem(8, 9)];
    const kept = toDiagnostics(document, problems, {}).map((d) => [d.range.start.character, d.range.end.character, d.code, d.message]);
    assert.deepEqual(kept, [
      [0, 7, 'openapi-schema', 'm'],
      [0, 8, 'openapi-schema', 'm'],
      [0, 7, 'openapi-schema', 'other'],
      [0, 7, 'openapi-31-not-importable', 'm'],
      [8, 9, 'openapi-schema', 'm'],
    ]);
  });

  it('silences the lines that suppression comments name', () => {
    const text = 'openapi: 3.0.1\n# apigw-disable-next-line openapi-schema\ninfo: {}\npaths: {} # apigw-disable-line\nx: 1\n';
    const document = parse(text);
    const at = (s: string) => problem(text.indexOf(s), text.indexOf(s) + s.length);
    const problems = [at('info'), { ...at('info'), code: 'openapi-31-not-importable' }, at('paths'), at('x: 1')];
    const kept = toDiagnostics(document, problems, {}).map((d) => [d.range.start.line, d.code]);
    assert.deepEqual(kept, [[2, 'openapi-31-not-importable'], [4, 'openapi-schema']]);
  });

  it('warns of a code a suppression comment misspells, which silences nothing', () => {
    const text = 'openapi: 3.0.1\n# apigw-disable-next-line openapi-schema, unknown-request-validater\ninfo: {}\n';
    const diagnostics = toDiagnostics(parse(text), [], {});
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.message]), [
      ['unknown-suppressed-code', 1, 42, 67, '`unknown-request-validater` is no diagnostic code, so this comment silences nothing under that name. Did you mean `unknown-request-validator`?'],
    ]);
    const document = parse(text);
    const [action] = getCodeActions(document, diagnostics[0].range, { diagnostics }, 'rest');
    assert.equal(action.title, "Change to 'unknown-request-validator'");
    assert.deepEqual(action.edit?.changes?.[document.uri], [{ range: diagnostics[0].range, newText: 'unknown-request-validator' }]);
    // A reason after `--`, or words not shaped like codes, are no codes to check.
    const reasons = 'openapi: 3.0.1\n# apigw-disable-next-line openapi-schema -- legacy-clients send this\ninfo: {}\n# apigw-disable-line openapi-schema because legacy\n';
    assert.deepEqual(toDiagnostics(parse(reasons), [], {}), []);
    // The warning itself follows the severity settings.
    assert.deepEqual(toDiagnostics(parse(text), [], { severity: { 'unknown-suppressed-code': 'off' } }), []);
  });
});

describe('findings on a value left out', () => {
  it('go on its key, not at the start of the file', async () => {
    const base = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n";
    const integration = await validate(`${base}      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n`);
    assert.deepEqual(integration.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [['invalid-extension-type', 6, 6, 37]]);
    const type = await validate(`${base}      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type:\n`);
    assert.ok(type.some((d) => d.code === 'invalid-extension-type' && d.range.start.line === 7 && d.range.start.character === 8), JSON.stringify(type));
    const responses = await validate(`${base}      responses:\n`);
    assert.ok(responses.length > 0 && responses.every((d) => d.range.start.line === 5), JSON.stringify(responses));
  });
});

describe('a check that fails', () => {
  it('costs only its own findings, and says so on the document', async () => {
    const document = parseApiDocument(TextDocument.create('file:///api.yaml', 'yaml', 1, "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n"));
    const context = createContext(document, 'rest', {}, createValidationCaches(), []);
    await runRule(function integrationMappingsRule() {
      throw new RangeError('Maximum call stack size exceeded');
    }, context);
    assert.deepEqual(context.problems, [{ offset: 0, end: 0, code: 'check-failed', message: 'The integration mappings check stopped on this document (Maximum call stack size exceeded); its findings are missing, the other checks ran.' }]);
  });
});
