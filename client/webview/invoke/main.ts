import '../shared/panel.css';
import './invoke.css';
import type { HistoryEntry, InvokeDraft, InvokeOutcome, InvokeToPanel, MultiValueMap, PanelInit, PanelToInvoke, TargetKind } from '../../src/panels/invokeMessages';
import { clear, el, jsonField, pretty, textField } from '../shared/dom';
import { failureCause } from '../../src/panels/invokeOutcome';
import { pathWithQuery } from '../../src/panels/invokeRequest';
import { vscodeApi } from '../shared/vscodeApi';

const vscode = vscodeApi<PanelToInvoke>();
const app = document.getElementById('app')!;

const TARGETS: { kind: TargetKind; label: string }[] = [
  { kind: 'local', label: 'Local gateway' },
  { kind: 'testInvoke', label: 'AWS test invoke (REST)' },
  { kind: 'url', label: 'Deployed stage URL' },
];

let init: PanelInit | undefined;
let draft: InvokeDraft | undefined;
let history: HistoryEntry[] = [];
let outcome: InvokeOutcome | undefined;
let problem: string | undefined;
let busy = false;
let view: 'pretty' | 'raw' | 'headers' | 'log' = 'pretty';

const form = el('div', { className: 'sample' });
const output = el('div', { className: 'output' });
const historyBox = el('div', { className: 'history' });
const notice = el('div', { className: 'muted notice', attrs: { role: 'status' } });

/** Keeps only string values (or lists of them): what a header or query map can hold. */
function toMultiValueMap(value: unknown): MultiValueMap {
  const out: MultiValueMap = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(v)) out[name] = v.map(String);
    else if (v !== null && v !== undefined) out[name] = String(v);
  }
  return out;
}

function toStringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(toMultiValueMap(value))) out[name] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

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
  app.appendChild(el('div', {}, [title, el('div', { className: 'muted', text: details })]));
  renderForm();
  app.appendChild(el('div', { className: 'columns' }, [form, el('div', {}, [output, historyBox])]));
  renderOutput();
  renderHistory();
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
    renderForm();
  });
  form.appendChild(el('label', { className: 'field' }, [el('span', { text: 'Send to' }), target]));

  if (d.target === 'local') {
    form.appendChild(input('Stage', d.stage ?? '', (v) => (d.stage = v), { placeholder: 'default from .apigateway/local.json, else local' }));
  } else if (d.target === 'testInvoke') {
    form.appendChild(el('div', { className: 'row' }, [
      input('REST API id', d.restApiId ?? '', (v) => (d.restApiId = v), { placeholder: 'from .apigateway/deployments.json' }),
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
    for (const name of names) form.appendChild(input(name, d.pathParams[name] ?? '', (v) => (d.pathParams[name] = v)));
  }
  form.appendChild(jsonField('Query string ({"name": "value"} or a list of values)', d.query, (v) => (d.query = toMultiValueMap(v)), 2));
  form.appendChild(jsonField('Headers', d.headers, (v) => (d.headers = toMultiValueMap(v)), 3));
  form.appendChild(textField('Body', d.body, (v) => (d.body = v), 7));
  if (d.target !== 'url') form.appendChild(jsonField('Stage variables', d.stageVariables, (v) => (d.stageVariables = toStringMap(v)), 2));

  const send = el('button', { text: busy ? 'Sending…' : 'Send', attrs: { 'data-testid': 'send', title: 'Send (Ctrl+Enter)' } });
  send.disabled = busy;
  send.addEventListener('click', () => post({ type: 'send', draft: d }));
  const curl = el('button', { className: 'secondary', text: 'Copy as curl' });
  curl.addEventListener('click', () => post({ type: 'copyCurl', draft: d }));
  const reset = el('button', { className: 'secondary', text: 'Reset' });
  reset.addEventListener('click', () => post({ type: 'resetDraft' }));
  form.appendChild(el('div', { className: 'toolbar' }, [send, curl, reset]));
  form.appendChild(notice);
}

function post(message: PanelToInvoke): void {
  notice.textContent = '';
  vscode.postMessage(message);
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
  const badges = el('div', { className: 'toolbar' }, [
    el('span', { className: statusClass(o.status), text: String(o.status), attrs: { 'data-testid': 'status' } }),
    el('span', { className: 'muted', text: `${o.latencyMs.toFixed(1)} ms` }),
    el('span', { className: 'muted', text: o.calledAs }),
  ]);
  output.appendChild(badges);
  const cause = failureCause(o);
  if (cause) output.appendChild(el('div', { className: 'field-error', text: cause, attrs: { 'data-testid': 'failure-cause' } }));
  const tabs = el('div', { className: 'tabs' });
  const headerCount = Object.keys(o.headers).length + Object.keys(o.multiValueHeaders ?? {}).length;
  for (const [name, label] of [['pretty', 'Pretty'], ['raw', 'Raw'], ['headers', `Headers (${headerCount})`], ['log', `Log (${o.log.length})`]] as const) {
    const tab = el('button', { text: label, className: view === name ? 'active' : '' });
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
    const when = new Date(entry.at);
    const what = entry.error !== undefined ? el('span', { className: 'badge bad', text: 'failed', title: entry.error }) : el('span', { className: entry.status !== undefined ? statusClass(entry.status) : 'badge info', text: String(entry.status ?? '') });
    const target = TARGETS.find((t) => t.kind === entry.draft.target)?.label ?? entry.draft.target;
    const rerun = el('button', { className: 'secondary small', text: 'Re-run', title: 'Send this request again' });
    rerun.addEventListener('click', () => post({ type: 'rerun', index }));
    const load = el('button', { className: 'secondary small', text: 'Load', title: 'Put this request in the editors' });
    load.addEventListener('click', () => post({ type: 'restore', index }));
    list.appendChild(el('li', {}, [
      what,
      // The request itself, so that two runs of one operation with other parameters can be told apart.
      el('span', { className: 'history-request', text: `${entry.draft.method} ${pathWithQuery(entry.draft)}` }),
      el('span', { className: 'muted', text: `${when.toLocaleTimeString()} · ${target}${entry.latencyMs !== undefined ? ` · ${entry.latencyMs.toFixed(0)} ms` : ''}` }),
      rerun,
      load,
    ]));
  });
  historyBox.appendChild(list);
}

window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter' && draft && !busy) post({ type: 'send', draft });
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
      renderForm();
      break;
    case 'sending':
      busy = true;
      problem = undefined;
      renderForm();
      renderOutput();
      break;
    case 'result':
      busy = false;
      outcome = message.outcome;
      problem = undefined;
      if (view === 'headers' || view === 'log') view = 'pretty';
      renderForm();
      renderOutput();
      // The answer lands below the request's fields: bring it into view rather than leave it under the fold.
      output.scrollIntoView({ block: 'nearest' });
      break;
    case 'problem':
      busy = false;
      problem = message.message;
      outcome = undefined;
      renderForm();
      renderOutput();
      break;
    case 'history':
      history = message.history;
      renderHistory();
      break;
    case 'notice':
      notice.textContent = message.message;
      break;
  }
});

vscode.postMessage({ type: 'ready' });
