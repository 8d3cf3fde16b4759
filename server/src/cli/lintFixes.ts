import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { isTemplateDocument } from '../languageService';
import { parseApiDocument } from '../model/apiDocument';
import { validateStandaloneTemplate } from '../services/templates/templateValidation';
import { UsageError, type CliIO } from './io';
import { STDIN_NAME } from './lintInputs';
import type { ReportFormat } from './lintReports';
import { unifiedDiff } from './unifiedDiff';
import { MAX_FIX_PASSES } from './usage';

/**
 * `apigw lint --fix`: the quick fixes the editor marks as preferred (the ones whose repair is certain) applied to the
 * files, pass after pass, until none is left to apply.
 */

/** `--fix` writes the files; `--fix-dry-run` prints the diff it would write. */
export type FixMode = 'fix' | 'dry-run';

/** Parse findings: a fixed text with more of them than the text it came from no longer parses as it did. */
const SYNTAX_CODES = new Set(['yaml-syntax', 'json-syntax', 'duplicate-key']);

/** `--fix` or `--fix-dry-run`, refused where it cannot do what it says. */
export function fixMode(fix: boolean, dryRun: boolean, format: ReportFormat, files: readonly string[]): FixMode | undefined {
  if (fix && dryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  // Standard output holds the diff alone, so that it can be given to `git apply`; a report there would corrupt it.
  if (dryRun && format !== 'text') throw new UsageError(`--fix-dry-run prints a diff on standard output and cannot be combined with --format ${format}; use --fix with it, or leave --format out`);
  if (fix && files.includes('-')) throw new UsageError('--fix cannot write standard input back; --fix-dry-run prints its fixes as a diff');
  return fix ? 'fix' : dryRun ? 'dry-run' : undefined;
}

/** How a version of a file is checked and what the editor offers for a finding, as `apigw lint` and the server ask. */
export interface FixChecks {
  document(text: string, version: number): TextDocument;
  /** The findings `apigw lint` reports for this version. */
  check(document: TextDocument): Promise<Diagnostic[]>;
  codeActions(document: TextDocument, diagnostic: Diagnostic): CodeAction[];
}

/** A fix left out because the text it made did not parse as the text before it. */
interface DroppedFix {
  title: string;
  code: string;
  message: string;
}

export interface FixOutcome {
  /** The findings of the text as read: what a file that could not be written still holds. */
  before: Diagnostic[];
  /** The text after the fixes, and its findings: what the report shows. */
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

function messageOf(diagnostic: Diagnostic): string {
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
    const action = checks.codeActions(document, diagnostic).find((a) => a.isPreferred === true && isQuickFix(a) && editsOnlyThis(a, document.uri));
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

function isQuickFix(action: CodeAction): boolean {
  return action.kind === CodeActionKind.QuickFix || !!action.kind?.startsWith(`${CodeActionKind.QuickFix}.`);
}

/** A fix that edits other files, renames them or runs a command is the editor's to apply, where it can be undone. */
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

/** What `--fix` could not do in one file, for standard error: the report shows the findings themselves. */
export function fixNotes(file: string, outcome: FixOutcome): string[] {
  const notes = outcome.dropped.map((drop) => {
    // Placed on the finding as it stands in the fixed text, which the report lists too.
    const at = outcome.diagnostics.find((d) => String(d.code) === drop.code && messageOf(d) === drop.message)?.range.start;
    const where = at ? `${file}:${at.line + 1}:${at.character + 1}` : file;
    return `${where}: not fixed: '${drop.title}' (${drop.code}) would leave the file's syntax broken`;
  });
  if (outcome.unsettled) notes.push(`${file}: the fixes did not settle within ${MAX_FIX_PASSES} passes (one undoes another, or brings its finding back); the rest were not applied`);
  return notes;
}

/** A file whose fixes are worked out: what was read, and what the fixes made of it. */
export interface FixedFile {
  file: string;
  bytes: Buffer;
  original: string;
  outcome: FixOutcome;
}

/**
 * Writes the files the fixes changed. One changed on disk since it was read is left alone, since writing would lose
 * that change; it and one that cannot be written keep their findings as read, and the run fails as for a file that
 * cannot be read. Returns the files not written.
 */
export async function writeFixes(files: FixedFile[], io: CliIO): Promise<Set<string>> {
  const failed = new Set<string>();
  for (const { file, bytes, original, outcome } of files) {
    if (outcome.text === original) continue;
    try {
      if (!io.writeBytes) throw new Error('files cannot be written here');
      const now = await io.readBytes(file);
      if (!now.equals(bytes)) throw new Error('it changed while it was being fixed');
      await io.writeBytes(file, Buffer.concat([leadingMarks(bytes, original), Buffer.from(outcome.text, 'utf8')]));
    } catch (error) {
      io.err(`apigw lint: ${file}: not fixed: ${error instanceof Error ? error.message : String(error)}\n`);
      failed.add(file);
    }
  }
  return failed;
}

/** What the read dropped before the text: the byte order mark, which the file keeps. */
function leadingMarks(bytes: Buffer, text: string): Buffer {
  return bytes.subarray(0, bytes.length - Buffer.byteLength(text, 'utf8'));
}

/**
 * The diff of every file the fixes would change, each named from `cwd` with `/` between folders, so that `git apply`
 * or `patch -p1` run there finds it.
 */
export function fixDiff(files: FixedFile[], cwd: string): string {
  const name = (file: string) => (file === STDIN_NAME ? file : path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/'));
  return files.map(({ file, original, outcome }) => unifiedDiff(name(file), original, outcome.text)).join('');
}

/** `fixed 3 problems in 2 files`, or what a dry run would fix, over the files changed. */
export function fixSummary(mode: FixMode, files: FixedFile[]): string {
  const changed = files.filter((f) => f.outcome.text !== f.original);
  const problems = changed.reduce((sum, f) => sum + f.outcome.fixed, 0);
  if (problems === 0) return 'nothing to fix';
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${mode === 'fix' ? 'fixed' : 'would fix'} ${count(problems, 'problem')} in ${count(changed.length, 'file')}`;
}
