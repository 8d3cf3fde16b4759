/**
 * What the `pattern`s of the official OpenAPI schemas ask for, in words: a finding names the form a value must take
 * instead of showing the regular expression. Keyed by the pattern exactly as the schemas write it.
 */
export const SCHEMA_PATTERN_MESSAGES: Record<string, string> = {
  // Swagger 2.0 `host`.
  '^[^{}/ :\\\\]+(?::\\d+)?$': 'must be a plain host name, optionally with `:port`; Swagger 2.0 `host` takes no scheme, no path and no `{templating}`',
  // Swagger 2.0 `basePath`.
  '^/': 'must start with `/`',
  '^3\\.0\\.\\d(-.+)?$': 'must be an OpenAPI 3.0 version such as `3.0.3`',
  '^3\\.1\\.\\d+(-.+)?$': 'must be an OpenAPI 3.1 version such as `3.1.0`',
  // OpenAPI 3.1 component names.
  '^[a-zA-Z0-9._-]+$': 'may hold only letters, digits, `.`, `_` and `-`',
};
