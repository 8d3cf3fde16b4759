import type { OracleTestCase } from '../oracleCase';
import { CORPUS_CASES } from './corpus';

export const ORACLE_CASES: OracleTestCase[] = [...CORPUS_CASES];
