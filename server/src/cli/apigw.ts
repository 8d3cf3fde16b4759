import { processIO, UsageError, type CliIO } from './io';
import { runLint } from './commands/lint';
import { EVAL_USAGE, INVOKE_USAGE, LINT_USAGE, SERVE_USAGE } from './usage';

type Command = (args: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { run: () => Promise<Command>; usage: string; description: string }> = {
  lint: { run: async () => runLint, usage: LINT_USAGE, description: 'check API definitions (a directory or quoted glob pattern: the API definitions in it)' },
  invoke: { run: async () => (await import('./commands/invoke')).runInvoke, usage: INVOKE_USAGE, description: 'run one request through the local gateway' },
  serve: { run: async () => (await import('./commands/serve')).runServe, usage: SERVE_USAGE, description: 'serve the API on 127.0.0.1, reloading on change' },
  eval: { run: async () => (await import('./commands/eval')).runEval, usage: EVAL_USAGE, description: 'render a mapping template' },
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
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${process.env.APIGW_VERSION ?? '0.1.0'}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`apigw: unknown command '${name}'\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await command.run())(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`apigw ${name}: ${error.message}\n`);
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
