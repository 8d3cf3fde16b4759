import { UsageError, type CliIO } from '../../../server/src/cli/io';

/** The command line's IO over in-memory files, collecting what it prints. */
export function fakeIO(files: Record<string, string>): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd: '/work',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    async readFile(file: string) {
      if (!(file in files)) throw new UsageError(`${file}: no such file`);
      return files[file];
    },
    async readBytes(file: string) {
      return Buffer.from(await io.readFile(file));
    },
  };
  return io;
}
