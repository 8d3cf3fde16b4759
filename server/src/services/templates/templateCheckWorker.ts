/**
 * The worker thread that checks mapping templates while the thread that asked runs the other checks
 * (templateCheckThread.ts). It checks each template's text as the validation does in its own thread, and answers with
 * the findings placed in the scalar the template was read from, relative to its content's start.
 */
import { parentPort } from 'node:worker_threads';
import type { TemplateCheckRequest, TemplateCheckResponse } from './templateCheckMessages';
import { findingsInScalar, textFindings } from './templateFindings';

parentPort?.on('message', (request: TemplateCheckRequest) => {
  const results = request.jobs.map(({ facts, scalar }) => findingsInScalar(textFindings(facts), facts.text, scalar));
  parentPort!.postMessage({ id: request.id, results } satisfies TemplateCheckResponse);
});
