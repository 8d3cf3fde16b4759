import type { OracleTestCase } from '../oracleCase';
import { ARGUMENT_BLANKS_CASES } from './argumentBlanks';
import { ARGUMENT_HASHES_CASES } from './argumentHashes';
import { BREAK_SCOPES_CASES } from './breakScopes';
import { CORPUS_CASES } from './corpus';
import { DIRECTIVES_CASES } from './directives';
import { EXPRESSIONS_CASES } from './expressions';
import { FOLLOW_UPS_CASES } from './followUps';
import { INPUT_CASES } from './input';
import { MACRO_ARGUMENTS_CASES } from './macroArguments';
import { MACRO_CALL_EDGES_CASES } from './macroCallEdges';
import { MACRO_LOADING_CASES } from './macroLoading';
import { METHOD_CALL_WORDS_CASES } from './methodCallWords';
import { VELOCITY_EDGES_CASES } from './velocityEdges';
import { VELOCITY_EDGES_MORE_CASES } from './velocityEdgesMore';
import { VELOCITY_EDGES_LAST_CASES } from './velocityEdgesLast';

export const ORACLE_CASES: OracleTestCase[] = [...CORPUS_CASES, ...EXPRESSIONS_CASES, ...DIRECTIVES_CASES, ...INPUT_CASES, ...FOLLOW_UPS_CASES, ...VELOCITY_EDGES_CASES, ...VELOCITY_EDGES_MORE_CASES, ...VELOCITY_EDGES_LAST_CASES, ...MACRO_ARGUMENTS_CASES, ...MACRO_CALL_EDGES_CASES, ...ARGUMENT_BLANKS_CASES, ...METHOD_CALL_WORDS_CASES, ...BREAK_SCOPES_CASES, ...ARGUMENT_HASHES_CASES, ...MACRO_LOADING_CASES];
