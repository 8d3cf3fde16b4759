import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, validate, withCode } from './validate';
import { getValue, keyName, toValue } from '../../../server/src/model/navigate';
import type { ObjectNode, ValueNode } from '../../../server/src/model/nodes';
import { SCHEMA_SOURCES, type OpenApiVersion } from '../../../server/src/facts/openapiSchemaSources';
import { pathItemShortcut } from '../../../server/src/services/rules/schemaShortcut';
import { schemaVerdict, versionOf } from '../../../server/src/services/rules/openapiSchemas';
import { OperationPartVerdicts } from '../../../server/src/services/rules/operationParts';
import { pathItemForVerdict } from '../../../server/src/services/rules/openapiStructure';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/openapi');

interface Judged {
  quick: boolean;
  full: boolean;
}

/** Each `/` path item of the document, judged by the shortcut and by the validator. */
function judgeAll(text: string, json: boolean): Judged[] {
  const document = parse(text, json);
  const version = versionOf(document.kind, document.specVersion);
  if (!version || document.root?.type !== 'object') return [];
  const verdict = schemaVerdict(version);
  const shortcut = pathItemShortcut(SCHEMA_SOURCES[version]);
  const paths = getValue(document.root, 'paths');
  if (paths?.type !== 'object') return [];
  const judged: Judged[] = [];
  for (const item of paths.properties) {
    if (!keyName(item).startsWith('/')) continue;
    // Fresh part verdicts for each, so that the validator's answer does not come from the shortcut's cache.
    const quickParts = new OperationPartVerdicts(document.text, document.aliasNodes > 0, verdict.operationParts);
    const quick = shortcut ? shortcut(item.value, quickParts) : false;
    const full = verdict.pathItem!(toValue(item.value)) === true;
    judged.push({ quick, full });
  }
  return judged;
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

const REPLACEMENTS: unknown[] = ['text', '', 12, 1.5, -3, true, false, null, [], ['a'], ['a', 'a'], [1], {}, { description: 'd' }, { $ref: '#/x' }, { type: 'string' }];
const NEW_KEYS = ['foo', 'x-foo', 'get', 'trace', 'options', '$ref', 'summary', 'servers', 'parameters', 'deprecated', 'tags', 'externalDocs', 'callbacks', 'produces', 'schemes', '__proto__', 'responses', 'requestBody', 'security'];

/** One random change somewhere in a plain value: a value replaced, a key dropped or a key added. */
function mutate(value: unknown, next: () => number): unknown {
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  if (Array.isArray(value)) {
    if (value.length === 0 || next() < 0.2) return [...value, pick(REPLACEMENTS)];
    const copy = [...value];
    const i = Math.floor(next() * copy.length);
    copy[i] = next() < 0.6 ? mutate(copy[i], next) : pick(REPLACEMENTS);
    return copy;
  }
  if (value === null || typeof value !== 'object') return pick(REPLACEMENTS);
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const roll = next();
  if (keys.length === 0 || roll < 0.15) Object.defineProperty(copy, pick(NEW_KEYS), { value: pick(REPLACEMENTS), enumerable: true, configurable: true, writable: true });
  else if (roll < 0.3) delete copy[pick(keys)];
  else {
    const key = pick(keys);
    copy[key] = next() < 0.7 ? mutate(copy[key], next) : pick(REPLACEMENTS);
  }
  return copy;
}

function corpusDocuments(): { name: string; value: Record<string, unknown> }[] {
  return readdirSync(CORPUS)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .flatMap((f) => {
      const document = parse(readFileSync(path.join(CORPUS, f), 'utf8'), f.endsWith('.json'));
      const value = toValue(document.root);
      return versionOf(document.kind, document.specVersion) && value && typeof value === 'object' ? [{ name: f, value: value as Record<string, unknown> }] : [];
    });
}

describe('Structure check shortcut for path items', () => {
  it('is read off the schemas of Swagger 2.0 and OpenAPI 3.0, and not of 3.1, whose path items it cannot judge', () => {
    const has = (v: OpenApiVersion) => pathItemShortcut(SCHEMA_SOURCES[v]) !== undefined;
    assert.deepEqual([has('2.0'), has('3.0'), has('3.1')], [true, true, false]);
  });

  it('never calls valid a path item the validator rejects, over thousands of mutated corpus path items', () => {
    const next = random(20261122);
    let quickValid = 0;
    let checked = 0;
    for (const { name, value } of corpusDocuments()) {
      const paths = value.paths as Record<string, unknown> | undefined;
      if (!paths || typeof paths !== 'object') continue;
      const entries = Object.entries(paths).filter(([k]) => k.startsWith('/')).slice(0, 12);
      for (const [key, item] of entries) {
        for (let round = 0; round < 40; round++) {
          const mutated = round === 0 ? item : mutate(item, next);
          const document = { ...value, paths: { [key]: mutated } };
          const json = round % 2 === 0;
          const text = json ? JSON.stringify(document, null, 2) : yamlOf(document);
          for (const { quick, full } of judgeAll(text, json)) {
            checked++;
            if (quick) quickValid++;
            assert.ok(!quick || full, `${name} ${key} round ${round}: the shortcut accepted what the validator rejects\n${JSON.stringify(mutated)}`);
          }
        }
      }
    }
    // The shortcut must actually answer for most valid path items, or it saves nothing.
    assert.ok(checked > 2000 && quickValid > checked / 5, `${quickValid} of ${checked}`);
  });

  it('leaves to the validator what it cannot judge, and the findings stay those of the validator', async () => {
    const text = [
      "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:",
      "  /a:\n    get:\n      summary: 12\n      responses: {'200': {description: ok}}",
      "  /b:\n    get:\n      foo: bar\n      responses: {'200': {description: ok}}",
      "  /c:\n    get:\n      callbacks: {}\n      responses: {'200': {description: ok}}",
      "  /d:\n    get:\n      deprecated: 'yes'\n      responses: {'200': {description: ok}}",
      '',
    ].join('\n');
    const judged = judgeAll(text, false);
    assert.deepEqual(judged, [
      { quick: false, full: false },
      { quick: false, full: false },
      { quick: false, full: true },
      { quick: false, full: false },
    ]);
    const messages = withCode(await validate(text), 'openapi-schema').map((d) => d.message);
    assert.equal(messages.length, 3, messages.join('\n'));
  });

  it('judges the copy an alias makes as its anchor was judged, valid or not', async () => {
    const operation = (parameters: string) => `    get:\n      parameters: ${parameters}\n      responses: {'200': {description: ok}}`;
    const good = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n" + operation('&p\n        - {name: q, in: query, schema: {type: string}}') + '\n  /b:\n' + operation('*p') + '\n';
    assert.deepEqual(withCode(await validate(good), 'openapi-schema'), []);
    // Judged once: the copy at `*p` takes the anchor's verdict instead of being copied and validated again.
    const document = parse(good);
    const validators = schemaVerdict('3.0').operationParts;
    let calls = 0;
    const counted = { ...validators, parameters: Object.assign((value: unknown) => (calls++, validators.parameters(value)), validators.parameters) };
    const parts = new OperationPartVerdicts(document.text, document.aliasNodes > 0, counted);
    const operations = ['/a', '/b'].map((p) => getValue(getValue(getValue(document.root, 'paths'), p), 'get'));
    assert.deepEqual(operations.map((op) => parts.isValid('parameters', getValue(op, 'parameters'))), [true, true]);
    assert.equal(calls, 1);
    const bad = good.replace('in: query', 'in: nowhere');
    const paths = withCode(await validate(bad), 'openapi-schema').map((d) => d.message.split('`')[1]);
    assert.deepEqual(paths, ['paths./a.get.parameters[0]', 'paths./b.get.parameters[0]']);
  });

  it('judges a text on one line once wherever it stands, and a text over several lines once per column', async () => {
    const counting = () => {
      const validators = schemaVerdict('3.0').operationParts;
      const counter = { calls: 0 };
      return { counter, validators: { ...validators, parameters: Object.assign((value: unknown) => (counter.calls++, validators.parameters(value)), validators.parameters) } };
    };
    const judged = (text: string) => {
      const document = parse(text, text.startsWith('{'));
      const { counter, validators } = counting();
      const parts = new OperationPartVerdicts(document.text, false, validators);
      const paths = getValue(document.root, 'paths') as ObjectNode;
      const verdicts = paths.properties.map((p) => parts.isValid('parameters', getValue(getValue(p.value, 'get'), 'parameters')));
      return { verdicts, calls: counter.calls };
    };
    // Minified JSON: one line, each operation's parameters at another column.
    const operation = (parameters: string) => `{"get": {"parameters": ${parameters}, "responses": {"200": {"description": "ok"}}}}`;
    const good = '[{"name": "q", "in": "query", "schema": {"type": "string"}}]';
    const bad = '[{"name": "q", "in": "nowhere"}]';
    const minified = `{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/a": ${operation(good)}, "/bb": ${operation(good)}, "/c": ${operation(bad)}, "/ddd": ${operation(bad)}}}`;
    assert.deepEqual(judged(minified), { verdicts: [true, true, false, false], calls: 2 });
    const paths = withCode(await validate(minified, { json: true }), 'openapi-schema').map((d) => d.message.split('`')[1]);
    assert.deepEqual(paths, ['paths./c.get.parameters[0]', 'paths./ddd.get.parameters[0]']);
    // The same block text at two columns is two texts for YAML (its lines' indentation), and judged twice.
    const block = (indent: string) => `${indent}get:\n${indent}  parameters:\n${indent}    - {name: q, in: query, schema: {type: string}}\n${indent}  responses: {'200': {description: ok}}`;
    const yaml = (second: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n${block('    ')}\n  /b:\n${block(second)}\n`;
    assert.deepEqual(judged(yaml('    ')), { verdicts: [true, true], calls: 1 });
    assert.deepEqual(judged(yaml('      ')), { verdicts: [true, true], calls: 2 });
  });

  it('judges a copy afresh when its anchor was never judged as the same part', () => {
    const document = parse("openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-params: &p\n  - {name: q, in: nowhere}\npaths:\n  /a:\n    get:\n      parameters: *p\n      responses: {'200': {description: ok}}\n");
    const verdict = schemaVerdict('3.0');
    const parts = new OperationPartVerdicts(document.text, true, verdict.operationParts);
    const get = getValue(getValue(getValue(document.root, 'paths'), '/a'), 'get') as ValueNode;
    assert.equal(parts.isValid('parameters', getValue(get, 'parameters')), false);
    assert.equal(pathItemShortcut(SCHEMA_SOURCES['3.0'])!(getValue(getValue(document.root, 'paths'), '/a'), parts), false);
    assert.equal(verdict.pathItem!(pathItemForVerdict(getValue(getValue(document.root, 'paths'), '/a'), parts)), false);
  });
});

/** Block YAML for a plain value, quoting every string, so that the shortcut also meets YAML's own nodes. */
function yamlOf(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.map((v) => `\n${indent}- ${yamlOf(v, `${indent}  `).replace(/^\n\s*/, '')}`).join('');
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return entries.map(([k, v]) => `\n${indent}${JSON.stringify(k)}: ${yamlOf(v, `${indent}  `)}`).join('');
  }
  return JSON.stringify(value);
}
