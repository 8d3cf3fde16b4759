import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { nodeAtOffset } from '../model/navigate';
import { requestAsksFor } from './codeActionKinds';
import { DIAGNOSTIC_SOURCE } from './validation';

/**
 * "Disable CODE on this line" for each diagnostic of a YAML definition: the `# apigw-disable-next-line` comment the
 * checks read, written above the line, or the code added to the comment already there. Never preferred: silencing
 * comes after a fix, and fix-all leaves it. Not offered where the line starts inside a scalar written over several
 * lines (a mapping template's body): there a `#` line would be the scalar's text, not a comment.
 */
export function suppressionActions(document: ApiDocument, context: CodeActionContext): CodeAction[] {
  if (document.format !== 'yaml' || !document.root || !requestAsksFor(context.only, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    // A misspelt code in a comment is mended, not silenced by another comment.
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || diagnostic.code === 'unknown-suppressed-code') continue;
    const edit = commentEdit(document, diagnostic, diagnostic.code);
    if (!edit) continue;
    const title = `Disable ${diagnostic.code} on this line (comment)`;
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, edit: { changes: { [document.uri]: [edit] } } });
  }
  return actions;
}

/**
 * A comment of the next line, alone on its line or after a value, its codes, and a reason after `--` if any: another
 * comment line written between it and the line would leave it silencing that comment instead.
 */
const NEXT_LINE_COMMENT = /^(.*?#\s*apigw-disable-next-line\b)([^\n]*?)(\s+--\s.*|\s+--)?\s*$/;

function commentEdit(document: ApiDocument, diagnostic: Diagnostic, code: string): TextEdit | undefined {
  const text = document.textDocument;
  const line = diagnostic.range.start.line;
  const lineStart = text.offsetAt({ line, character: 0 });
  const lineText = lineOf(document, line);
  // A byte order mark belongs to the file, not to the line's first key: the comment goes after it.
  const bom = line === 0 && lineText.startsWith('\uFEFF') ? 1 : 0;
  const indent = /^[ \t]*/.exec(lineText.slice(bom))![0];
  if (startsInsideScalar(document, lineStart, lineStart + bom + indent.length)) return undefined;
  if (line > 0) {
    const above = lineOf(document, line - 1);
    const comment = NEXT_LINE_COMMENT.exec(above);
    // Codes listed there already silence the line: only an absent code is added, before the reason.
    if (comment) {
      const at = text.offsetAt({ line: line - 1, character: 0 }) + comment[1].length + comment[2].length;
      const position = text.positionAt(at);
      return { range: { start: position, end: position }, newText: comment[2].trim() ? `, ${code}` : ` ${code}` };
    }
  }
  const next = text.offsetAt({ line: line + 1, character: 0 });
  const ending = document.text.slice(lineStart, next).endsWith('\r\n') ? '\r\n' : '\n';
  const start = { line, character: bom };
  return { range: { start, end: start }, newText: `${indent}# apigw-disable-next-line ${code}${ending}` };
}

function lineOf(document: ApiDocument, line: number): string {
  const text = document.textDocument;
  const start = text.offsetAt({ line, character: 0 });
  const end = text.offsetAt({ line: line + 1, character: 0 });
  return document.text.slice(start, end).replace(/\r?\n$/, '');
}

/** Whether the line's first character lies inside a scalar that began on an earlier line. */
function startsInsideScalar(document: ApiDocument, lineStart: number, firstCharacter: number): boolean {
  const node = nodeAtOffset(document.root, firstCharacter);
  if (!node || node.type === 'property' || node.type === 'object' || node.type === 'array') return false;
  // A block scalar's body starts on the line after its `|` or `>`, wherever the node says it starts.
  return node.style === 'literal' || node.style === 'folded' || node.offset < lineStart;
}
