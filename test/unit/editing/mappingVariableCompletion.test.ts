import assert from 'node:assert/strict';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { findTemplateMember } from '../../../server/src/facts/templateVariables';
import type { Dialect } from '../../../server/src/model/dialect';
import { applyEdits, complete, parse, textAt, withCursor } from './documents';

type Format = 'yaml' | 'json';

function itemOf(items: CompletionItem[], label: string): CompletionItem {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return item;
}

/** The completion at the marked cursor: its labels, the text the first item replaces, and the text after accepting `label`. */
function completeAt(marked: string, format: Format = 'yaml', dialect: Dialect = 'rest') {
  const { document, items, labels } = complete(marked, format, dialect);
  const replaced = items.length ? textAt(document.textDocument, (items[0].textEdit as TextEdit).range) : undefined;
  const accept = (label: string): string => {
    const item = itemOf(items, label);
    return applyEdits(document, [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]).replace('$0', '');
  };
  return { items, labels, replaced, accept };
}

const OP = 'openapi: 3.0.1\npaths:\n  /pets/{id}:\n    get:\n';
const REST_INTEGRATION = `${OP}      x-amazon-apigateway-integration:\n        type: http\n        uri: https://\${stageVariables.backend}/pets\n        requestParameters:\n`;
const HTTP_INTEGRATION = `${OP}      x-amazon-apigateway-integration:\n        type: http_proxy\n        payloadFormatVersion: '1.0'\n        requestParameters:\n`;
const jsonIntegration = (integration: string) => `{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": ${integration}}}}}`;

/** The value at `path` below the operation's integration, once the edited text is parsed. */
function integrationValue(text: string, format: Format, ...path: string[]): unknown {
  const root = parse(text, format).value as any;
  const operation = Object.values(root.paths as Record<string, any>)[0].get;
  return path.reduce((node, key) => node?.[key], operation['x-amazon-apigateway-integration']);
}

const docOf = (item: CompletionItem) => (item.documentation as MarkupContent).value;

describe('completion of variable names in parameter mappings', () => {
  describe('after `context.` in a REST mapping', () => {
    it('offers the context variables of the catalog that a mapping reads, each with its documentation', () => {
      const { labels, items } = completeAt(`${REST_INTEGRATION}          integration.request.header.X-Id: context.|\n`);
      for (const name of ['requestId', 'stage', 'identity.sourceIp', 'identity.clientCert.validity.notAfter', 'authorizer.principalId', 'authorizer.claims.']) {
        assert.ok(labels.includes(name), `${name} missing from ${labels.join(', ')}`);
      }
      // Overrides are written by templates, access-log variables and errors are not there for an integration to read.
      assert.deepEqual(labels.filter((l) => /^(requestOverride|responseOverride|error|status)\b/.test(l)), []);
      for (const item of items) {
        const member = findTemplateMember(['context', ...item.label.replace(/\.$/, '').split('.')]);
        assert.ok(member, `${item.label} is not in the catalog`);
        assert.ok(docOf(item).startsWith(member.doc), `${item.label}: ${docOf(item)}`);
        assert.ok(docOf(item).includes(member.docsUrl));
      }
    });

    it('replaces only the partial name after the dot, in YAML', () => {
      const typed = completeAt(`${REST_INTEGRATION}          integration.request.header.X-Id: context.requ|\n`);
      assert.equal(typed.replaced, 'requ');
      assert.equal(typed.accept('requestId'), `${REST_INTEGRATION}          integration.request.header.X-Id: context.requestId\n`);
      // The rest of the name after the cursor goes too, or choosing would leave `requestIdestTime`.
      const inside = completeAt(`${REST_INTEGRATION}          integration.request.header.X-Id: context.requ|estTime\n`);
      assert.equal(inside.replaced, 'requestTime');
      assert.equal(inside.accept('requestId'), `${REST_INTEGRATION}          integration.request.header.X-Id: context.requestId\n`);
    });

    it('narrows to the members of a group once its dot is typed', () => {
      const { labels, replaced, accept } = completeAt(`${REST_INTEGRATION}          integration.request.header.X-Ip: 'context.identity.|'\n`);
      assert.ok(labels.length > 0 && labels.every((l) => l.startsWith('identity.')), labels.join(', '));
      assert.ok(labels.includes('identity.sourceIp'));
      assert.equal(replaced, 'identity.');
      assert.equal(accept('identity.sourceIp'), `${REST_INTEGRATION}          integration.request.header.X-Ip: 'context.identity.sourceIp'\n`);
    });

    it('leaves a group open for its key, asking for more, and offers nothing for keys the catalog cannot know', () => {
      const { items } = completeAt(`${REST_INTEGRATION}          integration.request.header.X-Sub: context.auth|\n`);
      const claims = itemOf(items, 'authorizer.claims.');
      assert.equal((claims.textEdit as TextEdit).newText, 'authorizer.claims.$0');
      assert.deepEqual(claims.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
      assert.deepEqual(completeAt(`${REST_INTEGRATION}          integration.request.header.X-Sub: context.authorizer.claims.|\n`).labels, []);
    });

    it('completes in integration responseParameters, in JSON', () => {
      const text = jsonIntegration('{"type": "http", "responses": {"default": {"statusCode": "200", "responseParameters": {"method.response.header.X-Request-Id": "context.req|", "method.response.header.B": "\'b\'"}}}}');
      const { labels, replaced, accept } = completeAt(text, 'json');
      assert.ok(labels.includes('requestId') && labels.includes('requestTimeEpoch'), labels.join(', '));
      assert.equal(replaced, 'req');
      assert.equal(integrationValue(accept('requestId'), 'json', 'responses', 'default', 'responseParameters', 'method.response.header.X-Request-Id'), 'context.requestId');
    });

    it('writes the quotes of a JSON value typed without them', () => {
      const { accept } = completeAt(jsonIntegration('{"requestParameters": {"integration.request.header.a": context.req|}}'), 'json');
      assert.equal(integrationValue(accept('requestId'), 'json', 'requestParameters', 'integration.request.header.a'), 'context.requestId');
    });

    it('closes a quote still open, in YAML and JSON', () => {
      const yaml = completeAt(`${REST_INTEGRATION}          integration.request.header.X-Id: 'context.req|\n`);
      assert.equal(yaml.replaced, 'req');
      assert.equal(yaml.accept('requestId'), `${REST_INTEGRATION}          integration.request.header.X-Id: 'context.requestId'\n`);
      const json = completeAt(jsonIntegration('{"requestParameters": {\n"integration.request.header.a": "context.req|\n}}'), 'json');
      assert.equal(integrationValue(json.accept('requestId'), 'json', 'requestParameters', 'integration.request.header.a'), 'context.requestId');
    });

    it('offers the error variables in gateway responses only', () => {
      const gateway = completeAt('openapi: 3.0.1\npaths: {}\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters:\n      gatewayresponse.header.x-error: context.|\n');
      assert.ok(gateway.labels.includes('error.messageString') && gateway.labels.includes('requestId'), gateway.labels.join(', '));
      assert.equal(docOf(itemOf(gateway.items, 'error.messageString')).split('\n\n')[0], findTemplateMember(['context', 'error', 'messageString'])!.doc);
    });
  });

  describe('after `$context.` in an HTTP API mapping', () => {
    it('offers the same context variables, replacing only the name, in YAML', () => {
      const { labels, replaced, accept } = completeAt(`${HTTP_INTEGRATION}          overwrite:header.x-request-id: $context.req|\n`, 'yaml', 'http');
      assert.ok(labels.includes('requestId') && labels.includes('identity.sourceIp'), labels.join(', '));
      // HTTP APIs' mapping page takes every variable of their access-log list, the error ones too.
      assert.ok(labels.includes('error.message'), labels.join(', '));
      assert.equal(replaced, 'req');
      assert.equal(accept('requestId'), `${HTTP_INTEGRATION}          overwrite:header.x-request-id: $context.requestId\n`);
    });

    it('completes a variable written after static text in `${...}`, keeping the text around it', () => {
      const { replaced, accept } = completeAt(`${HTTP_INTEGRATION}          append:querystring.trace: 'v1-\${context.requestT|}-x'\n`, 'yaml', 'http');
      assert.equal(replaced, 'requestT');
      assert.equal(accept('requestTimeEpoch'), `${HTTP_INTEGRATION}          append:querystring.trace: 'v1-\${context.requestTimeEpoch}-x'\n`);
    });

    it('completes in responseParameters under a status code, in JSON', () => {
      const text = jsonIntegration('{"type": "http_proxy", "responseParameters": {"200": {"overwrite:header.x-ip": "$context.identity.s|"}}}');
      const { labels, replaced, accept } = completeAt(text, 'json', 'http');
      assert.deepEqual(labels.filter((l) => !l.startsWith('identity.')), []);
      assert.equal(replaced, 'identity.s');
      assert.equal(integrationValue(accept('identity.sourceIp'), 'json', 'responseParameters', '200', 'overwrite:header.x-ip'), '$context.identity.sourceIp');
    });
  });

  describe('after `stageVariables.`', () => {
    const USES = `${OP}      x-amazon-apigateway-integration:\n        type: aws\n        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/\${stageVariables.fn}/invocations\n        requestTemplates:\n          application/json: '{"env": "$stageVariables.env", "r": "\${stageVariables.region}"}'\n        requestParameters:\n          integration.request.header.x-env: stageVariables.env\n`;

    it('offers the stage variables the document uses elsewhere, once each and sorted, in a REST mapping in YAML', () => {
      const { labels, replaced, accept } = completeAt(`${USES}          integration.request.header.x-fn: stageVariables.|\n`);
      assert.deepEqual(labels, ['env', 'fn', 'region']);
      assert.equal(replaced, '');
      assert.equal(accept('fn'), `${USES}          integration.request.header.x-fn: stageVariables.fn\n`);
    });

    it('replaces the partial name, and does not offer the name being typed as a use of its own', () => {
      const { labels, replaced, accept } = completeAt(`${USES}          integration.request.header.x-fn: stageVariables.r|\n`);
      assert.deepEqual(labels, ['env', 'fn', 'region']);
      assert.equal(replaced, 'r');
      assert.equal(accept('region'), `${USES}          integration.request.header.x-fn: stageVariables.region\n`);
      assert.deepEqual(completeAt(`${OP}      x-amazon-apigateway-integration:\n        requestParameters:\n          integration.request.header.a: stageVariables.only|\n`).labels, []);
    });

    it('offers them after `$stageVariables.` in an HTTP API, in JSON', () => {
      const text = jsonIntegration('{"type": "http_proxy", "uri": "https://${stageVariables.host}/x", "requestParameters": {"overwrite:header.x-stage": "$stageVariables.|", "append:header.b": "${stageVariables.build}"}}');
      const { labels, replaced, accept } = completeAt(text, 'json', 'http');
      assert.deepEqual(labels, ['build', 'host']);
      assert.equal(replaced, '');
      assert.equal(integrationValue(accept('host'), 'json', 'requestParameters', 'overwrite:header.x-stage'), '$stageVariables.host');
    });
  });

  describe('filter text after an opening quote', () => {
    /** What the editor filters each item on (the text from the start of its range to the cursor), and its filter text. */
    function filtered(marked: string, format: Format, dialect: Dialect) {
      const { offset } = withCursor(marked, format);
      const { document, items } = complete(marked, format, dialect);
      return items.map((item) => ({
        label: item.label,
        typed: document.text.slice(document.textDocument.offsetAt((item.textEdit as TextEdit).range.start), offset),
        filterText: item.filterText ?? item.label,
      }));
    }

    it('leaves the quote out of a name whose range starts after it', () => {
      const cases: [string, Format, Dialect][] = [
        [`${REST_INTEGRATION}          integration.request.header.X-Id: "context.requ|"\n`, 'yaml', 'rest'],
        [`${REST_INTEGRATION}          integration.request.header.X-Id: 'context.requ|\n`, 'yaml', 'rest'],
        [jsonIntegration('{"type": "http_proxy", "requestParameters": {"append:header.a": "v-${context.requ|}"}}'), 'json', 'http'],
        [jsonIntegration('{"type": "http_proxy", "responseParameters": {"200": {"append:header.a": "$context.requ|"}}}'), 'json', 'http'],
      ];
      for (const [marked, format, dialect] of cases) {
        const items = filtered(marked, format, dialect);
        const requestId = items.find((i) => i.label === 'requestId');
        assert.ok(requestId, marked);
        assert.equal(requestId.typed, 'requ');
        assert.equal(requestId.filterText, 'requestId');
        for (const item of items) assert.ok(!/^["']/.test(item.filterText), `${item.label}: ${item.filterText}`);
      }
    });

    it('keeps the quote in the filter text of a source whose range covers it', () => {
      for (const [marked, format] of [
        [`${REST_INTEGRATION}          integration.request.header.X-Id: "method.requ|"\n`, 'yaml'],
        [jsonIntegration('{"type": "http", "requestParameters": {"integration.request.header.a": "con|"}}'), 'json'],
      ] as [string, Format][]) {
        const items = filtered(marked, format, 'rest');
        assert.ok(items.length > 0, marked);
        for (const item of items) {
          assert.match(item.typed, /^"/, item.label);
          assert.match(item.filterText, /^"/, `${item.label}: ${item.filterText}`);
        }
        const matching = items.filter((i) => i.filterText.startsWith(i.typed));
        assert.ok(matching.length > 0, `nothing passes the filter for ${items[0].typed}`);
      }
    });
  });
});
