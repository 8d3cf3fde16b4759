import type { ExtensionSpec, FieldSpec, ValueSpec } from '../extensionTypes';
import { extensionPage, guidePage, REQUEST_RESPONSE_MAPPING_URL } from './docsUrls';
import { IAM_ROLE_ARN, IAM_STAGE_VARIABLE_ARN } from './arnPatterns';
import { STATUS_CODE_PATTERN } from '../statusCodes';
import { RESPONSE_KEY_EXAMPLES } from '../responseSelection';
import { REQUEST_TEMPLATE_UNMATCHED, RESPONSE_TEMPLATE_UNMATCHED, templateKeys } from '../mediaTypes';

const INTEGRATION_URL = extensionPage('integration');
const RESPONSES_URL = extensionPage('integration-responses');
const RESPONSE_URL = extensionPage('integration-response');

/** AWS integration types. The docs write them in both cases and the import accepts either. */
export const INTEGRATION_TYPES = ['aws', 'aws_proxy', 'http', 'http_proxy', 'mock'];
export const PROXY_INTEGRATION_TYPES = ['aws_proxy', 'http_proxy'];

/**
 * The `uri` form each integration type usually takes: an http(s) URL for HTTP backends, an ARN for Lambda and AWS
 * services. Usually: an HTTP API's HTTP_PROXY through a VPC link takes a load balancer or Cloud Map ARN.
 */
export const USUAL_URI_FORMS: Record<string, RegExp> = { http: /^https?:/, http_proxy: /^https?:/, aws: /^arn:/, aws_proxy: /^arn:/ };
/** The integrations that map requests and responses, and so read templates and integration responses. */
const MAPPING_INTEGRATION_TYPES = INTEGRATION_TYPES.filter((t) => !PROXY_INTEGRATION_TYPES.includes(t));
/** The integrations that call a backend: a MOCK one answers from its integration responses alone. */
export const BACKEND_INTEGRATION_TYPES = INTEGRATION_TYPES.filter((t) => t !== 'mock');

/** The request parameters of one AWS service action: those it cannot do without, and the ones it also reads. */
export interface SubtypeParameters {
  required: string[];
  optional: string[];
}

/**
 * HTTP API first-class AWS service integrations and their request parameters, named as the integration subtype
 * reference (http-api-develop-integrations-aws-services-reference) writes them; every action also takes `Region`.
 * `AttributeName` is how earlier versions of that page named `AttributeNames`.
 */
export const INTEGRATION_SUBTYPE_PARAMETERS: Record<string, SubtypeParameters> = {
  'EventBridge-PutEvents': { required: ['Detail', 'DetailType', 'Source'], optional: ['Time', 'EventBusName', 'Resources', 'Region', 'TraceHeader'] },
  'SQS-SendMessage': {
    required: ['QueueUrl', 'MessageBody'],
    optional: ['DelaySeconds', 'MessageAttributes', 'MessageDeduplicationId', 'MessageGroupId', 'MessageSystemAttributes', 'Region'],
  },
  'SQS-ReceiveMessage': {
    required: ['QueueUrl'],
    optional: ['AttributeNames', 'AttributeName', 'MaxNumberOfMessages', 'MessageAttributeNames', 'ReceiveRequestAttemptId', 'VisibilityTimeout', 'WaitTimeSeconds', 'Region'],
  },
  'SQS-DeleteMessage': { required: ['ReceiptHandle', 'QueueUrl'], optional: ['Region'] },
  'SQS-PurgeQueue': { required: ['QueueUrl'], optional: ['Region'] },
  'AppConfig-GetConfiguration': { required: ['Application', 'Environment', 'Configuration', 'ClientId'], optional: ['ClientConfigurationVersion', 'Region'] },
  'Kinesis-PutRecord': { required: ['StreamName', 'Data', 'PartitionKey'], optional: ['SequenceNumberForOrdering', 'ExplicitHashKey', 'Region'] },
  'StepFunctions-StartExecution': { required: ['StateMachineArn'], optional: ['Name', 'Input', 'Region'] },
  'StepFunctions-StartSyncExecution': { required: ['StateMachineArn'], optional: ['Name', 'Input', 'Region', 'TraceHeader'] },
  'StepFunctions-StopExecution': { required: ['ExecutionArn'], optional: ['Cause', 'Error', 'Region'] },
};

export const INTEGRATION_SUBTYPES = Object.keys(INTEGRATION_SUBTYPE_PARAMETERS);

const quoted = (names: string[]): string => names.map((n) => `\`${n}\``).join(', ');

/** Completion and hover: each subtype with the parameters it reads. */
const SUBTYPE_DOCS: Record<string, string> = Object.fromEntries(
  Object.entries(INTEGRATION_SUBTYPE_PARAMETERS).map(([name, { required, optional }]) => [
    name,
    `Request parameters: ${quoted(required)} (required); ${quoted(optional)}.`,
  ]),
);

const contentHandling: ValueSpec = {
  type: 'string',
  doc: 'How API Gateway converts the payload between text and binary. Left out, the payload passes through unchanged.',
  enum: ['CONVERT_TO_TEXT', 'CONVERT_TO_BINARY'],
  enumDocs: {
    CONVERT_TO_TEXT: 'Binary payloads become Base64-encoded text; text passes unchanged.',
    CONVERT_TO_BINARY: 'Base64-encoded text is decoded to binary; binary passes unchanged.',
  },
};

const mappingTemplates = (what: string, selectedBy: string, unmatched: string): ValueSpec => ({
  type: 'map',
  doc: `${what} mapping templates, one per MIME type. Each value is a Velocity (VTL) template; the template is chosen by the ${selectedBy} (only the media type part counts, parameters such as \`charset\` are ignored).`,
  docsUrl: REQUEST_RESPONSE_MAPPING_URL,
  ...templateKeys(unmatched),
  values: { type: 'string', doc: 'A Velocity (VTL) mapping template.' },
});

const integrationResponse: ValueSpec = {
  type: 'object',
  doc: 'How one class of backend results becomes a method response: its status code, header mappings and body templates.',
  docsUrl: RESPONSE_URL,
  additionalFields: false,
  fields: [
    {
      name: 'statusCode',
      type: 'string',
      required: true,
      doc: 'The method response status code to return, as a string (e.g. `"200"`). A method response with this code must be declared in the operation\'s `responses`, or callers get a 500.',
      pattern: STATUS_CODE_PATTERN,
      patternMessage: 'a three-digit HTTP status code',
      examples: ['200', '400', '500'],
    },
    {
      name: 'responseTemplates',
      ...mappingTemplates('Response', '`Accept` header of the request, falling back to the first template', RESPONSE_TEMPLATE_UNMATCHED),
      docsUrl: extensionPage('integration-responseTemplates'),
    },
    {
      name: 'responseParameters',
      type: 'map',
      doc: 'Method response headers to set. Keys are `method.response.header.NAME`; values are `integration.response.header.X`, `integration.response.multivalueheader.X`, `integration.response.body[.JSONPath]`, `stageVariables.X`, `context.X` or a single-quoted static value such as `\'*\'`.',
      docsUrl: extensionPage('integration-responseParameters'),
      keyDoc: '`method.response.header.NAME`; the header must be declared on the method response.',
      keyPattern: '^method\\.response\\.header\\.[^\\s]+$',
      // As in requestParameters: a bare `true` or `5` is taken here and reported by the mapping rule.
      values: { type: ['string', 'number', 'boolean'], doc: 'Where the header value comes from.', examples: ["'*'", 'integration.response.header.Content-Type'] },
    },
    { name: 'contentHandling', ...contentHandling },
  ],
};

const tlsConfig: FieldSpec = {
  name: 'tlsConfig',
  // REST reads it for HTTP backends, HTTP APIs for private integrations, which are HTTP_PROXY.
  forTypes: ['http', 'http_proxy'],
  type: 'object',
  doc: 'TLS settings for the connection to the backend.',
  docsUrl: guidePage('api-gateway-extensions-integration-tls-config'),
  additionalFields: false,
  fields: [
    {
      name: 'insecureSkipVerification',
      type: 'boolean',
      dialects: ['rest'],
      doc: 'REST APIs, HTTP and HTTP_PROXY integrations: accept a backend certificate that is self-signed or from an untrusted authority. The certificate must still be unexpired.',
    },
    {
      name: 'serverNameToVerify',
      type: 'string',
      dialects: ['http'],
      doc: 'HTTP APIs, private integrations: the host name API Gateway checks against the backend certificate (also sent as SNI).',
    },
  ],
};

const integrationFields: FieldSpec[] = [
  {
    name: 'type',
    type: 'string',
    required: true,
    doc: 'The kind of backend. Case-insensitive: `aws_proxy` and `AWS_PROXY` are the same. HTTP APIs accept only `AWS_PROXY` and `HTTP_PROXY`.',
    enum: INTEGRATION_TYPES,
    caseInsensitive: true,
    enumDocs: {
      aws: 'An AWS service action, or a Lambda function with request and response mapping (custom integration).',
      aws_proxy: 'Lambda proxy integration: the whole request goes to the function and its result is the response. HTTP APIs also use it for `integrationSubtype` service integrations.',
      http: 'An HTTP backend with request and response mapping.',
      http_proxy: 'An HTTP backend that receives the request as is; its response is returned as is.',
      mock: 'No backend: the response comes from the integration response mapping. REST APIs only.',
    },
    enumDialects: { aws: ['rest'], http: ['rest'], mock: ['rest'] },
    enumCase: { http: 'upper' },
  },
  {
    name: 'httpMethod',
    forTypes: BACKEND_INTEGRATION_TYPES,
    type: 'string',
    doc: 'The HTTP method used to call the backend. Lambda functions are always invoked with `POST`. Needed for HTTP and AWS integrations.',
    enum: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'],
    caseInsensitive: true,
    examples: ['POST', 'GET', 'ANY'],
  },
  {
    name: 'uri',
    forTypes: BACKEND_INTEGRATION_TYPES,
    type: 'string',
    doc: [
      'The backend endpoint.',
      '- HTTP / HTTP_PROXY: a full, encoded `http(s)://` URL (with a VPC link it only sets the Host header; HTTP APIs put a load balancer listener or Cloud Map service ARN here).',
      '- AWS / AWS_PROXY: `arn:aws:apigateway:{region}:{service}:path|action/{api}`; for Lambda `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`.',
      '- HTTP APIs may give a plain Lambda function ARN for AWS_PROXY.',
      '',
      '`${stageVariables.NAME}` and the import-time variables `${AWS::Region}`, `${AWS::AccountId}`, `${AWS::Partition}` may appear in it; a stage variable may stand for the whole action or path of an AWS URI (`arn:aws:apigateway:{region}:{service}:${stageVariables.NAME}`).',
    ].join('\n'),
    examples: ['arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:NAME/invocations', 'https://example.com/{proxy}'],
  },
  {
    name: 'connectionType',
    forTypes: BACKEND_INTEGRATION_TYPES,
    type: 'string',
    doc: 'How API Gateway reaches the backend: over the internet (default) or through a VPC link. Case-insensitive.',
    enum: ['INTERNET', 'VPC_LINK'],
    caseInsensitive: true,
    enumDocs: { INTERNET: 'Over the public internet (the default).', VPC_LINK: 'Through the VPC link named by `connectionId`.' },
  },
  { name: 'connectionId', forTypes: BACKEND_INTEGRATION_TYPES, type: 'string', doc: 'The VPC link id when `connectionType` is `VPC_LINK`; may be `${stageVariables.vpcLinkId}`.' },
  {
    name: 'credentials',
    forTypes: BACKEND_INTEGRATION_TYPES,
    // The apigatewayv2 reference: the credentials are for calling AWS; HTTP integrations do not use them.
    forTypesIn: { http: ['aws_proxy'] },
    type: 'string',
    doc: 'The IAM role API Gateway assumes to call the backend (`arn:aws:iam::ACCOUNT:role/NAME`, or `arn:aws:iam::ACCOUNT:${stageVariables.NAME}` with the role part in a stage variable), or `arn:aws:iam::*:user/*` to call with the caller\'s own credentials.',
    examples: ['arn:aws:iam::*:user/*'],
    pattern: `${IAM_ROLE_ARN}|${IAM_STAGE_VARIABLE_ARN}|^arn:aws[a-z-]*:iam::\\*:user/\\*$`,
    patternMessage: 'an IAM role ARN (`arn:aws:iam::ACCOUNT:role/NAME` or `arn:aws:iam::ACCOUNT:${stageVariables.NAME}`) or `arn:aws:iam::*:user/*` (the caller\'s own credentials)',
    patternCode: 'invalid-arn',
  },
  {
    name: 'requestParameters',
    type: 'map',
    doc: [
      'Values to send to the backend.',
      '- REST: keys `integration.request.{path|querystring|header}.NAME`; values `method.request.{path|querystring|multivaluequerystring|header|multivalueheader}.NAME`, `method.request.body[.JSONPath]`, `stageVariables.NAME`, `context.NAME` or a single-quoted static value.',
      '- HTTP APIs: keys `{append|overwrite|remove}:{header|querystring}.NAME` or `overwrite:path`; values `$request.header.NAME`, `$request.querystring.NAME`, `$request.body.JSONPath`, `$request.path[.NAME]`, `$context.NAME`, `$stageVariables.NAME` or static text. With `integrationSubtype` the keys are the service action\'s parameters.',
    ].join('\n'),
    docsUrl: extensionPage('integration-requestParameters'),
    keyDoc: 'The integration request parameter to set.',
    // YAML writers leave `true` or `5` unquoted. The shape takes them, so that the mapping rule can say what the REST
    // import does with them: it leaves them out with a warning (LocalStack's import tests, recorded against AWS).
    values: { type: ['string', 'number', 'boolean'], doc: 'Where the value comes from.' },
  },
  {
    name: 'requestTemplates',
    // HTTP APIs have only proxy integrations, which pass the request through untransformed.
    dialects: ['rest'],
    forTypes: MAPPING_INTEGRATION_TYPES,
    ...mappingTemplates('Request', '`Content-Type` of the request (`application/json` when absent)', REQUEST_TEMPLATE_UNMATCHED),
    docsUrl: extensionPage('integration-requestTemplates'),
  },
  {
    name: 'passthroughBehavior',
    type: 'string',
    // The apigatewayv2 model supports it for WebSocket APIs only; HTTP APIs do not map requests.
    dialects: ['rest'],
    doc: 'What happens to a request body whose Content-Type has no request template. Case-insensitive.',
    enum: ['when_no_match', 'when_no_templates', 'never'],
    caseInsensitive: true,
    enumDocs: {
      when_no_match: 'Pass the body through unchanged when no template matches its Content-Type.',
      when_no_templates: 'Pass through only when no templates are defined at all; otherwise an unmatched Content-Type gets 415.',
      never: 'Never pass through: an unmatched Content-Type gets 415 Unsupported Media Type.',
    },
  },
  { name: 'contentHandling', ...contentHandling, dialects: ['rest'] },
  {
    name: 'timeoutInMillis',
    type: 'integer',
    doc: 'How long API Gateway waits for the backend, in milliseconds: from 50 to 29,000 for REST APIs (Regional and private APIs can raise the quota; streamed responses allow up to 15 minutes), at most 30,000 for HTTP APIs.',
    minimum: 50,
    examples: [29000],
  },
  {
    name: 'cacheKeyParameters',
    type: 'array',
    dialects: ['rest'],
    doc: 'Request parameters whose values become part of the cache key, e.g. `method.request.path.id`.',
    items: { type: 'string', doc: 'A method request parameter such as `method.request.querystring.page`.' },
  },
  { name: 'cacheNamespace', type: 'string', dialects: ['rest'], doc: 'A cache group shared by related resources; defaults to the resource id.' },
  {
    name: 'responses',
    type: 'map',
    dialects: ['rest'],
    forTypes: MAPPING_INTEGRATION_TYPES,
    doc: 'Integration responses of a non-proxy REST integration. Each key is a Java regular expression matched against the backend status code (HTTP) or the Lambda error message (AWS), or `default`. Proxy integrations ignore it.',
    docsUrl: RESPONSES_URL,
    keyDoc: 'A Java regular expression, or `default` for results nothing else matches (including successful Lambda calls).',
    values: integrationResponse,
    examples: RESPONSE_KEY_EXAMPLES,
  },
  {
    name: 'responseParameters',
    type: 'map',
    dialects: ['http'],
    doc: 'HTTP APIs: changes API Gateway makes to the backend\'s response before it reaches the client, grouped by the response\'s status code (200–599). Keys of each group: `{append|overwrite|remove}:header.NAME` or `overwrite:statuscode`; values `$response.header.NAME`, `$response.body.JSONPath`, `$context.NAME`, `$stageVariables.NAME` or static text.',
    docsUrl: guidePage('http-api-parameter-mapping'),
    keyDoc: 'The status code of the backend response these mappings apply to, 200–599.',
    keyPattern: '^[2-5]\\d\\d$',
    examples: ['200', '404', '500'],
    values: {
      type: 'map',
      doc: 'The mappings applied to backend responses with this status code.',
      keyDoc: '`{append|overwrite|remove}:header.NAME`, or `overwrite:statuscode` to change the status code.',
      keyPattern: '^((append|overwrite|remove):header\\.\\S+|overwrite:statuscode)$',
      examples: ['overwrite:statuscode'],
      values: { type: ['string', 'number'], doc: 'The new value: `$response.header.NAME`, `$response.body.JSONPath`, `$context.NAME`, `$stageVariables.NAME`, static text, or several of them in `${…}`.' },
    },
  },
  tlsConfig,
  {
    name: 'payloadFormatVersion',
    type: ['string', 'number'],
    required: ['http'],
    missingAdvice: 'Write "2.0" (or "1.0") for a Lambda proxy integration, "1.0" for any other.',
    dialects: ['http'],
    doc: 'HTTP APIs: the shape of the event sent to Lambda and of the response expected back. `2.0` only for Lambda proxy integrations; everything else uses `1.0`.',
    enum: ['1.0', '2.0'],
    enumDocs: { '1.0': 'The REST-compatible event format.', '2.0': 'The simplified HTTP API event format (Lambda proxy only).' },
  },
  {
    name: 'integrationSubtype',
    type: 'string',
    dialects: ['http'],
    // An AWS service action stands where the Lambda function of a Lambda proxy integration would.
    forTypes: ['aws_proxy'],
    doc: 'HTTP APIs, `AWS_PROXY`: the AWS service action called directly, without a Lambda function. `requestParameters` then carry the action\'s parameters.',
    docsUrl: guidePage('http-api-develop-integrations-aws-services-reference'),
    enum: INTEGRATION_SUBTYPES,
    enumDocs: SUBTYPE_DOCS,
  },
  {
    name: 'responseTransferMode',
    type: 'string',
    dialects: ['rest'],
    forTypes: PROXY_INTEGRATION_TYPES,
    doc: 'REST proxy integrations: return the backend response in one piece (`BUFFERED`, the default) or stream it (`STREAM`). Streaming excludes caching, content encoding and response mapping templates.',
    docsUrl: guidePage('response-transfer-mode'),
    enum: ['BUFFERED', 'STREAM'],
    enumDocs: { BUFFERED: 'Wait for the whole backend response (the default).', STREAM: 'Send the response to the client as it arrives; allows timeouts up to 15 minutes.' },
  },
  {
    name: 'integrationTarget',
    type: 'string',
    dialects: ['rest'],
    doc: 'REST private integrations: the Application Load Balancer listener ARN to call. (Listed in the SDK models; not yet described on the extension page.)',
  },
  {
    name: '$ref',
    type: 'string',
    dialects: ['http'],
    doc: 'HTTP APIs: reuse an integration declared under `components/x-amazon-apigateway-integrations`.',
    pattern: '^#/components/x-amazon-apigateway-integrations/[^/]+$',
    patternMessage: 'a reference to `#/components/x-amazon-apigateway-integrations/NAME`',
  },
];

/** The integration object, shared by the operation-level extension and the reusable HTTP API integrations. */
export const INTEGRATION_OBJECT: ValueSpec = {
  type: 'object',
  doc: 'The backend of an API method: what API Gateway calls and how requests and responses are mapped.',
  docsUrl: INTEGRATION_URL,
  additionalFields: false,
  fields: integrationFields,
};

export const INTEGRATION_EXTENSIONS: ExtensionSpec[] = [
  {
    ...INTEGRATION_OBJECT,
    name: 'x-amazon-apigateway-integration',
    summary: 'The backend integration of this method',
    doc: '**The backend integration of this method.** What API Gateway calls (Lambda, an HTTP endpoint, an AWS service or a mock) and how the request and response are mapped.\n\n`type` is required; HTTP APIs also need `payloadFormatVersion`.',
    placements: ['operation'],
    dialects: ['rest', 'http'],
    docsUrl: INTEGRATION_URL,
  },
  {
    name: 'x-amazon-apigateway-any-method',
    summary: 'The catch-all ANY method of this path',
    doc: '**The catch-all `ANY` method.** An Operation object that handles every HTTP method of the path that no explicit method handles.',
    type: 'object',
    placements: ['pathItem'],
    dialects: ['rest', 'http'],
    docsUrl: extensionPage('any-method'),
    additionalFields: true,
    fields: [
      {
        name: 'isDefaultRoute',
        type: 'boolean',
        dialects: ['http'],
        doc: 'HTTP APIs: marks this as the `$default` route that catches requests no other route matches.',
      },
    ],
  },
  {
    name: 'x-amazon-apigateway-integrations',
    summary: 'Reusable HTTP API integrations',
    doc: '**Reusable integrations (HTTP APIs).** A map from a name to an integration object; operations point to one with `$ref: "#/components/x-amazon-apigateway-integrations/NAME"`.',
    type: 'map',
    placements: ['components'],
    dialects: ['http'],
    docsUrl: guidePage('api-gateway-extensions-integrations'),
    keyDoc: 'The integration\'s name, used in `$ref`s.',
    values: { ...INTEGRATION_OBJECT, fields: integrationFields.filter((f) => f.name !== '$ref') },
  },
];

