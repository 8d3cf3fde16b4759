import type { EvaluationJob, TemplateEvaluation } from '../templateEvaluation';

/** What the server sends the evaluation thread (evaluationThread.ts): an evaluator's job, or the local gateway's. */
export interface EvaluationRequest<J = EvaluationJob> {
  id: number;
  job: J;
}

/**
 * The thread's messages: once, that it has loaded (its time of loading is not held against a run); then per request,
 * the evaluation or why the engine failed.
 */
export type EvaluationResponse<R = TemplateEvaluation> =
  | { ready: true }
  | { id: number; evaluation: R }
  | { id: number; error: string };
