import assert from 'node:assert/strict';
import { runEval } from '../../../server/src/cli/commands/eval';
import { UsageError } from '../../../server/src/cli/io';
import { fakeIO } from './fakeCliIO';

const REQUEST = JSON.stringify({
  body: '{"name": "Rex"}',
  params: { path: { id: '7' }, querystring: {}, header: {} },
  stageVariables: { env: 'dev' },
  context: { stage: 'beta' },
});

describe('apigw eval', () => {
  it('prints the rendered output', async () => {
    const io = fakeIO({ 't.vtl': '{"id": "$input.params(\'id\')", "name": $input.json(\'$.name\'), "env": "$stageVariables.env", "stage": "$context.stage"}', 'r.json': REQUEST });
    assert.equal(await runEval(['t.vtl', '--request', 'r.json'], io), 0);
    assert.equal(io.stdout, '{"id": "7", "name": "Rex", "env": "dev", "stage": "beta"}\n');
    assert.equal(io.stderr, '');
  });
  it('--json prints output, overrides, errors and notes', async () => {
    const io = fakeIO({ 't.vtl': '#set($context.responseOverride.status = 202)ok' });
    assert.equal(await runEval(['t.vtl', '--json'], io), 0);
    const printed = JSON.parse(io.stdout);
    assert.deepEqual(Object.keys(printed), ['output', 'requestOverride', 'responseOverride', 'errors', 'notes']);
    assert.equal(printed.output, 'ok');
    assert.equal(printed.responseOverride.status, 202);
  });
  it('returns 1 and prints file:line:column for a template error', async () => {
    const io = fakeIO({ 't.vtl': 'a\n#if($x' });
    assert.equal(await runEval(['t.vtl'], io), 1);
    assert.equal(io.stderr, 't.vtl:2:1: `#if(` opened at line 2 is not closed: expected `)` before the end of the template [syntax]\n');
  });
  it('returns 1 when API Gateway would answer itself', async () => {
    const io = fakeIO({ 't.vtl': "$input.path('$')", 'r.json': JSON.stringify({ body: '{bad' }) });
    assert.equal(await runEval(['t.vtl', '--request', 'r.json'], io), 1);
    assert.match(io.stderr, /API Gateway would answer 400 itself: \{"message": "Could not process payload/);
  });
  it('--kind response evaluates as an integration response template', async () => {
    const io = fakeIO({ 't.vtl': "$input.path('$')", 'r.json': JSON.stringify({ body: '[bad' }) });
    assert.equal(await runEval(['t.vtl', '--request', 'r.json', '--kind', 'response'], io), 1);
    assert.match(io.stderr, /answer 500 itself/);
  });
  it('--help describes the request file and the exit codes', async () => {
    const io = fakeIO({});
    assert.equal(await runEval(['--help'], io), 0);
    assert.match(io.stdout, /multiValueParams/);
    assert.match(io.stdout, /exit codes: 0 rendered, 1 /);
  });
  const usageErrors: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['a missing template argument', [], {}, /a template file is required/],
    ['a missing template file', ['nope.vtl'], {}, /nope\.vtl: no such file/],
    ['a bad --kind', ['t.vtl', '--kind', 'both'], { 't.vtl': 'x' }, /--kind must be request or response, not 'both'/],
    ['invalid JSON in the request file', ['t.vtl', '--request', 'r.json'], { 't.vtl': 'x', 'r.json': '{oops' }, /r\.json: not valid JSON/],
    ['a request that is not an object', ['t.vtl', '--request', 'r.json'], { 't.vtl': 'x', 'r.json': '[]' }, /r\.json: the request must be a JSON object/],
    ['an unknown request field', ['t.vtl', '--request', 'r.json'], { 't.vtl': 'x', 'r.json': '{"headers": {}}' }, /unknown field "headers"/],
    ['an unknown params field', ['t.vtl', '--request', 'r.json'], { 't.vtl': 'x', 'r.json': '{"params": {"query": {"a": "1"}, "path": {}}}' }, /unknown field "params\.query" \(expected params\.path, params\.querystring, params\.header\)/],
    ['a misspelt params.header', ['t.vtl', '--request', 'r.json'], { 't.vtl': 'x', 'r.json': '{"params": {"headers": {"a": "1"}}}' }, /unknown field "params\.headers"/],
    ['an unknown multiValueParams field', ['t.vtl', '--request', 'r.json'], { 't.vtl': 'x', 'r.json': '{"multiValueParams": {"path": {}}}' }, /unknown field "multiValueParams\.path" \(expected multiValueParams\.querystring, multiValueParams\.header\)/],
    ['a non-string parameter value', ['t.vtl', '--request', 'r.json'], { 't.vtl': 'x', 'r.json': '{"params": {"header": {"a": {}}}}' }, /params\.header\.a must be a string/],
    ['an unknown option', ['t.vtl', '--fast'], { 't.vtl': 'x' }, /unknown option --fast/],
    ['a bad --timeout', ['t.vtl', '--timeout', '-3'], { 't.vtl': 'x' }, /--timeout must be a positive number/],
  ];
  for (const [title, args, files, message] of usageErrors) {
    it(`throws a UsageError for ${title}`, async () => {
      await assert.rejects(runEval(args, fakeIO(files)), (error: unknown) => error instanceof UsageError && message.test(error.message));
    });
  }
});
