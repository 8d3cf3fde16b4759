import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { parseApiDocument, type ApiDocument } from '../model/apiDocument';
import { isTemplateDocument } from '../model/templateDocument';
import { locateTemplates } from './templates/locate';
import { checkTemplateText } from './templates/templateChecks';
import { checkedFacts, validateStandaloneTemplate } from './templates/templateValidation';
import { isKindWithin } from './codeActionKinds';
import { MAX_FIX_PASSES } from './fixPassLimit';

/**
 * The quick fixes marked as preferred (the ones whose repair is certain) applied to a text pass after pass, until none
 * is left to apply: what `apigw lint --fix` writes and what the editor's "Fix all" action offers.
 */

/** Parse findings: a fixed text with more of them than the text it came from no longer parses as it did. */
const SYNTAX_CODES = new Set(['yaml-syntax', 'json-syntax', 'duplicate-key']);

/**
 * What Velocity's parser makes of a mapping template: a fix after which a template has more of these no longer runs
 * as it did, although the YAML or JSON holding it still parses.
 */
const TEMPLATE_SYNTAX_CODES = new Set(['template-syntax', 'template-set-as-text']);

/** How a version of a text is checked and what is offered for a finding, as the command line and the editor ask. */
export interface FixChecks {
  /** Version 0 is the text the passes start from; each pass's text has the pass's number. */
  document(text: string, version: number): TextDocument;
  /** The findings of this version, as they are shown. */
  check(document: TextDocument): Promise<Diagnostic[]>;
  codeActions(document: TextDocument, diagnostic: Diagnostic): CodeAction[];
}

/** A fix left out because the text it made did not parse as the text before it. */
export interface DroppedFix {
  title: string;
  code: string;
  message: string;
  /** What no longer parsed: the YAML or JSON of the file, or a mapping template in it. */
  broke: 'file' | 'template';
}

export interface FixOutcome {
  /** The findings of the text as read: what a file that could not be written still holds. */
  before: Diagnostic[];
  /** The text after the fixes, and its findings. */
  text: string;
  diagnostics: Diagnostic[];
  /** Findings the applied fixes answered. */
  fixed: number;
  dropped: DroppedFix[];
  /** The fixes had not settled after `MAX_FIX_PASSES` passes, or undid each other: some were not applied. */
  unsettled: boolean;
}

/** One preferred fix of one pass, with where its edits fall in that pass's text. */
interface Fix {
  title: string;
  diagnostic: Diagnostic;
  edits: TextEdit[];
  spans: Array<[number, number]>;
  /** The same edits, told apart from others: two findings one fix answers (two headers of one missing response). */
  sameAs: string;
  answers: number;
}

/** A version of the text, parsed once for the syntax checks of the fixes tried on it. */
interface Version {
  text: string;
  /** Its YAML or JSON parse findings; for a `.vtl` file, its template syntax findings. */
  syntax: number;
  /** The parse of an API definition, whose templates a fix may touch. */
  parsed?: ApiDocument;
}

/** Where edits stand in a text, as offsets. */
type Span = [number, number];

/**
 * Applies the preferred fixes of `text` until none is left, re-checking after each pass: a fix may bring up a finding
 * another fixes, or wait for an overlapping one. A text seen before ends the passes at once, since fixes that undo each
 * other would go round for ever.
 */
export async function fixText(text: string, checks: FixChecks): Promise<FixOutcome> {
  let document = checks.document(text, 0);
  let diagnostics = await checks.check(document);
  const before = diagnostics;
  let version = versionOf(document, text);
  const seen = new Set([text]);
  const dropped = new Map<string, DroppedFix>();
  let fixed = 0;
  let unsettled = false;
  for (let pass = 1; ; pass++) {
    const candidates = preferredFixes(document, diagnostics, checks).filter((fix) => !dropped.has(droppedKey(fix)));
    if (candidates.length === 0) break;
    if (pass > MAX_FIX_PASSES) {
      unsettled = true;
      break;
    }
    const applied = applyParsing(document, nonOverlapping(candidates), version);
    for (const { fix, broke } of applied.dropped) dropped.set(droppedKey(fix), { title: fix.title, code: String(fix.diagnostic.code), message: messageOf(fix.diagnostic), broke });
    // Every fix of the pass broke the syntax: the next pass offers those that overlapped them, or ends.
    if (applied.fixes.length === 0) continue;
    if (seen.has(applied.version.text)) {
      unsettled = true;
      break;
    }
    seen.add(applied.version.text);
    document = checks.document(applied.version.text, pass);
    diagnostics = await checks.check(document);
    version = applied.version;
    fixed += applied.fixes.reduce((sum, fix) => sum + fix.answers, 0);
  }
  return { before, text: document.getText(), diagnostics, fixed, dropped: [...dropped.values()], unsettled };
}

function droppedKey(fix: Fix): string {
  return [fix.title, String(fix.diagnostic.code), messageOf(fix.diagnostic)].join('\0');
}

export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** The first preferred quick fix of each finding, in the order of the findings in the text. */
function preferredFixes(document: TextDocument, diagnostics: Diagnostic[], checks: FixChecks): Fix[] {
  const ordered = [...diagnostics].sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start));
  const fixes: Fix[] = [];
  const text = document.getText();
  const firstBreak = text.indexOf('\n');
  const lineBreak = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  for (const diagnostic of ordered) {
    const action = checks.codeActions(document, diagnostic).find((a) => a.isPreferred === true && isKindWithin(a.kind, CodeActionKind.QuickFix) && editsOnlyThis(a, document.uri));
    const edits = action?.edit?.changes?.[document.uri];
    if (!action || !edits?.length) continue;
    // A fix's new lines follow the file's line breaks: a CRLF file stays CRLF throughout.
    const local = edits.map((edit) => ({ range: edit.range, newText: edit.newText.replace(/\r?\n/g, lineBreak) }));
    const spans = local.map((edit): [number, number] => [document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)]);
    const sameAs = JSON.stringify(local.map((edit, i) => [spans[i], edit.newText]));
    fixes.push({ title: action.title, diagnostic, edits: local, spans, sameAs, answers: 1 });
  }
  return fixes;
}

/** A fix that edits other files, renames them or runs a command is one to apply on its own, where it can be undone. */
function editsOnlyThis(action: CodeAction, uri: string): boolean {
  const edit = action.edit;
  return !!edit && !action.command && !edit.documentChanges && Object.keys(edit.changes ?? {}).every((key) => key === uri);
}

/**
 * The fixes of one pass whose edits neither overlap nor touch those of an earlier fix: two insertions at one place
 * would come out in an order neither fix chose. The others wait for the next pass, which may find them answered.
 */
function nonOverlapping(fixes: Fix[]): Fix[] {
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    const same = chosen.find((c) => c.sameAs === fix.sameAs);
    if (same) {
      same.answers++;
      continue;
    }
    const meets = chosen.some((c) => c.spans.some(([start, end]) => fix.spans.some(([s, e]) => s <= end && start <= e)));
    if (!meets) chosen.push({ ...fix });
  }
  return chosen;
}

/**
 * The pass's text with its fixes, leaving out any fix after which the text no longer parses as it did: its YAML or
 * JSON, or a mapping template the fix edits. All together first; only when that breaks, one at a time, to find which
 * fix is at fault.
 */
function applyParsing(document: TextDocument, fixes: Fix[], base: Version): { version: Version; fixes: Fix[]; dropped: Array<{ fix: Fix; broke: DroppedFix['broke'] }> } {
  const apply = (chosen: Fix[]) => versionOf(document, TextDocument.applyEdits(document, chosen.flatMap((fix) => fix.edits)));
  const all = apply(fixes);
  if (all.syntax <= base.syntax && !breaksTemplates(templateSyntax(all, spansAfter(fixes)), templateSyntax(base, spansAfter([], fixes)))) return { version: all, fixes, dropped: [] };
  const kept: Fix[] = [];
  const dropped: Array<{ fix: Fix; broke: DroppedFix['broke'] }> = [];
  let current = base;
  for (const fix of fixes) {
    const tried = apply([...kept, fix]);
    if (tried.syntax > base.syntax) {
      dropped.push({ fix, broke: 'file' });
      continue;
    }
    // Measured over the same templates on both sides: those the fixes kept so far and this one edit.
    const touched = [...kept, fix];
    if (breaksTemplates(templateSyntax(tried, spansAfter(touched)), templateSyntax(current, spansAfter(kept, [fix])))) {
      dropped.push({ fix, broke: 'template' });
      continue;
    }
    kept.push(fix);
    current = tried;
  }
  return { version: current, fixes: kept, dropped };
}

/** A text of this document with its parse findings: its YAML or JSON, or for a `.vtl` file its template syntax. */
function versionOf(document: TextDocument, text: string): Version {
  if (isTemplateDocument(document)) return { text, syntax: validateStandaloneTemplate(text, document.uri).filter((p) => TEMPLATE_SYNTAX_CODES.has(p.code)).length };
  const parsed = parseApiDocument(TextDocument.create(document.uri, document.languageId, 0, text));
  return { text, syntax: parsed.problems.filter((p) => SYNTAX_CODES.has(p.code)).length, parsed };
}

/**
 * The template syntax findings of each of the definition's templates that meet `spans`, in document order, as
 * validation reports them (a template of a proxy integration, which API Gateway ignores, has none). Only those:
 * checking every template of a large definition after each fix would cost more than the fixes. A `.vtl` file's
 * template is its whole text, which `versionOf` counts already.
 */
function templateSyntax(version: Version, spans: Span[]): number[] {
  if (!version.parsed || spans.length === 0) return [];
  const counts: number[] = [];
  for (const template of locateTemplates(version.parsed)) {
    // Touching counts: text inserted right after a closing quote may change where the string ends.
    if (!spans.some(([start, end]) => start <= template.node.end && template.node.offset <= end)) continue;
    const facts = checkedFacts(template);
    let count = 0;
    if (facts) {
      checkTemplateText(facts, (_start, _end, code) => {
        if (TEMPLATE_SYNTAX_CODES.has(code)) count++;
      });
    }
    counts.push(count);
  }
  return counts;
}

/**
 * Whether some template has more syntax findings after than before: template by template, so that a fix repairing
 * one template cannot hide another that breaks one beside it. When the fixes changed which templates there are, the
 * totals are compared.
 */
function breaksTemplates(after: number[], before: number[]): boolean {
  if (after.length !== before.length) return sum(after) > sum(before);
  return after.some((count, i) => count > before[i]);
}

function sum(counts: number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}

/**
 * Where the edits of `applied` stand in the text they make (each spans its new text), and where those of `pending`,
 * not applied, stand in it (moved by the applied ones before them). The fixes of one pass neither overlap nor touch.
 */
function spansAfter(applied: Fix[], pending: Fix[] = []): Span[] {
  const edits = [
    ...applied.flatMap((fix) => fix.spans.map((span, i) => ({ span, length: fix.edits[i].newText.length as number | undefined }))),
    ...pending.flatMap((fix) => fix.spans.map((span) => ({ span, length: undefined as number | undefined }))),
  ].sort((a, b) => a.span[0] - b.span[0]);
  let delta = 0;
  return edits.map(({ span: [start, end], length }): Span => {
    const moved = start + delta;
    if (length === undefined) return [moved, end + delta];
    delta += length - (end - start);
    return [moved, moved + length];
  });
}
