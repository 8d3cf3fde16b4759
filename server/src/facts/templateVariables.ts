/**
 * The mapping-template variables of REST APIs: `$input`, `$util`, `$context` and `$stageVariables`.
 * Source: "Variables for data transformations for API Gateway" (AWS developer guide, mapping-template reference).
 * Completion, hover, template diagnostics and the evaluator's defaults all read this one list.
 *
 * HTTP APIs have no templates, but their parameter mappings read `$context` too, from a set of variables that overlaps
 * the REST one (source: "Customize HTTP API access logs", which the HTTP parameter-mapping page refers to for the
 * variables a mapping may read). Both sets are written once below, each member marked with the APIs that have it.
 */
import type { Dialect } from '../model/dialect';
import type { TemplateMember, TemplateParameter } from './templateVariableTypes';

const REFERENCE_URL =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html';
const INPUT_URL = `${REFERENCE_URL}#input-variable-reference`;
const UTIL_URL = `${REFERENCE_URL}#util-template-reference`;
const CONTEXT_URL = `${REFERENCE_URL}#context-variable-reference`;
const STAGE_VARIABLES_URL =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html';
const OVERRIDE_URL =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html';
const XRAY_URL = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enabling-xray.html';
const CLIENT_CERT_URL = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html';
/** The one page that lists the `$context` variables of HTTP APIs. */
export const HTTP_CONTEXT_URL = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html';
/** The REST page of access-log variables, some of which templates and mappings do not have. */
export const ACCESS_LOG_URL = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html';

function property(name: string, returns: string, doc: string, sample: TemplateMember['sample'], docsUrl = CONTEXT_URL): TemplateMember {
  return { name, kind: 'property', returns, doc, docsUrl, sample };
}

function method(
  name: string,
  params: TemplateParameter[],
  returns: string,
  doc: string,
  docsUrl: string,
  argRange?: { minArgs: number; maxArgs: number },
): TemplateMember {
  const signature = `${name}(${params.map((p) => `${p.type} ${p.name}`).join(', ')}): ${returns}`;
  return { name, kind: 'method', signature, params, returns, doc, docsUrl, ...argRange };
}

function object(name: string, doc: string, members: TemplateMember[], extra: Partial<TemplateMember> = {}): TemplateMember {
  return { name, kind: 'object', returns: 'Map', doc, docsUrl: CONTEXT_URL, members, ...extra };
}

/** A member whose value never holds a quote or a backslash (`TemplateMember.quoteFree`). */
function quoteFree(member: TemplateMember): TemplateMember {
  return { ...member, quoteFree: true };
}

/** A `$context` member only one kind of API has. */
function only(dialect: Dialect, member: TemplateMember): TemplateMember {
  return { ...member, dialects: [dialect] };
}

/** A `$context` member both kinds of API have, which means something else in HTTP APIs. */
function inHttp(member: TemplateMember, httpDoc: string): TemplateMember {
  return { ...member, httpDoc };
}

/**
 * An HTTP API variable about the call to the integration or the answer API Gateway gives: API Gateway maps the request
 * before it makes that call, so a request mapping finds the variable empty. Response mappings and access logs read it.
 */
function setByTheCall(member: TemplateMember): TemplateMember {
  return { ...member, httpAvailableIn: ['response'], ...(member.members && { members: member.members.map(setByTheCall) }) };
}

const JSON_PATH_PARAM: TemplateParameter = {
  name: 'path',
  type: 'String',
  doc: 'A JSONPath expression such as `$.pets[0].name`; `$` is the whole payload.',
};
const TEXT_PARAM: TemplateParameter = { name: 'text', type: 'String' };

const INPUT: TemplateMember = {
  name: 'input',
  kind: 'object',
  returns: 'Object',
  doc:
    'The payload and parameters of the request (in a request template) or of the integration response (in a response template). ' +
    'Written on its own, `$input` renders as `{}`.',
  docsUrl: INPUT_URL,
  // Gateway response templates substitute only `$context` and `$stageVariables` (gateway response reference).
  availableIn: ['request', 'response'],
  members: [
    property('body', 'String', 'The raw payload as a string. An empty payload reads as `{}`.', '{}', INPUT_URL),
    method(
      'json',
      [JSON_PATH_PARAM],
      'String',
      'Evaluates a JSONPath expression against the payload and returns the result as **JSON text**, ready to embed in a JSON template. ' +
        'Example: `$input.json(\'$.pets\')`.',
      INPUT_URL,
    ),
    method(
      'params',
      [{ name: 'name', type: 'String', doc: 'Optional parameter name; looked up in path, then query string, then headers.' }],
      'Object',
      'Without an argument: a map `{path={...}, querystring={...}, header={...}}` of all request parameters. ' +
        'With a name: the value of that parameter from the path, the query string or the headers, searched in that order. ' +
        'Wrap user-supplied values in `$util.escapeJavaScript(...)` before writing them into JSON.',
      INPUT_URL,
      { minArgs: 0, maxArgs: 1 },
    ),
    method(
      'path',
      [JSON_PATH_PARAM],
      'Object',
      'Evaluates a JSONPath expression and returns the result as an **object** (map, list, string, number) usable in VTL, ' +
        'e.g. `$input.path(\'$.pets\').size()`. Interpolated into text, a map prints Java-style as `{key=value}`; use `$input.json` for JSON.',
      INPUT_URL,
    ),
  ],
};

const UTIL: TemplateMember = {
  name: 'util',
  kind: 'object',
  returns: 'Object',
  doc: 'Utility functions for mapping templates. All of them use UTF-8.',
  docsUrl: UTIL_URL,
  availableIn: ['request', 'response'],
  members: [
    method(
      'escapeJavaScript',
      [TEXT_PARAM],
      'String',
      'Escapes a string with JavaScript string rules (quotes, backslashes, control characters). ' +
        'It also turns `\'` into `\\\'`, which is not valid inside JSON; the documented workaround is ' +
        '`$util.escapeJavaScript($data).replaceAll("\\\\\'", "\'")`.',
      UTIL_URL,
    ),
    method(
      'parseJson',
      [{ name: 'json', type: 'String' }],
      'Object',
      'Parses JSON text into an object that VTL can navigate, e.g. `$util.parseJson($input.path(\'$.errorMessage\')).code`.',
      UTIL_URL,
    ),
    method(
      'urlEncode',
      [TEXT_PARAM],
      'String',
      'Encodes a string as `application/x-www-form-urlencoded` (a space becomes `+`).',
      UTIL_URL,
    ),
    method(
      'urlDecode',
      [TEXT_PARAM],
      'String',
      'Decodes an `application/x-www-form-urlencoded` string (`+` becomes a space).',
      UTIL_URL,
    ),
    method('base64Encode', [TEXT_PARAM], 'String', 'Encodes the UTF-8 bytes of a string as Base64.', UTIL_URL),
    method('base64Decode', [TEXT_PARAM], 'String', 'Decodes Base64 into a UTF-8 string.', UTIL_URL),
  ],
};

const STAGE_VARIABLES: TemplateMember = {
  name: 'stageVariables',
  kind: 'object',
  returns: 'Map',
  doc:
    'The stage variables of the deployment stage: `$stageVariables.name`, `$stageVariables[\'name\']` or `${stageVariables[\'name\']}`.',
  docsUrl: STAGE_VARIABLES_URL,
  members: [],
  openEnded: true,
};

const CLIENT_CERT = object(
  'clientCert',
  'The client certificate presented in a mutual-TLS request (empty without mutual TLS).',
  [
    property('clientCertPem', 'String', 'The PEM-encoded client certificate.', null),
    property('subjectDN', 'String', 'The distinguished name of the certificate subject.', null),
    property('issuerDN', 'String', 'The distinguished name of the certificate issuer.', null),
    property('serialNumber', 'String', 'The serial number of the certificate.', null),
    object('validity', 'The validity period of the certificate.', [
      property('notBefore', 'String', 'Start of the validity period.', null),
      property('notAfter', 'String', 'End of the validity period.', null),
    ]),
  ],
  { docsUrl: CLIENT_CERT_URL },
);

const IDENTITY = object('identity', 'Who sent the request, as far as API Gateway knows.', [
  property('accountId', 'String', 'The AWS account of the caller (IAM authorization only).', null),
  only('rest', property('apiKey', 'String', 'The API key sent with the request, for methods that require one.', null)),
  only('rest', property('apiKeyId', 'String', 'The id of the API key, for methods that require one.', null)),
  property('caller', 'String', 'The principal identifier of the caller that signed the request (IAM authorization).', null),
  property(
    'cognitoAuthenticationProvider',
    'String',
    'The Amazon Cognito providers used by the caller, for requests signed with Cognito credentials.',
    null,
  ),
  property('cognitoAuthenticationType', 'String', '`authenticated` or `unauthenticated` for Cognito-signed requests.', null),
  property('cognitoIdentityId', 'String', 'The Cognito identity id of the caller.', null),
  property('cognitoIdentityPoolId', 'String', 'The Cognito identity pool id of the caller.', null),
  property('principalOrgId', 'String', 'The AWS Organizations id of the caller (IAM authorization).', null),
  quoteFree(property('sourceIp', 'String', 'The source IP address of the TCP connection that reached API Gateway.', '203.0.113.10')),
  property('user', 'String', 'The principal identifier of the user (IAM authorization).', null),
  property('userAgent', 'String', 'The `User-Agent` header of the caller.', 'Mozilla/5.0 (X11; Linux x86_64) apigw-studio'),
  property('userArn', 'String', 'The ARN of the effective user (IAM authorization).', null),
  only('rest', property('vpcId', 'String', 'The VPC of the caller, for requests through a VPC endpoint to a private API.', null)),
  only('rest', property('vpceId', 'String', 'The VPC endpoint of the caller, for requests to a private API.', null)),
  CLIENT_CERT,
]);

const AUTHORIZER_ERROR = property('error', 'String', 'The error message an authorizer gave when it failed.', null);

const AUTHORIZER = inHttp(
  object(
    'authorizer',
    'What the authorizer returned. Keys from a Lambda authorizer\'s `context` map appear here as strings ' +
      '(`1` becomes `"1"`, `true` becomes `"true"`).',
    [
      only('http', AUTHORIZER_ERROR),
      property('principalId', 'String', 'The principal id returned by a Lambda authorizer.', null),
      inHttp(
        object(
          'claims',
          'The claims of a Cognito user pool token, e.g. `$context.authorizer.claims.sub`. ' +
            '`$context.authorizer.claims` on its own returns null; read one claim at a time.',
          [],
          { openEnded: true },
        ),
        'The claims of the token a JWT authorizer accepted, one at a time: `$context.authorizer.claims.sub`. ' +
          'Written without a claim name it gives null.',
      ),
    ],
    { openEnded: true },
  ),
  'What the route\'s authorizer returned: the claims of a JWT, or each key of the `context` map a Lambda authorizer ' +
    'returned, by its name (`$context.authorizer.tenant`).',
);

/**
 * A member API Gateway sets only while it answers with an error of its own: in gateway response templates (and access
 * logs, which are not templates); in integration templates it is empty.
 */
function gatewayResponseOnly(member: TemplateMember): TemplateMember {
  return { ...member, availableIn: ['gatewayResponse'] };
}

/**
 * The mapping-template reference says of `error.message` and `error.responseType` that they can only be used for
 * simple variable substitution in a gateway response template (and in access logging); `error.messageString` is the
 * quoted `error.message`. It says no such thing of `error.validationErrorString`.
 */
const ERROR = inHttp(object('error', 'The error API Gateway is answering with (gateway responses).', [
  inHttp(
    gatewayResponseOnly(property('message', 'String', 'The error message, not JSON-escaped. Set only in gateway response templates (and access logs).', null)),
    'The error message API Gateway answered with.',
  ),
  inHttp(
    gatewayResponseOnly(property(
      'messageString',
      'String',
      'The error message in double quotes, to stand as a JSON value on its own: `{"message": $context.error.messageString}`. ' +
        'Written inside quotes (`"$context.error.messageString"`) it is quoted twice. Set only in gateway response templates (and access logs).',
      null,
    )),
    'The error message API Gateway answered with, in double quotes.',
  ),
  inHttp(
    gatewayResponseOnly(property(
      'responseType',
      'String',
      'The gateway response type, e.g. `UNAUTHORIZED`. Set only in gateway response templates (and access logs).',
      null,
    )),
    'The kind of error API Gateway answered with, e.g. `UNAUTHORIZED`.',
  ),
  only(
    'rest',
    property(
      'validationErrorString',
      'String',
      'The detailed request-validation error message, e.g. `[object has missing required properties (["price"])]`. ' +
        'It is not escaped for JSON: written inside a JSON string its double quotes end the string and break the body.',
      null,
    ),
  ),
]), 'The error API Gateway answered with itself, e.g. `Not Found` when no route matches; access logs read it.');

const overrideMap = (name: string, what: string): TemplateMember => ({
  ...object(name, what, [], { openEnded: true, writable: true, availableIn: ['request'] }),
  docsUrl: OVERRIDE_URL,
});

const REQUEST_OVERRIDE: TemplateMember = only('rest', {
  ...object(
    'requestOverride',
    'Overrides of the integration request, set with `#set` in a request template.',
    [
      overrideMap('header', 'Set an integration request header: `#set($context.requestOverride.header.X-Id = "1")`.'),
      overrideMap('path', 'Set an integration request path parameter: `#set($context.requestOverride.path.id = "1")`.'),
      overrideMap('querystring', 'Set an integration query string parameter: `#set($context.requestOverride.querystring.q = "x")`.'),
    ],
    { availableIn: ['request'] },
  ),
  docsUrl: OVERRIDE_URL,
});

/** Read by API Gateway only after an integration response template ran (override-request-response-parameters). */
const RESPONSE_OVERRIDE: TemplateMember = only('rest', {
  ...object('responseOverride', 'Overrides of the method response, set with `#set`.', [
    {
      ...object('header', 'Set a response header: `#set($context.responseOverride.header.X-Id = "1")`.', [], {
        openEnded: true,
        writable: true,
      }),
      docsUrl: OVERRIDE_URL,
    },
    {
      ...property('status', 'Integer', 'Set the response status code: `#set($context.responseOverride.status = 400)`.', null, OVERRIDE_URL),
      writable: true,
    },
  ], { availableIn: ['response'] }),
  docsUrl: OVERRIDE_URL,
});

/** Both `integrationStatus` and `integration.integrationStatus` in HTTP APIs. */
const INTEGRATION_STATUS = property(
  'integrationStatus',
  'String',
  'For a Lambda proxy integration, the status code of the Lambda service\'s answer, not the one the function returned.',
  null,
);

/** The outcome of the call to the integration, which access logs record. */
const INTEGRATION = object('integration', 'The outcome of the call to the integration.', [
  property('error', 'String', 'The error message the integration gave; the same as `integrationErrorMessage`.', null),
  INTEGRATION_STATUS,
  property('latency', 'String', 'How long the integration took to answer, in milliseconds; the same as `integrationLatency`.', null),
  property('requestId', 'String', 'The request id of the AWS endpoint called; the same as `awsEndpointRequestId`.', null),
  property(
    'status',
    'String',
    'The status code the integration answered with; for a Lambda proxy integration, the one the function code returned.',
    null,
  ),
]);

const CUSTOM_DOMAIN = object('customDomain', 'The custom domain name the request came in through.', [
  property(
    'basePathMatched',
    'String',
    'The path of the API mapping the request matched, e.g. `shop` for `/shop/cart` when the API is mapped to `shop`.',
    null,
  ),
]);

const INTEGRATION_ERROR_MESSAGE = property('integrationErrorMessage', 'String', 'The error message the integration gave.', null);
const INTEGRATION_LATENCY = property('integrationLatency', 'String', 'How long the integration took to answer, in milliseconds.', null);
const RESPONSE_LATENCY = property('responseLatency', 'String', 'How long API Gateway took to answer, in milliseconds.', null);
const RESPONSE_LENGTH = property('responseLength', 'String', 'The length of the response payload.', null);
const RESPONSE_STATUS = property('status', 'String', 'The status code of the response API Gateway sent.', null);

const CONTEXT_ALL_APIS: TemplateMember = {
  name: 'context',
  kind: 'object',
  returns: 'Map',
  doc: 'Facts about the API, the stage and the current request.',
  docsUrl: CONTEXT_URL,
  members: [
    quoteFree(property('accountId', 'String', 'The AWS account id of the API owner.', '123456789012')),
    quoteFree(property('apiId', 'String', 'The identifier API Gateway assigned to the API.', 'a1b2c3d4e5')),
    AUTHORIZER,
    setByTheCall(property('awsEndpointRequestId', 'String', 'The request id of the AWS service call made by an AWS integration.', null)),
    only('http', setByTheCall(property('awsEndpointRequestId2', 'String', 'The `x-amz-id-2` request id of the AWS service call made by an integration.', null))),
    only('http', CUSTOM_DOMAIN),
    only('http', property('dataProcessed', 'String', 'How many bytes API Gateway processed for the request.', null)),
    only('rest', quoteFree(property('deploymentId', 'String', 'The id of the deployment serving the request.', 'd1e2f3'))),
    quoteFree(property('domainName', 'String', 'The domain name the API was called on.', 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com')),
    quoteFree(property('domainPrefix', 'String', 'The first label of the domain name.', 'a1b2c3d4e5')),
    ERROR,
    inHttp(
      quoteFree(property('extendedRequestId', 'String', 'The extended id API Gateway assigns to the request (also `x-amz-apigw-id`).', 'Ab1CdEfGhIjKlMn=')),
      'In HTTP APIs, the same value as `requestId`.',
    ),
    quoteFree(property('httpMethod', 'String', 'The HTTP method of the request: DELETE, GET, HEAD, OPTIONS, PATCH, POST or PUT.', 'POST')),
    IDENTITY,
    only('http', setByTheCall(INTEGRATION)),
    only('http', setByTheCall(INTEGRATION_ERROR_MESSAGE)),
    only('http', setByTheCall(INTEGRATION_LATENCY)),
    only('http', setByTheCall(INTEGRATION_STATUS)),
    only('rest', property('isCanaryRequest', 'Boolean', '`true` when a canary deployment served the request, otherwise `false`.', false)),
    property('path', 'String', 'The request path including the stage, e.g. `/prod/pets/1`.', '/prod/'),
    quoteFree(property('protocol', 'String', 'The request protocol, e.g. `HTTP/1.1`.', 'HTTP/1.1')),
    REQUEST_OVERRIDE,
    inHttp(
      quoteFree(property('requestId', 'String', 'The id of the request (also `x-amzn-RequestId`), a UUID.', 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef')),
      'The id API Gateway gives the request.',
    ),
    quoteFree(property('requestTime', 'String', 'The request time in Common Log Format, `dd/MMM/yyyy:HH:mm:ss +-hhmm`.', '09/Apr/2015:12:34:56 +0000')),
    quoteFree(property('requestTimeEpoch', 'Long', 'The request time in milliseconds since the epoch.', 1428582896000)),
    only('rest', quoteFree(property('resourceId', 'String', 'The id of the API resource.', 'abc123'))),
    only('rest', property('resourcePath', 'String', 'The resource path template, e.g. `/pets/{id}`.', '/')),
    RESPONSE_OVERRIDE,
    only('http', setByTheCall(RESPONSE_LATENCY)),
    only('http', setByTheCall(RESPONSE_LENGTH)),
    only('http', property('routeKey', 'String', 'The key of the route the request matched, e.g. `GET /pets/{id}` or `$default`.', null)),
    quoteFree(property('stage', 'String', 'The deployment stage name, e.g. `prod`.', 'prod')),
    only('http', setByTheCall(RESPONSE_STATUS)),
    only('rest', property('wafResponseCode', 'String', 'The AWS WAF verdict: `WAF_ALLOW` or `WAF_BLOCK` (absent without a web ACL).', null)),
    only('rest', property('webaclArn', 'String', 'The ARN of the web ACL that judged the request (absent without a web ACL).', null)),
    // The REST reference lists it among the variables templates and mappings read, not among the access-log-only ones;
    // HTTP APIs have no X-Ray tracing and their list has no such variable.
    only('rest', property('xrayTraceId', 'String', 'The id of the X-Ray trace the request belongs to (tracing must be on for the stage, or the caller traced).', null, XRAY_URL)),
  ],
};

/**
 * The `$context` of one kind of API: the members it has, and in HTTP APIs their HTTP meaning and the HTTP page, which
 * documents every one of them.
 */
function contextOf(member: TemplateMember, dialect: Dialect): TemplateMember {
  const { httpDoc, httpAvailableIn, ...rest } = member;
  // Template kinds are a REST notion: HTTP APIs have no templates, and their mapping page lets a mapping read any
  // variable of their one list, `error.*` included; only what the call to the integration sets comes too late for the
  // request's mappings.
  const { availableIn: _templateKinds, ...untemplated } = rest;
  const own: TemplateMember =
    dialect === 'http' ? { ...untemplated, doc: httpDoc ?? rest.doc, docsUrl: HTTP_CONTEXT_URL, ...(httpAvailableIn && { availableIn: httpAvailableIn }) } : rest;
  if (!member.members) return own;
  const members = member.members.filter((m) => !m.dialects || m.dialects.includes(dialect)).map((m) => contextOf(m, dialect));
  return { ...own, members };
}

const CONTEXT = contextOf(CONTEXT_ALL_APIS, 'rest');
const HTTP_CONTEXT = contextOf(CONTEXT_ALL_APIS, 'http');

export const TEMPLATE_ROOTS: TemplateMember[] = [INPUT, UTIL, CONTEXT, STAGE_VARIABLES];

/** A variable as the REST access-log page has it, documented there. */
function accessLogged(member: TemplateMember): TemplateMember {
  const { dialects: _dialects, httpDoc: _httpDoc, httpAvailableIn: _httpKinds, ...own } = member;
  return { ...own, docsUrl: ACCESS_LOG_URL, ...(member.members && { members: member.members.map(accessLogged) }) };
}

/** What one step of handling a request came to, as access logs record it. */
function stepOutcome(name: string, step: string): TemplateMember {
  return accessLogged(object(name, `The outcome of ${step}.`, [
    property('error', 'String', `The error message of ${step}.`, null),
    property('latency', 'String', `How long ${step} took, in milliseconds.`, null),
    property('status', 'String', `The status code ${step} ended with.`, null),
  ]));
}

/**
 * The `$context` variables REST APIs set only for access-log formats: the logging page lists them, the page of
 * variables for data transformations does not, and templates and mappings read nothing from them. HTTP APIs document
 * one list for both, so theirs are members of their `$context`. Below `authorizer`, whose other keys are a Lambda
 * authorizer's own, these names are the authorizer's outcome only in access logs.
 */
const REST_ACCESS_LOG_ONLY: TemplateMember[] = [
  stepOutcome('authenticate', 'the authentication of the caller'),
  stepOutcome('authorize', 'the authorization of the caller'),
  accessLogged(object('authorizer', 'The outcome of the call to the authorizer.', [
    AUTHORIZER_ERROR,
    property('integrationLatency', 'String', 'How long the Lambda authorizer function took to answer, in milliseconds.', null),
    property('integrationStatus', 'String', 'The status code the Lambda authorizer answered with.', null),
    property('latency', 'String', 'How long the authorizer took as a whole, in milliseconds.', null),
    property('requestId', 'String', 'The request id of the AWS endpoint called for the authorizer.', null),
    property('status', 'String', 'The status code the authorizer ended with.', null),
  ])),
  accessLogged(CUSTOM_DOMAIN),
  accessLogged(INTEGRATION),
  accessLogged(INTEGRATION_ERROR_MESSAGE),
  accessLogged(INTEGRATION_LATENCY),
  accessLogged(INTEGRATION_STATUS),
  accessLogged(RESPONSE_LATENCY),
  accessLogged(RESPONSE_LENGTH),
  accessLogged(RESPONSE_STATUS),
  stepOutcome('waf', 'the AWS WAF check'),
];

/** The access-log groups of which templates have a variable of the same name too (`authorizer`). */
const PARTLY_LOGGED = new Set(REST_ACCESS_LOG_ONLY.filter((m) => findMember(CONTEXT.members ?? [], [m.name])).map((m) => m.name));

/**
 * The REST `$context` variable at `path` (below `context`) that only access-log formats have, such as
 * `integrationLatency`, `waf.status` or `authorizer.latency`; undefined for other paths, and in HTTP APIs. Any name
 * below a group only access logs have counts as one of its variables; below `authorizer` only the logged names do, the
 * rest being keys of a Lambda authorizer's context.
 */
export function accessLogOnlyContext(path: readonly string[], dialect: Dialect): TemplateMember | undefined {
  if (dialect !== 'rest' || path.length === 0) return undefined;
  const group = REST_ACCESS_LOG_ONLY.find((m) => m.name === path[0]);
  if (!group) return undefined;
  const partly = PARTLY_LOGGED.has(group.name);
  if (path.length === 1 || !group.members) return partly ? undefined : group;
  return group.members.find((m) => m.name === path[1]) ?? (partly ? undefined : group);
}

/** The member at `path` (root name first, without `$`), following open-ended members for any deeper key. */
export function findTemplateMember(path: string[]): TemplateMember | undefined {
  return findMember(TEMPLATE_ROOTS, path);
}

/** The `$context` of REST APIs (what templates read) or of HTTP APIs. */
export function contextVariables(dialect: Dialect): TemplateMember {
  return dialect === 'http' ? HTTP_CONTEXT : CONTEXT;
}

/** The `$context` member at `path` (below `context`) in one kind of API, following open-ended members for any deeper key. */
export function findContextVariable(path: string[], dialect: Dialect): TemplateMember | undefined {
  return path.length ? findMember(contextVariables(dialect).members ?? [], path) : contextVariables(dialect);
}

/** The kinds of API whose `$context` has the member at `path`: both, one, or none. */
export function contextVariableDialects(path: string[]): Dialect[] {
  return (['rest', 'http'] as const).filter((dialect) => findContextVariable(path, dialect));
}

function findMember(roots: TemplateMember[], path: string[]): TemplateMember | undefined {
  let candidates: TemplateMember[] = roots;
  let found: TemplateMember | undefined;
  for (let i = 0; i < path.length; i++) {
    const next = candidates.find((m) => m.name === path[i]);
    if (next) {
      found = next;
      candidates = next.members ?? [];
      continue;
    }
    if (!found?.openEnded) return undefined;
    found = openEndedEntry(found, path[i]);
    candidates = [];
  }
  return found;
}

/** An entry below an open-ended member (`$stageVariables.env`, `$context.authorizer.tenant`): any key, a string value. */
function openEndedEntry(parent: TemplateMember, key: string): TemplateMember {
  return {
    name: key,
    kind: 'property',
    returns: 'String',
    doc: `A key of \`${parent.name}\`.`,
    docsUrl: parent.docsUrl,
    writable: parent.writable,
    availableIn: parent.availableIn,
    openEnded: true,
  };
}

/** Members one can write after `path` and a dot, e.g. `['context', 'identity']` gives sourceIp, userAgent, ... */
export function templateMembersOf(path: string[]): TemplateMember[] {
  if (path.length === 0) return TEMPLATE_ROOTS;
  return findTemplateMember(path)?.members ?? [];
}

/** Every `property` below `member` with its dotted path, e.g. `['identity', 'sourceIp']`. */
export function* templateProperties(member: TemplateMember, prefix: string[] = []): Generator<{ path: string[]; member: TemplateMember }> {
  for (const child of member.members ?? []) {
    const childPath = [...prefix, child.name];
    if (child.kind === 'property') yield { path: childPath, member: child };
    else if (child.kind === 'object') yield* templateProperties(child, childPath);
  }
}
