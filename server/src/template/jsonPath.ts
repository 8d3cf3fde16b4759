/**
 * JSONPath as API Gateway reads it in `$input.path` / `$input.json`: the Jayway "JsonPath for Java" dialect
 * (the docs link it, and API Gateway's parse errors name json-smart, Jayway's default backend).
 *
 * Written here rather than taken from npm: the JavaScript packages follow Goessner's original (script expressions
 * evaluated as JavaScript, no `=~`, `in`, `nin`, no definite/indefinite distinction), whereas templates depend on
 * Jayway's rules: a definite path yields one value or nothing, an indefinite one (wildcard, deep scan, slice, union,
 * filter) always yields a list; a path without a leading `$` is read as `$.` + path.
 */

export { compileJsonPath, parseJsonPath } from './jsonPath/compile';
export type { CompiledPath, FilterExpr, PathSegment } from './jsonPath/compiledPath';
export { evaluateJsonPath, type JsonPathResult } from './jsonPath/evaluator';
export { JsonPathSyntaxError } from './jsonPath/pathParser';
