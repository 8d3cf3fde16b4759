import assert from 'node:assert/strict';
import { javaPatternError } from '../../../server/src/services/rules/javaRegex';
import { selectIntegrationResponseKey } from '../../../server/src/template/responseSelection';
import { restYaml, validate, withCode } from './validate';

/** The selection-pattern problems the language server reports for these `responses` keys. */
async function reported(keys: string[]): Promise<string[]> {
  const lines = keys.map((key) => `  '${key.replace(/'/g, "''")}': { statusCode: '200' }`).join('\n');
  const text = restYaml(`type: mock
requestTemplates:
  application/json: '{}'
responses:
${lines}
  default: { statusCode: '200' }`);
  return withCode(await validate(text), 'invalid-selection-pattern').map((d) => d.message);
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
});
