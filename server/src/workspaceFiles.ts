import { readdir, realpath, stat } from './util/asyncFs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { withRecoveredTree, type ApiDocument } from './model/apiDocument';
import type { WorkspaceDocuments } from './services/validationTypes';
import { fileUri, type WorkspaceResolver } from './workspaceResolver';
import { looksLikeApiDefinition } from './model/definitionKeys';
import { REFERENCES_ANOTHER_FILE, uriFileName } from './model/refUri';

/** A workspace larger than this is searched only this far: references are an answer the user waits for. */
const MAX_FILES = 5000;
const DEFINITION_FILE = /\.(ya?ml|json)$/i;
/** Folders that hold dependencies, version control or build output, never the user's definitions. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'bower_components', '.git', '.hg', '.svn']);

/**
 * How long a listing of the folders serves: Go to Symbol in Workspace asks on every keystroke, and walking a large
 * workspace each time would cost more than the answer. File events end it sooner.
 */
const LISTING_LIFETIME_MS = 3000;

/**
 * The definition files of the workspace folders, for references, renames and symbols across files: open documents as
 * edited, other files from disk. Only files the caller wants are parsed. An open document that does not parse (a line
 * being typed) is read as the forgiving parser makes it out, as the outline and hover read it; marked `recovered`, so
 * that a rename still refuses to leave it behind. Open documents the caller does not parse (those over the size limit,
 * which another thread serves) are left out, as files on disk over the referenced-file limit are.
 */
export class WorkspaceFiles implements WorkspaceDocuments {
  private folders: string[] = [];
  private listing: { madeAt: number; files: Promise<string[]> } | undefined;
  /** Made once per parsed version: Go to Symbol in Workspace asks on every keystroke. */
  private readonly recovered = new WeakMap<ApiDocument, ApiDocument>();

  constructor(
    private readonly resolver: WorkspaceResolver,
    private readonly openDocuments: () => TextDocument[],
    private readonly parse: (document: TextDocument) => ApiDocument | undefined,
  ) {}

  setFolders(uris: string[]): void {
    this.folders = uris.filter((uri) => uri.startsWith('file:'));
    this.listing = undefined;
  }

  /** A file was created, changed or deleted: the next search lists the folders again. */
  filesChanged(): void {
    this.listing = undefined;
  }

  async documents(wanted: (text: string) => boolean): Promise<ApiDocument[]> {
    const result: ApiDocument[] = [];
    const open = new Set<string>();
    for (const document of this.openDocuments()) {
      if (!DEFINITION_FILE.test(document.uri) && document.languageId !== 'yaml' && document.languageId !== 'json') continue;
      open.add(document.uri);
      if (!wanted(document.getText())) continue;
      const parsed = this.parse(document);
      if (parsed) result.push(this.forgiving(parsed));
    }
    for (const file of await this.listFiles()) {
      const uri = fileUri(file);
      if (open.has(uri)) continue;
      const parsed = await this.resolver.load(uri, wanted);
      if (parsed && wanted(parsed.text)) result.push(parsed);
    }
    return result;
  }

  private forgiving(parsed: ApiDocument): ApiDocument {
    if (parsed.root) return parsed;
    let recovered = this.recovered.get(parsed);
    if (!recovered) this.recovered.set(parsed, (recovered = withRecoveredTree(parsed)));
    return recovered;
  }

  private listFiles(): Promise<string[]> {
    const now = Date.now();
    if (!this.listing || now - this.listing.madeAt > LISTING_LIFETIME_MS) this.listing = { madeAt: now, files: this.walk() };
    return this.listing.files;
  }

  private async walk(): Promise<string[]> {
    const found: string[] = [];
    const pending = this.folders.map((uri) => fileURLToPath(uri));
    // Folders by their real path: a symbolic link back up the tree is followed once, not forever.
    const visited = new Set<string>();
    while (pending.length && found.length < MAX_FILES) {
      const folder = pending.shift()!;
      let entries;
      try {
        const real = await realpath(folder);
        if (visited.has(real)) continue;
        visited.add(real);
        entries = await readdir(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        const kind = entry.isSymbolicLink() ? await stat(full).then((s) => (s.isDirectory() ? 'folder' : s.isFile() ? 'file' : 'other'), () => 'other') : entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
        if (kind === 'folder') {
          if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) pending.push(full);
        } else if (kind === 'file' && DEFINITION_FILE.test(entry.name)) {
          // Size is the resolver's to judge: it checks it before reading, with the limit referenced files have.
          found.push(full);
          if (found.length >= MAX_FILES) break;
        }
      }
    }
    return found;
  }
}

/** Most definitions that use it a part of a definition is checked with, when it is opened or linted alone. */
export const MAX_DEFINITIONS_FOR_A_PART = 16;

/**
 * The workspace's definitions that may use a part of a definition (a file that is no definition itself), to check it
 * with: only those that reference another file can. Those that name the part's file are tried alone when there are
 * any; the others reach it, if at all, through another part. `skip` leaves out the definitions checked anyway.
 */
export async function definitionsThatMayUse(workspace: WorkspaceDocuments, part: string, skip: (uri: string) => boolean): Promise<ApiDocument[]> {
  const candidates = await workspace.documents((text) => looksLikeApiDefinition(text) && REFERENCES_ANOTHER_FILE.test(text)).catch(() => []);
  const others = candidates.filter((d) => !skip(d.uri) && d.kind !== 'unknown');
  const name = uriFileName(part);
  const naming = others.filter((d) => d.text.includes(name));
  return naming.length ? naming : others;
}
