import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import type { GatewayClients } from '../aws/connection';
import type { ApiKind } from '../aws/invokeUrl';
import { listRestStages, listV2Stages } from '../aws/listing';

/**
 * Points a stage at an earlier deployment; the deployment itself is unchanged, so this can be reversed the same way.
 * A REST stage's canary would keep its share of the traffic on the newer deployment, so it is removed in the same
 * update: the stage serves the chosen deployment alone. Returns a sentence on the removed canary, if there was one.
 */
export async function rollbackStage(clients: GatewayClients, kind: ApiKind, apiId: string, stageName: string, deploymentId: string): Promise<string | undefined> {
  if (kind === 'REST') {
    const { GetStageCommand, UpdateStageCommand } = await import('@aws-sdk/client-api-gateway');
    const canary = (await clients.v1.send(new GetStageCommand({ restApiId: apiId, stageName }))).canarySettings;
    const patchOperations: PatchOperation[] = [{ op: 'replace', path: '/deploymentId', value: deploymentId }];
    if (canary) patchOperations.push({ op: 'remove', path: '/canarySettings' });
    await clients.v1.send(new UpdateStageCommand({ restApiId: apiId, stageName, patchOperations }));
    if (!canary) return undefined;
    return `Its canary, which sent ${canary.percentTraffic ?? 0}% of the traffic${canary.deploymentId ? ` to deployment ${canary.deploymentId}` : ''}, was removed.`;
  }
  const { UpdateStageCommand } = await import('@aws-sdk/client-apigatewayv2');
  await clients.v2.send(new UpdateStageCommand({ ApiId: apiId, StageName: stageName, DeploymentId: deploymentId }));
  return undefined;
}

export async function deleteApi(clients: GatewayClients, kind: ApiKind, apiId: string): Promise<void> {
  if (kind === 'REST') {
    const { DeleteRestApiCommand } = await import('@aws-sdk/client-api-gateway');
    await clients.v1.send(new DeleteRestApiCommand({ restApiId: apiId }));
    return;
  }
  const { DeleteApiCommand } = await import('@aws-sdk/client-apigatewayv2');
  await clients.v2.send(new DeleteApiCommand({ ApiId: apiId }));
}

/** Existing stage names of an API, for the deploy picker. */
export async function stageNames(clients: GatewayClients, kind: ApiKind, apiId: string): Promise<{ name: string; autoDeploy: boolean; deploymentId?: string }[]> {
  if (kind === 'REST') {
    return (await listRestStages(clients, apiId)).map((s) => ({ name: s.stageName ?? '', autoDeploy: false, deploymentId: s.deploymentId }));
  }
  return (await listV2Stages(clients, apiId)).map((s) => ({ name: s.StageName ?? '', autoDeploy: s.AutoDeploy ?? false, deploymentId: s.DeploymentId }));
}
