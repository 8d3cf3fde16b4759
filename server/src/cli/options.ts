import { UsageError } from './io';

export interface OptionSpec {
  /** Options that take a value, e.g. `--format`. */
  values?: string[];
  /** Options that may be given several times, collected in order. */
  repeated?: string[];
  /** Options without a value, e.g. `--json`. */
  flags?: string[];
}

export interface ParsedOptions {
  positional: string[];
  values: Map<string, string>;
  repeated: Map<string, string[]>;
  flags: Set<string>;
}

/** A small, strict option parser: unknown options are usage errors, not silently ignored. */
export function parseOptions(args: string[], spec: OptionSpec): ParsedOptions {
  const result: ParsedOptions = { positional: [], values: new Map(), repeated: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') {
      result.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (spec.flags?.includes(name)) {
      result.flags.add(name);
      continue;
    }
    const takesValue = spec.values?.includes(name) || spec.repeated?.includes(name);
    if (!takesValue) throw new UsageError(`unknown option ${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    if (spec.repeated?.includes(name)) result.repeated.set(name, [...(result.repeated.get(name) ?? []), value]);
    else result.values.set(name, value);
  }
  return result;
}
