import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES } from '../facts/diagnosticCodes';
import { fileUri } from '../workspaceResolver';
import { STDIN_NAME } from './lintInputs';
import { cliVersion } from './version';
import { withArticle } from '../services/rules/messageText';

/** How `apigw lint` reports: for people, for programs, for code-scanning tools and for GitHub Actions' annotations. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  /** The text that was checked, which SARIF fingerprints are made from; absent for a file that is not text. */
  text?: string;
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
  /** `--max-warnings`: named in the summary when more warnings than this were found, which fails the run. */
  maxWarnings?: number;
  /**
   * Files named or found, and directories found (with a trailing separator), that could not be opened: a SARIF log
   * says its run is incomplete.
   */
  unopened?: readonly string[];
}

export function formatReport(format: ReportFormat, results: FileResult[], options: ReportOptions): string {
  const { cwd, root = cwd, unopened = [] } = options;
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJson(results), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(results, cwd, root, unopened), null, 2)}\n`;
    case 'github':
      // The summary is a plain line of the job's log; only the `::` lines become annotations.
      return `${toGithub(results, cwd, root, options.failOn === 'hint')}${summaryLine(results, options)}\n`;
    default:
      return toText(results, options);
  }
}

/** LSP allows a message in markup; every report here shows text. */
function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function severityName(d: Diagnostic): 'error' | 'warning' | 'information' | 'hint' {
  return SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error];
}

function toText(results: FileResult[], options: ReportOptions): string {
  const lines: string[] = [];
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) lines.push(oneLine(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d)} ${d.code} ${messageText(d)}`));
  }
  lines.push(summaryLine(results, options));
  return `${lines.join('\n')}\n`;
}

/** One finding per line, as tools reading the text expect: a line break in a file name or value is written `\n`. */
function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** How many findings of each kind: information and hint findings are notes. */
export function countFindings(results: FileResult[]): { error: number; warning: number; note: number } {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const { diagnostics } of results) {
    for (const d of diagnostics) {
      const severity = severityName(d);
      counts[severity === 'error' || severity === 'warning' ? severity : 'note']++;
    }
  }
  return counts;
}

/** `N files checked: X errors, Y warnings, Z notes`, and what about them fails the run when that is not only errors. */
export function summaryLine(results: FileResult[], { settingsFile, failOn, maxWarnings }: Pick<ReportOptions, 'settingsFile' | 'failOn' | 'maxWarnings'>): string {
  const counts = countFindings(results);
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  // Naming the settings explains a difference from a run without them, e.g. on a machine without the workspace.
  const using = settingsFile ? ` (settings from ${settingsFile})` : '';
  const failing = failOn && failOn !== 'error' ? ` (failing on ${failOn} or graver)` : '';
  const tooMany = maxWarnings !== undefined && counts.warning > maxWarnings ? ` (more than --max-warnings ${maxWarnings})` : '';
  return `${count(results.length, 'file')} checked${using}: ${count(counts.error, 'error')}, ${count(counts.warning, 'warning')}, ${count(counts.note, 'note')}${failing}${tooMany}`;
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
      message: messageText(d),
    })),
  );
}

const SARIF_LEVELS = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** The base that relative artifact URIs are resolved against, as code scanning and CodeQL name it. */
const SOURCE_ROOT = '%SRCROOT%';
/** Versioned, so that a later change to what the fingerprint covers can take a new key instead of moving alerts. */
const FINGERPRINT_KEY = 'apigwFindingHash/v1';

function toSarif(results: FileResult[], cwd: string, root: string, unopened: readonly string[]) {
  const used = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => String(d.code))))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'apigw', version: cliVersion(), informationUri: 'https://docs.aws.amazon.com/apigateway/', rules: used.map(sarifRule) } },
        // Where the relative URIs below start; readers other than code scanning (viewers, baseline tools) need it.
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(root) } },
        // A file not opened is a gap in the run, not a finding: it goes where SARIF keeps the tool's own
        // trouble, and the run is marked as not having finished its work.
        invocations: [
          {
            executionSuccessful: unopened.length === 0,
            ...(unopened.length
              ? {
                  toolExecutionNotifications: unopened.map((file) => ({
                    level: 'error',
                    // Directories are named with a trailing separator.
                    message: { text: file.endsWith(path.sep) ? 'This directory could not be read, so the files in it were not checked.' : 'This file could not be opened, so it was not checked.' },
                    locations: [{ physicalLocation: { artifactLocation: artifactLocation(file, cwd, root) } }],
                  })),
                }
              : {}),
          },
        ],
        // Columns count UTF-16 code units, as editors do; SARIF's default is code points, one less per emoji.
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) => {
          const location = artifactLocation(result.file, cwd, root);
          const fingerprints = fingerprinter(result, location.uri);
          return result.diagnostics.map((d) => ({
            ruleId: String(d.code),
            ruleIndex: used.indexOf(String(d.code)),
            level: SARIF_LEVELS[severityName(d)],
            message: { text: messageText(d) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: location,
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprints(d) },
          }));
        }),
      },
    ],
  };
}

/**
 * A rule as code scanning shows it at the top of an alert: what it checks, where to read more, and how a team that
 * disagrees changes it, since an alert cannot be fixed from the alert page.
 */
function sarifRule(id: string) {
  const info = Object.hasOwn(DIAGNOSTIC_CODES, id) ? DIAGNOSTIC_CODES[id] : undefined;
  const title = info?.title ?? id;
  const help = (format: HelpFormat) => [
    format.heading(title, info?.docsUrl),
    `To report it at another level (error, warning, information, hint) or not at all, set ${format.code(`"apigateway.validation.severity": {"${id}": "off"}`)} in ${format.code('.vscode/settings.json')}, which the editor and ${format.code('apigw lint')} both read, or pass ${format.code(`--severity ${id}=LEVEL`)} to ${format.code('apigw lint')}.`,
    ...(WHOLE_FILE_CODES.has(id) ? [] : [`In YAML, a comment ${format.comment(`# apigw-disable-next-line ${id}`)} silences it on the line below. In JSON or YAML, an entry ${format.code(`{"file": "api.json", "at": "/paths/~1pets/get", "codes": ["${id}"]}`)} in ${format.code('"apigateway.validation.ignore"')} silences it within the node its JSON Pointer names.`]),
  ].join('\n\n');
  return {
    id,
    shortDescription: { text: title },
    fullDescription: { text: info ? `${title} (apigw reports it as ${withArticle(info.severity)} unless configured otherwise).` : title },
    help: { text: help(PLAIN_HELP), markdown: help(MARKDOWN_HELP) },
    ...(info ? { helpUri: info.docsUrl, defaultConfiguration: { level: SARIF_LEVELS[info.severity] } } : {}),
  };
}

/** How a rule's help writes its title, what to type, and a comment to write: SARIF carries it as text and as Markdown. */
interface HelpFormat {
  heading(title: string, docsUrl: string | undefined): string;
  code(text: string): string;
  comment(text: string): string;
}

const PLAIN_HELP: HelpFormat = {
  heading: (title, docsUrl) => `${title}.${docsUrl ? ` Documentation: ${docsUrl}` : ''}`,
  code: (text) => text,
  // Quoted, so that the sentence does not read on into the comment.
  comment: (text) => `"${text}"`,
};

const MARKDOWN_HELP: HelpFormat = {
  heading: (title, docsUrl) => `**${title}**${docsUrl ? ` ([documentation](${docsUrl}))` : ''}`,
  code: (text) => `\`${text}\``,
  comment: (text) => `\`${text}\``,
};

/** Findings about a whole file, which `apigw lint` makes itself: no comment in the file can silence them. */
const WHOLE_FILE_CODES = new Set(['not-an-api-definition', 'not-utf8', 'binary-content', 'check-failed']);

/**
 * Where a file is, for SARIF: relative to `root` (code scanning reads paths from the repository's root), each segment
 * percent-encoded (a space, `#` or `%` in a file name would otherwise change its meaning). A file outside `root` (above
 * it, or on another Windows drive) gets an absolute `file:` URI, which says where it is instead of pointing into the
 * repository at the wrong place.
 */
function artifactLocation(file: string, cwd: string, root: string): { uri: string; uriBaseId?: string } {
  if (file === STDIN_NAME) return { uri: encodeURIComponent(file) };
  const full = path.resolve(cwd, file);
  const relative = path.relative(root, full);
  if (path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`)) return { uri: fileUri(full) };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

/** SARIF base URIs end with `/`: without it, a relative URI would be resolved against the root's parent. */
function directoryUri(dir: string): string {
  const uri = fileUri(path.resolve(dir));
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/**
 * Fingerprints that keep a finding's identity while lines above it come and go, so that code scanning keeps one alert
 * open across commits instead of closing it and opening another: the rule, the file, the message (with any line
 * numbers in it left out) and the trimmed text of the finding's first line; identical findings in one file are told
 * apart by their order.
 */
function fingerprinter(result: FileResult, uri: string): (d: Diagnostic) => string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const lines = result.text?.split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  return (d) => {
    const lineText = (lines?.[d.range.start.line] ?? '').trim();
    const message = messageText(d).replace(/\b(lines?) \d+/g, '$1 #');
    const hash = createHash('sha256').update([String(d.code), uri, message, lineText].join('\0')).digest('hex').slice(0, 32);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  };
}

const GITHUB_COMMANDS = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): each finding becomes an annotation on the pull
 * request's lines, without uploading SARIF. Files are named from `root`, the repository's root in a workflow, so the
 * annotation lands on the right file wherever the command ran; lines and columns count from 1, and columns are given
 * only for a range on one line, as GitHub reads them.
 */
function toGithub(results: FileResult[], cwd: string, root: string, withHints: boolean): string {
  const lines: string[] = [];
  for (const { file, diagnostics } of results) {
    // Text from standard input is no file of the repository: its findings are annotations of the run.
    const name = file === STDIN_NAME ? undefined : githubFileName(path.resolve(cwd, file), root);
    for (const d of diagnostics) {
      // Hints are what the editor only fades (an unused declaration). GitHub shows only so many annotations of a step
      // and of a job, and a notice for each would crowd out the findings that matter; those failing the run are shown.
      if (d.severity === DiagnosticSeverity.Hint && !withHints) continue;
      const { start, end } = d.range;
      const properties = [
        ...(name === undefined ? [] : [`file=${escapeProperty(name)}`]),
        `line=${start.line + 1}`,
        `endLine=${end.line + 1}`,
        ...(end.line === start.line ? [`col=${start.character + 1}`, `endColumn=${end.character + 1}`] : []),
        `title=${escapeProperty(`apigw ${String(d.code)}`)}`,
      ];
      lines.push(`::${GITHUB_COMMANDS[severityName(d)]} ${properties.join(',')}::${escapeData(messageText(d))}`);
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * A file as an annotation names it: from the workspace, with `/`. A file outside it is named by its absolute path, as
 * SARIF names it: a name climbing out of the workspace with `../` names no file of the repository either, and hides
 * where the file is.
 */
function githubFileName(full: string, root: string): string {
  const relative = path.relative(root, full);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return full;
  return relative.split(path.sep).join('/');
}

/** The workflow-command escapes: a message may span lines and hold `%`. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and `:`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
