import { readFile, stat } from './util/asyncFs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument, type ApiDocument } from './model/apiDocument';
import { NO_SUCH_FILE, type DocumentResolver } from './services/validationTypes';
import { resolveUri, uriKey } from './model/refUri';
import { decodeUtf8, utf16Encoding } from './model/utf8';
import { decodeInput, type Unreadable } from './model/definitionBytes';
import { notAFile, sizeOverLimit } from './model/readableFile';
import { setRecent } from './util/recentMap';

export { resolveUri };

/** Largest referenced file that is read from disk; bigger ones are reported as unreadable rather than stalling. */
const MAX_REFERENCED_FILE = 20 * 1024 * 1024;
/** The longest open file `loaded` parses for a hover or completion that waits for it: about a third of a second. */
const MAX_PARSED_WHILE_ASKED = 5 * 1024 * 1024;
/** Parsed files kept between reads: the files a workspace's definitions reference, and those a search reads. */
const MAX_CACHED_FILES = 64;
/** Reasons kept for files that could not be read, for the diagnostics and hovers that follow the failed read. */
const MAX_FAILURES = 256;
/** Saved files whose encoding was checked, each with the size and time it was checked at. */
const MAX_ENCODING_CHECKS = 256;
/** Larger saved files are not read for their encoding: they are over every limit that matters anyway. */
const MAX_ENCODING_CHECK_BYTES = 64 * 1024 * 1024;

/**
 * Resolves `$ref`s to other files: open editors first (their unsaved text is what the user sees), then the disk.
 * Remembers who referenced what, so that a change in a referenced file re-validates the documents using it.
 */
export class WorkspaceResolver implements DocumentResolver {
  private readonly dependents = new Map<string, Set<string>>();
  /** The files each dependent's check under way has resolved so far (`traceDependencies`). */
  private readonly traced = new Map<string, Set<string>>();
  private readonly diskCache = new Map<string, { version: string; parsed: ApiDocument }>();
  /** Parses of open editors' text, each for the editor's version it was made of. */
  private readonly openParses = new Map<string, { editor: TextDocument; version: number; parsed: ApiDocument }>();
  private readonly failures = new Map<string, string>();
  private readonly encodingChecks = new Map<string, { version: string; problem: Unreadable | undefined }>();

  constructor(private readonly openDocument: (uri: string) => TextDocument | undefined) {}

  async resolve(baseUri: string, ref: string, dependent = baseUri): Promise<ApiDocument | undefined> {
    const target = resolveUri(baseUri, ref);
    if (!target) return undefined;
    // Kept by one spelling of the URI: a closed definition found on disk names its files as Node spells them, the
    // editor asks for them as it does.
    const key = uriKey(target);
    let users = this.dependents.get(key);
    if (!users) this.dependents.set(key, (users = new Set()));
    users.add(dependent);
    this.traced.get(dependent)?.add(key);
    return this.load(target);
  }

  /**
   * Records the files `dependent` resolves from now on. The function returned, called once a check of it has
   * resolved everything it references, forgets it as a dependent of the files it no longer resolved: a file a
   * definition stopped referencing is not counted as its part any more, nor checks it again when it changes. A later
   * call for the same dependent takes over, and the earlier's end is then ignored.
   */
  traceDependencies(dependent: string): () => void {
    const seen = new Set<string>();
    this.traced.set(dependent, seen);
    return () => {
      if (this.traced.get(dependent) !== seen) return;
      this.traced.delete(dependent);
      for (const [target, users] of this.dependents) {
        if (seen.has(target) || !users.delete(dependent)) continue;
        if (users.size === 0) this.dependents.delete(target);
      }
    };
  }

  /**
   * A file as the user sees it: the open editor's text, else the disk's. A disk file failing `wanted` is not parsed.
   */
  async load(uri: string, wanted?: (text: string) => boolean): Promise<ApiDocument | undefined> {
    const open = this.openDocument(uri);
    if (open) return this.parsedOpen(uri, open);
    return this.readFromDisk(uri, wanted);
  }

  /**
   * The file a `$ref` names, without waiting: an open editor's text, else the disk's as `resolve` or `load` last read
   * it. The disk is not read here: hover and completion, which ask, answer at once, and validation has read the files
   * the definitions it checked reference.
   */
  loaded(baseUri: string, ref: string): ApiDocument | undefined {
    const target = resolveUri(baseUri, ref);
    if (!target) return undefined;
    const open = this.openDocument(target);
    if (!open) return this.diskCache.get(target)?.parsed;
    // The parse blocks the hover or completion that asks: a large open file is left out, as one not loaded is.
    if (open.getText().length > MAX_PARSED_WHILE_ASKED) return undefined;
    return this.parsedOpen(target, open);
  }

  /**
   * An open editor's text, parsed once per version: hover asks again as the pointer moves, and each validation of a
   * definition referencing the file resolves it again.
   */
  private parsedOpen(uri: string, open: TextDocument): ApiDocument {
    const known = this.openParses.get(uri);
    if (known && known.editor === open && known.version === open.version) return known.parsed;
    const parsed = parseApiDocument(open);
    setRecent(this.openParses, uri, { editor: open, version: open.version, parsed }, MAX_CACHED_FILES);
    return parsed;
  }

  /** Why the file a `$ref` written in `baseUri` names could not be read, after `resolve` found nothing there. */
  whyUnreadable(baseUri: string, ref: string): string | undefined {
    const target = resolveUri(baseUri, ref);
    return target === undefined ? undefined : this.failures.get(target);
  }

  /**
   * The editor decodes a file before the server sees it: bytes that are not UTF-8 arrive as U+FFFD, or as characters of
   * whatever encoding the user picked, and the text alone cannot tell which. API Gateway reads the saved bytes, so
   * those are checked, once per saved version of the file.
   */
  async savedEncoding(uri: string): Promise<Unreadable | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const file = fileURLToPath(uri);
      const info = await stat(file);
      if (!info.isFile() || info.size > MAX_ENCODING_CHECK_BYTES) return undefined;
      const version = `${info.mtimeMs}:${info.size}`;
      const known = this.encodingChecks.get(uri);
      if (known?.version === version) return known.problem;
      const decoded = decodeInput(await readFile(file));
      const problem = 'unreadable' in decoded ? decoded.unreadable : undefined;
      setRecent(this.encodingChecks, uri, { version, problem }, MAX_ENCODING_CHECKS);
      return problem;
    } catch {
      // Unsaved, deleted or unreadable: the editor's text is all there is, and the other checks read it.
      return undefined;
    }
  }

  /**
   * Documents whose validation read the given file: those naming it, and those that reach it through a reference in
   * another file.
   */
  dependentsOf(uri: string): string[] {
    return [...(this.dependents.get(uriKey(uri)) ?? [])];
  }

  forget(uri: string): void {
    this.diskCache.delete(uri);
    this.openParses.delete(uri);
  }

  /** The editor of `uri` was closed: its text's parse goes, the file on disk as last read stays. */
  closed(uri: string): void {
    this.openParses.delete(uri);
  }

  private async readFromDisk(uri: string, wanted?: (text: string) => boolean): Promise<ApiDocument | undefined> {
    if (!uri.startsWith('file:')) return this.failed(uri, 'only files on disk are read');
    try {
      const file = fileURLToPath(uri);
      // Size and kind first: a `$ref` to /dev/zero, a FIFO or a huge file must neither fill memory nor wait forever.
      const info = await stat(file);
      const kind = notAFile(info);
      if (kind !== undefined) return this.failed(uri, `it ${kind}`);
      if (info.size > MAX_REFERENCED_FILE) return this.failed(uri, tooLarge(info.size));
      const version = `${info.mtimeMs}:${info.size}`;
      const cached = this.diskCache.get(uri);
      if (cached && cached.version === version) {
        setRecent(this.diskCache, uri, cached, MAX_CACHED_FILES);
        return cached.parsed;
      }
      const bytes = await readFile(file);
      if (bytes.length > MAX_REFERENCED_FILE) return this.failed(uri, tooLarge(bytes.length));
      const text = decodeUtf8(bytes);
      if (text === undefined) return this.failed(uri, notUtf8(bytes));
      this.failures.delete(uri);
      if (wanted && !wanted(text)) return undefined;
      const parsed = parseApiDocument(TextDocument.create(uri, /\.json$/i.test(uri) ? 'json' : 'yaml', 0, text));
      // Workspace searches read the same files on every query; the least recently used parse goes first.
      setRecent(this.diskCache, uri, { version, parsed }, MAX_CACHED_FILES);
      return parsed;
    } catch (error) {
      return this.failed(uri, readError(error));
    }
  }

  private failed(uri: string, reason: string): undefined {
    setRecent(this.failures, uri, reason, MAX_FAILURES);
    return undefined;
  }
}

function tooLarge(size: number): string {
  return `it is ${sizeOverLimit(size, MAX_REFERENCED_FILE, 'referenced files')}`;
}

/** Bytes that are not UTF-8: UTF-16 (announced by a byte order mark), or no text at all (NUL bytes). */
function notUtf8(bytes: Uint8Array): string {
  if (utf16Encoding(bytes)) return 'it is UTF-16 text; save it as UTF-8';
  const sample = bytes.subarray(0, 8192);
  return sample.includes(0) ? 'it is not text (it holds binary data)' : 'it is not UTF-8 text; save it as UTF-8';
}

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return 'permission to read it is denied';
  if (code === 'ELOOP') return 'its symbolic links form a loop';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}
