/**
 * The evaluation thread's program (`workers/templateEvaluations.js`): says it is ready once loaded, then runs the jobs
 * evaluationThread.ts sends: the evaluator's, and the local gateway's template steps (gateway/templateJobs.ts).
 */
import { parentPort } from 'node:worker_threads';
import {
  isGatewayJob,
  runGatewayJobSafely,
  type GatewayJobResult,
  type GatewayTemplateJob,
} from '../../gateway/templateJobs';
import { runEvaluationSafely, type EvaluationJob, type TemplateEvaluation } from '../templateEvaluation';
import type { EvaluationRequest, EvaluationResponse } from './evaluationMessages';

parentPort?.on('message', ({ id, job }: EvaluationRequest<EvaluationJob | GatewayTemplateJob>) => {
  const answer = isGatewayJob(job) ? runGatewayJobSafely(job) : runEvaluationSafely(job);
  try {
    parentPort!.postMessage({ id, ...answer } satisfies EvaluationResponse<TemplateEvaluation | GatewayJobResult>);
  } catch {
    parentPort!.postMessage({ id, unreadable: true } satisfies EvaluationResponse);
  }
});
// A job this thread cannot read never runs here: the asking thread runs it.
parentPort?.on('messageerror', () => parentPort!.postMessage({ unreadable: true } satisfies EvaluationResponse));
parentPort?.postMessage({ ready: true } satisfies EvaluationResponse);
