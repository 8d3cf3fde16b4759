import { setOwn } from '../../model/jsonObjects';
import { mappedResponseHeader, undeclaredResponseHeader, undeclaredResponseHeaderMessage } from '../../model/methodResponseHeaders';
import type { IntegrationResponse } from '../../template/responseSelection';
import { methodResponseFor, type Operation } from '../apiModel';

export interface DeclaredHeaderMappings {
  /** The integration responses without the header mappings AWS would refuse. */
  responses: Record<string, IntegrationResponse>;
  /** Per `responses` key, why each mapping left out of it was left out. */
  leftOut: Map<string, string[]>;
}

/**
 * The integration responses with only the header mappings a deployed API could have. AWS refuses a definition that maps
 * into a method response header the method does not declare, so no answer of a deployed API carries such a header;
 * serving it here would make the mapping look as if it worked. Like the other definition faults the gateway meets, it
 * is left out and the execution log says why. The method response is the one the status is served with: its own, or
 * the operation's `default` response, as for the status itself.
 */
export function withDeclaredHeaderMappings(responses: Record<string, IntegrationResponse>, operation: Operation): DeclaredHeaderMappings {
  const kept: Record<string, IntegrationResponse> = {};
  const leftOut = new Map<string, string[]>();
  for (const [key, response] of Object.entries(responses)) {
    const mappings = response?.responseParameters;
    if (!mappings || typeof mappings !== 'object') {
      setOwn(kept, key, response);
      continue;
    }
    const statusCode = String(response.statusCode ?? 200);
    const declared = methodResponseFor(operation, statusCode);
    const parameters: Record<string, string> = {};
    const reasons: string[] = [];
    for (const [target, expression] of Object.entries(mappings)) {
      const header = mappedResponseHeader(target);
      const problem = header === undefined ? undefined : undeclaredResponseHeader(header, declared);
      if (problem === undefined) {
        setOwn(parameters, target, expression);
        continue;
      }
      reasons.push(`${target} left out: ${undeclaredResponseHeaderMessage(problem, { header: header!, statusCode, method: operation.method, path: operation.resourcePath })}`);
    }
    setOwn(kept, key, reasons.length ? { ...response, responseParameters: parameters } : response);
    if (reasons.length) leftOut.set(key, reasons);
  }
  return { responses: kept, leftOut };
}
