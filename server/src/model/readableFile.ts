import type { Stats } from 'node:fs';

/**
 * Why a path is not read as a file, told from its `stat` before it is opened: a named pipe waits for a writer, a device
 * (/dev/zero) never ends, and a file too large fills memory before it fails. The editor's `$ref`s and the command
 * line's files say it alike. Kept apart from the definitions' decoding, which commands that only read a template or a
 * request (`apigw eval`) do not load.
 */

const MB = 1024 * 1024;

/** What a path that is not a regular file names, as `is a named pipe, not a file`; undefined for a regular file. */
export function notAFile(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'is a directory';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'is a device, not a file';
  if (info.isFIFO()) return 'is a named pipe, not a file';
  if (info.isSocket()) return 'is a socket, not a file';
  return 'is not a regular file';
}

/** A size over a limit, as `600.0 MB, larger than the limit of 20 MB for referenced files`. */
export function sizeOverLimit(size: number, limit: number, of: string): string {
  return `${(size / MB).toFixed(1)} MB, larger than the limit of ${limit / MB} MB for ${of}`;
}
