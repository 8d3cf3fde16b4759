import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, isTemplateDocument, type FileDiagnostics } from '../../languageService';
import { sameFinding } from '../../findingsElsewhere';
import { configuredSeverity, DIAGNOSTIC_SEVERITIES, DIAGNOSTIC_SOURCE } from '../../services/validation';
import { looksLikeApiDefinition } from '../../model/definitionKeys';
import type { DocumentResolver, LanguageSettings, SeverityName, SeveritySetting } from '../../services/validationTypes';
import { SEVERITY_SETTINGS } from '../../services/languageSettings';
import { codeSuggestion, findWorkspaceSettings, loadSettingsFile, type LoadedSettings } from '../settingsFile';
import { DIAGNOSTIC_CODES } from '../../facts/diagnosticCodes';
import { detectFormat } from '../../model/apiDocument';
import { fileUri, WorkspaceResolver } from '../../workspaceResolver';
import type { Unreadable } from '../../model/definitionBytes';
import { UsageError, type CliIO } from '../io';
import { parseOptions } from '../options';
import { isOtherKindOfFile, lintInputs, reportName, type LintInput } from '../lintInputs';
import { fixDiff, fixMode, fixNotes, fixSummary, writeFixes, type FixedFile } from '../lintFixes';
import { fixText, type FixChecks } from '../../services/fixPasses';
import { fixReferencedFiles, recheck, type CheckedDefinition } from '../lintFixParts';
import { checkPartsNamedAlone, keepNamedParts } from '../partsNamedAlone';
import { resolveUri } from '../../model/refUri';
import { decodeUtf8 } from '../../model/utf8';
import type { ApiDocument } from '../../model/apiDocument';
import { countFindings, formatReport, REPORT_FORMATS, summaryLine, type FileResult, type ReportFormat } from '../lintReports';
import { LINT_HELP, LINT_USAGE } from '../usage';
import { staleIgnoreNotes } from '../staleIgnores';

type Dialect = NonNullable<LanguageSettings['dialect']>;

export async function runLint(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { values: ['--format', '--dialect', '--settings', '--fail-on', '--max-warnings'], repeated: ['--severity'], flags: ['--no-settings', '--fix', '--fix-dry-run'], files: ['--settings'] });
  if (options.help) {
    io.out(`${LINT_HELP}\n`);
    return 0;
  }
  const format = options.values.get('--format') ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${REPORT_FORMATS.slice(0, -1).join(', ')} or ${REPORT_FORMATS[REPORT_FORMATS.length - 1]}, not '${format}'`);
  const dialect = options.values.get('--dialect');
  if (dialect !== undefined && !['auto', 'rest', 'http'].includes(dialect)) throw new UsageError(`--dialect must be auto, rest or http, not '${dialect}'`);
  const { severities, unknownCodes } = severityOptions(options.repeated.get('--severity') ?? []);
  const failOn = options.values.get('--fail-on') ?? 'error';
  // LSP numbers graver severities lower: findings at this level or below it in number fail the run.
  const failLevel = Object.hasOwn(DIAGNOSTIC_SEVERITIES, failOn) ? DIAGNOSTIC_SEVERITIES[failOn as SeverityName] : undefined;
  if (failLevel === undefined) throw new UsageError(`--fail-on must be error, warning, information or hint, not '${failOn}'`);
  const maxWarnings = maxWarningsOption(options.values.get('--max-warnings'));
  if (options.positional.length === 0) throw new UsageError(`no file given\n${LINT_USAGE}`);
  const fixing = fixMode(options.flags.has('--fix'), options.flags.has('--fix-dry-run'), format as ReportFormat, options.positional);
  const workspace = await workspaceSettings(options.values.get('--settings'), options.flags.has('--no-settings'), io);
  for (const warning of workspace.warnings) io.err(`apigw lint: ${warning}\n`);
  for (const code of unknownCodes) io.err(`apigw lint: --severity names '${code}', which is not a diagnostic code of this version of apigw${codeSuggestion(code)}; it has no effect\n`);
  // The command line wins over the settings file, as a person's explicit choice for this run.
  const settings: LanguageSettings = {
    ...workspace.settings,
    dialect: (dialect as Dialect | undefined) ?? workspace.settings.dialect ?? 'auto',
    severity: { ...workspace.settings.severity, ...severities },
  };

  // Read everything first: a directory or pattern that holds no definition is a usage error (exit 2), and must not
  // leave half a report behind.
  const { inputs, unopened } = await lintInputs(options.positional, io);

  const files = new WorkspaceResolver(() => undefined);
  // Each file was read and decoded above: the service is told of those in another encoding from what was read, as
  // the editor's server learns it from the saved bytes, rather than reading them from disk a second time.
  const encodings = new Map<string, Unreadable>();
  // The fixed texts of referenced files, which the checks after their fixes read instead of the disk's.
  const overlay = new Map<string, ApiDocument>();
  const resolver: DocumentResolver = {
    resolve: (baseUri, ref, dependent) => {
      const fixedText = overlay.get(resolveUri(baseUri, ref) ?? '');
      return fixedText ? Promise.resolve(fixedText) : files.resolve(baseUri, ref, dependent);
    },
    whyUnreadable: (baseUri, ref) => files.whyUnreadable(baseUri, ref),
    savedEncoding: async (uri) => encodings.get(uri),
  };
  const service = createLanguageService({ resolver });
  // What each definition's last check found in the other files its `$ref`s name: reported as those files' findings.
  const elsewhere = new Map<string, FileDiagnostics[]>();
  const checker: Checker = { service, elsewhere };
  const results: FileResult[] = [];
  const fixed: FixedFile[] = [];
  // The definitions as checked last, for the fixes of the files they reference.
  const checked: CheckedDefinition[] = [];
  for (const input of inputs) {
    const readable = 'text' in input ? input.text : input.editorText;
    if (readable !== undefined && isOtherKindOfFile(input.file, readable)) {
      results.push({ file: input.file, diagnostics: findingList(notAnApiDefinition(readable, settings)), text: readable });
      continue;
    }
    if ('unreadable' in input) {
      if (input.editorText === undefined) {
        results.push({ file: input.file, diagnostics: findingList(unreadableFinding(input.unreadable, settings)) });
        continue;
      }
      // Checked in the editor's reading, with the encoding reported as the editor reports it. Not fixed: written back
      // as UTF-8, every character the reading could not decode would be lost.
      encodings.set(uriOfFile(io.cwd, input.file), input.unreadable);
      if (fixing) io.err(`apigw lint: ${input.file}: not fixed: it is not UTF-8 text, and writing the fixes would change its encoding; save it as UTF-8 first\n`);
      const text = input.editorText;
      results.push({ file: input.file, diagnostics: await checkOrReport(checker, { file: input.file, text }, settings, io.cwd), text });
      continue;
    }
    const fix = fixing ? await fixOrCheck(checker, input, settings, io.cwd) : undefined;
    if (fix === undefined || Array.isArray(fix)) {
      results.push({ file: input.file, diagnostics: fix ?? (await checkOrReport(checker, input, settings, io.cwd)), text: input.text });
      checked.push({ uri: uriOfFile(io.cwd, input.file), text: input.text });
      continue;
    }
    checked.push({ uri: uriOfFile(io.cwd, input.file), text: fix.outcome.text });
    fixed.push(fix);
    for (const note of fixNotes(input.file, fix.outcome)) io.err(`apigw lint: ${note}\n`);
    results.push({ file: input.file, diagnostics: fix.outcome.diagnostics, text: fix.outcome.text });
  }
  // A part named alone is fixed as the definitions it was checked through find it, as one named with them would be.
  const through = await checkPartsNamedAlone({ service, settings, results, elsewhere, files, io });
  checked.push(...through);
  if (fixing) await addFixedParts({ service, settings, checked, elsewhere, overlay, files, fixed, results, io });
  // A file that could not be written still holds what was read, and its findings are reported as they are there.
  const unwritten = fixing === 'fix' ? await writeFixes(fixed, io) : new Set<string>();
  for (const file of unwritten) {
    const { original, outcome } = fixed.find((f) => f.file === file)!;
    results[results.findIndex((r) => r.file === file)] = { file, diagnostics: outcome.before, text: original };
    overlay.delete(uriOfFile(io.cwd, file));
  }
  // What the definitions find in their files is found again where those files' fixes were not written.
  if (unwritten.size && overlay.size) for (const definition of checked) if (elsewhere.has(definition.uri)) await recheck(service, settings, definition, elsewhere);
  keepNamedParts(through, elsewhere);
  await addReferencedFiles(results, elsewhere, files, io.cwd);
  for (const result of results) result.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

  const stale = staleIgnoreNotes(settings, workspace.file ?? 'settings', (uri) => fileNameOf(io.cwd, uri));
  for (const note of stale) io.err(`apigw lint: ${note}\n`);

  // In GitHub Actions, annotations and code scanning name files from the repository's root, wherever the command runs.
  const root = workspaceRoot(process.env.GITHUB_WORKSPACE) ?? io.cwd;
  const reportOptions = { cwd: io.cwd, root, settingsFile: workspace.file, failOn, maxWarnings, unopened };
  if (fixing === 'dry-run') {
    // Standard output holds the patch alone; what would remain after it is said beside it.
    const { diff, from } = fixDiff(fixed, io.cwd);
    io.out(diff);
    if (from !== io.cwd) io.err(`apigw lint: the diff names files from ${from}, as some lie outside the current folder; apply it there\n`);
    io.err(formatReport('text', results, reportOptions));
  } else {
    io.out(formatReport(format as ReportFormat, results, reportOptions));
    // JSON and SARIF are usually written to a file: without this line a failed CI step's log would not say why.
    if (format === 'json' || format === 'sarif') io.err(`apigw lint: ${summaryLine(results, reportOptions)}\n`);
  }
  if (fixing) io.err(`apigw lint: ${fixSummary(fixing, fixed, unwritten)}\n`);
  if (unopened.length) {
    io.err(`apigw lint: ${unopenedCount(unopened)} could not be opened and ${unopened.length === 1 ? 'was' : 'were'} not checked: ${unopened.join(', ')}\n`);
  }
  if (unopened.length || unwritten.size) return 2;
  if (maxWarnings !== undefined && countFindings(results).warning > maxWarnings) return 1;
  return results.some((r) => r.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) <= failLevel)) ? 1 : 0;
}

/** `2 files`, `1 directory`, `3 files and directories`: directories are named with a trailing separator. */
function unopenedCount(unopened: string[]): string {
  const directories = unopened.filter((name) => name.endsWith(path.sep)).length;
  const files = unopened.length - directories;
  if (directories === 0) return `${files} file${files === 1 ? '' : 's'}`;
  if (files === 0) return `${directories} director${directories === 1 ? 'y' : 'ies'}`;
  return `${unopened.length} files and directories`;
}

/**
 * The workspace directory as the files are named: the current directory comes back from the system with symbolic
 * links resolved, so a workspace reached through one (self-hosted runners often link their work folder) would put
 * every file outside it.
 */
function workspaceRoot(workspace: string | undefined): string | undefined {
  if (!workspace) return undefined;
  try {
    return realpathSync(workspace);
  } catch {
    return workspace;
  }
}

/** `--max-warnings N`: a whole number of warnings the run tolerates, 0 or more. */
function maxWarningsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number of warnings, 0 or more, not '${value}'`);
  return Number(value);
}

type Service = ReturnType<typeof createLanguageService>;

/** The service, and where its checks leave the findings in files other than the one checked. */
interface Checker {
  service: Service;
  elsewhere: Map<string, FileDiagnostics[]>;
}

/**
 * The findings in files the checked definitions reference, each file reported once under its own name: a file named
 * on the command line too is not "no definition" when a definition uses it, and a finding two definitions make there
 * is one finding.
 */
async function addReferencedFiles(results: FileResult[], elsewhere: Map<string, FileDiagnostics[]>, files: WorkspaceResolver, cwd: string): Promise<void> {
  const byUri = new Map<string, FileResult>();
  for (const result of results) byUri.set(uriOfFile(cwd, result.file), result);
  const used = new Set<FileResult>();
  for (const found of elsewhere.values()) {
    for (const { uri, diagnostics } of found) {
      let result = byUri.get(uri);
      if (!result) {
        result = { file: fileNameOf(cwd, uri), diagnostics: [], text: (await files.load(uri))?.text };
        byUri.set(uri, result);
        results.push(result);
      }
      if (!used.has(result)) {
        used.add(result);
        result.diagnostics = result.diagnostics.filter((d) => d.code !== 'not-an-api-definition');
      }
      for (const diagnostic of diagnostics) if (!result.diagnostics.some((d) => sameFinding(d, diagnostic))) result.diagnostics.push(diagnostic);
    }
  }
}

/** A file named on the command line (or found for it) as a URI, and back as the name the report gives it. */
function uriOfFile(cwd: string, file: string): string {
  return fileUri(path.resolve(cwd, file));
}

function fileNameOf(cwd: string, uri: string): string {
  return reportName(cwd, fileURLToPath(uri));
}

function documentOf(file: string, text: string, cwd: string, version = 0): TextDocument {
  const uri = uriOfFile(cwd, file);
  return TextDocument.create(uri, detectFormat(uri, undefined, text), version, text);
}

async function check({ service, elsewhere }: Checker, document: TextDocument, settings: LanguageSettings): Promise<Diagnostic[]> {
  const text = document.getText();
  // An empty file is no definition whatever its name: JSON's own "value expected" would only say so less plainly.
  if (text.trim() === '' && !isTemplateDocument(document)) return findingList(notAnApiDefinition(text, settings));
  const checked = await service.doValidationByFile(document, settings);
  const diagnostics = checked.diagnostics;
  elsewhere.set(document.uri, checked.elsewhere);
  // The editor quietly leaves other YAML/JSON alone; a file named on the command line deserves an answer. One whose
  // text has the top-level key is a definition whatever its syntax findings say (they may be turned off).
  if (!isTemplateDocument(document) && service.parse(document).kind === 'unknown' && !looksLikeApiDefinition(text) && !diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) {
    diagnostics.push(...findingList(notAnApiDefinition(text, settings)));
  }
  return diagnostics;
}

/** A file the checks cannot get through is reported as not checked, and the other files still are. */
async function checkOrReport(checker: Checker, input: { file: string; text: string }, settings: LanguageSettings, cwd: string): Promise<Diagnostic[]> {
  try {
    return await check(checker, documentOf(input.file, input.text, cwd), settings);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // An error by default: a file left unchecked must not let CI pass.
    return findingList(commandFinding('check-failed', `This file could not be checked (${reason}).`, 0, 0, settings, 'error'));
  }
}

/**
 * The file with the editor's preferred quick fixes applied, checked as `apigw lint` checks it; a file the checks
 * cannot get through is left as it is and reported as `checkOrReport` reports it.
 */
async function fixOrCheck(checker: Checker, input: Extract<LintInput, { text: string }>, settings: LanguageSettings, cwd: string): Promise<FixedFile | Diagnostic[]> {
  const checks: FixChecks = {
    document: (text, version) => documentOf(input.file, text, cwd, version),
    check: (document) => check(checker, document, settings),
    codeActions: (document, diagnostic) => checker.service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] }, settings),
  };
  try {
    return { file: input.file, bytes: input.bytes, original: input.text, outcome: await fixText(input.text, checks) };
  } catch {
    return checkOrReport(checker, input, settings, cwd);
  }
}

/**
 * The fixes of the files the definitions reference, as `--fix` applies them there, added to the run's: the file's
 * report becomes that of its fixed text. A file named on the command line whose own fixes changed it keeps those.
 */
async function addFixedParts(run: { service: Service; settings: LanguageSettings; checked: CheckedDefinition[]; elsewhere: Map<string, FileDiagnostics[]>; overlay: Map<string, ApiDocument>; files: WorkspaceResolver; fixed: FixedFile[]; results: FileResult[]; io: CliIO }): Promise<void> {
  const { io, fixed, results } = run;
  const nameOf = (uri: string) => fileNameOf(io.cwd, uri);
  const uriOf = (file: string) => uriOfFile(io.cwd, file);
  const bytesOf = new Map<string, Buffer>();
  const read = async (uri: string) => {
    const bytes = await io.readBytes(nameOf(uri)).catch(() => undefined);
    const text = bytes && decodeUtf8(bytes);
    if (text === undefined) return undefined;
    bytesOf.set(uri, bytes!);
    // The fixes start from a check of this text: they are of the bytes a write then compares against.
    return { text: text.replace(/^\uFEFF/, '') };
  };
  const changedOnItsOwn = (uri: string) => fixed.some((f) => f.outcome.text !== f.original && uriOf(f.file) === uri);
  const parts = await fixReferencedFiles(run.service, run.settings, run.checked, run.elsewhere, { read, overlay: run.overlay, dependentsOf: (uri) => run.files.dependentsOf(uri) }, changedOnItsOwn);
  for (const part of parts) {
    // Named on the command line, the file keeps the name it was given there.
    const named = fixed.findIndex((f) => uriOf(f.file) === part.uri);
    const reported = results.findIndex((r) => uriOf(r.file) === part.uri);
    const file = named >= 0 ? fixed[named].file : reported >= 0 ? results[reported].file : nameOf(part.uri);
    if ('notFixed' in part) {
      io.err(`apigw lint: ${file}: not fixed: ${part.notFixed}\n`);
      continue;
    }
    const entry: FixedFile = { file, bytes: bytesOf.get(part.uri)!, original: part.original, outcome: part.outcome };
    if (named >= 0) fixed[named] = entry;
    else fixed.push(entry);
    for (const note of fixNotes(file, part.outcome)) io.err(`apigw lint: ${note}\n`);
    const result: FileResult = { file, diagnostics: part.outcome.diagnostics, text: part.outcome.text };
    if (reported >= 0) results[reported] = result;
    else results.push(result);
  }
  // Every definition's findings in the fixed files are of their fixed texts.
  if (parts.some((part) => 'outcome' in part)) for (const definition of run.checked) if (run.elsewhere.has(definition.uri)) await recheck(run.service, run.settings, definition, run.elsewhere);
}

function findingList(finding: Diagnostic | undefined): Diagnostic[] {
  return finding ? [finding] : [];
}

/** A finding the command makes itself, of a file it could not check, with the severity the settings give its code. */
function commandFinding(code: string, message: string, line: number, character: number, settings: LanguageSettings, own?: SeverityName, length = 0): Diagnostic | undefined {
  const severity = configuredSeverity(code, settings, own);
  if (severity === undefined) return undefined;
  return {
    range: { start: { line, character }, end: { line, character: character + length } },
    severity,
    code,
    source: DIAGNOSTIC_SOURCE,
    codeDescription: { href: DIAGNOSTIC_CODES[code].docsUrl },
    message,
  };
}

/** On the character that makes the file unreadable, as the editor marks it. */
function unreadableFinding({ code, message, line, character }: Unreadable, settings: LanguageSettings): Diagnostic | undefined {
  return commandFinding(code, message, line, character, settings, undefined, 1);
}

function notAnApiDefinition(text: string, settings: LanguageSettings): Diagnostic | undefined {
  const message = text.trim() === '' ? 'The file is empty: an API definition needs at least `openapi` (or `swagger`), `info` and `paths`.' : 'Not an OpenAPI or Swagger document: it has no top-level `openapi` or `swagger` key. A part of a definition (a file its `$ref`s name) is checked when the definition is linted.';
  return commandFinding('not-an-api-definition', message, 0, 0, settings);
}

/**
 * `--severity CODE=LEVEL`, as the editor's `apigateway.validation.severity` setting takes them. A code this version
 * does not know is set aside with a warning, as the settings file's are: a CI command written for another version
 * (a code added later, or one since renamed) must not stop the run.
 */
function severityOptions(values: string[]): { severities: Record<string, SeveritySetting>; unknownCodes: string[] } {
  const severities: Record<string, SeveritySetting> = {};
  const unknownCodes: string[] = [];
  for (const value of values) {
    const eq = value.indexOf('=');
    const code = eq < 0 ? value : value.slice(0, eq);
    const level = eq < 0 ? '' : value.slice(eq + 1);
    if (eq < 0 || !(SEVERITY_SETTINGS as readonly string[]).includes(level)) throw new UsageError(`--severity takes CODE=LEVEL with LEVEL one of ${SEVERITY_SETTINGS.join(', ')}, not '${value}'`);
    if (!Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code)) {
      if (!unknownCodes.includes(code)) unknownCodes.push(code);
    } else {
      severities[code] = level as SeveritySetting;
    }
  }
  return { severities, unknownCodes };
}

/** The settings file named with `--settings`, else the workspace's `.vscode/settings.json`, unless `--no-settings`. */
async function workspaceSettings(named: string | undefined, none: boolean, io: CliIO): Promise<LoadedSettings & { file?: string }> {
  if (named !== undefined && none) throw new UsageError('--settings and --no-settings exclude each other');
  const nothing = { settings: {}, warnings: [], applied: false };
  if (none) return nothing;
  const file = named === undefined ? await findWorkspaceSettings(io.cwd) : path.resolve(io.cwd, named);
  if (file === undefined) return nothing;
  const shownAs = named ?? path.relative(io.cwd, file);
  const loaded = await loadSettingsFile(file, shownAs, io);
  // A settings file without any of these settings changes nothing, so the report need not name it.
  return { ...loaded, file: loaded.applied ? shownAs : undefined };
}
