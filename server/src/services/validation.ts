import { importSizeProblem } from './rules/importRules';
import { DiagnosticSeverity, DiagnosticTag, type CodeDescription, type Diagnostic, type Position } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { AnyNode } from '../model/nodes';
import { keyOf } from '../model/property';
import { inferDialect } from '../model/dialectInference';
import { isRetired } from '../model/incrementalParse';
import { codeInfo, DIAGNOSTIC_CODES } from '../facts/diagnosticCodes';
import { nearMiss } from './rules/nearMiss';
import { RULES } from './rules';
import { startTemplateChecks } from './templates/templateValidation';
import { yieldToEventLoop } from './rules/eventLoop';
import { createValidationCaches, type ValidationCaches } from './validationCaches';
import type { DocumentResolver, LanguageSettings, Problem, Rule, SeverityName, ValidationContext } from './validationTypes';
import type { Dialect } from '../model/dialect';
import { referencesRule } from './rules/references';
import { readingOnce } from './readOnce';
import { ignoredSpans, isIgnored } from './ignoredFindings';
import { MAX_FILES, MAX_SPLICED_NODES, problemsByFile, reportingInParts, spliceReferencedFiles, syntaxOfFiles, type FileProblems, type SplitDefinition } from './splitDefinitions';

export const DIAGNOSTIC_SOURCE = 'apigateway';

/** Past this size only syntax is checked, so one huge file cannot stall the server (AWS imports REST API definitions of at most 6 MB). */
export const DEFAULT_MAX_VALIDATION_SIZE = 20 * 1024 * 1024;

/** The LSP severity of each severity name. */
export const DIAGNOSTIC_SEVERITIES: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface ValidationOptions {
  settings?: LanguageSettings;
  resolver?: DocumentResolver;
  caches?: ValidationCaches;
  isCancelled?: () => boolean;
}

/** Runs every rule over a parsed document and returns LSP diagnostics, with severity settings and suppressions applied. */
export async function validateDocument(document: ApiDocument, options: ValidationOptions = {}): Promise<Diagnostic[]> {
  const results = await runRules(document, options);
  return toDiagnostics(document, allProblems(results), options.settings ?? {});
}

/** What one validation found, kept per rule so that a later version can reuse what did not change. */
export interface RuleResults {
  /** Syntax problems, or the note that the document is too large to check further. */
  base: Problem[];
  /** Each rule's problems, in the order of `RULES`; undefined when the rules did not run. */
  byRule: Problem[][] | undefined;
  dialect: Dialect | undefined;
  cancelled: boolean;
  /**
   * Findings in the other files the definition's `$ref`s name, by URI, when it names any: the rules check the
   * definition with those files spliced in, and what they find there belongs to those files.
   */
  elsewhere?: Map<string, FileProblems>;
}

export function allProblems(results: RuleResults): Problem[] {
  return results.byRule ? results.base.concat(...results.byRule) : results.base;
}

export function maxValidationSize(settings: LanguageSettings): number {
  return settings.maxValidationSize ?? DEFAULT_MAX_VALIDATION_SIZE;
}

export async function runRules(document: ApiDocument, options: ValidationOptions): Promise<RuleResults> {
  const settings = options.settings ?? {};
  const base: Problem[] = document.problems.map((p) => ({ ...p }));
  const maxSize = maxValidationSize(settings);
  if (document.root && document.text.length > maxSize) {
    base.push({
      offset: 0,
      end: 0,
      code: 'too-large-to-validate',
      message: `This document is ${(document.text.length / 1048576).toFixed(1)} MB; only its syntax was checked (limit ${(maxSize / 1048576).toFixed(0)} MB).`,
    });
    const tooLarge = importSizeProblem(document, dialectOf(document, settings));
    if (tooLarge) base.push(tooLarge);
    return { base, byRule: undefined, dialect: undefined, cancelled: false };
  }
  if (!document.root || document.kind === 'unknown' || document.recovered) return { base, byRule: undefined, dialect: undefined, cancelled: false };
  const resolver = options.resolver && readingOnce(options.resolver);
  const running = { ...options, resolver, isCancelled: stopsWith(document, options) };
  const split = resolver ? await splitDefinition(document, resolver, running.isCancelled, base) : undefined;
  const checked = split?.document ?? document;
  const dialect = dialectOf(checked, settings);
  const byRule: Problem[][] = [];
  const caches = options.caches ?? createValidationCaches();
  // The template checks run meanwhile in a worker thread when the definition has many templates.
  startTemplateChecks(checked, caches);
  const elsewhere = new Map<string, FileProblems>();
  if (split) {
    syntaxOfFiles(split, elsewhere);
    if (split.cutShort) {
      const { offset, end, why } = split.cutShort;
      const limit = why === 'files' ? `up to ${MAX_FILES.toLocaleString('en-US')} files are read for one definition` : `up to ${MAX_SPLICED_NODES.toLocaleString('en-US')} nodes of other files are copied for one definition`;
      problemsByFile(split, [{ offset, end, code: 'referenced-files-partly-checked', message: `What this $ref leads to was not checked: ${limit}, and it comes after them.` }], base, elsewhere);
    }
  }
  let cancelled = false;
  for (let r = 0; r < RULES.length; r++) {
    if (r > 0) await yieldToEventLoop();
    // The references check follows every file itself, from each file's own location; the other rules read the bundle.
    const context = createContext(split && RULES[r] !== referencesRule ? checked : document, dialect, running, caches, []);
    if (split && RULES[r] === referencesRule) context.reportIn = reportingInParts(split, elsewhere);
    if (context.isCancelled()) {
      cancelled = true;
      break;
    }
    await runRule(RULES[r], context);
    if (context.document === checked && split) {
      const own: Problem[] = [];
      problemsByFile(split, context.problems, own, elsewhere);
      byRule.push(own);
    } else byRule.push(context.problems);
  }
  return split ? { base, byRule, dialect, cancelled, elsewhere } : { base, byRule, dialect, cancelled };
}

/** The definition with the files its `$ref`s name spliced in; a failure to splice leaves it checked on its own, saying so. */
async function splitDefinition(document: ApiDocument, resolver: DocumentResolver, isCancelled: () => boolean, base: Problem[]): Promise<SplitDefinition | undefined> {
  try {
    return await spliceReferencedFiles(document, resolver, isCancelled);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    base.push({ offset: 0, end: 0, code: 'check-failed', message: `The files this definition's $refs name could not be checked with it (${reason}); the definition was checked on its own.` });
    return undefined;
  }
}

/**
 * Runs one rule; a rule that fails (a bug, or an input beyond what it can take, such as nesting that exhausts the
 * stack) costs its own findings only, and says so on the document instead of leaving the user with nothing.
 */
export async function runRule(rule: Rule, context: ValidationContext & { problems: Problem[] }): Promise<void> {
  try {
    await rule(context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const name = rule.name.replace(/Rule$/, '').replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
    context.problems.push({
      offset: 0,
      end: 0,
      code: 'check-failed',
      message: `The ${name} check stopped on this document (${reason}); its findings are missing, the other checks ran.`,
    });
  }
}

/**
 * Validation gives the event loop turns, and meanwhile a newer version may take over the document's tree (re-parsed by
 * parts): the findings would then mix two versions, so the validation stops as if cancelled.
 */
export function stopsWith(document: ApiDocument, options: ValidationOptions): () => boolean {
  const isCancelled = options.isCancelled;
  return () => isRetired(document) || (isCancelled !== undefined && isCancelled());
}

export function dialectOf(document: ApiDocument, settings: LanguageSettings): Dialect {
  return settings.dialect && settings.dialect !== 'auto' ? settings.dialect : inferDialect(document);
}

/** A context whose reports land in `problems`. */
export function createContext(document: ApiDocument, dialect: Dialect, options: ValidationOptions, caches: ValidationCaches, problems: Problem[]): ValidationContext & { problems: Problem[] } {
  return {
    document,
    dialect,
    settings: options.settings ?? {},
    resolver: options.resolver,
    caches,
    problems,
    report(node, code, message, extra) {
      const at = placed(node);
      problems.push({ offset: at.offset, end: at.end, code, message, ...extra });
    },
    isCancelled: options.isCancelled ?? (() => false),
  };
}

/**
 * js-yaml gives a value left out (`key:` with nothing after it, which users write all the time while typing) no
 * position; a finding on it goes on its key, or on the nearest enclosing node that has one, not at the start of the file.
 */
function placed(node: AnyNode | { offset: number; end: number }): { offset: number; end: number } {
  for (let current = node; ; ) {
    if (current.offset >= 0 || !('parent' in current) || !current.parent) return current;
    const parent: AnyNode = current.parent;
    if (parent.type === 'property') return keyOf(parent);
    current = parent;
  }
}

/** The severity a finding of `code` is shown with under `settings`; undefined when the settings turn the code off. */
export function configuredSeverity(code: string, settings: LanguageSettings, own?: SeverityName): DiagnosticSeverity | undefined {
  const configured = settings.severity?.[code];
  if (configured === 'off') return undefined;
  return DIAGNOSTIC_SEVERITIES[configured ?? own ?? codeInfo(code)?.severity ?? 'error'];
}

export function toDiagnostics(document: ApiDocument, problems: Problem[], settings: LanguageSettings): Diagnostic[] {
  const positionAt = positionFinder(document);
  const suppressions = findSuppressions(document, positionAt);
  // A misspelt code silences nothing, and without a word the finding it was meant for seems to ignore the comment.
  if (suppressions?.unknown.length) problems = problems.concat(suppressions.unknown);
  const ignored = settings.ignore && ignoredSpans(document, settings);
  const diagnostics: Diagnostic[] = [];
  const seen: SeenProblems = new Map();
  for (const problem of problems) {
    // Before the severity, so that an entry silencing a code turned off is not reported stale.
    if (ignored && isIgnored(ignored, problem)) continue;
    const severity = configuredSeverity(problem.code, settings, problem.severity);
    if (severity === undefined) continue;
    const info = codeInfo(problem.code);
    const start = positionAt(problem.offset);
    if (suppressions && isSuppressed(suppressions, start.line, problem.code)) continue;
    if (!firstOfItsKind(seen, problem)) continue;
    const range = { start, end: positionAt(Math.max(problem.end, problem.offset)) };
    // Made with all its usual fields at once: a field added afterwards costs every diagnostic a second allocation.
    const diagnostic: Diagnostic = info
      ? { range, severity, code: problem.code, source: DIAGNOSTIC_SOURCE, message: problem.message, codeDescription: codeDescriptionOf(problem.code, info.docsUrl) }
      : { range, severity, code: problem.code, source: DIAGNOSTIC_SOURCE, message: problem.message };
    if (problem.data) diagnostic.data = problem.data;
    if (problem.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
    if (problem.related?.length) {
      diagnostic.relatedInformation = problem.related.map((r) => ({
        location: { uri: r.uri, range: r.uri === document.uri ? { start: positionAt(r.offset), end: positionAt(r.end) } : (r.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) },
        message: r.message,
      }));
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/**
 * One description per code, shared by its diagnostics: a large definition has thousands of findings of a few codes,
 * and diagnostics are read, never changed, once made.
 */
const codeDescriptions = new Map<string, CodeDescription>();

function codeDescriptionOf(code: string, href: string): CodeDescription {
  let description = codeDescriptions.get(code);
  if (description === undefined || description.href !== href) {
    description = { href };
    codeDescriptions.set(code, description);
  }
  return description;
}

/** Problems kept so far, by offset: one problem, or several at the same offset. */
type SeenProblems = Map<number, Problem | Problem[]>;

/** False when a problem with the same range, code and message was already kept. */
function firstOfItsKind(seen: SeenProblems, problem: Problem): boolean {
  const found = seen.get(problem.offset);
  if (found === undefined) {
    seen.set(problem.offset, problem);
    return true;
  }
  const list = Array.isArray(found) ? found : [found];
  for (const p of list) {
    if (p.end === problem.end && p.code === problem.code && p.message === problem.message) return false;
  }
  list.push(problem);
  if (list.length === 2) seen.set(problem.offset, list);
  return true;
}

type PositionAt = (offset: number) => Position;

/**
 * `TextDocument.positionAt` as a function, without the TextDocument's own line table: that table is built by a loop
 * over every character, while searching for line feeds alone is several times faster. Text with carriage returns
 * (`\r\n` and lone `\r` end lines too) is left to the TextDocument.
 */
function positionFinder(document: ApiDocument): PositionAt {
  const textDocument = document.textDocument;
  const text = textDocument.getText();
  if (text.includes('\r')) return (offset) => textDocument.positionAt(offset);
  // Lines are found only as far as the findings go: a large document's findings often all stand near its start. Their
  // starts go into a typed array, kept outside the JavaScript heap, sized for lines of about 32 characters: a plain
  // array grown line by line allocates several times its final size on the way.
  let lineStarts = new Int32Array((text.length >> 5) + 16);
  let lines = 1;
  let scanned = 0;
  return (offset) => {
    offset = Math.max(Math.min(offset, text.length), 0);
    while (scanned <= offset && scanned < text.length) {
      const at = text.indexOf('\n', scanned);
      if (at < 0) scanned = text.length;
      else {
        if (lines === lineStarts.length) {
          const grown = new Int32Array(lines * 2);
          grown.set(lineStarts);
          lineStarts = grown;
        }
        lineStarts[lines++] = at + 1;
        scanned = at + 1;
      }
    }
    let low = 0;
    let high = lines;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lineStarts[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: offset - lineStarts[line] };
  };
}

/**
 * `# apigw-disable-next-line [code ...]` silences the next line; `# apigw-disable-line [code ...]` its own line.
 * Without codes every diagnostic on that line is silenced. YAML only: JSON has no comments.
 */
const SUPPRESSION = /#\s*apigw-disable-(next-line|line)\b([^\n]*)/g;

/** The codes silenced on each line, and the codes a comment names that no check reports. */
type Suppressions = Map<number, Set<string> | 'all'> & { unknown: Problem[] };

function findSuppressions(document: ApiDocument, positionAt: PositionAt): Suppressions | undefined {
  const text = document.text;
  if (document.format !== 'yaml' || !mayHoldSuppressions(text)) return undefined;
  const result: Suppressions = Object.assign(new Map<number, Set<string> | 'all'>(), { unknown: [] as Problem[] });
  for (const match of text.matchAll(SUPPRESSION)) {
    const at = match.index ?? 0;
    const line = positionAt(at).line + (match[1] === 'next-line' ? 1 : 0);
    const codes: string[] = [];
    const listed = at + match[0].length - match[2].length;
    // `-- reason` after the codes says why, as in other linters' comments.
    const reason = match[2].search(/(?:^|\s)--(?:\s|$)/);
    for (const code of (reason < 0 ? match[2] : match[2].slice(0, reason)).matchAll(CODE_WORD)) {
      const word = code[0];
      codes.push(word);
      // Words that are not shaped like a code are taken for a reason written without `--`.
      if (codeInfo(word) || !CODE_SHAPE.test(word)) continue;
      const offset = listed + (code.index ?? 0);
      const meant = nearMiss(word, Object.keys(DIAGNOSTIC_CODES));
      result.unknown.push({ offset, end: offset + word.length, code: 'unknown-suppressed-code', message: `\`${word}\` is no diagnostic code, so this comment silences nothing under that name.${meant ? ` Did you mean \`${meant}\`?` : ''}`, data: meant ? { expected: meant } : undefined });
    }
    const existing = result.get(line);
    if (codes.length === 0 || existing === 'all') result.set(line, 'all');
    else result.set(line, new Set([...(existing ?? []), ...codes]));
  }
  return result;
}

/** A code of a suppression comment: the words between spaces and commas. */
const CODE_WORD = /[^\s,]+/g;
/** How every code is written: lower-case words joined by hyphens. */
const CODE_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

/**
 * Whether a suppression may stand in the text: one of its `#` (comments, template directives) is followed by the
 * word. Searching the text for `#` and reading on from each is several times faster than searching it for the word.
 */
function mayHoldSuppressions(text: string): boolean {
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
    SUPPRESSION_START.lastIndex = at + 1;
    if (SUPPRESSION_START.test(text)) return true;
  }
  return false;
}

/** What follows the `#` of a suppression, as `SUPPRESSION` reads it. */
const SUPPRESSION_START = /\s*apigw-disable-/y;

function isSuppressed(suppressions: Suppressions, line: number, code: string): boolean {
  const entry = suppressions.get(line);
  return entry === 'all' || (entry !== undefined && entry.has(code));
}
