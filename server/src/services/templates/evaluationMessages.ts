import type { EvaluationJob, TemplateEvaluation } from '../templateEvaluation';

/** What the server sends the evaluation thread (evaluationThread.ts): an evaluator's job, or the local gateway's. */
export interface EvaluationRequest<J = EvaluationJob> {
  id: number;
  job: J;
}

/**
 * The thread's messages: once, that it has loaded (its time of loading is not held against a run); then per request,
 * the evaluation or why the engine failed, or that the job or its answer could not cross.
 */
export type EvaluationResponse<R = TemplateEvaluation> =
  | { ready: true }
  | { id: number; evaluation: R }
  | { id: number; error: string }
  /**
   * The job could not be read in the thread, or its answer could not be sent back (a value nested deeper than a
   * structured clone follows): it is run in the asking thread instead.
   */
  | { id?: number; unreadable: true };
