import type { EvaluationJob, TemplateEvaluation } from '../templateEvaluation';

/** What the server sends the evaluation thread (evaluationThread.ts). */
export interface EvaluationRequest {
  id: number;
  job: EvaluationJob;
}

/** The thread's answer to one request: the evaluation, or why the engine failed. */
export type EvaluationResponse = { id: number; evaluation: TemplateEvaluation } | { id: number; error: string };
