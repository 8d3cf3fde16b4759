/**
 * The other files a walk of payload schemas reads. Hover and completion answer at once, from the files the resolver
 * has loaded already; Go to Definition can wait, and has every file the walk reaches read first.
 */
import type { ApiDocument } from '../../model/apiDocument';
import { resolveUri } from '../../model/refUri';
import type { DocumentResolver } from '../validationTypes';
import type { LoadedFile } from './templateSchemas';

/** The files `resolver` has loaded, where it can tell without waiting. */
export function loadedFiles(resolver: DocumentResolver | undefined): LoadedFile | undefined {
  const loaded = resolver?.loaded;
  return loaded && ((baseUri, ref) => loaded.call(resolver, baseUri, ref));
}

/** Each round reads at least one file the last one did not have: a chain of files longer than this ends there. */
const MAX_ROUNDS = 32;

/**
 * What `walk` answers once every file it reaches has been read through `resolver`. A walk meeting a `$ref` into a file
 * not read yet goes on without it; the files it went without are read, and it walks again, until it misses none. Each
 * file is read once, asked for from the first file naming it; one that cannot be read ends that branch of the walk.
 */
export async function walkReadingFiles<T>(resolver: DocumentResolver | undefined, walk: (loaded: LoadedFile) => T): Promise<T> {
  const read = new Map<string, ApiDocument | undefined>();
  for (let round = 0; ; round++) {
    const missing = new Map<string, { baseUri: string; ref: string }>();
    const answer = walk((baseUri, ref) => {
      const uri = resolveUri(baseUri, ref);
      if (uri === undefined) return undefined;
      if (read.has(uri)) return read.get(uri);
      if (!missing.has(uri)) missing.set(uri, { baseUri, ref });
      return undefined;
    });
    if (!resolver || missing.size === 0 || round === MAX_ROUNDS) return answer;
    await Promise.all(
      [...missing].map(async ([uri, { baseUri, ref }]) => {
        read.set(uri, await resolver.resolve(baseUri, ref).catch(() => undefined));
      }),
    );
  }
}
