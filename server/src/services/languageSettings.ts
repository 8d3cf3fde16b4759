import { isJsonObject } from '../model/jsonObjects';
import { DIAGNOSTIC_CODES } from '../facts/diagnosticCodes';
import { parsePointer } from './ignoredFindings';
import type { IgnoreEntry, LanguageSettings, SeveritySetting } from './validationTypes';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const DIALECT_SETTINGS = ['auto', 'rest', 'http'] as const;

/** A setting that cannot be used as written, named by its full key. */
export interface SettingProblem {
  key: string;
  message: string;
}

export interface ReadSettings {
  settings: LanguageSettings;
  /** Values of the wrong type or outside their choices; they are left out of `settings`. */
  problems: SettingProblem[];
  /** Severity entries for codes this version does not know (a newer version's, or a misspelt one). */
  unknownCodes: string[];
}

/**
 * The `apigateway` section of the settings, as the editor sends it and as a workspace's `.vscode/settings.json` holds
 * it, read one way for the language server and `apigw lint`, so that both check a document alike. What cannot be used
 * is left out and said, never guessed at. The ignore entries name files from a workspace folder: they are kept only
 * when `folder` (a URI) says which.
 */
export function readLanguageSettings(section: unknown, folder?: string): ReadSettings {
  const problems: SettingProblem[] = [];
  const unknownCodes: string[] = [];
  // With a folder there is a scope even without entries: the quick fix that adds one is offered in its files.
  const settings: LanguageSettings = folder === undefined ? {} : { ignore: [{ folder, entries: [] }] };
  const validation = isJsonObject(section) ? section.validation : undefined;
  if (!isJsonObject(validation)) {
    if (validation !== undefined) problems.push({ key: 'apigateway.validation', message: 'must be an object' });
    return { settings, problems, unknownCodes };
  }

  const { dialect, severity, maxFileSizeMB, ignore } = validation;
  if (dialect !== undefined) {
    if ((DIALECT_SETTINGS as readonly unknown[]).includes(dialect)) settings.dialect = dialect as LanguageSettings['dialect'];
    else problems.push({ key: 'apigateway.validation.dialect', message: `must be one of ${DIALECT_SETTINGS.join(', ')}, not ${JSON.stringify(dialect)}` });
  }

  if (severity !== undefined) {
    if (!isJsonObject(severity)) {
      problems.push({ key: 'apigateway.validation.severity', message: 'must be an object of diagnostic codes and severities' });
    } else {
      const levels: Record<string, SeveritySetting> = {};
      for (const [code, level] of Object.entries(severity)) {
        if (!(SEVERITY_SETTINGS as readonly unknown[]).includes(level)) {
          problems.push({ key: `apigateway.validation.severity.${code}`, message: `must be one of ${SEVERITY_SETTINGS.join(', ')}, not ${JSON.stringify(level)}` });
          continue;
        }
        if (!Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code)) unknownCodes.push(code);
        levels[code] = level as SeveritySetting;
      }
      settings.severity = levels;
    }
  }

  if (maxFileSizeMB !== undefined) {
    if (typeof maxFileSizeMB === 'number' && Number.isFinite(maxFileSizeMB) && maxFileSizeMB >= 1) settings.maxValidationSize = maxFileSizeMB * 1024 * 1024;
    else problems.push({ key: 'apigateway.validation.maxFileSizeMB', message: `must be a number of at least 1, not ${JSON.stringify(maxFileSizeMB)}` });
  }

  const entries = ignore === undefined ? [] : readIgnoreEntries(ignore, problems);
  if (settings.ignore) settings.ignore[0].entries = entries;
  return { settings, problems, unknownCodes };
}

const IGNORE_KEY = 'apigateway.validation.ignore';

function readIgnoreEntries(ignore: unknown, problems: SettingProblem[]): IgnoreEntry[] {
  if (!Array.isArray(ignore)) {
    problems.push({ key: IGNORE_KEY, message: 'must be an array of entries ({"file", "at", "codes", "reason"})' });
    return [];
  }
  const entries: IgnoreEntry[] = [];
  ignore.forEach((item: unknown, i) => {
    const key = `${IGNORE_KEY}[${i}]`;
    const said = problems.length;
    if (!isJsonObject(item)) {
      problems.push({ key, message: 'must be an object with "file" and "at"' });
      return;
    }
    const { file, at, codes, reason } = item;
    const problem = (field: string, message: string) => problems.push({ key: `${key}.${field}`, message });
    if (typeof file !== 'string' || file === '') problem('file', 'must name a file from the workspace folder');
    if (typeof at !== 'string' || parsePointer(at) === undefined) {
      problem('at', `must be a JSON Pointer such as "/paths/~1pets/get", not ${JSON.stringify(at)}`);
    }
    // An empty list would silence nothing, which is not what someone writing it means.
    if (codes !== undefined && !(Array.isArray(codes) && codes.length && codes.every((c) => typeof c === 'string'))) {
      problem('codes', 'must be an array of diagnostic codes; left out, every code is silenced');
    }
    if (reason !== undefined && typeof reason !== 'string') problem('reason', 'must be text');
    if (problems.length > said) return;
    const entry: IgnoreEntry = { file: file as string, at: at as string };
    if (codes !== undefined) entry.codes = codes as string[];
    if (reason !== undefined) entry.reason = reason as string;
    entries.push(entry);
  });
  return entries;
}
