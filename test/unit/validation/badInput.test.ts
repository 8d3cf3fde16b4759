import assert from 'node:assert/strict';
import { validateDocument } from '../../../server/src/services/validation';
import { codes, parse, validate } from './validate';

describe('bad input', () => {
  it('validates an empty file without throwing', async () => {
    assert.deepEqual(await validate(''), []);
    assert.deepEqual(codes(await validate('', { json: true })), ['json-syntax']);
  });

  it('checks only the syntax of a 50 MB document', async function () {
    this.timeout(60_000);
    // One long scalar keeps the parse cheap; the size, not the shape, is what must stop the rules. The path with a
    // space would be reported by a rule, the repeated key by the parser.
    const text = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /a b: {}\nx-dup: 1\nx-dup: 2\nx-blob: ${'a'.repeat(50 * 1024 * 1024)}\n`;
    const diagnostics = await validateDocument(parse(text));
    // AWS's import limit needs no parse: a larger file never passes where a smaller one fails.
    assert.deepEqual(codes(diagnostics), ['duplicate-key', 'import-too-large', 'too-large-to-validate']);
    const [note] = diagnostics.filter((d) => d.code === 'too-large-to-validate');
    assert.match(String(note.message), /^This document is 50\.0 MB; only its syntax was checked \(limit 20 MB\)/);
    const [tooLarge] = diagnostics.filter((d) => d.code === 'import-too-large');
    assert.deepEqual(tooLarge.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 14 } });
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

  it('reports documents of the wrong shape without throwing', async () => {
    const cases: Array<[string, string[]]> = [
      ['openapi: 3.0.1\npaths: [1, 2]\ncomponents: 7\n', ['openapi-schema', 'openapi-schema', 'openapi-schema']],
      ['swagger: "2.0"\npaths:\n  /a: hello\nsecurityDefinitions: []\n', ['openapi-schema', 'openapi-schema', 'openapi-schema']],
      ['openapi: 3.0.1\nx-amazon-apigateway-integration: {}\n', ['openapi-schema', 'openapi-schema', 'misplaced-extension']],
      // Not an API definition at all: nothing to check.
      ['- 1\n- 2\n', []],
    ];
    for (const [text, expected] of cases) {
      assert.deepEqual((await validate(text)).map((d) => d.code), expected, text);
    }
  });
});
