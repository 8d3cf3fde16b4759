import { CompletionItemKind, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { accessLogOnlyContext, contextVariables } from '../../facts/templateVariables';
import type { TemplateKind, TemplateMember } from '../../facts/templateVariableTypes';
import type { Dialect } from '../../model/dialect';
import type { CompletionSite } from '../editing/completionSite';
import { markdown } from '../editing/specDocs';
import { stageVariableNames } from '../templates/templateCompletion';
import { snippetText, SUGGEST_AGAIN } from './completionItems';

/** A name that completes a variable after its root and dot (`requestId` after `context.`). */
export interface VariableName {
  name: string;
  detail: string;
  documentation?: string;
  /** Open for a key of its own (`authorizer.claims.`): accepting it asks for more. */
  stem?: boolean;
}

/**
 * The `$context` variables a parameter mapping of `kind` reads, from the catalog templates read: the `#set` overrides
 * are only ever written, access-log variables are not there to read, and `error` exists only once API Gateway answers
 * with an error of its own, which only a REST API's gateway response does. HTTP APIs have a set of their own, which
 * their mapping page takes whole from their access-log list, `error` included, less what the call to the integration
 * sets when the request is mapped.
 */
export function mappingContextVariables(dialect: Dialect, kind: TemplateKind): VariableName[] {
  const withError = dialect === 'http' || kind === 'gatewayResponse';
  const readable = (contextVariables(dialect).members ?? []).filter((m) => !accessLogOnlyContext([m.name], dialect) && (withError || m.name !== 'error'));
  return readable.flatMap((m) => readableNames(m, '', kind));
}

function readableNames(member: TemplateMember, parent: string, kind: TemplateKind): VariableName[] {
  if (member.writable || (member.availableIn && !member.availableIn.includes(kind))) return [];
  const name = `${parent}${member.name}`;
  const documentation = `${member.doc}\n\n[Documentation](${member.docsUrl})`;
  if (member.kind === 'property') return [{ name, detail: 'Context variable', documentation }];
  if (member.kind !== 'object') return [];
  const below = (member.members ?? []).flatMap((m) => readableNames(m, `${name}.`, kind));
  // An object whose keys the catalog cannot know (the claims of a token) is offered open; one with known members is
  // reached through them.
  return below.length || !member.openEnded ? below : [{ name: `${name}.`, detail: 'Context variable, by key', documentation, stem: true }];
}

/**
 * The stage variables the document uses elsewhere, in any of their spellings: the names of a stage's variables live
 * with the stage, outside the definition, so these are the only names known here.
 */
export function usedStageVariables(site: CompletionSite): VariableName[] {
  return stageVariableNames(site.original.text, cursorOffset(site)).map((name) => ({ name, detail: 'Stage variable' }));
}

/**
 * Items that complete the name typed after a variable's root and dot (`identity.so` of `context.identity.so`): they
 * replace only that name, so that what precedes it, in HTTP APIs static text or other variables, stays as written.
 */
export function variableNameItems(site: CompletionSite, typedName: string, names: VariableName[]): CompletionItem[] {
  const narrowed = typedName.slice(0, typedName.lastIndexOf('.') + 1);
  const edit = nameEdit(site, typedName);
  return names.filter((n) => n.name.startsWith(narrowed) && n.name !== typedName).map((n) => nameItem(n, edit));
}

interface NameEdit {
  /** The text the item replaces. */
  range: TextEdit['range'];
  /** Written before and after the name: what the replaced text held besides it, or the quote still to close. */
  head: string;
  tail: string;
  /** Where the range starts before the name, the typed text the editor filters on begins with this. */
  filterHead: string;
  /** JSON: a comma the value owes the entry after it, placed after the value's closing quote. */
  comma?: TextEdit;
}

function nameEdit(site: CompletionSite, typedName: string): NameEdit {
  const text = site.original.text;
  const cursor = cursorOffset(site);
  const rangeStart = site.original.textDocument.offsetAt(site.range.start);
  const rangeEnd = site.original.textDocument.offsetAt(site.range.end);
  const json = site.document.format === 'json';
  // A JSON value typed without its quotes is not a string yet: the whole value is written again, quoted.
  if (json && !site.quote) {
    const before = site.prefix.slice(0, site.prefix.length - typedName.length);
    return { range: site.range, head: `"${before}`, tail: `"${site.needsComma ? ',' : ''}`, filterHead: before };
  }
  const nameEnd = Math.min(rangeEnd, cursor + /^[\w.]*/.exec(text.slice(cursor))![0].length);
  const range = site.original.rangeOf({ offset: cursor - typedName.length, end: nameEnd });
  const closed = site.quote !== '' && rangeEnd > rangeStart + 1 && text[rangeEnd - 1] === site.quote;
  if (site.quote && !closed) return { range, head: '', tail: `${site.quote}${json && site.needsComma ? ',' : ''}`, filterHead: '' };
  const comma = json && site.needsComma ? { range: { start: site.range.end, end: site.range.end }, newText: ',' } : undefined;
  return { range, head: '', tail: '', filterHead: '', comma };
}

function nameItem(name: VariableName, edit: NameEdit): CompletionItem {
  const newText = name.stem ? `${snippetText(edit.head)}${snippetText(name.name)}$0${snippetText(edit.tail)}` : `${edit.head}${name.name}${edit.tail}`;
  const item: CompletionItem = { label: name.name, kind: CompletionItemKind.Variable, detail: name.detail, textEdit: { range: edit.range, newText } };
  if (name.documentation) item.documentation = markdown(name.documentation);
  if (edit.filterHead) item.filterText = `${edit.filterHead}${name.name}`;
  if (name.stem) {
    item.insertTextFormat = InsertTextFormat.Snippet;
    item.command = SUGGEST_AGAIN;
  }
  if (edit.comma) item.additionalTextEdits = [edit.comma];
  return item;
}

/** Where the cursor stands in the document completion was asked in: the prefix is what is typed before it. */
function cursorOffset(site: CompletionSite): number {
  return site.original.textDocument.offsetAt(site.range.start) + site.quote.length + site.prefix.length;
}
