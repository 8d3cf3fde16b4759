import type { OracleTestCase } from '../oracleCase';

export const INPUT_CASES: OracleTestCase[] = [];
