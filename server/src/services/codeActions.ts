import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { Dialect } from '../model/dialect';
import { findNodeAtPath, getValue } from '../model/navigate';
import type { NodePath } from '../model/nodes';
import { ANY_METHOD_KEY } from '../model/openapiWalk';
import { corsEdit } from './editing/cors';
import { appendItem, insertAtPath } from './editing/edits';
import { openApiLocation, statusText } from './editing/operationFacts';
import { scalarInStyle } from './editing/serialize';

type Data = Record<string, unknown>;

/** Quick fixes for diagnostics whose repair is certain, and the "Add CORS" refactoring on a path. */
export function getCodeActions(document: ApiDocument, range: Range, context: CodeActionContext, dialect: Dialect): CodeAction[] {
  if (!document.root) return [];
  const wanted = (kind: string) => !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix)) {
    for (const diagnostic of context.diagnostics) actions.push(...quickFixes(document, diagnostic));
  }
  if (wanted(CodeActionKind.Refactor)) {
    const cors = corsEdit(document, document.textDocument.offsetAt(range.start), dialect);
    if (cors) actions.push({ title: cors.title, kind: CodeActionKind.Refactor, edit: { changes: { [document.uri]: [cors.edit] } } });
  }
  return actions;
}

function quickFixes(document: ApiDocument, diagnostic: Diagnostic): CodeAction[] {
  const data = (diagnostic.data ?? {}) as Data;
  const fix = (title: string, edit: TextEdit | undefined, isPreferred = true): CodeAction[] =>
    edit ? [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [document.uri]: [edit] } } }] : [];
  switch (diagnostic.code) {
    case 'undeclared-parameter': {
      const name = String(data.name ?? '');
      const location = openApiLocation(String(data.in ?? ''));
      const operation = operationPath(data);
      if (!name || !location || !operation) return [];
      return fix(`Declare ${location} parameter '${name}'`, declareParameter(document, operation, name, location, data.multiValue === true));
    }
    case 'undeclared-response-status': {
      const statusCode = String(data.statusCode ?? '');
      const operation = operationPath(data);
      if (!/^\d{3}$/.test(statusCode) || !operation) return [];
      return fix(`Add method response ${statusCode}`, insertAtPath(document, [...operation, 'responses'], statusCode, { description: describeStatus(statusCode) }));
    }
    case 'undeclared-response-header': {
      const header = String(data.header ?? '');
      const statusCode = String(data.statusCode ?? '');
      const operation = operationPath(data);
      if (!header || !statusCode || !operation) return [];
      return fix(`Declare header '${header}' on response ${statusCode}`, declareResponseHeader(document, operation, statusCode, header));
    }
    case 'unknown-request-validator': {
      const name = String(data.name ?? '');
      if (!name) return [];
      const validator = { validateRequestBody: true, validateRequestParameters: true };
      // A near-miss of a declared name is most likely a typo: correcting it is the preferred fix.
      const rename = typeof data.expected === 'string' ? fix(`Change to '${data.expected}'`, replaceScalar(document, diagnostic.range, data.expected)) : [];
      return [...rename, ...fix(`Define request validator '${name}'`, insertAtPath(document, ['x-amazon-apigateway-request-validators'], name, validator), rename.length === 0)];
    }
    case 'unresolved-ref': {
      const replace = typeof data.expected === 'string' ? fix(`Change to '${data.expected}'`, replaceScalar(document, diagnostic.range, data.expected)) : [];
      const create = data.create as { container?: unknown; name?: unknown } | undefined;
      if (!create || !Array.isArray(create.container) || typeof create.name !== 'string') return replace;
      const title = `Create schema '${create.name}'`;
      return [...replace, ...fix(title, insertAtPath(document, create.container as NodePath, create.name, { type: 'object' }), replace.length === 0)];
    }
    case 'invalid-enum-value': {
      const expected = Array.isArray(data.expected) ? data.expected.map(String) : typeof data.expected === 'string' ? [data.expected] : [];
      return expected.flatMap((value) => fix(`Change to '${value}'`, replaceScalar(document, diagnostic.range, value), expected.length === 1));
    }
    default:
      // The value AWS expects is certain for these; a model rename is not offered, since `$ref`s point at the old name.
      if (REPLACEABLE_CODES.has(String(diagnostic.code)) && typeof data.expected === 'string') {
        return fix(`Change to '${data.expected}'`, replaceScalar(document, diagnostic.range, data.expected));
      }
      return [];
  }
}

const REPLACEABLE_CODES = new Set(['status-code-not-string', 'lambda-http-method-not-post', 'invalid-payload-format-version', 'invalid-authorizer-scheme', 'unknown-extension']);

function operationPath(data: Data): NodePath | undefined {
  const path = data.path;
  const method = data.method;
  if (typeof path !== 'string' || typeof method !== 'string') return undefined;
  return ['paths', path, method.toUpperCase() === 'ANY' ? ANY_METHOD_KEY : method.toLowerCase()];
}

function describeStatus(statusCode: string): string {
  return statusText(statusCode) ?? `Status ${statusCode}`;
}

/** A `multivalue…` mapping reads every value of the parameter: it is declared as a list of strings. */
function declareParameter(document: ApiDocument, operation: NodePath, name: string, location: string, multiValue: boolean): TextEdit | undefined {
  const parameter: Record<string, unknown> = { name, in: location };
  if (location === 'path') parameter.required = true;
  const type = multiValue ? { type: 'array', items: { type: 'string' } } : { type: 'string' };
  if (document.isOpenApi3) parameter.schema = type;
  else Object.assign(parameter, type, multiValue && location === 'query' ? { collectionFormat: 'multi' } : {});
  const list = getValue(findNodeAtPath(document.root, operation), 'parameters');
  if (list?.type === 'array') return appendItem(document, list, parameter);
  return insertAtPath(document, operation, 'parameters', [parameter]);
}

function declareResponseHeader(document: ApiDocument, operation: NodePath, statusCode: string, header: string): TextEdit | undefined {
  const definition = document.isOpenApi3 ? { schema: { type: 'string' } } : { type: 'string' };
  const response = findNodeAtPath(document.root, [...operation, 'responses', statusCode]);
  if (response?.type === 'object' && getValue(response, '$ref')) return undefined;
  if (!response || response.type === 'null') {
    return insertAtPath(document, [...operation, 'responses'], statusCode, { description: describeStatus(statusCode), headers: { [header]: definition } });
  }
  return insertAtPath(document, [...operation, 'responses', statusCode, 'headers'], header, definition);
}

/** Replaces a scalar's text, keeping the quotes it was written with. */
function replaceScalar(document: ApiDocument, range: Range, value: string): TextEdit {
  const quote = document.textDocument.getText(range)[0];
  const style = quote === '"' ? 'double' : quote === "'" ? 'single' : 'plain';
  return { range, newText: scalarInStyle(value, style, document.format === 'json') };
}
