import { findNodeAtPath } from '../../model/navigate';
import type { NodePath, ValueNode } from '../../model/nodes';
import { pointerToPath } from '../../model/openapiWalk';
import type { Rule, ValidationContext } from '../validationTypes';
import { openApiValidator, versionOf, type ErrorObject } from './openapiSchemas';
import { isIntrinsic, isUnprocessed } from './unprocessedValues';
import { anchorOf } from './valueChecks';

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
export const openapiStructureRule: Rule = (context) => {
  const { document } = context;
  const version = versionOf(document.kind, document.specVersion);
  if (!version) return;
  const validate = openApiValidator(version);
  if (validate(document.value)) return;
  const findings = dropRedundant(collapse(validate.errors ?? []));
  let reported = 0;
  for (const finding of findings) {
    if (reported >= MAX_REPORTS || context.isCancelled()) break;
    if (report(context, finding)) reported++;
  }
};

function depth(f: Finding): number {
  return f.path.length;
}

function isUnder(path: NodePath, prefix: NodePath): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

/** Reference-object branches ("must have `$ref`") never explain why a real object is wrong. */
function isReferenceBranch(f: Finding): boolean {
  return f.error.keyword === 'required' && (f.error.params as { missingProperty?: string }).missingProperty === '$ref';
}

/**
 * The branch errors that explain a failed alternative. Errors of the Reference branch (a missing `$ref`, or properties
 * a Reference may not have) and enum/const mismatches of discriminating properties such as `in` only say that another
 * branch was meant.
 */
function pickCandidates(branches: Finding[]): Finding[] {
  const referencePaths = new Set(branches.filter(isReferenceBranch).map((b) => b.path.join('\u0000')));
  const fromOtherBranch = (b: Finding) =>
    isReferenceBranch(b) ||
    (b.error.keyword === 'additionalProperties' && referencePaths.has(b.path.join('\u0000'))) ||
    b.error.keyword === 'enum' ||
    b.error.keyword === 'const';
  const useful = branches.filter((b) => !fromOtherBranch(b));
  if (useful.length) return useful;
  const notReference = branches.filter((b) => !isReferenceBranch(b));
  return notReference.length ? notReference : branches;
}

function collapse(errors: ErrorObject[]): Finding[] {
  const result: Finding[] = [];
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    if (error.keyword === 'if') continue;
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') {
      result.push({ path, error });
      continue;
    }
    // ajv lists a failed alternative's branch errors right before the alternative's own error.
    let start = result.length;
    while (start > 0 && isUnder(result[start - 1].path, path)) start--;
    const branches = result.splice(start);
    if (branches.length === 0) {
      result.push({ path, error, message: 'matches more than one of the allowed forms; it must match exactly one' });
      continue;
    }
    const candidates = pickCandidates(branches);
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
  return findings.filter((f) => f.error.keyword !== 'not' || !explained.has(f.path.join('\u0000')));
}

function messageOf(f: Finding): string {
  if (f.message) return f.message;
  const e = f.error;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `is missing the required property \`${p.missingProperty}\``;
    case 'additionalProperties':
      return `has the property \`${p.additionalProperty}\`, which is not allowed here`;
    case 'type':
      return `must be ${p.type === 'object' ? 'an object' : p.type === 'array' ? 'an array' : `a ${p.type}`}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`;
    case 'pattern':
      return `does not match the pattern \`${p.pattern}\``;
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

function describe(path: NodePath): string {
  if (path.length === 0) return 'The document';
  return `\`${path.slice(-3).join('.')}\``;
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
    const property = node.type === 'object' ? node.properties.find((p) => String(p.key.value) === key) : undefined;
    context.report(property?.key ?? anchorOf(node), 'openapi-schema', `${describe(f.path)} ${messageOf(f)}.`);
    return true;
  }
  const anchor = !f.message && e.keyword === 'required' ? anchorOf(node) : node.type === 'object' || node.type === 'array' ? anchorOf(node) : node;
  context.report(anchor, 'openapi-schema', `${describe(f.path)} ${messageOf(f)}.`);
  return true;
}
