import type { TextEdit } from 'vscode-languageserver-types';
import { isAliasCopy, type ApiDocument } from '../../model/apiDocument';
import { asString, getValue, keyName, pathOf } from '../../model/navigate';
import type { NodePath, ObjectNode, PropertyNode } from '../../model/nodes';
import { findOperationResponse, isMethodKey, responseHeaderNames } from '../../model/openapiWalk';
import { keyOf } from '../../model/property';
import { insertAtPath } from './edits';
import { statusCodeOf } from './operationFacts';
import { declareResponseHeader } from './responseHeaderEdits';

const ALLOW_ORIGIN = 'Access-Control-Allow-Origin';
/** `&name` where YAML takes it for an anchor: after a space, a line start or a flow indicator. */
const YAML_ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]+/m;
const ALLOW_ORIGIN_MAPPING = `method.response.header.${ALLOW_ORIGIN}`;

/**
 * Integration types whose responses API Gateway builds from integration responses. A proxy integration passes the
 * backend's headers through, so there the backend sends `Access-Control-Allow-Origin` itself (how-to-cors.html,
 * "Enabling CORS for proxy integrations").
 */
const NON_PROXY_TYPES = new Set(['aws', 'http', 'mock']);

/**
 * The browser reads the actual response's `Access-Control-Allow-Origin` too, not only the preflight's. For non-proxy
 * integrations AWS's "Enable CORS" adds the header to the method responses and maps it to `'*'` in the integration
 * responses that answer with them (how-to-cors.html: API Gateway "attempts to add the Access-Control-Allow-Origin
 * header to your existing method integration responses"). A response shared through a `$ref` is left alone: its
 * headers belong to every operation that uses it, and mapping a header it does not declare is what AWS rejects.
 */
export function allowOriginEdits(document: ApiDocument, pathItem: ObjectNode): { edits: TextEdit[]; methods: string[] } {
  const edits: TextEdit[] = [];
  const methods: string[] = [];
  for (const property of pathItem.properties) {
    const method = keyName(property);
    const operation = property.value;
    if (!isMethodKey(method) || operation?.type !== 'object') continue;
    // A mapping written inside an anchor would reach every operation that aliases it, whose method responses this
    // edit does not declare the header on.
    if (document.format === 'yaml' && YAML_ANCHOR.test(document.text.slice(keyOf(property).offset, operation.end))) continue;
    const found = operationEdits(document, operation);
    if (!found.length) continue;
    edits.push(...found);
    methods.push(method);
  }
  return { edits, methods };
}

function operationEdits(document: ApiDocument, operation: ObjectNode): TextEdit[] {
  const integration = getValue(operation, 'x-amazon-apigateway-integration');
  if (!NON_PROXY_TYPES.has(asString(getValue(integration, 'type'))?.toLowerCase() ?? '')) return [];
  const responses = getValue(integration, 'responses');
  if (responses?.type !== 'object') return [];
  const op = { operation };
  const operationPath = pathOf(operation);
  const edits: TextEdit[] = [];
  /** Each method response's header edit, once, or undefined where the header cannot be declared there. */
  const declarations = new Map<string, TextEdit | undefined>();
  for (const entry of responses.properties) {
    const response = entry.value;
    const status = statusCodeOf(response);
    if (response?.type !== 'object' || status === undefined || isAliasCopy(document, response)) continue;
    const declared = responseHeaderNames(document, op, status);
    // Without the method response, the mapping would point at nothing: the missing status is a finding of its own.
    if (declared === undefined) continue;
    if (!declared.some(isAllowOrigin)) {
      if (!declarations.has(status)) declarations.set(status, headerDeclaration(document, operationPath, findOperationResponse(op, status)!));
      const declaration = declarations.get(status);
      if (!declaration) continue;
      if (!edits.includes(declaration)) edits.push(declaration);
    }
    const mappings = getValue(response, 'responseParameters');
    if (mappings?.type === 'object' && mappings.properties.some((p) => keyName(p).toLowerCase() === ALLOW_ORIGIN_MAPPING.toLowerCase())) continue;
    const mapping = insertAtPath(document, [...pathOf(response), 'responseParameters'], ALLOW_ORIGIN_MAPPING, "'*'");
    if (mapping) edits.push(mapping);
  }
  return edits;
}

/** The header declared on a method response written in the operation; none on a shared (`$ref`) or aliased one. */
function headerDeclaration(document: ApiDocument, operationPath: NodePath, methodResponse: PropertyNode): TextEdit | undefined {
  if (methodResponse.value && isAliasCopy(document, methodResponse.value)) return undefined;
  return declareResponseHeader(document, operationPath, keyName(methodResponse), ALLOW_ORIGIN);
}

function isAllowOrigin(header: string): boolean {
  return header.toLowerCase() === ALLOW_ORIGIN.toLowerCase();
}
