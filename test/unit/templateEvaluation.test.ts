import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { defaultSample, evaluateStandaloneTemplate, evaluateTemplate, findTemplate, substituteGatewayResponseTemplate } from '../../server/src/services/templateEvaluation';
import { findCodeLenses } from '../../server/src/services/codeLenses';

const PETSTORE = readFileSync(path.resolve(__dirname, '../../examples/petstore.yaml'), 'utf8');
const document = parseApiDocument(TextDocument.create('file:///petstore.yaml', 'yaml', 1, PETSTORE));

function templateAt(marker: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = PETSTORE.indexOf(marker, offset + 1);
  assert.ok(offset >= 0, `marker ${marker} not found`);
  const template = findTemplate(document, offset);
  assert.ok(template, `no template at ${marker}`);
  return template;
}

describe('template evaluation', () => {
  it('pre-fills the sample from the operation: parameters and a schema-shaped body', () => {
    const template = templateAt("#set($pet = $input.path('$'))");
    const sample = defaultSample(document, template);
    assert.equal(sample.params?.header?.['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(sample.body!), { name: 'string', type: 'dog', price: 0, tags: ['string'] });
  });

  it('renders a request template on a sample and checks the output is JSON', () => {
    const template = templateAt("#set($pet = $input.path('$'))");
    const result = evaluateTemplate(document, template, {
      body: JSON.stringify({ name: "Rex's toy", type: 'dog', price: 12.5, tags: ['a', "b'c"] }),
      context: { identity: { sourceIp: '203.0.113.9' } },
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.jsonValid, true, result.output);
    const output = JSON.parse(result.output);
    assert.equal(output.name, "Rex's toy");
    assert.equal(output.requestedBy, '203.0.113.9');
    assert.deepEqual(output.tags, ['a', "b'c"]);
    assert.match(result.label, /^POST \/pets › request template › application\/json$/);
  });

  it('selects the integration response from a Lambda error and reports it', () => {
    const template = templateAt('#set($error = $util.parseJson');
    const result = evaluateTemplate(document, template, {
      body: JSON.stringify({ errorMessage: JSON.stringify({ type: 'InvalidPet', message: 'Rex exists' }) }),
      backend: { type: 'lambda', errorMessage: JSON.stringify({ type: 'InvalidPet', message: 'Rex exists' }) },
    });
    assert.equal(result.kind, 'response');
    assert.equal(JSON.parse(result.output).message, 'Rex exists');
    assert.equal(result.selection?.key, '.*"type":"InvalidPet".*');
    assert.equal(result.selection?.status, 400);
    assert.equal(result.selection?.matchesThisTemplate, true);
  });

  it('tells when the backend result selects another response than the evaluated one', () => {
    const template = templateAt('#set($error = $util.parseJson');
    const result = evaluateTemplate(document, template, { body: '{}', backend: { type: 'lambda', errorMessage: null } });
    assert.equal(result.selection?.key, 'default');
    assert.equal(result.selection?.matchesThisTemplate, false);
  });

  it('maps template errors back to document offsets', () => {
    const text = 'openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: |\n            {"statusCode": 200}\n            #foreach($i in [1..3]\n';
    const doc = parseApiDocument(TextDocument.create('file:///a.yaml', 'yaml', 1, text));
    const template = findTemplate(doc, text.indexOf('statusCode'))!;
    const result = evaluateTemplate(doc, template, {});
    assert.equal(result.errors[0]?.code, 'syntax', JSON.stringify(result.errors));
    const offset = result.errors[0].offset!;
    assert.equal(doc.textDocument.positionAt(offset).line, 9, `error at ${JSON.stringify(result.errors[0])}`);
  });

  it('substitutes gateway response variables without running directives', () => {
    const output = substituteGatewayResponseTemplate('{"message": "$context.error.messageString", "stage": "${stageVariables.env}", "raw": "#if(true)x#end"}', { error: { messageString: '"Unauthorized"' } }, { env: 'dev' });
    assert.equal(output, '{"message": ""Unauthorized"", "stage": "dev", "raw": "#if(true)x#end"}');
  });

  it('evaluates a standalone template', () => {
    const result = evaluateStandaloneTemplate('{"id": "$input.params(\'id\')", "n": $input.path(\'$.n\')}', 'request', { body: '{"n": 3}', params: { path: { id: '42' } } });
    assert.deepEqual(JSON.parse(result.output), { id: '42', n: 3 });
  });

  it('previews a standalone gateway response template by substitution, not Velocity', () => {
    const result = evaluateStandaloneTemplate('{"stage": "$stageVariables.env"}#if(true)x#end', 'gatewayResponse', { stageVariables: { env: 'dev' } });
    assert.equal(result.kind, 'gatewayResponse');
    assert.equal(result.output, '{"stage": "dev"}#if(true)x#end');
  });

  it('stops a runaway template and says why', () => {
    const result = evaluateStandaloneTemplate('#macro(loop $n)#loop($n)#end#loop(1)', 'request', {}, 300);
    assert.deepEqual(result.errors.map((e) => e.code), ['recursion']);
    assert.match(result.errors[0].message, /calls itself/);
  });

  it('offers an evaluate lens on every template and an invoke lens on every operation', () => {
    const lenses = findCodeLenses(document, { invoke: true });
    assert.equal(lenses.filter((l) => l.command?.command === 'apigateway.evaluateTemplate').length, 7);
    assert.equal(lenses.filter((l) => l.command?.command === 'apigateway.invoke.open').length, 5);
  });
});
