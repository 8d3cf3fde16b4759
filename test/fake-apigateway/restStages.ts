import { stringify as toYaml } from 'yaml';
import { badRequest, conflict, notFound } from './errors';
import { isObject } from './openapiDocument';
import { paginate } from './pagination';
import { epochSeconds, findRestApi } from './restApis';
import { exportRestDefinition } from './restExport';
import {
  jsonBody,
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalStringMap,
  requiredString,
  type HandlerResult,
  type RequestContext,
  type Router,
} from './router';
import {
  freshId,
  type CanarySettingsRecord,
  type RestApiRecord,
  type RestDeploymentRecord,
  type RestStageRecord,
} from './state';

/** Stage names: `[A-Za-z0-9_-]`, at most 128 characters (API Gateway import known issues). */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

function findStage(api: RestApiRecord, name: string): RestStageRecord {
  const stage = api.stages.get(name);
  if (!stage) throw notFound('Invalid stage identifier specified');
  return stage;
}

function findDeployment(api: RestApiRecord, id: string): RestDeploymentRecord {
  const deployment = api.deployments.get(id);
  if (!deployment) throw notFound('Invalid Deployment identifier specified');
  return deployment;
}

function deploymentView(deployment: RestDeploymentRecord): Record<string, unknown> {
  return { id: deployment.id, description: deployment.description, createdDate: epochSeconds(deployment.createdDate) };
}

function stageView(stage: RestStageRecord): Record<string, unknown> {
  return {
    ...stage,
    methodSettings: {},
    createdDate: epochSeconds(stage.createdDate),
    lastUpdatedDate: epochSeconds(stage.lastUpdatedDate),
  };
}

function createDeployment(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const body = jsonBody(ctx);
  const hasMethod = [...api.resources.values()].some((r) => Object.keys(r.resourceMethods).length > 0);
  if (!hasMethod) throw badRequest("The REST API doesn't contain any methods");
  for (const resource of api.resources.values()) {
    for (const method of Object.values(resource.resourceMethods)) {
      if (!method.methodIntegration) throw badRequest('No integration defined for method');
    }
  }
  const stageName = optionalString(body, 'stageName');
  if (stageName !== undefined && !STAGE_NAME.test(stageName)) {
    throw badRequest('Stage name only allows a-zA-Z0-9_- and must be at most 128 characters');
  }
  const canary = body.canarySettings;
  if (canary !== undefined && !isObject(canary)) throw badRequest("Invalid value for 'canarySettings': expected an object");
  if (canary && (!stageName || !api.stages.has(stageName))) {
    throw badRequest('A canary deployment needs an existing stage: pass the stageName of a stage that already exists');
  }
  const deployment: RestDeploymentRecord = {
    id: freshId(api.deployments, 6),
    description: optionalString(body, 'description'),
    createdDate: Date.now(),
    snapshot: {
      resources: [...api.resources.values()].map((r) => structuredClone(r)),
      models: [...api.models.values()].map((m) => ({ ...m })),
      authorizers: [...api.authorizers.values()].map((a) => ({ ...a })),
      requestValidators: [...api.requestValidators.values()].map((v) => ({ ...v })),
      // Gateway responses take effect through deployments too, so an export of a stage shows the deployed ones.
      gatewayResponses: [...api.gatewayResponses.values()].map((r) => structuredClone(r)),
    },
  };
  const variables = optionalStringMap(body, 'variables');
  api.deployments.set(deployment.id, deployment);
  if (stageName && canary) {
    const stage = findStage(api, stageName);
    stage.canarySettings = {
      percentTraffic: optionalNumber(canary, 'percentTraffic') ?? 0,
      deploymentId: deployment.id,
      stageVariableOverrides: optionalStringMap(canary, 'stageVariableOverrides'),
      useStageCache: optionalBoolean(canary, 'useStageCache') ?? false,
    };
    stage.lastUpdatedDate = Date.now();
  } else if (stageName) {
    const existing = api.stages.get(stageName);
    if (existing) {
      existing.deploymentId = deployment.id;
      if (variables) existing.variables = { ...existing.variables, ...variables };
      existing.lastUpdatedDate = Date.now();
    } else {
      api.stages.set(stageName, newStage(stageName, deployment.id, {
        description: optionalString(body, 'stageDescription'),
        variables,
        cacheClusterEnabled: optionalBoolean(body, 'cacheClusterEnabled'),
        tracingEnabled: optionalBoolean(body, 'tracingEnabled'),
      }));
    }
  }
  return { status: 201, json: deploymentView(deployment) };
}

function newStage(
  stageName: string,
  deploymentId: string,
  options: { description?: string; variables?: Record<string, string>; cacheClusterEnabled?: boolean; tracingEnabled?: boolean },
): RestStageRecord {
  const now = Date.now();
  return {
    stageName,
    deploymentId,
    description: options.description,
    cacheClusterEnabled: options.cacheClusterEnabled ?? false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    variables: options.variables,
    tracingEnabled: options.tracingEnabled ?? false,
    createdDate: now,
    lastUpdatedDate: now,
  };
}

function createStage(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const body = jsonBody(ctx);
  const stageName = requiredString(body, 'stageName');
  if (!STAGE_NAME.test(stageName)) throw badRequest('Stage name only allows a-zA-Z0-9_- and must be at most 128 characters');
  const deploymentId = requiredString(body, 'deploymentId');
  findDeployment(api, deploymentId);
  if (api.stages.has(stageName)) throw conflict('Stage already exists');
  const stage = newStage(stageName, deploymentId, {
    description: optionalString(body, 'description'),
    variables: optionalStringMap(body, 'variables'),
    cacheClusterEnabled: optionalBoolean(body, 'cacheClusterEnabled'),
    tracingEnabled: optionalBoolean(body, 'tracingEnabled'),
  });
  stage.tags = optionalStringMap(body, 'tags');
  const canary = body.canarySettings;
  if (isObject(canary)) {
    const canaryDeployment = optionalString(canary, 'deploymentId');
    if (canaryDeployment) findDeployment(api, canaryDeployment);
    stage.canarySettings = {
      percentTraffic: optionalNumber(canary, 'percentTraffic') ?? 0,
      deploymentId: canaryDeployment,
      stageVariableOverrides: optionalStringMap(canary, 'stageVariableOverrides'),
      useStageCache: optionalBoolean(canary, 'useStageCache') ?? false,
    };
  }
  api.stages.set(stageName, stage);
  return { status: 201, json: stageView(stage) };
}

function updateStage(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const stage = findStage(api, ctx.params.stageName);
  const operations = jsonBody(ctx).patchOperations ?? [];
  if (!Array.isArray(operations)) throw badRequest("Invalid value for 'patchOperations': expected a list");
  // Applied to a copy so that one bad operation leaves the stage untouched, as the API applies a patch atomically.
  const draft: RestStageRecord = structuredClone(stage);
  for (const operation of operations) {
    if (!isObject(operation)) throw badRequest('Invalid patch operation: expected an object');
    applyStagePatch(api, draft, operation);
  }
  draft.lastUpdatedDate = Date.now();
  api.stages.set(stage.stageName, draft);
  return { status: 200, json: stageView(draft) };
}

function applyStagePatch(api: RestApiRecord, stage: RestStageRecord, operation: Record<string, unknown>): void {
  const op = requiredString(operation, 'op');
  const path = requiredString(operation, 'path');
  const value = optionalString(operation, 'value');
  const from = optionalString(operation, 'from');
  const invalid = () => badRequest(`Invalid patch path '${path}' specified for op '${op}'. Must be one of: [/deploymentId, /description, /variables/{name}, /canarySettings/{percentTraffic|deploymentId|stageVariableOverrides/{name}|useStageCache}, /tracingEnabled, /cacheClusterEnabled]`);
  const needValue = (): string => {
    if (value === undefined) throw badRequest(`Invalid patch operation: '${op}' on '${path}' needs a value`);
    return value;
  };
  if (!['replace', 'add', 'remove', 'copy'].includes(op)) throw badRequest(`Invalid patch operation specified: '${op}'`);

  if (op === 'copy') {
    // Canary promotion copies the canary's deployment and variable overrides onto the stage itself.
    if (from === '/canarySettings/deploymentId' && path === '/deploymentId') {
      if (!stage.canarySettings?.deploymentId) throw badRequest('The stage has no canary deployment to promote');
      stage.deploymentId = stage.canarySettings.deploymentId;
      return;
    }
    if (from === '/canarySettings/stageVariableOverrides' && path === '/variables') {
      stage.variables = { ...stage.variables, ...stage.canarySettings?.stageVariableOverrides };
      return;
    }
    throw badRequest(`Invalid copy from '${from ?? ''}' to '${path}'`);
  }

  const variable = /^\/variables\/(.+)$/.exec(path);
  if (variable) {
    const name = decodePatchKey(variable[1]);
    if (op === 'remove') {
      if (stage.variables) delete stage.variables[name];
    } else {
      stage.variables = { ...stage.variables, [name]: needValue() };
    }
    return;
  }
  if (path === '/canarySettings' && op === 'remove') {
    delete stage.canarySettings;
    return;
  }
  const canaryField = /^\/canarySettings\/(.+)$/.exec(path);
  if (canaryField) {
    const canary: CanarySettingsRecord = stage.canarySettings ?? (stage.canarySettings = {});
    const override = /^stageVariableOverrides\/(.+)$/.exec(canaryField[1]);
    if (override) {
      const name = decodePatchKey(override[1]);
      if (op === 'remove') delete canary.stageVariableOverrides?.[name];
      else canary.stageVariableOverrides = { ...canary.stageVariableOverrides, [name]: needValue() };
      return;
    }
    if (canaryField[1] === 'percentTraffic') {
      const percent = Number(needValue());
      if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw badRequest('Canary percentTraffic must be a number from 0 to 100');
      canary.percentTraffic = percent;
    } else if (canaryField[1] === 'deploymentId') {
      canary.deploymentId = findDeployment(api, needValue()).id;
    } else if (canaryField[1] === 'useStageCache') {
      canary.useStageCache = needValue() === 'true';
    } else {
      throw invalid();
    }
    return;
  }
  if (op === 'remove') {
    if (path === '/description') delete stage.description;
    else throw invalid();
    return;
  }
  switch (path) {
    case '/deploymentId':
      stage.deploymentId = findDeployment(api, needValue()).id;
      return;
    case '/description':
      stage.description = needValue();
      return;
    case '/tracingEnabled':
      stage.tracingEnabled = needValue() === 'true';
      return;
    case '/cacheClusterEnabled':
      stage.cacheClusterEnabled = needValue() === 'true';
      return;
    default:
      throw invalid();
  }
}

/** JSON Pointer escapes (`~1` for `/`, `~0` for `~`) used by patch paths. */
export function decodePatchKey(key: string): string {
  return key.replace(/~1/g, '/').replace(/~0/g, '~');
}

function getExport(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const stage = findStage(api, ctx.params.stageName);
  const exportType = ctx.params.exportType.toLowerCase();
  if (exportType !== 'oas30' && exportType !== 'swagger') {
    throw badRequest(`Invalid export type '${ctx.params.exportType}': this fake exports oas30 and swagger`);
  }
  const accept = String(ctx.headers.accept ?? 'application/json').toLowerCase();
  const yaml = accept.includes('yaml');
  if (!yaml && !accept.includes('json') && !accept.includes('*/*')) {
    throw badRequest(`Unsupported Accept '${accept}': use application/json or application/yaml`);
  }
  const extensions = (ctx.query.get('extensions') ?? '').toLowerCase().split(',').map((e) => e.trim());
  const deployment = findDeployment(api, stage.deploymentId);
  const doc = exportRestDefinition(api, deployment.snapshot, {
    format: exportType,
    stageName: stage.stageName,
    withIntegrations: extensions.includes('integrations') || extensions.includes('apigateway'),
    withAuthorizers: extensions.includes('authorizers') || extensions.includes('apigateway'),
  });
  const fileName = `${api.name}-${stage.stageName}-${exportType}.${yaml ? 'yaml' : 'json'}`.replace(/"/g, '');
  return {
    status: 200,
    raw: yaml ? toYaml(doc) : JSON.stringify(doc, null, 2),
    headers: {
      'Content-Type': yaml ? 'application/yaml' : 'application/json',
      'Content-Disposition': `attachment; filename="${fileName}"`,
    },
  };
}

export function addRestStageRoutes(router: Router): void {
  router
    .add('POST', '/restapis/{restApiId}/deployments', createDeployment)
    .add('GET', '/restapis/{restApiId}/deployments', (ctx) => {
      const api = findRestApi(ctx.state, ctx.params.restApiId);
      const all = [...api.deployments.values()].map(deploymentView);
      const { page, next } = paginate(all, ctx.query.get('position'), ctx.query.get('limit'), { limit: 25, max: 500 });
      return { status: 200, json: { item: page, position: next } };
    })
    .add('GET', '/restapis/{restApiId}/deployments/{deploymentId}', (ctx) => {
      const api = findRestApi(ctx.state, ctx.params.restApiId);
      return { status: 200, json: deploymentView(findDeployment(api, ctx.params.deploymentId)) };
    })
    .add('DELETE', '/restapis/{restApiId}/deployments/{deploymentId}', (ctx) => {
      const api = findRestApi(ctx.state, ctx.params.restApiId);
      const deployment = findDeployment(api, ctx.params.deploymentId);
      if ([...api.stages.values()].some((s) => s.deploymentId === deployment.id || s.canarySettings?.deploymentId === deployment.id)) {
        throw badRequest('Active stages pointing to this deployment must be moved or deleted');
      }
      api.deployments.delete(deployment.id);
      return { status: 202 };
    })
    .add('GET', '/restapis/{restApiId}/stages', (ctx) => {
      const api = findRestApi(ctx.state, ctx.params.restApiId);
      const wanted = ctx.query.get('deploymentId');
      const stages = [...api.stages.values()].filter((s) => wanted === null || s.deploymentId === wanted);
      return { status: 200, json: { item: stages.map(stageView) } };
    })
    .add('POST', '/restapis/{restApiId}/stages', createStage)
    .add('GET', '/restapis/{restApiId}/stages/{stageName}', (ctx) => {
      const api = findRestApi(ctx.state, ctx.params.restApiId);
      return { status: 200, json: stageView(findStage(api, ctx.params.stageName)) };
    })
    .add('PATCH', '/restapis/{restApiId}/stages/{stageName}', updateStage)
    .add('DELETE', '/restapis/{restApiId}/stages/{stageName}', (ctx) => {
      const api = findRestApi(ctx.state, ctx.params.restApiId);
      api.stages.delete(findStage(api, ctx.params.stageName).stageName);
      return { status: 202 };
    })
    .add('GET', '/restapis/{restApiId}/stages/{stageName}/exports/{exportType}', getExport);
}
