import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, isTemplateDocument } from '../../languageService';
import { DIAGNOSTIC_SOURCE } from '../../services/validation';
import type { LanguageSettings, SeveritySetting } from '../../services/validationTypes';
import { SEVERITY_SETTINGS } from '../../services/languageSettings';
import { codeSuggestion, findWorkspaceSettings, loadSettingsFile, type LoadedSettings } from '../settingsFile';
import { DIAGNOSTIC_CODES } from '../../facts/diagnosticCodes';
import { detectFormat } from '../../model/apiDocument';
import { fileUri, WorkspaceResolver } from '../../workspaceResolver';
import type { Unreadable } from '../definitionText';
import { UsageError, type CliIO } from '../io';
import { parseOptions } from '../options';
import { lintInputs, STDIN_NAME } from '../lintInputs';
import { LINT_HELP, LINT_USAGE } from '../usage';

const SEVERITY_NAMES: Record<number, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** `--fail-on LEVEL`: findings of this severity or a graver one make the exit code 1 (LSP numbers graver lower). */
const FAIL_LEVELS: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
}

type Dialect = NonNullable<LanguageSettings['dialect']>;

export async function runLint(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { values: ['--format', '--dialect', '--settings', '--fail-on'], repeated: ['--severity'], flags: ['--no-settings'] });
  if (options.help) {
    io.out(`${LINT_HELP}\n`);
    return 0;
  }
  const format = options.values.get('--format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
  const dialect = options.values.get('--dialect');
  if (dialect !== undefined && !['auto', 'rest', 'http'].includes(dialect)) throw new UsageError(`--dialect must be auto, rest or http, not '${dialect}'`);
  const severities = severityOptions(options.repeated.get('--severity') ?? []);
  const failOn = options.values.get('--fail-on') ?? 'error';
  const failLevel = FAIL_LEVELS[failOn];
  if (failLevel === undefined) throw new UsageError(`--fail-on must be error, warning, information or hint, not '${failOn}'`);
  if (options.positional.length === 0) throw new UsageError(`no file given\n${LINT_USAGE}`);
  const workspace = await workspaceSettings(options.values.get('--settings'), options.flags.has('--no-settings'), io);
  for (const warning of workspace.warnings) io.err(`apigw lint: ${warning}\n`);
  // The command line wins over the settings file, as a person's explicit choice for this run.
  const settings: LanguageSettings = {
    ...workspace.settings,
    dialect: (dialect as Dialect | undefined) ?? workspace.settings.dialect ?? 'auto',
    severity: { ...workspace.settings.severity, ...severities },
  };

  // Read everything first: a missing file is a usage error (exit 2) and must not leave half a report behind.
  const inputs = await lintInputs(options.positional, io);

  const service = createLanguageService({ resolver: new WorkspaceResolver(() => undefined) });
  const results: FileResult[] = [];
  for (const input of inputs) {
    const diagnostics = 'unreadable' in input ? [unreadableFinding(input.unreadable)] : await check(service, input, settings, io.cwd);
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    results.push({ file: input.file, diagnostics });
  }

  if (format === 'json') io.out(`${JSON.stringify(toJson(results), null, 2)}\n`);
  else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(results, io.cwd), null, 2)}\n`);
  else io.out(toText(results, workspace.file));
  return results.some((r) => r.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) <= failLevel)) ? 1 : 0;
}

async function check(service: ReturnType<typeof createLanguageService>, input: { file: string; text: string }, settings: LanguageSettings, cwd: string): Promise<Diagnostic[]> {
  const { file, text } = input;
  const uri = fileUri(path.resolve(cwd, file));
  const document = TextDocument.create(uri, detectFormat(uri, undefined, text), 0, text);
  const diagnostics = await service.doValidation(document, settings);
  // The editor quietly leaves other YAML/JSON alone; a file named on the command line deserves an answer.
  if (!isTemplateDocument(document) && service.parse(document).kind === 'unknown' && !diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) {
    diagnostics.push(notAnApiDefinition(text));
  }
  return diagnostics;
}

function unreadableFinding({ code, message, line, character }: Unreadable): Diagnostic {
  return {
    range: { start: { line, character }, end: { line, character } },
    severity: DiagnosticSeverity.Error,
    code,
    source: DIAGNOSTIC_SOURCE,
    codeDescription: { href: DIAGNOSTIC_CODES[code].docsUrl },
    message,
  };
}

function notAnApiDefinition(text: string): Diagnostic {
  const info = DIAGNOSTIC_CODES['not-an-api-definition'];
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: 'not-an-api-definition',
    source: DIAGNOSTIC_SOURCE,
    codeDescription: { href: info.docsUrl },
    message: text.trim() === '' ? 'The file is empty: an API definition needs at least `openapi` (or `swagger`), `info` and `paths`.' : 'Not an OpenAPI or Swagger document: it has no top-level `openapi` or `swagger` key.',
  };
}

function severityName(d: Diagnostic): 'error' | 'warning' | 'information' | 'hint' {
  return SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error];
}

/** `--severity CODE=LEVEL`, as the editor's `apigateway.validation.severity` setting takes them. */
function severityOptions(values: string[]): Record<string, SeveritySetting> {
  const severities: Record<string, SeveritySetting> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const code = eq < 0 ? value : value.slice(0, eq);
    const level = eq < 0 ? '' : value.slice(eq + 1);
    if (eq < 0 || !(SEVERITY_SETTINGS as readonly string[]).includes(level)) throw new UsageError(`--severity takes CODE=LEVEL with LEVEL one of ${SEVERITY_SETTINGS.join(', ')}, not '${value}'`);
    if (!Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code)) throw new UsageError(`--severity: '${code}' is not a diagnostic code${codeSuggestion(code)}`);
    severities[code] = level as SeveritySetting;
  }
  return severities;
}

/** The settings file named with `--settings`, else the workspace's `.vscode/settings.json`, unless `--no-settings`. */
async function workspaceSettings(named: string | undefined, none: boolean, io: CliIO): Promise<LoadedSettings & { file?: string }> {
  if (named !== undefined && none) throw new UsageError('--settings and --no-settings exclude each other');
  if (none) return { settings: {}, warnings: [] };
  const file = named ?? (await findWorkspaceSettings(io.cwd));
  if (file === undefined) return { settings: {}, warnings: [] };
  const shownAs = named ?? path.relative(io.cwd, file);
  return { ...(await loadSettingsFile(named === undefined ? file : path.resolve(io.cwd, named), shownAs, io)), file: shownAs };
}

function toText(results: FileResult[], settingsFile: string | undefined): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, note: 0 };
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) {
      const severity = severityName(d);
      counts[severity === 'error' || severity === 'warning' ? severity : 'note']++;
      lines.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity} ${d.code} ${d.message}`);
    }
  }
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  // Information and hint lines are notes: shown above, so counted too.
  // Naming the settings explains a difference from a run without them, e.g. on a machine without the workspace.
  const using = settingsFile ? ` (settings from ${settingsFile})` : '';
  lines.push(`${count(results.length, 'file')} checked${using}: ${count(counts.error, 'error')}, ${count(counts.warning, 'warning')}, ${count(counts.note, 'note')}`);
  return `${lines.join('\n')}\n`;
}

function toJson(results: FileResult[]) {
  return results.flatMap(({ file, diagnostics }) =>
    diagnostics.map((d) => ({
      file,
      line: d.range.start.line,
      character: d.range.start.character,
      endLine: d.range.end.line,
      endCharacter: d.range.end.character,
      severity: severityName(d),
      code: String(d.code),
      message: d.message,
    })),
  );
}

const SARIF_LEVELS = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function toSarif(results: FileResult[], cwd: string) {
  const used = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => String(d.code))))].sort();
  const rules = used.map((id) => ({
    id,
    shortDescription: { text: DIAGNOSTIC_CODES[id]?.title ?? id },
    helpUri: DIAGNOSTIC_CODES[id]?.docsUrl,
    ...(DIAGNOSTIC_CODES[id] ? { defaultConfiguration: { level: SARIF_LEVELS[DIAGNOSTIC_CODES[id].severity] } } : {}),
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'apigw', informationUri: 'https://docs.aws.amazon.com/apigateway/', rules } },
        results: results.flatMap(({ file, diagnostics }) =>
          diagnostics.map((d) => ({
            ruleId: String(d.code),
            ruleIndex: used.indexOf(String(d.code)),
            level: SARIF_LEVELS[severityName(d)],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: sarifUri(file, cwd) },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

/**
 * SARIF wants a URI reference: relative to the working folder, each segment percent-encoded (a space, `#` or `%`
 * in a file name would otherwise change its meaning). A file on another Windows drive has no relative form.
 */
function sarifUri(file: string, cwd: string): string {
  if (file === STDIN_NAME) return encodeURIComponent(file);
  const relative = path.relative(cwd, path.resolve(cwd, file));
  if (path.isAbsolute(relative)) return fileUri(relative);
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}
