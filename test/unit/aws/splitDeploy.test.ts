import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DefinitionToImportParams as ClientParams, DefinitionToImportResult as ClientResult } from '../../../client/src/deploy/definitionToImport';
import { apiKindEvidence, documentTitle, guessApiKind } from '../../../client/src/deploy/documentKind';
import { errorsMessage, warningsQuestion, type FileFindings } from '../../../client/src/deploy/validationVerdict';
import { createImportHandler, type DefinitionToImportParams as ServerParams, type DefinitionToImportResult as ServerResult } from '../../../server/src/importRequests';
import { createLanguageService } from '../../../server/src/languageService';
import { filesResolver } from '../../support/splitDefinition';

// The client mirrors the server's request types rather than importing them; the type checker holds the two together.
const answers: [ClientResult, ServerResult] = [{} as ServerResult, {} as ClientResult];
const asked: [ClientParams, ServerParams] = [{} as ServerParams, {} as ClientParams];
void answers;
void asked;

const API_URI = 'file:///work/api.yaml';

/** The body the language server answers a deploy with, for a definition open at API_URI and files on "disk". */
async function definitionToImport(api: string, files: Record<string, string>): Promise<ServerResult> {
  const resolver = filesResolver(files);
  const open = TextDocument.create(API_URI, 'yaml', 1, api);
  const service = createLanguageService({ resolver });
  const handler = createImportHandler({ get: (uri) => (uri === API_URI ? open : undefined) }, service, resolver, () => ({}));
  return handler({ uri: API_URI });
}

const SPLIT = `openapi: 3.0.1
info:
  title: "split: pets"
  version: '1'
paths:
  /pets:
    $ref: 'paths/pets.yaml'
`;

describe('deploying a split definition: the body judged is the one imported', () => {
  it('finds the kind of API from what a referenced file holds, and the title, in the JSON the server makes', async () => {
    const pets = `get:
  responses:
    '200': {description: ok}
  x-amazon-apigateway-integration:
    type: aws_proxy
    httpMethod: POST
    payloadFormatVersion: '2.0'
    uri: arn:aws:lambda:us-east-1:123456789012:function:listPets
`;
    const answer = await definitionToImport(SPLIT, { 'file:///work/paths/pets.yaml': pets });
    assert.ok('text' in answer && answer.text !== undefined, JSON.stringify(answer));
    assert.deepEqual(answer.files, ['file:///work/paths/pets.yaml']);
    // The definition alone says nothing of its kind; what it is made of does.
    assert.equal(apiKindEvidence(SPLIT), undefined);
    assert.deepEqual(apiKindEvidence(answer.text), { kind: 'HTTP', evidence: 'payloadFormatVersion' });
    assert.equal(guessApiKind(answer.text), 'HTTP');
    assert.equal(documentTitle(answer.text), 'split: pets');
  });

  it('reads a Swagger 2.0 bundle and an extension only REST APIs use from its JSON', async () => {
    const swagger = SPLIT.replace('openapi: 3.0.1', "swagger: '2.0'");
    const answer = await definitionToImport(swagger, { 'file:///work/paths/pets.yaml': "get:\n  x-amazon-apigateway-request-validator: all\n  responses:\n    '200': {description: ok}\n" });
    assert.ok('text' in answer && answer.text !== undefined, JSON.stringify(answer));
    assert.deepEqual(apiKindEvidence(answer.text), { kind: 'REST', evidence: 'Swagger 2.0' });
    assert.deepEqual(apiKindEvidence(answer.text.replace(/"swagger": "2.0"/, '"openapi": "3.0.1"')), { kind: 'REST', evidence: 'x-amazon-apigateway-request-validator' });
  });

  it('leaves a definition that names no other file to be sent as written', async () => {
    assert.deepEqual(await definitionToImport(SPLIT.replace("$ref: 'paths/pets.yaml'", 'get: {responses: {}}'), {}), { files: [], moved: [], findings: [] });
  });

  it('says which reference cannot be followed', async () => {
    const answer = await definitionToImport(SPLIT, {});
    assert.ok('error' in answer);
    assert.match(answer.error, /paths\/pets\.yaml/);
  });
});

describe('the deploy validation gate over the files a definition is made of', () => {
  const file = (name: string, errors: [number, string][] = [], warnings: [number, string][] = []): FileFindings => ({
    name,
    errors: errors.map(([line, message]) => ({ line, message })),
    warnings: warnings.map(([line, message]) => ({ line, message })),
  });

  it('refuses for an error in a referenced file, naming that file', () => {
    assert.equal(
      errorsMessage([file('api.yaml'), file('paths/pets.yaml', [[3, 'Unknown integration type "aws_proxi".']])]),
      'Not deployed: 1 error in paths/pets.yaml. Line 4: Unknown integration type "aws_proxi".',
    );
  });

  it('counts the errors of every file and names the file of the one it quotes', () => {
    assert.equal(
      errorsMessage([file('api.yaml', [[0, 'first']]), file('paths/pets.yaml', [[1, 'second'], [2, 'third']])]),
      'Not deployed: 3 errors in api.yaml and paths/pets.yaml. api.yaml line 1: first (and 2 more errors)',
    );
    assert.equal(errorsMessage([file('api.yaml', [[9, 'only']])]), 'Not deployed: 1 error in api.yaml. Line 10: only');
    assert.equal(errorsMessage([file('api.yaml', [], [[0, 'w']]), file('paths/pets.yaml')]), undefined);
  });

  it('asks about the warnings of every file once, each line named with its file when there are several', () => {
    assert.deepEqual(warningsQuestion([file('api.yaml', [], [[4, 'a']]), file('paths/pets.yaml', [], [[0, 'b']])]), {
      message: '2 warnings in api.yaml and paths/pets.yaml. Deploy anyway?',
      detail: 'api.yaml line 5: a\npaths/pets.yaml line 1: b',
    });
    assert.deepEqual(warningsQuestion([file('api.yaml'), file('paths/pets.yaml', [], [[0, 'b']])]), { message: '1 warning in paths/pets.yaml. Deploy anyway?', detail: 'line 1: b' });
    assert.equal(warningsQuestion([file('api.yaml')]), undefined);
  });
});

describe('deploying a split definition: the findings that gate it', () => {
  const pets = "get:\n  x-amazon-apigateway-request-validator: all\n  responses:\n    '200': {description: ok}\n  x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{\"statusCode\": 200}'}, responses: {default: {statusCode: '200'}}}\n";

  it('are what this definition finds in the files it is made of', async () => {
    // Without the validator the path item names, the definition has an error in that file.
    const answer = await definitionToImport(SPLIT, { 'file:///work/paths/pets.yaml': pets });
    assert.ok('findings' in answer);
    assert.deepEqual(answer.findings.map((f) => [f.uri, f.findings.map((x) => `${x.severity} ${x.line}`)]), [['file:///work/paths/pets.yaml', ['error 1']]]);
  });

  it('leave out what another definition using the same file would find there', async () => {
    const withValidator = SPLIT.replace('paths:', 'x-amazon-apigateway-request-validators:\n  all: {validateRequestBody: true}\npaths:');
    const answer = await definitionToImport(withValidator, { 'file:///work/paths/pets.yaml': pets });
    assert.ok('findings' in answer);
    assert.deepEqual(answer.findings, [{ uri: 'file:///work/paths/pets.yaml', findings: [] }]);
  });
});
