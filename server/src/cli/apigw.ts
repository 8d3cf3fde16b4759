import { processIO, UsageError, type CliIO } from './io';
import { nearMiss } from '../services/rules/nearMiss';
import { runLint } from './commands/lint';
import { BUNDLE_USAGE, EVAL_USAGE, INVOKE_USAGE, LINT_USAGE, SERVE_USAGE } from './usage';
import { cliVersion } from './version';

type Command = (args: string[], io: CliIO) => Promise<number>;

/**
 * The commands but lint load the gateway, which lint does not need, so each is required only when it is run: with
 * `require` rather than `import()`, which a CommonJS loader of the sources (the tests') cannot resolve; the bundle
 * treats both alike.
 */
const COMMANDS: Record<string, { run: () => Promise<Command>; usage: string; description: string }> = {
  lint: { run: async () => runLint, usage: LINT_USAGE, description: 'check API definitions (a directory or quoted glob pattern: the API definitions in it)' },
  invoke: { run: async () => (require('./commands/invoke') as typeof import('./commands/invoke')).runInvoke, usage: INVOKE_USAGE, description: 'run one request through the local gateway' },
  serve: { run: async () => (require('./commands/serve') as typeof import('./commands/serve')).runServe, usage: SERVE_USAGE, description: 'serve the API on 127.0.0.1, reloading on change' },
  eval: { run: async () => (require('./commands/eval') as typeof import('./commands/eval')).runEval, usage: EVAL_USAGE, description: 'render a mapping template' },
  bundle: { run: async () => (require('./commands/bundle') as typeof import('./commands/bundle')).runBundle, usage: BUNDLE_USAGE, description: 'write a definition split over several files as the one document API Gateway imports' },
};

export const USAGE = [
  'usage: apigw <command> [options]',
  '       apigw --version',
  '',
  'commands:',
  ...Object.values(COMMANDS).flatMap((c) => [`  ${c.usage.split('\n')[0].replace(/^usage: apigw /, '')}`, `      ${c.description}`]),
  '',
  'apigw <command> --help describes the options and exit codes of a command.',
].join('\n');

/** Runs the CLI and returns the exit code: 0 success, 1 findings or a failed run, 2 usage errors or unreadable input. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  // `apigw help lint` is `apigw lint --help`, as git and npm read it.
  const [name, args] = first === 'help' && rest.length > 0 ? [rest[0], ['--help']] : [first, rest];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${cliVersion()}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const meant = nearMiss(name, Object.keys(COMMANDS));
    io.err(`apigw: unknown command '${name}'${meant ? ` (did you mean '${meant}'?)` : ''}\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await command.run())(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`apigw ${name}: ${error.message}\n${error.answeredByHelp ? `Run 'apigw ${name} --help' for its options.\n` : ''}`);
      return 2;
    }
    io.err(`apigw ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  // A reader that stops early (`apigw lint … | head -1`) closes the pipe: that ends the output, it is no failure.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  main(process.argv.slice(2), processIO()).then(exitWhenWritten, (error) => {
    process.stderr.write(`apigw: ${String(error)}\n`);
    exitWhenWritten(1);
  });
}

/**
 * Ends the process once the command's output is written. A finished command has nothing left to do, and a process
 * left to end by itself first stops the template check thread and takes down both heaps: about 10 ms of a cold lint.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
