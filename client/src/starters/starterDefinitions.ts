import { INTEGRATION_SNIPPETS } from '../../../server/src/services/editing/integrationSnippets';

/** The API kinds a new definition can start as; API Gateway imports both from OpenAPI 3.0. */
export type StarterKind = 'rest' | 'http';

/** The first integration of a new definition. */
export type StarterIntegration = 'lambda' | 'httpProxy' | 'mock' | 'awsService';

export interface StarterChoice<T extends string> {
  id: T;
  label: string;
  detail: string;
}

export const STARTER_KINDS: StarterChoice<StarterKind>[] = [
  { id: 'rest', label: 'REST API', detail: 'OpenAPI 3.0 for API Gateway REST APIs: mapping templates, mock integrations, request validation' },
  { id: 'http', label: 'HTTP API', detail: 'OpenAPI 3.0 for API Gateway HTTP APIs: Lambda payload format 2.0, lower cost and latency' },
];

/** A comment placed above a key of the generated YAML, found by its path from the document's root. */
export interface StarterComment {
  path: string[];
  text: string;
}

export interface StarterDefinition {
  integration: StarterIntegration;
  label: string;
  detail: string;
  document: Record<string, unknown>;
  comments: StarterComment[];
  /** What the editor selects on opening: the first value the user has to replace. */
  placeholder: string;
}

/**
 * The integration values come from the snippets the language server completes, so that a new definition and a
 * completed integration read the same; only the backends those snippets leave out (AWS services) are written here.
 */
function snippetValue(dialect: StarterKind, type: string): Record<string, unknown> {
  const snippet = INTEGRATION_SNIPPETS.find((s) => s.dialects.includes(dialect) && s.value.type === type);
  if (!snippet) throw new Error(`no ${dialect} integration snippet of type ${type}`);
  return structuredClone(snippet.value);
}

/** A comment's lines, short enough to read beside the YAML's indentation without scrolling. */
function comment(...lines: string[]): string {
  return lines.map((line) => ` ${line}`).join('\n');
}

const TITLE_COMMENT = comment('The API\'s name in API Gateway: deploy creates or updates', 'the API of this name.');
const LAMBDA_URI_COMMENT = comment(
  'Replace FUNCTION_NAME with your function\'s name; API Gateway',
  'fills in the region and account on import. To run it locally,',
  'map the name to a handler in .apigateway/local.json.',
);
const INTEGRATION = 'x-amazon-apigateway-integration';

function definition(title: string, path: string, method: string, operation: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: '3.0.1', info: { title, version: '1.0' }, paths: { [path]: { [method]: operation } }, ...extra };
}

function restStarters(): StarterDefinition[] {
  const ok = { '200': { description: 'OK' } };
  const mock = snippetValue('rest', 'mock');
  // The snippet's empty response body shows nothing worth evaluating; this one reads the request and its context.
  (mock.responses as { default: { responseTemplates: Record<string, string> } }).default.responseTemplates = {
    'application/json': '{\n  "message": "Hello, world",\n  "requestId": "$context.requestId"\n}\n',
  };
  const at = (path: string, method: string) => ['paths', path, method, INTEGRATION];
  return [
    {
      integration: 'lambda',
      label: 'Lambda proxy',
      detail: 'A Lambda function receives the whole request and returns the response',
      document: definition('my-rest-api', '/hello', 'get', { operationId: 'getHello', responses: ok, [INTEGRATION]: snippetValue('rest', 'aws_proxy') }),
      comments: [
        { path: ['info', 'title'], text: TITLE_COMMENT },
        { path: [...at('/hello', 'get'), 'uri'], text: LAMBDA_URI_COMMENT },
        { path: [...at('/hello', 'get'), 'httpMethod'], text: comment('Lambda is called with POST, whatever the method of the request.') },
      ],
      placeholder: 'FUNCTION_NAME',
    },
    {
      integration: 'httpProxy',
      label: 'HTTP proxy',
      detail: 'Requests and responses pass through to an HTTP backend unchanged',
      document: definition('my-rest-api', '/hello', 'get', { operationId: 'getHello', responses: ok, [INTEGRATION]: snippetValue('rest', 'http_proxy') }),
      comments: [
        { path: ['info', 'title'], text: TITLE_COMMENT },
        { path: [...at('/hello', 'get'), 'uri'], text: comment('The URL of your backend.') },
      ],
      placeholder: 'https://example.com/',
    },
    {
      integration: 'mock',
      label: 'Mock with a mapping template',
      detail: 'No backend: a response template writes the answer',
      document: definition('my-rest-api', '/hello', 'get', { operationId: 'getHello', responses: ok, [INTEGRATION]: mock }),
      comments: [
        { path: ['info', 'title'], text: TITLE_COMMENT },
        { path: [...at('/hello', 'get'), 'requestTemplates'], text: comment('A mock integration answers with the status code this writes.') },
        { path: [...at('/hello', 'get'), 'responses', 'default', 'responseTemplates'], text: comment('The response body. Put the cursor in the template and run', '"Evaluate Mapping Template" to see what it renders.') },
      ],
      placeholder: 'Hello, world',
    },
    {
      integration: 'awsService',
      label: 'AWS service: DynamoDB PutItem',
      detail: 'A request template turns the request body into a DynamoDB item',
      document: definition('my-rest-api', '/items', 'post', {
        operationId: 'putItem',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
        },
        responses: ok,
        [INTEGRATION]: {
          type: 'aws',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:${AWS::Region}:dynamodb:action/PutItem',
          credentials: 'arn:aws:iam::${AWS::AccountId}:role/ROLE_NAME',
          passthroughBehavior: 'when_no_templates',
          requestTemplates: {
            'application/json': [
              '{',
              '  "TableName": "TABLE_NAME",',
              '  "Item": {',
              '    "id": { "S": "$context.requestId" },',
              '    "name": { "S": "$util.escapeJavaScript($input.path(\'$.name\')).replaceAll("\\\\\'","\'")" }',
              '  }',
              '}',
              '',
            ].join('\n'),
          },
          responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"id": "$context.requestId"}' } } },
        },
      }),
      comments: [
        { path: ['info', 'title'], text: TITLE_COMMENT },
        { path: [...at('/items', 'post'), 'credentials'], text: comment('A role API Gateway assumes to call DynamoDB: it needs', 'dynamodb:PutItem on the table. Replace ROLE_NAME.') },
        { path: [...at('/items', 'post'), 'requestTemplates'], text: comment('Replace TABLE_NAME with your table\'s name;', '"id" must be its partition key.') },
      ],
      placeholder: 'ROLE_NAME',
    },
  ];
}

function httpStarters(): StarterDefinition[] {
  const ok = { '200': { description: 'OK' } };
  // HTTP APIs export this key, and its presence tells the language server and deploy which kind of API this is.
  const extra = { 'x-amazon-apigateway-importexport-version': '1.0' };
  const at = (path: string, method: string) => ['paths', path, method, INTEGRATION];
  return [
    {
      integration: 'lambda',
      label: 'Lambda proxy, payload format 2.0',
      detail: 'A Lambda function receives the request as a version 2.0 event',
      document: definition('my-http-api', '/hello', 'get', { operationId: 'getHello', responses: ok, [INTEGRATION]: snippetValue('http', 'AWS_PROXY') }, extra),
      comments: [
        { path: ['info', 'title'], text: TITLE_COMMENT },
        { path: [...at('/hello', 'get'), 'uri'], text: LAMBDA_URI_COMMENT },
      ],
      placeholder: 'FUNCTION_NAME',
    },
    {
      integration: 'httpProxy',
      label: 'HTTP proxy',
      detail: 'Requests and responses pass through to an HTTP backend',
      document: definition('my-http-api', '/hello', 'get', { operationId: 'getHello', responses: ok, [INTEGRATION]: snippetValue('http', 'HTTP_PROXY') }, extra),
      comments: [
        { path: ['info', 'title'], text: TITLE_COMMENT },
        { path: [...at('/hello', 'get'), 'uri'], text: comment('The URL of your backend.') },
      ],
      placeholder: 'https://example.com/',
    },
    {
      integration: 'awsService',
      label: 'AWS service: SQS SendMessage',
      detail: 'The request body becomes a message on an SQS queue (HTTP APIs have no mapping templates)',
      document: definition('my-http-api', '/messages', 'post', {
        operationId: 'sendMessage',
        responses: ok,
        [INTEGRATION]: {
          type: 'aws_proxy',
          integrationSubtype: 'SQS-SendMessage',
          credentials: 'arn:aws:iam::${AWS::AccountId}:role/ROLE_NAME',
          requestParameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/QUEUE_NAME', MessageBody: '$request.body' },
          payloadFormatVersion: '1.0',
        },
      }, extra),
      comments: [
        { path: ['info', 'title'], text: TITLE_COMMENT },
        { path: [...at('/messages', 'post'), 'credentials'], text: comment('A role API Gateway assumes to call SQS: it needs', 'sqs:SendMessage on the queue. Replace ROLE_NAME.') },
        { path: [...at('/messages', 'post'), 'requestParameters'], text: comment('Replace the QueueUrl with your queue\'s URL.') },
      ],
      placeholder: 'ROLE_NAME',
    },
  ];
}

/** The integrations a new definition of `kind` can start with: HTTP APIs have no mock integration. */
export function startersFor(kind: StarterKind): StarterDefinition[] {
  return kind === 'rest' ? restStarters() : httpStarters();
}
