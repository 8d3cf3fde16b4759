import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isObject, operationsOf, type JsonObject } from './openapiDocument';

const DEFINITION_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
/** Requests the seeder sends to its own fake carry a well-formed SigV4 credential scope; the fake checks no more. */
const SEED_AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=SEEDKEY/20240101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0';

/**
 * Imports every OpenAPI file of `dir` through the fake's own wire protocol, as an HTTP API when the document is
 * written for one (it declares `x-amazon-apigateway-importexport-version`, or gives its proxy integrations a
 * `payloadFormatVersion` and uses no REST-only feature) and as a REST API otherwise, then deploys each to a `dev`
 * stage. Returns one line per file.
 */
export async function seedFromFolder(baseUrl: string, dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => DEFINITION_EXTENSIONS.has(extname(name).toLowerCase())).sort();
  } catch (error) {
    throw new Error(`Cannot read the seed folder '${dir}': ${error instanceof Error ? error.message : String(error)}`);
  }
  const report: string[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    const doc = readDocument(text);
    if (!doc) {
      report.push(`${name}: skipped, not an OpenAPI or Swagger document`);
      continue;
    }
    try {
      report.push(`${name}: ${isHttpApiDocument(doc) ? await seedHttpApi(baseUrl, text) : await seedRestApi(baseUrl, text)}`);
    } catch (error) {
      report.push(`${name}: not imported, ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return report;
}

function readDocument(text: string): JsonObject | undefined {
  try {
    const parsed: unknown = text.trim().startsWith('{') ? JSON.parse(text) : parseYaml(text);
    return isObject(parsed) && isObject(parsed.paths) && (typeof parsed.openapi === 'string' || typeof parsed.swagger === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function isHttpApiDocument(doc: JsonObject): boolean {
  if (doc['x-amazon-apigateway-importexport-version'] !== undefined) return true;
  if (typeof doc.swagger === 'string') return false;
  const components = isObject(doc.components) ? doc.components : {};
  let payloadFormatVersion = isObject(components['x-amazon-apigateway-integrations']);
  for (const item of Object.values(doc.paths as JsonObject)) {
    if (!isObject(item)) continue;
    for (const [, op] of operationsOf(item)) {
      const integration = op['x-amazon-apigateway-integration'];
      if (!isObject(integration)) continue;
      // MOCK, AWS and HTTP integrations exist only in REST APIs, whatever else the document says.
      if (typeof integration.type === 'string' && !/^(aws_proxy|http_proxy)$/i.test(integration.type)) return false;
      if (integration.payloadFormatVersion !== undefined) payloadFormatVersion = true;
    }
  }
  return payloadFormatVersion && !usesRestOnlyAuthorizers(components);
}

/** Token and Cognito user pool authorizers belong to REST APIs; HTTP APIs have JWT and request authorizers. */
function usesRestOnlyAuthorizers(components: JsonObject): boolean {
  const schemes = isObject(components.securitySchemes) ? Object.values(components.securitySchemes) : [];
  return schemes.some((scheme) => {
    const authorizer = isObject(scheme) ? scheme['x-amazon-apigateway-authorizer'] : undefined;
    return isObject(authorizer) && /^(token|cognito_user_pools)$/i.test(String(authorizer.type));
  });
}

async function call(baseUrl: string, method: string, path: string, body: string): Promise<JsonObject> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    body,
    headers: { Authorization: SEED_AUTHORIZATION, 'Content-Type': 'application/json' },
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const message = isObject(parsed) && typeof parsed.message === 'string' ? parsed.message : text;
    throw new Error(`${response.headers.get('x-amzn-errortype') ?? response.status}: ${message}`);
  }
  return isObject(parsed) ? parsed : {};
}

async function seedRestApi(baseUrl: string, text: string): Promise<string> {
  const api = await call(baseUrl, 'POST', '/restapis?mode=import', text);
  const id = String(api.id);
  try {
    await call(baseUrl, 'POST', `/restapis/${id}/deployments`, JSON.stringify({ stageName: 'dev', description: 'seeded' }));
    return `REST API ${id} '${String(api.name)}' deployed to dev`;
  } catch (error) {
    return `REST API ${id} '${String(api.name)}' imported, not deployed (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function seedHttpApi(baseUrl: string, text: string): Promise<string> {
  const api = await call(baseUrl, 'PUT', '/v2/apis', JSON.stringify({ body: text }));
  const id = String(api.apiId);
  try {
    await call(baseUrl, 'POST', `/v2/apis/${id}/stages`, JSON.stringify({ stageName: 'dev' }));
    await call(baseUrl, 'POST', `/v2/apis/${id}/deployments`, JSON.stringify({ stageName: 'dev', description: 'seeded' }));
    return `HTTP API ${id} '${String(api.name)}' deployed to dev`;
  } catch (error) {
    return `HTTP API ${id} '${String(api.name)}' imported, not deployed (${error instanceof Error ? error.message : String(error)})`;
  }
}
