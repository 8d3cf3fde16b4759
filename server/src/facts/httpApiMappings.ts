import { guidePage } from './extensions/docsUrls';

export const HTTP_PARAMETER_MAPPING_URL = guidePage('http-api-parameter-mapping');

/**
 * The value of an HTTP API `remove:` parameter mapping (http-api-parameter-mapping). API Gateway removes the header or
 * query string parameter the key names and reads nothing from the value, yet it does not take every value: the
 * guide's example that renames a request header removes the old one with `''`, and AWS refuses `""` there (LocalStack's
 * HTTP API integration tests, recorded against AWS). An empty value is no mapping at all: the guide deletes a
 * configured mapping by sending one, and a mapping created with one is left out.
 */
export const REMOVE_MAPPING_VALUE = "''";

/** What completion and hover say of the value of a `remove:` mapping. */
export const REMOVE_MAPPING_VALUE_DOC =
  "API Gateway reads nothing from the value of a `remove:` mapping, but it takes only some values: write `''` (two single " +
  'quotes), as the AWS examples do. It refuses `""`, and it takes an empty value for no mapping at all, so nothing is removed.';

/** The side of the integration a mapping is on: the request API Gateway sends it, or the response it returns. */
export type MappingSide = 'request' | 'response';

/** The variables an HTTP API mapping of each side reads, as messages name them; any other value is static text. */
export const HTTP_MAPPING_VARIABLES: Record<MappingSide, string> = {
  request: '`$request.*`, `$context.*` and `$stageVariables.*`',
  response: '`$response.*`, `$context.*` and `$stageVariables.*`',
};

/** A name as a REST source ends with it: no blank, and no braces, which would end an HTTP API `${...}` variable. */
const NAME = '([^\\s{}]+)';

/**
 * REST API mapping sources (request-response-data-mappings) and the HTTP API variable that reads the same value
 * (http-api-parameter-mapping). HTTP APIs have no multi-value sources: `$request.header.NAME` and
 * `$request.querystring.NAME` combine repeated values with commas, so they stand for the multi-value ones too.
 */
const HTTP_FORMS_OF_REST_SOURCES: Record<MappingSide, [RegExp, (match: RegExpExecArray) => string][]> = {
  request: [
    [new RegExp(`^method\\.request\\.(?:multivalue)?(header|querystring)\\.${NAME}$`), (m) => `$request.${m[1]}.${m[2]}`],
    [new RegExp(`^method\\.request\\.path\\.${NAME}$`), (m) => `$request.path.${m[1]}`],
    [new RegExp(`^method\\.request\\.body((?:\\.[^\\s{}]+)?)$`), (m) => `$request.body${m[1]}`],
  ],
  response: [
    [new RegExp(`^integration\\.response\\.(?:multivalue)?header\\.${NAME}$`), (m) => `$response.header.${m[1]}`],
    [new RegExp(`^integration\\.response\\.body((?:\\.[^\\s{}]+)?)$`), (m) => `$response.body${m[1]}`],
  ],
};

/** Context and stage variables, which both kinds of API and both sides read: REST names them without the `$`. */
const REST_VARIABLE = /^(?:context(?:\.[A-Za-z0-9_]+)+|stageVariables\.[A-Za-z0-9_]+)$/;

/**
 * A REST API mapping source as an HTTP API mapping on `side` writes it (`method.request.header.X` is
 * `$request.header.X`, `context.requestId` is `$context.requestId`); undefined for any other value, a source of the
 * other side included.
 */
export function httpMappingSource(source: string, side: MappingSide): string | undefined {
  if (REST_VARIABLE.test(source)) return `$${source}`;
  for (const [form, write] of HTTP_FORMS_OF_REST_SOURCES[side]) {
    const match = form.exec(source);
    if (match) return write(match);
  }
  return undefined;
}

/** A REST multi-value source (`method.request.multivalueheader.X`), whose HTTP API form joins the values. */
export function isMultiValueSource(source: string): boolean {
  return /^(?:method\.request|integration\.response)\.multivalue/.test(source);
}
