import type { Connection } from './connection';
import { dnsSuffix } from './regions';

export type ApiKind = 'REST' | 'HTTP' | 'WEBSOCKET';

export interface InvokeTarget {
  kind: ApiKind;
  apiId: string;
  stage: string;
  /** The `ApiEndpoint` API Gateway reports for v2 APIs; preferred over a built host when present. */
  apiEndpoint?: string;
}

const LOCALSTACK_HOST = 'localhost.localstack.cloud';

/**
 * The URL that serves a stage, in the form the configured endpoint serves it:
 * - AWS: `https://{id}.execute-api.{region}.{suffix}/{stage}` (`wss://` for WebSocket; HTTP APIs' `$default` stage has no path);
 * - an endpoint on LocalStack's own hostname: its `{id}.execute-api.localhost.localstack.cloud:{port}` host form;
 * - any other custom endpoint: the path forms LocalStack also serves on every host, `/restapis/{id}/{stage}/_user_request_`
 *   for REST APIs and `/_aws/execute-api/{id}/{stage}` for v2 APIs.
 */
export function invokeUrl(connection: Connection, target: InvokeTarget): string {
  const stagePath = target.stage === '$default' ? '' : `/${encodeURIComponent(target.stage)}`;
  if (!connection.endpoint) {
    if (target.apiEndpoint && /^(https|wss):\/\//.test(target.apiEndpoint)) return `${target.apiEndpoint.replace(/\/+$/, '')}${stagePath}`;
    const scheme = target.kind === 'WEBSOCKET' ? 'wss' : 'https';
    return `${scheme}://${target.apiId}.execute-api.${connection.region}.${dnsSuffix(connection.region)}${stagePath}`;
  }
  const endpoint = new URL(connection.endpoint);
  const base = connection.endpoint.replace(/\/+$/, '');
  if (endpoint.hostname === LOCALSTACK_HOST || endpoint.hostname.endsWith(`.${LOCALSTACK_HOST}`)) {
    const scheme = target.kind === 'WEBSOCKET' ? (endpoint.protocol === 'https:' ? 'wss' : 'ws') : endpoint.protocol.replace(':', '');
    const port = endpoint.port ? `:${endpoint.port}` : '';
    return `${scheme}://${target.apiId}.execute-api.${LOCALSTACK_HOST}${port}${stagePath}`;
  }
  if (target.kind === 'REST') return `${base}/restapis/${target.apiId}/${encodeURIComponent(target.stage)}/_user_request_`;
  const wsBase = target.kind === 'WEBSOCKET' ? base.replace(/^http/, 'ws') : base;
  return `${wsBase}/_aws/execute-api/${target.apiId}${stagePath}`;
}

/** `https://{domain}/{basePath}` for a custom domain mapping; `(none)` is how API Gateway names the empty base path. */
export function customDomainUrl(domainName: string, basePath: string | undefined): string {
  const path = !basePath || basePath === '(none)' ? '' : `/${basePath.replace(/^\/+|\/+$/g, '')}`;
  return `https://${domainName}${path}`;
}

/** What a custom domain maps onto: an API's stage under a base path (undefined for the domain root). */
export interface DomainMapping {
  domainName: string;
  basePath?: string;
  apiId: string;
  stage?: string;
}

export interface InvokeUrlChoice {
  url: string;
  stage: string;
  /** The custom domain serving the stage; undefined for the default execute-api endpoint. */
  domainName?: string;
}

/**
 * The URLs that reach an API's stages: each stage's default endpoint followed by the custom-domain URLs mapped to it.
 * A v1 mapping without a stage serves every stage through the stage name as first path segment, so it is listed
 * under each stage with that segment added.
 */
export function invokeUrlChoices(connection: Connection, target: Omit<InvokeTarget, 'stage'>, stages: string[], mappings: DomainMapping[]): InvokeUrlChoice[] {
  const choices: InvokeUrlChoice[] = [];
  for (const stage of stages) {
    choices.push({ url: invokeUrl(connection, { ...target, stage }), stage });
    for (const m of mappings) {
      if (m.apiId !== target.apiId) continue;
      if (m.stage === stage) choices.push({ url: customDomainUrl(m.domainName, m.basePath), stage, domainName: m.domainName });
      else if (m.stage === undefined && stage !== '$default') {
        const base = m.basePath && m.basePath !== '(none)' ? `${m.basePath}/${stage}` : stage;
        choices.push({ url: customDomainUrl(m.domainName, base), stage, domainName: m.domainName });
      }
    }
  }
  return choices;
}
