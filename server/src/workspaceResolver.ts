import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument, type ApiDocument } from './model/apiDocument';
import type { DocumentResolver } from './services/validationTypes';
import { resolveUri } from './model/refUri';
import { decodeUtf8 } from './model/utf8';

export { resolveUri };

/** Largest referenced file that is read from disk; bigger ones are reported as unreadable rather than stalling. */
const MAX_REFERENCED_FILE = 20 * 1024 * 1024;
/** Parsed files kept between reads: the files a workspace's definitions reference, and those a search reads. */
const MAX_CACHED_FILES = 64;

/**
 * Resolves `$ref`s to other files: open editors first (their unsaved text is what the user sees), then the disk.
 * Remembers who referenced what, so that a change in a referenced file re-validates the documents using it.
 */
export class WorkspaceResolver implements DocumentResolver {
  private readonly dependents = new Map<string, Set<string>>();
  private readonly diskCache = new Map<string, { version: string; parsed: ApiDocument }>();

  constructor(private readonly openDocument: (uri: string) => TextDocument | undefined) {}

  async resolve(baseUri: string, ref: string, dependent = baseUri): Promise<ApiDocument | undefined> {
    const target = resolveUri(baseUri, ref);
    if (!target) return undefined;
    let users = this.dependents.get(target);
    if (!users) this.dependents.set(target, (users = new Set()));
    users.add(dependent);
    return this.load(target);
  }

  /**
   * A file as the user sees it: the open editor's text, else the disk's. A disk file failing `wanted` is not parsed.
   */
  async load(uri: string, wanted?: (text: string) => boolean): Promise<ApiDocument | undefined> {
    const open = this.openDocument(uri);
    if (open) return parseApiDocument(open);
    return this.readFromDisk(uri, wanted);
  }

  /**
   * Documents whose validation read the given file: those naming it, and those that reach it through a reference in
   * another file.
   */
  dependentsOf(uri: string): string[] {
    return [...(this.dependents.get(uri) ?? [])];
  }

  forget(uri: string): void {
    this.diskCache.delete(uri);
  }

  private async readFromDisk(uri: string, wanted?: (text: string) => boolean): Promise<ApiDocument | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const file = fileURLToPath(uri);
      // Size and kind first: a `$ref` to /dev/zero, a FIFO or a huge file must neither fill memory nor wait forever.
      const info = await stat(file);
      if (!info.isFile() || info.size > MAX_REFERENCED_FILE) return undefined;
      const version = `${info.mtimeMs}:${info.size}`;
      const cached = this.diskCache.get(uri);
      if (cached && cached.version === version) {
        this.diskCache.delete(uri);
        this.diskCache.set(uri, cached);
        return cached.parsed;
      }
      const bytes = await readFile(file);
      if (bytes.length > MAX_REFERENCED_FILE) return undefined;
      const text = decodeUtf8(bytes);
      if (text === undefined) return undefined;
      if (wanted && !wanted(text)) return undefined;
      const parsed = parseApiDocument(TextDocument.create(uri, /\.json$/i.test(uri) ? 'json' : 'yaml', 0, text));
      // Workspace searches read the same files on every query; the least recently used parse goes first.
      this.diskCache.set(uri, { version, parsed });
      if (this.diskCache.size > MAX_CACHED_FILES) this.diskCache.delete(this.diskCache.keys().next().value as string);
      return parsed;
    } catch {
      return undefined;
    }
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}
