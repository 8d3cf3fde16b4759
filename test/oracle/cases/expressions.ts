import type { OracleTestCase } from '../oracleCase';

export const EXPRESSIONS_CASES: OracleTestCase[] = [];
