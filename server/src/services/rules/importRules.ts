import { getProperty, keyName } from '../../model/navigate';
import { isBundle } from '../../model/fileLines';
import type { ValueNode } from '../../model/nodes';
import { modelDefinitions } from '../../model/openapiWalk';
import type { Problem, Rule, ValidationContext } from '../validationTypes';
import type { ApiDocument } from '../../model/apiDocument';
import { listOperations } from './integrations';
import { keyOf } from '../../model/property';
import type { Dialect } from '../../model/dialect';
import { MAX_REST_IMPORT_BYTES, MAX_REST_RESOURCES } from '../../facts/importQuotas';
import { httpEvidenceOfSwagger } from '../../model/dialectInference';
import { versionOf } from './openapiSchemas';
import { namedEvidence } from './dialectReason';

/** Import rules (limits, api-gateway-known-issues, import-api); the quotas are in `facts/importQuotas`. */
const SEGMENT_CHARACTERS = /^[A-Za-z0-9_\-.,:{}+]*$/;
const WHOLE_PARAMETER = /^\{[^{}+]+\+?\}$/;
const MODEL_NAME = /^[A-Za-z0-9]+$/;

/**
 * Where AWS rejects an import (errors) or drops or changes something (warnings): version, size, path syntax, model
 * names, and the quota of resources.
 */
export const importRulesRule: Rule = (context) => {
  checkVersion(context);
  checkPaths(context);
  if (context.dialect === 'rest') {
    checkModelNames(context);
    checkMissingIntegrations(context);
  }
};

/**
 * A REST API deploys only when every method has an integration ("No integration defined for method"). A definition
 * without any integration is documentation, imported as such; one with some but not all has most likely lost one.
 */
function checkMissingIntegrations(context: ValidationContext): void {
  const operations = listOperations(context.document);
  if (!operations.some((op) => op.integrationProperty)) return;
  for (const op of operations) {
    if (op.integrationProperty) continue;
    context.report(keyOf(op.methodProperty), 'missing-integration', `${op.method} ${op.path} has no \`x-amazon-apigateway-integration\`: the import creates the method, but no deployment of the API succeeds until it has one.`);
  }
}

/** Where document-wide import findings are shown: the `openapi` / `swagger` version. */
function versionAnchor(document: ApiDocument): ValueNode | undefined {
  const versionProperty = getProperty(document.root, document.kind === 'swagger' ? 'swagger' : 'openapi');
  return versionProperty?.value ?? (versionProperty ? keyOf(versionProperty) : undefined);
}

/**
 * The REST import's 6 MB limit, judged from the text alone: also said of documents too large for the other checks, so
 * that a larger file never passes where a smaller one fails. HTTP APIs have no documented limit to hold them to.
 */
export function importSizeProblem(document: ApiDocument, dialect: Dialect): Problem | undefined {
  if (dialect !== 'rest') return undefined;
  const anchor = versionAnchor(document);
  const size = Buffer.byteLength(document.text, 'utf8');
  if (!anchor || size <= MAX_REST_IMPORT_BYTES) return undefined;
  const what = isBundle(document) ? 'With the files it references, this definition is' : 'This file is';
  return { offset: anchor.offset, end: anchor.end, code: 'import-too-large', message: `${what} ${(size / 1048576).toFixed(1)} MB; API Gateway imports REST API definitions of at most ${MAX_REST_IMPORT_BYTES / 1048576} MB.` };
}

/**
 * A version the checks know nothing of: without one they know, the document's structure goes unchecked, so saying
 * nothing would read as a pass. A version cut short (`3.0`, `3`) names the family and is most likely meant as its
 * first release; anything else API Gateway does not import.
 */
function unsupportedVersion(document: ApiDocument): { message: string; severity: 'error' | 'warning' } | undefined {
  if (document.kind === 'unknown' || versionOf(document.kind, document.specVersion)) return undefined;
  const key = document.kind === 'swagger' ? 'swagger' : 'openapi';
  const supported = 'API Gateway imports OpenAPI 3.0.x (`openapi: 3.0.1`) and Swagger 2.0 (`swagger: "2.0"`) definitions';
  const unchecked = "The document's structure is not checked against any version.";
  if (document.specVersion === undefined) return { severity: 'error', message: `\`${key}\` holds no version: ${supported}. ${unchecked}` };
  const written = JSON.stringify(document.specVersion);
  const cutShort = document.kind === 'openapi' ? /^3(\.[01])?$/.test(document.specVersion ?? '') : /^2$/.test(document.specVersion ?? '');
  if (cutShort) {
    const full = document.kind === 'openapi' ? (document.specVersion === '3.1' ? '3.1.0' : '3.0.1') : '2.0';
    return { severity: 'warning', message: `\`${key}\` is ${written}, which names no release: write ${JSON.stringify(full)}. Until then the document's structure is not checked.` };
  }
  return { severity: 'error', message: `\`${key}\` is ${written}: ${supported}. ${unchecked}` };
}

function checkVersion(context: ValidationContext): void {
  const { document } = context;
  const anchor = versionAnchor(document);
  if (!anchor) return;
  const unsupported = unsupportedVersion(document);
  if (unsupported) context.report(anchor, 'unsupported-openapi-version', unsupported.message, { severity: unsupported.severity });
  if (document.kind === 'openapi' && /^3\.1\./.test(document.specVersion ?? '')) {
    context.report(anchor, 'openapi-31-not-importable', `API Gateway documents import of OpenAPI 2.0 and 3.0 only; "${document.specVersion}" may be rejected or partly ignored. Use 3.0.x for import.`);
  }
  if (document.kind === 'swagger' && context.dialect === 'http') {
    context.report(anchor, 'http-api-requires-openapi-3', 'HTTP APIs import only OpenAPI 3.0 definitions; convert this Swagger 2.0 document or import it as a REST API.');
  }
  // Read as a REST API, as every Swagger 2.0 definition is, one written for an HTTP API gets a finding on each key a
  // REST import ignores, and none on why: as Swagger 2.0 it cannot become the HTTP API it was written as. Imported as
  // it is, it becomes a REST API, hence a warning rather than the error of a definition set to be an HTTP API.
  const httpEvidence = document.kind === 'swagger' && context.dialect === 'rest' && context.settings.dialect !== 'rest' ? httpEvidenceOfSwagger(document) : undefined;
  if (httpEvidence) {
    context.report(anchor, 'http-api-requires-openapi-3', `This Swagger 2.0 definition is written for an HTTP API (${namedEvidence(httpEvidence)}), but HTTP APIs import only OpenAPI 3.0 definitions: imported as it is, it becomes a REST API, which ignores those. Convert it to OpenAPI 3.0 to import it as an HTTP API.`, { severity: 'warning' });
  }
  const tooLarge = importSizeProblem(document, context.dialect);
  if (tooLarge) context.report(anchor, tooLarge.code, tooLarge.message);
}

function checkPaths(context: ValidationContext): void {
  const paths = getProperty(context.document.root, 'paths');
  if (paths?.value?.type !== 'object') return;
  const resources = new Set<string>();
  // REST resources form a tree in which a resource has at most one variable child: the first one met, by parent.
  const variableChildren = new Map<string, { segment: string; path: string }>();
  for (const property of paths.value.properties) {
    const path = keyName(property);
    if (!path.startsWith('/')) continue;
    if (context.dialect === 'http' && path === '/$default') continue;
    // Segment by segment, each resource being the path up to the end of its segment.
    for (let start = 1; ; ) {
      const slash = path.indexOf('/', start);
      const last = slash < 0;
      const end = last ? path.length : slash;
      const segment = path.slice(start, end);
      if (segment === '' && last) break;
      const prefix = path.slice(0, end);
      resources.add(prefix);
      // `+` only marks a greedy parameter (`{proxy+}`); anywhere else it is a character AWS refuses.
      if (!SEGMENT_CHARACTERS.test(segment) || (segment.includes('+') && !segment.includes('{'))) {
        context.report(keyOf(property), 'invalid-path-characters', `Path segment "${segment}" of "${path}" has characters API Gateway does not accept; use letters, digits and _ - . , : only.`);
        break;
      }
      if (segment.includes('{') || segment.includes('}')) {
        if (!WHOLE_PARAMETER.test(segment)) {
          context.report(keyOf(property), 'partial-path-parameter', `"${segment}" in "${path}" mixes a path parameter with text; API Gateway needs a parameter to be a whole segment such as "{id}".`);
          break;
        }
        if (segment.endsWith('+}') && !last) {
          context.report(keyOf(property), 'greedy-parameter-not-last', `The greedy parameter "${segment}" in "${path}" must be the last segment.`);
          break;
        }
        const parent = path.slice(0, start - 1);
        const sibling = variableChildren.get(parent);
        if (!sibling) variableChildren.set(parent, { segment, path });
        else if (sibling.segment !== segment && context.dialect === 'rest') {
          context.report(keyOf(property), 'conflicting-path-variables', `"${segment}" in "${path}" and "${sibling.segment}" in "${sibling.path}" are two variable parts under "${parent || '/'}"; a REST API resource has at most one, so the import fails. Name the parameter the same in both paths.`);
          break;
        }
      }
      if (last) break;
      start = slash + 1;
    }
    if ((resources.size & 63) === 0 && context.isCancelled()) return;
  }
  if (context.dialect === 'rest' && resources.size > MAX_REST_RESOURCES) {
    context.report(keyOf(paths), 'too-many-resources', `These paths make ${resources.size} resources; a REST API may have ${MAX_REST_RESOURCES} unless the quota is raised.`);
  }
}

function checkModelNames(context: ValidationContext): void {
  const models = modelDefinitions(context.document);
  if (!models) return;
  for (const model of models.properties) {
    const name = keyName(model);
    if (!MODEL_NAME.test(name)) {
      context.report(keyOf(model), 'invalid-model-name', `Model name "${name}" must be alphanumeric for API Gateway (letters and digits only).`, { data: { expected: name.replace(/[^A-Za-z0-9]/g, '') } });
    }
  }
}
