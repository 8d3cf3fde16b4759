import type { SeverityName } from '../services/validationTypes';

/** Every diagnostic the language service can report: its stable code, default severity and where to read more. */
export interface DiagnosticCodeInfo {
  severity: SeverityName;
  /** One line for settings UIs and SARIF rule descriptions. */
  title: string;
  docsUrl: string;
}

const DEV_GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';

export const DIAGNOSTIC_CODES: Record<string, DiagnosticCodeInfo> = {
  'yaml-syntax': { severity: 'error', title: 'YAML syntax error', docsUrl: 'https://yaml.org/spec/1.2.2/' },
  'json-syntax': { severity: 'error', title: 'JSON syntax error', docsUrl: 'https://www.rfc-editor.org/rfc/rfc8259' },
  'duplicate-key': { severity: 'error', title: 'Duplicate key in a mapping', docsUrl: 'https://yaml.org/spec/1.2.2/#mapping' },
  'binary-content': { severity: 'error', title: 'File is not text', docsUrl: `${DEV_GUIDE}/api-gateway-import-api.html` },
  'not-utf8': { severity: 'error', title: 'File is not UTF-8 text', docsUrl: `${DEV_GUIDE}/api-gateway-import-api.html` },
  'too-large-to-validate': { severity: 'information', title: 'Document too large for full validation', docsUrl: `${DEV_GUIDE}/limits.html` },
};

export function codeInfo(code: string): DiagnosticCodeInfo | undefined {
  return DIAGNOSTIC_CODES[code];
}
