/**
 * The repairs of template findings whose correction is certain, in the template's own text. Where the template is
 * written (a `.vtl` file, a YAML or JSON string) is templateFixes.ts's concern. The template is scanned again only when
 * a repair is asked for, so the checks themselves do no extra work.
 */
import type { TemplateKind } from '../../facts/templateVariableTypes';
import { checkTemplateSyntax } from '../../template/syntaxCheck';
import { nearMiss } from '../rules/nearMiss';
import { resolveReference } from './memberLookup';
import { scanTemplate, type TemplateReference } from './templateScanner';

/** One replacement in the template's text. */
export interface TemplateEdit {
  start: number;
  end: number;
  newText: string;
}

export interface TemplateRepair {
  title: string;
  /** In the order of the text, not overlapping. */
  edits: TemplateEdit[];
  /** The one certain repair, which a command-line fix may apply unattended. */
  preferred: boolean;
}

/**
 * The documented workaround for `\'` in `$util.escapeJavaScript` output (mapping-template reference): Velocity keeps
 * the backslashes of its string literals, so the Java regex `\\'` matches the `\'` that JSON does not accept.
 */
export const REPLACE_ESCAPED_QUOTES = `.replaceAll("\\\\'","'")`;

export const REPAIRED_CODES = new Set([
  'template-escape-javascript-in-json',
  'template-unknown-member',
  'template-quoted-input-json',
  'template-quoted-message-string',
  'template-validation-error-in-json',
  'template-set-as-text',
]);

/** The repairs of the finding with `code` that starts at template offset `start`. */
export function templateRepairs(text: string, kind: TemplateKind, code: string, start: number): TemplateRepair[] {
  switch (code) {
    case 'template-escape-javascript-in-json':
      return appendQuoteRepair(referenceAt(text, start));
    case 'template-unknown-member':
      return memberRepair(text, start);
    case 'template-quoted-input-json':
    case 'template-quoted-message-string':
      return unquoteRepair(text, referenceAt(text, start));
    case 'template-validation-error-in-json':
      // Gateway response templates have no `$util` to escape with.
      return kind === 'gatewayResponse' ? [] : escapeRepair(referenceAt(text, start));
    case 'template-set-as-text':
      return setRepair(text, start);
    default:
      return [];
  }
}

function referenceAt(text: string, start: number): TemplateReference | undefined {
  return scanTemplate(text).references.find((r) => r.start === start && r.context === 'text');
}

/** After the `escapeJavaScript(...)` call itself, or after the variable that holds its output. */
function appendQuoteRepair(reference: TemplateReference | undefined): TemplateRepair[] {
  if (!reference) return [];
  const first = reference.segments[0];
  let at: number;
  if (reference.root === 'util' && first?.name === 'escapeJavaScript' && first.call) {
    if (first.call.close < 0) return [];
    at = first.call.close + 1;
  } else if (reference.segments.length === 0) {
    at = reference.braced ? reference.end - 1 : reference.end;
  } else {
    return [];
  }
  return [{ title: `Append ${REPLACE_ESCAPED_QUOTES}`, edits: [{ start: at, end: at, newText: REPLACE_ESCAPED_QUOTES }], preferred: true }];
}

/** The catalog member meant, when exactly one is a near miss of the name written (another letter case, a typo). */
function memberRepair(text: string, start: number): TemplateRepair[] {
  for (const reference of scanTemplate(text).references) {
    if (start < reference.start || start >= reference.end) continue;
    const unknown = resolveReference(reference)?.unknown;
    if (!unknown || unknown.segment.start !== start) continue;
    const name = unknown.segment.name;
    // A bracketed name stands in quotes after the segment's start; only a name written where the finding is, is replaced.
    if (text.slice(start, start + name.length) !== name) return [];
    const meant = nearMiss(name, (unknown.parent.members ?? []).map((m) => m.name));
    if (meant === undefined) return [];
    const where = `$${unknown.parentPath.join('.')}`;
    return [{ title: `Change to ${where}.${meant}`, edits: [{ start, end: start + name.length, newText: meant }], preferred: true }];
  }
  return [];
}

/** Only a JSON string that holds the reference alone: then its quotes are the ones the value brings already. */
function unquoteRepair(text: string, reference: TemplateReference | undefined): TemplateRepair[] {
  if (!reference) return [];
  const open = reference.start - 1;
  const close = reference.end;
  if (text[open] !== '"' || text[close] !== '"' || text[open - 1] === '\\') return [];
  const written = text.slice(reference.start, reference.end);
  return [{
    title: `Remove the quotes around ${written}`,
    edits: [{ start: open, end: open + 1, newText: '' }, { start: close, end: close + 1, newText: '' }],
    preferred: true,
  }];
}

/**
 * `$util.escapeJavaScript` escapes the double quotes, and the documented `replaceAll` undoes its `\'`: the same text,
 * as valid JSON string content. The reference keeps its notation, so that text right after it still reads as text.
 */
function escapeRepair(reference: TemplateReference | undefined): TemplateRepair[] {
  if (!reference) return [];
  const isMember = reference.segments.length > 0;
  if (isMember && !(reference.root === 'context' && reference.segments.length === 2)) return [];
  const value = isMember ? '$context.error.validationErrorString' : `$${reference.root}`;
  const opening = `$${reference.silent ? '!' : ''}${reference.braced ? '{' : ''}`;
  const newText = `${opening}util.escapeJavaScript(${value})${REPLACE_ESCAPED_QUOTES}${reference.braced ? '}' : ''}`;
  return [{ title: `Escape with $util.escapeJavaScript(${value})`, edits: [{ start: reference.start, end: reference.end, newText }], preferred: true }];
}

/**
 * `#set $x = value` written out as text: the parentheses go around the rest of its line, when that is one assignment
 * and the template then reads without the finding and without any new one. Only the blanks around the assignment are
 * replaced, so that a fix inside the assignment (a member's name) can be applied with this one.
 */
function setRepair(text: string, start: number): TemplateRepair[] {
  if (!text.startsWith('#set', start)) return [];
  const from = start + '#set'.length;
  const lineEnd = text.slice(from).search(/\r?\n/);
  const end = lineEnd < 0 ? text.length : from + lineEnd;
  const assignment = BARE_ASSIGNMENT.exec(text.slice(from, end));
  if (!assignment) return [];
  const [, leading, written] = assignment;
  const open = { start: from, end: from + leading.length, newText: '(' };
  const close = { start: open.end + written.length, end, newText: ')' };
  const repaired = `${text.slice(0, from)}(${written})${text.slice(end)}`;
  const before = checkTemplateSyntax(text);
  const after = checkTemplateSyntax(repaired);
  if (after.some((p) => p.code !== 'set-as-text') || after.length !== before.length - 1) return [];
  const shown = written.length > MAX_TITLE_ASSIGNMENT ? `${written.slice(0, MAX_TITLE_ASSIGNMENT)}…` : written;
  return [{ title: `Change to #set(${shown})`, edits: [open, close], preferred: true }];
}

/** `$name = value` or `$a.b = value`, with the blanks around it that the repair drops. */
const BARE_ASSIGNMENT = /^([ \t]*)(\$!?\{?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*\}?[ \t]*=[ \t]*\S(?:.*\S)?)[ \t]*$/;

const MAX_TITLE_ASSIGNMENT = 60;
