/**
 * Apache Velocity 1.7 itself, run from Debian's packages through `VelocityOracle.java`, and Java's own regular
 * expressions through `JavaRegexOracle.java`: the tests hand them the same input as our engine and compare the results.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface OracleCase {
  template: string;
  body?: string;
  params?: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
  stageVariables?: Record<string, string>;
  context?: Record<string, unknown>;
}

export interface OracleResult {
  output?: string;
  /** Velocity's exception, when the template failed; `partial` is what it had written until then. */
  error?: string;
  partial?: string;
}

const JARS = ['velocity', 'commons-collections3', 'commons-lang', 'json-path', 'json-smart', 'slf4j-api', 'oro'];
const SOURCES = ['OracleIO.java', 'VelocityOracle.java', 'JavaRegexOracle.java'].map((name) => path.join(__dirname, name));
const CLASSES = path.resolve(__dirname, '../../out/oracle');

function classPath(): string {
  const jars = JARS.map((name) => `/usr/share/java/${name}.jar`);
  const missing = jars.filter((jar) => !existsSync(jar));
  if (missing.length) {
    throw new Error(`Velocity 1.7 and its libraries are not installed (${missing.join(', ')} missing); run scripts/ensure-oracles.sh`);
  }
  return jars.join(path.delimiter);
}

function compiled(cp: string): string {
  const stale = SOURCES.some((source) => {
    const target = path.join(CLASSES, path.basename(source).replace(/\.java$/, '.class'));
    return !existsSync(target) || statSync(target).mtimeMs < statSync(source).mtimeMs;
  });
  if (stale) {
    mkdirSync(CLASSES, { recursive: true });
    execFileSync('javac', ['-nowarn', '-d', CLASSES, '-cp', cp, ...SOURCES], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  return CLASSES;
}

/** Runs every case through one Java program in one process (the JVM's start-up is the slow part). */
export function runJava<T>(mainClass: 'VelocityOracle' | 'JavaRegexOracle', cases: readonly unknown[]): T[] {
  const cp = classPath();
  const out = execFileSync('java', ['-cp', `${compiled(cp)}${path.delimiter}${cp}`, mainClass], {
    // One case per line (JSON.stringify escapes the line breaks inside strings).
    input: cases.map((c) => JSON.stringify(c)).join('\n'),
    maxBuffer: 1 << 28,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return JSON.parse(out.toString('utf8')) as T[];
}

/** Renders every case with Velocity 1.7. */
export function renderWithVelocity(cases: OracleCase[]): OracleResult[] {
  return runJava<OracleResult>('VelocityOracle', cases);
}
