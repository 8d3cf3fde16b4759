import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { codes, rangeOf, validate, withCode } from './validate';
import { OPERATION_PARTS, SCHEMA_SOURCES, type OpenApiVersion } from '../../../server/src/facts/openapiSchemaSources';
import { schemaVerdict } from '../../../server/src/services/rules/openapiSchemas';

describe('OpenAPI structure', () => {
  it('reports a missing required property on the key of the object that lacks it', async () => {
    const text = 'openapi: 3.0.1\ninfo:\n  title: t\npaths: {}\n';
    const [d] = withCode(await validate(text), 'openapi-schema');
    assert.equal(d.message, '`info` is missing the required property `version`; API Gateway imports it as it is.');
    assert.deepEqual(d.range, rangeOf(text, 'info'));
    // AWS imports it without a warning (LocalStack's recorded imports), so it is information.
    assert.equal(d.severity, 3);
  });

  it('keeps mistakes API Gateway takes on import as information: a missing or empty responses', async () => {
    const text = "openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get: { summary: s }\n    post: { responses: {} }\n";
    const diagnostics = withCode(await validate(text), 'openapi-schema');
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.message]), [
      [3, '`paths./a.get` is missing the required property `responses`; API Gateway imports the operation without method responses.'],
      [3, '`paths./a.post.responses` must have at least 1 property; API Gateway imports the operation without method responses.'],
    ]);
  });

  it('says of a missing responses in an HTTP API that its routes have no method responses, not that the import drops them', async () => {
    const text = "openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get: { summary: s }\n    post: { responses: {} }\n";
    const diagnostics = withCode(await validate(text, { settings: { dialect: 'http' } }), 'openapi-schema');
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.message]), [
      [3, '`paths./a.get` is missing the required property `responses`; HTTP APIs have no method responses, so the import does not need them.'],
      [3, '`paths./a.post.responses` must have at least 1 property; HTTP APIs have no method responses, so the import does not need them.'],
    ]);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'get'));
  });

  it('collapses the alternatives of a Swagger 2.0 parameter into one precise message (JSON)', async () => {
    const text = JSON.stringify(
      { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query' }], responses: { '200': { description: 'ok' } } } } } },
      null,
      2,
    );
    const diagnostics = withCode(await validate(text, { json: true }), 'openapi-schema');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].message, '`paths./a.get.parameters[0]` is missing the required property `type`; API Gateway imports it as it is.');
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
  });

  it('names a location by its whole path, so that findings in two operations never read alike', async () => {
    const operation = { post: { parameters: [{ in: 'header', name: 'h1', required: true }], responses: { '200': { description: 'ok' } } } };
    const text = JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/r': operation, '/s': operation } }, null, 2);
    const messages = withCode(await validate(text, { json: true }), 'openapi-schema').map((d) => d.message);
    assert.deepEqual(messages, [
      '`paths./r.post.parameters[0]` is missing the required property `type`; API Gateway imports it as it is.',
      '`paths./s.post.parameters[0]` is missing the required property `type`; API Gateway imports it as it is.',
    ]);
  });

  it('keeps a missing response description a warning in OpenAPI 3, where no import of one is recorded', async () => {
    const swagger = JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': { schema: { type: 'object' } } } } } } });
    const [inSwagger] = withCode(await validate(swagger, { json: true }), 'openapi-schema');
    assert.equal(inSwagger.message, '`paths./a.get.responses.200` is missing the required property `description`; API Gateway imports it as it is.');
    assert.equal(inSwagger.severity, DiagnosticSeverity.Information);
    const openapi = JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': {} } } } } });
    const [inOpenApi] = withCode(await validate(openapi, { json: true }), 'openapi-schema');
    assert.equal(inOpenApi.severity, DiagnosticSeverity.Warning, inOpenApi.message);
  });

  it('says that a Swagger 2.0 operation has at most one body parameter, at the repeated one', async () => {
    const body = '{"in": "body", "name": "P", "schema": {"type": "object"}}';
    const text = `{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/r": {"put": {
  "parameters": [
    {"name": "h", "in": "header", "type": "string"},
    ${body},
    ${body}
  ],
  "responses": {"200": {"description": "ok"}}}}}}`;
    const [d] = withCode(await validate(text, { json: true }), 'openapi-schema');
    assert.equal(d.message, '`paths./r.put.parameters[2]` is a second body parameter, the same as [1]; an operation has at most one body parameter.');
    assert.deepEqual(d.range, rangeOf(text, body, 2));
  });

  it('says which item a list repeats when the items are not body parameters', async () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n        - {name: q, in: query, schema: {type: string}}\n      responses: {'200': {description: ok}}\n";
    const [d] = withCode(await validate(text), 'openapi-schema');
    assert.equal(d.message, '`paths./a.get.parameters[1]` repeats [0]; the items of this list must be unique.');
    assert.deepEqual(d.range, rangeOf(text, '{name: q, in: query, schema: {type: string}}', 2));
  });

  it('describes the form a Swagger 2.0 host must take instead of showing the schema\'s regular expression', async () => {
    const text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: abc.execute-api.{region}.amazonaws.com\npaths: {}\n";
    const [d] = withCode(await validate(text), 'openapi-schema');
    assert.equal(d.message, '`host` must be a plain host name, optionally with `:port`; it holds templating (`{region}`), which Swagger 2.0 `host` does not take.');
    assert.deepEqual(d.range, rangeOf(text, 'abc.execute-api.{region}.amazonaws.com'));
  });

  it('names only what a Swagger 2.0 host holds that it must not', async () => {
    const message = async (host: string) => withCode(await validate(`swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: '${host}'\npaths: {}\n`), 'openapi-schema')[0]?.message;
    const holds = (what: string) => `\`host\` must be a plain host name, optionally with \`:port\`; it holds ${what}, which Swagger 2.0 \`host\` does not take.`;
    assert.equal(await message('https://example.com/v1'), holds('a scheme (`https://`) and a path (`/v1`)'));
    assert.equal(await message('example.com/v1'), holds('a path (`/v1`)'));
    assert.equal(await message('example.com:http'), holds('a port that is not a number (`:http`)'));
    assert.equal(await message('{host}:{port}'), holds('templating (`{host}`, `{port}`)'));
    assert.equal(await message('my host.com'), holds('a space'));
    assert.equal(await message('example.com:8080'), undefined);
  });

  it('picks the deepest branch error of an alternative', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { a: { type: strin } } }
`;
    const diagnostics = withCode(await validate(text), 'openapi-schema');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /must be one of/);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'strin'));
  });

  it('reports unknown properties on their key but never x- keys', async () => {
    const text = 'openapi: 3.0.1\ninfo: { title: t, version: "1", x-logo: a }\npaths: {}\nx-anything: 1\nservers2: []\n';
    const diagnostics = withCode(await validate(text), 'openapi-schema');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /has the property `servers2`, which is not allowed here/);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'servers2'));
  });

  it('checks OpenAPI 3.1 documents with the 3.1 schema and warns that they may not import', async () => {
    const text = 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\n';
    assert.deepEqual(codes(await validate(text)), ['openapi-31-not-importable']);
    const bad = 'openapi: 3.1.0\ninfo: { title: t }\npaths: {}\n';
    assert.deepEqual(codes(await validate(bad)), ['openapi-31-not-importable', 'openapi-schema']);
  });

  it('says when the version is one no check knows, rather than passing a document whose structure went unchecked', async () => {
    const doc = (version: string) => `${version}\ninfo: { title: t }\npaths:\n  /a:\n    get:\n      responses: 7\n`;
    for (const version of ['openapi: banana', 'openapi: 4.0.0', "swagger: '1.2'", "openapi: ''"]) {
      const [found, ...others] = await validate(doc(version));
      assert.deepEqual([found.code, found.severity, others], ['unsupported-openapi-version', 1, []], version);
      assert.match(found.message, /API Gateway imports OpenAPI 3\.0\.x \(`openapi: 3\.0\.1`\) and Swagger 2\.0 \(`swagger: "2\.0"`\) definitions\. The document's structure is not checked against any version\.$/);
      assert.deepEqual(found.range, rangeOf(doc(version), version.split(': ')[1]));
    }
    const [none] = await validate(doc('openapi: { a: 1 }'));
    assert.match(none.message, /^`openapi` holds no version: API Gateway imports/);
    // A version cut short names its family: a warning that says what to write.
    const [short] = await validate(doc("openapi: '3.0'"));
    assert.deepEqual([short.code, short.severity], ['unsupported-openapi-version', 2]);
    assert.match(short.message, /^`openapi` is "3\.0", which names no release: write "3\.0\.1"\./);
  });

  it('reads swagger: 2.0 written unquoted as the version 2.0, and says once that it must be a string', async () => {
    const text = "swagger: 2.0\ninfo: { title: t, version: '1' }\npaths: {}\n";
    const found = await validate(text);
    assert.deepEqual(found.map((d) => [d.code, d.message]), [['openapi-schema', '`swagger` must be a string.']]);
    assert.deepEqual(codes(await validate(text.replace('info: { title: t, ', 'info: { '))), ['openapi-schema'], 'the structure is checked');
  });

  it('accepts the schemas of a 3.1 document, which the schema reaches through a dynamic reference', async () => {
    const text = [
      'openapi: 3.1.0',
      'info: { title: t, version: "1" }',
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: [string, 'null']}}}}}}",
      'components:',
      '  schemas:',
      '    Pet: {type: object, required: [id], properties: {id: {type: integer}}}',
      '',
    ].join('\n');
    assert.deepEqual(codes(await validate(text)), ['openapi-31-not-importable']);
    const missing = text.replace("'200': {description: ok, ", "'200': {");
    assert.deepEqual(codes(await validate(missing)), ['openapi-31-not-importable', 'openapi-schema']);
  });

  describe('operation parts, each distinct text judged once', () => {
    it('stands a valid part in by a value its property schema accepts, where the operation looks at it through that schema alone', () => {
      // The operation's verdict with a stand-in equals its verdict with the real part only while no keyword of the
      // operation's own (an alternative, a condition, unique items) looks at the part.
      const ownKeywords = new Set(['type', 'required', 'properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', '$ref', 'description']);
      for (const [version, source] of Object.entries(SCHEMA_SOURCES) as [OpenApiVersion, (typeof SCHEMA_SOURCES)[OpenApiVersion]][]) {
        const definitions = (source.schema.$defs ?? source.schema.definitions) as Record<string, Record<string, unknown>>;
        const operation = definitions[source.operation.split('/').pop()!];
        assert.deepEqual(Object.keys(operation).filter((k) => !ownKeywords.has(k)), [], version);
        if (operation.$ref) assert.deepEqual(definitions[String(operation.$ref).split('/').pop()!], { patternProperties: { '^x-': true } }, version);
        const present = Object.keys(OPERATION_PARTS).filter((part) => Object.hasOwn(operation.properties as object, part));
        const validators = schemaVerdict(version).operationParts;
        assert.deepEqual(Object.keys(validators).sort(), present.sort(), version);
        for (const part of present) assert.equal(validators[part](OPERATION_PARTS[part]), true, `${version} ${part}`);
      }
    });

    it('reports a part whose text repeats a valid one when an alias makes its value another', async () => {
      const text = `openapi: 3.0.1
info: {title: t, version: '1'}
x-first: &r
  '200': {description: ok}
paths:
  /a:
    get:
      responses: *r
  /b:
    x-second: &r
      '200': {summary: no description}
    get:
      responses: *r
`;
      assert.deepEqual(withCode(await validate(text), 'openapi-schema').map((d) => d.message), [
        '`paths./b.get.responses.200` is missing the required property `description`.',
        '`paths./b.get.responses.200` has the property `summary`, which is not allowed here.',
      ]);
    });

    it('reads aliases in a JSON definition as aliases too', async () => {
      // JSON is read by the same YAML reader, so a definition with syntax errors may still hold anchors and aliases.
      const text = `{"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
 "x-first": &r {"200": {"description": "ok"}},
 "paths": {
  "/a": {"get": {"responses":
      *r}},
  "/b": {"x-second": &r {"200": {"summary": "no"}}, "get": {"responses":
      *r}}}}
`;
      const messages = withCode(await validate(text, { json: true }), 'openapi-schema').map((d) => d.message);
      assert.deepEqual(messages, [
        '`paths./b.get.responses.200` is missing the required property `description`.',
        '`paths./b.get.responses.200` has the property `summary`, which is not allowed here.',
      ]);
    });

    it('tells a part copied by a merge key from a part written with the same text', async () => {
      // A copy made for a merge key stands where the merged value does: /a's merged `responses` stands on the text of
      // `get`'s value, which is also the text of /b's wrong `responses`, at the same column.
      const text = `openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /a: {<<: {get:        {responses: {'200': {description: ok}}}}}
  /b: {get: {responses: {responses: {'200': {description: ok}}}}}
`;
      assert.deepEqual(withCode(await validate(text), 'openapi-schema').map((d) => d.message), ['`paths./b.get.responses` has the property `responses`, which is not allowed here.']);
    });

    it('counts the blank lines after a part, which a kept block scalar at its end holds', async () => {
      const operation = (blankLines: string) => `    get:
      parameters:
        - {name: q, in: query, schema: {type: string}, description: "x\\n\\n"}
        - name: q
          in: query
          schema: {type: string}
          description: |+
            x
${blankLines}      responses: {'200': {description: ok}}
`;
      // With a blank line the second parameter's description is "x\n\n", the same as the first's: a repeated item.
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n${operation('')}  /b:\n${operation('\n')}`;
      assert.deepEqual(withCode(await validate(text), 'openapi-schema').map((d) => d.message), ['`paths./b.get.parameters[1]` repeats [0]; the items of this list must be unique.']);
    });

    it('reports every operation whose repeated part is wrong, and none whose copy of a valid part is right', async () => {
      const operation = (responses: string) => `    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n      responses: ${responses}\n`;
      const good = "{'200': {description: ok}}";
      const bad = "{'200': {descripton: ok}}";
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n${operation(good)}  /b:\n${operation(bad)}  /c:\n${operation(good)}  /d:\n${operation(bad)}`;
      const paths = withCode(await validate(text), 'openapi-schema').map((d) => /`paths\.(\/\w)/.exec(d.message)?.[1]);
      assert.deepEqual([...new Set(paths)], ['/b', '/d']);
    });
  });
});
