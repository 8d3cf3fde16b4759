/**
 * JSONPath as API Gateway reads it in `$input.path` / `$input.json`: Jayway's "JsonPath for Java" (the docs link it,
 * and API Gateway's parse errors name json-smart, Jayway's default backend), in its version 2.0, with json-smart 2.2
 * beneath it: the versions of API Gateway's launch.
 *
 * Written here rather than taken from npm: the JavaScript packages follow Goessner's original (script expressions
 * evaluated as JavaScript), whereas templates depend on Jayway's rules: a definite path yields one value or nothing,
 * an indefinite one (wildcard, deep scan, slice, union, filter) always yields a list; a path without a leading `$`
 * is read as `$.` + path. Version 2.0 has no functions (`length()` is read as a property name), no negative indexes
 * outside slices, no slice step, and filters with only `==`, `!=`, `<`, `<=`, `>`, `>=` and `=~`.
 */

export { compileJsonPath, parseJsonPath } from './jsonPath/compile';
export type { CompiledPath, Criteria, Filter, PathToken } from './jsonPath/compiledPath';
export { evaluateJsonPath, type JsonPathResult } from './jsonPath/evaluator';
export { JsonPathSyntaxError } from './jsonPath/pathParser';
