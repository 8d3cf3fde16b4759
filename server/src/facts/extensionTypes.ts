import type { Dialect } from '../model/dialect';

/**
 * Shape of the API Gateway extension catalog: every `x-amazon-apigateway-*` extension, its fields, enums, placement,
 * REST/HTTP applicability, limits and documentation. Validation, completion, hover and the generated JSON Schema all
 * read the one catalog built from these types.
 */

/** Where in an OpenAPI document an extension may stand. */
export type Placement =
  | 'root'
  | 'info'
  | 'server'
  | 'pathItem'
  | 'operation'
  | 'securityScheme'
  | 'components'
  | 'tag';

/** Codes of values or keys of the wrong form that AWS still imports, which are warnings rather than errors. */
export type PatternCode = 'invalid-arn' | 'invalid-media-type';

export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'map' | 'any';

export interface ValueSpec {
  /** One type, or several where AWS accepts either (e.g. `payloadFormatVersion` as "1.0" or 1.0). */
  type: ValueType | ValueType[];
  /** Markdown shown in hover and completion. */
  doc: string;
  docsUrl?: string;
  /** Allowed values of a string. */
  enum?: string[];
  /** Documentation per enum value, shown on hover and in completion. */
  enumDocs?: Record<string, string>;
  /** AWS accepts the enum in any letter case (`aws_proxy` and `AWS_PROXY`). */
  caseInsensitive?: boolean;
  /** The enum values that only one dialect accepts. */
  enumDialects?: Record<string, Dialect[]>;
  /**
   * The letter case a dialect's own AWS pages write a case-insensitive enum in, where it is not the catalog's spelling
   * (the HTTP API pages write `AWS_PROXY`, the REST extension pages `aws_proxy`).
   */
  enumCase?: Partial<Record<Dialect, 'upper' | 'lower'>>;
  /** What to say of such a value written in the other dialect, when more than that it is not supported helps. */
  enumDialectAdvice?: Record<string, string>;
  minimum?: number;
  maximum?: number;
  /** A regular expression (JavaScript syntax) the string must match. */
  pattern?: string;
  /** Message when `pattern` does not match. */
  patternMessage?: string;
  /**
   * The code of a value that does not match, when it is not `invalid-value-format` (an error): ARNs AWS imports
   * unchecked and only fails on when they are used are `invalid-arn` (a warning); media types it stores as written but
   * that no request header ever names are `invalid-media-type` (a warning).
   */
  patternCode?: PatternCode;
  /** What follows from a value that does not match, when the message should say it. */
  patternConsequence?: string;
  /** Object fields. */
  fields?: FieldSpec[];
  /**
   * Fields of which an object takes at most one (IAM's `Action`/`NotAction`); with `required`, exactly one. Each name
   * is also one of `fields`.
   */
  exclusiveFields?: { names: string[]; required?: boolean }[];
  /** Object: whether keys other than `fields` are accepted (AWS ignores or rejects them). */
  additionalFields?: boolean;
  /** Array items. */
  items?: ValueSpec;
  /** Map values (`type: 'map'`), keyed by free-form names such as MIME types or response patterns. */
  values?: ValueSpec;
  /** What a map key is, for hover and completion. */
  keyDoc?: string;
  /** A regular expression map keys must match. */
  keyPattern?: string;
  /** What a key that does not match `keyPattern` should be, for the message. */
  keyPatternMessage?: string;
  /** The code of a key that does not match `keyPattern`, when it is not `invalid-map-key` (an error). */
  keyPatternCode?: PatternCode;
  /** What follows from a key that does not match `keyPattern`. */
  keyPatternConsequence?: string;
  /** The only keys the map takes (case-sensitive), reported as enum values are. */
  keyEnum?: string[];
  /** Example values offered by completion. */
  examples?: (string | number | boolean)[];
  /** The examples only one dialect's form takes (`method.request.header.X` is REST's, `$request.header.X` HTTP's). */
  exampleDialects?: Record<string, Dialect[]>;
}

export interface FieldSpec extends ValueSpec {
  name: string;
  /** Required in every dialect, or only in the listed ones. */
  required?: boolean | Dialect[];
  /** What to write when the required field is missing, when its name alone does not say. */
  missingAdvice?: string;
  /** The field is only meaningful in these dialects. */
  dialects?: Dialect[];
  /**
   * The values of the object's own `type` (lower case) whose objects read the field; others ignore it (a Cognito
   * authorizer's `authorizerUri`, a proxy integration's `requestTemplates`).
   */
  forTypes?: string[];
  /**
   * Where a dialect's objects read the field for fewer of the types it shares with the other (`forTypes` then holds
   * for the other dialect): an HTTP API's HTTP_PROXY integration has no use for `credentials`, a REST one's may.
   */
  forTypesIn?: Partial<Record<Dialect, string[]>>;
  /**
   * The string is a Java regular expression (java.util.regex.Pattern), which API Gateway compiles when it uses it; the
   * code of one that Java does not compile, reported where the field is read.
   */
  javaRegexCode?: 'invalid-identity-validation-expression';
}

export interface ExtensionSpec extends ValueSpec {
  /** Full key, e.g. `x-amazon-apigateway-integration`. */
  name: string;
  placements: Placement[];
  /**
   * Where the placements differ between specification versions: those of each version, which then replace
   * `placements` (every place the extension may stand in some version) for documents of that version.
   */
  placementsByVersion?: Partial<Record<'openapi' | 'swagger', Placement[]>>;
  /** Dialects that accept the extension. */
  dialects: Dialect[];
  docsUrl: string;
  /** One line for completion lists. */
  summary: string;
}
