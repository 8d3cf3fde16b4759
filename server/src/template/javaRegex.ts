/**
 * java.util.regex patterns and replacement strings, run on JavaScript's engine. Templates call `replaceAll`,
 * `replaceFirst`, `matches` and `split` on Java strings, integration-response keys and JSONPath `=~` filters are
 * Java patterns too, and the language server validates those keys with this same compiler so that the editor
 * accepts exactly what the simulator runs.
 *
 * The pattern is parsed with Java's grammar and re-emitted for a `u`-mode RegExp. Java constructs without a
 * JavaScript counterpart are rebuilt from equivalent pieces: atomic groups and possessive quantifiers as
 * `(?=(X))\n` (a lookahead is never backtracked into), inline flags by rewriting each token under the flags in
 * force, class intersection as a lookahead per operand. What cannot be rebuilt exactly is refused as unsupported
 * rather than matched differently. A pattern that can backtrack exponentially runs first on a matcher that counts its
 * steps (steppedMatch), so that a runaway match ends with the evaluation budget instead of hanging the process.
 */

export { describeBacktracking, describeRunawayMatch, refuseExponentialPattern } from './javaRegex/backtracking';
export { compileJavaPattern, compileJavaRegex, exponentialRepetition, javaPatternProblem } from './javaRegex/compile';
export { BacktrackingLimit, JavaRegexError } from './javaRegex/errors';
export { ensureMatchEnds, javaMatches, javaReplace, javaSplit, type MatchLimit } from './javaRegex/runtime';
