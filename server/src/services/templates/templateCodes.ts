import type { DiagnosticCodeInfo } from '../../facts/diagnosticCodes';

const DEV_GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';
const REFERENCE = `${DEV_GUIDE}/api-gateway-mapping-template-reference.html`;

/** Diagnostics about mapping templates, keyed by their stable code. */
export const TEMPLATE_DIAGNOSTIC_CODES: Record<string, DiagnosticCodeInfo> = {
  'template-syntax': { severity: 'error', title: 'Mapping template syntax error', docsUrl: 'https://velocity.apache.org/engine/1.7/user-guide.html' },
  'template-set-as-text': { severity: 'warning', title: '#set without its parenthesis, which Velocity writes out as text', docsUrl: 'https://velocity.apache.org/engine/1.7/user-guide.html' },
  'template-unknown-member': { severity: 'warning', title: 'Unknown $input, $util or $context member', docsUrl: REFERENCE },
  'template-access-log-variable': {
    severity: 'warning',
    title: '$context variable available only in access logs',
    docsUrl: `${DEV_GUIDE}/api-gateway-variables-for-access-logging.html`,
  },
  'template-variable-unavailable': {
    severity: 'warning',
    title: '$context variable that API Gateway sets only in other kinds of template (empty here)',
    docsUrl: `${REFERENCE}#context-variable-reference`,
  },
  'template-argument-count': { severity: 'error', title: 'Wrong number of arguments to a template method', docsUrl: REFERENCE },
  'template-invalid-jsonpath': { severity: 'error', title: 'Invalid JSONPath in $input.path or $input.json', docsUrl: `${REFERENCE}#input-variable-reference` },
  'template-jsonpath-reads-nothing': {
    severity: 'warning',
    title: 'JSONPath that reads nothing in Jayway JsonPath 2.0 (a function, a negative index, a double-quoted filter value)',
    docsUrl: `${REFERENCE}#input-variable-reference`,
  },
  'template-ignored-on-proxy': {
    severity: 'warning',
    title: 'Mapping template on a proxy integration (API Gateway ignores it)',
    docsUrl: `${DEV_GUIDE}/set-up-lambda-proxy-integrations.html`,
  },
  'template-with-streaming': {
    severity: 'error',
    title: 'Response template on a streaming integration',
    docsUrl: `${DEV_GUIDE}/response-transfer-mode.html`,
  },
  'template-override-misplaced': {
    severity: 'warning',
    title: 'Request or response override in the wrong kind of template',
    docsUrl: `${DEV_GUIDE}/apigateway-override-request-response-parameters.html`,
  },
  'template-mock-without-status': {
    severity: 'warning',
    title: 'MOCK integration request template without a statusCode',
    docsUrl: `${DEV_GUIDE}/how-to-mock-integration.html`,
  },
  'template-escape-javascript-in-json': {
    severity: 'warning',
    title: "$util.escapeJavaScript output in a JSON string without replacing \\'",
    docsUrl: `${REFERENCE}#util-template-reference`,
  },
  'template-undefined-variable': {
    severity: 'warning',
    title: 'Variable that no #set, #foreach, #macro or #define of the template sets (renders as empty)',
    docsUrl: REFERENCE,
  },
  'template-loop-variable-outside-loop': {
    severity: 'warning',
    title: '$foreach or $velocityCount outside a #foreach body',
    docsUrl: 'https://velocity.apache.org/engine/1.7/user-guide.html',
  },
  'template-validation-error-in-json': {
    severity: 'warning',
    title: '$context.error.validationErrorString inside a JSON string (its double quotes are not escaped)',
    docsUrl: `${REFERENCE}#context-variable-reference`,
  },
  'template-quoted-message-string': {
    severity: 'warning',
    title: '$context.error.messageString inside a JSON string (it is already quoted)',
    docsUrl: `${REFERENCE}#context-variable-reference`,
  },
  'template-quoted-input-json': {
    severity: 'warning',
    title: '$input.json(...) inside a JSON string (its output is already JSON, with quotes around strings)',
    docsUrl: `${REFERENCE}#input-variable-reference`,
  },
  'template-too-large': { severity: 'error', title: 'Mapping template larger than 300 KB', docsUrl: `${DEV_GUIDE}/api-gateway-known-issues.html` },
  'gateway-response-template-directive': {
    severity: 'warning',
    title: 'Velocity directive in a gateway response template (not run)',
    docsUrl: `${DEV_GUIDE}/api-gateway-gatewayResponse-definition.html`,
  },
  'gateway-response-template-variable': {
    severity: 'warning',
    title: 'Variable that gateway response templates do not substitute',
    docsUrl: `${DEV_GUIDE}/api-gateway-gatewayResponse-definition.html`,
  },
};
