/**
 * Whether an integration response may map a value into a method response header, decided one way for the editor's
 * check and the local gateway alike. AWS rejects a `method.response.header.NAME` mapping unless the method response
 * of that status declares the header ("Invalid mapping expression specified ... No method response exists for
 * method" when the method declares no response for the status at all).
 */

/** How an integration response's `responseParameters` key names the method response header it writes. */
export const MAPPED_HEADER_PREFIX = 'method.response.header.';

/** The header a `responseParameters` key (`method.response.header.X-Id`) writes; undefined for any other key. */
export function mappedResponseHeader(key: string): string | undefined {
  return key.length > MAPPED_HEADER_PREFIX.length && key.startsWith(MAPPED_HEADER_PREFIX) ? key.slice(MAPPED_HEADER_PREFIX.length) : undefined;
}

/** Why a header mapping is refused: the method has no response for the status, or that response lacks the header. */
export type UndeclaredHeader = 'no-response' | 'no-header';

/**
 * What is wrong with mapping into `header`, or undefined when the method response declares it. `declared` lists the
 * header names of the method response of the mapped status, undefined when the method declares no response for it.
 * Header names compare case-insensitively, as HTTP reads them.
 */
export function undeclaredResponseHeader(header: string, declared: readonly string[] | undefined): UndeclaredHeader | undefined {
  if (declared === undefined) return 'no-response';
  const wanted = header.toLowerCase();
  for (let i = 0; i < declared.length; i++) if (declared[i].toLowerCase() === wanted) return undefined;
  return 'no-header';
}

/** Where a refused header mapping stands: the header, the status it maps into, and the method. */
export interface HeaderMappingSite {
  header: string;
  statusCode: string;
  method: string;
  path: string;
}

/** The sentence that explains a refused header mapping, for the diagnostic and the execution log. */
export function undeclaredResponseHeaderMessage(problem: UndeclaredHeader, { header, statusCode, method, path }: HeaderMappingSite): string {
  return problem === 'no-response'
    ? `${method} ${path} declares no "${statusCode}" response, so there is no method response header "${header}" to map; AWS rejects header mappings for a status the method does not declare.`
    : `The "${statusCode}" response of ${method} ${path} declares no header "${header}"; AWS rejects mappings to undeclared method response headers.`;
}
