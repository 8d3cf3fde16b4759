import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { CompletionSite } from '../editing/completionSite';
import { MAPPING_LOCATION, parametersAt } from '../editing/operationFacts';
import { literalItem, stemItem, valueItem } from './completionItems';

/** REST mapping expressions for the operation's declared parameters, narrowed to the location already typed. */
export function parameterExpressionItems(site: CompletionSite): CompletionItem[] {
  const expressions: Expression[] = parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    return location ? [{ text: `method.request.${location}.${p.name}`, detail: `${p.in} parameter` }] : [];
  });
  expressions.push({ text: 'method.request.body', detail: 'The request body' });
  return expressionItems(site, expressions);
}

/** HTTP API mapping sources: the declared parameters first, then the open-ended variables. */
export function httpExpressionItems(site: CompletionSite): CompletionItem[] {
  const declared: Expression[] = parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    return location ? [{ text: `$request.${location}.${p.name}`, detail: `${p.in} parameter` }] : [];
  });
  return expressionItems(site, [...declared, ...HTTP_SOURCES]);
}

interface Expression {
  text: string;
  detail: string;
  /** The start of an expression: the name that completes it comes after. */
  stem?: boolean;
  /** A single-quoted literal, inserted with its text selected. */
  literal?: boolean;
}

const HTTP_SOURCES: Expression[] = [
  { text: '$request.path', detail: 'The whole request path' },
  { text: '$request.header.', detail: 'A request header', stem: true },
  { text: '$request.querystring.', detail: 'A query string parameter', stem: true },
  { text: '$request.body.', detail: 'A JSONPath into the request body', stem: true },
  { text: '$context.', detail: 'A context variable', stem: true },
  { text: '$stageVariables.', detail: 'A stage variable', stem: true },
];

export const RESPONSE_SOURCES: Expression[] = [
  { text: 'integration.response.header.', detail: 'A header of the backend response', stem: true },
  { text: 'integration.response.body', detail: 'The whole backend response body' },
  { text: 'integration.response.body.', detail: 'A JSONPath into the backend response body', stem: true },
  { text: "'static'", detail: 'A static value', literal: true },
  { text: 'stageVariables.', detail: 'A stage variable', stem: true },
  { text: 'context.', detail: 'A context variable', stem: true },
];

/** Once a dot is typed, only expressions continuing what is typed are offered. */
export function expressionItems(site: CompletionSite, expressions: Expression[]): CompletionItem[] {
  const typed = site.prefix;
  const narrowed = typed.slice(0, typed.lastIndexOf('.') + 1);
  return expressions
    .filter((e) => e.text.startsWith(narrowed) && !(e.stem && e.text === typed))
    .map((e) => (e.literal ? literalItem(site, e.detail) : e.stem ? stemItem(site, e.text, e.detail) : valueItem(site, e.text, CompletionItemKind.Variable, e.detail)));
}
