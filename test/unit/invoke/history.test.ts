import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { addToHistory, HISTORY_LIMIT, historyKey, redactDraft, restoreSecrets, validHistory } from '../../../client/src/panels/invokeHistory';
import type { HistoryEntry, InvokeDraft } from '../../../client/src/panels/invokeMessages';
import { SampleStore } from '../../../client/src/panels/sampleStore';

function draft(overrides: Partial<InvokeDraft> = {}): InvokeDraft {
  return {
    target: 'url',
    method: 'GET',
    pathTemplate: '/pets/{petId}',
    pathParams: { petId: '7' },
    query: { type: ['dog', 'cat'] },
    headers: { Authorization: 'Bearer abc', 'X-API-Key': 'k1', Accept: 'application/json', 'X-Amz-Security-Token': 'tok' },
    body: '',
    stageVariables: {},
    stageUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/prod',
    apiKey: 'secret-key',
    ...overrides,
  };
}

describe('invoke panel: history', () => {
  it('strips Authorization, x-api-key (any spelling) and session token values, and the API key field', () => {
    const redacted = redactDraft(draft());
    assert.deepEqual(redacted.headers, { Authorization: '', 'X-API-Key': '', Accept: 'application/json', 'X-Amz-Security-Token': '' });
    assert.equal(redacted.apiKey, '');
    assert.deepEqual(redacted.query, { type: ['dog', 'cat'] });
    assert.ok(!JSON.stringify(redacted).includes('Bearer abc'));
    assert.ok(!JSON.stringify(redacted).includes('secret-key'));
  });

  it('strips credentials under any header or query name that says so, every stage variable and URL user-info', () => {
    const redacted = redactDraft(draft({
      headers: { 'X-Auth-Token': 'xyz', 'X-Auth-User': 'alice', 'X-Session-Id': 's1', 'X-Client-Secret': 'cs', 'X-Password': 'pw', 'X-Apikey': 'ak', 'Set-Cookie': 'c=1', Accept: 'text/plain' },
      query: { access_token: 'tok123', api_key: ['a', 'b'], client_secret: 'cs', password: 'pw', page: '2' },
      stageVariables: { dbPassword: 'hunter2', backend: 'internal.example.com' },
      stageUrl: 'https://user:p@ss@abc.execute-api.us-east-1.amazonaws.com/prod',
    }));
    assert.deepEqual(redacted.headers, { 'X-Auth-Token': '', 'X-Auth-User': '', 'X-Session-Id': '', 'X-Client-Secret': '', 'X-Password': '', 'X-Apikey': '', 'Set-Cookie': '', Accept: 'text/plain' });
    assert.deepEqual(redacted.query, { access_token: '', api_key: ['', ''], client_secret: '', password: '', page: '2' });
    assert.deepEqual(redacted.stageVariables, { dbPassword: '', backend: '' });
    assert.equal(redacted.stageUrl, 'https://***@abc.execute-api.us-east-1.amazonaws.com/prod');
    for (const secret of ['xyz', 'alice', 'tok123', 'hunter2', 'internal.example.com', 'p@ss']) assert.ok(!JSON.stringify(redacted).includes(secret), secret);
  });

  it('redacts entries saved before the current rules the next time one is added', () => {
    const older: HistoryEntry = { at: '2026-01-01T00:00:00Z', draft: { ...draft(), headers: { 'X-Auth-Token': 'xyz' }, stageVariables: { dbPassword: 'hunter2' } }, status: 200 };
    const history = addToHistory([older], { at: '2026-01-02T00:00:00Z', draft: draft(), status: 201 });
    assert.deepEqual(history.map((e) => [e.status, e.draft.headers['X-Auth-Token'], e.draft.stageVariables.dbPassword]), [[201, undefined, undefined], [200, '', '']]);
  });

  it('fills dropped query parameters, stage variables and the stage URL from the draft on screen', () => {
    const stageUrl = 'https://user:pw@abc.execute-api.us-east-1.amazonaws.com/prod';
    const stored = redactDraft(draft({ query: { access_token: 'old', page: '1' }, stageVariables: { dbPassword: 'old' }, stageUrl }));
    const restored = restoreSecrets(stored, draft({ query: { ACCESS_TOKEN: 'new', page: '9' }, stageVariables: { dbPassword: 'new' }, stageUrl }));
    assert.deepEqual(restored.query, { access_token: 'new', page: '1' });
    assert.deepEqual(restored.stageVariables, { dbPassword: 'new' });
    assert.equal(restored.stageUrl, stageUrl);
    assert.equal(restoreSecrets(stored, draft({ stageUrl: 'https://other.example.com/prod' })).stageUrl, stored.stageUrl);
  });

  it('keeps the newest 20 entries, newest first, every one redacted', () => {
    let history: HistoryEntry[] = [];
    for (let i = 0; i < 25; i++) history = addToHistory(history, { at: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`, draft: draft(), status: 200 + i });
    assert.equal(HISTORY_LIMIT, 20);
    assert.equal(history.length, 20);
    assert.equal(history[0].status, 224);
    assert.equal(history[19].status, 205);
    assert.ok(history.every((e) => e.draft.headers.Authorization === '' && e.draft.apiKey === ''));
  });

  it('fills the dropped secrets from the draft on screen when re-running', () => {
    const stored = redactDraft(draft({ pathParams: { petId: '1' } }));
    const current = draft({ headers: { authorization: 'Bearer new', 'x-api-key': 'k2' }, apiKey: 'now' });
    const restored = restoreSecrets(stored, current);
    assert.equal(restored.headers.Authorization, 'Bearer new');
    assert.equal(restored.headers['X-API-Key'], 'k2');
    assert.equal(restored.headers['X-Amz-Security-Token'], '');
    assert.equal(restored.apiKey, 'now');
    assert.deepEqual(restored.pathParams, { petId: '1' });
  });

  it('is saved per operation in .apigateway/history.json without secrets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-history-'));
    try {
      const file = path.join(dir, '.apigateway', 'history.json');
      const key = historyKey('api/petstore.yaml', 'get', '/pets/{petId}');
      assert.equal(key, 'api/petstore.yaml#GET /pets/{petId}');
      await SampleStore.for<HistoryEntry[]>(file).set(key, addToHistory([], { at: '2026-01-01T00:00:00Z', draft: draft(), status: 200 }));
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes('Bearer abc') && !text.includes('secret-key') && !text.includes('"k1"'));
      const reread = validHistory(await SampleStore.for<HistoryEntry[]>(file).get(key));
      assert.equal(reread.length, 1);
      assert.equal(reread[0].status, 200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores a hand-edited history that is not a list of entries', () => {
    assert.deepEqual(validHistory({ nope: 1 }), []);
    assert.deepEqual(validHistory([1, { at: 'x' }, null]), []);
  });
});
