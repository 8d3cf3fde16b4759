import { findNodeAtPath, getValue, isPathPrefix, keyName, toValue } from '../../model/navigate';
import type { NodePath, ValueNode } from '../../model/nodes';
import { isMethodKey, pointerToPath } from '../../model/openapiWalk';
import type { Rule, ValidationContext } from '../validationTypes';
import { pause } from './eventLoop';
import { openApiSchema, schemaVerdict, versionOf, type ErrorObject, type OpenApiVersion, type SchemaVerdict } from './openapiSchemas';
import { OperationPartVerdicts } from './operationParts';
import type { ApiDocument } from '../../model/apiDocument';
import { isIntrinsic, isUnprocessed } from './unprocessedValues';
import { anchorOf } from './valueChecks';
import { keyOf } from '../../model/property';
import { SCHEMA_PATTERN_MESSAGES } from '../../facts/openapiSchemaPatterns';
import { withArticle } from './messageText';
import { pathItemShortcut } from './schemaShortcut';
import { SCHEMA_SOURCES } from '../../facts/openapiSchemaSources';
import type { Dialect } from '../../model/dialect';

/** At most this many structure problems are shown: a wrong document would otherwise produce thousands. */
const MAX_REPORTS = 100;

interface Finding {
  path: NodePath;
  error: ErrorObject;
  /** Replaces the error's own message after a `oneOf` / `anyOf` was collapsed into one finding. */
  message?: string;
}

/**
 * The document against the official OpenAPI JSON Schema of its version. Alternatives (`oneOf`/`anyOf`) fail with one
 * error per branch; they are collapsed into the branch error deepest in the document, which is nearly always the
 * one the author needs.
 */
export const openapiStructureRule: Rule = async (context) => {
  const { document } = context;
  const version = versionOf(document.kind, document.specVersion);
  if (!version) return;
  const valid = await isValidByParts(context, document.root, version);
  if (valid !== false) return;
  // Only an invalid document loads the validators that collect every error.
  const schema = openApiSchema(version);
  // Not `document.value`: kept on the document, the plain copy would stay in memory beside the tree for as long as
  // the document is open, and only this check needs it.
  const value = toValue(document.root);
  if (schema.validate(value)) return;
  const findings = dropRedundant(collapse(schema.validate.errors ?? [], [], { schema, value, depth: 0 }));
  let reported = 0;
  for (const finding of findings) {
    if (reported >= MAX_REPORTS || context.isCancelled()) break;
    if (report(context, finding)) reported++;
  }
};

/**
 * The schema checks each `/` entry of `paths` with the path item definition and nothing else, so a document is valid
 * when each path item is valid on its own and the rest is valid with empty path items in their place. Checked this way
 * no plain copy of the whole document is ever held, which for a large definition is tens of megabytes; only an invalid
 * document is checked whole, for findings in the schema's own order. The event loop gets a turn every few hundred path
 * items; undefined when the validation was cancelled meanwhile.
 */
async function isValidByParts(context: ValidationContext, root: ValueNode | undefined, version: OpenApiVersion): Promise<boolean | undefined> {
  const paths = root?.type === 'object' ? getValue(root, 'paths') : undefined;
  const verdict = schemaVerdict(version);
  const validatePathItem = verdict.pathItem;
  if (root?.type !== 'object' || paths?.type !== 'object' || !validatePathItem) return false;
  const stubbedPaths: Record<string, unknown> = {};
  const parts = operationPartVerdicts(context.document, verdict);
  const shortcut = pathItemShortcut(SCHEMA_SOURCES[version]);
  const items = paths.properties;
  for (let i = 0; i < items.length; i++) {
    if ((i & 255) === 255 && (await pause(context))) return undefined;
    const item = items[i];
    const key = keyName(item);
    if (key.startsWith('/')) {
      if (!shortcut?.(item.value, parts) && !validatePathItem(pathItemForVerdict(item.value, parts))) return false;
      stubbedPaths[key] = {};
    } else {
      stubbedPaths[key] = toValue(item.value);
    }
  }
  const rest: Record<string, unknown> = {};
  for (const p of root.properties) {
    const key = keyName(p);
    rest[key] = p.value === paths ? stubbedPaths : key.startsWith('x-') ? null : key === 'components' ? verdictCopy(p.value, false, undefined) : toValue(p.value);
  }
  return verdict.document(rest) === true;
}

/**
 * A plain copy for the verdict of the root's `components`, a path item or an operation, with the values of their `x-`
 * keys left out: the schemas of every version accept anything under a specification extension there, and the API
 * Gateway extensions, much of an operation's text, have checks of their own. With `parts`, an operation's parts that
 * are valid are stood in for (see `OperationPartVerdicts`).
 */
export function pathItemForVerdict(node: ValueNode | undefined, parts?: OperationPartVerdicts): unknown {
  return verdictCopy(node, true, parts);
}

/** The part verdicts for one validation of `document`, against the schema version's part validators. */
function operationPartVerdicts(document: ApiDocument, verdict: SchemaVerdict): OperationPartVerdicts {
  return new OperationPartVerdicts(document.text, document.aliasNodes > 0, verdict.operationParts);
}

function verdictCopy(node: ValueNode | undefined, pathItem: boolean, parts: OperationPartVerdicts | undefined): unknown {
  if (node?.type !== 'object') return toValue(node);
  const result: Record<string, unknown> = {};
  for (const p of node.properties) {
    const key = keyName(p);
    if (key.startsWith('x-')) result[key] = null;
    else if (pathItem && isMethodKey(key)) result[key] = verdictCopy(p.value, false, parts);
    else if (!pathItem && parts?.isPart(key)) result[key] = parts.copy(key, p.value);
    else result[key] = toValue(p.value);
  }
  return result;
}

function depth(f: Finding): number {
  return f.path.length;
}

/** Reference-object branches ("must have `$ref`") never explain why a real object is wrong. */
function isReferenceBranch(f: Finding): boolean {
  return f.error.keyword === 'required' && (f.error.params as { missingProperty?: string }).missingProperty === '$ref';
}

interface Collapsing {
  schema: ReturnType<typeof openApiSchema>;
  value: unknown;
  depth: number;
}

/** Reference-object branches, and branches whose discriminating property (such as `in`) has another value. */
function isWrongBranch(errors: ErrorObject[]): boolean {
  // A branch that is itself an alternative is judged by its own branches, later.
  if (errors.some((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && e.instancePath === '')) return false;
  return errors.some(
    (e) =>
      (e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === '$ref') ||
      ((e.keyword === 'enum' || e.keyword === 'const') && e.instancePath.split('/').length === 2),
  );
}

function valueAt(root: unknown, path: NodePath): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[String(segment)];
  }
  return value;
}

/**
 * Re-checks the value against each branch of a failed alternative on its own, to report the errors of the branch the
 * author evidently meant: not a Reference, not a branch whose discriminator differs, and the fewest errors among the
 * rest. Undefined when a branch cannot be checked alone.
 */
function meantBranchErrors(error: ErrorObject, path: NodePath, state: Collapsing): Finding[] | undefined {
  if (state.depth > 8) return undefined;
  const branches = (error.parentSchema as Record<string, unknown> | undefined)?.[error.keyword];
  if (!Array.isArray(branches)) return undefined;
  const value = valueAt(state.value, path);
  let best: ErrorObject[] | undefined;
  for (const branch of branches) {
    const ref = (branch as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
    const validate = state.schema.definition(ref);
    if (!validate) return undefined;
    if (validate(value)) return [];
    const errors = validate.errors ?? [];
    if (isWrongBranch(errors)) continue;
    if (!best || errors.length < best.length) best = errors;
  }
  if (!best) return undefined;
  const prefix = path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  const shifted = best.map((e) => ({ ...e, instancePath: prefix + e.instancePath }));
  return collapse(shifted, [], { ...state, value: state.value, depth: state.depth + 1 });
}

function collapse(errors: ErrorObject[], into: Finding[], state: Collapsing): Finding[] {
  const result = into;
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    if (error.keyword === 'if') continue;
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') {
      result.push({ path, error });
      continue;
    }
    // ajv lists a failed alternative's branch errors right before the alternative's own error.
    let start = result.length;
    while (start > 0 && isPathPrefix(result[start - 1].path, path)) start--;
    const branches = result.splice(start);
    if (branches.length === 0) {
      result.push({ path, error, message: 'matches more than one of the allowed forms; it must match exactly one' });
      continue;
    }
    const meant = meantBranchErrors(error, path, state);
    if (meant && meant.length) {
      result.push(...meant);
      continue;
    }
    const useful = branches.filter((b) => !isReferenceBranch(b) && b.error.keyword !== 'enum' && b.error.keyword !== 'const');
    const candidates = useful.length ? useful : branches;
    const deepest = Math.max(...candidates.map(depth));
    const best = candidates.filter((c) => depth(c) === deepest);
    const messages = [...new Set(best.map(messageOf))];
    if (deepest > path.length || messages.length === 1) {
      result.push(best[0]);
    } else {
      result.push({ path, error, message: `does not match any allowed form: ${messages.slice(0, 3).join('; or ')}` });
    }
  }
  return result;
}

/** A `not` failure says less than any other error on the same node. */
function dropRedundant(findings: Finding[]): Finding[] {
  const explained = new Set(findings.filter((f) => f.error.keyword !== 'not').map((f) => f.path.join('\u0000')));
  // A value of the wrong type also fails the list of values (`swagger: 2.0` unquoted is a number, not "2.0"): the type
  // says it alone.
  const mistyped = new Set(findings.filter((f) => f.error.keyword === 'type').map((f) => f.path.join('\u0000')));
  return findings.filter((f) => {
    const at = f.path.join('\u0000');
    if (f.error.keyword === 'not') return !explained.has(at);
    return f.error.keyword !== 'enum' || !mistyped.has(at);
  });
}

/** The types a `type` keyword asks for, as a message names them; ajv gives several as a list or joined by commas. */
function typeNames(type: unknown): string {
  const names = Array.isArray(type) ? type.map(String) : String(type).split(',');
  return names.map((t) => (t === 'null' ? 'null' : withArticle(t))).join(' or ');
}

/** `value`: the value found wrong, which a pattern's message may name what is wrong in. */
function messageOf(f: Finding, value?: unknown): string {
  if (f.message) return f.message;
  const e = f.error;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `is missing the required property \`${p.missingProperty}\``;
    case 'additionalProperties':
      return `has the property \`${p.additionalProperty}\`, which is not allowed here`;
    case 'type':
      return `must be ${typeNames(p.type)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`;
    case 'pattern': {
      const message = SCHEMA_PATTERN_MESSAGES[String(p.pattern)];
      if (typeof message === 'function') return message(value);
      return message ?? `does not match the pattern \`${p.pattern}\``;
    }
    case 'const':
      return `must be \`${String(p.allowedValue)}\``;
    case 'not':
      return 'is not allowed in this form here';
    case 'false schema':
      return 'is not allowed here';
    case 'minItems':
      return `must have at least ${p.limit} item(s)`;
    case 'minProperties':
      return `must have at least ${p.limit} propert${p.limit === 1 ? 'y' : 'ies'}`;
    case 'uniqueItems':
      return 'must not contain duplicate items';
    default:
      return e.message ?? 'is not valid here';
  }
}

/** The whole path, so that findings in two operations never read alike: `paths./s.post.parameters[0]`. */
function describe(root: ValueNode | undefined, path: NodePath): string {
  if (path.length === 0) return 'The document';
  let text = '';
  let node = root;
  for (const segment of path) {
    // Schema errors name array items by their index as text.
    if (node?.type === 'array') {
      const index = Number(segment);
      text += `[${index}]`;
      node = node.items[index];
    } else {
      text += text ? `.${segment}` : String(segment);
      node = node?.type === 'object' ? getValue(node, String(segment)) : undefined;
    }
  }
  return `\`${text}\``;
}

function insideUnprocessed(node: ValueNode | undefined): boolean {
  for (let n: ValueNode | undefined = node; n; ) {
    if (isIntrinsic(n)) return true;
    const parent: ValueNode['parent'] = n.parent;
    n = parent?.type === 'property' ? parent.parent : parent;
  }
  return false;
}

function report(context: ValidationContext, f: Finding): boolean {
  const root = context.document.root;
  const node = findNodeAtPath(root, f.path);
  if (!node || isUnprocessed(node) || insideUnprocessed(node)) return false;
  const e = f.error;
  if (!f.message && e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    if (key.startsWith('x-')) return false;
    // A 2.0 model's `oneOf` has its own finding from the model check, which says what API Gateway does with it.
    if (key === 'oneOf' && context.document.kind === 'swagger' && context.dialect === 'rest' && f.path[0] === 'definitions') return false;
    const property = node.type === 'object' ? node.properties.find((p) => String(p.keyValue) === key) : undefined;
    context.report((property ? keyOf(property) : undefined) ?? anchorOf(node), 'openapi-schema', `${describe(root, f.path)} ${messageOf(f)}.`);
    return true;
  }
  if (!f.message && e.keyword === 'uniqueItems' && node.type === 'array') {
    const { i, j } = e.params as { i: number; j: number };
    const repeated = node.items[Math.max(i, j)];
    if (repeated) {
      context.report(anchorOf(repeated), 'openapi-schema', repetitionMessage(context, f.path, Math.max(i, j), Math.min(i, j), repeated));
      return true;
    }
  }
  const anchor = !f.message && e.keyword === 'required' ? anchorOf(node) : node.type === 'object' || node.type === 'array' ? anchorOf(node) : node;
  const harmless = importIgnores(f, context.dialect, context.document.kind === 'swagger');
  const value = node.type === 'object' || node.type === 'array' ? undefined : toValue(node);
  context.report(anchor, 'openapi-schema', `${describe(root, f.path)} ${messageOf(f, value)}${harmless ? `; ${harmless}` : ''}.`, harmless ? { severity: 'information' } : undefined);
  return true;
}

/**
 * Mistakes against the OpenAPI schema that API Gateway's import takes without a warning, recorded against AWS by
 * LocalStack's import tests (failOnWarnings on): `info.version` as a number or missing, an operation without
 * `responses` or with an empty one. In Swagger 2.0, a response without `description` and a header or query parameter
 * without `type`: AWS's own request-validation sample, which its guide has readers import, has both. They matter to
 * other tools, not to the import, so they are information.
 */
function importIgnores(f: Finding, dialect: Dialect, swagger: boolean): string | undefined {
  if (f.message) return undefined;
  const e = f.error;
  if (f.path[0] === 'info' && f.path.length <= 2) return 'API Gateway imports it as it is';
  const missing = e.keyword === 'required' ? (e.params as { missingProperty?: string }).missingProperty : undefined;
  if (swagger && missing !== undefined && isSampleSlip(f.path, missing)) return 'API Gateway imports it as it is';
  const emptyResponses = e.keyword === 'minProperties' && f.path[f.path.length - 1] === 'responses';
  if (missing !== 'responses' && !emptyResponses) return undefined;
  // An HTTP API route has no method responses for them to become (AWS's own reusable-integrations example has none).
  return dialect === 'http' ? 'HTTP APIs have no method responses, so the import does not need them' : 'API Gateway imports the operation without method responses';
}

/** A response's `description` or a parameter's `type`, missing where the sample that imports leaves them out. */
function isSampleSlip(path: NodePath, missing: string): boolean {
  const at = path.length;
  if (missing === 'description') return at >= 2 && path[at - 2] === 'responses';
  // The schema's error paths name list items by their index as text.
  return missing === 'type' && at >= 2 && path[at - 2] === 'parameters' && /^\d+$/.test(String(path[at - 1]));
}

/** Swagger 2.0 allows "one 'body' parameter at most": two equal ones are that mistake before they are a repetition. */
function repetitionMessage(context: ValidationContext, path: NodePath, index: number, first: number, item: ValueNode): string {
  const where = describe(context.document.root, [...path, index]);
  if (context.document.kind === 'swagger' && path[path.length - 1] === 'parameters' && checkableIn(item) === 'body') {
    return `${where} is a second body parameter, the same as [${first}]; an operation has at most one body parameter.`;
  }
  return `${where} repeats [${first}]; the items of this list must be unique.`;
}

function checkableIn(item: ValueNode): unknown {
  return item.type === 'object' ? toValue(getValue(item, 'in')) : undefined;
}
