import type { IncomingHttpHeaders } from 'node:http';
import { badRequest, GatewayError } from './errors';
import type { FakeState } from './state';

export interface RequestContext {
  state: FakeState;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HandlerResult {
  status: number;
  /** Serialised as JSON. */
  json?: unknown;
  /** Sent as is, for payload members such as an export document. */
  raw?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

interface Route {
  method: string;
  pattern: RegExp;
  labels: string[];
  handler: Handler;
}

/** A table of `METHOD /path/{label}` routes matched against request paths, label values URL-decoded. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const labels: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        const label = /^\{(\w+)\}$/.exec(segment);
        if (!label) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        labels.push(label[1]);
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), labels, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'wrong-method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.labels.forEach((label, i) => (params[label] = decodeLabel(found[i + 1])));
      return { handler: route.handler, params };
    }
    return pathMatched ? 'wrong-method' : undefined;
  }
}

function decodeLabel(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw badRequest(`Invalid URL encoding in path segment '${value}'`);
  }
}

/** Parses a JSON request body; an empty body counts as `{}` because the SDK omits bodies with no members. */
export function jsonBody(ctx: RequestContext): Record<string, unknown> {
  const text = ctx.body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('Could not parse request body into json: the body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('Could not parse request body into json: expected a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`Invalid value for '${key}': expected a string`);
  return value;
}

export function requiredString(body: Record<string, unknown>, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === '') throw badRequest(`Missing required parameter: '${key}'`);
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`Invalid value for '${key}': expected a boolean`);
  return value;
}

export function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`Invalid value for '${key}': expected a number`);
  return value;
}

export function optionalStringMap(body: Record<string, unknown>, key: string): Record<string, string> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw badRequest(`Invalid value for '${key}': expected a map of strings`);
  }
  return { ...(value as Record<string, string>) };
}

export function optionalStringList(body: Record<string, unknown>, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw badRequest(`Invalid value for '${key}': expected a list of strings`);
  }
  return [...value];
}

export function queryBoolean(ctx: RequestContext, name: string): boolean {
  const value = ctx.query.get(name);
  if (value === null) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`Invalid value for query parameter '${name}': expected true or false`);
}

export { GatewayError };
