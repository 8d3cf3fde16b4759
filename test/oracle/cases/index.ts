import type { OracleTestCase } from '../oracleCase';
import { CORPUS_CASES } from './corpus';
import { DIRECTIVES_CASES } from './directives';
import { EXPRESSIONS_CASES } from './expressions';
import { FOLLOW_UPS_CASES } from './followUps';
import { INPUT_CASES } from './input';
import { MACRO_ARGUMENTS_CASES } from './macroArguments';
import { MACRO_CALL_EDGES_CASES } from './macroCallEdges';
import { VELOCITY_EDGES_CASES } from './velocityEdges';
import { VELOCITY_EDGES_MORE_CASES } from './velocityEdgesMore';
import { VELOCITY_EDGES_LAST_CASES } from './velocityEdgesLast';

export const ORACLE_CASES: OracleTestCase[] = [...CORPUS_CASES, ...EXPRESSIONS_CASES, ...DIRECTIVES_CASES, ...INPUT_CASES, ...FOLLOW_UPS_CASES, ...VELOCITY_EDGES_CASES, ...VELOCITY_EDGES_MORE_CASES, ...VELOCITY_EDGES_LAST_CASES, ...MACRO_ARGUMENTS_CASES, ...MACRO_CALL_EDGES_CASES];
