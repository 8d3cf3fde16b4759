import { fieldOf } from '../../facts/extensions';
import { INTEGRATION_OBJECT } from '../../facts/extensions/integration';
import type { ValueSpec } from '../../facts/extensionTypes';
import type { Dialect } from '../../model/dialect';
import type { ValueNode } from '../../model/nodes';
import { invokesFunction, takesPayloadFormat2, takesStreaming } from '../rules/integrationSettings';
import { checkableString, integrationSiteOf } from '../rules/integrations';

/**
 * Values of an integration's enum fields that its other fields rule out, read as the rules that report them read the
 * integration: completion and the "Change to" fixes offer only what validation then accepts. The catalog's entries
 * tell the fields apart, so that reusable HTTP API integrations under `components` are read alike.
 */

const PAYLOAD_FORMAT = fieldOf(INTEGRATION_OBJECT, 'payloadFormatVersion');
const TRANSFER_MODE = fieldOf(INTEGRATION_OBJECT, 'responseTransferMode');
const HTTP_METHOD = fieldOf(INTEGRATION_OBJECT, 'httpMethod');

/**
 * Whether the integration holding a field of this spec takes the value. The rules check nothing of an integration
 * without a type they know, and neither does this.
 */
export function integrationTakes(integration: ValueNode | undefined, spec: ValueSpec, value: string, dialect: Dialect): boolean {
  if (integration?.type !== 'object' || (spec !== PAYLOAD_FORMAT && spec !== TRANSFER_MODE && spec !== HTTP_METHOD)) return true;
  const { type, fields } = integrationSiteOf(integration);
  if (!type) return true;
  const uri = checkableString(fields.uri?.value);
  if (spec === PAYLOAD_FORMAT) return value !== '2.0' || dialect !== 'http' || takesPayloadFormat2(type, fields.integrationSubtype?.value !== undefined, uri);
  if (spec === TRANSFER_MODE) return value.toUpperCase() !== 'STREAM' || takesStreaming(type, dialect);
  return value.toUpperCase() === 'POST' || !invokesFunction(type, uri);
}

/**
 * The value to offer first: POST for an integration that invokes a Lambda function, and for a Lambda proxy integration
 * whose `uri` does not say so yet, as it can name nothing else (an HTTP API's service integrations have a subtype).
 */
export function integrationPrefers(integration: ValueNode | undefined, spec: ValueSpec): string | undefined {
  if (integration?.type !== 'object' || spec !== HTTP_METHOD) return undefined;
  const { type, fields } = integrationSiteOf(integration);
  if (!type) return undefined;
  const lambdaProxy = type === 'aws_proxy' && fields.integrationSubtype === undefined;
  return lambdaProxy || invokesFunction(type, checkableString(fields.uri?.value)) ? 'POST' : undefined;
}
