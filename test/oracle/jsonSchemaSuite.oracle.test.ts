/**
 * The local gateway's request-body validation against the official JSON Schema test suite for draft 4, the draft API
 * Gateway models are written in (Debian's json-schema-test-suite): each schema becomes the model of a validated
 * operation, and each instance must be let through or refused with 400 as the suite says. Schemas with `$ref` are left
 * out, as a model's references resolve within the API definition rather than within the schema; so are the optional
 * formats and ECMAScript-regex groups, which state no draft 4 requirement.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { createLocalGateway } from '../../server/src/gateway/gateway';
import { documentFromText } from '../../server/src/gateway/workspaceFiles';

const SUITE = '/usr/share/json-schema-test-suite/tests/draft4';
const FILES = ['optional/bignum.json', 'optional/zeroTerminatedFloats.json'];

interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean; raw: string }[];
}

/**
 * The groups of a suite file, each instance with its text as the file writes it: `1.0` and `1e52` must reach the
 * gateway as written, since whether a number is an integer depends on how the body writes it.
 */
function readGroups(file: string): SuiteGroup[] {
  const text = readFileSync(file, 'utf8');
  const tree = parseTree(text)!;
  const groups = JSON.parse(text) as SuiteGroup[];
  groups.forEach((group, g) =>
    group.tests.forEach((test, t) => {
      const node = findNodeAtLocation(tree, [g, 'tests', t, 'data'])!;
      test.raw = text.slice(node.offset, node.offset + node.length);
    }),
  );
  return groups;
}

function definitionFor(schema: unknown): string {
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'suite', version: '1' },
    'x-amazon-apigateway-request-validators': { body: { validateRequestBody: true, validateRequestParameters: false } },
    paths: {
      '/v': {
        post: {
          'x-amazon-apigateway-request-validator': 'body',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Model' } } } },
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200' } } },
        },
      },
    },
    components: { schemas: { Model: schema } },
  });
}

function suiteFiles(): string[] {
  if (!existsSync(SUITE)) throw new Error(`${SUITE} is missing; run scripts/ensure-oracles.sh (Debian package json-schema-test-suite)`);
  return [...readdirSync(SUITE).filter((f) => f.endsWith('.json') && !['ref.json', 'refRemote.json', 'definitions.json'].includes(f)), ...FILES];
}

describe('request validation against the JSON Schema draft 4 test suite', () => {
  for (const file of suiteFiles()) {
    const groups = readGroups(path.join(SUITE, file));
    describe(file, () => {
      for (const group of groups.filter((g) => !JSON.stringify(g.schema).includes('"$ref"'))) {
        it(group.description, async () => {
          const gateway = createLocalGateway(documentFromText('/suite/api.json', definitionFor(group.schema)), {}, { baseDir: '/suite' });
          const wrong: string[] = [];
          for (const t of group.tests) {
            const r = await gateway.invoke({ method: 'POST', path: '/v', headers: { 'Content-Type': 'application/json' }, body: t.raw });
            const accepted = r.status === 200;
            if (accepted !== t.valid) wrong.push(`${t.description}: ${t.raw} was ${accepted ? 'accepted' : `refused (${r.status} ${r.body})`}`);
          }
          assert.deepEqual(wrong, []);
        });
      }
    });
  }
});
