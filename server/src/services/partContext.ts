/**
 * A file that holds part of a definition (a path item in `paths/pets.yaml`) means something only where the definition
 * puts it: an extension's placement, the validators and parameters its names refer to, the dialect. Hover,
 * completion and navigation in such a file answer in the definition with the file spliced in (splitDefinitions.ts),
 * and their ranges are brought back to the file.
 */
import type { CodeAction, CompletionItem, CompletionList, Location, Range, TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, pathOf } from '../model/navigate';
import { resolveUri, sameUri } from '../model/refUri';
import type { CompletionSite } from './editing/completionSite';
import { fileAt, hostEndOf, spliceReferencedFiles, type SplitDefinition } from './splitDefinitions';
import type { DocumentResolver } from './validationTypes';

export interface PartInContext {
  /** The definition with the part, as the editor has it, and the other files it references spliced in. */
  split: SplitDefinition;
  part: ApiDocument;
  /** Where the part's text starts in the bundle's. */
  start: number;
}

/** Where a part stands in the bundle of the definition that splices it in: what its templates are evaluated in. */
export interface PartPlace {
  bundle: ApiDocument;
  /** Where the part's text starts in the bundle's. */
  start: number;
}

/** Kept per definition parse: the pointer moving over a part asks for a hover at every stop. */
const kept = new WeakMap<ApiDocument, { part: ApiDocument; context: PartInContext | undefined }>();

/** The first of the definitions that splices the part in; undefined when none does. */
export async function partInContext(part: ApiDocument, definitions: ApiDocument[], resolver: DocumentResolver): Promise<PartInContext | undefined> {
  for (const definition of definitions) {
    const known = kept.get(definition);
    if (known?.part === part && (!known.context || (await filesUnchanged(known.context, definition, resolver)))) {
      if (known.context) return known.context;
      continue;
    }
    const split = await spliceReferencedFiles(definition, withPart(resolver, part), () => false, { recordCopies: true, format: part.format });
    const file = split?.files.find((f) => f.document === part);
    const context = split && file ? { split, part, start: file.start } : undefined;
    kept.set(definition, { part, context });
    if (context) return context;
  }
  return undefined;
}

/**
 * Whether the other files spliced in still read as they did: a schema file the part references may have been edited
 * since, while the definition and the part stayed as they were. What the resolver holds is asked without reading the
 * disk (a file it no longer holds is taken as it was), and compared by text: a definition of many files outgrows its
 * cache, which then parses a file again into a new tree of the same text.
 */
async function filesUnchanged(context: PartInContext, definition: ApiDocument, resolver: DocumentResolver): Promise<boolean> {
  for (const file of context.split.files) {
    if (file.document === context.part) continue;
    if (resolver.loaded) {
      const held = resolver.loaded(definition.uri, file.document.uri);
      if (held && held.text !== file.document.text) return false;
      continue;
    }
    const now = await resolver.resolve(definition.uri, file.document.uri, definition.uri).catch(() => undefined);
    if (!now || now.text !== file.document.text) return false;
  }
  return true;
}

/** A resolver that reads the part as the editor has it now, whatever its own cache holds. */
function withPart(resolver: DocumentResolver, part: ApiDocument): DocumentResolver {
  // Methods delegated one by one: the resolver is a class instance, whose methods a spread would leave behind.
  return {
    resolve: (baseUri, ref, dependent) => {
      const uri = resolveUri(baseUri, ref);
      return uri !== undefined && sameUri(uri, part.uri) ? Promise.resolve(part) : resolver.resolve(baseUri, ref, dependent);
    },
    whyUnreadable: resolver.whyUnreadable && ((baseUri, ref) => resolver.whyUnreadable!(baseUri, ref)),
  };
}

/** A range of the bundle as the file it stands in and the range there; undefined past the files' texts. */
export function placeRange(context: Pick<PartInContext, 'split'>, range: Range): { uri: string; range: Range } | undefined {
  const bundle = context.split.document.textDocument;
  const start = bundle.offsetAt(range.start);
  const end = bundle.offsetAt(range.end);
  // The bundle's text starts with the definition's: its positions are the definition's own.
  if (end <= hostEndOf(context.split)) return { uri: bundle.uri, range };
  const file = fileAt(context.split, start);
  if (!file || end > file.start + file.document.text.length) return undefined;
  const text = file.document.textDocument;
  return { uri: text.uri, range: { start: text.positionAt(start - file.start), end: text.positionAt(end - file.start) } };
}

/** A range of the bundle within the part, in the part's positions; undefined elsewhere. */
export function rangeInPart(context: PartInContext, range: Range): Range | undefined {
  const placed = placeRange(context, range);
  return placed && placed.uri === context.part.uri ? placed.range : undefined;
}

/** Locations of the bundle in the files they stand in. */
export function placeLocations(context: Pick<PartInContext, 'split'>, locations: Location[]): Location[] {
  const bundleUri = context.split.document.uri;
  const placed: Location[] = [];
  for (const location of locations) {
    if (location.uri !== bundleUri) {
      placed.push(location);
      continue;
    }
    const at = placeRange(context, location.range);
    if (at) placed.push(at);
  }
  return placed;
}

/**
 * Completion items of the bundle whose edits stand in the part, in its positions. An item that would edit another
 * file (a validator added to the definition) cannot be offered from here, and its edits elsewhere are left out.
 */
export function completionsInPart(context: PartInContext, list: CompletionList): CompletionList {
  const items: CompletionItem[] = [];
  for (const item of list.items) {
    const placed: CompletionItem = { ...item };
    const edit = item.textEdit;
    if (edit && 'range' in edit) {
      const range = rangeInPart(context, edit.range);
      if (!range) continue;
      placed.textEdit = { ...edit, range };
    } else if (edit) {
      const insert = rangeInPart(context, edit.insert);
      const replace = rangeInPart(context, edit.replace);
      if (!insert || !replace) continue;
      placed.textEdit = { ...edit, insert, replace };
    }
    if (item.additionalTextEdits) {
      placed.additionalTextEdits = item.additionalTextEdits.flatMap((e): TextEdit[] => {
        const range = rangeInPart(context, e.range);
        return range ? [{ ...e, range }] : [];
      });
    }
    items.push(placed);
  }
  const editRange = list.itemDefaults?.editRange;
  if (!editRange) return { ...list, items };
  const range = 'start' in editRange ? rangeInPart(context, editRange) : undefined;
  const insertReplace = 'insert' in editRange ? { insert: rangeInPart(context, editRange.insert), replace: rangeInPart(context, editRange.replace) } : undefined;
  const placedRange = range ?? (insertReplace?.insert && insertReplace.replace ? { insert: insertReplace.insert, replace: insertReplace.replace } : undefined);
  const itemDefaults = { ...list.itemDefaults };
  if (placedRange) itemDefaults.editRange = placedRange;
  else delete itemDefaults.editRange;
  return { ...list, itemDefaults, items };
}

/**
 * A completion site found in the part, moved to the bundle: the same object or key, at the path the definition puts
 * it. Its range stays the part's. Undefined where the part's node is not spliced in (outside what the definition's
 * pointer names).
 */
export function siteInContext(context: PartInContext, site: CompletionSite): CompletionSite | undefined {
  // A key site names the object a key goes in; a value site names the key, whose object holds the value.
  const holder = site.kind === 'key' ? site.path : site.path.slice(0, -1);
  const node = findNodeAtPath(context.part.root, holder);
  const copy = node && context.split.copies?.get(node);
  if (!copy) return undefined;
  const path = pathOf(copy);
  return { ...site, document: context.split.document, path: site.kind === 'key' ? path : [...path, site.path[site.path.length - 1]] };
}

/**
 * The quick fixes of a part's findings that replace the text found and nothing else (a misspelt name, an enum value's
 * case). The others write where the part alone cannot say (a validator defined in the definition, a response added to
 * an operation the definition places), and are left out.
 */
export function fixesInPlace(actions: CodeAction[], uri: string): CodeAction[] {
  return actions.filter((action) => {
    const found = action.diagnostics ?? [];
    const changes = action.edit?.changes ?? {};
    const documentChanges = action.edit?.documentChanges ?? [];
    if (Object.keys(changes).some((u) => u !== uri) || documentChanges.some((change) => !('edits' in change) || change.textDocument.uri !== uri)) return false;
    const edits = [...Object.values(changes).flat(), ...documentChanges.flatMap((change) => ('edits' in change ? change.edits : []))];
    if (!found.length || !edits.length || action.command) return false;
    return edits.every((edit) => found.some((d) => within(edit.range, d.range)));
  });
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
