import { stat } from '../util/asyncFs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DIAGNOSTIC_CODES } from '../facts/diagnosticCodes';
import { readLanguageSettings } from '../services/languageSettings';
import { nearMiss } from '../services/rules/nearMiss';
import { lineColumn } from '../model/textPositions';
import { describeJsonError } from '../model/apiDocument';
import { isJsonObject } from '../model/jsonObjects';
import { NESTED_TOO_DEEP, nestsDeeperThan } from '../model/jsonNesting';
import type { LanguageSettings } from '../services/validationTypes';
import { fileUri } from '../workspaceResolver';
import { UsageError, type CliIO } from './io';

/** Where VS Code keeps a workspace's settings, relative to the workspace folder. */
export const WORKSPACE_SETTINGS = path.join('.vscode', 'settings.json');

/**
 * The workspace settings that apply to a run from `cwd`: inside a repository (a directory holding `.git`), the nearest
 * `.vscode/settings.json` from `cwd` up to the repository's root, so that a CI job run from a subdirectory checks as
 * the editor does with the repository open; outside one, only `cwd`'s own, never an unrelated folder's higher up.
 */
export async function findWorkspaceSettings(cwd: string): Promise<string | undefined> {
  const start = path.resolve(cwd);
  const candidates: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, WORKSPACE_SETTINGS));
    if (await exists(path.join(dir, '.git'))) break;
    if (path.dirname(dir) === dir) {
      candidates.length = 1;
      break;
    }
  }
  for (const candidate of candidates) if (await isFile(candidate)) return candidate;
  return undefined;
}

export interface LoadedSettings {
  settings: LanguageSettings;
  /** Whether the file holds any `apigateway` setting: only then is it named in the report. */
  applied: boolean;
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
  if (nestsDeeperThan(text)) throw new UsageError(`${shownAs}: ${NESTED_TOO_DEEP}`);
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (errors.length) {
    const { line, column } = lineColumn(text, errors[0].offset);
    throw new UsageError(`${shownAs}:${line}:${column}: not valid JSON (${describeJsonError(printParseErrorCode(errors[0].error)).toLowerCase()})`);
  }
  if (value === undefined) return { settings: {}, warnings: [], applied: false };
  if (!isJsonObject(value)) throw new UsageError(`${shownAs}: settings must be a JSON object`);
  const section = settingsTree(value).apigateway;
  const read = readLanguageSettings(section, fileUri(workspaceFolderOf(file)));
  if (read.problems.length) {
    throw new UsageError(read.problems.map((p) => `${shownAs}: ${p.key} ${p.message}`).join('\n'));
  }
  const warnings = read.unknownCodes.map((code) => `${shownAs}: apigateway.validation.severity names '${code}', which is not a diagnostic code of this version of apigw${codeSuggestion(code)}; it has no effect`);
  return { settings: read.settings, warnings, applied: section !== undefined };
}

/**
 * The folder whose settings a file holds, which the paths of `apigateway.validation.ignore` start from: the one holding
 * `.vscode`, or, for a settings file kept elsewhere, its own.
 */
function workspaceFolderOf(file: string): string {
  const dir = path.dirname(path.resolve(file));
  return path.basename(dir) === '.vscode' ? path.dirname(dir) : dir;
}

/** ` (did you mean 'x'?)` for a misspelt diagnostic code, or nothing. */
export function codeSuggestion(code: string): string {
  const near = nearMiss(code, Object.keys(DIAGNOSTIC_CODES));
  return near ? ` (did you mean '${near}'?)` : '';
}

/**
 * VS Code reads `"apigateway.validation.dialect": "rest"` and `"apigateway": { "validation": { "dialect": "rest" } }`
 * alike: top-level keys are split at their dots into one tree. Language-specific blocks (`"[yaml]": {...}`) do not hold
 * these settings and are skipped.
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function settingsTree(settings: Record<string, unknown>): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (key.startsWith('[')) continue;
    const segments = key.split('.');
    // Names every object has, which no setting uses: assigning them would reach the prototype.
    if (segments.some((segment) => UNSAFE_KEYS.has(segment))) continue;
    let node = tree;
    for (const segment of segments.slice(0, -1)) {
      const next = node[segment];
      node = isJsonObject(next) ? next : (node[segment] = {}) as Record<string, unknown>;
    }
    const last = segments[segments.length - 1];
    node[last] = isJsonObject(node[last]) && isJsonObject(value) ? merge(node[last] as Record<string, unknown>, value) : value;
  }
  return tree;
}

function merge(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  const result = { ...into };
  for (const [key, value] of Object.entries(from)) if (!UNSAFE_KEYS.has(key)) result[key] = isJsonObject(result[key]) && isJsonObject(value) ? merge(result[key] as Record<string, unknown>, value) : value;
  return result;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
