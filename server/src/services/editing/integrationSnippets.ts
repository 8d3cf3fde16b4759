import type { Dialect } from '../../model/dialect';

export interface IntegrationSnippet {
  label: string;
  detail: string;
  value: Record<string, unknown>;
  dialects: Dialect[];
}

/** Import-time variables keep the snippets account- and region-neutral (import-api-aws-variables). */
const LAMBDA_ARN = 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:FUNCTION_NAME';
const LAMBDA_INVOKE_URI = `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/${LAMBDA_ARN}/invocations`;

/**
 * Starting points for a whole `x-amazon-apigateway-integration`, one per common backend. The status codes their
 * integration responses map to are declared as method responses when the snippet is inserted (see
 * `mappedStatusCodes`).
 */
export const INTEGRATION_SNIPPETS: IntegrationSnippet[] = [
  {
    label: 'Lambda proxy (aws_proxy)',
    detail: 'The function receives the whole request and returns the response',
    dialects: ['rest'],
    value: { type: 'aws_proxy', httpMethod: 'POST', uri: LAMBDA_INVOKE_URI, passthroughBehavior: 'when_no_match' },
  },
  {
    label: 'Lambda custom (aws)',
    detail: 'Request and response mapped by templates',
    dialects: ['rest'],
    value: {
      type: 'aws',
      httpMethod: 'POST',
      uri: LAMBDA_INVOKE_URI,
      passthroughBehavior: 'when_no_templates',
      requestTemplates: { 'application/json': "{\"body\": $input.json('$')}" },
      responses: {
        default: { statusCode: '200', responseTemplates: { 'application/json': "$input.json('$')" } },
        // escapeJavaScript writes ' as \', which JSON does not allow: the documented replaceAll undoes it.
        '.*Error.*': { statusCode: '500', responseTemplates: { 'application/json': String.raw`{"message": "$util.escapeJavaScript($input.path('$.errorMessage')).replaceAll("\\'","'")"}` } },
      },
    },
  },
  {
    label: 'HTTP (http)',
    detail: 'An HTTP backend with mapped responses',
    dialects: ['rest'],
    value: { type: 'http', httpMethod: 'GET', uri: 'https://example.com/', passthroughBehavior: 'when_no_match', responses: { default: { statusCode: '200' } } },
  },
  {
    label: 'HTTP proxy (http_proxy)',
    detail: 'The request and response pass through unchanged',
    dialects: ['rest'],
    value: { type: 'http_proxy', httpMethod: 'ANY', uri: 'https://example.com/', passthroughBehavior: 'when_no_match' },
  },
  {
    label: 'Mock (mock)',
    detail: 'No backend: the integration response answers',
    dialects: ['rest'],
    value: {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{}' } } },
    },
  },
  {
    label: 'Lambda proxy, payload 2.0 (AWS_PROXY)',
    detail: 'The function receives the whole request and returns the response, in payload format 2.0',
    dialects: ['http'],
    value: { type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_ARN, payloadFormatVersion: '2.0' },
  },
  {
    label: 'HTTP proxy (HTTP_PROXY)',
    detail: 'The request and response pass through unchanged',
    dialects: ['http'],
    value: { type: 'HTTP_PROXY', httpMethod: 'ANY', uri: 'https://example.com/', payloadFormatVersion: '1.0' },
  },
];

/** The status codes a snippet's integration responses answer with, each once. */
export function mappedStatusCodes(snippet: IntegrationSnippet): string[] {
  const responses = (snippet.value.responses ?? {}) as Record<string, { statusCode?: unknown }>;
  return [...new Set(Object.values(responses).map((r) => String(r.statusCode ?? '')).filter((code) => /^\d{3}$/.test(code)))];
}
