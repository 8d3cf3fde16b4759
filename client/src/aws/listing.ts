import type * as V1 from '@aws-sdk/client-api-gateway';
import type * as V2 from '@aws-sdk/client-apigatewayv2';
import type { GatewayClients } from './connection';
import type { DomainMapping } from './invokeUrl';
import { notProvided } from './errorFacts';
import { allPages } from './paging';

const sdkV1 = () => import('@aws-sdk/client-api-gateway');
const sdkV2 = () => import('@aws-sdk/client-apigatewayv2');

/** The largest page each API accepts, so big accounts need few round trips. */
const V1_LIMIT = 500;
const V2_LIMIT = '500';

export interface ListOptions {
  /** Items per request; the largest the service accepts unless a caller wants smaller pages. */
  pageSize?: number;
  /**
   * Given the HTTP headers of each page's answer as soon as it is read, so that a caller can learn what the SDK's
   * result leaves out (API Gateway's clock, from `Date`) without a call of its own.
   */
  onHeaders?: (headers: Record<string, string | undefined>) => void;
}

type Watchable = { middlewareStack: { add(middleware: never, options: { step: 'deserialize'; name: string }): void } };

function watchHeaders<C extends Watchable>(command: C, onHeaders: ListOptions['onHeaders']): C {
  if (!onHeaders) return command;
  const middleware = (next: (args: unknown) => Promise<{ response: unknown }>) => async (args: unknown) => {
    const out = await next(args);
    onHeaders((out.response as { headers?: Record<string, string | undefined> } | undefined)?.headers ?? {});
    return out;
  };
  command.middlewareStack.add(middleware as never, { step: 'deserialize', name: 'apigatewayStudioHeaders' });
  return command;
}

export async function listRestApis(clients: GatewayClients, options: ListOptions = {}): Promise<V1.RestApi[]> {
  const { GetRestApisCommand } = await sdkV1();
  return allPages(async (position) => {
    const out = await clients.v1.send(watchHeaders(new GetRestApisCommand({ position, limit: options.pageSize ?? V1_LIMIT }), options.onHeaders));
    return { items: out.items, next: out.position };
  });
}

export async function listV2Apis(clients: GatewayClients, options: ListOptions = {}): Promise<V2.Api[]> {
  const { GetApisCommand } = await sdkV2();
  return allPages(async (NextToken) => {
    const command = new GetApisCommand({ NextToken, MaxResults: options.pageSize ? String(options.pageSize) : V2_LIMIT });
    const out = await clients.v2.send(watchHeaders(command, options.onHeaders));
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

/**
 * Newest first. API Gateway dates deployments in whole seconds, so a deploy soon after another can share its second:
 * among those, the one a stage serves (`serving`) comes first, since deploying points the stage at the deployment it
 * makes; the others keep the order API Gateway listed them in, as nothing else tells which came later.
 */
function newestFirst<T>(deployments: T[], facts: (d: T) => { id?: string; created?: Date }, serving?: string): T[] {
  const key = (d: T) => {
    const { id, created } = facts(d);
    return { time: created?.getTime() ?? 0, serves: serving !== undefined && id === serving };
  };
  // Array sort is stable, which keeps API Gateway's order among the rest.
  return [...deployments].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return y.time - x.time || Number(y.serves) - Number(x.serves);
  });
}

/** `serving`: the deployment the stage being looked at serves, which leads its second (see `newestFirst`). */
export async function listDeployments(clients: GatewayClients, restApiId: string, serving?: string): Promise<V1.Deployment[]> {
  const { GetDeploymentsCommand } = await sdkV1();
  const all = await allPages(async (position) => {
    const out = await clients.v1.send(new GetDeploymentsCommand({ restApiId, position, limit: V1_LIMIT }));
    return { items: out.items, next: out.position };
  });
  return newestFirst(all, (d) => ({ id: d.id, created: d.createdDate }), serving);
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

/** Every gateway response, the defaults included; `defaultResponse: false` marks the customised ones. */
export async function listGatewayResponses(clients: GatewayClients, restApiId: string): Promise<V1.GatewayResponse[]> {
  const { GetGatewayResponsesCommand } = await sdkV1();
  return allPages(async (position) => {
    const out = await clients.v1.send(new GetGatewayResponsesCommand({ restApiId, position, limit: V1_LIMIT }));
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

/** `serving`: the deployment the stage being looked at serves, which leads its second (see `newestFirst`). */
export async function listV2Deployments(clients: GatewayClients, ApiId: string, serving?: string): Promise<V2.Deployment[]> {
  const { GetDeploymentsCommand } = await sdkV2();
  const all = await allPages(async (NextToken) => {
    const out = await clients.v2.send(new GetDeploymentsCommand({ ApiId, NextToken, MaxResults: V2_LIMIT }));
    return { items: out.Items, next: out.NextToken };
  });
  return newestFirst(all, (d) => ({ id: d.DeploymentId, created: d.CreatedDate }), serving);
}

/** `basePath` is undefined for the domain root, whichever API reported the mapping. */
export type CustomDomainMapping = DomainMapping;

/** v1 names the root base path `(none)`, v2 leaves the mapping key empty: both mean the domain root. */
export function normaliseBasePath(basePath: string | undefined): string | undefined {
  return !basePath || basePath === '(none)' ? undefined : basePath.replace(/^\/+|\/+$/g, '') || undefined;
}

/** A v1 mapping made with stage `(none)` leaves the stage to the caller's first path segment. */
function stageOf(stage: string | undefined): string | undefined {
  return !stage || stage === '(none)' ? undefined : stage;
}

/**
 * Every custom-domain mapping of the account. Both APIs show the same domains, but v1 alone sees private and some
 * edge domains and v2 alone is guaranteed to see mappings to HTTP APIs, so both are read and a mapping seen twice
 * (same domain and base path) is kept once.
 */
export async function listCustomDomainMappings(clients: GatewayClients): Promise<CustomDomainMapping[]> {
  const [{ GetDomainNamesCommand, GetBasePathMappingsCommand }, v2] = await Promise.all([sdkV1(), sdkV2()]);
  const mappings = new Map<string, CustomDomainMapping>();
  const add = (mapping: CustomDomainMapping) => {
    const key = `${mapping.domainName.toLowerCase()}|${mapping.basePath ?? ''}`;
    if (!mappings.has(key)) mappings.set(key, mapping);
  };
  const domains = await allPages(async (position) => {
    const out = await clients.v1.send(new GetDomainNamesCommand({ position, limit: V1_LIMIT }));
    return { items: out.items, next: out.position };
  });
  for (const domain of domains) {
    const domainName = domain.domainName;
    if (!domainName) continue;
    const v1Mappings = await allPages(async (position) => {
      const out = await clients.v1.send(new GetBasePathMappingsCommand({ domainName, position, limit: V1_LIMIT }));
      return { items: out.items, next: out.position };
    });
    for (const m of v1Mappings) if (m.restApiId) add({ domainName, basePath: normaliseBasePath(m.basePath), apiId: m.restApiId, stage: stageOf(m.stage) });
  }
  // Emulators that implement only the v1 domain API refuse this call, or all of API Gateway v2 (LocalStack's community
  // edition, with HTTP 501); v1 mappings are still worth showing.
  const v2Domains = await allPages(async (NextToken) => {
    const out = await clients.v2.send(new v2.GetDomainNamesCommand({ NextToken, MaxResults: V2_LIMIT }));
    return { items: out.Items, next: out.NextToken };
  }).catch((error: { name?: string }) => {
    if (error.name === 'NotFoundException' || error.name === 'UnknownOperationException' || notProvided(error)) return [] as V2.DomainName[];
    throw error;
  });
  for (const domain of v2Domains) {
    const DomainName = domain.DomainName;
    if (!DomainName) continue;
    const v2Mappings = await allPages(async (NextToken) => {
      const out = await clients.v2.send(new v2.GetApiMappingsCommand({ DomainName, NextToken, MaxResults: V2_LIMIT }));
      return { items: out.Items, next: out.NextToken };
    });
    for (const m of v2Mappings) if (m.ApiId) add({ domainName: DomainName, basePath: normaliseBasePath(m.ApiMappingKey), apiId: m.ApiId, stage: stageOf(m.Stage) });
  }
  return [...mappings.values()];
}
