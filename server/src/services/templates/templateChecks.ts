/**
 * The checks of one template's text, in template offsets. Embedded and standalone templates share them; the callers
 * translate positions and add what depends on the integration around the template.
 */
import type { TemplateKind } from '../../facts/templateVariableTypes';
import { findTemplateMember } from '../../facts/templateVariables';
import { checkTemplateSyntax } from '../../template/syntaxCheck';
import { tokenAt } from '../../template/syntaxMessages';
import { isCertainlyValidTemplate } from '../../template/syntaxPrecheck';
import type { Problem } from '../validationTypes';
import { checkReference } from './referenceChecks';
import { checkVariables, directiveAssignments, type SetAssignment } from './variableChecks';
import { scanTemplate, type ScannedTemplate, type TemplateReference } from './templateScanner';
import { offsetOfLineColumn } from '../../model/textPositions';

const NO_ASSIGNMENTS: readonly (SetAssignment | undefined)[] = [];

/** Start offset of problems about the template as a whole rather than a range of its text. */
export const WHOLE_TEMPLATE = -1;

export type TemplateReport = (start: number, end: number, code: string, message: string, extra?: Partial<Problem>) => void;

export interface TemplateFacts {
  text: string;
  kind: TemplateKind;
  /** The template produces JSON (its MIME type says so, or nothing says otherwise). */
  producesJson: boolean;
  /** Lower-cased integration type, when the template belongs to one. */
  integrationType?: string;
}

/** API Gateway rejects mapping templates over 300 KB (known issues). */
export const MAX_TEMPLATE_BYTES = 300 * 1024;

/** Returns false when the template is too large to check further. */
export function checkTemplateText(facts: TemplateFacts, report: TemplateReport): boolean {
  const { text, kind } = facts;
  // A UTF-16 code unit takes at most three bytes in UTF-8, so most templates need no count.
  const bytes = text.length * 3 <= MAX_TEMPLATE_BYTES ? 0 : Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEMPLATE_BYTES) {
    report(WHOLE_TEMPLATE, WHOLE_TEMPLATE, 'template-too-large', `This template is ${Math.ceil(bytes / 1024)} KB; API Gateway accepts mapping templates up to 300 KB.`);
    return false;
  }
  const scanned = scanTemplate(text);
  if (kind === 'gatewayResponse') {
    for (const directive of scanned.directives) {
      report(directive.start, directive.nameEnd, 'gateway-response-template-directive',
        `Gateway response templates are not Velocity: #${directive.name} is not run and appears in the response as written.`);
    }
  } else {
    checkSyntax(text, report);
  }
  const references = scanned.references;
  for (let i = 0; i < references.length; i++) checkReference(references[i], kind, report);
  // Gateway response templates only substitute variables: `#set` does not run there.
  const assignments = kind !== 'gatewayResponse' && scanned.directives.length > 0 ? directiveAssignments(text, scanned) : NO_ASSIGNMENTS;
  if (kind !== 'gatewayResponse') checkVariables(text, scanned, report, assignments);
  if (facts.producesJson) checkJsonStrings(scanned, kind, assignments, report);
  if (kind === 'request' && facts.integrationType === 'mock' && !/statusCode/.test(text)) {
    report(WHOLE_TEMPLATE, WHOLE_TEMPLATE, 'template-mock-without-status',
      'A MOCK integration answers with the `statusCode` its request template writes, e.g. {"statusCode": 200}; without it the integration fails with 500.');
  }
  return true;
}

function checkSyntax(text: string, report: TemplateReport): void {
  if (isCertainlyValidTemplate(text)) return;
  for (const problem of checkTemplateSyntax(text)) {
    if (problem.code === 'template-too-large') continue;
    const offset = problem.line === undefined ? 0 : offsetOfLineColumn(text, problem.line, problem.column ?? 1);
    const end = Math.min(text.length, offset + Math.max(1, tokenLength(text, offset)));
    report(offset, end, problem.code === 'set-as-text' ? 'template-set-as-text' : 'template-syntax', problem.message);
  }
}

/** The length of the token the message names, within its line. */
function tokenLength(text: string, offset: number): number {
  const token = tokenAt(text, offset);
  const lineBreak = token.search(/[\r\n]/);
  return lineBreak < 0 ? token.length : lineBreak;
}

/**
 * Values that break the JSON string they are written into. `$util.escapeJavaScript` turns `'` into `\'`, which is not
 * a valid JSON escape unless `.replaceAll("\\'","'")` follows (mapping-template reference);
 * `$context.error.validationErrorString` is not escaped at all and holds double quotes
 * (`[object has missing required properties (["price"])]`). Both are followed through variables assigned with `#set`.
 */
function checkJsonStrings(scanned: ScannedTemplate, kind: TemplateKind, assignments: readonly (SetAssignment | undefined)[], report: TemplateReport): void {
  // Gateway response templates only substitute variables: `#set` does not run and `$util` is not there.
  const velocity = kind !== 'gatewayResponse';
  const escapedVariables = new Set<string>();
  const validationVariables = new Set<string>();
  const jsonVariables = new Set<string>();
  if (velocity) {
    for (let i = 0; i < assignments.length; i++) {
      const assignment = assignments[i];
      const value = assignment?.value;
      if (!value) continue;
      const root = assignment.target.root;
      follow(escapedVariables, root, isUnrepairedEscape(value));
      follow(validationVariables, root, isValidationErrorString(value));
      follow(jsonVariables, root, isInputJson(value));
    }
  }
  const references = scanned.references;
  for (let i = 0; i < references.length; i++) {
    const reference = references[i];
    if (reference.context !== 'text' || !reference.inJsonString) continue;
    const viaVariable = reference.segments.length === 0;
    if (velocity && ((isUnrepairedEscape(reference) && !escapesQuoteFree(reference, references)) || (viaVariable && escapedVariables.has(reference.root)))) {
      report(reference.start, reference.end, 'template-escape-javascript-in-json',
        isUnrepairedEscape(reference)
          ? `$util.escapeJavaScript writes ' as \\', which is invalid inside a JSON string; append .replaceAll("\\\\'","'").`
          : `$${reference.root} holds $util.escapeJavaScript output, which writes ' as \\' (invalid inside a JSON string); append .replaceAll("\\\\'","'").`);
    } else if (isValidationErrorString(reference) || (viaVariable && validationVariables.has(reference.root))) {
      const what = isValidationErrorString(reference)
        ? '`$context.error.validationErrorString`'
        : `\`$${reference.root}\` holds \`$context.error.validationErrorString\`, which`;
      const advice = velocity
        ? 'write `$util.escapeJavaScript($context.error.validationErrorString).replaceAll("\\\\\'","\'")` in its place, or use `$context.error.messageString` without quotes around it (it is already quoted)'
        : 'gateway response templates cannot escape it: use `$context.error.messageString` without quotes around it (it is already quoted)';
      report(reference.start, reference.end, 'template-validation-error-in-json',
        `${what} is not escaped for JSON and holds double quotes (e.g. [object has missing required properties (["price"])]), which end this JSON string early and make the body invalid JSON; ${advice}.`);
    } else if (velocity && (isInputJson(reference) || (viaVariable && jsonVariables.has(reference.root)))) {
      const what = isInputJson(reference) ? '`$input.json(...)`' : `\`$${reference.root}\` holds \`$input.json(...)\` output, which`;
      report(reference.start, reference.end, 'template-quoted-input-json',
        `${what} writes JSON, with its own quotes around a string ("Rex"), so inside a JSON string it makes the body invalid JSON (""Rex""); write it without the quotes around it, e.g. {"name": $input.json('$.name')}.`);
    } else if (isErrorMember(reference, 'messageString')) {
      report(reference.start, reference.end, 'template-quoted-message-string',
        '`$context.error.messageString` comes with its own double quotes ("Invalid request body"), so inside a JSON string it makes the body invalid JSON; write it without the quotes around it, e.g. {"message": $context.error.messageString}.');
    }
  }
}

/** The last `#set` of a variable decides what it holds. */
function follow(variables: Set<string>, root: string, holds: boolean): void {
  if (holds) variables.add(root);
  else variables.delete(root);
}

// Segments are read by index: these run for every reference in a JSON string, and destructuring an array goes
// through its iterator, which costs until the code is optimised.
function isUnrepairedEscape(reference: TemplateReference): boolean {
  if (reference.root !== 'util') return false;
  const segments = reference.segments;
  const first = segments[0];
  return first !== undefined && first.name === 'escapeJavaScript' && !!first.call && (segments.length < 2 || segments[1].name !== 'replaceAll');
}

/**
 * `$util.escapeJavaScript($context.requestId)` and the like: the argument is one variable whose value never holds a
 * quote, so the escape has nothing to turn into `\'`. The argument's own reference was scanned with the call's.
 */
function escapesQuoteFree(reference: TemplateReference, references: readonly TemplateReference[]): boolean {
  const args = reference.segments[0].call!.args;
  if (args.length !== 1) return false;
  const { start, end } = args[0];
  const inner = references.find((r) => r.start === start && r.end === end && r.context === 'code');
  if (!inner || inner.segments.some((segment) => segment.call || segment.bracket)) return false;
  return findTemplateMember([inner.root, ...inner.segments.map((segment) => segment.name)])?.quoteFree === true;
}

/** `$input.json(...)` itself; a method called on its result (`.replace(...)`) may have taken the quotes off. */
function isInputJson(reference: TemplateReference): boolean {
  if (reference.root !== 'input' || reference.segments.length !== 1) return false;
  const first = reference.segments[0];
  return first.name === 'json' && !!first.call;
}

/** `$context.error.validationErrorString` itself; a method called on it (`.replace(...)`) may have repaired it. */
function isValidationErrorString(reference: TemplateReference): boolean {
  return isErrorMember(reference, 'validationErrorString');
}

/** `$context.error.NAME` itself, without a method called on it. */
function isErrorMember(reference: TemplateReference, name: string): boolean {
  const segments = reference.segments;
  return reference.root === 'context' && segments.length === 2 && segments[0].name === 'error' && segments[1].name === name;
}
