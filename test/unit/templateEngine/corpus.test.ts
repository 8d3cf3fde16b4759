import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderTemplate, type RenderResult, type TemplateRequest } from '../../../server/src/template/engine';
import { sharedCorpusFile } from '../../support/sharedCorpus';

interface VtlCase {
  id: number;
  source: string;
  template: string;
  response_template?: string;
  input_body: string;
  params: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
  context: Record<string, unknown>;
  stage_variables: Record<string, string>;
  expected_output: unknown;
  compare: string;
  evidence: string;
  template_kind: string;
  expected_overrides?: Record<string, unknown>;
}

const cases = JSON.parse(readFileSync(sharedCorpusFile('vtl-cases.json'), 'utf8')) as VtlCase[];

function requestOf(c: VtlCase): TemplateRequest {
  return { body: c.input_body, params: c.params, context: c.context, stageVariables: c.stage_variables };
}

/** Renders the case; a chained case feeds the request template's output through an echo backend into the response template. */
function run(c: VtlCase): { final: RenderResult; first: RenderResult } {
  const first = renderTemplate(c.template, requestOf(c), { kind: c.template_kind.startsWith('response') ? 'response' : 'request' });
  assert.deepEqual(first.errors, [], `case ${c.id}: request template errors`);
  assert.equal(first.gatewayError, undefined, `case ${c.id}: unexpected gateway error`);
  if (c.response_template === undefined) return { final: first, first };
  const final = renderTemplate(
    c.response_template,
    { ...requestOf(c), body: first.output, context: first.context },
    { kind: 'response' },
  );
  assert.deepEqual(final.errors, [], `case ${c.id}: response template errors`);
  return { final, first };
}

/** Every key of `expected` is in `actual` with an equal value; objects are compared the same way, recursively. */
function assertSubset(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    assert.ok(typeof actual === 'object' && actual !== null && !Array.isArray(actual), `${where}: expected an object`);
    for (const [key, value] of Object.entries(expected)) assertSubset((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    return;
  }
  assert.deepEqual(actual, expected, where);
}

function assertOverrides(c: VtlCase, result: RenderResult): void {
  const expected = c.expected_overrides;
  if (!expected) return;
  const requestOverride = expected.requestOverride as Record<string, Record<string, unknown>> | undefined;
  for (const [part, values] of Object.entries(requestOverride ?? {})) {
    for (const [name, value] of Object.entries(values)) {
      const single = (result.requestOverride as unknown as Record<string, Record<string, string>>)[part];
      if (Array.isArray(value)) {
        const multi = part === 'header' ? result.requestOverride.multiValueHeader : result.requestOverride.multiValueQuerystring;
        assert.deepEqual(multi[name], value, `case ${c.id}: requestOverride.${part}.${name} (list)`);
        assert.equal(single[name], value.join(','), `case ${c.id}: requestOverride.${part}.${name} (joined)`);
      } else {
        assert.equal(single[name], value, `case ${c.id}: requestOverride.${part}.${name}`);
      }
    }
  }
  if (expected.status !== undefined) assert.equal(result.responseOverride.status, expected.status, `case ${c.id}: responseOverride.status`);
  for (const [name, value] of Object.entries((expected.headers ?? {}) as Record<string, string>)) {
    assert.equal(result.responseOverride.header[name], value, `case ${c.id}: responseOverride.header.${name}`);
  }
}

function assertOutput(c: VtlCase, output: string): void {
  const compare = c.compare.toLowerCase();
  if (compare.startsWith('overrides only')) return;
  if (compare.startsWith('exact')) {
    assert.equal(output, c.expected_output, `case ${c.id}: exact output`);
  } else if (compare.startsWith('json-equivalent')) {
    assert.deepEqual(JSON.parse(output), JSON.parse(c.expected_output as string), `case ${c.id}: JSON-equivalent output`);
  } else if (compare.startsWith('subset of parsed json')) {
    assertSubset(JSON.parse(output), c.expected_output, `case ${c.id}`);
  } else {
    assert.fail(`case ${c.id}: unknown comparison '${c.compare}'`);
  }
}

/**
 * Cases whose expected value contradicts a better-evidenced source. The test asserts the better-evidenced behaviour
 * and says why; the comparison is not relaxed.
 */
const CONTRADICTED: Record<number, { title: string; check: (result: RenderResult) => void }> = {
  10: {
    title:
      'the documented output (evidence: aws-docs DOUBTFUL) is overridden: $util.escapeJavaScript escapes the quotes of ' +
      '$input.json, as the AWS $util reference states, so the "things" value is escaped text, not a JSON object',
    check: (result) => {
      assert.equal(
        result.output,
        '{\n    "id" : "abc",\n    "count" : "3",\n    "things" : {\\"1\\":{},\\"2\\":{},\\"3\\":{}}\n}',
      );
      assert.throws(() => JSON.parse(result.output), SyntaxError);
    },
  },
  55: {
    title:
      "the LocalStack assertion (evidence: EMULATOR-ASSERTED, it's stays unescaped) is overridden: the AWS $util " +
      "reference records that escapeJavaScript turns ' into \\'",
    check: (result) => assert.equal(result.output, "it\\'s"),
  },
};

describe('mapping-template corpus (vtl-cases.json)', () => {
  it('has cases to run', () => assert.ok(cases.length > 0));

  for (const c of cases) {
    const contradiction = CONTRADICTED[c.id];
    const name = `case ${c.id} (${c.evidence.split(/[:(]/)[0].trim()}; ${c.compare})${contradiction ? `: ${contradiction.title}` : ''}`;
    it(name, () => {
      const { final } = run(c);
      if (contradiction) {
        contradiction.check(final);
        return;
      }
      assertOutput(c, final.output);
      assertOverrides(c, final);
    });
  }
});
