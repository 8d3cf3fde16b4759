import assert from 'node:assert/strict';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import type { Dialect } from '../../../server/src/model/dialect';
import { applyEdits, complete, parse } from './documents';

const OPERATIONS = 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n'
  + '  /a:\n    get:\n      security: [{auth: []}]\n'
  + '      parameters:\n        - {name: X-Tenant, in: header}\n        - {name: token, in: query}\n'
  + '      responses: {"200": {description: ok}}\n'
  + '  /open:\n    get:\n'
  + '      parameters:\n        - {name: X-Other, in: header}\n      responses: {"200": {description: ok}}\n';

/** A definition whose scheme `auth` has an authorizer of `type`, its `identitySource` line written as `value`. */
const authorizer = (type: string, value: string, schemeName = 'Unused') =>
  `${OPERATIONS}components:\n  securitySchemes:\n    auth:\n`
  + `      type: apiKey\n      name: ${schemeName}\n      in: header\n`
  + `      x-amazon-apigateway-authorizer:\n        type: ${type}\n        identitySource: ${value}\n`;

const REST_FORMS = [
  'method.request.header.', 'method.request.querystring.', 'stageVariables.', 'context.',
  'method.request.multivalueheader.', 'method.request.multivaluequerystring.',
];
const HTTP_FORMS = ['$request.header.', '$request.querystring.', '$context.', '$stageVariables.'];

/** Labels in the order the editor shows them. */
const ordered = (items: CompletionItem[]) =>
  [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);

function itemOf(items: CompletionItem[], label: string): CompletionItem {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return item;
}

/** The `identitySource` value after accepting an item, its snippet's cursor mark removed. */
function accepted(marked: string, label: string, format: 'yaml' | 'json' = 'yaml', dialect: Dialect = 'rest') {
  const { document, items } = complete(marked, format, dialect);
  const text = applyEdits(document, [itemOf(items, label).textEdit as TextEdit]).replace('$0', '');
  const schemes = (parse(text, format).value as any).components.securitySchemes;
  return schemes[Object.keys(schemes)[0]]['x-amazon-apigateway-authorizer'].identitySource;
}

describe('identity source completion', () => {
  it('offers the sources the definition names, then the forms of a REST API open for a name', () => {
    const { items } = complete(authorizer('request', '|'));
    const named = ['method.request.header.X-Tenant', 'method.request.querystring.token'];
    assert.deepEqual(ordered(items), [...named, 'method.request.header.Authorization', ...REST_FORMS]);
    assert.equal(itemOf(items, 'method.request.header.X-Tenant').detail, 'header parameter of GET /a');
    const stem = itemOf(items, 'context.');
    assert.equal(stem.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((stem.textEdit as TextEdit).newText, 'context.$0');
    assert.equal(stem.command?.command, 'editor.action.triggerSuggest');
    assert.equal(itemOf(items, 'method.request.multivalueheader.').detail, 'A request header, every value it is sent with');
  });

  it("offers the security scheme's header first", () => {
    const { items } = complete(authorizer('request', '|', 'X-Api-Token'));
    assert.equal(ordered(items)[0], 'method.request.header.X-Api-Token');
  });

  it('offers the forms of an HTTP API, with the dollar sign escaped in the snippet', () => {
    const { items } = complete(authorizer('request', '|'), 'yaml', 'http');
    const named = ['$request.header.X-Tenant', '$request.querystring.token', '$request.header.Authorization'];
    assert.deepEqual(ordered(items), [...named, ...HTTP_FORMS]);
    assert.equal((itemOf(items, '$context.').textEdit as TextEdit).newText, '\\$context.$0');
  });

  it('offers only where one token may be read from to a token, Cognito or JWT authorizer', () => {
    const token = ordered(complete(authorizer('token', '|', 'Authorization')).items);
    const headers = ['method.request.header.Authorization', 'method.request.header.X-Tenant'];
    assert.deepEqual(token, [...headers, 'method.request.header.']);
    const cognito = ordered(complete(authorizer('cognito_user_pools', '|', 'Authorization')).items);
    assert.deepEqual(cognito, token);
    const jwt = ordered(complete(authorizer('jwt', '|'), 'yaml', 'http').items);
    const named = ['$request.header.X-Tenant', '$request.querystring.token', '$request.header.Authorization'];
    assert.deepEqual(jwt, [...named, '$request.header.', '$request.querystring.']);
  });

  it('replaces only the source being typed after a comma, and offers none already listed', () => {
    const after = authorizer('request', 'method.request.header.X-Tenant, |');
    const both = 'method.request.header.X-Tenant, method.request.header.Authorization';
    assert.equal(accepted(after, 'method.request.header.Authorization'), both);
    assert.ok(!complete(after).labels.includes('method.request.header.X-Tenant'));
    const query = 'method.request.header.X-Tenant, method.request.querystring.token';
    assert.equal(accepted(after, 'method.request.querystring.token'), query);
    assert.equal(accepted(after, 'context.'), 'method.request.header.X-Tenant, context.');
    const middle = authorizer('request', 'method.request.header.X-Tenant, cont|, stageVariables.v');
    assert.equal(accepted(middle, 'context.'), 'method.request.header.X-Tenant, context., stageVariables.v');
    const first = authorizer('request', 'meth|, stageVariables.v');
    const firstThen = 'method.request.header.Authorization, stageVariables.v';
    assert.equal(accepted(first, 'method.request.header.Authorization'), firstThen);
  });

  it('replaces only the source being typed in a JSON string', () => {
    const json = (value: string) => '{"openapi": "3.0.1", "components": {"securitySchemes": {"a": '
      + '{"type": "apiKey", "name": "Unused", "in": "header", '
      + `"x-amazon-apigateway-authorizer": {"type": "request", "identitySource": ${value}}}}}}`;
    const list = json('"method.request.header.A, |"');
    const opened = 'method.request.header.A, method.request.querystring.';
    assert.equal(accepted(list, 'method.request.querystring.', 'json'), opened);
    const whole = accepted(json('|'), 'method.request.header.Authorization', 'json');
    assert.equal(whole, 'method.request.header.Authorization');
    const named = accepted(json('"method.request.header.A, context.req|"'), 'requestId', 'json');
    assert.equal(named, 'method.request.header.A, context.requestId');
  });

  it('completes the name of a context variable after its form, leaving the other sources as they are', () => {
    const { labels } = complete(authorizer('request', 'method.request.header.X-Tenant, context.|'));
    // The authorizer's own output is not there yet when its identity sources are read.
    const readable = labels.includes('identity.sourceIp') && !labels.some((l) => l.startsWith('authorizer.'));
    assert.ok(readable, labels.join(', '));
    const typed = authorizer('request', 'method.request.header.X-Tenant, context.identity.so|');
    const sourceIp = 'method.request.header.X-Tenant, context.identity.sourceIp';
    assert.equal(accepted(typed, 'identity.sourceIp'), sourceIp);
  });
});
