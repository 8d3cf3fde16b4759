import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { validateDocument } from '../../server/src/services/validation';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/openapi');
const EXAMPLES = path.resolve(__dirname, '../../examples');

/**
 * What a user should see on each real document (hints, shown faded, left out). Most were imported into AWS as they
 * are; their findings are warnings where the document is not strictly valid OpenAPI or configures something AWS
 * ignores. Documents with Terraform or test placeholders only get the note that they must be processed first.
 */
const EXPECTED: Record<string, string[]> = {
  // The template checks' own finding: `$util.escapeJavaScript` output inside a JSON string. `/echo/{data}` declares no
  // path parameter `data`, which OpenAPI requires and AWS does without: a note.
  // Its `$input.params(\"data\")` keeps the backslashes (a plain YAML scalar): Velocity cannot parse the template, so
  // the request fails on AWS, though the import (which does not parse templates) succeeds.
  '01_api_definition.yaml': ['template-escape-javascript-in-json', 'template-syntax', 'undeclared-path-template-parameter', 'unprocessed-template'],
  '02_oas30_documentation_parts.json': [],
  '03_openapi-basepath-server-variable.yaml': [],
  // `integration.request.header.nothing: true`: AWS imported it with the warning "Expected type string … but got
  // 'true'" and left the parameter out (LocalStack's snapshot of this file's import).
  '04_openapi-basepath-url.yaml': ['mapping-value-not-string'],
  '05_openapi-http-method-integration.json': ['template-escape-javascript-in-json', 'unprocessed-template'],
  // `statusCode: 200` unquoted: AWS accepts it; noted so it can be quoted.
  '06_openapi-method-int.spec.yaml': ['status-code-not-string'],
  // `/echo/{data}` declares no path parameter `data`, which OpenAPI requires and AWS does without: a note.
  '07_openapi-mock.json': ['undeclared-path-template-parameter'],
  '08_openapi.cognito-auth.json': ['unprocessed-template'],
  '09_openapi.spec.circular-ref-with-request-body.json': [],
  '10_openapi.spec.circular-ref.json': [],
  // `/echo/{data}` again, a note.
  '11_openapi.spec.global-auth.json': ['undeclared-path-template-parameter', 'unprocessed-template'],
  // The Lambda authorizer has no `authorizerPayloadFormatVersion`, which AWS documents as required of authorizers
  // created through the CLI, CloudFormation or an SDK (its REST-style identity source gets a hint only).
  '12_openapi.spec.json': ['missing-authorizer-field'],
  // Pulumi writes status codes as numbers and leaves out an operation's `responses` and the `proxy` parameter of
  // `/{proxy+}` (a note). Its gateway responses map `gatewayresponse.header.method.response.header.Access-Control-*`,
  // which sets headers of those literal names, so browsers never see the CORS headers on these errors. Its CORS OPTIONS
  // method requires an API key, which browsers do not send with a preflight.
  '13_openapi.spec.pulumi.json': ['mapping-prefix-in-name', 'openapi-schema', 'preflight-requires-authorization', 'status-code-not-string', 'undeclared-path-template-parameter'],
  // Terraform writes `info.version` as a number and keeps `responses` on an AWS_PROXY integration.
  '15_openapi.spec.tf.json': ['ignored-for-proxy', 'openapi-schema'],
  '14_openapi.spec.stage-variables.json': [],
  '16_pets.json': [],
  // AWS's sample leaves the account and role name to fill in: `arn:aws:iam::account-id:role` imports, but is no role.
  '17_petstore-authorizer.swagger.json': ['invalid-arn', 'unprocessed-template'],
  // `info` has no `version`.
  '18_petstore-swagger.json': ['openapi-schema', 'unprocessed-template'],
  // Empty `responses` objects are invalid Swagger 2.0; `/product/{product_id}` declares no path parameter (a note).
  '19_swagger-mock-cors.json': ['openapi-schema', 'undeclared-path-template-parameter'],
  // The CORS OPTIONS method of `/test` runs a request authorizer that reads only the query string, which a preflight
  // (sent to the same URL) carries: whether it passes is the function's to decide.
  '20_swagger.json': [],
  // The PutRecords templates of AWS's Kinesis sample lost their `#foreach($elem in ...)` line: `$elem` is set nowhere
  // and `$foreach.hasNext` stands outside any loop, so the records never come from the request body.
  '56_api-as-kinesis-proxy-export-swagger-with-extensions_block0.json': ['template-loop-variable-outside-loop', 'template-undefined-variable'],
  // The export repeats a header parameter; its PutRecords templates are the broken ones of the sample above.
  '57_api-as-kinesis-proxy-export-swagger-with-extensions_block1.json': ['openapi-schema', 'template-loop-variable-outside-loop', 'template-undefined-variable'],
  // `host` holds templating (`{region}`).
  '58_api-as-s3-proxy-export-swagger-with-extensions_block0.json': ['openapi-schema'],
  '59_api-as-lambda-proxy-export-swagger-with-extensions_block0.json': [],
  // A Lambda custom integration selecting `2\d{2}` for 200: patterns match the function's errorMessage, which a success
  // does not have, so every successful call takes `default` and answers 500 (the local gateway answers the same).
  '60_api-gateway-content-encodings-examples-image-lambda_block0.json': ['lambda-status-code-pattern'],
  '61_api-gateway-content-encodings-examples-image-s3_block1.json': [],
  // A query parameter without `type`, responses without `description`, a "400" integration response with no method
  // response, and a security requirement naming an undefined scheme. That "400" response also maps a header, which
  // AWS refuses (see IMPORT_ERRORS): one finding, on the status.
  '62_api-gateway-request-validation-sample-api-swagger_block0.json': ['openapi-schema', 'undeclared-response-status', 'unknown-security-scheme'],
  '63_simple-calc-lambda-api-swagger-definition_block0.json': [],
  '64_http-api-open-api_block4.json': [],
  // Operations without `responses`.
  '65_api-gateway-extensions-integrations_block0.json': ['openapi-schema'],
  // `responses` on an AWS_PROXY integration, holding a status code alone as AWS's exports do: a faded hint only.
  '66_import-api-aws-variables_block0.yaml': [],
};

/**
 * Errors a corpus document has although it was published as importable: AWS refuses these on import. The
 * request-validation sample maps `test-method-response-header` into a "400" response that neither operation declares,
 * which PutIntegrationResponse refuses ("No method response exists for method", aws-apigateway-importer#121) and the
 * import reports as "Unable to put integration response ... Invalid mapping expression specified"
 * (aws-apigateway-importer#209).
 */
const IMPORT_ERRORS: Record<string, string[]> = {
  '62_api-gateway-request-validation-sample-api-swagger_block0.json': ['undeclared-response-status'],
};

function load(file: string) {
  const uri = `file://${file}`;
  return parseApiDocument(TextDocument.create(uri, file.endsWith('.json') ? 'json' : 'yaml', 1, readFileSync(file, 'utf8')));
}

function visibleCodes(diagnostics: Diagnostic[]): string[] {
  return [...new Set(diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint).map((d) => String(d.code)))].sort();
}

describe('corpus of real definitions', () => {
  const files = readdirSync(CORPUS).filter((f) => /\.(json|ya?ml)$/.test(f));

  it('has an expectation for every file', () => {
    assert.deepEqual(files.filter((f) => !(f in EXPECTED)), []);
  });

  for (const file of files) {
    it(`${file}: ${JSON.stringify(EXPECTED[file] ?? '?')}`, async () => {
      const diagnostics = await validateDocument(load(path.join(CORPUS, file)));
      assert.deepEqual(visibleCodes(diagnostics), EXPECTED[file], diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`).join('\n'));
      // AWS imported it, so nothing it checks on import is an error; templates are parsed only when a request runs them.
      const known = IMPORT_ERRORS[file] ?? [];
      const importErrors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error && d.code !== 'template-syntax' && !known.includes(String(d.code)));
      assert.deepEqual(importErrors, [], 'AWS imported it, so nothing is an error');
    });
  }

  it('examples/petstore.yaml: exactly one error, the misspelt validator', async () => {
    const diagnostics = await validateDocument(load(path.join(EXAMPLES, 'petstore.yaml')));
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'unknown-request-validator');
    assert.match(String(errors[0].message), /"params-onyl"/);
  });

  it('examples/orders-http-api.json: clean', async () => {
    assert.deepEqual(await validateDocument(load(path.join(EXAMPLES, 'orders-http-api.json'))), []);
  });
});
