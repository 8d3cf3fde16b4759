import { javaPatternProblem } from '../../template/javaRegex';

/**
 * Java's complaint about a selection pattern, in Java's words, or undefined when Java accepts it. The simulator's
 * compiler decides, so the editor and the simulated integration response never disagree about a key; a pattern Java
 * accepts but the simulator cannot run is not reported here, since AWS would deploy it.
 */
export function javaPatternError(java: string): string | undefined {
  const problem = javaPatternProblem(java);
  return problem && !problem.unsupported ? problem.description : undefined;
}
