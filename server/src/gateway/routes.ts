import type { ApiModel, Operation } from './apiModel';

interface RouteNode {
  statics: Map<string, RouteNode>;
  param?: { name: string; node: RouteNode };
  greedy?: { name: string; node: RouteNode };
  /** Operations at this resource by upper-case method (`ANY` included). */
  methods: Map<string, Operation>;
}

export interface RouteMatch {
  operation: Operation;
  pathParameters: Record<string, string>;
}

export interface RouteTable {
  /**
   * The operation for a method and a path relative to the base path, or undefined when no route matches. An HTTP
   * API's `$default` route catches what no other route matches, unless `useDefaultRoute` is false.
   */
  match(method: string, path: string, useDefaultRoute?: boolean): RouteMatch | undefined;
  /** Whether any resource exists at the path, whatever its methods (CORS preflight needs it). */
  resourceMethods(path: string): string[] | undefined;
}

/**
 * API Gateway picks the most specific resource: a full match of the path beats a greedy `{proxy+}`, and among full
 * matches, as among greedy ones, a literal segment beats `{param}`. A candidate without the method (or ANY) gives way
 * to the next one: `DELETE /items/special` reaches `DELETE /items/{id}` when `/items/special` has only GET, and an
 * ANY greedy route catches what the specific resources do not implement. Only when no candidate has the method is
 * the route missing.
 */
export function buildRouteTable(model: ApiModel): RouteTable {
  const root = newNode();
  let defaultRoute: Operation | undefined;
  for (const op of model.operations) {
    if (op.isDefaultRoute && model.dialect === 'http') {
      defaultRoute = op;
      continue;
    }
    let node = root;
    for (const segment of splitPath(op.resourcePath)) {
      const greedy = /^\{(.+)\+\}$/.exec(segment);
      const param = /^\{(.+)\}$/.exec(segment);
      if (greedy) {
        node.greedy ??= { name: greedy[1], node: newNode() };
        node = node.greedy.node;
      } else if (param) {
        node.param ??= { name: param[1], node: newNode() };
        node = node.param.node;
      } else {
        let next = node.statics.get(segment);
        if (!next) node.statics.set(segment, (next = newNode()));
        node = next;
      }
    }
    node.methods.set(op.method, op);
  }

  const candidates = (path: string): Candidate[] => {
    const segments = splitPath(path).map(safeDecode);
    const found: Found = { full: [], greedy: [] };
    walk(root, segments, 0, {}, found);
    // A greedy resource found down a literal branch must not shadow a full match down a sibling {param} branch:
    // `/a/b/c` goes to `/a/{x}/c` rather than `/a/b/{proxy+}`.
    return [...found.full, ...found.greedy];
  };

  return {
    match(method, path, useDefaultRoute = true) {
      const upper = method.toUpperCase();
      for (const { node, params } of candidates(path)) {
        const op = node.methods.get(upper) ?? node.methods.get('ANY');
        if (op) return { operation: op, pathParameters: params };
      }
      if (defaultRoute && useDefaultRoute) return { operation: defaultRoute, pathParameters: {} };
      return undefined;
    },
    resourceMethods(path) {
      const first = candidates(path).find((c) => c.node.methods.size > 0);
      return first ? [...first.node.methods.keys()] : undefined;
    },
  };
}

interface Candidate {
  node: RouteNode;
  params: Record<string, string>;
}

/** Matching resources, full matches apart from greedy ones, each list from most to least specific. */
interface Found {
  full: Candidate[];
  greedy: Candidate[];
}

/** Depth-first, at each segment a literal before `{param}` before `{proxy+}`: each list of `found` runs from most to least specific. */
function walk(node: RouteNode, segments: string[], index: number, params: Record<string, string>, found: Found): void {
  if (index === segments.length) {
    found.full.push({ node, params });
    return;
  }
  const segment = segments[index];
  const literal = node.statics.get(segment);
  if (literal) walk(literal, segments, index + 1, params, found);
  if (node.param && segment !== '') walk(node.param.node, segments, index + 1, { ...params, [node.param.name]: segment }, found);
  if (node.greedy) found.greedy.push({ node: node.greedy.node, params: { ...params, [node.greedy.name]: segments.slice(index).join('/') } });
}

function newNode(): RouteNode {
  return { statics: new Map(), methods: new Map() };
}

export function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The request path relative to the API's base path; paths outside the base path are taken as relative already. */
export function stripBasePath(path: string, basePath: string): string {
  const clean = path.split('?')[0] || '/';
  if (!basePath) return clean;
  if (clean === basePath) return '/';
  if (clean.startsWith(`${basePath}/`)) return clean.slice(basePath.length);
  return clean;
}
