import assert from 'node:assert/strict';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import {
  contextVariableDialects,
  contextVariables,
  findContextVariable,
  findTemplateMember,
  HTTP_CONTEXT_URL,
  templateMembersOf,
} from '../../../server/src/facts/templateVariables';
import type { TemplateMember } from '../../../server/src/facts/templateVariableTypes';
import { doHover } from '../../../server/src/services/hover';
import { buildDefaultContext } from '../../../server/src/template/contextVariable';
import { complete, withCursor } from '../editing/documents';
import { HTTP_PROXY_OPERATION, restYaml, validate, withCode } from './validate';

const HTTP_ONLY = ['routeKey', 'awsEndpointRequestId2', 'dataProcessed', 'integrationLatency', 'integration.status', 'customDomain.basePathMatched', 'responseLength', 'status'];
const REST_ONLY = ['resourcePath', 'resourceId', 'deploymentId', 'isCanaryRequest', 'identity.apiKey', 'identity.vpceId', 'error.validationErrorString', 'requestOverride.header', 'wafResponseCode', 'xrayTraceId'];
const BOTH = ['requestId', 'stage', 'identity.sourceIp', 'authorizer.principalId', 'identity.clientCert.validity.notAfter', 'error.messageString'];

const path = (name: string) => name.split('.');

function* members(member: TemplateMember): Generator<TemplateMember> {
  for (const child of member.members ?? []) {
    yield child;
    yield* members(child);
  }
}

/** A REST integration whose one request mapping reads `value`. */
function restMapping(value: string): string {
  return restYaml(`type: http\nhttpMethod: GET\nuri: https://example.com\nrequestParameters:\n  integration.request.header.x: ${value}\nresponses:\n  default:\n    statusCode: '200'`);
}

function labelsAt(marked: string, dialect: 'rest' | 'http', format: 'yaml' | 'json' = 'yaml'): { labels: string[]; items: CompletionItem[] } {
  const { items, labels } = complete(marked, format, dialect);
  return { items, labels: labels.map(String) };
}

function hoverText(marked: string): string | undefined {
  const { document, offset } = withCursor(marked);
  const result = doHover(document, offset);
  return result ? (result.contents as MarkupContent).value : undefined;
}

describe('$context variables of HTTP APIs', () => {
  describe('in the catalog', () => {
    it('marks each variable with the kinds of API that have it', () => {
      for (const name of HTTP_ONLY) assert.deepEqual(contextVariableDialects(path(name)), ['http'], name);
      for (const name of REST_ONLY) assert.deepEqual(contextVariableDialects(path(name)), ['rest'], name);
      for (const name of BOTH) assert.deepEqual(contextVariableDialects(path(name)), ['rest', 'http'], name);
      assert.deepEqual(contextVariableDialects(['nosuch']), []);
      // Claims and Lambda authorizer keys are open in both.
      assert.deepEqual(contextVariableDialects(['authorizer', 'claims', 'sub']), ['rest', 'http']);
    });

    it('documents every HTTP variable on the HTTP page, in its HTTP meaning where that differs', () => {
      for (const member of members(contextVariables('http'))) {
        assert.ok(member.doc.length > 10, member.name);
        assert.equal(member.docsUrl, HTTP_CONTEXT_URL, member.name);
        assert.ok(!member.dialects || member.dialects.includes('http'), member.name);
      }
      assert.doesNotMatch(findContextVariable(['requestId'], 'http')!.doc, /UUID/);
      assert.match(findContextVariable(['requestId'], 'rest')!.doc, /UUID/);
      assert.match(findContextVariable(['authorizer', 'claims'], 'http')!.doc, /JWT/);
      assert.match(findContextVariable(['authorizer', 'claims'], 'rest')!.doc, /Cognito/);
      assert.match(findContextVariable(['routeKey'], 'http')!.doc, /route/);
    });

    it('leaves the $context of REST templates and of the evaluator without the HTTP-only variables', () => {
      for (const name of HTTP_ONLY) assert.equal(findTemplateMember(['context', ...path(name)]), undefined, name);
      for (const name of REST_ONLY) assert.ok(findTemplateMember(['context', ...path(name)]), name);
      const names = templateMembersOf(['context']).map((m) => m.name);
      assert.ok(!names.includes('routeKey') && !names.includes('dataProcessed') && names.includes('resourcePath'), names.join(', '));
      for (const member of members(findTemplateMember(['context'])!)) assert.ok(!member.dialects?.includes('http') || member.dialects.includes('rest'), member.name);
      const context = buildDefaultContext();
      for (const key of ['routeKey', 'awsEndpointRequestId2', 'dataProcessed', 'integration', 'customDomain', 'status']) assert.ok(!(key in context), key);
      assert.ok(!('error' in (context.authorizer as object)));
    });
  });

  describe('completion', () => {
    it('offers the HTTP variables after `$context.` in an HTTP request mapping, with their HTTP documentation', () => {
      const { labels, items } = labelsAt(`${HTTP_PROXY_OPERATION}        requestParameters:\n          overwrite:header.x-route: $context.|\n`, 'http');
      for (const name of ['routeKey', 'dataProcessed', 'requestId', 'identity.sourceIp', 'authorizer.claims.']) assert.ok(labels.includes(name), `${name} missing from ${labels.join(', ')}`);
      for (const name of ['resourcePath', 'resourceId', 'deploymentId', 'isCanaryRequest', 'identity.apiKey', 'identity.vpceId', 'wafResponseCode']) assert.ok(!labels.includes(name), name);
      assert.ok(!labels.some((l) => l.startsWith('requestOverride')), labels.join(', '));
      // Their mapping page takes every variable of the access-log list, the error ones too.
      assert.ok(labels.includes('error.messageString'), labels.join(', '));
      const requestId = (items.find((i) => i.label === 'requestId')!.documentation as MarkupContent).value;
      assert.ok(requestId.startsWith(findContextVariable(['requestId'], 'http')!.doc), requestId);
      assert.ok(requestId.includes(HTTP_CONTEXT_URL));
    });

    it('offers them in `${context.}` after static text and in response mappings, in JSON', () => {
      const braced = labelsAt(`${HTTP_PROXY_OPERATION}        requestParameters:\n          append:querystring.r: 'k-\${context.rou|}'\n`, 'http').labels;
      assert.ok(braced.includes('routeKey') && !braced.includes('resourcePath'), braced.join(', '));
      const json = '{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy", "responseParameters": {"200": {"overwrite:header.x-r": "$context.res|"}}}}}}}';
      const { labels } = labelsAt(json, 'http', 'json');
      assert.ok(labels.includes('responseLatency') && labels.includes('responseLength'), labels.join(', '));
      assert.ok(!labels.includes('resourcePath') && !labels.includes('resourceId'), labels.join(', '));
    });

    it('keeps the HTTP-only variables out of REST mappings', () => {
      const { labels } = labelsAt(restYaml('type: http\nhttpMethod: GET\nuri: https://example.com\nrequestParameters:\n  integration.request.header.r: context.|'), 'rest');
      assert.ok(labels.includes('resourcePath') && labels.includes('identity.apiKey'), labels.join(', '));
      for (const name of HTTP_ONLY) assert.ok(!labels.includes(name), name);
    });
  });

  describe('the mapping check', () => {
    it('says of an HTTP-only variable in a REST mapping that only HTTP APIs have it', async () => {
      const [found, ...others] = withCode(await validate(restMapping('context.routeKey')), 'unknown-context-variable');
      assert.deepEqual(others, []);
      assert.equal(found.message, '`context.routeKey` is a context variable of HTTP APIs only, so in a REST API the mapping reads nothing.');
      assert.equal(found.severity, 2);
    });

    it('still names REST access-log variables as such, though HTTP APIs have them too', async () => {
      const [found] = withCode(await validate(restMapping('context.integrationLatency')), 'unknown-context-variable');
      assert.equal(found.message, '`context.integrationLatency` is only available in access-log formats, so the mapping reads nothing.');
    });

    it('says of a variable set only in gateway responses that a mapping reads nothing from it', async () => {
      const [found, ...others] = withCode(await validate(restMapping('context.error.messageString')), 'unknown-context-variable');
      assert.deepEqual(others, []);
      assert.equal(found.message, '`context.error.messageString` is set only in gateway response templates, so the mapping reads nothing.');
      assert.deepEqual(withCode(await validate(restMapping('context.error.validationErrorString')), 'unknown-context-variable'), []);
    });

    describe('in HTTP APIs', () => {
      const httpMappings = (request: string, response = "'x'") =>
        `${HTTP_PROXY_OPERATION}        requestParameters:\n          overwrite:header.x-a: ${request}\n        responseParameters:\n          '200':\n            overwrite:header.x-b: ${response}\n`;
      const found = async (text: string) => withCode(await validate(text, { settings: { dialect: 'http' } }), 'unknown-context-variable');

      it('accepts the HTTP variables, in request and response mappings, whole or among text', async () => {
        const text = httpMappings("'r-${context.routeKey}/$context.identity.sourceIp'", "'$context.integration.status/${context.authorizer.claims.sub}'");
        assert.deepEqual(await found(text), []);
        assert.deepEqual(await found(httpMappings('$context.dataProcessed', "'${context.authorizer.tenant}'")), []);
      });

      it('says of a REST-only variable that only REST APIs have it, in requests and responses', async () => {
        const [request, response, ...others] = await found(httpMappings("'id-${context.resourcePath}'", '$context.identity.apiKey'));
        assert.deepEqual(others, []);
        assert.equal(request.message, '`$context.resourcePath` is a context variable of REST APIs only, so in an HTTP API the mapping reads nothing.');
        assert.equal(response.message, '`$context.identity.apiKey` is a context variable of REST APIs only, so in an HTTP API the mapping reads nothing.');
      });

      it('accepts the error variables, which the HTTP list has without the REST limit to gateway response templates', async () => {
        assert.deepEqual(await found(httpMappings('$context.error.message', "'e-${context.error.responseType}'")), []);
        for (const name of ['message', 'messageString', 'responseType']) {
          assert.equal(findContextVariable(['error', name], 'http')!.availableIn, undefined, name);
          assert.deepEqual(findContextVariable(['error', name], 'rest')!.availableIn, ['gatewayResponse'], name);
        }
      });

      it('says of REST access-log variables that HTTP APIs have no such variable, and of the X-Ray trace id that only REST APIs have it', async () => {
        const [waf, xray, ...others] = await found(httpMappings('$context.waf.status', '$context.xrayTraceId'));
        assert.deepEqual(others, []);
        assert.match(waf.message, /^`\$context\.waf\.status` is not a context variable HTTP APIs have/);
        assert.equal(xray.message, '`$context.xrayTraceId` is a context variable of REST APIs only, so in an HTTP API the mapping reads nothing.');
      });

      it('names the HTTP variable a misspelt one most likely means', async () => {
        const [typo] = await found(httpMappings('$context.routKey'));
        assert.equal(typo.message, '`$context.routKey` is not a context variable HTTP APIs have, so the mapping reads nothing. Did you mean `$context.routeKey`?');
      });
    });

    it('accepts REST variables in REST mappings', async () => {
      for (const value of ['context.resourcePath', 'context.identity.apiKey', 'context.requestId', 'context.authorizer.claims.sub']) {
        assert.deepEqual(withCode(await validate(restMapping(value)), 'unknown-context-variable'), [], value);
      }
    });
  });

  describe('hover', () => {
    it('shows the HTTP documentation of an HTTP-only variable in an HTTP mapping', () => {
      const text = hoverText(`${HTTP_PROXY_OPERATION}        requestParameters:\n          overwrite:header.x-route: $context.rout|eKey\n`);
      assert.equal(text, `**$context.routeKey**\n\nThe context variable \`routeKey\`, of HTTP APIs only: ${findContextVariable(['routeKey'], 'http')!.doc}`);
    });

    it('gives only the HTTP meaning of a variable both kinds have, in an HTTP API', () => {
      const text = hoverText(`${HTTP_PROXY_OPERATION}        requestParameters:\n          overwrite:header.x-id: 'id-\${context.reque|stId}'\n`)!;
      assert.ok(text.endsWith(`The context variable \`requestId\`: ${findContextVariable(['requestId'], 'http')!.doc}\n\nThe rest is static text.`), text);
      assert.doesNotMatch(text, /In HTTP APIs/);
    });

    it('says of a REST-only variable in a REST mapping that only REST APIs have it', () => {
      const text = hoverText(restMapping('context.resource|Path'));
      assert.equal(text, `**context.resourcePath**\n\nThe context variable \`resourcePath\`, of REST APIs only: ${findTemplateMember(['context', 'resourcePath'])!.doc}`);
    });
  });
});
