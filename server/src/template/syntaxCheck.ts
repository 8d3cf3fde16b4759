/**
 * The parse-only check of a template, apart from the engine that renders: the checks and fixes of a definition need
 * only this, and a command line that checks need not load the interpreter, the `$context` samples and `$util`.
 */
import { syntaxProblems } from './syntax';
import type { TemplateError } from './engine';
import { withVelocityColumns } from './velocityColumns';

/** Syntax errors, unbalanced blocks, the 300 KB limit, directives API Gateway cannot run. */
export function checkTemplateSyntax(template: string): TemplateError[] {
  return withVelocityColumns(template, syntaxProblems(template).map((p) => ({ ...p })));
}
