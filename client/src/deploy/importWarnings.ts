const HTTP_METHODS = 'GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|ANY|TRACE|X-AMAZON-APIGATEWAY-ANY-METHOD';

export interface LocatedWarning {
  message: string;
  /** Zero-based line of the document the warning names, or 0 when it names nothing found. */
  line: number;
  path?: string;
  method?: string;
}

/** Picks the path, method and model a warning text names, in the phrasings API Gateway's importers use. */
export function warningSubject(warning: string): { path?: string; method?: string; model?: string } {
  const routeKey = new RegExp(`'(${HTTP_METHODS}) (/[^']*)'`, 'i').exec(warning) ?? new RegExp(`\\b(${HTTP_METHODS}) (/\\S*)`, 'i').exec(warning);
  if (routeKey) return { method: routeKey[1].toUpperCase(), path: routeKey[2].replace(/[.,;:]+$/, '') };
  const method = new RegExp(`'(${HTTP_METHODS})'`, 'i').exec(warning)?.[1]?.toUpperCase();
  const pathMatch = /(?:path|resource)(?: at path)? '(\/[^']*)'/i.exec(warning) ?? /'(\/[^']*)'/.exec(warning);
  const model = /model '([^']+)'/i.exec(warning)?.[1];
  return { method, path: pathMatch?.[1], model };
}

interface KeyLine {
  line: number;
  indent: number;
  key: string;
}

/** The mapping keys of a YAML or pretty-printed JSON document with their indentation, in order. */
function keyLines(text: string): KeyLine[] {
  const out: KeyLine[] = [];
  text.split(/\r?\n/).forEach((raw, line) => {
    const match = /^(\s*)(?:-\s+)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s:#][^:#]*?))\s*:(?:\s|$)/.exec(raw);
    if (match) out.push({ line, indent: match[1].length, key: match[2] ?? match[3] ?? match[4] ?? '' });
  });
  return out;
}

function findChild(keys: KeyLine[], parent: KeyLine | undefined, name: (key: string) => boolean): KeyLine | undefined {
  const start = parent ? keys.indexOf(parent) + 1 : 0;
  for (let i = start; i < keys.length; i++) {
    const k = keys[i];
    if (parent && k.indent <= parent.indent) return undefined;
    if (name(k.key)) return k;
  }
  return undefined;
}

/** Places each import warning on the line of the path, operation or model it names; line 0 when it names none. */
export function locateWarnings(warnings: string[], documentText: string): LocatedWarning[] {
  const keys = keyLines(documentText);
  const paths = keys.find((k) => k.key === 'paths');
  return warnings.map((message) => {
    const subject = warningSubject(message);
    let line = 0;
    if (subject.path) {
      const pathKey = findChild(keys, paths, (k) => k === subject.path);
      if (pathKey) {
        line = pathKey.line;
        const method = subject.method === 'ANY' ? 'x-amazon-apigateway-any-method' : subject.method?.toLowerCase();
        const methodKey = method ? findChild(keys, pathKey, (k) => k.toLowerCase() === method) : undefined;
        if (methodKey) line = methodKey.line;
      }
    } else if (subject.model) {
      const container = keys.find((k) => k.key === 'definitions') ?? keys.find((k) => k.key === 'schemas');
      const modelKey = findChild(keys, container, (k) => k === subject.model);
      if (modelKey) line = modelKey.line;
    }
    return { message, line, path: subject.path, method: subject.method };
  });
}
