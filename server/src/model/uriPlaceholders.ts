/**
 * The `{name}` placeholders of a REST HTTP integration's URI, read one way for the editor's check and the local
 * gateway alike, so that the two agree on what a URI asks to be filled. A placeholder is filled from the
 * `integration.request.path.NAME` mapping of its name without the greedy `+` (`{proxy+}` from `...path.proxy`);
 * `${stageVariables.x}` and `${AWS::Region}` are stage variables, not placeholders.
 */

export interface UriPlaceholder {
  /** The name its mapping sets: `proxy` for `{proxy+}`. */
  name: string;
  /** Written `{name+}`: its value may span path segments. */
  greedy: boolean;
  /**
   * Before the query string and the fragment. Only there does an unfilled placeholder reach API Gateway's URI parser
   * as a brace it refuses ("Illegal character in path"); in the query string it is sent as it is.
   */
  inPath: boolean;
  /** Where its `{` stands in the URI, and the offset after its `}`. */
  offset: number;
  end: number;
}

/** Stage variables first, so that their braces are not read as placeholders nor a `?` inside them as the query. */
const URI_PARTS = /\$\{[^}]*\}|\{([^{}]*)\}|[?#]/g;

/** The URI's placeholders in order, with any that are written twice listed each time. */
export function uriPlaceholders(uri: string): UriPlaceholder[] {
  const placeholders: UriPlaceholder[] = [];
  let inPath = true;
  for (const match of uri.matchAll(URI_PARTS)) {
    const [text, inner] = match;
    if (text === '?' || text === '#') inPath = false;
    else if (inner !== undefined) {
      const greedy = inner.endsWith('+');
      placeholders.push({ name: greedy ? inner.slice(0, -1) : inner, greedy, inPath, offset: match.index, end: match.index + text.length });
    }
  }
  return placeholders;
}
