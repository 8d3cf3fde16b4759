import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DIAGNOSTIC_CODES } from '../facts/diagnosticCodes';
import { readLanguageSettings } from '../services/languageSettings';
import { nearMiss } from '../services/rules/nearMiss';
import { lineColumn } from '../template/syntaxMessages';
import type { LanguageSettings } from '../services/validationTypes';
import { UsageError, type CliIO } from './io';

/** Where VS Code keeps a workspace's settings, relative to the workspace folder. */
export const WORKSPACE_SETTINGS = path.join('.vscode', 'settings.json');

/**
 * The workspace settings that apply to a run from `cwd`: the nearest `.vscode/settings.json` at or above it, looking no
 * higher than the repository's root (the directory holding `.git`), so that a CI job run from a subdirectory of the
 * repository checks as the editor does with the repository open.
 */
export async function findWorkspaceSettings(cwd: string): Promise<string | undefined> {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, WORKSPACE_SETTINGS);
    if (await isFile(candidate)) return candidate;
    if (await exists(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedSettings {
  settings: LanguageSettings;
  /** Said on standard error; the run goes on. */
  warnings: string[];
}

/**
 * The `apigateway.*` settings of a VS Code settings file (JSON with comments and trailing commas). A file that does not
 * parse, or a setting of the wrong type, stops the run: a CI check that silently dropped a team's severity choices
 * would report what the editor does not.
 */
export async function loadSettingsFile(file: string, shownAs: string, io: CliIO): Promise<LoadedSettings> {
  const text = await io.readFile(file);
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (errors.length) {
    const { line, column } = lineColumn(text, errors[0].offset);
    throw new UsageError(`${shownAs}:${line}:${column}: not valid JSON (${describeParseError(errors[0])})`);
  }
  if (value === undefined) return { settings: {}, warnings: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${shownAs}: settings must be a JSON object`);
  const read = readLanguageSettings(settingsTree(value as Record<string, unknown>).apigateway);
  if (read.problems.length) {
    throw new UsageError(read.problems.map((p) => `${shownAs}: ${p.key} ${p.message}`).join('\n'));
  }
  const warnings = read.unknownCodes.map((code) => `${shownAs}: apigateway.validation.severity names '${code}', which is not a diagnostic code of this version of apigw${codeSuggestion(code)}; it has no effect`);
  return { settings: read.settings, warnings };
}

/**
 * VS Code reads `"apigateway.validation.dialect": "rest"` and `"apigateway": { "validation": { "dialect": "rest" } }`
 * alike: top-level keys are split at their dots into one tree. Language-specific blocks (`"[yaml]": {...}`) do not hold
 * these settings and are skipped.
 */
/** ` (did you mean 'x'?)` for a misspelt diagnostic code, or nothing. */
export function codeSuggestion(code: string): string {
  const near = nearMiss(code, Object.keys(DIAGNOSTIC_CODES));
  return near ? ` (did you mean '${near}'?)` : '';
}

function settingsTree(settings: Record<string, unknown>): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key.startsWith('[')) continue;
    const segments = key.split('.');
    let node = tree;
    for (const segment of segments.slice(0, -1)) {
      const next = node[segment];
      node = isPlainObject(next) ? next : (node[segment] = {}) as Record<string, unknown>;
    }
    const last = segments[segments.length - 1];
    node[last] = isPlainObject(node[last]) && isPlainObject(value) ? merge(node[last] as Record<string, unknown>, value) : value;
  }
  return tree;
}

function merge(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  const result = { ...into };
  for (const [key, value] of Object.entries(from)) result[key] = isPlainObject(result[key]) && isPlainObject(value) ? merge(result[key] as Record<string, unknown>, value) : value;
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeParseError(error: ParseError): string {
  // `printParseErrorCode` names the error in PascalCase ("CommaExpected"); split into words for the message.
  return printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
