import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A file of the shared corpus, which sits beside the repository (`<root>/../shared/corpus`): looked for upwards from
 * here so any checkout layout works, or in APIGW_CORPUS_DIR.
 */
export function sharedCorpusFile(name: string): string {
  const fromEnv = process.env.APIGW_CORPUS_DIR;
  if (fromEnv && existsSync(path.join(fromEnv, name))) return path.join(fromEnv, name);
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'corpus', name);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`${name} not found: expected ../shared/corpus next to the repository, or set APIGW_CORPUS_DIR`);
}
