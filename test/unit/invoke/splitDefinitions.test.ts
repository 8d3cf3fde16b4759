import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { main } from '../../../server/src/cli/apigw';
import { runServe } from '../../../server/src/cli/commands/serve';
import { createInvokeHandlers, type InvokeHandlers } from '../../../server/src/invokeRequests';
import { parseApiDocument } from '../../../server/src/model/apiDocument';
import { WorkspaceResolver } from '../../../server/src/workspaceResolver';
import { fakeIO } from '../../support/fakeCliIO';

const API = `openapi: 3.0.1
info: {title: split, version: '1'}
paths:
  /pets/{id}:
    $ref: 'paths/pet.yaml'
`;

const pet = (from: string) => `get:
  parameters:
    - $ref: '../params.yaml#/id'
  responses:
    '200': {description: ok}
  x-amazon-apigateway-integration:
    type: mock
    requestTemplates:
      application/json: '{"statusCode": 200}'
    responses:
      default:
        statusCode: '200'
        responseTemplates:
          application/json: '{"id": "$input.params(''id'')", "from": "${from}"}'
`;

async function waitUntil(done: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('running a definition split over several files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-split-run-'));
    mkdirSync(path.join(dir, 'paths'));
    writeFileSync(path.join(dir, 'api.yaml'), API);
    writeFileSync(path.join(dir, 'paths/pet.yaml'), pet('pet.yaml'));
    writeFileSync(path.join(dir, 'params.yaml'), 'id: {name: id, in: path, required: true, schema: {type: string}}\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('from the editor', () => {
    let handlers: InvokeHandlers;
    let documents: Map<string, TextDocument>;
    let apiUri: string;
    beforeEach(() => {
      apiUri = pathToFileURL(path.join(dir, 'api.yaml')).href;
      documents = new Map([[apiUri, TextDocument.create(apiUri, 'yaml', 1, API)]]);
      const resolver = new WorkspaceResolver((uri) => documents.get(uri));
      handlers = createInvokeHandlers({ getDocument: (uri) => documents.get(uri), parse: parseApiDocument, resolver });
    });
    afterEach(() => handlers.dispose());

    it('lists the operations of a path item kept in another file, and runs them with its templates', async () => {
      const listing = await handlers.operationSample({ uri: apiUri });
      assert.deepEqual(listing.operations.map((o) => `${o.method} ${o.path}`), ['GET /pets/{id}']);
      const sample = await handlers.operationSample({ uri: apiUri, path: '/pets/{id}', method: 'GET' });
      // The parameter is declared in a third file, which the path item references.
      assert.deepEqual(Object.keys(sample.sample?.params.path ?? {}), ['id']);
      const answer = await handlers.invokeLocal({ uri: apiUri, method: 'GET', path: '/pets/7' });
      assert.ok(!('error' in answer), JSON.stringify(answer));
      assert.deepEqual(JSON.parse(answer.response.body), { id: '7', from: 'pet.yaml' });
    });

    it('runs the referenced file as it is edited, and says which reference leads nowhere', async () => {
      await handlers.invokeLocal({ uri: apiUri, method: 'GET', path: '/pets/7' });
      const petUri = pathToFileURL(path.join(dir, 'paths/pet.yaml')).href;
      documents.set(petUri, TextDocument.create(petUri, 'yaml', 2, pet('edited')));
      const edited = await handlers.invokeLocal({ uri: apiUri, method: 'GET', path: '/pets/7' });
      assert.ok(!('error' in edited), JSON.stringify(edited));
      assert.equal(JSON.parse(edited.response.body).from, 'edited');
      documents.set(petUri, TextDocument.create(petUri, 'yaml', 3, pet('edited').replace('../params.yaml', '../nothing.yaml')));
      const refused = await handlers.invokeLocal({ uri: apiUri, method: 'GET', path: '/pets/7' });
      assert.deepEqual(refused, { error: 'The document cannot be run: the $ref "../nothing.yaml#/id" in pet.yaml names a file that cannot be read. Fix it and send again.' });
    });
  });

  it('apigw serve reloads when a referenced file changes', async () => {
    const io = fakeIO(dir);
    const controller = new AbortController();
    let url = '';
    const served = new Promise<number>((resolve) => {
      void runServe(['api.yaml', '--port', '0'], io, { signal: controller.signal, onListening: (u) => (url = u) }).then(resolve);
    });
    try {
      await waitUntil(() => url !== '');
      assert.equal(JSON.parse(await (await fetch(`${url}/pets/7`)).text()).from, 'pet.yaml');
      assert.match(io.stdout, /GET\s+\/pets\/\{id\}/);
      writeFileSync(path.join(dir, 'paths/pet.yaml'), pet('edited'));
      let from = '';
      for (let i = 0; i < 100 && from !== 'edited'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        from = JSON.parse(await (await fetch(`${url}/pets/7`)).text()).from;
      }
      assert.equal(from, 'edited');
    } finally {
      controller.abort();
    }
    assert.equal(await served, 0);
  });

  describe('apigw invoke', () => {
    it('validates a body against a schema that contains itself through another file', async () => {
      writeFileSync(path.join(dir, 'node.yaml'), "Node:\n  type: object\n  required: [name]\n  properties:\n    name: {type: string}\n    next: {$ref: '#/Node'}\n");
      writeFileSync(path.join(dir, 'api.yaml'), `openapi: 3.0.1
info: {title: t, version: '1'}
x-amazon-apigateway-request-validators:
  body: {validateRequestBody: true}
paths:
  /nodes:
    post:
      x-amazon-apigateway-request-validator: body
      requestBody:
        content:
          application/json:
            schema: {$ref: 'node.yaml#/Node'}
      responses:
        '200': {description: ok}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses: {default: {statusCode: '200'}}
`);
      writeFileSync(path.join(dir, 'good.json'), JSON.stringify({ name: 'a', next: { name: 'b', next: { name: 'c' } } }));
      writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ name: 'a', next: { next: { name: 'c' } } }));
      const args = ['invoke', 'api.yaml', '--method', 'POST', '--path', '/nodes', '--header', 'Content-Type: application/json', '--body-file'];
      const good = fakeIO(dir);
      assert.equal(await main([...args, 'good.json'], good), 0, good.stderr);
      assert.match(good.stdout, /^HTTP 200\n/);
      const bad = fakeIO(dir);
      assert.equal(await main([...args, 'bad.json'], bad), 0, bad.stderr);
      assert.match(bad.stdout, /^HTTP 400\n/);
    });

    it('runs the path item from its own file', async () => {
      const io = fakeIO(dir);
      assert.equal(await main(['invoke', 'api.yaml', '--method', 'GET', '--path', '/pets/7'], io), 0, io.stderr);
      assert.match(io.stdout, /^HTTP 200\n/);
      assert.match(io.stdout, /\{"id": "7", "from": "pet.yaml"\}/);
    });

    it('names the reference that leads nowhere, and does not run', async () => {
      writeFileSync(path.join(dir, 'paths/pet.yaml'), pet('pet.yaml').replace('#/id', '#/ID'));
      const io = fakeIO(dir);
      assert.equal(await main(['invoke', 'api.yaml', '--method', 'GET', '--path', '/pets/7'], io), 2);
      assert.match(io.stderr, /api\.yaml: the \$ref "\.\.\/params\.yaml#\/ID" in pet\.yaml points to nothing/);
    });
  });
});
