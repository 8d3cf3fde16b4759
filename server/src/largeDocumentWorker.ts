/**
 * The thread that serves documents over the size limit (largeDocumentHost.ts). Parsing one takes seconds; here it holds
 * up only the documents served here, while the server's own thread goes on answering every other document. It runs
 * the same language service, and the same handlers of the evaluator's and the invoke panel's requests, on its own
 * copy of each document's text, kept at the version the server last sent.
 * `$ref`s to other files are read from disk: the editor's unsaved text of other files is not here.
 */
import { parentPort } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTemplateHandlers } from './customRequests';
import { createInvokeHandlers } from './invokeRequests';
import { startRunnersWith } from './gateway/lambda/lambdaHost';
import { renderingApart } from './gateway/templateThread';
import { RelayedRunners } from './gateway/lambda/runnerProcess';
import { createLanguageService } from './languageService';
import { watchWholeParses } from './parseWatch';
import { RenameError } from './services/rename';
import { WorkspaceResolver } from './workspaceResolver';
import type { HostedRequests, HostRequest, HostResponse } from './largeDocumentMessages';
import { evaluateApart, type RunCancellation } from './services/templates/evaluationThread';

const documents = new Map<string, TextDocument>();
const resolver = new WorkspaceResolver((uri) => documents.get(uri));
const service = createLanguageService({ resolver, log: (message) => send({ type: 'log', message }) });
const handlerOptions = { getDocument: (uri: string) => documents.get(uri), parse: (document: TextDocument) => service.parse(document) };
// Its evaluations run in a thread of their own too, so that this one keeps answering for its document meanwhile.
const templates = createTemplateHandlers({ ...handlerOptions, evaluate: evaluateApart });
// Its own gateways and Lambda workers: a gateway holds the parse of its document, which is here. Their templates
// render apart as the evaluations do, and for the same reason.
const invoke = createInvokeHandlers({ ...handlerOptions, resolver, templates: renderingApart() });
const requests: HostedRequests = {
  templateAt: templates.templateAt,
  evaluateTemplate: templates.evaluateTemplate,
  invokeLocal: invoke.invokeLocal,
  operationSample: invoke.operationSample,
};
// Their processes are the server's: however this thread stops, the server reaps them and ends those left.
const runners = new RelayedRunners((order) => send({ type: 'runner', order }));
startRunnersWith(runners.start);

function send(response: HostResponse): void {
  parentPort!.postMessage(response);
}

/** The id of the last call received: the server learns from it which of its calls a parse holds up unstarted. */
let received = 0;
/** The requests under way, by the server's id. */
const cancellations = new Map<number, RelayedCancellation>();
// Said as the parse starts: the message reaches the server while this thread is still busy with it.
watchWholeParses({
  started: (document) => send({ type: 'parsing', uri: document.uri, version: document.version, chars: document.getText().length, received }),
  ended: (document, ms) => send({ type: 'parsed', uri: document.uri, version: document.version, chars: document.getText().length, ms }),
});

parentPort?.on('message', (request: HostRequest) => {
  if ('id' in request && request.type !== 'runner' && request.type !== 'cancel') received = request.id;
  switch (request.type) {
    case 'sync': {
      const known = documents.get(request.uri);
      // Updated in place: the service keeps a version's parse for the document object it was asked with.
      if (known && known.languageId === request.languageId) TextDocument.update(known, [{ text: request.text }], request.version);
      else documents.set(request.uri, TextDocument.create(request.uri, request.languageId, request.version, request.text));
      return;
    }
    case 'edit': {
      const known = documents.get(request.uri);
      if (known?.version === request.from) TextDocument.update(known, request.changes, request.version);
      // Out of step (never expected: messages arrive in order): calls on it fail, and are answered in the server's thread.
      else documents.delete(request.uri);
      return;
    }
    case 'close':
      documents.delete(request.uri);
      service.forget(request.uri);
      resolver.forget(request.uri);
      invoke.forget(request.uri);
      return;
    case 'filesChanged':
      for (const uri of request.uris) resolver.forget(uri);
      return;
    case 'runner':
      runners.deliver(request.id, request.event);
      return;
    case 'validate':
      void answer(request.id, request.uri, request.version, (document) =>
        service.doValidation(document, request.settings, () => documents.get(request.uri)?.version !== request.version),
      );
      return;
    case 'feature':
      void answer(request.id, request.uri, request.version, (document) => (service[request.feature] as (...args: unknown[]) => unknown)(document, ...request.args));
      return;
    case 'request': {
      // The handlers find the document by the uri in the parameters: the copy here, at the version checked.
      const token = new RelayedCancellation();
      cancellations.set(request.id, token);
      void answer(request.id, request.uri, request.version, () => (requests[request.request] as (params: unknown, token: RunCancellation) => unknown)(request.params, token)).finally(() =>
        cancellations.delete(request.id),
      );
      return;
    }
    case 'cancel':
      cancellations.get(request.id)?.cancel();
      return;
  }
});

/** The editor's cancellation of a request, relayed by the server: it stops an evaluation this thread runs apart. */
class RelayedCancellation implements RunCancellation {
  isCancellationRequested = false;
  private readonly listeners = new Set<() => void>();

  onCancellationRequested(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  cancel(): void {
    if (this.isCancellationRequested) return;
    this.isCancellationRequested = true;
    for (const listener of [...this.listeners]) listener();
  }
}


async function answer(id: number, uri: string, version: number, run: (document: TextDocument) => unknown): Promise<void> {
  const document = documents.get(uri);
  if (!document || document.version !== version) {
    send({ type: 'failed', id, message: `version ${version} of ${uri} is not here`, missing: uri });
    return;
  }
  try {
    send({ type: 'answer', id, value: await run(document) });
  } catch (error) {
    send({ type: 'failed', id, message: error instanceof Error ? error.message : String(error), rename: error instanceof RenameError });
  }
}
