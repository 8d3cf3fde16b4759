import type * as V2 from '@aws-sdk/client-apigatewayv2';
import type { GatewayClients } from '../aws/connection';
import { integrationTarget } from '../aws/integrationTarget';
import { invokeUrl, invokeUrlChoices, type ApiKind, type DomainMapping } from '../aws/invokeUrl';
import { listIntegrations, listRoutes, listV2Deployments, listV2Stages } from '../aws/listing';
import { partition } from '../aws/regions';
import { domainMappings } from './domainMappings';
import { folder, formatDate, invokeUrlRows, leaf, STAGE_VARIABLES, type ApiRef, type TreeNode } from './nodes';

export function v2ApiArn(region: string, apiId: string): string {
  return `arn:${partition(region)}:apigateway:${region}::/apis/${apiId}`;
}

export function v2ApiNode(clients: GatewayClients, api: V2.Api): TreeNode {
  const kind: ApiKind = api.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP';
  const ref: ApiRef = { kind, apiId: api.ApiId ?? '', name: api.Name ?? api.ApiId ?? '', apiEndpoint: api.ApiEndpoint };
  const id = `${kind.toLowerCase()}/${ref.apiId}`;
  const folders: TreeNode[] = [
    folder(`${id}/routes`, 'Routes', 'symbol-event', () => routeNodes(clients, ref), {
      api: ref,
      description: kind === 'WEBSOCKET' ? api.RouteSelectionExpression : undefined,
      tooltip: api.RouteSelectionExpression ? `route selection expression: ${api.RouteSelectionExpression}` : undefined,
    }),
  ];
  if (kind === 'HTTP') folders.push(folder(`${id}/integrations`, 'Integrations', 'plug', () => integrationNodes(clients, ref), { api: ref }));
  folders.push(folder(`${id}/stages`, 'Stages', 'layers', () => v2StageNodes(clients, ref), { api: ref, contextValue: 'folder.stages' }));
  return {
    id,
    kind: 'api',
    label: ref.name,
    // A bare "1" beside the id read as a count, like the group rows' counts.
    description: [ref.apiId, api.Version ? `version ${api.Version}` : ''].filter(Boolean).join(' · '),
    tooltip: [`${kind === 'HTTP' ? 'HTTP' : 'WebSocket'} API ${ref.name}`, `id: ${ref.apiId}`, `ARN: ${v2ApiArn(clients.connection.region, ref.apiId)}`,
      api.ApiEndpoint ? `endpoint: ${api.ApiEndpoint}` : '', api.RouteSelectionExpression ? `route selection: ${api.RouteSelectionExpression}` : '',
      api.Description ? `description: ${api.Description}` : '', api.CreatedDate ? `created: ${formatDate(api.CreatedDate)}` : '']
      .filter(Boolean).join('\n'),
    icon: kind === 'HTTP' ? 'globe' : 'plug',
    contextValue: kind === 'HTTP' ? 'api.http' : 'api.websocket',
    api: ref,
    load: async () => folders,
  };
}

async function routeNodes(clients: GatewayClients, api: ApiRef): Promise<TreeNode[]> {
  const [routes, integrations] = await Promise.all([
    listRoutes(clients, api.apiId),
    api.kind === 'HTTP' ? listIntegrations(clients, api.apiId) : Promise.resolve([] as V2.Integration[]),
  ]);
  const byId = new Map(integrations.map((i) => [i.IntegrationId, i]));
  return routes
    .sort((a, b) => (a.RouteKey ?? '').localeCompare(b.RouteKey ?? ''))
    .map((route) => {
      const integrationId = route.Target?.replace(/^integrations\//, '');
      const integration = integrationId ? byId.get(integrationId) : undefined;
      const target = integration ? integrationTarget(integration.IntegrationType, integration.IntegrationUri, integration.IntegrationSubtype) : integrationId ? `integration ${integrationId}` : 'no integration';
      return leaf(`${api.kind.toLowerCase()}/${api.apiId}/route/${route.RouteId}`, route.RouteKey ?? '', 'symbol-method', {
        kind: 'route',
        // A WebSocket route takes messages over a connection, which the invoke panel's HTTP requests cannot send.
        contextValue: api.kind === 'WEBSOCKET' ? 'route.websocket' : 'route',
        description: [route.AuthorizationType && route.AuthorizationType !== 'NONE' ? route.AuthorizationType : '', integration ? `${integration.IntegrationType} → ${target}` : target]
          .filter(Boolean).join(' · '),
        tooltip: [`route ${route.RouteKey}`, `id: ${route.RouteId}`, `authorization: ${route.AuthorizationType ?? 'NONE'}`,
          route.Target ? `target: ${route.Target}` : '', integration?.IntegrationUri ? `uri: ${integration.IntegrationUri}` : '',
          `ARN: ${v2ApiArn(clients.connection.region, api.apiId)}/routes/${route.RouteId}`].filter(Boolean).join('\n'),
        api,
        operation: routeOperation(route.RouteKey),
      });
    });
}

/** `GET /pets/{id}` names an operation to invoke; `$default` and WebSocket route keys do not. */
function routeOperation(routeKey: string | undefined): TreeNode['operation'] {
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey ?? '');
  return match ? { method: match[1], path: match[2] } : undefined;
}

async function integrationNodes(clients: GatewayClients, api: ApiRef): Promise<TreeNode[]> {
  const integrations = await listIntegrations(clients, api.apiId);
  return integrations.map((i) =>
    leaf(`${api.kind.toLowerCase()}/${api.apiId}/integration/${i.IntegrationId}`, integrationTarget(i.IntegrationType, i.IntegrationUri, i.IntegrationSubtype) || (i.IntegrationId ?? ''), 'plug', {
      kind: 'integration',
      description: [i.IntegrationType, i.IntegrationMethod, i.PayloadFormatVersion ? `payload ${i.PayloadFormatVersion}` : ''].filter(Boolean).join(' · '),
      tooltip: [`integration ${i.IntegrationId}`, `type: ${i.IntegrationType}`, i.IntegrationUri ? `uri: ${i.IntegrationUri}` : '',
        i.ConnectionType ? `connection: ${i.ConnectionType}` : '', i.TimeoutInMillis ? `timeout: ${i.TimeoutInMillis} ms` : ''].filter(Boolean).join('\n'),
    }));
}

async function v2StageNodes(clients: GatewayClients, api: ApiRef): Promise<TreeNode[]> {
  const [stages, mappings] = await Promise.all([listV2Stages(clients, api.apiId), domainMappings(clients)]);
  return stages
    .sort((a, b) => (a.StageName ?? '').localeCompare(b.StageName ?? ''))
    .map((stage) => v2StageNode(clients, api, stage, mappings));
}

function v2StageNode(clients: GatewayClients, api: ApiRef, stage: V2.Stage, mappings: DomainMapping[]): TreeNode {
  const name = stage.StageName ?? '';
  const id = `${api.kind.toLowerCase()}/${api.apiId}/stage/${name}`;
  const url = invokeUrl(clients.connection, { kind: api.kind, apiId: api.apiId, stage: name, apiEndpoint: api.apiEndpoint });
  return {
    id,
    kind: 'stage',
    label: name,
    description: [stage.AutoDeploy ? 'auto-deploy' : '', stage.DeploymentId ? `deployment ${stage.DeploymentId}` : 'no deployment', formatDate(stage.LastUpdatedDate ?? stage.CreatedDate)]
      .filter(Boolean).join(' · '),
    tooltip: [`stage ${name}`, `deployment: ${stage.DeploymentId ?? '(none)'}`, `auto-deploy: ${stage.AutoDeploy ? 'on' : 'off'}`, `invoke URL: ${url}`,
      stage.LastDeploymentStatusMessage ? `last deployment: ${stage.LastDeploymentStatusMessage}` : '',
      `ARN: ${v2ApiArn(clients.connection.region, api.apiId)}/stages/${name}`].filter(Boolean).join('\n'),
    icon: 'layers-active',
    contextValue: stage.AutoDeploy ? 'stage.v2.auto' : 'stage.v2',
    api,
    stage: name,
    deploymentId: stage.DeploymentId,
    url,
    load: async () => {
      const rows = invokeUrlRows(id, api, name, invokeUrlChoices(clients.connection, { kind: api.kind, apiId: api.apiId, apiEndpoint: api.apiEndpoint }, [name], mappings));
      const variables = Object.entries(stage.StageVariables ?? {});
      if (variables.length) {
        rows.push(folder(`${id}/variables`, 'Stage variables', 'symbol-key', async () =>
          variables.map(([key, value]) => leaf(`${id}/variables/${key}`, key, 'symbol-constant', { description: value, tooltip: `${key} = ${value}` })),
        { description: String(variables.length), contextValue: STAGE_VARIABLES }));
      }
      rows.push(folder(`${id}/deployments`, 'Deployment history', 'history', async () => {
        const deployments = await listV2Deployments(clients, api.apiId, stage.DeploymentId);
        return deployments.map((d) => {
          const isCurrent = d.DeploymentId === stage.DeploymentId;
          return leaf(`${id}/deployment/${d.DeploymentId}`, formatDate(d.CreatedDate) || d.DeploymentId || '', isCurrent ? 'pass-filled' : 'circle-outline', {
            kind: 'deployment',
            // An auto-deploying stage moves on by itself at the next change, so rolling it back would not stick.
            contextValue: isCurrent ? 'deployment.current' : stage.AutoDeploy ? 'deployment' : 'deployment.rollback',
            description: [d.DeploymentId, isCurrent ? 'current' : '', d.AutoDeployed ? 'auto' : '', d.Description].filter(Boolean).join(' · '),
            tooltip: `deployment ${d.DeploymentId}\nstatus: ${d.DeploymentStatus ?? '?'}\ncreated: ${formatDate(d.CreatedDate)}`,
            api, stage: name, deploymentId: d.DeploymentId, currentDeploymentId: stage.DeploymentId,
          });
        });
      }, { api, stage: name }));
      return rows;
    },
  };
}
