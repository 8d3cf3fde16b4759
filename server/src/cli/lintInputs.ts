import { realpath, stat } from '../util/asyncFs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GlobOptions } from 'tinyglobby';
import { decodeInput, type DecodedInput, type Unreadable } from '../model/definitionBytes';
import { looksLikeApiDefinition } from '../model/definitionKeys';
import { notAFile } from '../model/readableFile';
import { cannotRead, UnreadableFileError, UsageError, type CliIO } from './io';

/**
 * A file to check: its text, or why it has none (reported as a finding, so the rest of the report still comes out).
 * The bytes read are kept with the text, so that `--fix` writes back what it read (a byte order mark included) and can
 * tell whether the file changed on disk meanwhile. Text in another encoding is not UTF-8 either, but the editor opens
 * it, decoded (bytes that are not UTF-8 as U+FFFD, UTF-16 by its byte order mark), and checks what it shows:
 * `editorText` is that reading, for the same findings. A binary file the editor does not open has none.
 */
export type LintInput = { file: string; text: string; bytes: Buffer } | { file: string; unreadable: Unreadable; editorText?: string };

/** How standard input (`-`) is named in the report. */
export const STDIN_NAME = '<stdin>';

/**
 * Definitions are YAML or JSON, whatever the case of the extension (`API.YAML` from Windows tools); mapping templates
 * kept in files of their own are `.vtl`, checked as the editor checks them.
 */
const EXTENSIONS = ['yaml', 'yml', 'json', 'vtl'];
const DEFINITION_FILES = `**/*.{${EXTENSIONS.join(',')}}`;
const DEFINITION_EXTENSION = new RegExp(`\\.(${EXTENSIONS.join('|')})$`, 'i');
const TEMPLATE_EXTENSION = /\.vtl$/i;
/**
 * Dependencies and version control hold no definitions of the user's own, nor does the extension's own folder, whose
 * backups of deployed definitions are AWS's exports, not sources.
 */
const IGNORED = ['**/node_modules/**', '**/.git/**', '**/.apigateway/**'];

/**
 * The files `apigw lint` checks. A file named on the command line is always checked (or named as not checked); a
 * directory stands for the API definitions under it, and a quoted glob pattern (`'apis/**\/*.yaml'`, for shells that
 * do not expand them) for the API definitions it matches. Those are told apart by their top-level keys, so other YAML
 * and JSON beside them (CI workflows, compose files, package.json) is left alone.
 */
export async function lintInputs(args: string[], io: CliIO): Promise<LintInputs> {
  const inputs: LintInput[] = [];
  const unopened: string[] = [];
  const seen = new Map<string, number>();
  // One file reached twice (named twice, or again through a symbolic link) is checked once, under its shortest name.
  const add = async (input: LintInput) => {
    const key = input.file === STDIN_NAME ? STDIN_NAME : await realpath(path.resolve(io.cwd, input.file)).catch(() => path.resolve(io.cwd, input.file));
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, inputs.length);
      inputs.push(input);
    } else if (input.file.length < inputs[earlier].file.length) {
      inputs[earlier] = input;
    }
  };
  for (const arg of args) {
    if (arg === '-') {
      await add(fromBytes(STDIN_NAME, await readStdin(io)));
      continue;
    }
    const kind = await kindOf(path.resolve(io.cwd, arg));
    if (kind === 'directory') {
      // Hidden folders and files hold definitions too (`.aws/`, `.apigateway/`); only the ignored folders are left out.
      const root = path.resolve(io.cwd, arg);
      const walked = await walk(DEFINITION_FILES, { cwd: root, ignore: IGNORED, caseSensitiveMatch: false, dot: true }, (dir) => reportName(io.cwd, dir), io, unopened);
      const found = await definitionsAmong(walked.files, (f) => reportName(io.cwd, path.join(root, f)), io, unopened);
      if (found.length === 0 && !walked.unreadable) throw new UsageError(`${arg}: no API definitions found (YAML or JSON files with a top-level \`openapi\` or \`swagger\` key, or .vtl mapping templates)`);
      for (const input of found) await add(input);
    } else if (kind === 'missing' && globbing().isDynamicPattern(toPattern(arg))) {
      const walked = await walk(toPattern(arg), { cwd: io.cwd, ignore: IGNORED }, (dir) => reportName(io.cwd, dir), io, unopened);
      const matches = walked.files;
      if (walked.unreadable && matches.length === 0) continue;
      if (matches.length === 0) throw new UsageError(`${arg}: no files match`);
      const found = await definitionsAmong(matches, (f) => reportName(io.cwd, f), io, unopened);
      if (found.length === 0 && !walked.unreadable) throw new UsageError(`${arg}: matches ${matches.length} file${matches.length === 1 ? '' : 's'}, none of them an API definition or mapping template`);
      for (const input of found) await add(input);
    } else {
      // A file that is missing or cannot be read is named, and the other files are still checked: the report is still
      // written, with the run marked as failed, rather than none at all for one name a CI step got wrong.
      const name = reportName(io.cwd, arg);
      const bytes = await readDefinition(name, io).catch((error: unknown) => {
        if (!(error instanceof UsageError)) throw error;
        notChecked(error, name, io, unopened);
        return undefined;
      });
      if (bytes) await add(fromBytes(name, bytes));
    }
  }
  return { inputs, unopened };
}

/**
 * The files to check, and the files named or found and directories found (with a trailing separator) that could not be
 * opened (the run then exits 2).
 */
export interface LintInputs {
  inputs: LintInput[];
  unopened: string[];
}

function fromBytes(file: string, bytes: Buffer): LintInput {
  return fromDecoded(file, decodeInput(bytes), bytes);
}

function fromDecoded(file: string, decoded: DecodedInput, bytes: Buffer): LintInput {
  if ('text' in decoded) return { file, text: decoded.text, bytes };
  return { file, unreadable: decoded.unreadable, ...(decoded.unreadable.code === 'not-utf8' ? { editorText: decoded.lenientText } : {}) };
}

/**
 * How the report names a file, however it was typed (an absolute path a script passes, `./api.yaml`): from the current
 * folder when it lies under it, as SARIF names it from the repository's root; by its absolute path when it lies
 * elsewhere, where a name with `../` would only make sense from the folder the command ran in.
 */
export function reportName(cwd: string, file: string): string {
  if (file === STDIN_NAME) return file;
  const full = path.resolve(cwd, file);
  const relative = path.relative(cwd, full);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return full;
  return relative || '.';
}

/**
 * Whether a file named on the command line is some other kind of file: a definition is one by its top-level key
 * whatever its name, and a name as YAML, JSON or a template says it is meant as one (a broken definition's syntax
 * errors are then reported). Anything else, a handler's source or a README, is no definition, and its lines are no
 * YAML mistakes or suppression comments. Standard input has no name to judge by: it was given to be checked.
 */
export function isOtherKindOfFile(file: string, text: string): boolean {
  return file !== STDIN_NAME && !DEFINITION_EXTENSION.test(file) && !looksLikeApiDefinition(text);
}

async function readStdin(io: CliIO): Promise<Buffer> {
  if (!io.readStdin) throw new UsageError('standard input cannot be read here');
  return io.readStdin();
}

/**
 * The glob library and the directory walker under it, loaded when a directory or a pattern is named: most runs name
 * files, and loading them costs every cold start a few milliseconds.
 */
function globbing(): typeof import('tinyglobby') {
  return require('tinyglobby') as typeof import('tinyglobby');
}

/**
 * The files a pattern matches under `options.cwd`, and how many directories on the way could not be read. The walker
 * passes over a directory it cannot read without a word, which would let CI pass without checking what it holds: each
 * is named as a file that cannot be opened is, with a trailing separator, and the run fails.
 */
async function walk(pattern: string, options: GlobOptions, shown: (dir: string) => string, io: CliIO, unopened: string[]): Promise<{ files: string[]; unreadable: number }> {
  const failed: Array<{ dir: string; error: unknown }> = [];
  const readdir = ((dir: string, how: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries: fs.Dirent[]) => void) =>
    fs.readdir(dir, how, (error, entries) => {
      // A folder a pattern names that is not there (or is a file) holds no match; it is no folder left unread.
      if (error && error.code !== 'ENOENT' && error.code !== 'ENOTDIR') failed.push({ dir, error });
      callback(error, entries);
    })) as unknown as typeof fs.readdir;
  const files = await globbing().glob(pattern, { ...options, fs: { readdir } });
  // Sorted, as the walk meets them in no fixed order.
  for (const { dir, error } of failed.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0))) {
    const name = `${shown(dir) || '.'}${path.sep}`;
    notChecked(new UsageError(`${name}: ${cannotRead(error)}`), name, io, unopened);
  }
  return { files, unreadable: failed.length };
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

/**
 * The API definitions and mapping templates among found files, in a stable order. A file meant as a definition that is not UTF-8 text is
 * one too: skipping it would let CI pass without checking it.
 */
async function definitionsAmong(files: string[], shown: (file: string) => string, io: CliIO, unopened: string[]): Promise<LintInput[]> {
  const result: LintInput[] = [];
  for (const file of files.filter((f) => DEFINITION_EXTENSION.test(f)).sort()) {
    const name = shown(file);
    let bytes: Buffer;
    try {
      bytes = await readDefinition(name, io);
    } catch (error) {
      // A found file that cannot be opened may be anything; it is named, the other files are still checked, and the
      // run fails as for a named file that cannot be read: skipping it quietly would let CI pass.
      if (!(error instanceof UsageError)) throw error;
      notChecked(error, name, io, unopened);
      continue;
    }
    const decoded = decodeInput(bytes);
    const template = TEMPLATE_EXTENSION.test(name);
    if (template || looksLikeApiDefinition('text' in decoded ? decoded.text : decoded.lenientText)) result.push(fromDecoded(name, decoded, bytes));
  }
  return result;
}

/**
 * A definition's bytes. A named pipe is refused here although other commands read one: `lint` takes standard input as
 * `-`, and a pipe with no writer, as `mkfifo` leaves it or a link in a folder leads to it, would hold the run forever.
 */
async function readDefinition(name: string, io: CliIO): Promise<Buffer> {
  const info = await stat(path.resolve(io.cwd, name)).catch(() => undefined);
  if (info?.isFIFO()) throw new UnreadableFileError(`${name}: ${notAFile(info)}`);
  return io.readBytes(name);
}

function notChecked(error: UsageError, file: string, io: CliIO, unopened: string[]): void {
  io.err(`${error.message}; not checked\n`);
  unopened.push(file);
}
