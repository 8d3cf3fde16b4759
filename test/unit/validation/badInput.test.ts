import assert from 'node:assert/strict';
import { validateDocument } from '../../../server/src/services/validation';
import { codes, parse, validate } from './validate';

describe('bad input', () => {
  it('validates an empty file without throwing', async () => {
    assert.deepEqual(await validate(''), []);
    assert.deepEqual(codes(await validate('', { json: true })), ['json-syntax']);
  });

  it('checks only the syntax of a 50 MB document, quickly', async function () {
    this.timeout(60_000);
    // One long scalar keeps the parse cheap; the size, not the shape, is what must stop the rules.
    const text = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /a b: {}\nx-blob: ${'a'.repeat(50 * 1024 * 1024)}\n`;
    const document = parse(text);
    const started = Date.now();
    const diagnostics = await validateDocument(document);
    const elapsed = Date.now() - started;
    assert.deepEqual(codes(diagnostics), ['too-large-to-validate']);
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
  });

  it('survives deeply nested values and long chains of $refs', async () => {
    const depth = 150;
    const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) schemas[`S${i}`] = { $ref: `#/components/schemas/S${(i + 1) % 500}` };
    const text = JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: {}, 'x-deep': JSON.parse(nested), components: { schemas } });
    const diagnostics = await validate(text, { json: true });
    assert.ok(diagnostics.every((d) => d.code === 'unresolved-ref'));
    assert.equal(diagnostics.length, 500);
  });

  it('does not throw on documents of the wrong shape', async () => {
    for (const text of ['openapi: 3.0.1\npaths: [1, 2]\ncomponents: 7\n', 'swagger: "2.0"\npaths:\n  /a: hello\nsecurityDefinitions: []\n', 'openapi: 3.0.1\nx-amazon-apigateway-integration: {}\n', '- 1\n- 2\n']) {
      await validate(text);
    }
  });
});
