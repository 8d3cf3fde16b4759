/**
 * Code action kinds are hierarchical, their parts separated by dots: `source.fixAll.apigateway` is a `source.fixAll`
 * and a `source`, so a request for `source` asks for it too.
 * https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#codeActionKind
 */

/** Whether `kind` is `base` or one of the kinds below it. */
export function isKindWithin(kind: string | undefined, base: string): boolean {
  return kind !== undefined && (kind === base || kind.startsWith(`${base}.`));
}

/** Whether a code action request's `only` asks for actions of `kind`; a request without `only` asks for every kind. */
export function requestAsksFor(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => isKindWithin(kind, requested));
}
