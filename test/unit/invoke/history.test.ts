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
      await new SampleStore<HistoryEntry[]>(file).set(key, addToHistory([], { at: '2026-01-01T00:00:00Z', draft: draft(), status: 200 }));
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes('Bearer abc') && !text.includes('secret-key') && !text.includes('"k1"'));
      const reread = validHistory(await new SampleStore<HistoryEntry[]>(file).get(key));
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
