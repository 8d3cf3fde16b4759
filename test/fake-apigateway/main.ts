import { seedFromFolder } from './seed';
import { startFakeApiGateway } from './server';

const USAGE = 'Usage: npx tsx test/fake-apigateway/main.ts [--port 4599] [--seed <folder of OpenAPI files>]';

function parseArgs(argv: string[]): { port: number; seed?: string } {
  let port = 4599;
  let seed: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--port' && value !== undefined) {
      port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port needs a number from 0 to 65535, got '${value}'`);
      i++;
    } else if (arg === '--seed' && value !== undefined) {
      seed = value;
      i++;
    } else {
      throw new Error(`Unknown or incomplete argument '${arg}'`);
    }
  }
  return { port, seed };
}

async function main(): Promise<void> {
  const { port, seed } = parseArgs(process.argv.slice(2));
  const fake = await startFakeApiGateway({ port });
  if (seed) for (const line of await seedFromFolder(fake.url, seed)) console.log(line);
  console.log(fake.url);
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(1);
});
