import { isJsonObject } from '../model/jsonObjects';
import { DIAGNOSTIC_CODES } from '../facts/diagnosticCodes';
import type { LanguageSettings, SeveritySetting } from './validationTypes';

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
 * is left out and said, never guessed at.
 */
export function readLanguageSettings(section: unknown): ReadSettings {
  const problems: SettingProblem[] = [];
  const unknownCodes: string[] = [];
  const settings: LanguageSettings = {};
  const validation = isJsonObject(section) ? section.validation : undefined;
  if (!isJsonObject(validation)) {
    if (validation !== undefined) problems.push({ key: 'apigateway.validation', message: 'must be an object' });
    return { settings, problems, unknownCodes };
  }

  const { dialect, severity, maxFileSizeMB } = validation;
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
  return { settings, problems, unknownCodes };
}
