import type * as V1 from '@aws-sdk/client-api-gateway';
import type { GatewayClients } from '../aws/connection';
import type { ApiKind } from '../aws/invokeUrl';
import * as listing from '../aws/listing';

export interface ExportedDefinition {
  /** OpenAPI 3.0 YAML with the x-amazon-apigateway-* extensions. */
  yaml: string;
  /** For REST APIs, the stage whose deployment was exported; export needs one. */
  stage?: string;
}

function text(body: Uint8Array | undefined): string {
  return body ? Buffer.from(body).toString('utf8') : '';
}

/** The stage whose deployment best represents the API now: the preferred one, else the most recently changed. */
export function pickExportStage(stages: V1.Stage[], preferred?: string): string | undefined {
  if (preferred && stages.some((s) => s.stageName === preferred)) return preferred;
  const time = (s: V1.Stage) => (s.lastUpdatedDate ?? s.createdDate)?.getTime() ?? 0;
  return [...stages].sort((a, b) => time(b) - time(a))[0]?.stageName;
}

/**
 * Exports an API's definition as OpenAPI 3.0 YAML with API Gateway extensions. REST APIs export a stage's deployment
 * (GetExport); an API without stages has nothing to export and returns undefined. HTTP APIs export the current
 * configuration (ExportApi); WebSocket APIs cannot be exported.
 */
export async function exportDefinition(clients: GatewayClients, kind: ApiKind, apiId: string, preferredStage?: string): Promise<ExportedDefinition | undefined> {
  if (kind === 'REST') {
    const stage = pickExportStage(await listing.listRestStages(clients, apiId), preferredStage);
    if (!stage) return undefined;
    const { GetExportCommand } = await import('@aws-sdk/client-api-gateway');
    const out = await clients.v1.send(new GetExportCommand({
      restApiId: apiId, stageName: stage, exportType: 'oas30', parameters: { extensions: 'apigateway' }, accepts: 'application/yaml',
    }));
    return { yaml: text(out.body), stage };
  }
  if (kind === 'WEBSOCKET') return undefined;
  const { ExportApiCommand } = await import('@aws-sdk/client-apigatewayv2');
  const out = await clients.v2.send(new ExportApiCommand({ ApiId: apiId, Specification: 'OAS30', OutputType: 'YAML', IncludeExtensions: true }));
  return { yaml: text(out.body) };
}

/**
 * The undeployed state of a REST API (resources, methods, integrations, models, authorizers) as JSON: an export only
 * shows what a stage serves, and changes made since its last deployment would otherwise be lost by an overwrite.
 */
export async function snapshotRestApi(clients: GatewayClients, apiId: string): Promise<string> {
  const { GetRestApiCommand } = await import('@aws-sdk/client-api-gateway');
  const [api, resources, models, authorizers, validators, stages] = await Promise.all([
    clients.v1.send(new GetRestApiCommand({ restApiId: apiId })),
    listing.listResources(clients, apiId),
    listing.listModels(clients, apiId),
    listing.listAuthorizers(clients, apiId),
    listing.listRequestValidators(clients, apiId),
    listing.listRestStages(clients, apiId),
  ]);
  const { $metadata: _ignored, ...restApi } = api;
  return JSON.stringify({ restApi, resources, models, authorizers, requestValidators: validators, stages }, null, 2) + '\n';
}
