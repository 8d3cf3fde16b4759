import type { ExtensionSpec } from '../extensionTypes';
import { extensionPage } from './docsUrls';
import { STATUS_CODE_PATTERN } from '../statusCodes';
import { RESPONSE_TEMPLATE_UNMATCHED, templateKeys } from '../mediaTypes';

/** Gateway response types and their default status codes (supported-gateway-response-types). */
export const GATEWAY_RESPONSE_TYPES: Record<string, { status?: string; doc: string }> = {
  ACCESS_DENIED: { status: '403', doc: 'Authorization failed, e.g. a Lambda or Cognito authorizer denied access.' },
  API_CONFIGURATION_ERROR: { status: '500', doc: 'The API configuration is invalid (bad backend address, failed Base64 decoding of binary content, ...).' },
  AUTHORIZER_CONFIGURATION_ERROR: { status: '500', doc: 'The authorizer could not be reached or called.' },
  AUTHORIZER_FAILURE: { status: '500', doc: 'The authorizer failed to authenticate the caller.' },
  BAD_REQUEST_PARAMETERS: { status: '400', doc: 'A required request parameter failed validation.' },
  BAD_REQUEST_BODY: { status: '400', doc: 'The request body failed model validation.' },
  DEFAULT_4XX: { doc: 'Any 4xx gateway response without a response of its own.' },
  DEFAULT_5XX: { doc: 'Any 5xx gateway response without a response of its own.' },
  EXPIRED_TOKEN: { status: '403', doc: 'An AWS authentication token has expired.' },
  INTEGRATION_FAILURE: { status: '504', doc: 'The integration failed.' },
  INTEGRATION_TIMEOUT: { status: '504', doc: 'The integration timed out.' },
  INVALID_API_KEY: { status: '403', doc: 'The API key is invalid for a method that requires one.' },
  INVALID_SIGNATURE: { status: '403', doc: 'The AWS signature of the request is invalid.' },
  MISSING_AUTHENTICATION_TOKEN: { status: '403', doc: 'No authentication token was found, including requests to undefined resources or methods.' },
  QUOTA_EXCEEDED: { status: '429', doc: 'The usage plan quota was exceeded.' },
  REQUEST_TOO_LARGE: { status: '413', doc: 'The request is larger than API Gateway accepts.' },
  RESOURCE_NOT_FOUND: { status: '404', doc: 'The resource was not found after the request passed authentication and authorization (API key excepted).' },
  THROTTLED: { status: '429', doc: 'Usage plan, method, stage or account throttling limits were exceeded.' },
  UNAUTHORIZED: { status: '401', doc: 'A custom or Cognito authorizer could not authenticate the caller.' },
  UNSUPPORTED_MEDIA_TYPE: { status: '415', doc: 'The payload\'s media type is not supported (strict passthrough behaviour).' },
  WAF_FILTERED: { status: '403', doc: 'AWS WAF blocked the request.' },
};

/**
 * The class of status codes a gateway response type answers with, as the first digit: that of its default status, or
 * the one a catch-all type (`DEFAULT_4XX`, `DEFAULT_5XX`) stands for; undefined for a type API Gateway does not have.
 */
export function gatewayResponseStatusClass(type: string): string | undefined {
  return GATEWAY_RESPONSE_TYPES[type]?.status?.[0] ?? /^DEFAULT_([45])XX$/.exec(type)?.[1];
}

export const GATEWAY_RESPONSES_EXTENSION: ExtensionSpec = {
  name: 'x-amazon-apigateway-gateway-responses',
  summary: 'Customised gateway (error) responses',
  doc: '**Gateway responses.** Customises the responses API Gateway itself produces (authorizer failures, throttling, missing resources, ...), keyed by response type. Their templates are not Velocity: only `$context`, `$stageVariables` and similar variables are substituted.',
  type: 'map',
  placements: ['root'],
  dialects: ['rest'],
  docsUrl: extensionPage('gateway-responses'),
  keyDoc: 'A gateway response type such as `DEFAULT_4XX` or `UNAUTHORIZED`.',
  keyEnum: Object.keys(GATEWAY_RESPONSE_TYPES),
  examples: Object.keys(GATEWAY_RESPONSE_TYPES),
  values: {
    type: 'object',
    doc: 'One gateway response: its status code, headers and body templates.',
    docsUrl: extensionPage('gateway-responses.gatewayResponse'),
    additionalFields: false,
    fields: [
      {
        name: 'statusCode',
        type: 'string',
        doc: 'The HTTP status code to return instead of the type\'s default, as a string such as `"401"`.',
        pattern: STATUS_CODE_PATTERN,
        patternMessage: 'a three-digit HTTP status code',
      },
      {
        name: 'responseParameters',
        type: 'map',
        doc: 'Headers (and path or query values) of the response. Keys are `gatewayresponse.{header|path|querystring}.NAME`; values are `method.request.{header|path|querystring|multivalueheader|multivaluequerystring}.NAME`, `stageVariables.NAME`, `context.NAME` or a single-quoted static value.',
        docsUrl: extensionPage('gateway-responses.responseParameters'),
        keyDoc: '`gatewayresponse.header.NAME` (or `.path.` / `.querystring.`).',
        keyPattern: '^gatewayresponse\\.(header|path|querystring)\\.[^\\s]+$',
        values: { type: 'string', doc: 'The value, e.g. `\'*\'` or `method.request.header.Origin`.' },
      },
      {
        name: 'responseTemplates',
        type: 'map',
        doc: 'Body templates per MIME type. Only variable substitution happens (`$context.error.messageString`, `$context.error.responseType`, `$stageVariables.NAME`, ...); Velocity directives are not run.',
        docsUrl: extensionPage('gateway-responses.responseTemplates'),
        // The guide does not say how a gateway response template is picked; the local gateway picks it as an
        // integration response template, by the Accept header.
        ...templateKeys(RESPONSE_TEMPLATE_UNMATCHED),
        values: { type: 'string', doc: 'The body, with `$context` / `$stageVariables` references.' },
      },
    ],
  },
};

