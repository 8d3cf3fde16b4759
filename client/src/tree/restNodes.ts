import type * as V1 from '@aws-sdk/client-api-gateway';
import type { GatewayClients } from '../aws/connection';
import { integrationTarget, lambdaFunctionName } from '../aws/integrationTarget';
import { invokeUrl, invokeUrlChoices, type DomainMapping } from '../aws/invokeUrl';
import {
  listAuthorizers, listDeployments, listModels, listRequestValidators, listResources, listRestStages,
} from '../aws/listing';
import { partition } from '../aws/regions';
import { domainMappings } from './domainMappings';
import { folder, formatDate, invokeUrlRows, leaf, STAGE_VARIABLES, type ApiRef, type TreeNode } from './nodes';

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

export function restApiArn(region: string, apiId: string): string {
  return `arn:${partition(region)}:apigateway:${region}::/restapis/${apiId}`;
}

export function restApiNode(clients: GatewayClients, api: V1.RestApi): TreeNode {
  const ref: ApiRef = { kind: 'REST', apiId: api.id ?? '', name: api.name ?? api.id ?? '' };
  const id = `rest/${ref.apiId}`;
  const region = clients.connection.region;
  const endpointTypes = api.endpointConfiguration?.types?.join(', ');
  return {
    id,
    kind: 'api',
    label: ref.name,
    description: [ref.apiId, endpointTypes].filter(Boolean).join(' · '),
    tooltip: [
      `REST API ${ref.name}`, `id: ${ref.apiId}`, `ARN: ${restApiArn(region, ref.apiId)}`,
      api.description ? `description: ${api.description}` : '', api.createdDate ? `created: ${formatDate(api.createdDate)}` : '',
      endpointTypes ? `endpoint: ${endpointTypes}` : '', api.version ? `version: ${api.version}` : '',
    ].filter(Boolean).join('\n'),
    icon: 'symbol-interface',
    contextValue: 'api.rest',
    api: ref,
    load: async () => [
      folder(`${id}/resources`, 'Resources', 'symbol-namespace', () => resourceNodes(clients, ref), { api: ref, contextValue: 'folder.resources' }),
      folder(`${id}/stages`, 'Stages', 'layers', () => restStageNodes(clients, ref), { api: ref, contextValue: 'folder.stages' }),
      folder(`${id}/authorizers`, 'Authorizers', 'shield', () => authorizerNodes(clients, ref), { api: ref }),
      folder(`${id}/models`, 'Models', 'symbol-structure', () => modelNodes(clients, ref), { api: ref }),
      folder(`${id}/validators`, 'Request validators', 'checklist', () => validatorNodes(clients, ref), { api: ref }),
    ],
  };
}

/** Resources arrive as a flat list with parent ids; the tree nests them by path, each with its methods first. */
export async function resourceNodes(clients: GatewayClients, api: ApiRef): Promise<TreeNode[]> {
  const resources = await listResources(clients, api.apiId);
  return buildResourceTree(resources, api, clients.connection.region);
}

export function buildResourceTree(resources: V1.Resource[], api: ApiRef, region: string): TreeNode[] {
  const children = new Map<string, V1.Resource[]>();
  for (const resource of resources) {
    const key = resource.parentId ?? '';
    children.set(key, [...(children.get(key) ?? []), resource]);
  }
  const ids = new Set(resources.map((r) => r.id));
  // A root is a resource whose parent is absent from the list: normally only "/".
  const roots = resources.filter((r) => !r.parentId || !ids.has(r.parentId));
  const toNode = (resource: V1.Resource): TreeNode => {
    const path = resource.path ?? '/';
    const nested = (children.get(resource.id ?? '') ?? []).sort((a, b) => (a.pathPart ?? '').localeCompare(b.pathPart ?? ''));
    const methods = Object.entries(resource.resourceMethods ?? {}).sort(
      ([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b) || a.localeCompare(b),
    );
    const kids = [...methods.map(([verb, method]) => methodNode(api, resource, verb, method, region)), ...nested.map(toNode)];
    return {
      id: `rest/${api.apiId}/resource/${resource.id}`,
      kind: 'resource',
      label: resource.pathPart ? `/${resource.pathPart}` : '/',
      description: methods.map(([verb]) => verb).join(' '),
      tooltip: `${path}\nresource id: ${resource.id}\nARN: ${restApiArn(region, api.apiId)}/resources/${resource.id}`,
      icon: /\{.+\}/.test(resource.pathPart ?? '') ? 'symbol-variable' : 'folder',
      contextValue: 'resource',
      api,
      expanded: !resource.parentId,
      load: kids.length ? async () => kids : undefined,
    };
  };
  return roots.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '')).map(toNode);
}

export function describeMethod(method: V1.Method): string {
  const auth = method.authorizationType ?? 'NONE';
  const integration = method.methodIntegration;
  const parts = [auth + (method.apiKeyRequired ? ' + API key' : '')];
  if (integration?.type) {
    const target = integrationTarget(integration.type, integration.uri);
    parts.push(target && target !== integration.type.toLowerCase() ? `${integration.type} → ${target}` : integration.type);
  }
  return parts.join(' · ');
}

function methodNode(api: ApiRef, resource: V1.Resource, verb: string, method: V1.Method, region: string): TreeNode {
  const integration = method.methodIntegration;
  const lambda = integration?.uri ? lambdaFunctionName(integration.uri) : undefined;
  return leaf(`rest/${api.apiId}/resource/${resource.id}/${verb}`, verb, 'symbol-method', {
    kind: 'method',
    contextValue: 'method',
    description: describeMethod(method),
    tooltip: [
      `${verb} ${resource.path}`,
      `authorization: ${method.authorizationType ?? 'NONE'}${method.authorizerId ? ` (authorizer ${method.authorizerId})` : ''}`,
      integration?.type ? `integration: ${integration.type}${integration.httpMethod ? ` ${integration.httpMethod}` : ''}` : 'no integration',
      integration?.uri ? `uri: ${integration.uri}` : '',
      lambda ? `Lambda function: ${lambda}` : '',
      `ARN: ${restApiArn(region, api.apiId)}/resources/${resource.id}/methods/${verb}`,
    ].filter(Boolean).join('\n'),
    api,
    operation: { path: resource.path ?? '/', method: verb, resourceId: resource.id },
  });
}

async function restStageNodes(clients: GatewayClients, api: ApiRef): Promise<TreeNode[]> {
  const [stages, mappings] = await Promise.all([listRestStages(clients, api.apiId), domainMappings(clients)]);
  return stages
    .sort((a, b) => (a.stageName ?? '').localeCompare(b.stageName ?? ''))
    .map((stage) => restStageNode(clients, api, stage, mappings));
}

export function restStageNode(clients: GatewayClients, api: ApiRef, stage: V1.Stage, mappings: DomainMapping[] = []): TreeNode {
  const name = stage.stageName ?? '';
  const id = `rest/${api.apiId}/stage/${name}`;
  const url = invokeUrl(clients.connection, { kind: 'REST', apiId: api.apiId, stage: name });
  const updated = stage.lastUpdatedDate ?? stage.createdDate;
  const canary = stage.canarySettings;
  return {
    id,
    kind: 'stage',
    label: name,
    description: [stage.deploymentId ? `deployment ${stage.deploymentId}` : 'no deployment', formatDate(updated), canary ? `canary ${canary.percentTraffic ?? 0}%` : '']
      .filter(Boolean).join(' · '),
    tooltip: [`stage ${name}`, `deployment: ${stage.deploymentId ?? '(none)'}`, `invoke URL: ${url}`,
      `ARN: ${restApiArn(clients.connection.region, api.apiId)}/stages/${name}`, stage.description ? `description: ${stage.description}` : '']
      .filter(Boolean).join('\n'),
    icon: 'layers-active',
    contextValue: 'stage.rest',
    api,
    stage: name,
    deploymentId: stage.deploymentId,
    url,
    load: async () => {
      const rows = invokeUrlRows(id, api, name, invokeUrlChoices(clients.connection, { kind: 'REST', apiId: api.apiId }, [name], mappings));
      const variables = Object.entries(stage.variables ?? {});
      if (variables.length) {
        rows.push(folder(`${id}/variables`, 'Stage variables', 'symbol-key', async () =>
          variables.map(([key, value]) => leaf(`${id}/variables/${key}`, key, 'symbol-constant', { description: value, tooltip: `${key} = ${value}` })),
        { description: String(variables.length), contextValue: STAGE_VARIABLES }));
      }
      if (canary) {
        rows.push(leaf(`${id}/canary`, 'Canary', 'beaker', {
          description: `${canary.percentTraffic ?? 0}% → deployment ${canary.deploymentId ?? '?'}`,
          tooltip: [`percent traffic: ${canary.percentTraffic ?? 0}`, `deployment: ${canary.deploymentId ?? '(none)'}`,
            ...Object.entries(canary.stageVariableOverrides ?? {}).map(([k, v]) => `override ${k} = ${v}`)].join('\n'),
        }));
      }
      rows.push(folder(`${id}/deployments`, 'Deployment history', 'history', () => restDeploymentNodes(clients, api, name, stage.deploymentId), { api, stage: name }));
      return rows;
    },
  };
}

async function restDeploymentNodes(clients: GatewayClients, api: ApiRef, stage: string, current: string | undefined): Promise<TreeNode[]> {
  const deployments = await listDeployments(clients, api.apiId, current);
  return deployments.map((deployment) => {
    const isCurrent = deployment.id === current;
    return leaf(`rest/${api.apiId}/stage/${stage}/deployment/${deployment.id}`, formatDate(deployment.createdDate) || deployment.id || '', isCurrent ? 'pass-filled' : 'circle-outline', {
      kind: 'deployment',
      contextValue: isCurrent ? 'deployment.current' : 'deployment.rollback',
      description: [deployment.id, isCurrent ? 'current' : '', deployment.description].filter(Boolean).join(' · '),
      tooltip: `deployment ${deployment.id}\ncreated: ${formatDate(deployment.createdDate)}${deployment.description ? `\n${deployment.description}` : ''}${isCurrent ? `\nserving stage ${stage}` : `\nroll stage ${stage} back to it from the context menu`}`,
      api, stage, deploymentId: deployment.id, currentDeploymentId: current,
    });
  });
}

async function authorizerNodes(clients: GatewayClients, api: ApiRef): Promise<TreeNode[]> {
  const authorizers = await listAuthorizers(clients, api.apiId);
  return authorizers.map((a) => {
    const lambda = a.authorizerUri ? lambdaFunctionName(a.authorizerUri) : undefined;
    return leaf(`rest/${api.apiId}/authorizer/${a.id}`, a.name ?? a.id ?? '', 'shield', {
      kind: 'authorizer',
      description: [a.type, lambda ? `λ ${lambda}` : '', a.identitySource].filter(Boolean).join(' · '),
      tooltip: [`authorizer ${a.name}`, `id: ${a.id}`, `type: ${a.type}`, a.identitySource ? `identity source: ${a.identitySource}` : '',
        a.authorizerUri ? `uri: ${a.authorizerUri}` : '', ...(a.providerARNs ?? []).map((arn) => `provider: ${arn}`),
        `ARN: ${restApiArn(clients.connection.region, api.apiId)}/authorizers/${a.id}`].filter(Boolean).join('\n'),
    });
  });
}

async function modelNodes(clients: GatewayClients, api: ApiRef): Promise<TreeNode[]> {
  const models = await listModels(clients, api.apiId);
  return models.map((m) =>
    leaf(`rest/${api.apiId}/model/${m.id}`, m.name ?? m.id ?? '', 'symbol-structure', {
      kind: 'model',
      description: m.contentType,
      tooltip: [`model ${m.name}`, `id: ${m.id}`, m.description ?? ''].filter(Boolean).join('\n'),
    }));
}

async function validatorNodes(clients: GatewayClients, api: ApiRef): Promise<TreeNode[]> {
  const validators = await listRequestValidators(clients, api.apiId);
  return validators.map((v) =>
    leaf(`rest/${api.apiId}/validator/${v.id}`, v.name ?? v.id ?? '', 'checklist', {
      kind: 'validator',
      description: [v.validateRequestBody ? 'body' : '', v.validateRequestParameters ? 'parameters' : ''].filter(Boolean).join(' + ') || 'nothing',
      tooltip: `request validator ${v.name}\nid: ${v.id}`,
    }));
}
