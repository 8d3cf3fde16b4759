import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { javaPatternBacktracking, javaPatternError } from '../../../server/src/services/rules/javaRegex';
import { selectIntegrationResponseKey } from '../../../server/src/template/responseSelection';
import { restYaml, validate, withCode, type TextDiagnostic } from './validate';

/** The diagnostics the language server reports for these `responses` keys. */
async function diagnosticsFor(keys: string[]): Promise<TextDiagnostic[]> {
  const lines = keys.map((key) => `  '${key.replace(/'/g, "''")}': { statusCode: '200' }`).join('\n');
  const text = restYaml(`type: mock
requestTemplates:
  application/json: '{}'
responses:
${lines}
  default: { statusCode: '200' }`);
  return validate(text);
}

/** The selection-pattern problems the language server reports for these `responses` keys. */
async function reported(keys: string[]): Promise<string[]> {
  return withCode(await diagnosticsFor(keys), 'invalid-selection-pattern').map((d) => d.message);
}

async function backtrackingWarnings(keys: string[]): Promise<TextDiagnostic[]> {
  return withCode(await diagnosticsFor(keys), 'selection-pattern-backtracking');
}

describe('integration response selection patterns', () => {
  const rejected: Array<[string, RegExp]> = [
    ['2\\d{2', /Unclosed counted closure/],
    ['a{', /Illegal repetition/],
    ['{foo}', /Illegal repetition near index 0/],
    ['x{2,1}', /Illegal repetition range/],
    ['4\\d\\d**', /Dangling meta character '\*'/],
    ['(5\\d\\d', /Unclosed group/],
    ['[a-z', /Unclosed character class/],
    ['\\p{Foo}', /Unknown character property name \{Foo\}/],
    ['(?<=a+)b', /Look-behind group does not have an obvious maximum length/],
    ['\\y', /Illegal\/unsupported escape sequence/],
  ];
  for (const [pattern, message] of rejected) {
    it(`Java rejects ${pattern}, and so does the rule, in Java's words`, async () => {
      const [diagnostic] = await reported([pattern]);
      assert.ok(diagnostic, `no diagnostic for ${pattern}`);
      assert.match(diagnostic, message);
      assert.match(javaPatternError(pattern) ?? '', message);
    });
  }

  const accepted = [
    '\\p{Lower}+',
    '\\p{Alpha}++',
    '(?>5\\d\\d)',
    '[a-z&&[^e]]+',
    '.*(?i)error.*',
    '\\A4\\d{2}\\z',
    '.*\\Z',
    '2\\d{2}',
    '\\QNot found\\E.*',
    'a{2}{3}',
  ];
  for (const pattern of accepted) {
    it(`Java accepts ${pattern}, and so does the rule`, async () => {
      assert.deepEqual(await reported([pattern]), []);
      assert.equal(javaPatternError(pattern), undefined);
    });
  }

  it('a key the rule accepts is one the simulator can select, and a rejected key is skipped there too', () => {
    const responses = { '2\\d{2': { statusCode: '500' }, '\\p{Digit}{3}+': { statusCode: '201' }, default: { statusCode: '200' } };
    assert.ok(javaPatternError('2\\d{2'));
    assert.equal(javaPatternError('\\p{Digit}{3}+'), undefined);
    const result = selectIntegrationResponseKey(responses, { type: 'http', statusCode: 201 });
    assert.equal(result.key, '\\p{Digit}{3}+');
    assert.equal(result.errors[0].code, 'invalid-selection-pattern');
  });

  it('Java accepts \\p{InGreek}: a pattern valid in Java is not reported even where the simulator cannot run it', () => {
    assert.equal(javaPatternError('\\p{InGreek}'), undefined);
  });

  describe('patterns that can take exponential time', () => {
    const slow: Array<[pattern: string, fragment: string]> = [
      ['(a+)+', '(a+)+'],
      ['(.*,)*Error', '(.*,)*'],
      ['(\\w|\\d)+ not found', '(\\w|\\d)+'],
      ['(\\d+|\\w+)*!', '(\\d+|\\w+)*'],
      ['.*(\\w+\\s?)+: timeout', '(\\w+\\s?)+'],
    ];
    for (const [pattern, fragment] of slow) {
      it(`${pattern} is valid, so it gets a warning naming ${fragment}, not an error`, async () => {
        const [warning, ...more] = await backtrackingWarnings([pattern]);
        assert.ok(warning, `no warning for ${pattern}`);
        assert.equal(more.length, 0);
        assert.equal(warning.severity, DiagnosticSeverity.Warning);
        assert.ok(warning.message.includes(`in ${fragment} the repetition can match the same text in exponentially many ways`), warning.message);
        assert.deepEqual(await reported([pattern]), []);
      });
    }

    const fine = ['.*Error.*', '(?i)invalid.*', '2\\d{2}', '(4|5)\\d{2}', '^\\{.*\\}$', '([^,]+),?', '(https?://)?[^/]+', '([a-z]+,)*[a-z]+', '(a|ab)*c', '(\\w|\\d)++', '.*\\[(BadRequest|NotFound)\\].*'];
    for (const pattern of fine) {
      it(`${pattern} gets no warning`, async () => {
        assert.deepEqual(await backtrackingWarnings([pattern]), []);
        assert.equal(javaPatternBacktracking(pattern), undefined);
      });
    }

    it('an invalid pattern gets only its syntax error', async () => {
      assert.deepEqual(await backtrackingWarnings(['(a+)+(']), []);
      assert.equal((await reported(['(a+)+('])).length, 1);
    });

    it('the warning names the pattern, and the simulator tries that key within the time budget, naming the same fragment', async () => {
      const diagnostics = await diagnosticsFor(['(a|aa)*c']);
      const [warning] = withCode(diagnostics, 'selection-pattern-backtracking');
      assert.ok(warning);
      assert.match(warning.message, /^The selection pattern "\(a\|aa\)\*c" is a valid Java regular expression, but in \(a\|aa\)\* the repetition /);
      const selection = selectIntegrationResponseKey({ '(a|aa)*c': { statusCode: '400' }, default: { statusCode: '200' } }, { type: 'lambda', errorMessage: 'a'.repeat(60) });
      // API Gateway would still be matching: no key is chosen, and the request fails as one out of time.
      assert.equal(selection.key, undefined);
      assert.equal(selection.timedOut, true);
      assert.match(selection.errors[0].message, /In \(a\|aa\)\* the repetition /);
    });
  });
});
