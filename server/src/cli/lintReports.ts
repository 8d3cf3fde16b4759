import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES } from '../facts/diagnosticCodes';
import { fileUri } from '../workspaceResolver';
import { STDIN_NAME } from './lintInputs';

/** How `apigw lint` reports: for people, for programs, for code-scanning tools and for GitHub Actions' annotations. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
}

const SEVERITY_NAMES: Record<number, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export interface ReportOptions {
  cwd: string;
  /** Where SARIF and GitHub annotations name files from (the repository's root in a workflow); `cwd` otherwise. */
  root?: string;
  /** The settings file that applied, named in the summary. */
  settingsFile?: string;
  /** The `--fail-on` level when it is not `error`, named in the summary so that an exit code of 1 after "0 errors" explains itself. */
  failOn?: string;
}

export function formatReport(format: ReportFormat, results: FileResult[], { cwd, root = cwd, settingsFile, failOn }: ReportOptions): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJson(results), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(results, cwd, root), null, 2)}\n`;
    case 'github':
      // The summary is a plain line of the job's log; only the `::` lines become annotations.
      return `${toGithub(results, cwd, root)}${summaryLine(results, settingsFile, failOn)}\n`;
    default:
      return toText(results, settingsFile, failOn);
  }
}

function severityName(d: Diagnostic): 'error' | 'warning' | 'information' | 'hint' {
  return SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error];
}

function toText(results: FileResult[], settingsFile: string | undefined, failOn: string | undefined): string {
  const lines: string[] = [];
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) lines.push(oneLine(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d)} ${d.code} ${d.message}`));
  }
  lines.push(summaryLine(results, settingsFile, failOn));
  return `${lines.join('\n')}\n`;
}

/** One finding per line, as tools reading the text expect: a line break in a file name or value is written `\n`. */
function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** `N files checked: X errors, Y warnings, Z notes`; information and hint findings are notes, counted too. */
function summaryLine(results: FileResult[], settingsFile: string | undefined, failOn: string | undefined): string {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const { diagnostics } of results) {
    for (const d of diagnostics) {
      const severity = severityName(d);
      counts[severity === 'error' || severity === 'warning' ? severity : 'note']++;
    }
  }
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  // Naming the settings explains a difference from a run without them, e.g. on a machine without the workspace.
  const using = settingsFile ? ` (settings from ${settingsFile})` : '';
  const failing = failOn && failOn !== 'error' ? ` (failing on ${failOn} or graver)` : '';
  return `${count(results.length, 'file')} checked${using}: ${count(counts.error, 'error')}, ${count(counts.warning, 'warning')}, ${count(counts.note, 'note')}${failing}`;
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

function toSarif(results: FileResult[], cwd: string, root: string) {
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
        // Columns count UTF-16 code units, as editors do; SARIF's default is code points, one less per emoji.
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ file, diagnostics }) =>
          diagnostics.map((d) => ({
            ruleId: String(d.code),
            ruleIndex: used.indexOf(String(d.code)),
            level: SARIF_LEVELS[severityName(d)],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: sarifUri(file, cwd, root) },
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
 * SARIF wants a URI reference: relative to `root` (code scanning reads paths from the repository's root), each
 * segment percent-encoded (a space, `#` or `%` in a file name would otherwise change its meaning). A file on another
 * Windows drive has no relative form.
 */
function sarifUri(file: string, cwd: string, root: string): string {
  if (file === STDIN_NAME) return encodeURIComponent(file);
  const relative = path.relative(root, path.resolve(cwd, file));
  if (path.isAbsolute(relative)) return fileUri(relative);
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

const GITHUB_COMMANDS = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): each finding becomes an annotation on the pull
 * request's lines, without uploading SARIF. Files are named from `root`, the repository's root in a workflow, so the
 * annotation lands on the right file wherever the command ran; lines and columns count from 1, and columns are given
 * only for a range on one line, as GitHub reads them.
 */
function toGithub(results: FileResult[], cwd: string, root: string): string {
  const lines: string[] = [];
  for (const { file, diagnostics } of results) {
    // Text from standard input is no file of the repository: its findings are annotations of the run.
    const name = file === STDIN_NAME ? undefined : path.relative(root, path.resolve(cwd, file)).split(path.sep).join('/');
    for (const d of diagnostics) {
      const { start, end } = d.range;
      const properties = [
        ...(name === undefined ? [] : [`file=${escapeProperty(name)}`]),
        `line=${start.line + 1}`,
        `endLine=${end.line + 1}`,
        ...(end.line === start.line ? [`col=${start.character + 1}`, `endColumn=${end.character + 1}`] : []),
        `title=${escapeProperty(`apigw ${String(d.code)}`)}`,
      ];
      lines.push(`::${GITHUB_COMMANDS[severityName(d)]} ${properties.join(',')}::${escapeData(typeof d.message === 'string' ? d.message : d.message.value)}`);
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** The workflow-command escapes: a message may span lines and hold `%`. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and `:`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
