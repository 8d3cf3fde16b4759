import type { TestInvokeMethodCommandInput, TestInvokeMethodCommandOutput } from '@aws-sdk/client-api-gateway';
import type { GatewayClients } from '../aws/connection';
import { listResources } from '../aws/listing';
import type { InvokeDraft, InvokeOutcome } from './invokeMessages';
import { multiValues, NEEDS_REST_API_ID, pathWithQuery } from './invokeRequest';

/** A draft that cannot be test-invoked as it stands; its message says what to change. */
export class TestInvokeInputError extends Error {}

/**
 * TestInvokeMethod's input for the draft. Headers with one value go in `headers`; a header with several goes in
 * `multiValueHeaders` too, which is where API Gateway reads them from for multi-value mappings.
 */
export function buildTestInvokeInput(draft: InvokeDraft, restApiId: string, resourceId: string): TestInvokeMethodCommandInput {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(multiValues(draft.headers))) {
    headers[name] = values[values.length - 1] ?? '';
    if (values.length > 1) multiValueHeaders[name] = values;
  }
  const input: TestInvokeMethodCommandInput = {
    restApiId,
    resourceId,
    httpMethod: draft.method.toUpperCase(),
    pathWithQueryString: pathWithQuery(draft),
  };
  if (draft.body !== '') input.body = draft.body;
  if (Object.keys(headers).length) input.headers = headers;
  if (Object.keys(multiValueHeaders).length) input.multiValueHeaders = multiValueHeaders;
  if (Object.keys(draft.stageVariables).length) input.stageVariables = draft.stageVariables;
  if (draft.clientCertificateId?.trim()) input.clientCertificateId = draft.clientCertificateId.trim();
  return input;
}

/** The id of the REST API resource whose path is the template, e.g. `/pets/{petId}`. */
export async function findResourceId(clients: GatewayClients, restApiId: string, pathTemplate: string): Promise<string> {
  const resources = await listResources(clients, restApiId);
  const found = resources.find((r) => r.path === pathTemplate);
  if (!found?.id) {
    throw new TestInvokeInputError(`The REST API ${restApiId} has no resource ${pathTemplate}. Deploy the document first, or check the API id.`);
  }
  return found.id;
}

/** The log TestInvokeMethod returns as one text, split into lines without the blank ones. */
export function logLines(log: string | undefined): string[] {
  return (log ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
}

export function outcomeFromTestInvoke(output: TestInvokeMethodCommandOutput, calledAs: string): InvokeOutcome {
  const outcome: InvokeOutcome = {
    target: 'testInvoke',
    status: output.status ?? 0,
    headers: output.headers ?? {},
    body: output.body ?? '',
    latencyMs: output.latency ?? 0,
    log: logLines(output.log),
    calledAs,
    at: new Date().toISOString(),
  };
  if (output.multiValueHeaders && Object.keys(output.multiValueHeaders).length) outcome.multiValueHeaders = output.multiValueHeaders;
  return outcome;
}

/** Runs the draft through API Gateway's TestInvokeMethod, finding the resource by path when the draft names none. */
export async function runTestInvoke(clients: GatewayClients, draft: InvokeDraft): Promise<InvokeOutcome> {
  const restApiId = draft.restApiId?.trim();
  if (!restApiId) throw new TestInvokeInputError(NEEDS_REST_API_ID);
  const resourceId = draft.resourceId?.trim() || (await findResourceId(clients, restApiId, draft.pathTemplate));
  const { TestInvokeMethodCommand } = await import('@aws-sdk/client-api-gateway');
  const input = buildTestInvokeInput(draft, restApiId, resourceId);
  const output = await clients.v1.send(new TestInvokeMethodCommand(input));
  return outcomeFromTestInvoke(output, `TestInvokeMethod on ${restApiId} (resource ${resourceId}), ${clients.connection.region}`);
}
