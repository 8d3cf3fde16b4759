import type { ExtensionSpec, FieldSpec, ValueSpec } from '../extensionTypes';
import { extensionPage, guidePage } from './docsUrls';
import { BINARY_MEDIA_TYPE_PATTERN, MEDIA_TYPE_FORM } from '../mediaTypes';

/** Location types of a documentation part (DocumentationPartLocation in the API Gateway API). */
export const DOCUMENTATION_LOCATION_TYPES = [
  'API',
  'AUTHORIZER',
  'MODEL',
  'RESOURCE',
  'METHOD',
  'PATH_PARAMETER',
  'QUERY_PARAMETER',
  'REQUEST_HEADER',
  'REQUEST_BODY',
  'RESPONSE',
  'RESPONSE_HEADER',
  'RESPONSE_BODY',
];

export const MAX_COMPRESSION_SIZE = 10485760;

const stringList = (doc: string, itemDoc: string) => ({ type: 'array' as const, doc, items: { type: 'string' as const, doc: itemDoc } });

/**
 * The elements of a resource policy statement, as IAM's policy grammar has them: API Gateway refuses a policy IAM
 * does not parse ("Invalid policy document"). An element that takes several forms (a string or a list, `"*"` or a
 * map) takes any here.
 */
const POLICY_STATEMENT_FIELDS: FieldSpec[] = [
  { name: 'Sid', type: 'string', doc: 'An optional label telling the statement apart from the others.' },
  {
    name: 'Effect',
    type: 'string',
    required: true,
    doc: 'What the statement does to the requests it matches: `Allow` them or `Deny` them. Letter case counts; a matching `Deny` wins over every `Allow`.',
    enum: ['Allow', 'Deny'],
  },
  { name: 'Principal', type: 'any', doc: 'Whose requests the statement matches: `"*"` for anyone, or a map such as `{"AWS": ["arn:aws:iam::ACCOUNT:root"]}`.', examples: ['*'] },
  { name: 'NotPrincipal', type: 'any', doc: 'Matches the requests of everyone except these principals.' },
  { name: 'Action', type: 'any', doc: 'The calls the statement matches, one or a list; for API Gateway `execute-api:Invoke`.', examples: ['execute-api:Invoke'] },
  { name: 'NotAction', type: 'any', doc: 'Matches every call except these.' },
  {
    name: 'Resource',
    type: 'any',
    doc: 'The methods the statement matches, one or a list: `execute-api:/STAGE/METHOD/PATH`, with `*` wildcards, which the import turns into this API\'s ARN.',
    examples: ['execute-api:/*'],
  },
  { name: 'NotResource', type: 'any', doc: 'Matches every method except these.' },
  { name: 'Condition', type: 'object', doc: 'When the statement applies: condition operators (`IpAddress`, `StringEquals`, …) mapping keys such as `aws:SourceIp` or `aws:SourceVpce` to values.' },
];

/**
 * A statement names the calls it matches and, in a resource policy, whose calls: each with the element or with its
 * `Not` form, never both (IAM's grammar). Which methods it matches it may leave out.
 */
const POLICY_STATEMENT_EXCLUSIVE = [
  { names: ['Action', 'NotAction'], required: true },
  { names: ['Principal', 'NotPrincipal'], required: true },
  { names: ['Resource', 'NotResource'] },
];

const POLICY_STATEMENT: ValueSpec = { type: 'object', doc: 'One statement.', additionalFields: true, fields: POLICY_STATEMENT_FIELDS, exclusiveFields: POLICY_STATEMENT_EXCLUSIVE };

/**
 * Methods an HTTP API CORS configuration may allow, `*` for all. API Gateway refuses others ("Method ANY is not
 * supported"); which letter case it takes is not documented, so any is accepted.
 */
export const CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*'];

export const API_SETTINGS_EXTENSIONS: ExtensionSpec[] = [
  {
    name: 'x-amazon-apigateway-api-key-source',
    summary: 'Where API keys for usage plans come from',
    doc: '**Source of API keys** for usage plans.',
    type: 'string',
    placements: ['root'],
    dialects: ['rest'],
    docsUrl: extensionPage('api-key-source'),
    enum: ['HEADER', 'AUTHORIZER'],
    enumDocs: {
      HEADER: 'Read the key from the `X-API-Key` request header.',
      AUTHORIZER: 'Take the key from the `usageIdentifierKey` returned by a Lambda authorizer.',
    },
  },
  {
    name: 'x-amazon-apigateway-binary-media-types',
    summary: 'Media types treated as binary',
    doc: '**Binary media types.** Content types API Gateway handles as binary payloads, e.g. `image/png` or `*/*` for everything.',
    type: 'array',
    placements: ['root'],
    dialects: ['rest'],
    docsUrl: extensionPage('binary-media-types'),
    items: {
      type: 'string',
      doc: 'A MIME type; `*` wildcards are allowed (`image/*`, `*/*`), and `/` may be written `~1` as CloudFormation writes it.',
      examples: ['*/*', 'image/*', 'application/octet-stream'],
      pattern: BINARY_MEDIA_TYPE_PATTERN,
      patternMessage: MEDIA_TYPE_FORM,
      patternCode: 'invalid-media-type',
      patternConsequence: 'API Gateway compares binary media types with the Content-Type and Accept headers, which never name it, so it makes no payload binary.',
    },
  },
  {
    name: 'x-amazon-apigateway-cors',
    summary: 'CORS configuration of an HTTP API',
    doc: '**CORS for an HTTP API.** API Gateway answers preflight `OPTIONS` requests and adds the CORS headers itself.',
    type: 'object',
    placements: ['root'],
    dialects: ['http'],
    docsUrl: extensionPage('cors-configuration'),
    additionalFields: false,
    fields: [
      { name: 'allowOrigins', ...stringList('Origins allowed to call the API; `*` for any (not with `allowCredentials: true`), `https://*` or `http://*` for any of that scheme.', 'An origin such as `https://example.com`.') },
      { name: 'allowCredentials', type: 'boolean', doc: 'Whether credentials (cookies, authorization headers) may be sent. API Gateway refuses `true` when `allowOrigins` holds `*`: list the origins instead.' },
      { name: 'exposeHeaders', ...stringList('Response headers the browser may expose to scripts.', 'A header name.') },
      { name: 'maxAge', type: 'integer', doc: 'How long, in seconds, browsers may cache the preflight result; -1 turns caching off.', minimum: -1, maximum: 86400 },
      {
        name: 'allowMethods',
        type: 'array',
        doc: 'HTTP methods allowed; `*` for any (`ANY` is not accepted here).',
        items: { type: 'string', doc: 'An HTTP method, or `*` for any.', enum: CORS_METHODS, caseInsensitive: true },
      },
      { name: 'allowHeaders', ...stringList('Request headers allowed; `*` for any.', 'A header name.') },
    ],
  },
  {
    name: 'x-amazon-apigateway-documentation',
    summary: 'Documentation parts of the API',
    doc: '**API documentation parts**, imported as DocumentationPart resources. At most 2000 parts per API.',
    type: 'object',
    placements: ['root'],
    dialects: ['rest'],
    docsUrl: extensionPage('documentation'),
    additionalFields: false,
    fields: [
      { name: 'version', type: 'string', doc: 'The documentation version.' },
      { name: 'createdDate', type: 'string', doc: 'When the documentation version was created; written by API Gateway exports and ignored on import.' },
      {
        name: 'documentationParts',
        type: 'array',
        doc: 'The documentation parts.',
        items: {
          type: 'object',
          doc: 'One documentation part: where it applies and its content.',
          additionalFields: false,
          fields: [
            {
              name: 'location',
              type: 'object',
              required: true,
              doc: 'The API entity the part documents.',
              additionalFields: false,
              fields: [
                { name: 'type', type: 'string', required: true, doc: 'The kind of entity.', enum: DOCUMENTATION_LOCATION_TYPES },
                { name: 'path', type: 'string', doc: 'The resource path, e.g. `/pets/{petId}`.' },
                { name: 'method', type: 'string', doc: 'The HTTP method, or `*`.' },
                { name: 'statusCode', type: 'string', doc: 'The response status code, or `*`.' },
                { name: 'name', type: 'string', doc: 'The parameter, header, model or authorizer name.' },
              ],
            },
            { name: 'properties', type: 'object', required: true, doc: 'The documentation content: a JSON object such as `{"description": "..."}`.', additionalFields: true },
          ],
        },
      },
    ],
  },
  {
    name: 'x-amazon-apigateway-endpoint-configuration',
    summary: 'Endpoint settings (default endpoint, VPC endpoints, IP address type)',
    doc: '**Endpoint configuration.** At the root in Swagger 2.0; in a Server object in OpenAPI 3.',
    type: 'object',
    placements: ['root', 'server'],
    placementsByVersion: { swagger: ['root'], openapi: ['server'] },
    dialects: ['rest', 'http'],
    docsUrl: extensionPage('endpoint-configuration'),
    additionalFields: false,
    fields: [
      { name: 'disableExecuteApiEndpoint', type: 'boolean', doc: '`true` makes clients use a custom domain name: the default `execute-api` endpoint is turned off.' },
      {
        name: 'vpcEndpointIds',
        dialects: ['rest'],
        ...stringList('REST APIs of the PRIVATE endpoint type: VPC endpoints that get Route 53 alias records for the API.', 'A VPC endpoint id such as `vpce-0123456789abcdef0`.'),
      },
      {
        name: 'ipAddressType',
        type: 'string',
        dialects: ['http'],
        doc: 'HTTP APIs: which IP address types may call the API.',
        enum: ['ipv4', 'dualstack'],
        enumDocs: { ipv4: 'IPv4 only.', dualstack: 'IPv4 and IPv6.' },
      },
    ],
  },
  {
    name: 'x-amazon-apigateway-endpoint-access-mode',
    summary: 'Endpoint access mode required by enhanced security policies',
    doc: '**Endpoint access mode** of a REST API. Required when `x-amazon-apigateway-security-policy` is an enhanced policy (`SecurityPolicy_*`).',
    type: 'string',
    placements: ['root'],
    dialects: ['rest'],
    docsUrl: guidePage('openapi-extensions-endpoint-access-mode'),
    enum: ['BASIC', 'STRICT'],
    enumDocs: {
      BASIC: 'The usual access checks.',
      STRICT: 'Additional governance: requests must reach the API through the endpoint type and security policy it is configured for.',
    },
  },
  {
    name: 'x-amazon-apigateway-security-policy',
    summary: 'TLS security policy of a REST API',
    doc: '**TLS security policy** (minimum TLS version and cipher suites) of a REST API. `TLS_1_0` and `TLS_1_2` are the legacy policies; enhanced policies start with `SecurityPolicy_` and need `x-amazon-apigateway-endpoint-access-mode`.',
    type: 'string',
    placements: ['root'],
    dialects: ['rest'],
    docsUrl: guidePage('openapi-extensions-security-policy'),
    pattern: '^(TLS_1_0|TLS_1_2|SecurityPolicy_[A-Za-z0-9_]+)$',
    patternMessage: '`TLS_1_0`, `TLS_1_2` or an enhanced policy named `SecurityPolicy_...`',
    examples: ['TLS_1_2', 'SecurityPolicy_TLS13_1_3_2025_09', 'SecurityPolicy_TLS13_1_2_2021_06'],
  },
  {
    name: 'x-amazon-apigateway-importexport-version',
    summary: 'HTTP API import/export algorithm version',
    doc: '**Import/export algorithm version** of an HTTP API. The only version is `1.0`.',
    type: 'string',
    placements: ['root'],
    dialects: ['http'],
    docsUrl: guidePage('api-gateway-extensions-importexport-version'),
    enum: ['1.0'],
  },
  {
    name: 'x-amazon-apigateway-minimum-compression-size',
    summary: 'Smallest response size that gets compressed',
    doc: '**Minimum compression size**: responses at least this many bytes long are compressed when the client accepts it (0 to 10,485,760; leave out to turn compression off).',
    type: 'integer',
    placements: ['root'],
    dialects: ['rest'],
    docsUrl: guidePage('api-gateway-openapi-minimum-compression-size'),
    minimum: 0,
    maximum: MAX_COMPRESSION_SIZE,
    examples: [1024],
  },
  {
    name: 'x-amazon-apigateway-policy',
    summary: 'Resource policy of the REST API',
    doc: '**Resource policy** of a REST API: an IAM policy document. `execute-api:/*` in a resource is expanded to this API\'s ARN on import. At most 8192 characters.',
    type: 'object',
    placements: ['root'],
    dialects: ['rest'],
    docsUrl: guidePage('openapi-extensions-policy'),
    additionalFields: true,
    fields: [
      { name: 'Version', type: 'string', doc: 'The policy language version.', enum: ['2012-10-17', '2008-10-17'] },
      { name: 'Id', type: 'string', doc: 'An optional policy id.' },
      {
        name: 'Statement',
        type: ['array', 'object'],
        required: true,
        doc: 'The policy statements (`Effect`, `Principal`, `Action`, `Resource`, `Condition`).',
        items: POLICY_STATEMENT,
        // A policy of one statement may write it without the list.
        fields: POLICY_STATEMENT_FIELDS,
        exclusiveFields: POLICY_STATEMENT_EXCLUSIVE,
        additionalFields: true,
      },
    ],
  },
  {
    name: 'x-amazon-apigateway-request-validators',
    summary: 'Named request validators',
    doc: '**Request validators**, by name. Select one for the whole API or per method with `x-amazon-apigateway-request-validator`.',
    type: 'map',
    placements: ['root'],
    dialects: ['rest'],
    docsUrl: extensionPage('request-validators'),
    keyDoc: 'The validator\'s name.',
    values: {
      type: 'object',
      doc: 'What the validator checks.',
      docsUrl: extensionPage('request-validators.requestValidator'),
      additionalFields: false,
      fields: [
        { name: 'validateRequestBody', type: 'boolean', doc: 'Check the body against the method\'s request model.' },
        { name: 'validateRequestParameters', type: 'boolean', doc: 'Check that required query parameters, headers and path parameters are present.' },
      ],
    },
  },
  {
    name: 'x-amazon-apigateway-request-validator',
    summary: 'The request validator to use',
    doc: '**The request validator** for the API (at the root) or for one method (overrides the root). Must name a key of `x-amazon-apigateway-request-validators`.',
    type: 'string',
    placements: ['root', 'operation'],
    dialects: ['rest'],
    docsUrl: extensionPage('request-validator'),
  },
  {
    name: 'x-amazon-apigateway-tag-value',
    summary: 'Value of an HTTP API tag',
    doc: '**The value of a tag** of an HTTP API. A tag without it gets an empty value.',
    type: 'string',
    placements: ['tag'],
    dialects: ['http'],
    docsUrl: guidePage('api-gateway-openapi-extensions-x-amazon-apigateway-tag-value'),
  },
];
