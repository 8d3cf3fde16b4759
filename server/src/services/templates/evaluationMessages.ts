import type { EvaluationJob, TemplateEvaluation } from '../templateEvaluation';

/** What the server sends the evaluation thread (evaluationThread.ts). */
export interface EvaluationRequest {
  id: number;
  job: EvaluationJob;
}

/**
 * The thread's messages: once, that it has loaded (its time of loading is not held against a run); then per request,
 * the evaluation or why the engine failed.
 */
export type EvaluationResponse = { ready: true } | { id: number; evaluation: TemplateEvaluation } | { id: number; error: string };
