import { processIO, UsageError, type CliIO } from './io';
import { runLint } from './commands/lint';

type Command = (args: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { run: () => Promise<Command>; usage: string; description: string }> = {
  lint: { run: async () => runLint, usage: 'lint FILE|DIRECTORY|PATTERN... [--format text|json|sarif] [--dialect auto|rest|http]', description: 'check API definitions (a directory or quoted glob pattern: the API definitions in it)' },
  invoke: {
    run: async () => (await import('./commands/invoke')).runInvoke,
    usage: "invoke FILE --method M --path P [--query k=v]... [--header 'K: V']... [--body-file F] [--stage S] [--config F] [--json]",
    description: 'run one request through the local gateway',
  },
  serve: { run: async () => (await import('./commands/serve')).runServe, usage: 'serve FILE [--port N] [--stage NAME] [--config F]', description: 'serve the API on 127.0.0.1, reloading on change' },
  eval: {
    run: async () => (await import('./commands/eval')).runEval,
    usage: 'eval TEMPLATE_FILE [--request REQUEST.json] [--kind request|response] [--json]',
    description: 'render a mapping template',
  },
};

export const USAGE = [
  'usage: apigw <command> [options]',
  '',
  'commands:',
  ...Object.values(COMMANDS).flatMap((c) => [`  ${c.usage}`, `      ${c.description}`]),
  '',
  'apigw <command> --help shows the options of a command.',
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
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`apigw: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
