import { describeBacktracking, exponentialRepetition, javaPatternProblem } from '../../template/javaRegex';

/**
 * Java's complaint about a selection pattern, in Java's words, or undefined when Java accepts it. The simulator's
 * compiler decides, so the editor and the simulated integration response never disagree about a key; a pattern Java
 * accepts but the simulator cannot run is not reported here, since AWS would deploy it.
 */
export function javaPatternError(java: string): string | undefined {
  const problem = javaPatternProblem(java);
  return problem && !problem.unsupported ? problem.description : undefined;
}

/**
 * Why a pattern Java accepts could still take exponential time to match, naming the repetition at fault, or undefined.
 * The simulator refuses to run such a pattern, since it could not interrupt it.
 */
export function javaPatternBacktracking(java: string): string | undefined {
  const fragment = exponentialRepetition(java);
  if (fragment === undefined) return undefined;
  return describeBacktracking(fragment);
}
