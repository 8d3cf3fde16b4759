import type { OracleCase } from './velocityOracle';

/**
 * One template and request, rendered by our engine and by Velocity 1.7. By default the two must agree: the same output,
 * or both failing. `aws` is for the few places where API Gateway is recorded doing something else than stock Velocity
 * (its own configuration or patches): then our output must be `aws`, and Velocity's must not, so that the exception
 * stays true and documented.
 */
export interface OracleTestCase extends OracleCase {
  name: string;
  aws?: { output: string; evidence: string };
}

/** A case as the case files write it: its name, its template, and what else of the request it needs. */
export type Row = [name: string, template: string, request?: Partial<OracleTestCase>];

/** The rows of one topic as cases, each named `topic: name`. */
export const rows = (topic: string, list: Row[]): OracleTestCase[] => list.map(([name, template, request]) => ({ name: `${topic}: ${name}`, template, ...request }));
