import * as assert from 'node:assert/strict';
import {
  bodyHint, bodyProblem, bodyWarning, fitRows, headerValue, historyRequest, historyTitle, isJsonMediaType, jsonParseError, parseJsonField, responseNeedsScroll, sendBlocker, staleNotice,
} from '../../../client/src/panels/formFields';
import type { HistoryEntry, InvokeDraft } from '../../../client/src/panels/invokeMessages';
import { invalidJsonBody } from '../../../client/src/panels/invokeOutcome';
import { draftProblem, localInvokeParams, pathWithQuery, queryString, sendsNoBody, sentQuery } from '../../../client/src/panels/invokeRequest';
import { deployedSource, initialDraft, initialTarget, normalizeArgs, pickStageUrl } from '../../../client/src/panels/invokeTargets';

function draft(overrides: Partial<InvokeDraft> = {}): InvokeDraft {
  return { target: 'local', method: 'POST', pathTemplate: '/pets', pathParams: {}, query: {}, headers: {}, body: '', stageVariables: {}, ...overrides };
}

describe('panel forms: JSON fields', () => {
  it('reads headers and query strings as names with a value or a list of values', () => {
    assert.deepEqual(parseJsonField('{"a": "1", "n": 2, "b": true, "tag": ["x", 3]}', 'multiValueMap'), { ok: true, value: { a: '1', n: '2', b: 'true', tag: ['x', '3'] } });
    assert.deepEqual(parseJsonField('  ', 'multiValueMap'), { ok: true, value: {} });
    assert.deepEqual(parseJsonField('["a"]', 'multiValueMap'), { ok: false, error: 'Expected a JSON object such as {"name": "value"}, not a list.' });
    assert.deepEqual(parseJsonField('"a"', 'stringMap'), { ok: false, error: 'Expected a JSON object such as {"name": "value"}, not a string.' });
    assert.deepEqual(parseJsonField('{"a": {"b": 1}}', 'multiValueMap'), { ok: false, error: '"a" must be a string or a list of strings, not an object.' });
    assert.deepEqual(parseJsonField('{"a": [["b"]]}', 'multiValueMap'), { ok: false, error: '"a" must be a string or a list of strings, not a list.' });
    assert.deepEqual(parseJsonField('{"a": ["b"]}', 'stringMap'), { ok: false, error: '"a" must be a string, not a list.' });
    assert.deepEqual(parseJsonField('{"a": null}', 'stringMap'), { ok: false, error: '"a" must be a string, not null.' });
    assert.deepEqual(parseJsonField('{"a": {"b": [1]}}', 'object'), { ok: true, value: { a: { b: [1] } } });
    const broken = parseJsonField('{"X-A": ', 'multiValueMap');
    assert.equal(broken.ok, false);
    assert.match(!broken.ok ? broken.error : '', /^Not valid JSON: /);
  });

  it('blocks sending while a field is invalid, naming every such field', () => {
    assert.equal(sendBlocker([]), undefined);
    assert.equal(sendBlocker([{ field: 'Headers', error: 'Not valid JSON: Unexpected end of JSON input' }]), 'Fix Headers to send: Not valid JSON: Unexpected end of JSON input');
    assert.match(sendBlocker([{ field: 'Query string', error: 'e1' }, { field: 'Headers', error: 'e2' }])!, /^Fix Query string and Headers to send: Query string: e1$/);
  });

  it('says what cannot be sent before anything is sent, so that it never enters the history', () => {
    assert.equal(draftProblem(draft({ pathTemplate: '/pets/{petId}' }), true), 'Fill in the path parameter petId.');
    assert.equal(draftProblem(draft({ pathTemplate: '/pets/{petId}', pathParams: { petId: '' } }), true), 'Fill in the path parameter petId.');
    assert.equal(draftProblem(draft({ target: 'local' }), false), 'The local gateway runs an API definition: open the panel from a document to use it.');
    assert.match(draftProblem(draft({ target: 'testInvoke', restApiId: ' ' }), true)!, /^Test invoke needs the REST API id/);
    assert.match(draftProblem(draft({ target: 'url', stageUrl: '' }), false)!, /^Give the stage URL to call/);
    assert.equal(draftProblem(draft({ target: 'url', stageUrl: 'not a url' }), false), 'not a url is not a valid URL.');
    assert.equal(draftProblem(draft({ target: 'url', stageUrl: 'https://a.execute-api.us-east-1.amazonaws.com/dev' }), false), undefined);
    assert.equal(draftProblem(draft({ target: 'testInvoke', restApiId: 'abc' }), false), undefined);
  });

  it('warns about a JSON body that does not parse without blocking it', () => {
    assert.match(bodyWarning('{"name":', 'application/json')!, /^Not valid JSON \(.+\); it is sent as typed\.$/);
    assert.equal(bodyWarning('{"name":', 'text/plain'), undefined);
    assert.equal(bodyWarning('{"name": 1}', 'application/json; charset=utf-8'), undefined);
    assert.equal(headerValue({ 'content-TYPE': ['a', 'application/json'] }, 'Content-Type'), 'application/json');
    assert.match(bodyProblem(' { "name": "x",', 'request')!, /API Gateway answers 400 before the template runs/);
    assert.equal(bodyProblem('a{b', 'request'), undefined, 'a body that does not start like JSON is a string to API Gateway');
    assert.equal(bodyProblem('[1, 2]', 'response'), undefined);
    assert.equal(bodyWarning('{"name":', 'application/x-ndjson')!.startsWith('Not valid JSON'), true, 'the request warning takes any type that mentions json');
    assert.equal(staleNotice([]), undefined);
    assert.equal(staleNotice(['Query string', 'Headers']), 'This output is from the last valid sample: fix Query string and Headers.');
  });

  it('sizes text boxes to their lines between a floor and a ceiling', () => {
    assert.equal(fitRows('', 2, 20), 2);
    assert.equal(fitRows('{\n  "type": "dog"\n}', 2, 20), 3);
    assert.equal(fitRows('\n'.repeat(40), 2, 20), 20);
    assert.ok(sendsNoBody('get') && sendsNoBody('HEAD') && !sendsNoBody('DELETE') && !sendsNoBody('POST'));
  });

  it('scrolls an answer to the top when it starts low in the view or above it', () => {
    assert.equal(responseNeedsScroll(680, 800), true, 'under the fields of a one-column panel');
    assert.equal(responseNeedsScroll(90, 800), false, 'beside the fields of a two-column panel');
    assert.equal(responseNeedsScroll(-40, 800), true);
  });
});

describe('panel forms: history rows', () => {
  const entry = (overrides: Partial<InvokeDraft>, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ at: '2026-11-22T02:36:05Z', draft: draft(overrides), status: 201, latencyMs: 93.4, ...extra });

  it('tells runs of one operation apart by their query and a short body hint', () => {
    const a = historyRequest(entry({ body: '{\n  "name": "Rex",\n  "type": "dog"\n}' }));
    assert.deepEqual(a, { request: 'POST /pets', hint: '{"name":"Rex","type":"dog"}' });
    const long = historyRequest(entry({ body: JSON.stringify({ name: 'a very long name for a pet', type: 'lizard', tags: ['x'] }) }));
    assert.equal(long.hint.length, 40);
    assert.ok(long.hint.endsWith('…'));
    assert.deepEqual(historyRequest(entry({ method: 'GET', query: { type: 'dog', page: '' }, body: 'ignored' })), { request: 'GET /pets?type=dog', hint: '' });
    assert.equal(bodyHint({ method: 'PUT', body: 'plain\n  text' }), 'plain text');
  });

  it('gives the whole request and its outcome in the tooltip', () => {
    assert.equal(historyTitle(entry({ body: '{"name":"Rex"}' }), '2:36:05 AM', 'Local gateway'), 'POST /pets\n{"name":"Rex"}\n2:36:05 AM · Local gateway · status 201 in 93 ms');
    assert.equal(historyTitle(entry({ method: 'GET' }, { status: undefined, error: 'refused' }), 't', 'Deployed stage URL'), 'GET /pets\nt · Deployed stage URL · failed: refused');
  });
});

describe('invoke panel: declared query names and deployed targets', () => {
  it('leaves out query names whose value is empty, and keeps a list that holds an empty value', () => {
    assert.deepEqual(sentQuery({ type: '', page: '2', tenant: [''] }), { page: '2', tenant: [''] });
    assert.equal(queryString({ type: '', page: '2', tenant: [''] }), 'page=2&tenant=');
    assert.equal(pathWithQuery(draft({ query: { type: '', page: '' } })), '/pets');
    assert.deepEqual(localInvokeParams(draft({ query: { type: '', page: '1' } }), 'file:///a.yaml', undefined).query, { page: ['1'] });
  });

  it('opens a REST API of the tree on test invoke unless its stage URL is known, with its name in the subtitle', () => {
    const node = normalizeArgs({ id: 'm', kind: 'method', api: { apiId: 'h7ube5caeo', kind: 'REST', name: 'Pet Store' }, operation: { path: '/health', method: 'GET' } });
    assert.equal(node.apiName, 'Pet Store');
    assert.equal(initialTarget(node, false), 'testInvoke');
    assert.equal(initialTarget(node, false, true), 'url');
    assert.equal(initialTarget({ ...node, apiKind: 'HTTP' }, false), 'url');
    const d = initialDraft({ method: 'GET', pathTemplate: '/health', args: node, hasDocument: false, stageUrl: 'http://127.0.0.1:4301/restapis/h7ube5caeo/dev/_user_request_' });
    assert.equal(d.target, 'url');
    assert.equal(d.stageUrl, 'http://127.0.0.1:4301/restapis/h7ube5caeo/dev/_user_request_');
    assert.equal(d.restApiId, 'h7ube5caeo');
    assert.equal(initialDraft({ method: 'GET', pathTemplate: '/health', args: node, hasDocument: false }).target, 'testInvoke');
    assert.equal(deployedSource({ ...node, stage: 'dev' }), 'Pet Store (h7ube5caeo) · stage dev');
    assert.equal(deployedSource({ apiId: 'abc' }), 'abc');
    const v2 = normalizeArgs({ api: { apiId: 'h1', kind: 'HTTP', name: 'Orders', apiEndpoint: 'https://h1.execute-api.us-east-1.amazonaws.com' } });
    assert.equal(v2.apiEndpoint, 'https://h1.execute-api.us-east-1.amazonaws.com');
  });

  it('picks the stage asked for, else the last deployed one, else the first by name', () => {
    const stages = [{ stage: 'prod', url: 'p' }, { stage: 'dev', url: 'd' }, { stage: 'beta', url: 'b' }];
    assert.equal(pickStageUrl(stages, ['prod'])?.url, 'p');
    assert.equal(pickStageUrl(stages, [undefined, 'dev'])?.url, 'd');
    assert.equal(pickStageUrl(stages, ['gone'])?.url, 'b');
    assert.equal(pickStageUrl([]), undefined);
  });

  it('flags a response that says JSON but does not parse', () => {
    assert.match(invalidJsonBody({ headers: { 'Content-Type': 'application/json' }, body: '{"message": "[object has missing required properties (["price"])]"}' })!, /JSON/);
    assert.equal(invalidJsonBody({ headers: { 'content-type': 'application/json' }, body: '{"ok": true}' }), undefined);
    assert.equal(invalidJsonBody({ headers: { 'content-type': 'text/html' }, body: '<b>' }), undefined);
    assert.equal(invalidJsonBody({ headers: { 'content-type': 'application/problem+json' }, body: '' }), undefined);
    assert.ok(invalidJsonBody({ headers: { 'content-type': 'application/problem+json' }, body: '{' }));
    assert.equal(invalidJsonBody({ headers: { 'content-type': 'application/x-ndjson' }, body: '{"a":1}\n{"a":2}' }), undefined, 'lines of JSON are not one JSON text');
    assert.equal(invalidJsonBody({ headers: {}, body: '{' }), undefined);
  });

  it('tells JSON media types apart by the test each caller has always used', () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/problem+json', 'APPLICATION/JSON', 'text/json']) {
      assert.equal(isJsonMediaType(type, 'type'), true, type);
      assert.equal(isJsonMediaType(type, 'mention'), true, type);
    }
    for (const type of ['application/x-ndjson', 'application/jsonl']) {
      assert.equal(isJsonMediaType(type, 'type'), false, type);
      assert.equal(isJsonMediaType(type, 'mention'), true, type);
    }
    for (const type of [undefined, '', 'text/plain', 'text/html']) {
      assert.equal(isJsonMediaType(type, 'type'), false, String(type));
      assert.equal(isJsonMediaType(type, 'mention'), false, String(type));
    }
    assert.equal(jsonParseError('{"a": [1]}'), undefined);
    assert.equal(jsonParseError(' 1 '), undefined);
    assert.equal(typeof jsonParseError('{'), 'string');
  });
});
