import { EndpointSettingError, type GatewayClients } from '../aws/connection';
import { endpointLacksService, explainAwsError, type Remedy } from '../aws/errors';
import { listRestApis, listV2Apis } from '../aws/listing';
import { emptyNode, errorNode, unavailableNode, type TreeNode } from './nodes';
import { restApiNode } from './restNodes';
import { v2ApiNode } from './v2Nodes';

const EMPTY_MESSAGES: Record<string, string> = {
  'folder.resources': 'No resources',
  'folder.stages': 'No stages: deploy the API to create one',
};

/**
 * The API Gateway tree without VS Code: roots are the three kinds of API, and every expansion calls AWS. A failed
 * call becomes an error row with the explanation and its remedies, an empty list a row saying so, never a blank.
 */
export class ApiTreeModel {
  constructor(private readonly clients: () => Promise<GatewayClients>) {}

  async roots(): Promise<TreeNode[]> {
    let clients: GatewayClients;
    try {
      clients = await this.clients();
    } catch (error) {
      const remedies: Remedy[] = error instanceof EndpointSettingError ? ['configureEndpoint', 'retry'] : ['chooseProfile', 'chooseRegion', 'retry'];
      return [errorNode('root', { code: 'Configuration', message: error instanceof Error ? error.message : String(error), remedies })];
    }
    const [rest, v2] = await Promise.allSettled([listRestApis(clients), listV2Apis(clients)]);
    if (rest.status === 'rejected' && v2.status === 'rejected') return [errorNode('root', explainAwsError(rest.reason, clients.connection))];
    const where = clients.connection.region;
    // An endpoint without API Gateway v2 (LocalStack's community edition) is no failure of the listing: it is shown as
    // what the endpoint lacks, and the REST APIs beside it as usual.
    const unavailable = (reason: unknown) => endpointLacksService(reason, clients.connection) !== undefined;
    const group = (id: string, label: string, icon: string, nodes: TreeNode[] | undefined, reason: unknown): TreeNode => ({
      id: `group/${id}`,
      kind: 'group',
      label,
      icon,
      contextValue: 'group',
      description: nodes ? String(nodes.length) : unavailable(reason) ? 'unavailable' : 'error',
      expanded: true,
      load: async () => {
        if (!nodes && unavailable(reason)) return [unavailableNode(`group/${id}`, explainAwsError(reason, clients.connection))];
        if (!nodes) return [errorNode(`group/${id}`, explainAwsError(reason, clients.connection))];
        return nodes.length ? nodes : [emptyNode(`group/${id}`, `No ${label} in ${where}`)];
      },
    });
    const restNodes = rest.status === 'fulfilled'
      ? rest.value.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')).map((api) => restApiNode(clients, api)) : undefined;
    const v2Sorted = v2.status === 'fulfilled' ? v2.value.sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? '')) : undefined;
    return [
      group('rest', 'REST APIs', 'symbol-interface', restNodes, rest.status === 'rejected' ? rest.reason : undefined),
      group('http', 'HTTP APIs', 'globe', v2Sorted?.filter((a) => a.ProtocolType !== 'WEBSOCKET').map((a) => v2ApiNode(clients, a)), v2.status === 'rejected' ? v2.reason : undefined),
      group('websocket', 'WebSocket APIs', 'plug', v2Sorted?.filter((a) => a.ProtocolType === 'WEBSOCKET').map((a) => v2ApiNode(clients, a)), v2.status === 'rejected' ? v2.reason : undefined),
    ];
  }

  async children(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (!node.load) return [];
    try {
      const children = await node.load();
      if (children.length) return children;
      // WebSocket APIs are not deployed from a document, so the advice to deploy is not theirs.
      const message = node.api?.kind === 'WEBSOCKET' ? undefined : EMPTY_MESSAGES[node.contextValue];
      return [emptyNode(node.id, message ?? `No ${node.label.toLowerCase()}`)];
    } catch (error) {
      const clients = await this.clients().catch(() => undefined);
      return [errorNode(node.id, explainAwsError(error, clients?.connection ?? { region: '?' }))];
    }
  }
}
