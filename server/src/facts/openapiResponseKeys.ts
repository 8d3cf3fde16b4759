import { SCHEMA_SOURCES, type OpenApiVersion } from './openapiSchemaSources';

/** Where each version's official schema defines the Responses Object. */
const RESPONSES_DEFINITION: Record<OpenApiVersion, [string, string]> = {
  '2.0': ['definitions', 'responses'],
  '3.0': ['definitions', 'Responses'],
  '3.1': ['$defs', 'responses'],
};

type Definitions = Record<string, { patternProperties?: Record<string, unknown> } | undefined>;

const statusKeyPatterns = new Map<OpenApiVersion, RegExp[]>();

/**
 * Whether the official schema of a version takes a key of `responses` as a status code: any three digits in 2.0,
 * ranges such as `2XX` as well from 3.0 on. Read from the same schemas the structure check validates with.
 */
export function isOpenApiStatusKey(version: OpenApiVersion, key: string): boolean {
  let patterns = statusKeyPatterns.get(version);
  if (!patterns) {
    const [container, name] = RESPONSES_DEFINITION[version];
    const definitions = (SCHEMA_SOURCES[version].schema as Record<string, Definitions | undefined>)[container];
    const written = Object.keys(definitions?.[name]?.patternProperties ?? {}).filter((p) => p !== '^x-');
    statusKeyPatterns.set(version, (patterns = written.map((p) => new RegExp(p))));
  }
  return patterns.some((p) => p.test(key));
}
