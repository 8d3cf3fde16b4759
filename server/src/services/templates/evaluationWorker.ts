/**
 * The evaluation thread's program (`workers/templateEvaluations.js`): says it is ready once loaded, then runs the jobs
 * evaluationThread.ts sends.
 */
import { parentPort } from 'node:worker_threads';
import { runEvaluationSafely } from '../templateEvaluation';
import type { EvaluationRequest, EvaluationResponse } from './evaluationMessages';

parentPort?.on('message', ({ id, job }: EvaluationRequest) => {
  parentPort!.postMessage({ id, ...runEvaluationSafely(job) } satisfies EvaluationResponse);
});
parentPort?.postMessage({ ready: true } satisfies EvaluationResponse);
