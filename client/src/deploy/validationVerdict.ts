import { counted, listed } from '../sentences';

/** A language-server finding as the deploy's validation gate weighs it; `line` is zero-based. */
export interface GateFinding {
  line: number;
  message: string;
}

/** The errors and warnings of one file a deploy is made of, `name` as messages show it. */
export interface FileFindings {
  name: string;
  errors: GateFinding[];
  warnings: GateFinding[];
}

/**
 * Why the deploy is refused, undefined when no file has errors. A notification shows no `detail`, so the first error
 * goes into the message itself, with its file named when several files have errors.
 */
export function errorsMessage(files: FileFindings[]): string | undefined {
  const withErrors = files.filter((f) => f.errors.length);
  if (!withErrors.length) return undefined;
  const total = withErrors.reduce((n, f) => n + f.errors.length, 0);
  const [file] = withErrors;
  const [first] = file.errors;
  const where = withErrors.length === 1 ? `Line ${first.line + 1}` : `${file.name} line ${first.line + 1}`;
  const more = total > 1 ? ` (and ${counted(total - 1, 'more error')})` : '';
  return `Not deployed: ${counted(total, 'error')} in ${listed(withErrors.map((f) => f.name))}. ${where}: ${first.message}${more}`;
}

/** The question asked once before deploying despite warnings, undefined when no file has any. */
export function warningsQuestion(files: FileFindings[], shown = 8): { message: string; detail: string } | undefined {
  const withWarnings = files.filter((f) => f.warnings.length);
  if (!withWarnings.length) return undefined;
  const total = withWarnings.reduce((n, f) => n + f.warnings.length, 0);
  const named = withWarnings.length > 1;
  const lines = withWarnings.flatMap((f) => f.warnings.map((w) => `${named ? `${f.name} line` : 'line'} ${w.line + 1}: ${w.message}`));
  return { message: `${counted(total, 'warning')} in ${listed(withWarnings.map((f) => f.name))}. Deploy anyway?`, detail: lines.slice(0, shown).join('\n') };
}
