import assert from 'node:assert/strict';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import type { Problem, ValidationContext } from '../../../server/src/services/validationTypes';
import { createValidationCaches } from '../../../server/src/services/validationCaches';
import { templateRule, validateStandaloneTemplate } from '../../../server/src/services/templates/templateValidation';
import { TEMPLATE_DIAGNOSTIC_CODES } from '../../../server/src/services/templates/templateCodes';
import { parseDocument, yamlWithRequestTemplate } from './support';

function problemsOf(document: ApiDocument): Problem[] {
  const problems: Problem[] = [];
  const context: ValidationContext = {
    document,
    dialect: 'rest',
    settings: {},
    resolver: undefined,
    caches: createValidationCaches(),
    isCancelled: () => false,
    report: (node, code, message, extra) => problems.push({ offset: node.offset, end: node.end, code, message, ...extra }),
  };
  void templateRule(context);
  return problems;
}

/** The problems of a document as `code: covered text` pairs. */
function covered(text: string, uri?: string): string[] {
  return problemsOf(parseDocument(text, uri)).map((p) => `${p.code}: ${text.slice(p.offset, p.end)}`);
}

describe('template diagnostics', () => {
  it('registers every code it reports', () => {
    const text = yamlWithRequestTemplate(`"$context.identty.sourceIp $input.path() $input.json('$.[') #if($a)"`);
    for (const problem of problemsOf(parseDocument(text))) assert.ok(TEMPLATE_DIAGNOSTIC_CODES[problem.code], problem.code);
  });

  it('reports calls nested thousands deep as too deep, in a file and in a definition, instead of running out of stack', () => {
    const template = '$a.b('.repeat(5000);
    const tooDeep = /`\$a\.b\(` opened at line 1 is nested too deeply: more than 256 calls/;
    assert.ok(validateStandaloneTemplate(template).some((p) => p.code === 'template-syntax' && tooDeep.test(p.message)));
    const text = yamlWithRequestTemplate(`"${template}"`);
    const problems = problemsOf(parseDocument(text));
    assert.ok(problems.some((p) => p.code === 'template-syntax' && /is nested too deeply/.test(p.message)), problems.map((p) => p.message).join('\n'));
  });

  it('points at unknown members inside a double-quoted YAML string, with a suggestion', () => {
    const text = yamlWithRequestTemplate('"{\\"ip\\": \\"$context.identty.sourceIp\\"}"');
    const [problem] = problemsOf(parseDocument(text));
    assert.equal(problem.code, 'template-unknown-member');
    assert.equal(text.slice(problem.offset, problem.end), 'identty');
    assert.match(problem.message, /Did you mean 'identity'/);
  });

  it('points at problems inside a literal block', () => {
    const text = yamlWithRequestTemplate([
      '|',
      "            #set($body = $input.path('$'))",
      '            {',
      "              \"a\": $input.json('$..['),",
      '              "b": "$util.base64Encode()",',
      '              "c": "$context.status"',
      '            }',
    ].join('\n'));
    assert.deepEqual(covered(text), [
      "template-invalid-jsonpath: $..[",
      'template-argument-count: base64Encode()',
      'template-access-log-variable: status',
    ]);
  });

  it('reads the X-Ray trace id in templates, which the REST reference does not limit to access logs, and still flags access-log-only variables', () => {
    const text = yamlWithRequestTemplate('"{\\"trace\\": \\"$context.xrayTraceId\\", \\"waf\\": \\"$context.waf.status\\"}"');
    assert.deepEqual(covered(text), ['template-access-log-variable: waf']);
  });

  it('points at problems inside JSON strings with escapes', () => {
    const template = '{\\"q\\": \\"$util.escapeJavaScript($input.params(\'q\'))\\",\\n\\"m\\": \\"$context.requestOverride.header.x\\"}';
    const text = `{"openapi":"3.0.1","paths":{"/a":{"get":{"x-amazon-apigateway-integration":{"type":"http","responses":{"default":{"statusCode":"200","responseTemplates":{"application/json":"${template}"}}}}}}}}`;
    assert.deepEqual(covered(text, 'file:///api.json'), [
      "template-override-misplaced: requestOverride",
      "template-escape-javascript-in-json: $util.escapeJavaScript($input.params('q'))",
    ]);
  });

  it('points at problems inside single-quoted YAML strings', () => {
    const text = yamlWithRequestTemplate("'{\"a\": $input.json(''$.['')}'");
    assert.deepEqual(covered(text), ["template-invalid-jsonpath: $.["]);
  });

  it('reports Velocity syntax errors at their position', () => {
    const text = yamlWithRequestTemplate('|\n            {\n              #if($a)\n            }');
    const problems = problemsOf(parseDocument(text));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'template-syntax');
    assert.equal(text.slice(problems[0].offset, problems[0].end), '#if');
  });

  it('reports a backslash before a quote in a Velocity string at the backslash, and #include at the directive', () => {
    const text = yamlWithRequestTemplate('|\n            #set($o = $util.parseJson("{\\"a\\": 1}"))\n            {}');
    const problems = problemsOf(parseDocument(text));
    assert.deepEqual(problems.map((p) => [p.code, text.slice(p.offset, p.end)]), [['template-syntax', '\\']]);
    assert.match(problems[0].message, /^Velocity strings have no backslash escapes/);
    assert.deepEqual(covered(yamlWithRequestTemplate('|\n            #include("x.vtl")')), ['template-syntax: #include']);
  });

  it('reports an argument list a YAML scalar kept with backslashes, `$input.params(\\"data\\")`, at the backslash', () => {
    for (const scalar of ['\'{"data", $input.params(\\"data\\")}\'', '>\n            {"data": $input.params(\\"data\\")}']) {
      const text = yamlWithRequestTemplate(scalar);
      const problems = problemsOf(parseDocument(text));
      assert.deepEqual(problems.map((p) => [p.code, text.slice(p.offset, p.end)]), [['template-syntax', '\\']], scalar);
      assert.match(problems[0].message, /^The argument list of `\$input\.params\(` is not valid: `\\"` is not how to quote in a template/);
    }
    assert.deepEqual(covered(yamlWithRequestTemplate('\'{"data": $input.params("data"), "n": $input.params( "n" )}\'')), []);
  });

  it('accepts the documented escapeJavaScript repair and templates outside JSON strings', () => {
    const text = yamlWithRequestTemplate(`|\n            #set($q = $util.escapeJavaScript($input.params('q')).replaceAll("\\\\'","'"))\n            {"q": "$q", "r": "$util.escapeJavaScript($input.body).replaceAll("\\\\'","'")"}`);
    assert.deepEqual(covered(text), []);
  });

  it('leaves escapeJavaScript of a context variable that never holds a quote alone, and flags one that may', () => {
    const safe = yamlWithRequestTemplate(`|\n            {"id": "$util.escapeJavaScript($context.requestId)", "ip": "$util.escapeJavaScript($context.identity.sourceIp)", "stage": "$util.escapeJavaScript(\${context.stage})"}`);
    assert.deepEqual(covered(safe), []);
    const unsafe = yamlWithRequestTemplate(`|\n            {"path": "$util.escapeJavaScript($context.path)", "agent": "$util.escapeJavaScript($context.identity.userAgent)", "id": "$util.escapeJavaScript($context.requestId.toString())"}`);
    assert.deepEqual(covered(unsafe), [
      'template-escape-javascript-in-json: $util.escapeJavaScript($context.path)',
      'template-escape-javascript-in-json: $util.escapeJavaScript($context.identity.userAgent)',
      'template-escape-javascript-in-json: $util.escapeJavaScript($context.requestId.toString())',
    ]);
  });

  it('follows variables assigned from escapeJavaScript into JSON strings', () => {
    const text = yamlWithRequestTemplate(`|\n            #set($q = $util.escapeJavaScript($input.params('q')))\n            {"q": "$q"}`);
    assert.deepEqual(covered(text), ['template-escape-javascript-in-json: $q']);
  });

  it('marks templates on proxy integrations as ignored', () => {
    const text = yamlWithRequestTemplate('"$input.body"', 'aws_proxy');
    const [problem] = problemsOf(parseDocument(text));
    assert.equal(problem.code, 'template-ignored-on-proxy');
    assert.equal(problem.unnecessary, true);
    assert.equal(text.slice(problem.offset, problem.end), 'application/json: "$input.body"');
  });

  it('flags MOCK request templates without a statusCode on the MIME key', () => {
    assert.deepEqual(covered(yamlWithRequestTemplate('"{}"', 'mock')), ['template-mock-without-status: application/json']);
    assert.deepEqual(covered(yamlWithRequestTemplate('\'{"statusCode": 200}\'', 'mock')), []);
  });

  it('flags response templates on streaming integrations and response overrides in request templates', () => {
    const text = [
      'openapi: 3.0.1',
      'paths:',
      '  /a:',
      '    get:',
      '      x-amazon-apigateway-integration:',
      '        type: http',
      '        responseTransferMode: STREAM',
      '        requestTemplates:',
      '          application/json: "#set($context.responseOverride.status = 400)"',
      '        responses:',
      '          default:',
      '            statusCode: "200"',
      '            responseTemplates:',
      '              application/json: "$input.body"',
      '',
    ].join('\n');
    assert.deepEqual(covered(text), ['template-override-misplaced: responseOverride', 'template-with-streaming: application/json']);
  });

  it('checks gateway response templates as substitution only', () => {
    const text = [
      'openapi: 3.0.1',
      'paths: {}',
      'x-amazon-apigateway-gateway-responses:',
      '  DEFAULT_4XX:',
      '    responseTemplates:',
      '      application/json: \'#if($x){"m": $context.error.messageString, "t": "$context.error.responseTyp", "i": "$input.body"}#end\'',
      '',
    ].join('\n');
    assert.deepEqual(covered(text), [
      'gateway-response-template-directive: #if',
      'gateway-response-template-directive: #end',
      'template-unknown-member: responseTyp',
      'gateway-response-template-variable: $input.body',
    ]);
  });

  it('flags templates over 300 KB', () => {
    const big = 'x'.repeat(300 * 1024 + 1);
    assert.deepEqual(validateStandaloneTemplate(big).map((p) => p.code), ['template-too-large']);
  });

  it('accepts open-ended and Java-map members', () => {
    const template = [
      '$context.authorizer.claims.sub $context.authorizer.tenant $stageVariables.anything',
      "$input.params().header.keySet() $input.params('id') $context.identity.keySet()",
      '$context.requestId.length() $util.parseJson($input.body).a.b #set($context.requestOverride.header.X-Id = "1")',
      '$input.params().get("path").size() $context.identity.clientCert.validity.notAfter',
    ].join('\n');
    assert.deepEqual(validateStandaloneTemplate(template), []);
  });

  it('decides the kind of a template file from its name', () => {
    const template = '#set($context.responseOverride.status = 400)';
    assert.deepEqual(validateStandaloneTemplate(template, 'error-response.vtl'), []);
    assert.deepEqual(validateStandaloneTemplate(template, 'request.vtl').map((p) => [p.code, template.slice(p.offset, p.end)]), [
      ['template-override-misplaced', 'responseOverride'],
    ]);
  });
});
