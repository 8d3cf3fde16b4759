export type PathSegment =
  | { kind: 'property'; names: string[] }
  | { kind: 'wildcard' }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; filter: FilterExpr }
  | { kind: 'function'; name: string };

export interface CompiledPath {
  /** `$` for the document root, `@` for the current node inside a filter. */
  root: '$' | '@';
  steps: Array<{ deep: boolean; segment: PathSegment }>;
  /** Jayway's "definite path": no wildcard, deep scan, filter, slice or union, so the result is one value. */
  definite: boolean;
}

export type FilterOperand =
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'literal'; value: unknown }
  | { kind: 'regex'; regex: RegExp };

export type FilterExpr =
  | { kind: 'or' | 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'exists'; operand: FilterOperand }
  | { kind: 'compare'; op: string; left: FilterOperand; right: FilterOperand };
