import * as path from 'node:path';
import type { Dialect } from '../model/dialect';
import { nearMiss } from '../services/rules/nearMiss';
import { jsonLocator, parseStrictJson, type TextPosition } from './jsonLocations';
import localConfigSchema from '../../../schemas/local-config.schema.json';
import { checkAgainstSchema, type ConfigSchema } from './schemaCheck';

/**
 * The workspace's local-run settings, `.apigateway/local.json`. The JSON Schema beside this file
 * (schemas/local-config.schema.json) describes the same shape: the reader checks the file against it, and editors can too.
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
  [CONFIG_NOTES]?: ConfigNotes;
}

export interface LocalFunction {
  /** Path of the handler file (JavaScript, CommonJS or ES module, or TypeScript), relative to the workspace folder. */
  handler: string;
  /** Exported function name; default `handler`. */
  export?: string;
  environment?: Record<string, string>;
  /** Lambda's own timeout, in seconds; default 3, as Lambda's. */
  timeoutSeconds?: number;
  /** Lambda's memory size; default 128, as Lambda's. Locally it limits the memory of the handler's process. */
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

/** What reading the file found that does not stop it from being used; kept with the configuration it came from. */
export const CONFIG_NOTES = Symbol('local configuration notes');

interface ConfigNotes {
  /** The file, as the messages name it. */
  source: string;
  warnings: string[];
}

const SCHEMA = localConfigSchema as ConfigSchema;

/** Errors beyond this many are counted, not listed: a file that wrong is better fixed from the top. */
const LISTED_ERRORS = 20;

/**
 * Parses and checks the configuration text against its JSON Schema (schemas/local-config.schema.json), so that the file is
 * accepted exactly when the schema accepts it. What cannot be used is an error naming the file, line and column, and
 * the key; keys the schema does not know, and a default stage that is not defined, are warnings
 * (`localConfigWarnings`), as they are ignored.
 */
export function parseLocalConfig(text: string, source = 'local.json'): LocalConfig {
  // Editors on Windows may start a UTF-8 file with a byte order mark, which JSON.parse refuses.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new Error(`${source}: the file is empty; write {} for a configuration without settings`);
  const parsed = parseStrictJson(body);
  if (!('value' in parsed)) throw new Error(`${place(source, parsed.position)}: not valid JSON (${parsed.problem})`);
  const locate = jsonLocator(body);
  const problems = checkAgainstSchema(parsed.value, SCHEMA);
  const errors = problems.filter((p) => !p.unknownKey).map((p) => `${place(source, locate(p.path))}: ${p.message}`);
  if (errors.length) {
    const more = errors.length - LISTED_ERRORS;
    throw new Error([...errors.slice(0, LISTED_ERRORS), ...(more > 0 ? [`${source}: ${more} more problems`] : [])].join('\n'));
  }
  const config = parsed.value as LocalConfig;
  const warnings = problems.filter((p) => p.unknownKey).map((p) => `${place(source, locate(p.path, true))}: ${p.message}`);
  const stage = config.defaultStage;
  if (stage !== undefined && !definesStage(config, stage)) {
    warnings.push(`${place(source, locate(['defaultStage']))}: defaultStage ${JSON.stringify(stage)} ${notDefined(config, stage)}: requests that name no stage get no stage variables`);
  }
  config[CONFIG_NOTES] = { source, warnings };
  return config;
}

/** The configuration's warnings, each naming the file, its line and column, and the key. */
export function localConfigWarnings(config: LocalConfig): readonly string[] {
  return config[CONFIG_NOTES]?.warnings ?? [];
}

/**
 * A notice for a request on a stage the configuration does not define while it defines others: most likely a typo
 * or a forgotten stage, which would run with no stage variables.
 */
export function undefinedStageNotice(config: LocalConfig, stage: string): string | undefined {
  if (!config.stages || Object.keys(config.stages).length === 0 || definesStage(config, stage)) return undefined;
  const source = config[CONFIG_NOTES]?.source ?? 'the local configuration';
  return `Stage ${JSON.stringify(stage)} ${notDefined(config, stage)} in ${source}: the request gets no stage variables`;
}

function definesStage(config: LocalConfig, stage: string): boolean {
  return !!config.stages && Object.hasOwn(config.stages, stage);
}

function notDefined(config: LocalConfig, stage: string): string {
  const names = Object.keys(config.stages ?? {});
  if (names.length === 0) return 'is not defined (there is no "stages")';
  const meant = nearMiss(stage, names);
  return `is not defined under "stages" (${meant ? `did you mean ${JSON.stringify(meant)}?` : `defined: ${names.join(', ')}`})`;
}

function place(source: string, position: TextPosition | undefined): string {
  return position ? `${source}:${position.line}:${position.column}` : source;
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
