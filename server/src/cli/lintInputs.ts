import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { looksLikeApiDefinition } from '../model/apiDocument';
import { readTextFile, UsageError, type CliIO } from './io';

export interface LintInput {
  /** As shown in the report: the argument, or a path under the directory or pattern it named. */
  file: string;
  text: string;
}

const DEFINITION_FILES = '**/*.{yaml,yml,json}';
/** Dependencies and version control hold no definitions of the user's own. */
const IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * The files `apigw lint` checks. A file named on the command line is always checked (and must be readable); a
 * directory stands for the API definitions under it, and a quoted glob pattern (`'apis/**\/*.yaml'`, for shells that
 * do not expand them) for the API definitions it matches. Like the editor, those are told apart by content, so other
 * YAML and JSON beside them is left alone.
 */
export async function lintInputs(args: string[], io: CliIO): Promise<LintInput[]> {
  const inputs: LintInput[] = [];
  const seen = new Set<string>();
  const add = (file: string, text: string) => {
    const absolute = path.resolve(io.cwd, file);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    inputs.push({ file, text });
  };
  for (const arg of args) {
    const kind = await kindOf(path.resolve(io.cwd, arg));
    if (kind === 'directory') {
      const found = await definitionsAmong(await glob(DEFINITION_FILES, { cwd: path.resolve(io.cwd, arg), ignore: IGNORED }), (f) => path.join(arg, f), io);
      if (found.length === 0) throw new UsageError(`${arg}: no API definitions found (YAML or JSON files with an \`openapi\` or \`swagger\` key)`);
      for (const input of found) add(input.file, input.text);
    } else if (kind === 'missing' && isDynamicPattern(toPattern(arg))) {
      const matches = await glob(toPattern(arg), { cwd: io.cwd, ignore: IGNORED });
      if (matches.length === 0) throw new UsageError(`${arg}: no files match`);
      const found = await definitionsAmong(matches, (f) => f, io);
      if (found.length === 0) throw new UsageError(`${arg}: matches ${matches.length} file${matches.length === 1 ? '' : 's'}, none of them an API definition`);
      for (const input of found) add(input.file, input.text);
    } else {
      add(arg, await io.readFile(arg));
    }
  }
  return inputs;
}

async function kindOf(file: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await stat(file)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

/** Glob patterns are written with `/`; a Windows user may type `\`. */
function toPattern(arg: string): string {
  return path.sep === '\\' ? arg.replace(/\\/g, '/') : arg;
}

/** The API definitions among found files, in a stable order; files that cannot be read as text are not definitions. */
async function definitionsAmong(files: string[], shown: (file: string) => string, io: CliIO): Promise<LintInput[]> {
  const result: LintInput[] = [];
  for (const file of [...files].sort()) {
    const name = shown(file);
    let text: string;
    try {
      text = await readTextFile(path.resolve(io.cwd, name), name);
    } catch {
      continue;
    }
    if (looksLikeApiDefinition(text)) result.push({ file: name, text });
  }
  return result;
}
