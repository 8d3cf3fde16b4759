/**
 * Quick fixes for template findings: the repairs of templateRepairs.ts written where the template stands, in a `.vtl`
 * file as they are, in a YAML or JSON string in that string's own escaping. A repair that the string's style cannot
 * hold without changing what it means (a comma in a plain scalar inside a flow mapping, a line starting with a blank in
 * a block scalar) is not offered.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { isAliasCopy, type ApiDocument } from '../../model/apiDocument';
import type { ScalarNode } from '../../model/nodes';
import { requestAsksFor } from '../codeActionKinds';
import { escapeForHost } from './hostEscaping';
import { templateAtOffset, type LocatedTemplate } from './locate';
import { REPAIRED_CODES, templateRepairs, type TemplateEdit, type TemplateRepair } from './templateRepairs';
import { standaloneTemplateKind } from './templateValidation';

export function isRepairedTemplateCode(code: unknown): boolean {
  return typeof code === 'string' && REPAIRED_CODES.has(code);
}

/** The fixes of a finding inside a template embedded in an API definition. */
export function embeddedTemplateFixes(document: ApiDocument, diagnostic: Diagnostic): CodeAction[] {
  if (!isRepairedTemplateCode(diagnostic.code)) return [];
  const offset = document.textDocument.offsetAt(diagnostic.range.start);
  const template = templateAtOffset(document, offset);
  if (!template || !template.exactOffsets || isAliasCopy(document, template.node)) return [];
  const repairs = templateRepairs(template.text, template.kind, String(diagnostic.code), template.toTemplateOffset(offset));
  return repairs.flatMap((repair) => {
    const edits: TextEdit[] = [];
    for (const edit of repair.edits) {
      const written = inScalar(document.text, template, edit);
      if (!written) return [];
      edits.push({ range: { start: document.textDocument.positionAt(written.offset), end: document.textDocument.positionAt(written.end) }, newText: written.newText });
    }
    return [action(repair, diagnostic, document.uri, edits)];
  });
}

/**
 * The quick fixes of a `.vtl` document's findings: their diagnostics come from the same checks as embedded templates'
 * do, in the file's own offsets.
 */
export function standaloneTemplateCodeActions(document: TextDocument, context: CodeActionContext): CodeAction[] {
  if (!requestAsksFor(context.only, CodeActionKind.QuickFix)) return [];
  const text = document.getText();
  const kind = standaloneTemplateKind(document.uri);
  return context.diagnostics.flatMap((diagnostic) => {
    if (!isRepairedTemplateCode(diagnostic.code)) return [];
    const repairs = templateRepairs(text, kind, String(diagnostic.code), document.offsetAt(diagnostic.range.start));
    return repairs.map((repair) => {
      const edits = repair.edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
      return action(repair, diagnostic, document.uri, edits);
    });
  });
}

function action(repair: TemplateRepair, diagnostic: Diagnostic, uri: string, edits: TextEdit[]): CodeAction {
  return { title: repair.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: repair.preferred, edit: { changes: { [uri]: edits } } };
}

/** A template edit as an edit of the document's text, or undefined when the scalar cannot hold it as it is written. */
export function inScalar(source: string, template: LocatedTemplate, edit: TemplateEdit): { offset: number; end: number; newText: string } | undefined {
  const node = template.node;
  const style = node.style;
  // A character's source ends where its escape does: mapping the next character instead would take in what lies
  // between them (a line break folded into a space, blanks the scalar drops).
  const after = (at: number) => {
    const offset = template.toDocumentOffset(at);
    return offset + sourceLength(source, offset, style);
  };
  const offset = edit.end > edit.start ? template.toDocumentOffset(edit.start) : edit.start > 0 ? after(edit.start - 1) : node.contentOffset;
  const end = edit.end > edit.start ? after(edit.end - 1) : offset;
  // The replaced text must be written as this style writes it, or the mapping does not describe it.
  if (source.slice(offset, end) !== inStyle(template.text.slice(edit.start, edit.end), style)) return undefined;
  const newText = inStyle(edit.newText, style);
  if (/[\r\n]/.test(newText)) return undefined;
  const before = offset > node.contentOffset ? source[offset - 1] : '';
  const following = end < node.contentEnd ? source[end] : '';
  if (style === 'plain' && !plainHolds(node, newText, before, following, offset === node.contentOffset, end === node.contentEnd)) return undefined;
  if (blankAtLineEdge(source, node, offset, end, newText)) return undefined;
  return { offset, end, newText };
}

function inStyle(text: string, style: ScalarNode['style']): string {
  return style === 'double' || style === 'single' ? escapeForHost(text, style) : text;
}

/** How many source characters the decoded character written at `offset` takes. */
function sourceLength(source: string, offset: number, style: ScalarNode['style']): number {
  const c = source[offset];
  if (style === 'single') return c === "'" && source[offset + 1] === "'" ? 2 : 1;
  if (style !== 'double' || c !== '\\') return 1;
  switch (source[offset + 1]) {
    case 'x':
      return 4;
    case 'u':
      return 6;
    case 'U':
      return 10;
    default:
      return 2;
  }
}

/**
 * A plain scalar ends at `: ` and ` #`, cannot start with an indicator or end with a colon or blank, and inside a
 * flow collection ends at any of `,[]{}`.
 */
function plainHolds(node: ScalarNode, newText: string, before: string, following: string, atStart: boolean, atEnd: boolean): boolean {
  if (/\t/.test(newText)) return false;
  if (atStart && /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(newText + following)) return false;
  if (atEnd && /[\s:]$/.test(before + newText)) return false;
  if (/: |:$| #/.test(before + newText + following) && !/: |:$| #/.test(before + following)) return false;
  return !(inFlowCollection(node) && /[,[\]{}]/.test(newText));
}

function inFlowCollection(node: ScalarNode): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type !== 'property' && at.flow) return true;
  }
  return false;
}

/**
 * YAML reads a block scalar's indentation from its lines' leading blanks, and drops the blanks at the edges of a flow
 * scalar's lines: an edit that leaves a blank at a line's edge would change the text (or the block).
 */
function blankAtLineEdge(source: string, node: ScalarNode, offset: number, end: number, newText: string): boolean {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  if (/^[ \t]*$/.test(source.slice(lineStart, offset)) && /^[ \t]/.test(newText + source.slice(end, end + 1))) return true;
  if (node.style === 'literal' || node.style === 'folded') return false;
  const rest = source.slice(end, node.contentEnd);
  const lineEnd = rest.search(/\r?\n/);
  return lineEnd >= 0 && /^[ \t]*$/.test(rest.slice(0, lineEnd)) && /[ \t]$/.test(source.slice(Math.max(0, offset - 1), offset) + newText);
}
