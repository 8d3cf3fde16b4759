/**
 * The promise forms of the few file system calls the command line and the server make, from `node:fs`'s callbacks:
 * `node:fs/promises` loads internal modules (file handles, streams, readline) that every cold `apigw lint` would pay
 * for at start-up without using them.
 */
import * as fs from 'node:fs';
import { promisify } from 'node:util';

export const readFile = promisify(fs.readFile);
export const writeFile = promisify(fs.writeFile);
export const stat = promisify(fs.stat);
export const readdir = promisify(fs.readdir);
/** The operating system's realpath, as `fs/promises` answers it, not `fs.realpath`'s own walk of the links. */
export const realpath = promisify(fs.realpath.native);
