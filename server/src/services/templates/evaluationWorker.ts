/** The evaluation thread's program (`workers/templateEvaluations.js`): runs the jobs evaluationThread.ts sends. */
import { parentPort } from 'node:worker_threads';
import { runEvaluation } from '../templateEvaluation';
import type { EvaluationRequest, EvaluationResponse } from './evaluationMessages';

parentPort?.on('message', ({ id, job }: EvaluationRequest) => {
  let response: EvaluationResponse;
  try {
    response = { id, evaluation: runEvaluation(job) };
  } catch (error) {
    response = { id, error: `The evaluation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  parentPort!.postMessage(response);
});
