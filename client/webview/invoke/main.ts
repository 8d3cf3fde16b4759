import '../shared/panel.css';
import './invoke.css';
import type { HistoryEntry, InvokeDraft, InvokeOutcome, InvokeToPanel, MultiValueMap, PanelInit, PanelToInvoke, TargetKind } from '../../src/panels/invokeMessages';
import { clear, el, jsonField, pretty, textField } from '../shared/dom';
import { bodyWarning, headerValue, historyRequest, historyTitle, parseJsonField, responseNeedsScroll, sendBlocker } from '../../src/panels/formFields';
import { failureCause, invalidJsonBody } from '../../src/panels/invokeOutcome';
import { draftProblem, sendsNoBody } from '../../src/panels/invokeRequest';
import { vscodeApi } from '../shared/vscodeApi';

const vscode = vscodeApi<PanelToInvoke>();
const app = document.getElementById('app')!;

const TARGETS: { kind: TargetKind; label: string }[] = [
  { kind: 'local', label: 'Local gateway' },
  { kind: 'testInvoke', label: 'AWS test invoke (REST)' },
  { kind: 'url', label: 'Deployed stage URL' },
];

/** The JSON fields of the draft, by key; their labels name them in messages. */
type JsonKey = 'query' | 'headers' | 'stageVariables';
const JSON_LABELS: Record<JsonKey, string> = { query: 'Query string', headers: 'Headers', stageVariables: 'Stage variables' };
const JSON_SHAPES: Record<JsonKey, 'multiValueMap' | 'stringMap'> = { query: 'multiValueMap', headers: 'multiValueMap', stageVariables: 'stringMap' };

let init: PanelInit | undefined;
let draft: InvokeDraft | undefined;
let history: HistoryEntry[] = [];
let outcome: InvokeOutcome | undefined;
let problem: string | undefined;
let busy = false;
let view: 'pretty' | 'raw' | 'headers' | 'log' = 'pretty';
/**
 * What the user typed in each JSON field, kept while it does not parse: the draft keeps the last valid value, and a
 * re-render (another target, a sent request) must show the user's text, not that value. Which fields are invalid is
 * read from it (see invalidFields), so no second map has to follow every edit.
 */
let typed: Partial<Record<JsonKey, string>> = {};

const form = el('div', { className: 'sample' });
const output = el('div', { className: 'output' });
const historyBox = el('div', { className: 'history' });
const notice = el('div', { className: 'muted notice', attrs: { role: 'status', 'data-testid': 'notice' } });
let sendButton: HTMLButtonElement | undefined;
let stopButton: HTMLButtonElement | undefined;
let curlButton: HTMLButtonElement | undefined;

function input(label: string, value: string, onChange: (value: string) => void, options: { placeholder?: string; type?: string; testId?: string } = {}): HTMLElement {
  const field = el('input', { attrs: { type: options.type ?? 'text', 'aria-label': label, placeholder: options.placeholder ?? '', spellcheck: 'false' } });
  field.value = value;
  if (options.testId) field.setAttribute('data-testid', options.testId);
  field.addEventListener('input', () => onChange(field.value));
  return el('label', { className: 'field' }, [el('span', { text: label }), field]);
}

function pathParamNames(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+?)\+?\}/g)].map((m) => m[1]);
}

function renderAll(): void {
  if (!init || !draft) return;
  clear(app);
  const op = init.operation;
  const title = el('h2', {}, [el('span', { className: `method method-${op.method.toLowerCase()}`, text: op.method }), document.createTextNode(` ${op.path}`)]);
  const details = [init.source, op.operationId, op.summary, init.dialect === 'http' ? 'HTTP API' : init.dialect === 'rest' ? 'REST API' : undefined, op.iam ? 'AWS_IAM' : undefined, op.apiKey ? 'API key' : undefined].filter(Boolean).join(' · ');
  app.appendChild(el('div', {}, [title, el('div', { className: 'muted subtitle', text: details, attrs: { 'data-testid': 'subtitle' } })]));
  renderForm();
  app.appendChild(el('div', { className: 'columns' }, [form, el('div', { className: 'results' }, [output, historyBox])]));
  renderOutput();
  renderHistory();
}

function jsonInput(key: JsonKey, label: string, set: (value: Record<string, unknown>) => void, rows: number): HTMLElement {
  return jsonField(label, draft![key], set, {
    shape: JSON_SHAPES[key],
    rows,
    text: typed[key],
    testId: `field-${key}`,
    onEdit: (text) => {
      typed[key] = text;
      updateSendState();
    },
  });
}

function renderForm(): void {
  if (!init || !draft) return;
  const d = draft;
  clear(form);
  const target = el('select', { attrs: { 'aria-label': 'Target', 'data-testid': 'target' } });
  for (const t of TARGETS) {
    const option = el('option', { text: t.label, attrs: { value: t.kind } });
    if ((t.kind === 'local' && !init.hasDocument) || (t.kind === 'testInvoke' && init.dialect === 'http')) option.disabled = true;
    target.appendChild(option);
  }
  target.value = d.target;
  target.addEventListener('change', () => {
    d.target = target.value as TargetKind;
    // An answer or an error from the other target says nothing about this one.
    outcome = undefined;
    problem = undefined;
    notice.textContent = '';
    renderForm();
    renderOutput();
  });
  form.appendChild(el('label', { className: 'field' }, [el('span', { text: 'Send to' }), target]));

  if (d.target === 'local') {
    form.appendChild(input('Stage', d.stage ?? '', (v) => (d.stage = v), { placeholder: 'default from .apigateway/local.json, else local' }));
  } else if (d.target === 'testInvoke') {
    form.appendChild(el('div', { className: 'row' }, [
      input('REST API id', d.restApiId ?? '', (v) => (d.restApiId = v), { placeholder: 'from .apigateway/deployments.json', testId: 'rest-api-id' }),
      input('Resource id', d.resourceId ?? '', (v) => (d.resourceId = v), { placeholder: 'found by path when empty' }),
    ]));
    form.appendChild(input('Client certificate id', d.clientCertificateId ?? '', (v) => (d.clientCertificateId = v), { placeholder: 'optional' }));
  } else {
    form.appendChild(input('Stage URL', d.stageUrl ?? '', (v) => (d.stageUrl = v), { placeholder: 'https://{api-id}.execute-api.{region}.amazonaws.com/{stage}', testId: 'stage-url' }));
    const sign = el('input', { attrs: { type: 'checkbox', 'aria-label': 'Sign with SigV4' } });
    sign.checked = d.sign === true;
    sign.addEventListener('change', () => (d.sign = sign.checked));
    form.appendChild(el('div', { className: 'row' }, [
      input('API key (x-api-key)', d.apiKey ?? '', (v) => (d.apiKey = v), { type: 'password', placeholder: 'not saved in the history' }),
      el('label', { className: 'check' }, [sign, el('span', { text: 'Sign with SigV4 (AWS_IAM)' })]),
    ]));
  }

  if (!init.hasDocument) {
    form.appendChild(input('Method', d.method, (v) => (d.method = v.trim().toUpperCase() || 'GET')));
    form.appendChild(input('Path after the stage URL', d.pathTemplate, (v) => (d.pathTemplate = v.startsWith('/') ? v : `/${v}`), { placeholder: '/pets' }));
  }
  const names = pathParamNames(d.pathTemplate);
  if (names.length) {
    form.appendChild(el('h3', { text: 'Path parameters' }));
    for (const name of names) form.appendChild(input(name, d.pathParams[name] ?? '', (v) => (d.pathParams[name] = v), { testId: `path-${name}` }));
  }
  form.appendChild(jsonInput('query', `${JSON_LABELS.query} ({"name": "value"}, a list for a repeated name; "" is not sent)`, (v) => (d.query = v as MultiValueMap), 2));
  form.appendChild(jsonInput('headers', JSON_LABELS.headers, (v) => (d.headers = v as MultiValueMap), 2));
  const body = textField('Body', d.body, (v) => (d.body = v), sendsNoBody(d.method) ? 2 : 4, (v) => bodyWarning(v, headerValue(d.headers, 'content-type')));
  if (sendsNoBody(d.method)) {
    // A GET carries no body: the box stays folded unless a body was given.
    const fold = el('details', { className: 'body-field' }, [el('summary', { text: `Body (not sent with ${d.method.toUpperCase()})` }), body]);
    fold.open = d.body !== '';
    form.appendChild(fold);
  } else {
    form.appendChild(body);
  }
  if (d.target !== 'url') form.appendChild(jsonInput('stageVariables', JSON_LABELS.stageVariables, (v) => (d.stageVariables = v as Record<string, string>), 1));

  sendButton = el('button', { text: 'Send', attrs: { 'data-testid': 'send', title: 'Send (Ctrl+Enter)' } });
  sendButton.addEventListener('click', () => trySend());
  curlButton = el('button', { className: 'secondary', text: 'Copy as curl' });
  curlButton.addEventListener('click', () => post({ type: 'copyCurl', draft: d }));
  // Shown while a request is under way: a handler or stage that never answers need not be waited out.
  stopButton = el('button', { className: 'secondary', text: 'Stop', attrs: { 'data-testid': 'stop', title: 'Stop the request under way' } });
  stopButton.addEventListener('click', () => post({ type: 'stop' }));
  const reset = el('button', { className: 'secondary', text: 'Reset' });
  reset.addEventListener('click', () => post({ type: 'resetDraft' }));
  form.appendChild(el('div', { className: 'toolbar' }, [sendButton, stopButton, curlButton, reset]));
  form.appendChild(notice);
  updateSendState();
}

/** The fields that do not read as JSON of their shape, in form order; any of them blocks sending. */
function invalidFields(): { field: string; error: string }[] {
  return (Object.keys(JSON_LABELS) as JsonKey[])
    .filter((key) => typed[key] !== undefined && (key !== 'stageVariables' || draft?.target !== 'url'))
    .flatMap((key) => {
      const parsed = parseJsonField(typed[key]!, JSON_SHAPES[key]);
      return parsed.ok ? [] : [{ field: JSON_LABELS[key], error: parsed.error }];
    });
}

/** Send and Copy as curl wait while a field is invalid; the notice says which one, so the user's text is never sent stale. */
function updateSendState(): void {
  const blocker = sendBlocker(invalidFields());
  if (sendButton) {
    sendButton.textContent = busy ? 'Sending…' : 'Send';
    sendButton.disabled = busy || !!blocker;
  }
  if (stopButton) stopButton.hidden = !busy;
  if (curlButton) curlButton.disabled = !!blocker;
  if (blocker) showNotice(blocker, true);
  else if (notice.classList.contains('blocked')) showNotice('');
}

function showNotice(message: string, blocked = false): void {
  notice.textContent = message;
  notice.classList.toggle('blocked', blocked && message !== '');
  notice.setAttribute('role', blocked ? 'alert' : 'status');
}

function trySend(): void {
  if (!draft || !init || busy) return;
  const blocker = sendBlocker(invalidFields()) ?? draftProblem(draft, init.hasDocument);
  if (blocker) {
    showNotice(blocker, true);
    return;
  }
  post({ type: 'send', draft });
}

function post(message: PanelToInvoke): void {
  showNotice('');
  vscode.postMessage(message);
  updateSendState();
}

function statusClass(status: number): string {
  if (status >= 200 && status < 400) return 'badge ok';
  return 'badge bad';
}

function renderOutput(): void {
  clear(output);
  output.appendChild(el('h3', { text: 'Response' }));
  if (busy) output.appendChild(el('div', { className: 'muted', text: 'Waiting for the answer…' }));
  if (problem) output.appendChild(el('div', { className: 'field-error', text: problem, attrs: { 'data-testid': 'problem', role: 'alert' } }));
  if (!outcome) {
    if (!busy && !problem) output.appendChild(el('div', { className: 'muted', text: 'Send the request to see the status, headers, body and execution log.' }));
    return;
  }
  const o = outcome;
  const notJson = invalidJsonBody(o);
  const badges = el('div', { className: 'toolbar' }, [
    el('span', { className: statusClass(o.status), text: String(o.status), attrs: { 'data-testid': 'status' } }),
    notJson !== undefined ? el('span', { className: 'badge bad', text: 'invalid JSON', title: notJson, attrs: { 'data-testid': 'json-badge' } }) : undefined,
    el('span', { className: 'muted', text: `${o.latencyMs.toFixed(1)} ms` }),
    el('span', { className: 'muted', text: o.calledAs }),
  ]);
  output.appendChild(badges);
  if (notJson !== undefined) output.appendChild(el('div', { className: 'field-error', text: `The response says it is JSON but does not parse: ${notJson}` }));
  const cause = failureCause(o);
  if (cause) output.appendChild(el('div', { className: 'field-error', text: cause, attrs: { 'data-testid': 'failure-cause' } }));
  const tabs = el('div', { className: 'tabs', attrs: { role: 'tablist' } });
  const headerCount = Object.keys(o.headers).length + Object.keys(o.multiValueHeaders ?? {}).length;
  for (const [name, label] of [['pretty', 'Pretty'], ['raw', 'Raw'], ['headers', `Headers (${headerCount})`], ['log', `Log (${o.log.length})`]] as const) {
    const tab = el('button', { text: label, className: view === name ? 'active' : '', attrs: { role: 'tab', 'aria-selected': String(view === name) } });
    tab.addEventListener('click', () => {
      view = name;
      renderOutput();
    });
    tabs.appendChild(tab);
  }
  output.appendChild(tabs);
  if (view === 'pretty' || view === 'raw') {
    const text = view === 'pretty' ? pretty(o.body) : o.body;
    output.appendChild(el('pre', { className: 'rendered', text: text === '' ? '(empty body)' : text, attrs: { 'data-testid': 'response-body' } }));
  } else if (view === 'headers') {
    const table = el('table', { className: 'kv' });
    for (const [k, v] of Object.entries(o.headers)) table.appendChild(el('tr', {}, [el('td', { text: k }), el('td', { text: v })]));
    for (const [k, values] of Object.entries(o.multiValueHeaders ?? {})) for (const v of values) table.appendChild(el('tr', {}, [el('td', { text: k }), el('td', { text: v })]));
    output.appendChild(table);
  } else {
    output.appendChild(el('pre', { className: 'log', text: o.log.length ? o.log.join('\n') : 'No execution log: a deployed stage answers with the response only.' }));
  }
  if (o.steps?.length) {
    const steps = el('div', { className: 'steps muted' });
    steps.textContent = o.steps.map((s) => `${s.name} ${s.ms.toFixed(1)} ms`).join(' → ');
    output.appendChild(steps);
  }
}

/**
 * The answer arrives below the request's fields when the panel is one column: its top goes to the top of the view,
 * so the body has the panel's height. ('nearest' brought only the bottom edge of a short answer into view, under the
 * fields, which read as nothing happening.)
 */
function revealOutput(): void {
  const top = output.getBoundingClientRect().top;
  if (responseNeedsScroll(top, window.innerHeight)) output.scrollIntoView({ block: 'start' });
}

function renderHistory(): void {
  clear(historyBox);
  if (!history.length) return;
  const heading = el('div', { className: 'toolbar' }, [el('h3', { text: 'History' })]);
  const clearButton = el('button', { className: 'secondary small', text: 'Clear' });
  clearButton.addEventListener('click', () => post({ type: 'clearHistory' }));
  heading.appendChild(clearButton);
  historyBox.appendChild(heading);
  const list = el('ul', { className: 'history-list' });
  history.forEach((entry, index) => {
    const when = new Date(entry.at).toLocaleTimeString();
    const target = TARGETS.find((t) => t.kind === entry.draft.target)?.label ?? entry.draft.target;
    const what = entry.error !== undefined
      ? el('span', { className: 'badge bad', text: 'failed' })
      : el('span', { className: entry.status !== undefined ? statusClass(entry.status) : 'badge info', text: String(entry.status ?? '') });
    const { request, hint } = historyRequest(entry);
    const rerun = el('button', { className: 'secondary small', text: 'Re-run', title: 'Send this request again' });
    rerun.addEventListener('click', () => post({ type: 'rerun', index }));
    const load = el('button', { className: 'secondary small', text: 'Load', title: 'Put this request in the editors' });
    load.addEventListener('click', () => post({ type: 'restore', index }));
    list.appendChild(el('li', { title: historyTitle(entry, when, target) }, [
      what,
      // The request itself, so that two runs of one operation with other parameters can be told apart.
      el('span', { className: 'history-request' }, [el('span', { className: 'path', text: request }), hint ? el('span', { className: 'hint', text: hint }) : undefined]),
      el('span', { className: 'muted history-meta', text: `${when} · ${target}${entry.latencyMs !== undefined ? ` · ${entry.latencyMs.toFixed(0)} ms` : ''}` }),
      el('span', { className: 'history-actions' }, [rerun, load]),
    ]));
  });
  historyBox.appendChild(list);
}

window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') trySend();
});

window.addEventListener('message', (event: MessageEvent<InvokeToPanel>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      init = message.init;
      draft = structuredClone(message.init.draft);
      history = message.init.history;
      renderAll();
      break;
    case 'setDraft':
      draft = structuredClone(message.draft);
      typed = {};
      renderForm();
      break;
    case 'sending':
      busy = true;
      problem = undefined;
      updateSendState();
      renderOutput();
      break;
    case 'result':
      busy = false;
      outcome = message.outcome;
      problem = undefined;
      if (view === 'headers' || view === 'log') view = 'pretty';
      updateSendState();
      renderOutput();
      revealOutput();
      break;
    case 'problem':
      busy = false;
      if (message.form) {
        showNotice(message.message, true);
        updateSendState();
        break;
      }
      problem = message.message;
      outcome = undefined;
      updateSendState();
      renderOutput();
      revealOutput();
      break;
    case 'history':
      history = message.history;
      renderHistory();
      break;
    case 'notice':
      showNotice(message.message);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
