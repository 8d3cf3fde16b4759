import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver-types';
import {
  IDENTITY_SOURCE_PREFIXES,
  identitySourceList,
  TOKEN_AUTHORIZER_TYPES,
  type IdentitySourceForm,
  type IdentitySourceKind,
} from '../../facts/identitySources';
import type { Dialect } from '../../model/dialect';
import { asString, findNodeAtPath, getValue } from '../../model/navigate';
import { forEachOperation, operationParameters, requiredSchemes } from '../../model/openapiWalk';
import type { CompletionSite } from '../editing/completionSite';
import { MAPPING_LOCATION } from '../editing/operationFacts';
import { snippetText, stemItem, SUGGEST_AGAIN, valueItem } from './completionItems';
import { mappingContextVariables, usedStageVariables, variableNameItems, type VariableName } from './mappingVariables';

const FORM_DETAIL: Record<IdentitySourceKind, string> = {
  header: 'A request header',
  querystring: 'A query string parameter',
  stageVariable: 'A stage variable',
  context: 'A context variable',
};

/**
 * An authorizer's `identitySource`: first the sources the definition names (the header or query parameter of the
 * security scheme, the parameters of the operations it secures, the usual `Authorization` header), then each form of
 * the dialect open for a name. An authorizer that reads one token gets the forms that may carry it only. The value is
 * a comma-separated list: after a comma, an item replaces the source being typed and leaves the others as they are.
 */
export function identitySourceItems(site: CompletionSite, dialect: Dialect, usual: string[]): CompletionItem[] {
  const entry = currentEntry(site);
  const type = asString(getValue(findNodeAtPath(site.document.root, site.path.slice(0, -1)), 'type'))?.toLowerCase();
  const readsToken = type !== undefined && TOKEN_AUTHORIZER_TYPES.includes(type);
  const forms = IDENTITY_SOURCE_PREFIXES[dialect].filter((f) => !readsToken || f.token);
  const named = variableBeingNamed(entry.typed, forms, dialect);
  if (named) return variableNameItems(site, named.typedName, named.names(site));
  const taken = new Set(entry.others.map(sameSource));
  const narrowed = entry.typed.slice(0, entry.typed.lastIndexOf('.') + 1);
  const specific = definedSources(site, forms, usual).filter((s) => {
    const id = sameSource(s.text);
    if (taken.has(id)) return false;
    taken.add(id);
    return s.text.startsWith(narrowed);
  });
  const items = specific.map((s, i) => ({ ...sourceItem(site, entry, s, false), sortText: `0${i + 1000}` }));
  forms.forEach((form, i) => {
    if (!form.prefix.startsWith(narrowed) || form.prefix === entry.typed) return;
    const stem = sourceItem(site, entry, { text: form.prefix, detail: formDetail(form) }, true);
    items.push({ ...stem, sortText: `1${i}` });
  });
  return items;
}

function formDetail(form: IdentitySourceForm): string {
  return form.multiValued ? `${FORM_DETAIL[form.reads]}, every value it is sent with` : FORM_DETAIL[form.reads];
}

interface Source {
  text: string;
  detail: string;
}

/** Header names are case-insensitive: `Authorization` and `authorization` are one source. */
function sameSource(source: string): string {
  return /header\./i.test(source) ? source.toLowerCase() : source;
}

/**
 * The sources the definition names: the scheme's own parameter, those of the operations the scheme secures, and the
 * catalog's usual ones; each in a form the authorizer reads.
 */
function definedSources(site: CompletionSite, forms: IdentitySourceForm[], usual: string[]): Source[] {
  const sourceOf = (location: string | undefined, name: string, detail: string): Source[] => {
    const form = forms.find((f) => f.reads === location);
    return form ? [{ text: `${form.prefix}${name}`, detail }] : [];
  };
  const scheme = findNodeAtPath(site.document.root, site.path.slice(0, -2));
  const schemeName = String(site.path[site.path.length - 3]);
  const name = asString(getValue(scheme, 'name'));
  const location = MAPPING_LOCATION[asString(getValue(scheme, 'in')) ?? ''];
  // A request authorizer with several sources names its scheme `Unused`: no parameter is called that.
  const ofScheme = name && name !== 'Unused' ? sourceOf(location, name, `From security scheme ${schemeName}`) : [];
  const secured: Source[] = [];
  const rootSecurity = getValue(site.document.root, 'security');
  forEachOperation(site.document, (op) => {
    if (!requiredSchemes(getValue(op.operation, 'security') ?? rootSecurity).includes(schemeName)) return;
    for (const p of operationParameters(site.document, op)) {
      secured.push(...sourceOf(MAPPING_LOCATION[p.in], p.name, `${p.in} parameter of ${op.method} ${op.path}`));
    }
  });
  const common = usual.filter((u) => forms.some((f) => u.startsWith(f.prefix)));
  return [...ofScheme, ...secured, ...common.map((text) => ({ text, detail: 'Common identity source' }))];
}

/**
 * The name being typed after a variable's form (`identity.so` after `context.`): the names that complete it, which
 * are the context variables a request has before it is authorized, or the stage variables the document uses.
 */
function variableBeingNamed(typed: string, forms: IdentitySourceForm[], dialect: Dialect) {
  for (const form of forms) {
    if (form.reads !== 'context' && form.reads !== 'stageVariable') continue;
    if (!typed.startsWith(form.prefix) || !/^[\w.]*$/.test(typed.slice(form.prefix.length))) continue;
    const names = form.reads === 'context' ? () => contextNames(dialect) : usedStageVariables;
    return { typedName: typed.slice(form.prefix.length), names };
  }
  return undefined;
}

/** What an authorizer produces (`authorizer.*`) and an error API Gateway answers with are not there yet to read. */
function contextNames(dialect: Dialect): VariableName[] {
  return mappingContextVariables(dialect, 'request').filter((n) => !/^(authorizer|error)\./.test(n.name));
}

interface Entry {
  /** What is typed of the source the cursor is in. */
  typed: string;
  /** The source's text when the value is a list; undefined when the value is that one source. */
  range?: Range;
  /** The other sources of the list. */
  others: string[];
}

/**
 * The source the cursor is in. A list is told by a comma in the value, written in a scalar of its own: in a YAML flow
 * collection, a comma outside quotes ends the value.
 */
function currentEntry(site: CompletionSite): Entry {
  const text = site.original.text;
  const start = site.original.textDocument.offsetAt(site.range.start) + site.quote.length;
  const cursor = start + site.prefix.length;
  let lineEnd = text.indexOf('\n', cursor);
  if (lineEnd < 0) lineEnd = text.length;
  const closing = site.quote ? text.indexOf(site.quote, cursor) : -1;
  const valueEnd = closing >= 0 && closing < lineEnd ? closing : lineEnd;
  const value = text.slice(start, valueEnd).replace(/\s+#.*$|\r$/, '');
  if ((site.flow && !site.quote) || !value.includes(',')) return { typed: site.prefix, others: [] };
  const comma = site.prefix.lastIndexOf(',');
  const entryStart = start + comma + 1 + /^\s*/.exec(site.prefix.slice(comma + 1))![0].length;
  const entryEnd = cursor + /^[^,\s'"]*/.exec(text.slice(cursor, valueEnd))![0].length;
  const index = site.prefix.split(',').length - 1;
  const others = value.split(',').filter((_, i) => i !== index).flatMap(identitySourceList);
  const range = site.original.rangeOf({ offset: entryStart, end: entryEnd });
  return { typed: text.slice(entryStart, cursor), range, others };
}

/** A source written whole (the value is that one source) or in its place in a list, which is already a string. */
function sourceItem(site: CompletionSite, entry: Entry, { text, detail }: Source, stem: boolean): CompletionItem {
  const range = entry.range;
  if (!range) return stem ? stemItem(site, text, detail) : valueItem(site, text, CompletionItemKind.Value, detail);
  const kind = stem ? CompletionItemKind.Variable : CompletionItemKind.Value;
  if (!stem) return { label: text, kind, detail, filterText: text, textEdit: { range, newText: text } };
  const edit = { range, newText: `${snippetText(text)}$0` };
  const snippet = { insertTextFormat: InsertTextFormat.Snippet, command: SUGGEST_AGAIN };
  return { label: text, kind, detail, filterText: text, textEdit: edit, ...snippet };
}
