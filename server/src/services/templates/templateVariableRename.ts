/**
 * Rename of a mapping template variable: every reference to it in the one template under the cursor (a macro
 * parameter's only up to its macro's `#end`, past which the name is another variable), written as a
 * `.vtl` file writes it or in the escaping of the YAML or JSON string that holds the template. Other templates of the
 * same document are left alone: API Gateway runs each on its own, so a name shared between two is two variables.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { TEMPLATE_ROOTS } from '../../facts/templateVariables';
import { isAliasCopy, type ApiDocument } from '../../model/apiDocument';
import { templateVariableAt, type TemplateVariable } from './variableReferences';
import { RenameError, syntaxErrorRefusal } from '../renameError';
import type { LocatedTemplate } from './locate';
import { inScalar } from './templateFixes';
import type { TemplateReference } from './templateScanner';
import { LOOP_VARIABLES, MACRO_BODY_VARIABLE } from './variableChecks';

/**
 * Velocity's identifiers. A trailing hyphen is left out: the template scanner, like the text after a reference in
 * `$a-$b`, reads it as text following the name, so the renamed references would lose it.
 */
const VARIABLE_NAME = /^[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/;

const API_GATEWAY_ROOTS = new Set(TEMPLATE_ROOTS.map((root) => root.name));

const NOT_ON_VARIABLE = 'Inside a mapping template only variables can be renamed; put the cursor on a $variable.';

export interface PreparedRename {
  range: Range;
  placeholder: string;
}

/** The variable's name under the cursor in a template of an API definition; undefined where no variable is. */
export function prepareRenameInTemplate(document: ApiDocument, template: LocatedTemplate, offset: number): PreparedRename | undefined {
  checkTemplate(document, template);
  const variable = variableToRename(template.text, template.toTemplateOffset(offset));
  if (!variable) return undefined;
  // Mapped as the edits are, so a name the string cannot be rewritten at is refused before a new one is asked for.
  const [under] = documentEdits(document, template, [variable.under], variable.name);
  return { range: under.range, placeholder: variable.name };
}

/** Renames the variable under the cursor everywhere in the template of an API definition that holds it. */
export function renameInTemplate(document: ApiDocument, template: LocatedTemplate, offset: number, newName: string): WorkspaceEdit {
  checkTemplate(document, template);
  const variable = variableToRename(template.text, template.toTemplateOffset(offset));
  if (!variable) throw new RenameError(NOT_ON_VARIABLE);
  const refusal = syntaxErrorRefusal(document, `every reference to '$${variable.name}' in its template`);
  if (refusal) throw refusal;
  checkNewName(variable, newName);
  if (newName === variable.name) return { changes: {} };
  return { changes: { [document.uri]: documentEdits(document, template, variable.references, newName) } };
}

/** The variable's name under the cursor in a `.vtl` document; undefined where no variable is. */
export function prepareRenameInStandaloneTemplate(document: TextDocument, offset: number): PreparedRename | undefined {
  const variable = variableToRename(document.getText(), offset);
  if (!variable) return undefined;
  return { range: nameRange(document, variable.under), placeholder: variable.name };
}

/** Renames the variable under the cursor everywhere in a `.vtl` document. */
export function renameInStandaloneTemplate(document: TextDocument, offset: number, newName: string): WorkspaceEdit {
  const variable = variableToRename(document.getText(), offset);
  if (!variable) throw new RenameError(NOT_ON_VARIABLE);
  checkNewName(variable, newName);
  if (newName === variable.name) return { changes: {} };
  return { changes: { [document.uri]: variable.references.map((r) => ({ range: nameRange(document, r), newText: newName })) } };
}

/**
 * A template whose source could not be replayed has approximate positions, where edits would change other text; a
 * template that a YAML alias copies is written where its anchor is, not under the cursor.
 */
function checkTemplate(document: ApiDocument, template: LocatedTemplate): void {
  if (!template.exactOffsets) {
    throw new RenameError('The positions inside this template could not be worked out exactly from how the string is written, so its variables cannot be renamed here.');
  }
  if (isAliasCopy(document, template.node)) throw new RenameError('This template is a copy made by a YAML alias; rename its variables where its anchor is.');
}

/** The variable under the cursor; refused when Velocity or API Gateway sets it. */
function variableToRename(text: string, offset: number): TemplateVariable | undefined {
  const variable = templateVariableAt(text, offset);
  if (!variable) return undefined;
  const setter = builtInSetter(variable.name);
  if (setter) throw new RenameError(`'$${variable.name}' is set by ${setter} and cannot be renamed.`);
  return variable;
}

/** Who sets a variable that no directive of the template does. */
function builtInSetter(name: string): string | undefined {
  if (API_GATEWAY_ROOTS.has(name)) return 'API Gateway';
  if (LOOP_VARIABLES.has(name)) return 'Velocity in each #foreach';
  if (name === MACRO_BODY_VARIABLE) return "Velocity in a macro's body";
  return undefined;
}

function checkNewName(variable: TemplateVariable, newName: string): void {
  if (!VARIABLE_NAME.test(newName)) {
    const hint = newName.startsWith('$') ? " Type the name without its '$'." : '';
    throw new RenameError(`'${newName}' is not a valid variable name: start with a letter or '_', then use letters, digits, '_' and '-' (not last).${hint}`);
  }
  if (newName === variable.name) return;
  const setter = builtInSetter(newName);
  if (setter) throw new RenameError(`'$${newName}' is set by ${setter}; renaming '$${variable.name}' to it would hide it.`);
  if (variable.all.some((r) => r.root === newName)) {
    throw new RenameError(`'$${newName}' is already used in this template; renaming '$${variable.name}' to it would merge the two variables.`);
  }
}

/** The name of each reference (without `$`, `!` or `{`) replaced, as an edit of the document's text. */
function documentEdits(document: ApiDocument, template: LocatedTemplate, references: TemplateReference[], newName: string): TextEdit[] {
  return references.map((reference) => {
    const written = inScalar(document.text, template, { start: reference.rootStart, end: reference.rootEnd, newText: newName });
    if (!written) {
      const line = document.textDocument.positionAt(template.toDocumentOffset(reference.start)).line + 1;
      throw new RenameError(`'$${reference.root}' on line ${line} is written with escapes in its string; write the name plainly first.`);
    }
    return { range: document.rangeOf(written), newText: written.newText };
  });
}

function nameRange(document: TextDocument, reference: TemplateReference): Range {
  return { start: document.positionAt(reference.rootStart), end: document.positionAt(reference.rootEnd) };
}
