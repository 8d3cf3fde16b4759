import { getOwn, setOwn } from '../../model/jsonObjects';
import type { MethodRequest } from '../methodRequest';
import { contextValue } from './mappingSources';

/**
 * What HTTP API parameter mappings share in both directions: how a value is written (one `$request.x` / `$response.x`
 * reference, or text with `${...}` references) and how a header action applies.
 */

/**
 * Where a reference written without braces ends, inside other text (`/items/$request.path.id/details`): after the
 * longest name its kind allows. Header, query string and path parameter names are letters, digits, `_` and `-`; stage
 * variable names letters, digits and `_`, as AWS allows; `$context.` names are parts of letters, digits and `_`
 * joined by dots, AWS allowing "only special characters . and _" there; `$request.body.` and `$response.body.` take a
 * JSONPath of names, `[n]`, `[*]` and `['name']`. A name with other characters, or text that would read as part of a
 * name, needs `${...}`. (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html)
 */
const NAME = '[A-Za-z0-9_-]+';
const WORD = '[A-Za-z0-9_]+';
const JSON_PATH = `${NAME}(?:\\.${NAME}|\\[(?:\\d+|\\*|'[^']*')\\])*`;
const SHARED = `context\\.${WORD}(?:\\.${WORD})*|stageVariables\\.${WORD}`;
const UNBRACED = {
  request: `request\\.(?:header|querystring)\\.${NAME}|request\\.path(?:\\.${NAME})?|request\\.body(?:\\.${JSON_PATH})?|${SHARED}`,
  response: `response\\.header\\.${NAME}|response\\.body(?:\\.${JSON_PATH})?|${SHARED}`,
};
/** `${...}`, or a reference without braces; the braces may hold the `$` too (`${$request.path.id}`). */
const REFERENCE = {
  request: new RegExp(`\\$\\{\\$?([^{}]+)\\}|\\$(${UNBRACED.request})`, 'g'),
  response: new RegExp(`\\$\\{\\$?([^{}]+)\\}|\\$(${UNBRACED.response})`, 'g'),
};
/**
 * A value that is one reference whole: braced, one reference of the grammar above, or a header, query string or
 * context reference whose name runs to the end of the value, whatever characters it has but `$`, braces and spaces
 * (`$request.header.X.Trace` names the header `X.Trace`, `$context.authorizer.claims.custom:tenant` that claim).
 */
const WHOLE = {
  request: new RegExp(`^\\$\\{\\$?([^\${}]+)\\}$|^\\$(${UNBRACED.request}|(?:request\\.(?:header|querystring)|context)\\.[^\${}\\s]+)$`),
  response: new RegExp(`^\\$\\{\\$?([^\${}]+)\\}$|^\\$(${UNBRACED.response}|(?:response\\.header|context)\\.[^\${}\\s]+)$`),
};

/** The value a mapping writes; `lookup` gets each reference without its `$`, and unknown ones read as empty. */
export function interpolate(template: string, direction: 'request' | 'response', lookup: (expression: string) => string | undefined): string {
  const whole = wholeReference(template, direction);
  if (whole !== undefined) return lookup(whole) ?? '';
  return template.replace(REFERENCE[direction], (_, braced: string | undefined, bare: string | undefined) => lookup(braced ?? bare ?? '') ?? '');
}

/**
 * The value a request mapping writes, or undefined when the whole value is one reference (`$request.header.x` or
 * `${request.header.x}`) that has nothing to read: the mapping is then left out instead of sending an empty value.
 * References inside other text still read as empty.
 */
export function mappedValue(template: string, direction: 'request' | 'response', lookup: (expression: string) => string | undefined): string | undefined {
  const whole = wholeReference(template, direction);
  if (whole !== undefined) return lookup(whole);
  return interpolate(template, direction, lookup);
}

function wholeReference(template: string, direction: 'request' | 'response'): string | undefined {
  const m = WHOLE[direction].exec(template);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** `stageVariables.x` and `context.x`, which mappings of both directions read. */
export function stageOrContextValue(expression: string, request: MethodRequest): string | undefined {
  if (expression.startsWith('stageVariables.')) return getOwn(request.stageVariables, expression.slice('stageVariables.'.length));
  if (expression.startsWith('context.')) return contextValue(request.context, expression.slice('context.'.length));
  return undefined;
}

/** `append`, `overwrite` or `remove` of one header, whose name matches case-insensitively. */
export function applyHeaderAction(headers: Record<string, string>, action: string, name: string, value: string): void {
  const existing = Object.keys(headers).find((h) => h.toLowerCase() === name.toLowerCase());
  if (action === 'remove') {
    if (existing) delete headers[existing];
  } else if (action === 'append' && existing) {
    headers[existing] = `${headers[existing]},${value}`;
  } else {
    if (existing) delete headers[existing];
    setOwn(headers, name, value);
  }
}

/** The log line of a mapping left out for its empty value, which API Gateway takes for no mapping (`REMOVE_MAPPING_VALUE`). */
export function emptyMappingNote(key: string): string {
  return `Parameter mapping ${key} left out: an empty value is no mapping to API Gateway`;
}
