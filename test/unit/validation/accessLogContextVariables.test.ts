import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { ACCESS_LOG_URL, accessLogOnlyContext, findContextVariable, findTemplateMember } from '../../../server/src/facts/templateVariables';
import { doHover } from '../../../server/src/services/hover';
import { completeInStandaloneTemplate } from '../../../server/src/services/templates/templateCompletion';
import { validateStandaloneTemplate } from '../../../server/src/services/templates/templateValidation';
import { buildDefaultContext } from '../../../server/src/template/contextVariable';
import { complete, withCursor } from '../editing/documents';
import { HTTP_PROXY_OPERATION, restYaml, validate, withCode } from './validate';

/** The variables the REST access-log page lists below `authorizer` and the page of data-transformation variables does not. */
const LOGGED_AUTHORIZER_KEYS = ['error', 'integrationLatency', 'integrationStatus', 'latency', 'requestId', 'status'];
/** HTTP variables about the call to the integration or the answer to the client, which no request mapping has yet. */
const SET_BY_THE_CALL = ['integrationLatency', 'integrationStatus', 'integrationErrorMessage', 'integration.status', 'integration.latency', 'responseLatency', 'responseLength', 'status', 'awsEndpointRequestId', 'awsEndpointRequestId2'];

const path = (name: string) => name.split('.');

/** A REST integration with one request mapping and, in its default response, one header mapping. */
function restMappings(request: string, response = "'x'"): string {
  return restYaml(`type: http\nhttpMethod: GET\nuri: https://example.com\nrequestParameters:\n  integration.request.header.x: ${request}\nresponses:\n  default:\n    statusCode: '200'\n    responseParameters:\n      method.response.header.X-Request-Id: ${response}`);
}

const httpMappings = (request: string, response = "'x'") =>
  `${HTTP_PROXY_OPERATION}        requestParameters:\n          overwrite:header.x-a: ${request}\n        responseParameters:\n          '200':\n            overwrite:header.x-b: ${response}\n`;

const contextFindings = async (text: string) => withCode(await validate(text), 'unknown-context-variable');

function hoverText(marked: string): string {
  const { document, offset } = withCursor(marked);
  return ((doHover(document, offset) as { contents: MarkupContent }).contents).value;
}

describe('$context variables only access logs have', () => {
  describe('in the catalog', () => {
    it('lists the REST authorizer variables of access logs, documented on the access-log page', () => {
      for (const key of LOGGED_AUTHORIZER_KEYS) {
        const member = accessLogOnlyContext(['authorizer', key], 'rest');
        assert.ok(member, key);
        assert.equal(member.docsUrl, ACCESS_LOG_URL, key);
        assert.ok(member.doc.length > 10, key);
      }
    });

    it('leaves the principal, the claims and the keys of a Lambda authorizer to templates and mappings', () => {
      for (const name of ['authorizer', 'authorizer.principalId', 'authorizer.claims', 'authorizer.claims.latency', 'authorizer.tenant', 'requestId', 'xrayTraceId']) {
        assert.equal(accessLogOnlyContext(path(name), 'rest'), undefined, name);
      }
      // Templates and the evaluator keep their own `authorizer`: an open map, without the access-log names.
      assert.equal(findTemplateMember(['context', 'authorizer', 'latency'])!.openEnded, true);
      const authorizer = buildDefaultContext().authorizer as Record<string, unknown>;
      for (const key of LOGGED_AUTHORIZER_KEYS) assert.ok(!(key in authorizer), key);
    });

    it('takes any name below a group only access logs have as one of its variables, and none in HTTP APIs', () => {
      assert.equal(accessLogOnlyContext(['waf', 'status'], 'rest')!.name, 'status');
      assert.equal(accessLogOnlyContext(['waf', 'statuss'], 'rest')!.name, 'waf');
      assert.equal(accessLogOnlyContext(['integrationLatency'], 'rest')!.docsUrl, ACCESS_LOG_URL);
      assert.equal(accessLogOnlyContext(['integration', 'latency'], 'rest')!.doc, findContextVariable(['integration', 'latency'], 'http')!.doc);
      for (const name of ['integrationLatency', 'authorizer.latency', 'waf.status']) assert.equal(accessLogOnlyContext(path(name), 'http'), undefined, name);
    });

    it('marks the HTTP variables set by the call to the integration as read by response mappings only', () => {
      for (const name of SET_BY_THE_CALL) assert.deepEqual(findContextVariable(path(name), 'http')!.availableIn, ['response'], name);
      for (const name of ['requestId', 'routeKey', 'dataProcessed', 'authorizer.claims', 'error.message']) assert.equal(findContextVariable(path(name), 'http')!.availableIn, undefined, name);
      // REST templates and the evaluator do not see the HTTP marks.
      assert.equal(findContextVariable(['awsEndpointRequestId'], 'rest')!.availableIn, undefined);
      assert.equal(findTemplateMember(['context', 'awsEndpointRequestId'])!.httpAvailableIn, undefined);
    });
  });

  describe('REST parameter mappings', () => {
    it('warn that an access-log authorizer variable reads only a Lambda authorizer key of that name', async () => {
      const [request, response, ...others] = await contextFindings(restMappings('context.authorizer.latency', 'context.authorizer.status'));
      assert.deepEqual(others, []);
      assert.equal(request.message, "`context.authorizer.latency` is only available in access-log formats; a mapping reads from it only the key `latency` of a Lambda authorizer's context, empty unless the authorizer returns one.");
      assert.equal(request.severity, 2);
      assert.match(response.message, /^`context\.authorizer\.status` is only available in access-log formats/);
      for (const key of LOGGED_AUTHORIZER_KEYS) assert.equal((await contextFindings(restMappings(`context.authorizer.${key}`))).length, 1, key);
    });

    it('accept the principal, a claim and any other authorizer key', async () => {
      for (const value of ['context.authorizer.principalId', 'context.authorizer.claims.email', 'context.authorizer.tenant', 'context.authorizer.claims.status']) {
        assert.deepEqual(await contextFindings(restMappings(value, value)), [], value);
      }
    });

    it('offer no access-log variable after `context.authorizer.`', () => {
      const labels = complete(restMappings('context.authorizer.|'), 'yaml', 'rest').labels.map(String);
      assert.deepEqual(labels, ['authorizer.principalId', 'authorizer.claims.']);
    });
  });

  describe('REST mapping templates', () => {
    it('flag an access-log authorizer variable at its name, and nothing else of the authorizer', () => {
      const text = '$context.authorizer.latency $context.authorizer.principalId $context.authorizer.claims.sub $context.authorizer.tenant $context.authorizer.error';
      const found = validateStandaloneTemplate(text).filter((p) => p.code === 'template-access-log-variable');
      assert.deepEqual(found.map((p) => text.slice(p.offset, p.end)), ['latency', 'error']);
      assert.equal(found[0].message, "$context.authorizer.latency is set only in access-log formats; in a mapping template it reads the key 'latency' of a Lambda authorizer's context, empty unless the authorizer returns one.");
    });

    it('still flag the variables of groups only access logs have', () => {
      const found = validateStandaloneTemplate('$context.integration.latency $context.responseLength').filter((p) => p.code === 'template-access-log-variable');
      assert.deepEqual(found.map((p) => p.message), [
        '$context.integration is only available in access-log formats; in a mapping template it is empty.',
        '$context.responseLength is only available in access-log formats; in a mapping template it is empty.',
      ]);
    });

    it('offer no access-log variable after `$context.authorizer.`', () => {
      const text = '$context.authorizer.';
      const labels = completeInStandaloneTemplate(text, text.length).items.map((i) => i.label);
      assert.deepEqual(labels.sort(), ['claims', 'principalId']);
    });
  });

  describe('HTTP API parameter mappings', () => {
    it('warn that a request mapping reads nothing from what the call to the integration sets', async () => {
      const found = await contextFindings(httpMappings("'${context.integrationLatency}/$context.integration.status/$context.status'"));
      assert.deepEqual(found.map((d) => d.message), [
        '`$context.integrationLatency` is not set yet when API Gateway maps the request, before it calls the integration: response mappings and access logs read it, so the mapping reads nothing.',
        '`$context.integration.status` is not set yet when API Gateway maps the request, before it calls the integration: response mappings and access logs read it, so the mapping reads nothing.',
        '`$context.status` is not set yet when API Gateway maps the request, before it calls the integration: response mappings and access logs read it, so the mapping reads nothing.',
      ]);
    });

    it('accept those variables in response mappings', async () => {
      for (const name of SET_BY_THE_CALL) assert.deepEqual(await contextFindings(httpMappings('$context.requestId', `$context.${name}`)), [], name);
    });

    it('offer them after `$context.` in response mappings only', () => {
      const request = complete(httpMappings('$context.|'), 'yaml', 'http').labels.map(String);
      const response = complete(httpMappings("'x'", '$context.|'), 'yaml', 'http').labels.map(String);
      for (const name of SET_BY_THE_CALL) {
        assert.ok(!request.includes(name), `${name} offered in a request mapping`);
        assert.ok(response.includes(name), `${name} missing from a response mapping`);
      }
      assert.ok(request.includes('requestId') && request.includes('authorizer.error'), request.join(', '));
    });
  });

  describe('hover', () => {
    it('says of a REST access-log authorizer variable what it is in logs and what a mapping reads', () => {
      assert.equal(
        hoverText(restMappings('context.authorizer.lat|ency')),
        `**context.authorizer.latency**\n\n\`authorizer.latency\` is only available in access-log formats: ${accessLogOnlyContext(['authorizer', 'latency'], 'rest')!.doc} A mapping reads from it only the key \`latency\` of a Lambda authorizer's context, empty unless the authorizer returns one.`,
      );
      assert.equal(
        hoverText(restMappings('context.integrationLat|ency')),
        `**context.integrationLatency**\n\n\`integrationLatency\` is only available in access-log formats: ${accessLogOnlyContext(['integrationLatency'], 'rest')!.doc} A mapping reads nothing from it.`,
      );
    });

    it('says of an HTTP variable set by the call that a request mapping reads nothing from it', () => {
      const request = hoverText(httpMappings('$context.integrationLat|ency'));
      assert.ok(request.endsWith('It is not set yet when API Gateway maps the request, before it calls the integration: response mappings and access logs read it, this mapping reads nothing.'), request);
      const response = hoverText(httpMappings("'x'", '$context.integrationLat|ency'));
      assert.equal(response, `**$context.integrationLatency**\n\nThe context variable \`integrationLatency\`, of HTTP APIs only: ${findContextVariable(['integrationLatency'], 'http')!.doc}`);
    });
  });
});
