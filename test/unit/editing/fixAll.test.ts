import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { asksForFixAll, fixAllActions, FIX_ALL_KIND, type FixingService } from '../../../server/src/services/fixAll';
import { changedSpans } from '../../../server/src/services/textChanges';
import { fixableDefinition } from '../../support/fixableDefinition';

const API_URI = 'file:///fix-all/api.yaml';

/** A misspelt validator, a value in the wrong case, two statuses without method responses, an undeclared path parameter. */
const { fixable: FIXABLE, fixed: FIXED } = fixableDefinition(true);

const ASKED = { diagnostics: [], only: [FIX_ALL_KIND] };

/** The document's text after the action's edits, as the editor applies them. */
function applied(document: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(document, action.edit!.changes![document.uri]);
}

/** The service with its validations counted: the first check, then one after each pass. */
function counted(service: FixingService): FixingService & { checks: number } {
  const wrapper = {
    checks: 0,
    doValidation: (...args: Parameters<FixingService['doValidation']>) => {
      wrapper.checks++;
      return service.doValidation(...args);
    },
    getCodeActions: service.getCodeActions,
  };
  return wrapper;
}

describe('Fix all', () => {
  it('applies every preferred fix of a definition as one action, in small edits', async () => {
    const document = TextDocument.create(API_URI, 'yaml', 1, FIXABLE.join('\n'));
    const actions = await fixAllActions(createLanguageService(), document, ASKED);
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.kind, 'source.fixAll.apigateway');
    // The path parameter's fix answers two findings: the template expression and the mapping that reads it.
    assert.equal(action.title, 'Fix all certain problems (6)');
    assert.equal(applied(document, action), FIXED.join('\n'));
    // Unchanged lines are left out of the edits, and a changed value is replaced alone.
    const edits = action.edit!.changes![API_URI];
    assert.deepEqual(
      edits.map((edit) => [edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character]),
      [
        [9, 48, 9, 49],
        [13, 0, 13, 0],
        [17, 25, 17, 40],
        [27, 0, 27, 0],
      ],
    );
  });

  it("leaves the editor's version in the service's caches, the passes' versions going to a service of their own", async () => {
    const service = createLanguageService();
    const document = TextDocument.create(API_URI, 'yaml', 1, FIXABLE.join('\n'));
    await service.doValidation(document);
    const parsed = service.parse(document);
    const [action] = await service.getFixAll(document, ASKED);
    assert.equal(applied(document, action), FIXED.join('\n'));
    assert.equal(service.parse(document), parsed);
  });

  it('applies fixes that insert at one place in later passes', async () => {
    const statuses = (codes: string[]) =>
      TextDocument.create(API_URI, 'yaml', 1, [
        'openapi: 3.0.1',
        "info: {title: Pets, version: '1'}",
        'paths:',
        '  /pets:',
        '    get:',
        '      responses:',
        "        '200':",
        '          description: ok',
        '      x-amazon-apigateway-integration:',
        '        type: HTTP',
        '        httpMethod: GET',
        '        uri: https://example.com/pets',
        '        responses:',
        ...codes.flatMap((code) => [`          '${code[0]}\\d{2}':`, `            statusCode: '${code}'`]),
        '          default:',
        "            statusCode: '200'",
        '',
      ].join('\n'));
    const one = counted(createLanguageService());
    await fixAllActions(one, statuses(['404']), ASKED);
    // The first check, then one after the only pass.
    assert.equal(one.checks, 2);
    const document = statuses(['404', '500']);
    const two = counted(createLanguageService());
    const [action] = await fixAllActions(two, document, ASKED);
    // The 404 and 500 responses both go after the 200: the second waits for the pass after the first.
    assert.equal(two.checks, 3);
    assert.equal(action.title, 'Fix all certain problems (2)');
    assert.match(applied(document, action), /'200':\n {10}description: ok\n {8}'404':\n {10}description: Not Found\n {8}'500':\n {10}description: Internal Server Error\n {6}x-amazon/);
  });

  it('keeps the line breaks of a CRLF document', async () => {
    const document = TextDocument.create(API_URI, 'yaml', 1, FIXABLE.join('\r\n'));
    const [action] = await fixAllActions(createLanguageService(), document, ASKED);
    assert.equal(applied(document, action), FIXED.join('\r\n'));
  });

  it('fixes a standalone template', async () => {
    const text = `{"n": $input.Path('$.n'), "ip": "$context.identity.sourceIP", "e": "$util.escapeJavaScript($input.path('$.e'))"}\n`;
    const document = TextDocument.create('file:///fix-all/request.vtl', 'vtl', 1, text);
    const [action, ...rest] = await fixAllActions(createLanguageService(), document, ASKED);
    assert.equal(rest.length, 0);
    assert.equal(action.title, 'Fix all certain problems (3)');
    assert.equal(applied(document, action), `{"n": $input.path('$.n'), "ip": "$context.identity.sourceIp", "e": "$util.escapeJavaScript($input.path('$.e')).replaceAll("\\\\'","'")"}\n`);
  });

  it('offers nothing when no preferred fix applies', async () => {
    const clean = TextDocument.create(API_URI, 'yaml', 1, FIXED.join('\n'));
    assert.deepEqual(await fixAllActions(createLanguageService(), clean, ASKED), []);
    const template = TextDocument.create('file:///fix-all/clean.vtl', 'vtl', 1, `{"n": $input.json('$.n')}\n`);
    assert.deepEqual(await fixAllActions(createLanguageService(), template, ASKED), []);
    // A boolean mapping value's static value would send what the imported API never sent.
    const boolean = FIXED.join('\n').replace(/( +)(integration\.request\.path\.petId: .*\n)/, '$1$2$1integration.request.header.nothing: true\n');
    assert.notEqual(boolean, FIXED.join('\n'));
    assert.deepEqual(await fixAllActions(createLanguageService(), TextDocument.create(API_URI, 'yaml', 1, boolean), ASKED), []);
  });

  it('is worked out only when the request asks for source actions or fix-all ones', async () => {
    for (const only of [[FIX_ALL_KIND], [CodeActionKind.SourceFixAll], [CodeActionKind.Source], [CodeActionKind.QuickFix, CodeActionKind.Source]]) assert.equal(asksForFixAll(only), true, only.join());
    for (const only of [undefined, [], [CodeActionKind.QuickFix], [CodeActionKind.Refactor], [CodeActionKind.SourceOrganizeImports], ['source.fixAll.eslint'], ['source.fix']]) assert.equal(asksForFixAll(only), false, String(only));
    const document = TextDocument.create(API_URI, 'yaml', 1, FIXABLE.join('\n'));
    const service = counted(createLanguageService());
    assert.deepEqual(await fixAllActions(service, document, { diagnostics: [] }), []);
    assert.deepEqual(await fixAllActions(service, document, { diagnostics: [], only: [CodeActionKind.QuickFix] }), []);
    assert.equal(service.checks, 0);
    assert.equal((await fixAllActions(service, document, { diagnostics: [], only: [CodeActionKind.Source] })).length, 1);
  });

  it('leaves out a fix that would break the syntax and applies the others', async () => {
    // Each `x` is a finding; the fix of the first would open a flow mapping it never closes.
    const finding = (document: TextDocument, at: number): Diagnostic => ({ range: { start: document.positionAt(at), end: document.positionAt(at + 1) }, severity: DiagnosticSeverity.Error, code: 'letter-x', message: `x at ${at}` });
    const service: FixingService = {
      doValidation: async (document) => [...document.getText().matchAll(/x/g)].map((m) => finding(document, m.index)),
      getCodeActions: (document, range, context) => {
        const [diagnostic] = context.diagnostics;
        const first = document.offsetAt(range.start) === 3;
        return [{ title: first ? 'Open a brace' : 'Write y', kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diagnostic], edit: { changes: { [document.uri]: [{ range, newText: first ? '{' : 'y' }] } } }];
      },
    };
    const document = TextDocument.create(API_URI, 'yaml', 1, 'a: x\nb: x\n');
    const [action] = await fixAllActions(service, document, ASKED);
    assert.equal(action.title, 'Fix all certain problems (1)');
    assert.equal(applied(document, action), 'a: x\nb: y\n');
  });

  /**
   * A MOCK integration with a JSON and a plain text template, each with a `Q` finding whose preferred fix writes the
   * given text in place of the `Q`.
   */
  function twoTemplates(json: string, plain: string, jsonFix: string, plainFix: string): { document: TextDocument; service: FixingService } {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    post:',
      "      responses: {'200': {description: ok}}",
      '      x-amazon-apigateway-integration:',
      '        type: MOCK',
      '        requestTemplates:',
      `          application/json: '${json}'`,
      `          text/plain: '${plain}'`,
      '',
    ].join('\n');
    const finding = (document: TextDocument, at: number): Diagnostic => ({ range: { start: document.positionAt(at), end: document.positionAt(at + 1) }, severity: DiagnosticSeverity.Warning, code: 'letter-q', message: 'Q' });
    const service: FixingService = {
      doValidation: async (document) => [...document.getText().matchAll(/Q/g)].map((m) => finding(document, m.index)),
      getCodeActions: (document, range, context) => {
        const [diagnostic] = context.diagnostics;
        const newText = document.getText().split('\n')[range.start.line].includes('application/json') ? jsonFix : plainFix;
        return [{ title: `Write ${newText}`, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diagnostic], edit: { changes: { [document.uri]: [{ range, newText }] } } }];
      },
    };
    return { document: TextDocument.create(API_URI, 'yaml', 1, text), service };
  }

  it('leaves out a fix that would break the syntax of a mapping template, the YAML still parsing', async () => {
    // The first template's fix would leave an #if without its #end.
    const { document, service } = twoTemplates('{"a": "Q"}', '{"b": "Q"}', '#if($a)', 'y');
    const [action] = await fixAllActions(service, document, ASKED);
    assert.equal(action.title, 'Fix all certain problems (1)');
    assert.equal(applied(document, action), document.getText().replace('"b": "Q"', '"b": "y"'));
  });

  it('judges each template apart: a fix that repairs one does not let another that breaks a second through', async () => {
    const { document, service } = twoTemplates('#if($a) {"a": 1} Q', '{"b": "Q"}', '#end', '#if($b)');
    const [action] = await fixAllActions(service, document, ASKED);
    assert.equal(action.title, 'Fix all certain problems (1)');
    assert.equal(applied(document, action), document.getText().replace('} Q', '} #end'));
  });
});

describe('the edits between two texts', () => {
  const roundTrip = (before: string, after: string) => {
    const document = TextDocument.create('file:///t.txt', 'plaintext', 1, before);
    const spans = changedSpans(before, after);
    const edits = spans.map(({ start, end, newText }) => ({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText }));
    assert.equal(TextDocument.applyEdits(document, edits), after);
    return spans;
  };

  it('replaces only the characters that differ, run by run', () => {
    assert.deepEqual(roundTrip('a: one\nb: two\nc: three\n', 'a: One\nb: two\nc: three!\n'), [
      { start: 3, end: 4, newText: 'O' },
      { start: 22, end: 22, newText: '!' },
    ]);
    assert.deepEqual(roundTrip('a\nb', 'a\nb\nc'), [{ start: 3, end: 3, newText: '\nc' }]);
    assert.deepEqual(roundTrip('a\nb\nc\n', 'a\nc\n'), [{ start: 2, end: 4, newText: '' }]);
    assert.deepEqual(roundTrip('same\n', 'same\n'), []);
  });

  it('never ends an edit inside a CRLF line break or a surrogate pair', () => {
    // A line break made LF: the edit takes the whole CRLF it replaces, not the `\r` alone.
    assert.deepEqual(roundTrip('a\r\nb\r\n', 'a\nb\r\n'), [{ start: 1, end: 3, newText: '\n' }]);
    const pair = roundTrip('x: \u{1F600}\n', 'x: \u{1F601}\n');
    assert.deepEqual(pair, [{ start: 3, end: 5, newText: '\u{1F601}' }]);
  });
});
