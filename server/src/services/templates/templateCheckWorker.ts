/**
 * The worker thread that checks mapping templates while the thread that asked runs the other checks
 * (templateCheckThread.ts). It checks each template's text as the validation does in its own thread, and answers with
 * the findings in template offsets, which only the asking side can place in the document.
 */
import { parentPort } from 'node:worker_threads';
import { checkTemplateText } from './templateChecks';
import type { TemplateCheckRequest, TemplateCheckResponse, TextFinding } from './templateCheckMessages';

parentPort?.on('message', (request: TemplateCheckRequest) => {
  const results = request.jobs.map((facts) => {
    const found: TextFinding[] = [];
    checkTemplateText(facts, (start, end, code, message, extra) => found.push({ start, end, code, message, extra }));
    return found;
  });
  parentPort!.postMessage({ id: request.id, results } satisfies TemplateCheckResponse);
});
