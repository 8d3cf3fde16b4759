/**
 * `apigw lint paths/pets.yaml`: a file that is part of a definition (a path item, shared schemas) has no findings of
 * its own, and pre-commit hooks name the changed files alone. It is checked as the editor checks it when it is opened
 * without its definition: with the project's definitions that reference it, keeping what they find in it.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileDiagnostics, LanguageService } from '../languageService';
import type { ApiDocument } from '../model/apiDocument';
import { looksLikeApiDefinition } from '../model/definitionKeys';
import { stat } from '../util/asyncFs';
import type { LanguageSettings } from '../services/validationTypes';
import { definitionsThatMayUse, MAX_DEFINITIONS_FOR_A_PART, WorkspaceFiles } from '../workspaceFiles';
import { fileUri, type WorkspaceResolver } from '../workspaceResolver';
import type { CliIO } from './io';
import type { CheckedDefinition } from './lintFixParts';
import type { FileResult } from './lintReports';
import { STDIN_NAME } from './lintInputs';

/** What the run has checked, and where it keeps what it found. */
export interface PartsRun {
  service: LanguageService;
  settings: LanguageSettings;
  /** The files named, as checked so far. */
  results: FileResult[];
  /** What each definition checked finds in the other files, by definition: those of the parts are added here. */
  elsewhere: Map<string, FileDiagnostics[]>;
  files: WorkspaceResolver;
  io: CliIO;
}

/** A definition the run checked a named part through, which it did not name: only `parts` are reported of it. */
export interface DefinitionThrough extends CheckedDefinition {
  parts: Set<string>;
}

/**
 * Checks each named file that is no definition, and that no definition named with it uses, with the definitions under
 * the project's root that reference it, saying on standard error which they were. A file none of them uses is left
 * as it was checked: no definition. Returns the definitions checked through, for `--fix` to fix the parts with.
 */
export async function checkPartsNamedAlone(run: PartsRun): Promise<DefinitionThrough[]> {
  const { io, results, elsewhere } = run;
  const uriOf = (file: string) => fileUri(path.resolve(io.cwd, file));
  const used = new Set<string>();
  for (const found of elsewhere.values()) for (const { uri } of found) used.add(uri);
  const parts = results.filter((r) => r.file !== STDIN_NAME && isPart(r) && !used.has(uriOf(r.file)));
  const through = new Map<string, DefinitionThrough>();
  if (parts.length === 0) return [];
  const workspace = new WorkspaceFiles(run.files, () => [], () => undefined);
  workspace.setFolders([fileUri(await projectRoot(io.cwd))]);
  const named = new Set(results.map((r) => uriOf(r.file)));
  // A definition is checked once however many of the parts it may use.
  const checks = new Map<string, Promise<FileDiagnostics[]>>();
  const check = (definition: ApiDocument) => {
    let known = checks.get(definition.uri);
    if (!known) checks.set(definition.uri, (known = run.service.doValidationByFile(definition.textDocument, run.settings).then((checked) => checked.elsewhere)));
    return known;
  };
  for (const part of parts) {
    const uri = uriOf(part.file);
    const names: string[] = [];
    for (const definition of await definitionsThatMayUse(workspace, uri, (d) => named.has(d))) {
      const found = (await check(definition)).find((f) => f.uri === uri);
      if (!found) continue;
      // Keyed by the definition, which the run did not check itself: only what it finds in the part is reported.
      const kept = elsewhere.get(definition.uri) ?? [];
      elsewhere.set(definition.uri, [...kept, found]);
      const entry = through.get(definition.uri) ?? { uri: definition.uri, text: definition.textDocument.getText(), parts: new Set() };
      through.set(definition.uri, entry);
      entry.parts.add(uri);
      names.push(path.relative(io.cwd, fileURLToPath(definition.uri)));
      if (names.length >= MAX_DEFINITIONS_FOR_A_PART) break;
    }
    if (names.length) io.err(`apigw lint: ${part.file}: no definition of its own; checked through ${listed(names)}, which reference${names.length === 1 ? 's' : ''} it\n`);
  }
  return [...through.values()];
}

/**
 * Leaves of each definition checked through only what it finds in the parts named: checked again (after fixes), it
 * finds what it finds in itself and its other files too, which the run does not report.
 */
export function keepNamedParts(definitions: DefinitionThrough[], elsewhere: Map<string, FileDiagnostics[]>): void {
  for (const definition of definitions) {
    elsewhere.set(definition.uri, (elsewhere.get(definition.uri) ?? []).filter((found) => definition.parts.has(found.uri)));
  }
}

/** Text that is neither a definition nor a mapping template, nor empty (which no definition can use). */
function isPart(result: FileResult): boolean {
  return result.text !== undefined && result.text.trim() !== '' && !/\.vtl$/i.test(result.file) && !looksLikeApiDefinition(result.text);
}

/** The folder the definitions are searched under: the nearest one holding `.git` up from `cwd`, else `cwd`. */
async function projectRoot(cwd: string): Promise<string> {
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (await stat(path.join(folder, '.git')).then(() => true, () => false)) return folder;
    if (path.dirname(folder) === folder) return cwd;
  }
}

function listed(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
}
