import type * as V1 from '@aws-sdk/client-api-gateway';
import type * as V2 from '@aws-sdk/client-apigatewayv2';
import type { GatewayClients } from './connection';
import { allPages } from './paging';

const sdkV1 = () => import('@aws-sdk/client-api-gateway');
const sdkV2 = () => import('@aws-sdk/client-apigatewayv2');

/** The largest page each API accepts, so big accounts need few round trips. */
const V1_LIMIT = 500;
const V2_LIMIT = '500';

export interface ListOptions {
  /** Items per request; the largest the service accepts unless a caller wants smaller pages. */
  pageSize?: number;
}

export async function listRestApis(clients: GatewayClients, options: ListOptions = {}): Promise<V1.RestApi[]> {
  const { GetRestApisCommand } = await sdkV1();
  return allPages(async (position) => {
    const out = await clients.v1.send(new GetRestApisCommand({ position, limit: options.pageSize ?? V1_LIMIT }));
    return { items: out.items, next: out.position };
  });
}

export async function listV2Apis(clients: GatewayClients, options: ListOptions = {}): Promise<V2.Api[]> {
  const { GetApisCommand } = await sdkV2();
  return allPages(async (NextToken) => {
    const out = await clients.v2.send(new GetApisCommand({ NextToken, MaxResults: options.pageSize ? String(options.pageSize) : V2_LIMIT }));
    return { items: out.Items, next: out.NextToken };
  });
}

/** Resources with their methods and integrations embedded, so a method's description needs no further call. */
export async function listResources(clients: GatewayClients, restApiId: string, options: ListOptions = {}): Promise<V1.Resource[]> {
  const { GetResourcesCommand } = await sdkV1();
  return allPages(async (position) => {
    const out = await clients.v1.send(new GetResourcesCommand({ restApiId, position, limit: options.pageSize ?? V1_LIMIT, embed: ['methods'] }));
    return { items: out.items, next: out.position };
  });
}

export async function listRestStages(clients: GatewayClients, restApiId: string): Promise<V1.Stage[]> {
  const { GetStagesCommand } = await sdkV1();
  const out = await clients.v1.send(new GetStagesCommand({ restApiId }));
  return out.item ?? [];
}

export async function listDeployments(clients: GatewayClients, restApiId: string): Promise<V1.Deployment[]> {
  const { GetDeploymentsCommand } = await sdkV1();
  const all = await allPages(async (position) => {
    const out = await clients.v1.send(new GetDeploymentsCommand({ restApiId, position, limit: V1_LIMIT }));
    return { items: out.items, next: out.position };
  });
  return all.sort((a, b) => (b.createdDate?.getTime() ?? 0) - (a.createdDate?.getTime() ?? 0));
}

export async function listAuthorizers(clients: GatewayClients, restApiId: string): Promise<V1.Authorizer[]> {
  const { GetAuthorizersCommand } = await sdkV1();
  return allPages(async (position) => {
    const out = await clients.v1.send(new GetAuthorizersCommand({ restApiId, position, limit: V1_LIMIT }));
    return { items: out.items, next: out.position };
  });
}

export async function listModels(clients: GatewayClients, restApiId: string): Promise<V1.Model[]> {
  const { GetModelsCommand } = await sdkV1();
  return allPages(async (position) => {
    const out = await clients.v1.send(new GetModelsCommand({ restApiId, position, limit: V1_LIMIT }));
    return { items: out.items, next: out.position };
  });
}

export async function listRequestValidators(clients: GatewayClients, restApiId: string): Promise<V1.RequestValidator[]> {
  const { GetRequestValidatorsCommand } = await sdkV1();
  return allPages(async (position) => {
    const out = await clients.v1.send(new GetRequestValidatorsCommand({ restApiId, position, limit: V1_LIMIT }));
    return { items: out.items, next: out.position };
  });
}

export async function listRoutes(clients: GatewayClients, ApiId: string): Promise<V2.Route[]> {
  const { GetRoutesCommand } = await sdkV2();
  return allPages(async (NextToken) => {
    const out = await clients.v2.send(new GetRoutesCommand({ ApiId, NextToken, MaxResults: V2_LIMIT }));
    return { items: out.Items, next: out.NextToken };
  });
}

export async function listIntegrations(clients: GatewayClients, ApiId: string): Promise<V2.Integration[]> {
  const { GetIntegrationsCommand } = await sdkV2();
  return allPages(async (NextToken) => {
    const out = await clients.v2.send(new GetIntegrationsCommand({ ApiId, NextToken, MaxResults: V2_LIMIT }));
    return { items: out.Items, next: out.NextToken };
  });
}

export async function listV2Stages(clients: GatewayClients, ApiId: string): Promise<V2.Stage[]> {
  const { GetStagesCommand } = await sdkV2();
  return allPages(async (NextToken) => {
    const out = await clients.v2.send(new GetStagesCommand({ ApiId, NextToken, MaxResults: V2_LIMIT }));
    return { items: out.Items, next: out.NextToken };
  });
}

export async function listV2Deployments(clients: GatewayClients, ApiId: string): Promise<V2.Deployment[]> {
  const { GetDeploymentsCommand } = await sdkV2();
  const all = await allPages(async (NextToken) => {
    const out = await clients.v2.send(new GetDeploymentsCommand({ ApiId, NextToken, MaxResults: V2_LIMIT }));
    return { items: out.Items, next: out.NextToken };
  });
  return all.sort((a, b) => (b.CreatedDate?.getTime() ?? 0) - (a.CreatedDate?.getTime() ?? 0));
}

export interface CustomDomainMapping {
  domainName: string;
  basePath?: string;
  apiId: string;
  stage?: string;
}

/** Every custom-domain mapping of the account, v1 base-path mappings and v2 API mappings alike. */
export async function listCustomDomainMappings(clients: GatewayClients): Promise<CustomDomainMapping[]> {
  const [{ GetDomainNamesCommand, GetBasePathMappingsCommand }, v2] = await Promise.all([sdkV1(), sdkV2()]);
  const domains = await allPages(async (position) => {
    const out = await clients.v1.send(new GetDomainNamesCommand({ position, limit: V1_LIMIT }));
    return { items: out.items, next: out.position };
  });
  const mappings: CustomDomainMapping[] = [];
  for (const domain of domains) {
    if (!domain.domainName) continue;
    const domainName = domain.domainName;
    const v1Mappings = await allPages(async (position) => {
      const out = await clients.v1.send(new GetBasePathMappingsCommand({ domainName, position, limit: V1_LIMIT }));
      return { items: out.items, next: out.position };
    });
    for (const m of v1Mappings) if (m.restApiId) mappings.push({ domainName, basePath: m.basePath, apiId: m.restApiId, stage: m.stage });
  }
  // Emulators that implement only the v1 domain API refuse this call; v1 mappings are still worth showing.
  const v2Domains = await allPages(async (NextToken) => {
    const out = await clients.v2.send(new v2.GetDomainNamesCommand({ NextToken, MaxResults: V2_LIMIT }));
    return { items: out.Items, next: out.NextToken };
  }).catch((error: { name?: string }) => {
    if (error.name === 'NotFoundException' || error.name === 'UnknownOperationException') return [] as V2.DomainName[];
    throw error;
  });
  for (const domain of v2Domains) {
    const DomainName = domain.DomainName;
    if (!DomainName || mappings.some((m) => m.domainName === DomainName)) continue;
    const v2Mappings = await allPages(async (NextToken) => {
      const out = await clients.v2.send(new v2.GetApiMappingsCommand({ DomainName, NextToken, MaxResults: V2_LIMIT }));
      return { items: out.Items, next: out.NextToken };
    });
    for (const m of v2Mappings) if (m.ApiId) mappings.push({ domainName: DomainName, basePath: m.ApiMappingKey || undefined, apiId: m.ApiId, stage: m.Stage });
  }
  return mappings;
}
