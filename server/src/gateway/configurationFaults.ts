import { BACKEND_INTEGRATION_TYPES, INTEGRATION_TYPES } from '../facts/extensions/integration';
import type { Operation } from './apiModel';
import type { ExecutionLog } from './executionLog';
import { GatewayError } from './gatewayResponses';

/**
 * Names the cause of an answer only the local run gives: a definition AWS would not import or deploy, a function with
 * no local handler, an AWS service that is not emulated. The body stays API Gateway's; the header tells a caller that
 * keeps no execution log (`apigw invoke` without `--log`, a client of `apigw serve`) what to fix.
 */
export const LOCAL_GATEWAY_ERROR = 'x-local-gateway-error';

/** Logs `reason` as a configuration error and returns the gateway's 500 for it, the reason in `LOCAL_GATEWAY_ERROR`. */
export function configurationFault(reason: string, httpApi: boolean, log: ExecutionLog): GatewayError {
  log.add(`Execution failed due to configuration error: ${reason}`);
  return new GatewayError('API_CONFIGURATION_ERROR', httpApi ? 'Internal Server Error' : 'Internal server error', { headers: { [LOCAL_GATEWAY_ERROR]: reason } });
}

/**
 * What keeps the operation's integration from running at all, as AWS would refuse it before any request: no
 * integration, an integration `$ref` that leads nowhere, a backend integration without a string `uri`. An unknown type is
 * found where the integration is dispatched (`unknownIntegrationType`).
 */
export function integrationFault(op: Operation): string | undefined {
  if (op.unresolvedIntegrationRef !== undefined) return `the x-amazon-apigateway-integration $ref '${op.unresolvedIntegrationRef}' could not be resolved`;
  const integration = op.integration;
  if (!integration) return 'the method has no x-amazon-apigateway-integration; AWS imports such a method, but no deployment of the API succeeds until it has one';
  const type = typeof integration.type === 'string' ? integration.type.toLowerCase() : undefined;
  // The types that call a backend need a `uri` to find it; an integration subtype names its own.
  if (type === undefined || !BACKEND_INTEGRATION_TYPES.includes(type) || integration.integrationSubtype !== undefined) return undefined;
  const uri = integration.uri;
  if (typeof uri === 'string' && uri.trim() !== '') return undefined;
  if (uri !== undefined && uri !== null && typeof uri !== 'string') return nonStringUri(type.toUpperCase(), uri);
  return `the ${type.toUpperCase()} integration has no uri; AWS refuses an integration that calls a backend without one`;
}

/**
 * A uri written as other than a string: most often a CloudFormation intrinsic left in a definition that a template
 * embeds, which only CloudFormation resolves.
 */
function nonStringUri(type: string, value: unknown): string {
  const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    return `the ${type} integration's uri is a CloudFormation ${keys[0]}, which only CloudFormation resolves; write the URI or ARN it resolves to, to run it locally`;
  }
  const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `the ${typeof value} ${String(value)}`;
  return `the ${type} integration's uri is ${what}, not a string; AWS refuses an integration whose uri is not one`;
}

/** Why an integration type cannot run: absent, or none of the types API Gateway has. */
export function unknownIntegrationType(type: unknown): string {
  const expected = `expected one of ${INTEGRATION_TYPES.join(', ')}; AWS refuses any other`;
  return type === undefined ? `the integration has no type: ${expected}` : `unknown integration type '${String(type)}': ${expected}`;
}
