import assert from 'node:assert/strict';
import { validate, withCode, withRequestTemplate } from '../validation/validate';
import { validateStandaloneTemplate } from '../../../server/src/services/templates/templateValidation';

describe('line numbers in the syntax messages of embedded templates', () => {
  it('names the lines of the file, where the reader sees them, and the same template in two places names each its own', async () => {
    const template = '{"statusCode": 200}\n#if($input.path(\'$.a\') == 1\n  {"x": 1}\n#end';
    const [found] = withCode(await validate(withRequestTemplate(template)), 'template-syntax');
    assert.match(found.message, /^`#if\(` opened at line 12 is not closed/);
    const twice = withRequestTemplate(template).replace("        responses: { default: { statusCode: '200' } }\n", `        responses: { default: { statusCode: '200' } }\n  /b:\n    post:\n      responses: { '200': { description: ok } }\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: |\n${template.split('\n').map((line) => `            ${line}`).join('\n')}\n        responses: { default: { statusCode: '200' } }\n`);
    const both = withCode(await validate(twice), 'template-syntax').map((d) => /line (\d+)/.exec(d.message)?.[1]);
    assert.deepEqual(both, ['12', '24']);
  });

  it('keeps the template\'s own lines in a .vtl file', () => {
    const [found] = validateStandaloneTemplate('{"statusCode": 200}\n#if($a == 1\n#end', 'request.vtl').filter((p) => p.code === 'template-syntax');
    assert.match(found.message, /opened at line 2/);
  });

  it('asks for the missing ) of a call when a quote follows its argument', () => {
    const [found] = validateStandaloneTemplate(`{\n  "a": "$input.path('$.a'"\n}`, 'request.vtl').filter((p) => p.code === 'template-syntax');
    assert.match(found.message, /is the `\)` of `\$input\.path\(` \(opened at line 2\) missing before it\?$/);
  });
});
