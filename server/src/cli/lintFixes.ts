import * as path from 'node:path';
import { messageOf, type FixOutcome } from '../services/fixPasses';
import { UsageError, type CliIO } from './io';
import { STDIN_NAME } from './lintInputs';
import type { ReportFormat } from './lintReports';
import { unifiedDiff } from './unifiedDiff';
import { MAX_FIX_PASSES } from './usage';

/**
 * `apigw lint --fix`: the passes of preferred fixes (services/fixPasses.ts) over the files named, and what the command
 * line adds to them: its options, the files written, the diff and the notes.
 */

/** `--fix` writes the files; `--fix-dry-run` prints the diff it would write. */
export type FixMode = 'fix' | 'dry-run';

/** `--fix` or `--fix-dry-run`, refused where it cannot do what it says. */
export function fixMode(fix: boolean, dryRun: boolean, format: ReportFormat, files: readonly string[]): FixMode | undefined {
  if (fix && dryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  // Standard output holds the diff alone, so that it can be given to `git apply`; a report there would corrupt it.
  if (dryRun && format !== 'text') throw new UsageError(`--fix-dry-run prints a diff on standard output and cannot be combined with --format ${format}; use --fix with it, or leave --format out`);
  if (fix && files.includes('-')) throw new UsageError('--fix cannot write standard input back; --fix-dry-run prints its fixes as a diff');
  return fix ? 'fix' : dryRun ? 'dry-run' : undefined;
}

/** What `--fix` could not do in one file, for standard error: the report shows the findings themselves. */
export function fixNotes(file: string, outcome: FixOutcome): string[] {
  const notes = outcome.dropped.map((drop) => {
    // Placed on the finding as it stands in the fixed text, which the report lists too.
    const at = outcome.diagnostics.find((d) => String(d.code) === drop.code && messageOf(d) === drop.message)?.range.start;
    const where = at ? `${file}:${at.line + 1}:${at.character + 1}` : file;
    const broken = drop.broke === 'template' ? 'the syntax of a mapping template in the file' : "the file's syntax";
    return `${where}: not fixed: '${drop.title}' (${drop.code}) would leave ${broken} broken`;
  });
  if (outcome.unsettled) notes.push(`${file}: the fixes did not settle within ${MAX_FIX_PASSES} passes (one undoes another, or brings its finding back); the rest were not applied`);
  return notes;
}

/** A file whose fixes are worked out: what was read, and what the fixes made of it. */
export interface FixedFile {
  file: string;
  bytes: Buffer;
  original: string;
  outcome: FixOutcome;
}

/**
 * Writes the files the fixes changed. One changed on disk since it was read is left alone, since writing would lose
 * that change; it and one that cannot be written keep their findings as read, and the run fails as for a file that
 * cannot be read. Returns the files not written.
 */
export async function writeFixes(files: FixedFile[], io: CliIO): Promise<Set<string>> {
  const failed = new Set<string>();
  for (const { file, bytes, original, outcome } of files) {
    if (outcome.text === original) continue;
    try {
      if (!io.writeBytes) throw new Error('files cannot be written here');
      const now = await io.readBytes(file);
      if (!now.equals(bytes)) throw new Error('it changed while it was being fixed');
      await io.writeBytes(file, Buffer.concat([leadingMarks(bytes, original), Buffer.from(outcome.text, 'utf8')]));
    } catch (error) {
      io.err(`apigw lint: ${file}: not fixed: ${error instanceof Error ? error.message : String(error)}\n`);
      failed.add(file);
    }
  }
  return failed;
}

/** What the read dropped before the text: the byte order mark, which the file keeps. */
function leadingMarks(bytes: Buffer, text: string): Buffer {
  return bytes.subarray(0, bytes.length - Buffer.byteLength(text, 'utf8'));
}

/**
 * The diff of every file the fixes would change, each named from `cwd` with `/` between folders, so that `git apply`
 * or `patch -p1` run there finds it. Both refuse a name that leaves the folder they run in (`a/../api.yaml`): when a
 * file lies outside `cwd`, every file is named from the nearest folder that holds them all and `cwd`, which `from`
 * gives, for the user to be told where to apply the diff.
 */
export function fixDiff(files: FixedFile[], cwd: string): { diff: string; from: string } {
  const full = (file: string) => path.resolve(cwd, file);
  const outside = files.some(({ file }) => file !== STDIN_NAME && isOutside(cwd, full(file)));
  const from = outside ? files.reduce((dir, { file }) => (file === STDIN_NAME ? dir : commonFolder(dir, path.dirname(full(file)))), cwd) : cwd;
  const name = (file: string) => (file === STDIN_NAME ? file : path.relative(from, full(file)).split(path.sep).join('/'));
  return { diff: files.map(({ file, original, outcome }) => unifiedDiff(name(file), original, outcome.text)).join(''), from };
}

function isOutside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  // `..api.yaml` is a file in the folder, not above it.
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function commonFolder(a: string, b: string): string {
  let folder = a;
  while (isOutside(folder, b) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

/**
 * `fixed 3 problems in 2 files`, or what a dry run would fix, over the files changed. The fixes of files that could not
 * be written are counted apart: a run that wrote none of them did find something to fix.
 */
export function fixSummary(mode: FixMode, files: FixedFile[], unwritten: ReadonlySet<string> = new Set()): string {
  const changed = files.filter((f) => f.outcome.text !== f.original);
  const written = changed.filter((f) => !unwritten.has(f.file));
  const failed = changed.filter((f) => unwritten.has(f.file));
  const problems = (some: FixedFile[]) => some.reduce((sum, f) => sum + f.outcome.fixed, 0);
  const count = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
  const done = problems(written) ? `${mode === 'fix' ? 'fixed' : 'would fix'} ${count(problems(written), 'problem')} in ${count(written.length, 'file')}` : undefined;
  if (!problems(failed)) return done ?? 'nothing to fix';
  return `${done ?? 'fixed nothing'}; ${count(problems(failed), 'fix', 'fixes')} in ${count(failed.length, 'file')} could not be written`;
}
