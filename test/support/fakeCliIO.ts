import * as path from 'node:path';
import { readBytesFile, readTextFile, type CliIO } from '../../server/src/cli/io';

/** The command line's input and output in memory: files read from `cwd`, named as typed; output kept as text. */
export function fakeIO(cwd: string): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readFile: (file: string) => readTextFile(path.resolve(cwd, file), file),
    readBytes: (file: string) => readBytesFile(path.resolve(cwd, file), file),
  };
  return io;
}
