import { getValue, keyName } from '../../model/navigate';
import type { ObjectNode } from '../../model/nodes';
import { mappedResponseHeader } from '../../model/methodResponseHeaders';
import type { Problem } from '../validationTypes';

/**
 * The finding of an integration response whose status the method declares no response for: one finding, on its
 * `statusCode`, however many headers it maps, as adding that method response (with the mapped headers) is the one
 * repair. Its header mappings make it an error: AWS refuses them ("Invalid mapping expression specified ... No method
 * response exists for method" on PutIntegrationResponse, and the import reports the integration response as not put).
 * Without them it imports, and the call answers 500 when the integration response is selected.
 */
export function undeclaredStatusFinding(method: string, path: string, statusCode: string, response: ObjectNode): Pick<Problem, 'message' | 'severity'> {
  const mappings = getValue(response, 'responseParameters');
  const headers = mappings?.type === 'object' ? mappings.properties.map((p) => mappedResponseHeader(keyName(p))).filter((h) => h !== undefined) : [];
  const fiveHundred = 'API Gateway answers 500 when the integration response maps to an undeclared status.';
  if (headers.length === 0) return { message: `${method} ${path} declares no "${statusCode}" response; ${fiveHundred}` };
  const named = headers.map((h) => `"${h}"`).join(', ');
  const mapping = headers.length === 1 ? `the mapping of its header ${named}` : `the mappings of its headers ${named}`;
  return { message: `${method} ${path} declares no "${statusCode}" response, so AWS rejects ${mapping}; ${fiveHundred}`, severity: 'error' };
}
