import assert from 'node:assert/strict';
import { findTemplateMember, TEMPLATE_ROOTS, templateMembersOf, templateProperties } from '../../../server/src/facts/templateVariables';

describe('template variable catalog', () => {
  it('has the four roots', () => {
    assert.deepEqual(TEMPLATE_ROOTS.map((m) => m.name), ['input', 'util', 'context', 'stageVariables']);
  });
  it('lists every $input and $util method with argument counts', () => {
    assert.deepEqual(templateMembersOf(['input']).map((m) => m.name), ['body', 'json', 'params', 'path']);
    const params = findTemplateMember(['input', 'params'])!;
    assert.equal(params.minArgs, 0);
    assert.equal(params.maxArgs, 1);
    assert.deepEqual(templateMembersOf(['util']).map((m) => m.name).sort(), ['base64Decode', 'base64Encode', 'escapeJavaScript', 'parseJson', 'urlDecode', 'urlEncode']);
    for (const m of templateMembersOf(['util'])) assert.equal(m.params?.length, 1, m.name);
  });
  it('lists the documented $context variables', () => {
    const names = templateMembersOf(['context']).map((m) => m.name);
    for (const name of ['accountId', 'apiId', 'authorizer', 'awsEndpointRequestId', 'domainName', 'domainPrefix', 'error', 'extendedRequestId', 'httpMethod', 'identity', 'isCanaryRequest', 'path', 'protocol', 'requestId', 'requestOverride', 'requestTime', 'requestTimeEpoch', 'resourceId', 'resourcePath', 'responseOverride', 'stage', 'wafResponseCode', 'webaclArn']) {
      assert.ok(names.includes(name), name);
    }
    const identity = templateMembersOf(['context', 'identity']).map((m) => m.name);
    for (const name of ['accountId', 'apiKey', 'apiKeyId', 'caller', 'cognitoAuthenticationProvider', 'cognitoAuthenticationType', 'cognitoIdentityId', 'cognitoIdentityPoolId', 'principalOrgId', 'sourceIp', 'user', 'userAgent', 'userArn', 'clientCert']) {
      assert.ok(identity.includes(name), name);
    }
    assert.ok(findTemplateMember(['context', 'identity', 'clientCert', 'validity', 'notAfter']));
    assert.deepEqual(templateMembersOf(['context', 'error']).map((m) => m.name), ['message', 'messageString', 'responseType', 'validationErrorString']);
  });
  it('follows open-ended members for any key', () => {
    assert.equal(findTemplateMember(['context', 'authorizer', 'tenantId'])?.name, 'tenantId');
    assert.equal(findTemplateMember(['context', 'authorizer', 'claims', 'email'])?.name, 'email');
    assert.equal(findTemplateMember(['stageVariables', 'env'])?.kind, 'property');
    assert.equal(findTemplateMember(['context', 'nope']), undefined);
    assert.equal(findTemplateMember(['context', 'identity', 'nope']), undefined);
  });
  it('marks the writable overrides and where they apply', () => {
    const header = findTemplateMember(['context', 'requestOverride', 'header', 'X-Id'])!;
    assert.equal(header.writable, true);
    assert.deepEqual(header.availableIn, ['request']);
    assert.equal(findTemplateMember(['context', 'responseOverride', 'status'])?.writable, true);
    assert.equal(findTemplateMember(['context', 'responseOverride', 'header', 'X'])?.writable, true);
    assert.equal(findTemplateMember(['context', 'requestId'])?.writable, undefined);
  });
  it('gives every member documentation and a docs link, and every property a sample or null', () => {
    const visit = (members: typeof TEMPLATE_ROOTS) => {
      for (const m of members) {
        assert.ok(m.doc.length > 10, m.name);
        assert.match(m.docsUrl, /^https:\/\/docs\.aws\.amazon\.com\/apigateway\//);
        if (m.kind === 'property') assert.ok('sample' in m, m.name);
        if (m.kind === 'method') assert.ok(m.signature?.startsWith(`${m.name}(`), m.name);
        visit(m.members ?? []);
      }
    };
    visit(TEMPLATE_ROOTS);
    assert.ok([...templateProperties(findTemplateMember(['context'])!)].length > 40);
  });
});
