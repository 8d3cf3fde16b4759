/** The evaluation's bounds on what String's methods build (maxResultLength, maxResultItems), checked before building. */
import type { MatchLimit } from '../javaRegex';
import { OperationLimit } from '../limits';

/** Refuses, before building it, a string longer than the evaluation lets a value be. */
export function refuseLongString(length: number, limit: MatchLimit | undefined): void {
  const max = limit?.maxResultLength;
  if (max !== undefined && length > max) {
    throw new OperationLimit('output-too-large', `would return a string of ${length} characters, beyond API Gateway's 10 MB payload limit; the evaluator stops it instead of building it`);
  }
}

export function refuseLongList(length: number, limit: MatchLimit | undefined): void {
  if (limit?.maxResultItems !== undefined && length > limit.maxResultItems) {
    throw new OperationLimit('list-too-large', `would make a list of ${length} characters; the evaluator stops lists at ${limit.maxResultItems} elements`);
  }
}
