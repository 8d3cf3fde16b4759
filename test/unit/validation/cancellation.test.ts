import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';
import { validateWithRecord } from '../../../server/src/services/incrementalValidation';
import { RULES } from '../../../server/src/services/rules';
import { integrationSettingsRule } from '../../../server/src/services/rules/integrationSettings';
import { createContext, runRules } from '../../../server/src/services/validation';
import { createValidationCaches } from '../../../server/src/services/validationCaches';
import { parse } from './validate';

/** Operations whose integrations each miss their `uri`: one finding per operation. */
function manyOperations(count: number, marker = ''): string {
  const paths = Array.from({ length: count }, (_, i) => `  /r${i}:\n    get:\n      responses: { '200': { description: ok${marker} } }\n      x-amazon-apigateway-integration: { type: HTTP, httpMethod: GET }\n`);
  return `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n${paths.join('')}`;
}

/** A flag that turns true once the event loop gets a turn, as a newer document version arriving would. */
function staleOnNextTurn(): () => boolean {
  let stale = false;
  setImmediate(() => (stale = true));
  return () => stale;
}

describe('cancellation', () => {
  it('lets a newer version arriving during a full validation stop it before the next rule', async () => {
    const results = await runRules(parse(manyOperations(50)), { isCancelled: staleOnNextTurn() });
    assert.equal(results.cancelled, true);
    assert.ok(results.byRule!.length < RULES.length);
  });

  it('lets a newer version stop a rule in the middle of many operations', async () => {
    const document = parse(manyOperations(1000));
    const complete = createContext(document, 'rest', {}, createValidationCaches(), []);
    await integrationSettingsRule(complete);
    assert.equal(complete.problems.length, 1000);
    const context = createContext(document, 'rest', { isCancelled: staleOnNextTurn() }, createValidationCaches(), []);
    await integrationSettingsRule(context);
    assert.ok(context.problems.length < 1000, `${context.problems.length} problems`);
  });

  it('lets a newer version stop a validation by parts', async () => {
    const text = manyOperations(200);
    const { record } = await validateWithRecord(parse(text), {}, undefined);
    assert.ok(record);
    const edited = text.replace('description: ok', 'description: fine');
    const { results } = await validateWithRecord(parse(edited), { isCancelled: staleOnNextTurn() }, record);
    assert.equal(results.cancelled, true);
  });

  it('serves a request that arrives while a large document is validated', async () => {
    const service = createLanguageService();
    const large = TextDocument.create('file:///large.yaml', 'yaml', 1, manyOperations(3000));
    const small = TextDocument.create('file:///small.yaml', 'yaml', 1, manyOperations(1));
    const finished: string[] = [];
    const largeDone = service.doValidation(large).then(() => finished.push('large'));
    const smallDone = new Promise<void>((resolve) => {
      setImmediate(() => void service.doValidation(small).then(() => {
        finished.push('small');
        resolve();
      }));
    });
    await Promise.all([largeDone, smallDone]);
    assert.deepEqual(finished, ['small', 'large']);
  });
});
