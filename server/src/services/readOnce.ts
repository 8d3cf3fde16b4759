import { resolveUri } from '../model/refUri';
import type { ApiDocument } from '../model/apiDocument';
import type { DocumentResolver } from './validationTypes';

/**
 * A resolver that reads each file once: one validation splices the files a definition references and follows every
 * reference in them, and a file changed on disk meanwhile must not be read in two versions by one check.
 */
export function readingOnce(resolver: DocumentResolver): DocumentResolver {
  const read = new Map<string, Promise<ApiDocument | undefined>>();
  return {
    resolve(baseUri, ref, dependent) {
      const uri = resolveUri(baseUri, ref);
      if (uri === undefined) return resolver.resolve(baseUri, ref, dependent);
      let known = read.get(uri);
      if (!known) read.set(uri, (known = resolver.resolve(baseUri, ref, dependent)));
      return known;
    },
    loaded: resolver.loaded && ((baseUri, ref) => resolver.loaded!(baseUri, ref)),
    whyUnreadable: resolver.whyUnreadable && ((baseUri, ref) => resolver.whyUnreadable!(baseUri, ref)),
    savedEncoding: resolver.savedEncoding && ((uri) => resolver.savedEncoding!(uri)),
  };
}
