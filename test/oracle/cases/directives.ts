import type { OracleTestCase } from '../oracleCase';

export const DIRECTIVES_CASES: OracleTestCase[] = [];
