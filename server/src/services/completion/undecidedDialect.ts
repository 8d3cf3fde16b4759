import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Dialect } from '../../model/dialect';

const NAMES: Record<Dialect, string> = { rest: 'REST APIs', http: 'HTTP APIs' };

/**
 * The items of a definition nothing yet tells the dialect of, which is read as REST: the other dialect's items come
 * too, so that an HTTP API can be written from its first key (its export marker and CORS settings, its integration
 * fields and snippets), each after the inferred dialect's and saying which kind of API it is for. An item both offer
 * comes once, as the inferred dialect has it; enum values the two spell in another letter case are one.
 */
export function withOtherDialectItems(inferred: CompletionItem[], other: CompletionItem[], otherDialect: Dialect): CompletionItem[] {
  const offered = new Set(inferred.map(sameItem));
  const forOther = NAMES[otherDialect];
  const added = other
    .filter((item) => !offered.has(sameItem(item)))
    .map((item) => ({ ...item, detail: item.detail ? `For ${forOther}: ${item.detail}` : `For ${forOther}`, sortText: `~~${item.sortText ?? item.label}` }));
  return [...inferred, ...added];
}

/** What tells an item from another: its label, in any letter case for an enum value (`aws_proxy`, `AWS_PROXY`). */
function sameItem(item: CompletionItem): string {
  return item.kind === CompletionItemKind.EnumMember ? item.label.toLowerCase() : item.label;
}

export function otherDialect(dialect: Dialect): Dialect {
  return dialect === 'rest' ? 'http' : 'rest';
}
