import type * as V1 from '@aws-sdk/client-api-gateway';
import type { GatewayClients } from '../aws/connection';
import type { ApiKind } from '../aws/invokeUrl';
import * as listing from '../aws/listing';
import { rebuildRestDefinition, type RestApiState } from './restDefinition';

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

/** What GetRestApi and the list calls return about a REST API now, deployed or not. */
export async function readRestApiState(clients: GatewayClients, apiId: string): Promise<RestApiState & { stages: V1.Stage[] }> {
  const { GetRestApiCommand } = await import('@aws-sdk/client-api-gateway');
  const [api, resources, models, authorizers, requestValidators, stages, gatewayResponses] = await Promise.all([
    clients.v1.send(new GetRestApiCommand({ restApiId: apiId })),
    listing.listResources(clients, apiId),
    listing.listModels(clients, apiId),
    listing.listAuthorizers(clients, apiId),
    listing.listRequestValidators(clients, apiId),
    listing.listRestStages(clients, apiId),
    // Emulators without gateway responses refuse the call; the rest of the definition is still worth backing up.
    listing.listGatewayResponses(clients, apiId).catch((error: { name?: string }) => {
      if (error.name === 'UnknownOperationException') return undefined;
      throw error;
    }),
  ]);
  const { $metadata: _ignored, ...restApi } = api;
  return { restApi, resources, models, authorizers, requestValidators, gatewayResponses, stages };
}

/**
 * The undeployed state of a REST API (resources, methods, integrations, models, authorizers) as JSON: an export only
 * shows what a stage serves, and changes made since its last deployment would otherwise be lost by an overwrite.
 */
export function snapshotJson(state: RestApiState & { stages?: V1.Stage[] }): string {
  const { restApi, resources, models, authorizers, requestValidators, gatewayResponses, stages } = state;
  return JSON.stringify({ restApi, resources, models, authorizers, requestValidators, gatewayResponses, stages }, null, 2) + '\n';
}

/**
 * The OpenAPI 3.0 YAML with API Gateway extensions that GetExport would give if the API's current configuration were
 * deployed; for APIs that have no stage to export.
 */
export async function rebuiltYaml(state: RestApiState, region?: string): Promise<{ yaml: string; notes: string[] }> {
  const { stringify } = await import('yaml');
  const { document, notes } = rebuildRestDefinition(state, { region });
  // Unfolded lines keep mapping templates and patterns byte for byte as API Gateway holds them. YAML 1.1 readers,
  // common among importers, take an unquoted 2012-10-17 for a date and `on` for a boolean; 1.1's quoting rules avoid both.
  return { yaml: stringify(document, { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false }), notes };
}
