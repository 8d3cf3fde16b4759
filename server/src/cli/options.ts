import { nearMiss } from '../services/rules/nearMiss';
import { UsageError } from './io';

export interface OptionSpec {
  /** Options that take a value, e.g. `--format`. */
  values?: string[];
  /** Options that may be given several times, collected in order. */
  repeated?: string[];
  /** Options without a value, e.g. `--json`. */
  flags?: string[];
  /** Options of `values` whose value names a file, which an empty value cannot. */
  files?: string[];
}

export interface ParsedOptions {
  positional: string[];
  values: Map<string, string>;
  repeated: Map<string, string[]>;
  flags: Set<string>;
  /** `-h` or `--help` was given: the caller shows its help, whatever else is wrong with the arguments. */
  help: boolean;
}

const HELP = new Set(['-h', '--help']);

/**
 * A small, strict option parser: unknown options are usage errors, not silently ignored. `--` ends the options, so
 * a file named like one can still be given; `-` alone is an argument (standard input). Every command's arguments name
 * files, so an empty one is refused: it is what an unset variable (`apigw lint "$SPEC"`) gives, and read as a path it
 * would mean the current directory, which lint would check in its place and let a CI step pass.
 */
export function parseOptions(args: string[], spec: OptionSpec): ParsedOptions {
  const result: ParsedOptions = { positional: [], values: new Map(), repeated: new Map(), flags: new Set(), help: false };
  // A mistake before `--help` must not hide the help the user asked for, so the first one is thrown only at the end.
  let mistake: UsageError | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      for (const rest of args.slice(i + 1)) {
        if (rest === '') mistake ??= emptyFileName();
        result.positional.push(rest);
      }
      break;
    }
    if (HELP.has(arg)) {
      result.help = true;
      continue;
    }
    if (arg === '') {
      mistake ??= emptyFileName();
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      result.positional.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (spec.flags?.includes(name)) {
      // `--json=false` must not quietly mean `--json`.
      if (inline !== undefined) mistake ??= new UsageError(`${name} takes no value`, true);
      else result.flags.add(name);
      continue;
    }
    const takesValue = spec.values?.includes(name) || spec.repeated?.includes(name);
    if (!takesValue) {
      const known = [...(spec.flags ?? []), ...(spec.values ?? []), ...(spec.repeated ?? []), '--help'];
      const meant = name.startsWith('--') ? nearMiss(name, known) : undefined;
      mistake ??= new UsageError(`unknown option ${name}${meant ? ` (did you mean ${meant}?)` : ''}`, true);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) {
      mistake ??= new UsageError(`${name} needs a value`, true);
      continue;
    }
    if (value === '' && spec.files?.includes(name)) {
      mistake ??= emptyFileName(name);
      continue;
    }
    if (spec.repeated?.includes(name)) result.repeated.set(name, [...(result.repeated.get(name) ?? []), value]);
    else result.values.set(name, value);
  }
  if (mistake && !result.help) throw mistake;
  return result;
}

function emptyFileName(option?: string): UsageError {
  return new UsageError(`${option ? `${option}: ` : ''}an empty argument ('') is no file name; is a variable unset?`);
}
