import '../shared/panel.css';
import type { EvaluationResult, EvaluatorToPanel, PanelToEvaluator, TemplateSample } from '../../src/panels/evaluatorMessages';
import { bodyProblem, staleNotice } from '../../src/panels/formFields';
import { autoGrow, clear, el, jsonField, pretty, textField } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';

const vscode = vscodeApi<PanelToEvaluator>();
const app = document.getElementById('app')!;

let sample: TemplateSample = {};
let kind = 'request';
let view: 'pretty' | 'raw' = 'pretty';
let lastResult: EvaluationResult | undefined;
const output = el('div', { className: 'output', attrs: { 'data-testid': 'output-section' } });
const form = el('div', { className: 'sample' });
const columns = el('div', { className: 'columns' });
/** Sample fields whose text does not read: the output shown is from before the edit. */
const invalid = new Map<string, string>();
/** Where the Lambda error payload is shown in place of the body while an errorMessage is set. */
let errorInput: HTMLElement | undefined;

/**
 * In a narrow panel the output is drawn above the sample (it is what changes while either is edited): the DOM
 * follows, so that the tab order goes where the eye does.
 */
const narrow = window.matchMedia('(max-width: 700px)');
function arrangeColumns(): void {
  const order = narrow.matches ? [output, form] : [form, output];
  if (columns.firstChild !== order[0]) for (const part of order) columns.appendChild(part);
}
narrow.addEventListener('change', arrangeColumns);

function changed(): void {
  vscode.postMessage({ type: 'sampleChanged', sample });
}

function edited(field: string, error: string | undefined): void {
  if (error) invalid.set(field, error);
  else invalid.delete(field);
  markStale();
}

/** A JSON field of the sample; `name` is how the stale notice names it. */
function sampleJson(label: string, value: unknown, shape: 'multiValueMap' | 'stringMap' | 'object', set: (value: Record<string, unknown>) => void, rows: number, name = label): HTMLElement {
  return jsonField(label, value, (v) => {
    set(v);
    changed();
  }, { shape, rows, onEdit: (_text, error) => edited(name, error) });
}

function renderSample(label: string, source: string): void {
  clear(app);
  clear(form);
  invalid.clear();
  errorInput = undefined;
  form.appendChild(el('h3', { text: 'Sample request' }));
  const gatewayResponse = kind === 'gatewayResponse';
  if (kind === 'response') form.appendChild(backendFields());
  if (!gatewayResponse) {
    const body = textField(kind === 'response' ? 'Backend response body ($input)' : 'Body ($input.body)', sample.body ?? '', (value) => {
      sample.body = value;
      if (sample.backend) sample.backend.body = value;
      changed();
    }, 6, (value) => bodyProblem(value, kind === 'response' ? 'response' : 'request'));
    body.classList.add('body-field');
    form.appendChild(body);
    errorInput = el('div', { className: 'field lambda-input' });
    form.appendChild(errorInput);
    showLambdaInput();
    const params = sample.params ?? {};
    form.appendChild(sampleJson('Path parameters', params.path, 'stringMap', (v) => (sample.params = { ...sample.params, path: v as Record<string, string> }), 1));
    form.appendChild(sampleJson('Query string', params.querystring, 'multiValueMap', (v) => (sample.params = { ...sample.params, querystring: v as Record<string, string | string[]> }), 1));
    form.appendChild(sampleJson('Headers', params.header, 'multiValueMap', (v) => (sample.params = { ...sample.params, header: v as Record<string, string | string[]> }), 2));
  } else {
    form.appendChild(el('div', { className: 'muted note', text: 'A gateway response template substitutes only $context and $stageVariables: no body or parameters reach it.' }));
  }
  form.appendChild(sampleJson('Stage variables', sample.stageVariables, 'stringMap', (v) => (sample.stageVariables = v as Record<string, string>), 1));
  form.appendChild(sampleJson(gatewayResponse ? 'Context ($context, as API Gateway fills it for this response type)' : 'Context overrides ($context, merged over realistic defaults)', sample.context, 'object', (v) => (sample.context = v), 2, 'Context'));
  const reset = el('button', { className: 'secondary', text: 'Reset sample' });
  reset.addEventListener('click', () => vscode.postMessage({ type: 'resetSample' }));
  form.appendChild(el('div', { className: 'toolbar' }, [reset]));

  const header = el('div', {}, [el('h2', { text: label }), el('div', { className: 'muted subtitle', text: `${source} · ${gatewayResponse ? 'gateway response (variable substitution only)' : `${kind} template`}` })]);
  app.appendChild(header);
  app.appendChild(columns);
  arrangeColumns();
  if (lastResult) renderResult(lastResult);
  else markStale();
}

/** The backend result that selects the integration response: a status, or a Lambda function's error message. */
function backendFields(): HTMLElement {
  const backend = sample.backend ?? { type: 'http', statusCode: 200 };
  const type = el('select', { attrs: { 'aria-label': 'Backend type' } });
  for (const option of ['http', 'lambda', 'mock']) type.appendChild(el('option', { text: option === 'lambda' ? 'Lambda (errorMessage)' : option === 'http' ? 'HTTP status' : 'Mock status', attrs: { value: option } }));
  type.value = backend.type;
  const status = el('input', { attrs: { type: 'number', 'aria-label': 'Backend status code', value: String(backend.statusCode ?? 200) } });
  const errorMessage = el('textarea', { attrs: { 'aria-label': 'Lambda errorMessage', spellcheck: 'false', placeholder: 'Empty: the function succeeded' } });
  errorMessage.value = backend.errorMessage ?? '';
  autoGrow(errorMessage, 2, 10);
  const errorField = el('label', { className: 'field' }, [el('span', { text: 'Lambda errorMessage (the response keys are matched against it)' }), errorMessage]);
  const show = () => {
    status.style.display = type.value === 'lambda' ? 'none' : '';
    errorField.style.display = type.value === 'lambda' ? '' : 'none';
  };
  const update = () => {
    sample.backend = { type: type.value as 'lambda' | 'http' | 'mock', statusCode: Number(status.value) || 200, errorMessage: errorMessage.value === '' ? null : errorMessage.value, body: sample.body };
    show();
    showLambdaInput();
    changed();
  };
  type.addEventListener('change', update);
  status.addEventListener('input', update);
  errorMessage.addEventListener('input', update);
  show();
  return el('div', {}, [
    el('div', { className: 'field' }, [el('span', { text: 'Backend result (selects the integration response)' }), el('div', { className: 'backend-row' }, [type, status])]),
    errorField,
  ]);
}

function lambdaFailed(): boolean {
  return kind === 'response' && sample.backend?.type === 'lambda' && typeof sample.backend.errorMessage === 'string';
}

/** While the function "failed", `$input` is Lambda's error payload, not the body box: the box gives way to the payload. */
function showLambdaInput(): void {
  if (!errorInput) return;
  const failed = lambdaFailed();
  const body = form.querySelector<HTMLElement>('.body-field');
  if (body) body.style.display = failed ? 'none' : '';
  errorInput.style.display = failed ? '' : 'none';
  clear(errorInput);
  if (!failed) return;
  errorInput.appendChild(el('span', { text: '$input: the Lambda error payload (the body is not used while errorMessage is set)' }));
  const payload = lastResult?.input;
  errorInput.appendChild(el('pre', { className: 'rendered', text: payload ? pretty(payload) : '…', attrs: { 'data-testid': 'lambda-input' } }));
}

/** An output computed from a sample that no longer reads is marked as such, naming the field to fix. */
function markStale(): void {
  const stale = staleNotice([...invalid.keys()]);
  output.classList.toggle('stale', !!stale);
  let note = output.querySelector<HTMLElement>('.stale-note');
  if (!stale) {
    note?.remove();
    return;
  }
  if (!note) {
    note = el('div', { className: 'stale-note', attrs: { role: 'status', 'data-testid': 'stale' } });
    output.insertBefore(note, output.children[1] ?? null);
  }
  clear(note);
  note.appendChild(el('span', { className: 'badge warn', text: 'stale' }));
  note.appendChild(document.createTextNode(stale));
}

/** A list of errors or notes, each with a link to its line in the template. */
function appendProblems(title: string, kind: 'errors' | 'notes', problems: EvaluationResult['errors']): void {
  output.appendChild(el('h3', { text: title }));
  const list = el('ul', { className: kind, attrs: { 'data-testid': kind } });
  for (const problem of problems) {
    const item = el('li', { text: `${problem.message} ` });
    if (problem.line !== undefined) {
      const link = el('a', { text: `line ${problem.line}${problem.column ? `:${problem.column}` : ''}`, attrs: { href: '#', role: 'button' } });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        vscode.postMessage({ type: 'revealLine', line: problem.line!, column: problem.column });
      });
      item.appendChild(link);
    }
    list.appendChild(item);
  }
  output.appendChild(list);
}

function renderResult(result: EvaluationResult): void {
  lastResult = result;
  clear(output);
  output.appendChild(el('h3', { text: 'Output' }));
  const badges = el('div', { className: 'toolbar' });
  if (result.gatewayError) badges.appendChild(el('span', { className: 'badge bad', text: `API Gateway answers ${result.gatewayError.status}` }));
  else if (result.jsonValid === true) badges.appendChild(el('span', { className: 'badge ok', text: 'valid JSON' }));
  else if (result.jsonValid === false) badges.appendChild(el('span', { className: 'badge bad', text: 'invalid JSON', title: result.jsonError }));
  if (result.errors.length) badges.appendChild(el('span', { className: 'badge bad', text: `${result.errors.length} error${result.errors.length === 1 ? '' : 's'}` }));
  const notes = result.notes ?? [];
  if (notes.length) badges.appendChild(el('span', { className: 'badge warn', text: `${notes.length} note${notes.length === 1 ? '' : 's'}` }));
  badges.appendChild(el('span', { className: 'muted', text: `${result.durationMs.toFixed(1)} ms` }));
  const tabs = el('div', { className: 'tabs', attrs: { role: 'tablist' } });
  for (const name of ['pretty', 'raw'] as const) {
    const tab = el('button', { text: name === 'pretty' ? 'Pretty' : 'Raw', className: view === name ? 'active' : '', attrs: { role: 'tab', 'aria-selected': String(view === name) } });
    tab.addEventListener('click', () => {
      view = name;
      renderResult(result);
    });
    tabs.appendChild(tab);
  }
  badges.appendChild(tabs);
  output.appendChild(badges);
  if (result.gatewayError) {
    output.appendChild(el('div', { className: 'muted note', text: `API Gateway rejects the request before the template runs and answers ${result.gatewayError.status} with this body, worded as AWS sends it:` }));
  } else if (result.jsonValid === false && result.jsonError) {
    output.appendChild(el('div', { className: 'field-error', text: result.jsonError }));
  }
  const body = result.gatewayError ? result.gatewayError.body : result.output;
  // A template that did not run has no output to show: its errors below say why.
  if (result.gatewayError || body !== '' || !result.errors.length) {
    output.appendChild(el('pre', { className: 'rendered', text: view === 'pretty' ? pretty(body) : body, attrs: { 'data-testid': 'output' } }));
  }

  if (result.errors.length) appendProblems('Errors', 'errors', result.errors);
  if (notes.length) appendProblems('Notes', 'notes', notes);
  if (result.selection) {
    output.appendChild(el('h3', { text: 'Selected integration response' }));
    const selected = result.selection;
    output.appendChild(el('div', { attrs: { 'data-testid': 'selection' }, text: selected.key === undefined ? `No response matches: API Gateway answers ${selected.status}` : `'${selected.key}' → status ${selected.status}${selected.matchesThisTemplate ? '' : ' (a different response than this template)'}` }));
    appendTable(selected.headers);
  }
  const overrides = { ...flatten('requestOverride', result.requestOverride), ...flatten('responseOverride', result.responseOverride) };
  if (Object.keys(overrides).length) {
    output.appendChild(el('h3', { text: 'Overrides' }));
    appendTable(overrides);
  }
  markStale();
  showLambdaInput();
}

function appendTable(values: Record<string, unknown>): void {
  const table = el('table', { className: 'kv' });
  for (const [key, value] of Object.entries(values)) table.appendChild(el('tr', {}, [el('td', { text: key }), el('td', { text: typeof value === 'string' ? value : JSON.stringify(value) })]));
  output.appendChild(table);
}

/** Only the overrides a template actually set, as `responseOverride.header.X` rows. */
function flatten(prefix: string, value: unknown): Record<string, unknown> {
  const rows: Record<string, unknown> = {};
  if (!value || typeof value !== 'object') return rows;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (inner && typeof inner === 'object') Object.assign(rows, flatten(`${prefix}.${key}`, inner));
    else if (inner !== undefined) rows[`${prefix}.${key}`] = inner;
  }
  return rows;
}

window.addEventListener('message', (event: MessageEvent<EvaluatorToPanel>) => {
  const message = event.data;
  if (message.type === 'init') {
    sample = message.sample;
    kind = message.kind;
    renderSample(message.label, message.source);
  } else if (message.type === 'result') {
    renderResult(message.result);
  } else if (message.type === 'problem') {
    clear(output);
    output.appendChild(el('h3', { text: 'Output' }));
    output.appendChild(el('div', { className: 'field-error', text: message.message }));
  }
});

vscode.postMessage({ type: 'ready' });
