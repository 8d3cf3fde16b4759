import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import type { CompletionSite } from '../editing/completionSite';
import { indentUnit, yamlScalar } from '../editing/serialize';
import { findNodeAtPath } from '../../model/navigate';
import { describeStatus, integrationResponsesOf, statusText } from '../editing/operationFacts';
import { STATUS_CODE } from '../../facts/statusCodes';
import { GATEWAY_RESPONSE_TYPES, gatewayResponseStatusClass } from '../../facts/extensions/gatewayResponses';
import { valueItem } from './completionItems';

/**
 * The status codes most APIs answer with: offered after those the integration already returns, and as the error codes
 * a gateway response may answer with.
 */
const COMMON_STATUS_CODES = ['200', '201', '202', '204', '400', '401', '403', '404', '409', '429', '500', '502', '503', '504'];

/**
 * Status codes not yet declared: first those the operation's integration responses map to, which need a method
 * response to be returned at all, then the common ones. Each comes with the `description` every response requires.
 */
export function statusCodeItems(site: CompletionSite): CompletionItem[] {
  const mapped = integrationStatusCodes(site);
  const codes = [...new Set([...mapped, ...COMMON_STATUS_CODES])].filter((code) => !site.siblings.includes(code));
  return codes.map((code) => {
    const fromIntegration = mapped.includes(code);
    const reason = statusText(code) ?? `Status ${code}`;
    return {
      label: code,
      kind: CompletionItemKind.Value,
      detail: fromIntegration ? `${reason} (returned by the integration)` : reason,
      filterText: `${site.quote}${code}`,
      sortText: `${fromIntegration ? '00' : '01'}${code}`,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: site.range, newText: responseEntry(site, code, reason) },
    };
  });
}

/**
 * OpenAPI keys are strings, so the code is quoted in YAML too, where `200:` would be read as a number: with the quote
 * the other codes of the operation are written with, else double quotes.
 */
function responseEntry(site: CompletionSite, code: string, reason: string): string {
  const json = site.document.format === 'json';
  const quote = site.quote || siblingQuote(site);
  const key = json ? `"${code}"` : `${quote}${code}${quote}`;
  if (site.keyOnly) return key;
  const description = `\${1:${(json ? JSON.stringify(reason).slice(1, -1) : yamlScalar(reason)).replace(/[$}\\]/g, '\\$&')}}`;
  if (json) return `${key}: {"description": "${description}"}${site.needsComma ? ',' : ''}`;
  if (site.flow) return `${key}: {description: ${description}}`;
  return `${key}:\n${site.column}${indentUnit(site.original.text)}description: ${description}`;
}

function siblingQuote(site: CompletionSite): '"' | "'" {
  const responses = findNodeAtPath(site.document.root, site.path);
  const written = responses?.type === 'object' ? responses.properties.find((p) => p.keyStyle === 'single' || p.keyStyle === 'double') : undefined;
  return written?.keyStyle === 'single' ? "'" : '"';
}

function integrationStatusCodes(site: CompletionSite): string[] {
  return integrationResponsesOf(site.document, site.path).map((r) => r.status).filter((status) => STATUS_CODE.test(status));
}

/**
 * An integration response's status code: first the codes the operation declares method responses for, then the
 * common ones, which API Gateway returns only once a method response declares them (a quick fix of the warning adds
 * it). `default` and ranges (`5XX`) declare method responses, but an integration response answers with one code.
 */
export function integrationStatusCodeItems(site: CompletionSite, declared: string[]): CompletionItem[] {
  const codes = declared.filter((code) => STATUS_CODE.test(code));
  const items = codes.map((code) => ({ ...valueItem(site, code, CompletionItemKind.Value, 'Method response'), sortText: `0${code}` }));
  for (const code of COMMON_STATUS_CODES) {
    if (codes.includes(code)) continue;
    const item = valueItem(site, code, CompletionItemKind.Value, `${describeStatus(code)}: no method response declares it yet`);
    items.push({ ...item, sortText: `1${code}` });
  }
  return items;
}

/**
 * The codes a gateway response of `type` may answer with: its default first, preselected, then the others of its
 * class (a `DEFAULT_4XX` response answers every 4xx error without a response of its own) that other gateway responses
 * default to or that APIs commonly return. A type API Gateway does not have gets the error codes of both classes.
 */
export function gatewayStatusCodeItems(site: CompletionSite, type: string): CompletionItem[] {
  const byDefault = GATEWAY_RESPONSE_TYPES[type]?.status;
  const statusClass = gatewayResponseStatusClass(type);
  const defaults = Object.values(GATEWAY_RESPONSE_TYPES).flatMap((t) => (t.status ? [t.status] : []));
  const inClass = (code: string) => (statusClass ? code[0] === statusClass : code[0] === '4' || code[0] === '5');
  const codes = new Set([...defaults, ...COMMON_STATUS_CODES]);
  const others = [...codes].filter((code) => code !== byDefault && inClass(code)).sort();
  return [...(byDefault ? [byDefault] : []), ...others].map((code, i) => {
    const reason = describeStatus(code);
    const detail = code === byDefault ? `${reason} (the default of ${type})` : reason;
    const item = valueItem(site, code, CompletionItemKind.Value, detail);
    return { ...item, sortText: String(i).padStart(2, '0'), ...(code === byDefault ? { preselect: true } : {}) };
  });
}
