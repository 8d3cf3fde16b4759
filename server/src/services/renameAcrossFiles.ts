/**
 * Request validators and security schemes are named, not referenced: an operation in `paths/pets.yaml` names a
 * validator the definition defines, and no `$ref` says so. Renaming one in a split definition finds its uses in the
 * bundle (splitDefinitions.ts), where every file's operations stand in their places, and brings the edits back to the
 * files they stand in.
 */
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { placeRange } from './partContext';
import { prepareRename, rename } from './rename';
import { RenameError } from './renameError';
import type { SplitDefinition } from './splitDefinitions';
import { symbolAt } from './symbolReferences';
import { uriFileName } from '../model/refUri';
import { isIdentifierPart } from '../template/identifierCharacters';
import { NO_SUCH_FILE, type DocumentResolver } from './validationTypes';

/** Whether a text holds the name other than inside a longer word: `all` is not in `allOf`. */
function namesAsAWord(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!isIdentifierPart(text.charCodeAt(at - 1)) && !isIdentifierPart(text.charCodeAt(at + name.length))) return true;
  }
  return false;
}

/** Whether the name under the bundle's offset is one only the bundle shows every use of. */
function namedAcrossFiles(split: SplitDefinition, offset: number): string | undefined {
  const symbol = symbolAt(split.document, offset)?.symbol;
  return symbol && (symbol.kind === 'validator' || symbol.kind === 'securityScheme') ? symbol.name : undefined;
}

/**
 * `prepareRename` for a validator or scheme named in a file of the split definition, in the bundle's positions;
 * undefined for anything else.
 */
export function prepareRenameAcrossFiles(split: SplitDefinition, offset: number): { range: Range; placeholder: string } | undefined {
  return namedAcrossFiles(split, offset) === undefined ? undefined : prepareRename(split.document, offset);
}

/**
 * Renames the validator or security scheme under the bundle's offset in every file of the split definition; undefined
 * when something else is under it. Refused while a file that may name it does not parse, or was not read at all. The
 * definition itself must parse: the caller answers a recovered tree with the usual refusal.
 */
export async function renameAcrossFiles(split: SplitDefinition, offset: number, newName: string, resolver?: Pick<DocumentResolver, 'whyUnreadable'>): Promise<WorkspaceEdit | undefined> {
  const name = namedAcrossFiles(split, offset);
  if (name === undefined) return undefined;
  const uses = `every use of '${name}'`;
  const broken = split.files.find((file) => (!file.document.root || file.document.recovered) && namesAsAWord(file.document.text, name));
  if (broken) throw new RenameError(`${uriFileName(broken.document.uri)} has a syntax error and may use '${name}'; fix it first, or its uses would be left behind.`);
  // A file that is there but cannot be read (not UTF-8, too large) may name it; one that does not exist names nothing.
  for (const reference of split.unfollowed) {
    const why = reference.why === 'no-file' ? resolver?.whyUnreadable?.(reference.in, reference.ref) : undefined;
    // A file that is not there uses no name.
    if (why && why !== NO_SUCH_FILE) throw new RenameError(`${uriFileName(reference.ref.split('#')[0])} cannot be read (${why}) and may use '${name}'; its uses would be left behind.`);
  }
  if (split.cutShort) throw new RenameError(`The definition references more files or content than are read at once, so ${uses} cannot be found.`);
  const edit = await rename(split.document, offset, newName);
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    for (const { range, newText } of edits) {
      // Only the bundle's own edits need placing; a file read apart keeps its positions.
      const placed = uri === split.document.uri ? placeRange({ split }, range) : { uri, range };
      if (!placed) throw new RenameError(`A use of '${name}' could not be placed in the file it stands in; nothing was renamed.`);
      // A file named twice is spliced once and its copy shared: its uses are met once per place that names it.
      const key = `${placed.uri}:${placed.range.start.line}:${placed.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      (changes[placed.uri] ??= []).push({ range: placed.range, newText });
    }
  }
  return { changes };
}
