/**
 * The local gateway's mapping templates, rendered in a thread of their own: a runaway template holds that thread for
 * its time budget, not the language server's, which goes on answering every document meanwhile; and an invocation the
 * editor cancels stops its template there. The thread is the evaluator's kind (evaluationThread.ts) running the same
 * bundled program, but another instance: an evaluation and an invocation never wait for each other.
 */
import { EVALUATION_WORKER_FILE, EvaluationThread, type RunCancellation } from '../services/templates/evaluationThread';
import type { RenderResult } from '../template/engine';
import { unpackValue, UnpackableValue } from '../template/packedValues';
import type { SimulatedResponse } from '../template/responseSelection';
import {
  requestJob,
  responseJob,
  runGatewayJobSafely,
  type GatewayJobResult,
  type GatewayTemplateJob,
} from './templateJobs';
import { RENDER_IN_THIS_THREAD, TemplateRunCancelled, type TemplateRenderer } from './templateRenderer';

export type GatewayTemplateThread = EvaluationThread<GatewayTemplateJob, GatewayJobResult>;

export function gatewayTemplateThread(workerFile = EVALUATION_WORKER_FILE): GatewayTemplateThread {
  return new EvaluationThread(workerFile, runGatewayJobSafely, undefined, { run: 'mapping template', again: 'send the request again' });
}

/** Renders in `thread`, or in this thread what cannot go there. */
export function renderingApart(thread: GatewayTemplateThread = gatewayTemplateThread()): TemplateRenderer {
  const run = async <T>(job: () => GatewayTemplateJob, here: () => Promise<T>, cancellation?: RunCancellation) => {
    // Without threads (running from sources, or once they failed to start) nothing is gained by packing.
    if (thread.inThisThread) return hereUnlessCancelled(cancellation, here);
    let packed: GatewayTemplateJob;
    try {
      packed = job();
    } catch (error) {
      if (!(error instanceof UnpackableValue)) throw error;
      // What the template reads holds a value only this thread can hold (a template of the request kept `$input` in
      // `$context`, say): rendering it here holds the server for the template's time, but renders it as it is.
      return hereUnlessCancelled(cancellation, here);
    }
    const answer = await thread.evaluate(packed, cancellation);
    if ('cancelled' in answer || cancellation?.isCancellationRequested) throw new TemplateRunCancelled();
    if ('error' in answer) throw new Error(answer.error);
    // What it answered holds such a value, which cannot come back: it is rendered again here, for the same reason.
    if ('unpackable' in answer.evaluation) return hereUnlessCancelled(cancellation, here);
    return unpackValue(answer.evaluation.packed) as T;
  };
  return {
    render: (template, request, options, cancellation) =>
      run<RenderResult>(
        () => requestJob(template, request, options),
        () => RENDER_IN_THIS_THREAD.render(template, request, options),
        cancellation,
      ),
    respond: (input, cancellation) =>
      run<SimulatedResponse>(() => responseJob(input), () => RENDER_IN_THIS_THREAD.respond(input), cancellation),
  };
}

function hereUnlessCancelled<T>(cancellation: RunCancellation | undefined, here: () => Promise<T>): Promise<T> {
  if (cancellation?.isCancellationRequested) throw new TemplateRunCancelled();
  return here();
}
