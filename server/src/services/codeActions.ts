import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { isAliasCopy, type ApiDocument } from '../model/apiDocument';
import type { Dialect } from '../model/dialect';
import { asString, findNodeAtPath, getProperty, getValue, keyName, nodeAtOffset, pathOf } from '../model/navigate';
import { keyOf } from '../model/property';
import type { NodePath, ObjectNode } from '../model/nodes';
import { ANY_METHOD_KEY, securitySchemes } from '../model/openapiWalk';
import { requestAsksFor } from './codeActionKinds';
import { nearMiss } from './rules/nearMiss';
import { takesPayloadFormat2 } from './rules/integrationSettings';
import { corsEdit } from './editing/cors';
import { insertAtPath } from './editing/edits';
import { enumChoices } from './editing/enumChoices';
import { describeStatus, headerDefinition, mappedResponseHeaders, openApiLocation } from './editing/operationFacts';
import { declareParameter, templateHas, undeclaredTemplateParameters } from './editing/parameterEdits';
import { declareResponseHeader } from './editing/responseHeaderEdits';
import { scalarInStyle } from './editing/serialize';
import { STATUS_CODE } from '../facts/statusCodes';
import { embeddedTemplateFixes, isRepairedTemplateCode } from './templates/templateFixes';

type Data = Record<string, unknown>;

/** Quick fixes for diagnostics whose repair is certain, and the "Add CORS" refactoring on a path. */
export function getCodeActions(document: ApiDocument, range: Range, context: CodeActionContext, dialect: Dialect): CodeAction[] {
  if (!document.root) return [];
  const wanted = (kind: string) => requestAsksFor(context.only, kind);
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix)) {
    for (const diagnostic of context.diagnostics) actions.push(...quickFixes(document, diagnostic, dialect));
  }
  if (wanted(CodeActionKind.Refactor)) {
    const cors = corsEdit(document, document.textDocument.offsetAt(range.start), dialect);
    if (cors) actions.push({ title: cors.title, kind: CodeActionKind.Refactor, edit: { changes: { [document.uri]: cors.edits } } });
  }
  return actions;
}

function quickFixes(document: ApiDocument, diagnostic: Diagnostic, dialect: Dialect): CodeAction[] {
  const data = (diagnostic.data ?? {}) as Data;
  const fix = (title: string, edit: TextEdit | undefined, isPreferred = true): CodeAction[] =>
    edit ? [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [document.uri]: [edit] } } }] : [];
  switch (diagnostic.code) {
    case 'undeclared-parameter': {
      const name = String(data.name ?? '');
      const location = openApiLocation(String(data.in ?? ''));
      const operation = operationPath(data);
      if (!name || !location || !operation) return [];
      // A path parameter the template lacks would never receive a value: whether the mapping or the path is wrong is
      // the user's to say.
      if (location === 'path' && !templateHas(String(data.path), name)) return [];
      return fix(`Declare ${location} parameter '${name}'`, declareParameter(document, operation, name, location, data.multiValue === true));
    }
    case 'undeclared-path-template-parameter': {
      const undeclared = undeclaredTemplateParameters(document, document.textDocument.offsetAt(diagnostic.range.start));
      // Several expressions of one path may be undeclared at the same key: the finding names its own.
      const names = typeof data.name === 'string' ? [data.name] : [...undeclared.keys()].filter((name) => String(diagnostic.message).includes(`"{${name}}"`));
      return names.flatMap((name) => {
        const edits = (undeclared.get(name) ?? []).map((operation) => declareParameter(document, operation, name, 'path'));
        if (!edits.length || edits.some((edit) => !edit)) return [];
        return [{ title: `Declare path parameter '${name}'`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [document.uri]: edits as TextEdit[] } } }];
      });
    }
    case 'undeclared-response-status': {
      const statusCode = String(data.statusCode ?? '');
      const operation = operationPath(data);
      if (!STATUS_CODE.test(statusCode) || !operation) return [];
      return fix(`Add method response ${statusCode}`, addMethodResponse(document, operation, statusCode));
    }
    case 'undeclared-response-header': {
      const header = String(data.header ?? '');
      const statusCode = String(data.statusCode ?? '');
      const operation = operationPath(data);
      if (!header || !statusCode || !operation) return [];
      // Without a method response of that status, the one the status's own fix adds declares every mapped header.
      if (STATUS_CODE.test(statusCode) && !hasResponse(document, operation, statusCode)) {
        return fix(`Add method response ${statusCode}`, addMethodResponse(document, operation, statusCode));
      }
      return fix(`Declare header '${header}' on response ${statusCode}`, declareResponseHeader(document, operation, statusCode, header));
    }
    case 'unknown-request-validator': {
      const name = String(data.name ?? '');
      if (!name) return [];
      const validator = { validateRequestBody: true, validateRequestParameters: true };
      // A near-miss of a declared name is most likely a typo: correcting it is the preferred fix. Defining the name is
      // never preferred then, even where the name cannot be corrected in place (an alias of an anchored name, which
      // the anchor's own fix corrects): fix-all would otherwise declare a validator under the misspelt name.
      const nearMiss = typeof data.expected === 'string';
      const rename = nearMiss ? fix(`Change to '${data.expected}'`, replaceScalar(document, diagnostic.range, data.expected as string)) : [];
      return [...rename, ...fix(`Define request validator '${name}'`, insertAtPath(document, ['x-amazon-apigateway-request-validators'], name, validator), !nearMiss)];
    }
    case 'unresolved-ref': {
      const nearMiss = typeof data.expected === 'string';
      const replace = nearMiss ? fix(`Change to '${data.expected}'`, replaceScalar(document, diagnostic.range, data.expected as string)) : [];
      const create = data.create as { container?: unknown; name?: unknown; ref?: unknown } | undefined;
      if (!create || !Array.isArray(create.container) || typeof create.name !== 'string') return replace;
      const schema = insertAtPath(document, create.container as NodePath, create.name, { type: 'object' });
      if (typeof create.ref !== 'string') return [...replace, ...fix(`Create schema '${create.name}'`, schema, !nearMiss)];
      // A pointer into the other specification version's container: the schema goes where this version keeps them, and the $ref follows it.
      const pointer = replaceScalar(document, diagnostic.range, create.ref);
      if (!schema || !pointer) return replace;
      const title = `Create schema '${create.name}' in ${create.container.join('/')} and point to it`;
      const edits = [pointer, schema];
      return [...replace, { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: !nearMiss, edit: { changes: { [document.uri]: edits } } }];
    }
    case 'unmapped-uri-path-parameter': {
      const name = String(data.name ?? '');
      const source = String(data.source ?? '');
      if (!name || !source || !Array.isArray(data.integration)) return [];
      return fix(`Map {${name}} from ${source}`, insertAtPath(document, [...(data.integration as NodePath), 'requestParameters'], `integration.request.path.${name}`, source));
    }
    case 'invalid-enum-value': {
      // A near miss is the value meant; without one, each of a few allowed values is offered, none preferred.
      const given = Array.isArray(data.expected) ? data.expected.map(String) : typeof data.expected === 'string' ? [data.expected] : [];
      const expected = given.length ? given : enumChoices(document, document.textDocument.offsetAt(diagnostic.range.start), dialect);
      return expected.flatMap((value) => fix(`Change to '${value}'`, replaceScalar(document, diagnostic.range, value), expected.length === 1));
    }
    case 'unknown-security-scheme': {
      // The rule names no correction; a scheme one typo away is the one meant, unless the requirement names it already.
      const at = nodeAtOffset(document.root, document.textDocument.offsetAt(diagnostic.range.start));
      const entry = at?.parent?.type === 'property' && keyOf(at.parent) === at ? at.parent : undefined;
      const schemes = securitySchemes(document);
      const meant = entry && schemes?.type === 'object' ? nearMiss(keyName(entry), schemes.properties.map(keyName)) : undefined;
      if (!entry || meant === undefined || getProperty(entry.parent, meant)) return [];
      return fix(`Change to '${meant}'`, replaceScalar(document, diagnostic.range, meant));
    }
    case 'invalid-mapping-value': {
      if (typeof data.expected !== 'string') return [];
      if (!/^'.*'$/s.test(data.expected)) return fix(`Change to '${data.expected}'`, replaceScalar(document, diagnostic.range, data.expected));
      // A misspelt source (`method.requset.header.x`) reads as static text too, but quoting it is not what was meant.
      const written = document.textDocument.getText(diagnostic.range).replace(/^["']|["']$/g, '');
      return fix(`Change to the static value ${data.expected}`, replaceScalar(document, diagnostic.range, data.expected), !looksLikeSource(written));
    }
    case 'invalid-map-key':
    case 'invalid-mapping-key':
    case 'invalid-media-type': {
      // The name meant (a near miss, or the one name the key is part of) unless the map already has that key, which
      // the change would make a duplicate.
      if (typeof data.expected !== 'string') return [];
      const at = nodeAtOffset(document.root, document.textDocument.offsetAt(diagnostic.range.start));
      const entry = at?.parent?.type === 'property' && keyOf(at.parent) === at ? at.parent : undefined;
      if (entry && getProperty(entry.parent, data.expected)) return [];
      return fix(`Change to '${data.expected}'`, replaceScalar(document, diagnostic.range, data.expected));
    }
    case 'missing-required-field': {
      if (data.field !== 'payloadFormatVersion') return [];
      const integration = objectAt(document, diagnostic.range);
      const type = asString(getValue(integration, 'type'))?.toLowerCase();
      if (!integration || !type) return [];
      const add = (version: string, isPreferred: boolean) => fix(`Add payloadFormatVersion '${version}'`, insertAtPath(document, pathOf(integration), 'payloadFormatVersion', version), isPreferred);
      // Anything but a Lambda proxy integration takes 1.0 alone. A Lambda function is written for one event format,
      // which the definition does not tell: both are offered, neither preferred.
      const hasSubtype = getValue(integration, 'integrationSubtype') !== undefined;
      if (!takesPayloadFormat2(type, hasSubtype, asString(getValue(integration, 'uri')))) return add('1.0', true);
      return [...add('2.0', false), ...add('1.0', false)];
    }
    case 'invalid-integration-uri':
    case 'invalid-arn':
      // Set only for a bare Lambda function ARN where an invocation URI belongs: the invocation URI that calls it.
      if (typeof data.expected !== 'string') return [];
      return fix('Change to the Lambda invocation URI of this function', replaceScalar(document, diagnostic.range, data.expected));
    default:
      if (isRepairedTemplateCode(diagnostic.code)) return embeddedTemplateFixes(document, diagnostic);
      // The value AWS expects is certain for these; a model rename is not offered, since `$ref`s point at the old name.
      if (REPLACEABLE_CODES.has(String(diagnostic.code)) && typeof data.expected === 'string') {
        // The expected value of a mapping is itself quoted ('true'); quoting it again would read badly. The import
        // drops a boolean mapping, so the static value it becomes sends a header or parameter that was never sent
        // before: likely what was meant, but a change to what the API does that fix-all must not make unasked.
        const mapping = diagnostic.code === 'mapping-value-not-string';
        const title = mapping ? `Change to the static value ${data.expected}` : `Change to '${data.expected}'`;
        return fix(title, replaceScalar(document, diagnostic.range, data.expected), !mapping);
      }
      return [];
  }
}

const REPLACEABLE_CODES = new Set(['unknown-suppressed-code', 'status-code-not-string', 'lambda-http-method-not-post', 'invalid-payload-format-version', 'invalid-authorizer-scheme', 'unknown-extension', 'mapping-value-not-string', 'invalid-identity-source', 'dialect-mismatch', 'rest-style-mapping-value']);

/** The roots REST mapping sources start with. */
const SOURCE_ROOTS = ['method', 'integration', 'context', 'stageVariables'];

/** Dotted words whose first is, or nearly is, the root of a mapping source. */
function looksLikeSource(value: string): boolean {
  const dotted = /^([A-Za-z]+)\.[^\s.]+(?:\.[^\s.]+)*$/.exec(value);
  return !!dotted && nearMiss(dotted[1], SOURCE_ROOTS) !== undefined;
}

function operationPath(data: Data): NodePath | undefined {
  const path = data.path;
  const method = data.method;
  if (typeof path !== 'string' || typeof method !== 'string') return undefined;
  return ['paths', path, method.toUpperCase() === 'ANY' ? ANY_METHOD_KEY : method.toLowerCase()];
}

/** The headers the same integration responses map are declared too, or the fix only trades one finding for another. */
function addMethodResponse(document: ApiDocument, operation: NodePath, statusCode: string): TextEdit | undefined {
  const headers = mappedResponseHeaders(document, operation, statusCode);
  const response = { description: describeStatus(statusCode), ...(headers.length ? { headers: Object.fromEntries(headers.map((h) => [h, headerDefinition(document)])) } : {}) };
  return insertAtPath(document, [...operation, 'responses'], statusCode, response);
}

function hasResponse(document: ApiDocument, operation: NodePath, statusCode: string): boolean {
  const response = findNodeAtPath(document.root, [...operation, 'responses', statusCode]);
  return response !== undefined && response.type !== 'null';
}


/** The object a finding stands on: the one its key holds, or the object itself. */
function objectAt(document: ApiDocument, range: Range): ObjectNode | undefined {
  const at = nodeAtOffset(document.root, document.textDocument.offsetAt(range.start));
  const node = at?.parent?.type === 'property' && keyOf(at.parent) === at ? at.parent.value : at?.type === 'property' ? at.value : at;
  return node?.type === 'object' ? node : undefined;
}

/** Replaces a scalar's text, keeping the quotes it was written with. */
/** Undefined on an alias, whose value is the anchored node's: replacing the alias would undo the sharing. */
function replaceScalar(document: ApiDocument, range: Range, value: string): TextEdit | undefined {
  if (isAliasCopy(document, { offset: document.textDocument.offsetAt(range.start) })) return undefined;
  const quote = document.textDocument.getText(range)[0];
  const style = quote === '"' ? 'double' : quote === "'" ? 'single' : 'plain';
  return { range, newText: scalarInStyle(value, style, document.format === 'json') };
}
