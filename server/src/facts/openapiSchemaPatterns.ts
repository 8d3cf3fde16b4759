/**
 * What the `pattern`s of the official OpenAPI schemas ask for, in words: a finding names the form a value must take
 * instead of showing the regular expression. Keyed by the pattern exactly as the schemas write it.
 */
export const SCHEMA_PATTERN_MESSAGES: Record<string, string | ((value: unknown) => string)> = {
  // Swagger 2.0 `host`.
  '^[^{}/ :\\\\]+(?::\\d+)?$': hostMessage,
  // Swagger 2.0 `basePath`.
  '^/': 'must start with `/`',
  '^3\\.0\\.\\d(-.+)?$': 'must be an OpenAPI 3.0 version such as `3.0.3`',
  '^3\\.1\\.\\d+(-.+)?$': 'must be an OpenAPI 3.1 version such as `3.1.0`',
  // OpenAPI 3.1 component names.
  '^[a-zA-Z0-9._-]+$': 'may hold only letters, digits, `.`, `_` and `-`',
};

/**
 * A Swagger 2.0 `host` that fails its pattern, naming what it holds that the pattern refuses (a scheme, a path,
 * templating, a space, a port that is no number), so that the message does not list faults the value does not have.
 */
function hostMessage(value: unknown): string {
  const form = 'must be a plain host name, optionally with `:port`';
  if (typeof value !== 'string') return form;
  const faults: string[] = [];
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0];
  if (scheme) faults.push(`a scheme (\`${scheme}\`)`);
  const rest = value.slice(scheme?.length ?? 0);
  const slash = rest.search(/[/\\]/);
  if (slash >= 0) faults.push(`a path (\`${rest.slice(slash)}\`)`);
  const host = slash >= 0 ? rest.slice(0, slash) : rest;
  const templates = [...new Set(value.match(/\{[^}]*\}?/g) ?? [])];
  if (templates.length) faults.push(`templating (${templates.map((t) => `\`${t}\``).join(', ')})`);
  if (/\s/.test(host)) faults.push('a space');
  // A templated port is named as templating already.
  const port = /:.*$/.exec(host)?.[0];
  if (port && !/^:\d+$/.test(port) && !port.includes('{')) faults.push(`a port that is not a number (\`${port}\`)`);
  if (faults.length === 0) return form;
  const list = faults.length > 1 ? `${faults.slice(0, -1).join(', ')} and ${faults[faults.length - 1]}` : faults[0];
  return `${form}; it holds ${list}, which Swagger 2.0 \`host\` does not take`;
}
