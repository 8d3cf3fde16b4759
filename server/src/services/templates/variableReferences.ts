/**
 * The template variable under the cursor and every reference to it in its template, as highlights, rename and Go to
 * Definition follow it.
 */
import { scanTemplate, type ScannedTemplate, type TemplateReference } from './templateScanner';
import { parameterScopes, scopesAround, variableDefinitions, type ParameterScope } from './variableChecks';

/** A variable of one template, as the cursor finds it: every reference to it there. */
export interface TemplateVariable {
  name: string;
  /** The reference the cursor is on. */
  under: TemplateReference;
  /** Every reference to the variable, in source order, the one under the cursor included. */
  references: TemplateReference[];
  /** Those of them that a `#set`, `#foreach`, `#macro` or `#define` assigns. */
  definitions: Set<TemplateReference>;
  /** Every reference of the template, to whichever variable. */
  all: TemplateReference[];
  /** The scan they were read from, directives included. */
  scanned: ScannedTemplate;
}

/**
 * The variable under the cursor in a template and every reference to it there. Velocity scopes nothing but macro
 * parameters: in a macro's parentheses and body, up to its `#end`, a parameter's name is the parameter; elsewhere,
 * the macro's body included for names that are no parameter of it, one name is one variable.
 */
export function templateVariableAt(text: string, offset: number): TemplateVariable | undefined {
  const scanned = scanTemplate(text);
  const { references } = scanned;
  // On the name, or just after it; where one reference ends as the next begins (`$a$b`), the one starting there.
  const under = references.find((r) => offset >= r.start && offset < r.rootEnd) ?? references.find((r) => offset === r.rootEnd);
  if (!under) return undefined;
  const named = references.filter((r) => r.root === under.root);
  const scopes = parameterScopes(text, scanned).filter((s) => s.names.has(under.root));
  const scope = scopeOf(scopes, under);
  return {
    name: under.root,
    under,
    references: scopes.length === 0 ? named : named.filter((r) => scopeOf(scopes, r) === scope),
    definitions: variableDefinitions(text, scanned),
    all: references,
    scanned,
  };
}

/** The innermost of the scopes holding the reference; undefined outside every one. */
function scopeOf(scopes: ParameterScope[], reference: TemplateReference): ParameterScope | undefined {
  return scopesAround(scopes, reference.start).at(-1);
}

/** The variable's part of a reference: `$r`, `$!r`, `${r}`, and `${r` of `${r.items}`. */
export function variableEnd(reference: TemplateReference): number {
  return reference.braced && reference.segments.length === 0 ? reference.end : reference.rootEnd;
}
