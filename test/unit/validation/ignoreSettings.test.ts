import assert from 'node:assert/strict';
import { fileInFolder, fileMatches, jsonPointer, parsePointer } from '../../../server/src/services/ignoredFindings';
import { usesOf } from '../../../server/src/services/ignoredFindings';
import { readLanguageSettings } from '../../../server/src/services/languageSettings';
import type { IgnoreEntry, LanguageSettings } from '../../../server/src/services/validationTypes';
import { codes, validate } from './validate';

/** A Lambda function's ARN, where an integration takes the URI that invokes it. */
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:pets';

const FOLDER = 'file:///work';

/** One operation with a Lambda function ARN where the invocation URI belongs, and a misspelt integration type. */
const DEFINITION = JSON.stringify(
  {
    openapi: '3.0.1',
    info: { title: 't', version: '1' },
    paths: {
      '/pets': {
        get: {
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: FUNCTION_ARN },
        },
      },
      '/pets/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: `${FUNCTION_ARN}-one` },
        },
      },
    },
  },
  null,
  2,
);

const INTEGRATION = '/paths/~1pets/get/x-amazon-apigateway-integration';

function ignoring(...entries: IgnoreEntry[]): LanguageSettings {
  return { ignore: [{ folder: FOLDER, entries }] };
}

async function found(settings: LanguageSettings, text = DEFINITION, json = true) {
  return (await validate(text, { json, settings })).map((d) => ({ code: String(d.code), line: d.range.start.line }));
}

describe('apigateway.validation.ignore', () => {
  it('reads RFC 6901 pointers: ~1 is /, ~0 is ~, and ~01 is ~1', () => {
    assert.deepEqual(parsePointer(''), []);
    assert.deepEqual(parsePointer('/'), ['']);
    assert.deepEqual(parsePointer('/paths/~1pets~1{id}/get'), ['paths', '/pets/{id}', 'get']);
    assert.deepEqual(parsePointer('/a~0b/~01'), ['a~b', '~1']);
    assert.equal(parsePointer('paths'), undefined);
    assert.equal(parsePointer('/a~2'), undefined);
    assert.equal(parsePointer('/a~'), undefined);
    assert.equal(jsonPointer(['paths', '/pets/{id}', 'get', 0, 'a~b']), '/paths/~1pets~1{id}/get/0/a~0b');
    for (const pointer of ['', '/', '/a~0~1b/0']) assert.equal(jsonPointer(parsePointer(pointer)!), pointer);
  });

  it('silences a finding of a listed code within the node the pointer names, and nothing beside it', async () => {
    const all = await found({});
    assert.deepEqual(codes(all), ['invalid-integration-uri']);
    assert.equal(all.length, 2);
    const at = `${INTEGRATION}/uri`;
    const left = await found(ignoring({ file: 'api.json', at, codes: ['invalid-integration-uri'] }));
    assert.deepEqual(left, all.slice(1));
    // Another code there silences nothing.
    assert.deepEqual(await found(ignoring({ file: 'api.json', at, codes: ['invalid-enum-value'] })), all);
    // A sibling of the finding's node does not hold it.
    assert.deepEqual(await found(ignoring({ file: 'api.json', at: `${INTEGRATION}/type` })), all);
  });

  it('silences every code when codes are left out, and the whole file for the empty pointer', async () => {
    const all = await found({});
    assert.deepEqual(await found(ignoring({ file: 'api.json', at: '/paths/~1pets' })), all.slice(1));
    assert.deepEqual(await found(ignoring({ file: 'api.json', at: '/paths' })), []);
    assert.deepEqual(await found(ignoring({ file: 'api.json', at: '' })), []);
  });

  it('takes array indexes and YAML alike', async () => {
    const yaml = [
      'openapi: 3.0.1',
      'info: {title: t, version: "1"}',
      'paths:',
      '  /pets:',
      '    get:',
      '      responses: {"200": {description: ok}}',
      '      x-amazon-apigateway-integration:',
      '        type: aws_proxy',
      '        httpMethod: POST',
      '        uri: arn:aws:lambda:us-east-1:123456789012:function:pets',
      'x-amazon-apigateway-binary-media-types: [image/png, not a type]',
      '',
    ].join('\n');
    const all = await found({}, yaml, false);
    assert.deepEqual(codes(all), ['invalid-integration-uri', 'invalid-media-type']);
    const second = ignoring({ file: 'api.yaml', at: '/x-amazon-apigateway-binary-media-types/1' });
    assert.deepEqual(codes(await found(second, yaml, false)), ['invalid-integration-uri']);
    const first = ignoring({ file: 'api.yaml', at: '/x-amazon-apigateway-binary-media-types/0' });
    assert.deepEqual(await found(first, yaml, false), all);
  });

  it('applies to the files its pattern names from the workspace folder', async () => {
    const all = await found({});
    assert.deepEqual(await found(ignoring({ file: 'other.json', at: '' })), all);
    assert.deepEqual(await found(ignoring({ file: '*.json', at: '' })), []);
    const entries = [{ file: 'api.json', at: '' }];
    const elsewhere: LanguageSettings = { ignore: [{ folder: 'file:///elsewhere', entries }] };
    assert.deepEqual(await found(elsewhere), all);
    assert.equal(fileInFolder('file:///work/', 'file:///work/apis/a%20b.json'), 'apis/a b.json');
    assert.equal(fileInFolder('file:///work', 'file:///workshop/a.json'), undefined);
    assert.ok(fileMatches('apis/*.json', 'apis/pets.json'));
    assert.ok(!fileMatches('apis/*.json', 'apis/v1/pets.json'));
    assert.ok(fileMatches('apis/**/*.json', 'apis/pets.json'));
    assert.ok(fileMatches('apis/**/*.json', 'apis/v1/pets.json'));
    assert.ok(fileMatches('./apis\\pet?.json', 'apis/pets.json'));
    assert.ok(!fileMatches('apis/pets.json', 'apis/petsXjson'));
  });

  it('records where each entry applied and whether it silenced anything there', async () => {
    const silencing: IgnoreEntry = { file: 'api.json', at: `${INTEGRATION}/uri` };
    const missing: IgnoreEntry = { file: 'api.json', at: '/paths/~1dogs' };
    const quiet: IgnoreEntry = { file: 'api.json', at: '/info' };
    const elsewhere: IgnoreEntry = { file: 'other.json', at: '' };
    await found(ignoring(silencing, missing, quiet, elsewhere));
    assert.deepEqual([...usesOf(silencing)], [['file:///work/api.json', { found: true, used: true }]]);
    assert.deepEqual([...usesOf(missing)], [['file:///work/api.json', { found: false, used: false }]]);
    assert.deepEqual([...usesOf(quiet)], [['file:///work/api.json', { found: true, used: false }]]);
    assert.deepEqual([...usesOf(elsewhere)], []);
  });

  it('reads entries from the settings for a folder, and says what cannot be used', () => {
    const entry = { file: 'api.json', at: '/paths/~1pets', codes: ['invalid-integration-uri'], reason: 'legacy' };
    const scope = { folder: FOLDER, entries: [entry] };
    assert.deepEqual(readLanguageSettings({ validation: { ignore: [entry] } }, FOLDER).settings, { ignore: [scope] });
    // Without a folder, no file can be named from it.
    assert.deepEqual(readLanguageSettings({ validation: { ignore: [entry] } }).settings, {});
    const ignore = [entry, { file: '', at: 'paths' }, { file: 'a.json', at: '', codes: [] }, 'x'];
    const read = readLanguageSettings({ validation: { ignore } }, FOLDER);
    assert.deepEqual(read.settings.ignore, [scope]);
    assert.deepEqual(read.problems.map((p) => p.key), [
      'apigateway.validation.ignore[1].file',
      'apigateway.validation.ignore[1].at',
      'apigateway.validation.ignore[2].codes',
      'apigateway.validation.ignore[3]',
    ]);
    const notAList = readLanguageSettings({ validation: { ignore: {} } });
    assert.deepEqual(notAList.problems.map((p) => p.key), ['apigateway.validation.ignore']);
  });
});
