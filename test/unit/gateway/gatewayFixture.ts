import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLocalGateway, type LocalGateway } from '../../../server/src/gateway/gateway';
import { LambdaHost } from '../../../server/src/gateway/lambda/lambdaHost';
import type { LocalConfig } from '../../../server/src/gateway/localConfig';
import { documentFromText } from '../../../server/src/gateway/workspaceFiles';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

/** One Lambda host for the test files; `closeHost` in `after` stops its workers, which start again on demand. */
export const host = new LambdaHost(FIXTURES);

export function closeHost(): void {
  host.dispose();
}

/** A gateway for an inline document; `.json` names parse as JSON, anything else as YAML. */
export function gatewayFor(text: string, config: LocalConfig = {}, name = 'api.yaml'): LocalGateway {
  return createLocalGateway(documentFromText(path.join(FIXTURES, name), text), config, { lambdaHost: host, baseDir: FIXTURES });
}

export function exampleGateway(file: string, config: LocalConfig = {}): LocalGateway {
  const absolute = path.join(EXAMPLES, file);
  return createLocalGateway(documentFromText(absolute, readFileSync(absolute, 'utf8')), config, { lambdaHost: host, baseDir: FIXTURES });
}

/** A `functions` entry for an export of fixtures/handlers.js. */
export function fn(exportName: string, extra: Partial<NonNullable<LocalConfig['functions']>[string]> = {}) {
  return { handler: 'handlers.js', export: exportName, ...extra };
}

export function lambdaUri(name: string): string {
  return `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;
}

export function json(body: string): unknown {
  return JSON.parse(body);
}
