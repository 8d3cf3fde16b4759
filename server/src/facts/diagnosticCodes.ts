import type { SeverityName } from '../services/validationTypes';
import { TEMPLATE_DIAGNOSTIC_CODES } from '../services/templates/templateCodes';

/** Every diagnostic the language service can report: its stable code, default severity and where to read more. */
export interface DiagnosticCodeInfo {
  severity: SeverityName;
  /** One line for settings UIs and SARIF rule descriptions. */
  title: string;
  docsUrl: string;
}

const DEV_GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';

export const DIAGNOSTIC_CODES: Record<string, DiagnosticCodeInfo> = {
  ...TEMPLATE_DIAGNOSTIC_CODES,
  'yaml-syntax': { severity: 'error', title: 'YAML syntax error', docsUrl: 'https://yaml.org/spec/1.2.2/' },
  'json-syntax': { severity: 'error', title: 'JSON syntax error', docsUrl: 'https://www.rfc-editor.org/rfc/rfc8259' },
  'duplicate-key': { severity: 'error', title: 'Duplicate key in a mapping', docsUrl: 'https://yaml.org/spec/1.2.2/#mapping' },
  'not-an-api-definition': { severity: 'error', title: 'Not an OpenAPI or Swagger document', docsUrl: `${DEV_GUIDE}/api-gateway-import-api.html` },
  'binary-content': { severity: 'error', title: 'File is not text', docsUrl: `${DEV_GUIDE}/api-gateway-import-api.html` },
  'not-utf8': { severity: 'error', title: 'File is not UTF-8 text', docsUrl: `${DEV_GUIDE}/api-gateway-import-api.html` },
  'check-failed': { severity: 'warning', title: 'A check could not finish on this document', docsUrl: `${DEV_GUIDE}/api-gateway-import-api.html` },
  'too-large-to-validate': { severity: 'information', title: 'Document too large for full validation', docsUrl: `${DEV_GUIDE}/limits.html` },
  'unknown-suppressed-code': { severity: 'warning', title: 'Suppression comment naming no diagnostic code', docsUrl: 'https://yaml.org/spec/1.2.2/#comments' },
  // OpenAPI structure and references
  // API Gateway imports many documents the official schema rejects (missing `responses`, numeric versions, ...).
  'openapi-schema': { severity: 'warning', title: 'Not valid OpenAPI for the declared version', docsUrl: 'https://spec.openapis.org/' },
  'path-parameter-not-in-path': { severity: 'warning', title: 'Path parameter that matches no template expression of its path', docsUrl: 'https://spec.openapis.org/oas/v3.0.3#path-templating' },
  // AWS's own examples leave template expressions undeclared, and the import takes them as path parameters.
  'undeclared-path-template-parameter': { severity: 'information', title: 'Path template expression not declared as a path parameter', docsUrl: 'https://spec.openapis.org/oas/v3.0.3#path-templating' },
  'unresolved-ref': { severity: 'error', title: '$ref points to nothing', docsUrl: 'https://spec.openapis.org/oas/v3.0.3#reference-object' },
  'remote-ref': { severity: 'information', title: 'Remote $ref not followed', docsUrl: 'https://spec.openapis.org/oas/v3.0.3#reference-object' },
  'unreadable-ref-file': { severity: 'error', title: 'File named by a $ref cannot be read', docsUrl: 'https://spec.openapis.org/oas/v3.0.3#reference-object' },
  'referenced-files-partly-checked': { severity: 'information', title: 'Content of referenced files beyond what one check copies', docsUrl: 'https://spec.openapis.org/oas/v3.0.3#reference-object' },
  'unprocessed-template': { severity: 'information', title: 'Document must be processed (CloudFormation, SAM, Terraform) before import', docsUrl: `${DEV_GUIDE}/import-api-aws-variables.html` },
  // Extension shape
  'unknown-extension': { severity: 'warning', title: 'Unknown x-amazon-apigateway extension', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  'misplaced-extension': { severity: 'warning', title: 'Extension in a place where API Gateway does not read it', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  'dialect-mismatch': { severity: 'warning', title: 'Not supported by this kind of API (REST or HTTP)', docsUrl: `${DEV_GUIDE}/http-api-vs-rest.html` },
  'invalid-extension-type': { severity: 'error', title: 'Extension value of the wrong type', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  'status-code-not-string': { severity: 'information', title: 'Status code written as a number instead of a string', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration-response.html` },
  'invalid-enum-value': { severity: 'error', title: 'Value not among those API Gateway accepts', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  'missing-required-field': { severity: 'error', title: 'Required extension field missing', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  'conflicting-fields': { severity: 'error', title: 'Two fields of which an object takes one', docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html' },
  'unknown-extension-field': { severity: 'warning', title: 'Field API Gateway does not know', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  'value-out-of-range': { severity: 'error', title: 'Number outside the accepted range', docsUrl: `${DEV_GUIDE}/limits.html` },
  'invalid-value-format': { severity: 'error', title: 'Value does not have the required form', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  'invalid-arn': { severity: 'warning', title: 'ARN of the wrong form: imported, but calls through it fail', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  'invalid-map-key': { severity: 'error', title: 'Key not accepted in this map', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions.html` },
  // AWS stores any string as a template key or binary media type; one that is not a media type is matched by no header.
  'invalid-media-type': { severity: 'warning', title: 'Not a media type: no Content-Type or Accept header ever matches it', docsUrl: `${DEV_GUIDE}/request-response-data-mappings.html` },
  // Integrations
  'invalid-integration-uri': { severity: 'error', title: 'Integration URI does not fit the integration type', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration.html` },
  'missing-integration-uri': { severity: 'error', title: 'Integration needs a uri', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration.html` },
  'missing-integration-http-method': { severity: 'error', title: 'Integration needs an httpMethod', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration.html` },
  'missing-integration': { severity: 'warning', title: 'REST method without an integration: deployments fail', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration.html` },
  'no-integration-responses': { severity: 'warning', title: 'Non-proxy integration without integration responses: every call ends in a 500', docsUrl: `${DEV_GUIDE}/api-gateway-integration-settings-integration-response.html` },
  'no-lambda-success-response': { severity: 'warning', title: 'No integration response catches a successful Lambda call', docsUrl: `${DEV_GUIDE}/api-gateway-integration-settings-integration-response.html` },
  'lambda-http-method-not-post': { severity: 'warning', title: 'Lambda functions are invoked with POST', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration.html` },
  'missing-connection-id': { severity: 'error', title: 'VPC_LINK integration without connectionId', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration.html` },
  'duplicate-template-media-type': { severity: 'warning', title: 'Two templates for one media type', docsUrl: `${DEV_GUIDE}/request-response-data-mappings.html` },
  'tls-setting-not-applicable': { severity: 'warning', title: 'TLS setting ignored by this kind of integration', docsUrl: `${DEV_GUIDE}/api-gateway-extensions-integration-tls-config.html` },
  'ignored-for-mock': { severity: 'hint', title: 'Setting a MOCK integration does not keep', docsUrl: `${DEV_GUIDE}/how-to-mock-integration.html` },
  'ignored-for-proxy': { severity: 'warning', title: 'Setting ignored by proxy integrations', docsUrl: `${DEV_GUIDE}/set-up-lambda-proxy-integrations.html` },
  'timeout-out-of-range': { severity: 'error', title: 'Integration timeout outside the quota', docsUrl: `${DEV_GUIDE}/limits.html` },
  'lambda-streaming-uri': { severity: 'warning', title: 'Lambda URI does not match the response transfer mode', docsUrl: `${DEV_GUIDE}/response-transfer-mode-lambda.html` },
  'invalid-transfer-mode': { severity: 'error', title: 'Response streaming not available for this integration', docsUrl: `${DEV_GUIDE}/response-transfer-mode.html` },
  'invalid-payload-format-version': { severity: 'error', title: 'Payload format version not valid for this integration', docsUrl: `${DEV_GUIDE}/http-api-develop-integrations-lambda.html` },
  'invalid-integration-subtype': { severity: 'error', title: 'integrationSubtype needs an AWS_PROXY integration', docsUrl: `${DEV_GUIDE}/http-api-develop-integrations-aws-services-reference.html` },
  // Mappings and cross-references
  'unknown-request-validator': { severity: 'error', title: 'Request validator not declared', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-request-validator.html` },
  // AWS's own request-validation sample does it; the call fails with 500 when the response is selected. Header mappings
  // into such a status are refused too, which makes the one finding an error (undeclaredResponseStatus.ts).
  'undeclared-response-status': { severity: 'warning', title: 'Integration response status has no method response', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration-response.html` },
  'mapping-value-not-string': { severity: 'warning', title: 'Mapping value that is not a string (left out on import)', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration-requestParameters.html` },
  'undeclared-response-header': { severity: 'error', title: 'Mapped response header not declared on the method response', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration-responseParameters.html` },
  'undeclared-parameter': { severity: 'error', title: 'Mapped request parameter not declared on the method', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration-requestParameters.html` },
  'invalid-mapping-key': { severity: 'error', title: 'Parameter mapping target not valid', docsUrl: `${DEV_GUIDE}/request-response-data-mappings.html` },
  'invalid-mapping-value': { severity: 'error', title: 'Parameter mapping source not valid', docsUrl: `${DEV_GUIDE}/request-response-data-mappings.html` },
  // HTTP APIs take any value that is not one of their `$` variables for static text, and send it as written.
  'rest-style-mapping-value': { severity: 'warning', title: 'HTTP API mapping value written as a REST API source: sent as static text', docsUrl: `${DEV_GUIDE}/http-api-parameter-mapping.html` },
  'unknown-context-variable': { severity: 'warning', title: 'Mapping reads a context variable API Gateway does not define', docsUrl: `${DEV_GUIDE}/api-gateway-mapping-template-reference.html#context-variable-reference` },
  'reserved-header-mapping': { severity: 'error', title: 'HTTP API cannot map a reserved header', docsUrl: `${DEV_GUIDE}/http-api-parameter-mapping.html` },
  'lambda-status-code-pattern': { severity: 'warning', title: 'Status-code selection pattern on a Lambda integration, which matches error messages', docsUrl: `${DEV_GUIDE}/handle-errors-in-lambda-integration.html` },
  // Imports succeed; every call fails with "Illegal character in path".
  'unmapped-uri-path-parameter': { severity: 'warning', title: 'Integration URI placeholder that no path parameter mapping fills', docsUrl: 'https://repost.aws/knowledge-center/api-gateway-proxy-path-character-error' },
  'mapping-prefix-in-name': { severity: 'warning', title: 'Mapped parameter name that holds a whole mapping expression', docsUrl: `${DEV_GUIDE}/request-response-data-mappings.html` },
  'invalid-selection-pattern': { severity: 'error', title: 'Selection pattern is not a valid regular expression', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration-responses.html` },
  'selection-pattern-backtracking': { severity: 'warning', title: 'Selection pattern that can take exponential time to match', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-integration-responses.html` },
  // Security
  // AWS's own request-validation sample names an undefined scheme and imports; the requirement is dropped.
  'unknown-security-scheme': { severity: 'warning', title: 'Security requirement names an undefined scheme', docsUrl: 'https://spec.openapis.org/oas/v3.0.3#security-requirement-object' },
  'preflight-requires-authorization': { severity: 'warning', title: 'OPTIONS method requiring authorization, which fails CORS preflight requests', docsUrl: `${DEV_GUIDE}/how-to-cors.html` },
  'multiple-security-requirements': { severity: 'error', title: 'HTTP API operation with several security requirements', docsUrl: `${DEV_GUIDE}/http-api-open-api.html` },
  'invalid-authorizer-scheme': { severity: 'error', title: 'Security scheme shape API Gateway does not accept for an authorizer', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-authorizer.html` },
  'missing-authorizer-field': { severity: 'error', title: 'Authorizer lacks a field its type needs', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-authorizer.html` },
  'authorizer-field-not-applicable': { severity: 'warning', title: 'Authorizer field ignored for this authorizer type', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-authorizer.html` },
  // Nothing documents the import or CreateAuthorizer refusing it, unlike a selection pattern.
  'invalid-identity-validation-expression': { severity: 'warning', title: 'Token validation expression is not a valid regular expression', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-authorizer.html` },
  'invalid-identity-source': { severity: 'error', title: 'Identity source expression not valid', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-authorizer.html` },
  'reserved-authtype': { severity: 'warning', title: 'authtype values starting with "aws" are reserved', docsUrl: `${DEV_GUIDE}/api-gateway-swagger-extensions-authtype.html` },
  'security-policy-needs-access-mode': { severity: 'error', title: 'Enhanced security policy without endpoint access mode', docsUrl: `${DEV_GUIDE}/openapi-extensions-security-policy.html` },
  // Import rules
  'unsupported-openapi-version': { severity: 'error', title: 'OpenAPI or Swagger version API Gateway does not import', docsUrl: `${DEV_GUIDE}/api-gateway-import-api.html` },
  'openapi-31-not-importable': { severity: 'warning', title: 'API Gateway does not document OpenAPI 3.1 import', docsUrl: `${DEV_GUIDE}/api-gateway-import-api.html` },
  'http-api-requires-openapi-3': { severity: 'error', title: 'HTTP APIs import only OpenAPI 3.0', docsUrl: `${DEV_GUIDE}/http-api-open-api.html` },
  'import-too-large': { severity: 'error', title: 'REST API import file over 6 MB', docsUrl: `${DEV_GUIDE}/limits.html` },
  'invalid-path-characters': { severity: 'error', title: 'Path segment with characters API Gateway rejects', docsUrl: `${DEV_GUIDE}/api-gateway-known-issues.html` },
  'partial-path-parameter': { severity: 'error', title: 'Path parameter that is not a whole segment', docsUrl: `${DEV_GUIDE}/api-gateway-known-issues.html` },
  'greedy-parameter-not-last': { severity: 'error', title: 'Greedy path parameter not the last segment', docsUrl: `${DEV_GUIDE}/api-gateway-set-up-simple-proxy.html` },
  'conflicting-path-variables': { severity: 'error', title: 'Two differently named path variables under one resource', docsUrl: `${DEV_GUIDE}/api-gateway-known-issues.html` },
  'invalid-model-name': { severity: 'error', title: 'Model name not alphanumeric', docsUrl: `${DEV_GUIDE}/api-gateway-known-issues.html` },
  'unsupported-schema-keyword': { severity: 'warning', title: 'Schema keyword API Gateway models do not support', docsUrl: `${DEV_GUIDE}/api-gateway-known-issues.html` },
  'non-object-response-schema': { severity: 'warning', title: 'Method response schema that is not an object', docsUrl: `${DEV_GUIDE}/api-gateway-known-issues.html` },
  // PutMethodResponse refuses such a status code; whether the import then fails or leaves the response out is not documented.
  'invalid-method-response-status': { severity: 'warning', title: 'Response key API Gateway cannot create a method response for', docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html' },
  'root-response-ref': { severity: 'error', title: 'Reference to a root-level response', docsUrl: `${DEV_GUIDE}/api-gateway-known-issues.html` },
  'too-many-resources': { severity: 'warning', title: 'More resources than the default quota', docsUrl: `${DEV_GUIDE}/limits.html` },
  'too-many-authorizers': { severity: 'warning', title: 'More authorizers than the default quota', docsUrl: `${DEV_GUIDE}/limits.html` },
  'policy-too-long': { severity: 'error', title: 'Resource policy over 8192 characters', docsUrl: `${DEV_GUIDE}/limits.html` },
  'cors-credentials-with-any-origin': { severity: 'error', title: 'CORS credentials allowed for any origin', docsUrl: `${DEV_GUIDE}/http-api-cors.html` },
};

export function codeInfo(code: string): DiagnosticCodeInfo | undefined {
  return DIAGNOSTIC_CODES[code];
}
