import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { keptCopyNotice, SampleStore } from '../../../client/src/panels/sampleStore';

interface Sample {
  body: string;
}

describe('sample store', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-samples-'));
    file = path.join(dir, '.apigateway', 'samples.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const saved = (): Record<string, Sample> => JSON.parse(readFileSync(file, 'utf8'));

  it('is one store per file, however the path is spelt', () => {
    const relative = path.relative(process.cwd(), file);
    assert.equal(SampleStore.for(file), SampleStore.for(relative));
    assert.notEqual(SampleStore.for(file), SampleStore.for(path.join(dir, '.apigateway', 'history.json')));
  });

  it('keeps the last of many quick saves and every other key, leaving no temporary file', async () => {
    await SampleStore.for<Sample>(file).set('other.yaml#GET /x', { body: 'keep me' });
    const saves: Promise<unknown>[] = [];
    for (let i = 1; i <= 8; i++) {
      // A new handle per keystroke, as a panel asks for its store on every message.
      saves.push(SampleStore.for<Sample>(file).set('api.yaml#tpl', { body: 'x'.repeat(i) }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    saves.push(SampleStore.for<Sample>(file).set('A', { body: 'a' }), SampleStore.for<Sample>(file).set('B', { body: 'b' }));
    await Promise.all(saves);
    assert.deepEqual(saved(), { 'other.yaml#GET /x': { body: 'keep me' }, 'api.yaml#tpl': { body: 'xxxxxxxx' }, A: { body: 'a' }, B: { body: 'b' } });
    assert.deepEqual(readdirSync(path.dirname(file)), ['samples.json']);
  });

  it('reads what is written, and removes a key set to undefined', async () => {
    const store = SampleStore.for<Sample>(file);
    await store.set('a', { body: '1' });
    assert.deepEqual(await store.get('a'), { body: '1' });
    await store.set('a', undefined);
    assert.equal(await store.get('a'), undefined);
    assert.deepEqual(saved(), {});
  });

  it('keeps changes made to the file outside the store, such as a checkout', async () => {
    const store = SampleStore.for<Sample>(file);
    await store.set('a', { body: '1' });
    writeFileSync(file, JSON.stringify({ a: { body: '1' }, pulled: { body: 'from git' } }));
    await store.set('b', { body: '2' });
    assert.deepEqual(saved(), { a: { body: '1' }, pulled: { body: 'from git' }, b: { body: '2' } });
  });

  it('copies a file that is not valid JSON aside before replacing it, and says where', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const broken = '{\n<<<<<<< HEAD\n  "a": { "body": "mine" }\n=======\n  "a": { "body": "theirs" }\n>>>>>>> main\n}\n';
    writeFileSync(file, broken);
    const store = SampleStore.for<Sample>(file);
    assert.equal(await store.get('a'), undefined);
    const copy = await store.set('b', { body: '2' });
    assert.ok(copy, 'the save names the copy it kept');
    assert.equal(path.dirname(copy), path.dirname(file));
    assert.equal(readFileSync(copy, 'utf8'), broken);
    assert.deepEqual(saved(), { b: { body: '2' } });
    assert.match(keptCopyNotice(file, copy), /samples\.json was not valid JSON: its content was copied to .*samples\.json\.unreadable-/);
    assert.equal(await store.set('c', { body: '3' }), undefined, 'a valid file needs no copy');
  });

  it('fails a save it cannot make instead of hiding it, and goes on once it can', async () => {
    mkdirSync(file, { recursive: true });
    const store = SampleStore.for<Sample>(file);
    assert.equal(await store.get('a'), undefined);
    await assert.rejects(store.set('a', { body: '1' }));
    rmSync(file, { recursive: true });
    await store.set('a', { body: '1' });
    assert.deepEqual(saved(), { a: { body: '1' } });
  });
});
