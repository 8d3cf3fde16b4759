import type { GatewayClients } from '../aws/connection';
import type { DomainMapping } from '../aws/invokeUrl';
import { listCustomDomainMappings } from '../aws/listing';

/**
 * The account's custom-domain mappings for stage rows. They only add URLs to a stage, so an identity that may read
 * APIs but not domain names still sees its stages, with the default endpoint alone.
 */
export async function domainMappings(clients: GatewayClients): Promise<DomainMapping[]> {
  return listCustomDomainMappings(clients).catch(() => []);
}
