/**
 * Apache Velocity 1.7 itself, run from Debian's packages through `VelocityOracle.java`: the tests hand it the same
 * templates and requests as our engine and compare the two outputs.
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
const SOURCE = path.join(__dirname, 'VelocityOracle.java');
const CLASSES = path.resolve(__dirname, '../../out/oracle');

function classPath(): string {
  const jars = JARS.map((name) => `/usr/share/java/${name}.jar`);
  const missing = jars.filter((jar) => !existsSync(jar));
  if (missing.length) {
    throw new Error(`Velocity 1.7 and its libraries are not installed (${missing.join(', ')} missing); run scripts/ensure-velocity.sh`);
  }
  return jars.join(path.delimiter);
}

function compiled(cp: string): string {
  const target = path.join(CLASSES, 'VelocityOracle.class');
  if (!existsSync(target) || statSync(target).mtimeMs < statSync(SOURCE).mtimeMs) {
    mkdirSync(CLASSES, { recursive: true });
    execFileSync('javac', ['-nowarn', '-d', CLASSES, '-cp', cp, SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  return CLASSES;
}

/** Renders every case in one Java process (the JVM's start-up is the slow part). */
export function renderWithVelocity(cases: OracleCase[]): OracleResult[] {
  const cp = classPath();
  const out = execFileSync('java', ['-cp', `${compiled(cp)}${path.delimiter}${cp}`, 'VelocityOracle'], {
    input: JSON.stringify(cases),
    maxBuffer: 1 << 28,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return JSON.parse(out.toString('utf8')) as OracleResult[];
}
