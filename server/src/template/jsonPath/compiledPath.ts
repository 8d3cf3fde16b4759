/**
 * A path as Jayway JsonPath 2.0 compiles it: a chain of tokens, each applied to what the one before produced.
 * Jayway calls a path definite when every token is (a root, a property, a single index or `[(@.length-n)]`): such a
 * path gives one value or none; any other gives a list.
 */
export type PathToken =
  /** `$` at the start, and any later `$` that begins a step (which passes its input on unchanged). */
  | { kind: 'root' }
  /** `.name` or `['a','b']`: several names make one map of those present, and only as the last step. */
  | { kind: 'property'; names: string[] }
  | { kind: 'wildcard' }
  /** `..`: the next step is tried at every level below. */
  | { kind: 'scan' }
  | { kind: 'array'; operation: ArrayOperation; numbers: number[] }
  /** `[?(...)]`; a bare `[?]` stands for a filter passed in from Java, which templates cannot do: null here. */
  | { kind: 'filter'; filters: Array<Filter | null> };

/**
 * `[1]`, `[1,2]`, `[(@.length-1)]`, `[1:]`, `[:2]` and `[1:2]`. Jayway 2.0 has no step, and negative numbers count
 * from the end only in the one-sided slices.
 */
export type ArrayOperation = 'index' | 'indexes' | 'fromEnd' | 'sliceFrom' | 'sliceTo' | 'sliceBetween';

export interface CompiledPath {
  /** False for a path that started with `@`: inside a filter, it reads the current item. */
  rootPath: boolean;
  /** The first token is always the root. */
  tokens: PathToken[];
  definite: boolean;
}

/** A filter's conditions as Jayway 2.0 combines them (see filterParser.ts). */
export type Filter =
  | { kind: 'criteria'; criteria: Criteria }
  | { kind: 'and'; filters: Filter[] }
  | { kind: 'or'; left: Filter; right: Filter };

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~';

export type Criteria =
  /** `@.x` (the value is there and not null) or `!@.x` (it is not). */
  | { kind: 'exists'; path: CompiledPath; exists: boolean }
  | { kind: 'compare'; operator: CompareOperator; left: Operand; right: Operand };

/**
 * A side of a comparison: a definite path, a pattern `/.../` or `/.../i`, or any other text, which stays a String
 * (`'a'` without its quotes; `10`, `true` and `"a"` exactly as written).
 */
export type Operand =
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'pattern'; pattern: JavaPattern }
  | { kind: 'text'; value: string };

export interface JavaPattern {
  source: string;
  ignoreCase: boolean;
  regex: RegExp;
}
