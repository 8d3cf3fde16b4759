import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { parseApiDocument } from '../model/apiDocument';
import { isTemplateDocument } from '../model/templateDocument';
import { validateStandaloneTemplate } from './templates/templateValidation';
import { isKindWithin } from './codeActionKinds';
import { MAX_FIX_PASSES } from './fixPassLimit';

/**
 * The quick fixes marked as preferred (the ones whose repair is certain) applied to a text pass after pass, until none
 * is left to apply: what `apigw lint --fix` writes and what the editor's "Fix all" action offers.
 */

/** Parse findings: a fixed text with more of them than the text it came from no longer parses as it did. */
const SYNTAX_CODES = new Set(['yaml-syntax', 'json-syntax', 'duplicate-key']);

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

/**
 * Applies the preferred fixes of `text` until none is left, re-checking after each pass: a fix may bring up a finding
 * another fixes, or wait for an overlapping one. A text seen before ends the passes at once, since fixes that undo each
 * other would go round for ever.
 */
export async function fixText(text: string, checks: FixChecks): Promise<FixOutcome> {
  let document = checks.document(text, 0);
  let diagnostics = await checks.check(document);
  const before = diagnostics;
  let syntax = syntaxProblems(document, text);
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
    const applied = applyParsing(document, nonOverlapping(candidates), syntax);
    for (const fix of applied.dropped) dropped.set(droppedKey(fix), { title: fix.title, code: String(fix.diagnostic.code), message: messageOf(fix.diagnostic) });
    // Every fix of the pass broke the syntax: the next pass offers those that overlapped them, or ends.
    if (applied.fixes.length === 0) continue;
    if (seen.has(applied.text)) {
      unsettled = true;
      break;
    }
    seen.add(applied.text);
    document = checks.document(applied.text, pass);
    diagnostics = await checks.check(document);
    syntax = applied.syntax;
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
 * The pass's text with its fixes, leaving out any fix after which the text no longer parses as it did. All together
 * first; only when that breaks, one at a time, to find which fix is at fault.
 */
function applyParsing(document: TextDocument, fixes: Fix[], syntax: number): { text: string; fixes: Fix[]; dropped: Fix[]; syntax: number } {
  const apply = (chosen: Fix[]) => TextDocument.applyEdits(document, chosen.flatMap((fix) => fix.edits));
  const all = apply(fixes);
  const allSyntax = syntaxProblems(document, all);
  if (allSyntax <= syntax) return { text: all, fixes, dropped: [], syntax: allSyntax };
  const kept: Fix[] = [];
  const dropped: Fix[] = [];
  let text = document.getText();
  let keptSyntax = syntax;
  for (const fix of fixes) {
    const tried = apply([...kept, fix]);
    const triedSyntax = syntaxProblems(document, tried);
    if (triedSyntax <= syntax) {
      kept.push(fix);
      text = tried;
      keptSyntax = triedSyntax;
    } else {
      dropped.push(fix);
    }
  }
  return { text, fixes: kept, dropped, syntax: keptSyntax };
}

/** How many parse findings a text of this document has: its YAML or JSON, or for a `.vtl` file its template syntax. */
function syntaxProblems(document: TextDocument, text: string): number {
  if (isTemplateDocument(document)) return validateStandaloneTemplate(text, document.uri).filter((p) => p.code === 'template-syntax').length;
  const parsed = parseApiDocument(TextDocument.create(document.uri, document.languageId, 0, text));
  return parsed.problems.filter((p) => SYNTAX_CODES.has(p.code)).length;
}
