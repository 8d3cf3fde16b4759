/**
 * The shared corpus of templates with recorded results (../shared/corpus/vtl-cases.json), those rendered by one
 * template, as oracle cases: what AWS recorded and what Velocity does should agree, and where they do not, API Gateway
 * is the authority and the case says so.
 */
import { readFileSync } from 'node:fs';
import { sharedCorpusFile } from '../../support/sharedCorpus';
import type { OracleTestCase } from '../oracleCase';

interface VtlCase {
  id: number;
  template: string;
  response_template?: string;
  input_body: string;
  params: OracleTestCase['params'];
  context: Record<string, unknown>;
  stage_variables: Record<string, string>;
  expected_output: unknown;
  evidence: string;
}

/** Where API Gateway's recorded result is not stock Velocity's: the reason, by corpus id. */
const AWS_DIFFERS: Record<number, string> = {
  27: 'recorded by LocalStack against AWS: a missing path compares equal to both $null and ""',
  29: 'recorded by LocalStack against AWS: a JSON null compares equal to both $null and ""',
};

/** Cases whose result rests on `$input` behaviour the Java model does not reproduce, by corpus id, with why. */
const OUTSIDE_THE_MODEL: Record<number, string> = {
  // `$input.json` of a path the body lacks: the model writes json-smart's `null`; our engine follows LocalStack's
  // assertion (`""`), and no recording against AWS decides it.
  66: 'missing path in $input.json',
  67: 'missing path in $input.json',
  69: 'missing path in $input.json',
};

export const CORPUS_CASES: OracleTestCase[] = (JSON.parse(readFileSync(sharedCorpusFile('vtl-cases.json'), 'utf8')) as VtlCase[])
  .filter((c) => c.response_template === undefined && OUTSIDE_THE_MODEL[c.id] === undefined)
  .map((c) => ({
    name: `corpus case ${c.id}`,
    template: c.template,
    body: c.input_body,
    params: c.params,
    context: c.context,
    stageVariables: c.stage_variables,
    ...(AWS_DIFFERS[c.id] && typeof c.expected_output === 'string' ? { aws: { output: c.expected_output, evidence: AWS_DIFFERS[c.id] } } : {}),
  }));
