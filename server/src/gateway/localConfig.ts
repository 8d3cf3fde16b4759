import { isJsonObject } from '../model/jsonObjects';
import * as path from 'node:path';
import type { Dialect } from '../model/dialect';

/**
 * The workspace's local-run settings, `.apigateway/local.json`. The JSON Schema beside this file
 * (localConfigSchema.json) describes the same shape for editors.
 */
export interface LocalConfig {
  /** Local handlers, keyed by Lambda function name, `name:alias`, or full function ARN. */
  functions?: Record<string, LocalFunction>;
  /** Stage variables and settings per stage name. */
  stages?: Record<string, { variables?: Record<string, string> }>;
  /** The stage used when a request names none. */
  defaultStage?: string;
  /** Valid API keys (`x-api-key`). When absent, any non-empty key is accepted. */
  apiKeys?: string[];
  /** Public keys for JWT and Cognito authorizers: a JWKS, applied to every issuer, or one JWKS per issuer URL. */
  jwks?: Jwks | Record<string, Jwks>;
  /** Credentials whose SigV4 signatures IAM-authorized routes accept. */
  credentials?: LocalCredentials[];
  region?: string;
  accountId?: string;
  apiId?: string;
}

export interface LocalFunction {
  /** Path of the handler file (JavaScript, CommonJS or ES module, or TypeScript), relative to the workspace folder. */
  handler: string;
  /** Exported function name; default `handler`. */
  export?: string;
  environment?: Record<string, string>;
  /** Lambda's own timeout, in seconds; default 3, as Lambda's. */
  timeoutSeconds?: number;
  memorySizeMB?: number;
}

export interface Jwks {
  keys: Array<Record<string, unknown>>;
}

export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Reported as `$context.identity.userArn`. */
  userArn?: string;
}

export const DEFAULT_CONFIG_PATH = path.join('.apigateway', 'local.json');

/** Parses and checks the configuration text; the messages name the offending key. */
export function parseLocalConfig(text: string, source = 'local.json'): LocalConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isJsonObject(value)) throw new Error(`${source}: the configuration must be a JSON object`);
  const problems: string[] = [];
  const functions = value.functions;
  if (functions !== undefined) {
    if (!isJsonObject(functions)) problems.push('functions must be an object');
    else {
      for (const [name, fn] of Object.entries(functions)) {
        if (!isJsonObject(fn) || typeof fn.handler !== 'string') problems.push(`functions.${name}.handler must be a file path`);
        else if (fn.timeoutSeconds !== undefined && !(typeof fn.timeoutSeconds === 'number' && fn.timeoutSeconds > 0)) {
          problems.push(`functions.${name}.timeoutSeconds must be a positive number`);
        } else if (fn.environment !== undefined && !isStringMap(fn.environment)) {
          problems.push(`functions.${name}.environment must map names to strings`);
        }
      }
    }
  }
  if (value.stages !== undefined) {
    if (!isJsonObject(value.stages)) problems.push('stages must be an object');
    else {
      for (const [name, stage] of Object.entries(value.stages)) {
        if (!isJsonObject(stage) || (stage.variables !== undefined && !isStringMap(stage.variables))) {
          problems.push(`stages.${name}.variables must map names to strings`);
        }
      }
    }
  }
  if (value.apiKeys !== undefined && !(Array.isArray(value.apiKeys) && value.apiKeys.every((k) => typeof k === 'string'))) {
    problems.push('apiKeys must be a list of strings');
  }
  if (value.credentials !== undefined) {
    const ok = Array.isArray(value.credentials) && value.credentials.every((c) => isJsonObject(c) && typeof c.accessKeyId === 'string' && typeof c.secretAccessKey === 'string');
    if (!ok) problems.push('credentials must be a list of {accessKeyId, secretAccessKey}');
  }
  if (value.jwks !== undefined && !isJsonObject(value.jwks)) problems.push('jwks must be a JWKS object or a map of issuer to JWKS');
  if (problems.length) throw new Error(`${source}: ${problems.join('; ')}`);
  return value as LocalConfig;
}

/** The JWKS that applies to an issuer: the issuer's own entry, else a top-level `keys` set. */
export function jwksFor(config: LocalConfig, issuer: string | undefined): Jwks | undefined {
  const jwks = config.jwks;
  if (!jwks) return undefined;
  if (Array.isArray((jwks as Jwks).keys)) return jwks as Jwks;
  if (issuer === undefined) return undefined;
  const entry = (jwks as Record<string, Jwks>)[issuer] ?? (jwks as Record<string, Jwks>)[issuer.replace(/\/$/, '')];
  return entry && Array.isArray(entry.keys) ? entry : undefined;
}

/** The stage of a request that names none. HTTP APIs have a `$default` stage; a REST API has none, so one is named. */
export function defaultStage(config: LocalConfig, dialect: Dialect): string {
  return config.defaultStage || (dialect === 'http' ? '$default' : 'local');
}

export function stageVariablesFor(config: LocalConfig, stage: string): Record<string, string> {
  return config.stages?.[stage]?.variables ?? {};
}

function isStringMap(value: unknown): boolean {
  return isJsonObject(value) && Object.values(value).every((v) => typeof v === 'string');
}
