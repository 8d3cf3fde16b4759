import assert from 'node:assert/strict';
import { runEval } from '../../../server/src/cli/commands/eval';
import { renderTemplate } from '../../../server/src/template/engine';
import { closeHost, gatewayFor } from '../gateway/gatewayFixture';
import { fakeIO } from './fakeCliIO';

describe('template notes: what API Gateway does silently and the author likely did not mean', () => {
  after(closeHost);

  it('names the class, method and argument types of a call that finds no method, where it stands', () => {
    const result = renderTemplate('#set($s = "hello")\n[$s.substring("1")][$s.fooBar()]', {});
    assert.equal(result.output, '[][]');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.notes.map((n) => [n.code, n.line, n.message]), [
      ['no-such-method', 2, '$s.substring(...): String has no method substring(String), so the call gives null, which renders as nothing'],
      ['no-such-method', 2, '$s.fooBar(...): String has no method fooBar(), so the call gives null, which renders as nothing'],
    ]);
    assert.match(renderTemplate('$util.fooBar("x")', {}).notes[0].message, /^\$util\.fooBar\(\.\.\.\): \$util has no method fooBar\(String\)/);
  });

  it('names arrays as Java does, says once per place whatever the element types, and tells how to pass $util a number', () => {
    assert.match(renderTemplate('#set($s = "a,b")$util.escapeJavaScript($s.split(","))', {}).notes[0].message, /escapeJavaScript\(String\[\]\)/);
    assert.equal(renderTemplate('#foreach($i in [1, 2.5, "x"])$i.fooBar()#end', {}).notes.length, 1);
    assert.match(renderTemplate('$util.escapeJavaScript(5)', {}).notes[0].message, /escapeJavaScript\(Integer\), .*write the argument in double quotes \("\$value"\) to pass its text$/);
  });

  it('says nothing when an argument is null, the usual way of rendering a missing field as nothing', () => {
    assert.deepEqual(renderTemplate(`$util.escapeJavaScript($input.path('$.missing'))`, { body: '{}' }).notes, []);
  });

  it('says once per place, however often a loop passes it', () => {
    const result = renderTemplate('#foreach($i in [1, 2, 3])$i.fooBar()#end', {});
    assert.equal(result.notes.length, 1);
    assert.match(result.notes[0].message, /Integer has no method fooBar\(\)/);
  });

  it('says that a printed Java array shows its type and identity, not its items', () => {
    const result = renderTemplate('#set($s = "a,b")#set($parts = $s.split(","))$parts', {});
    assert.match(result.output, /^\[Ljava\.lang\.String;@[0-9a-f]+$/);
    assert.equal(result.notes.length, 1);
    assert.equal(result.notes[0].code, 'java-array-printed');
    assert.match(result.notes[0].message, /\$parts is a Java array of 2 items, .*loop over it with #foreach or print one item \(\$parts\[0\]\)/);
  });

  it('apigw eval prints notes after the output and still exits 0; --json carries them', async () => {
    const io = fakeIO({ 't.vtl': '#set($s = "x")$s.fooBar()ok' });
    assert.equal(await runEval(['t.vtl'], io), 0);
    assert.equal(io.stdout, 'ok\n');
    assert.equal(io.stderr, 't.vtl:1:15: note: $s.fooBar(...): String has no method fooBar(), so the call gives null, which renders as nothing [no-such-method]\n');
    io.stdout = '';
    assert.equal(await runEval(['t.vtl', '--json'], io), 0);
    assert.equal((JSON.parse(io.stdout) as { notes: { code: string }[] }).notes[0].code, 'no-such-method');
  });

  it('the local gateway writes notes into the execution log and answers as AWS would', async () => {
    const gateway = gatewayFor(`openapi: 3.0.1
info: {title: notes, version: '1'}
paths:
  /n:
    get:
      responses: {'200': {description: ok}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default:
            statusCode: '200'
            responseTemplates: {application/json: '#set($s = "x")[$s.size()]'}
`);
    const r = await gateway.invoke({ method: 'GET', path: '/n' });
    assert.equal(r.status, 200);
    assert.equal(r.body, '[]');
    assert.ok(r.log.some((e) => e.message === 'Response template note at line 1: $s.size(...): String has no method size(), so the call gives null, which renders as nothing'), r.log.map((e) => e.message).join('\n'));
  });
});
