import { readFile, stat, writeFile } from '../util/asyncFs';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { decodeUtf8 } from '../model/utf8';
import { notAFile, sizeOverLimit } from '../model/readableFile';

/** What a command may do to the outside world; tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  readFile(path: string): Promise<string>;
  /** A file as it is, for payloads that may be binary. */
  readBytes(path: string): Promise<Buffer>;
  /** All of standard input, for `-` in place of a file; absent where there is none to read. */
  readStdin?(): Promise<Buffer>;
  /** Replaces a file's content, for `lint --fix`; absent where files must not be written. */
  writeBytes?(path: string, bytes: Buffer): Promise<void>;
}

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  /** Whether the command's `--help` answers the mistake (a misspelt or misused option), so the message points to it. */
  constructor(message: string, readonly answeredByHelp = false) {
    super(message);
  }
}

/**
 * The largest file read. Well under what one string can hold (V8's limit is 512 MB of ASCII): a larger file would stop
 * the run with an error naming no file, after filling memory. Over 20 MB a definition's syntax alone is checked anyway.
 */
export const MAX_INPUT_FILE = 256 * 1024 * 1024;

/**
 * A file that is there but cannot be read: locked, too large, or a named pipe or a device in place of a file. `apigw
 * lint` names it, as it names a missing file, and still checks the other files; the other commands stop as for any
 * usage error.
 */
export class UnreadableFileError extends UsageError {}

export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    readFile: (file) => readTextFile(path.resolve(process.cwd(), file), file),
    readBytes: (file) => readBytesFile(path.resolve(process.cwd(), file), file),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    // Written in place rather than renamed over, so the file keeps its permissions, owner and hard links.
    writeBytes: (file, bytes) => writeFile(path.resolve(process.cwd(), file), bytes),
  };
}

/** Reads a file's bytes, with a one-line message for the usual reasons it cannot be read. */
export async function readBytesFile(file: string, shownAs = file): Promise<Buffer> {
  try {
    // The kind first: reading a device (/dev/zero) never ends. A named pipe is read as it comes, up to the limit: it is
    // how a shell hands over a command's output as a file (`--request <(jq …)`).
    const info = await stat(file);
    if (info.isDirectory()) throw new UsageError(`${shownAs}: is a directory, not a file`);
    if (info.isFIFO()) return await readPipe(file, shownAs);
    const kind = notAFile(info);
    if (kind !== undefined) throw new UnreadableFileError(`${shownAs}: ${kind}`);
    if (info.size > MAX_INPUT_FILE) throw tooLarge(info.size, shownAs);
    const bytes = await readFile(file);
    // It may have grown since.
    if (bytes.length > MAX_INPUT_FILE) throw tooLarge(bytes.length, shownAs);
    return bytes;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${shownAs}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${shownAs}: is a directory, not a file`);
    throw new UnreadableFileError(`${shownAs}: ${cannotRead(error)}`);
  }
}

/** A named pipe's bytes, until its writer closes it; more than `MAX_INPUT_FILE` is refused as a file that large is. */
function readPipe(file: string, shownAs: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = createReadStream(file);
    stream.on('data', (data: string | Buffer) => {
      const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data);
      size += chunk.length;
      if (size > MAX_INPUT_FILE) {
        stream.destroy();
        reject(tooLarge(size, shownAs));
      } else {
        chunks.push(chunk);
      }
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Why a file or directory that is there could not be read, in a few words. */
export function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `cannot be read (${code ?? String(error)})`;
}

function tooLarge(size: number, shownAs: string): UnreadableFileError {
  return new UnreadableFileError(`${shownAs}: is ${sizeOverLimit(size, MAX_INPUT_FILE, 'files apigw reads')}`);
}

/** Reads a file as UTF-8 text, refusing what is not: a definition decoded with replacement characters would mislead. */
export async function readTextFile(file: string, shownAs = file): Promise<string> {
  const bytes = await readBytesFile(file, shownAs);
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new UsageError(`${shownAs}: not UTF-8 text; save it as UTF-8`);
  return text;
}
