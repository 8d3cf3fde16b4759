import assert from 'node:assert/strict';
import { renderTemplate } from '../../../server/src/template/engine';
import { BacktrackingLimit } from '../../../server/src/template/javaRegex';
import { selectIntegrationResponseKey, selectionMatcher, simulateIntegrationResponse, type IntegrationResponse } from '../../../server/src/template/responseSelection';

const lambdaResponses: Record<string, IntegrationResponse> = {
  default: { statusCode: '200', responseTemplates: { 'application/json': '{"ok": $input.json("$.value")}' } },
  'Invalid.*': { statusCode: '400', responseTemplates: { 'application/json': '{"error": "$input.path(\'$.errorMessage\')"}' } },
  '.*Not Found.*': {
    statusCode: '404',
    responseParameters: { 'method.response.header.X-Reason': "'missing'" },
  },
};

describe('integration response selection', () => {
  it('a Lambda success takes the default response', () => {
    assert.equal(selectIntegrationResponseKey(lambdaResponses, { type: 'lambda' }).key, 'default');
  });
  it('a Lambda error is matched against errorMessage with a full match', () => {
    assert.equal(selectIntegrationResponseKey(lambdaResponses, { type: 'lambda', errorMessage: 'Invalid input' }).key, 'Invalid.*');
    assert.equal(selectIntegrationResponseKey(lambdaResponses, { type: 'lambda', errorMessage: 'Item Not Found here' }).key, '.*Not Found.*');
    assert.equal(selectIntegrationResponseKey(lambdaResponses, { type: 'lambda', errorMessage: 'Really Invalid' }).key, 'default');
  });
  it('a search instead of a full match can be chosen', () => {
    assert.equal(selectIntegrationResponseKey(lambdaResponses, { type: 'lambda', errorMessage: 'Really Invalid' }, 'find').key, 'Invalid.*');
  });
  it('an HTTP integration is matched on the status code', () => {
    const responses = { '2\\d{2}': { statusCode: '200' }, '4\\d{2}': { statusCode: '400' }, default: { statusCode: '500' } };
    assert.equal(selectIntegrationResponseKey(responses, { type: 'http', statusCode: 201 }).key, '2\\d{2}');
    assert.equal(selectIntegrationResponseKey(responses, { type: 'http', statusCode: 404 }).key, '4\\d{2}');
    assert.equal(selectIntegrationResponseKey(responses, { type: 'http', statusCode: 503 }).key, 'default');
  });
  it('.* catches a Lambda success when there is no default', () => {
    assert.equal(selectIntegrationResponseKey({ '.*': { statusCode: '200' } }, { type: 'lambda' }).key, '.*');
  });
  it('no match and no default is a 500', () => {
    const result = simulateIntegrationResponse({ responses: { 'Invalid.*': { statusCode: '400' } }, backend: { type: 'lambda', errorMessage: 'boom' } });
    assert.equal(result.status, 500);
    assert.equal(result.errors[0].code, 'no-integration-response');
  });
  it('a key that can backtrack exponentially is tried as AWS tries it, and matches or not as Java would', () => {
    const responses = { '^([a-z0-9]+-?)+$': { statusCode: '400' }, '(\\w|\\d)+x': { statusCode: '409' }, default: { statusCode: '200' } };
    assert.deepEqual(selectIntegrationResponseKey(responses, { type: 'lambda', errorMessage: 'abc-def-ghi-jkl-mno' }), { key: '^([a-z0-9]+-?)+$', errors: [] });
    assert.deepEqual(selectIntegrationResponseKey(responses, { type: 'lambda', errorMessage: '12-ab_x' }), { key: 'default', errors: [] });
    // Letters give `\w|\d` one way each: a long failing message ends at once, in Java as here.
    assert.deepEqual(selectIntegrationResponseKey({ '(\\w|\\d)+x': { statusCode: '409' }, default: { statusCode: '200' } }, { type: 'lambda', errorMessage: `${'ab'.repeat(40)}!` }), { key: 'default', errors: [] });
    assert.equal(selectIntegrationResponseKey({ '(\\d+)+0': { statusCode: '400' }, '4\\d{2}': { statusCode: '404' } }, { type: 'http', statusCode: 404 }).key, '4\\d{2}');
  });
  it('a key still matching when the time budget runs out ends the selection with a timeout and a 500, as API Gateway would not answer', () => {
    const responses = { '^([a-z0-9]+-?)+$': { statusCode: '400' }, default: { statusCode: '200' } };
    const started = Date.now();
    const result = selectIntegrationResponseKey(responses, { type: 'lambda', errorMessage: `${'a'.repeat(40)}!` }, 'full', 100);
    assert.ok(Date.now() - started < 1000);
    assert.equal(result.key, undefined);
    assert.equal(result.timedOut, true);
    assert.deepEqual(result.errors.map((e) => e.code), ['timeout']);
    assert.match(result.errors[0].message, /^Integration response selection stopped after 100 ms: the response key '\^\(\[a-z0-9\]\+-\?\)\+\$' was still matching the error message \(41 characters\)\. In \(\[a-z0-9\]\+-\?\)\+ the repetition can match the same text in exponentially many ways/);
    const simulated = simulateIntegrationResponse({ responses, backend: { type: 'lambda', errorMessage: `${'a'.repeat(40)}!` }, timeoutMs: 100 });
    assert.equal(simulated.status, 500);
    assert.deepEqual(simulated.errors.map((e) => e.code), ['timeout']);
  });
  it('without a time budget (the editor trying sample results) a runaway key gives up after a fixed number of steps', () => {
    const started = Date.now();
    const result = selectIntegrationResponseKey({ '(a|aa)*c': { statusCode: '400' }, default: { statusCode: '200' } }, { type: 'lambda', errorMessage: 'a'.repeat(60) });
    // The steps make it end, not the clock (the message below says so). The time only guards against a selection that
    // never ends, some 10^12 ways of matching here: usually 200 ms, it took 800 ms on a loaded machine, so allow 5 s.
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.equal(result.timedOut, true);
    assert.match(result.errors[0].message, /^Integration response selection stopped after [\d,]+ backtracking steps: the response key '\(a\|aa\)\*c' was still matching the error message \(60 characters\)\. In \(a\|aa\)\* the repetition/);
  });
  it('a Lambda success still takes a key such as (a*)* that matches the empty message: no text, nothing to backtrack over', () => {
    assert.equal(selectIntegrationResponseKey({ '(a*)*': { statusCode: '200' } }, { type: 'lambda' }).key, '(a*)*');
  });
  it('a catch-all key that compiles to u-mode-only syntax is recognised for a Lambda success', () => {
    assert.equal(selectIntegrationResponseKey({ '\\x{1F600}*': { statusCode: '200' } }, { type: 'lambda' }).key, '\\x{1F600}*');
  });
  it('an invalid pattern is reported and skipped', () => {
    const result = selectIntegrationResponseKey({ '(': { statusCode: '400' }, default: { statusCode: '200' } }, { type: 'http', statusCode: 400 });
    assert.equal(result.key, 'default');
    assert.equal(result.errors[0].code, 'invalid-selection-pattern');
  });
});

describe('selection pattern matcher', () => {
  it('matches a Java regex whole: against errorMessage for Lambda, the status code otherwise', () => {
    const matcher = selectionMatcher('4\\d{2}');
    assert.equal(matcher.matches({ type: 'http', statusCode: 404 }), true);
    assert.equal(matcher.matches({ type: 'mock', statusCode: 200 }), false);
    assert.equal(matcher.matches({ type: 'lambda', errorMessage: '404' }), true);
    assert.equal(matcher.matches({ type: 'lambda', errorMessage: 'Error 404' }), false, 'a full match');
    assert.equal(selectionMatcher('4\\d{2}', 'find').matches({ type: 'lambda', errorMessage: 'Error 404' }), true);
    assert.equal(matcher.error, undefined);
  });
  it('matches a Lambda success (no message) only with a key that matches empty text', () => {
    assert.equal(selectionMatcher('.*').matches({ type: 'lambda', errorMessage: null }), true);
    assert.equal(selectionMatcher('.+').matches({ type: 'lambda' }), false);
    assert.equal(selectionMatcher('(a*)*').matches({ type: 'lambda' }), true, 'nothing to backtrack over');
  });
  it('leaves default to the selection, says why an invalid key is never tried, and tries one that can backtrack', () => {
    const fallback = selectionMatcher('default');
    assert.equal(fallback.isDefault, true);
    assert.equal(fallback.matches({ type: 'http', statusCode: 200 }), false);
    assert.equal(selectionMatcher('(').error?.code, 'invalid-selection-pattern');
    assert.equal(selectionMatcher('(').matches({ type: 'lambda', errorMessage: '(' }), false);
    const slow = selectionMatcher('(\\w|\\d)+x');
    assert.equal(slow.error, undefined);
    assert.equal(slow.matches({ type: 'lambda', errorMessage: '1x' }), true);
    assert.throws(() => slow.matches({ type: 'lambda', errorMessage: `${'1'.repeat(40)}!` }, { maxSteps: 100_000 }), BacktrackingLimit);
  });
});

describe('integration response simulation', () => {
  it('renders the selected response template on the backend body', () => {
    const result = simulateIntegrationResponse({ responses: lambdaResponses, backend: { type: 'lambda', body: '{"value": [1, 2]}' } });
    assert.equal(result.status, 200);
    assert.equal(result.body, '{"ok": [1,2]}');
    assert.equal(result.headers['content-type'], 'application/json');
  });
  it('an unmapped Lambda error body is {"errorMessage": ...} and goes through the matching template', () => {
    const result = simulateIntegrationResponse({ responses: lambdaResponses, backend: { type: 'lambda', errorMessage: 'Invalid name' } });
    assert.equal(result.status, 400);
    assert.equal(result.body, '{"error": "Invalid name"}');
  });
  it('without a response template the body passes through, with mapped headers', () => {
    const result = simulateIntegrationResponse({ responses: lambdaResponses, backend: { type: 'lambda', errorMessage: 'Not Found', body: '{"errorMessage":"Not Found"}' } });
    assert.equal(result.status, 404);
    assert.equal(result.body, '{"errorMessage":"Not Found"}');
    assert.equal(result.headers['X-Reason'], 'missing');
  });
  it('maps responseParameters from headers, body, JSONPath, stage variables and context', () => {
    const result = simulateIntegrationResponse({
      responses: {
        default: {
          statusCode: '200',
          responseParameters: {
            'method.response.header.A': 'integration.response.header.x-upstream',
            'method.response.header.B': 'integration.response.body.item.id',
            'method.response.header.C': 'stageVariables.env',
            'method.response.header.D': 'context.identity.sourceIp',
            'method.response.header.E': 'integration.response.multivalueheader.set-cookie',
            'method.response.header.F': 'integration.response.body',
          },
        },
      },
      backend: { type: 'http', statusCode: 200, body: '{"item": {"id": 7}}', headers: { 'X-Upstream': 'u1' }, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] } },
      request: { stageVariables: { env: 'dev' }, context: { identity: { sourceIp: '10.1.1.1' } } },
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.headers, { A: 'u1', B: '7', C: 'dev', D: '10.1.1.1', E: 'a=1,b=2', F: '{"item": {"id": 7}}' });
  });
  it('chooses the response template by Accept', () => {
    const responses = { default: { statusCode: '200', responseTemplates: { 'application/json': 'json', 'application/xml': 'xml' } } };
    const xml = simulateIntegrationResponse({ responses, backend: { type: 'mock', statusCode: 200 }, request: { params: { header: { accept: 'application/xml' } } } });
    assert.equal(xml.body, 'xml');
    assert.equal(xml.templateContentType, 'application/xml');
  });
  it('applies the response template\'s responseOverride, and not one a request template wrote (response overrides belong to response templates)', () => {
    const request = renderTemplate('#set($context.responseOverride.header.X-From = "request")#set($context.responseOverride.status = 202)', {});
    const responses = { default: { statusCode: '200', responseTemplates: { 'application/json': '#set($context.responseOverride.status = 418)teapot' } } };
    const result = simulateIntegrationResponse({ responses, backend: { type: 'mock', statusCode: 200 }, request: { context: request.context } });
    assert.equal(result.status, 418);
    assert.equal(result.headers['X-From'], undefined);
    assert.equal(result.body, 'teapot');
    assert.deepEqual(result.render?.errors, [], 'the request template\'s status is no second override of the response template\'s');
    const untemplated = simulateIntegrationResponse({ responses: { default: { statusCode: '200' } }, backend: { type: 'mock', statusCode: 200 }, request: { context: request.context } });
    assert.deepEqual([untemplated.status, untemplated.headers['X-From']], [200, undefined]);
  });

  it('reads context mappings a request template wrote as map literals when no response template runs', () => {
    const request = renderTemplate('#set($context.custom = {"10": "ten"})', {});
    const responses = { default: { statusCode: '200', responseParameters: { 'method.response.header.X-Ten': 'context.custom.10' } } };
    const result = simulateIntegrationResponse({ responses, backend: { type: 'mock', statusCode: 200 }, request: { context: request.context } });
    assert.equal(result.headers['X-Ten'], 'ten');
  });
});
