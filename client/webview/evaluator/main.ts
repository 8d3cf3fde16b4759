import '../shared/panel.css';
import type { EvaluationResult, EvaluatorToPanel, PanelToEvaluator, TemplateSample } from '../../src/panels/evaluatorMessages';
import { clear, el, jsonField, pretty, textField } from '../shared/dom';
import { vscodeApi } from '../shared/vscodeApi';

const vscode = vscodeApi<PanelToEvaluator>();
const app = document.getElementById('app')!;

let sample: TemplateSample = {};
let kind = 'request';
let view: 'pretty' | 'raw' = 'pretty';
let lastResult: EvaluationResult | undefined;
const output = el('div', { className: 'output' });

function changed(): void {
  vscode.postMessage({ type: 'sampleChanged', sample });
}

function renderSample(label: string, source: string): void {
  clear(app);
  const form = el('div', { className: 'sample' });
  form.appendChild(el('h3', { text: 'Sample request' }));
  if (kind === 'response') {
    const backend = sample.backend ?? { type: 'http', statusCode: 200 };
    const type = el('select', { attrs: { 'aria-label': 'Backend type' } });
    for (const option of ['http', 'lambda', 'mock']) type.appendChild(el('option', { text: option === 'lambda' ? 'Lambda (errorMessage)' : option === 'http' ? 'HTTP status' : 'Mock status', attrs: { value: option } }));
    type.value = backend.type;
    const status = el('input', { attrs: { type: 'number', 'aria-label': 'Backend status code', value: String(backend.statusCode ?? 200) } });
    const errorMessage = el('input', { attrs: { type: 'text', 'aria-label': 'Lambda errorMessage', placeholder: 'errorMessage (empty: success)', value: backend.errorMessage ?? '' } });
    const update = () => {
      sample.backend = { type: type.value as 'lambda' | 'http' | 'mock', statusCode: Number(status.value) || 200, errorMessage: errorMessage.value === '' ? null : errorMessage.value };
      status.style.display = type.value === 'lambda' ? 'none' : '';
      errorMessage.style.display = type.value === 'lambda' ? '' : 'none';
      changed();
    };
    type.addEventListener('change', update);
    status.addEventListener('input', update);
    errorMessage.addEventListener('input', update);
    status.style.display = backend.type === 'lambda' ? 'none' : '';
    errorMessage.style.display = backend.type === 'lambda' ? '' : 'none';
    form.appendChild(el('div', { className: 'field' }, [el('span', { text: 'Backend result (selects the integration response)' }), el('div', { className: 'toolbar' }, [type, status, errorMessage])]));
  }
  form.appendChild(textField(kind === 'response' ? 'Backend response body ($input)' : 'Body ($input.body)', sample.body ?? '', (value) => {
    sample.body = value;
    if (sample.backend) sample.backend.body = value;
    changed();
  }, 8));
  const params = sample.params ?? {};
  form.appendChild(jsonField('Path parameters', params.path, (v) => { sample.params = { ...sample.params, path: v as Record<string, string> }; changed(); }, 2));
  form.appendChild(jsonField('Query string', params.querystring, (v) => { sample.params = { ...sample.params, querystring: v as Record<string, string> }; changed(); }, 2));
  form.appendChild(jsonField('Headers', params.header, (v) => { sample.params = { ...sample.params, header: v as Record<string, string> }; changed(); }, 3));
  form.appendChild(jsonField('Stage variables', sample.stageVariables, (v) => { sample.stageVariables = v as Record<string, string>; changed(); }, 2));
  form.appendChild(jsonField('Context overrides ($context, merged over realistic defaults)', sample.context, (v) => { sample.context = v as Record<string, unknown>; changed(); }, 3));
  const reset = el('button', { className: 'secondary', text: 'Reset sample' });
  reset.addEventListener('click', () => vscode.postMessage({ type: 'resetSample' }));
  form.appendChild(el('div', { className: 'toolbar' }, [reset]));

  const header = el('div', {}, [el('h2', { text: label }), el('div', { className: 'muted', text: `${source} · ${kind === 'gatewayResponse' ? 'gateway response (variable substitution only)' : `${kind} template`}` })]);
  app.appendChild(header);
  app.appendChild(el('div', { className: 'columns' }, [form, output]));
  if (lastResult) renderResult(lastResult);
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
  badges.appendChild(el('span', { className: 'muted', text: `${result.durationMs.toFixed(1)} ms` }));
  const tabs = el('div', { className: 'tabs' });
  for (const name of ['pretty', 'raw'] as const) {
    const tab = el('button', { text: name === 'pretty' ? 'Pretty' : 'Raw', className: view === name ? 'active' : '' });
    tab.addEventListener('click', () => {
      view = name;
      renderResult(result);
    });
    tabs.appendChild(tab);
  }
  badges.appendChild(tabs);
  output.appendChild(badges);
  if (result.jsonValid === false && result.jsonError) output.appendChild(el('div', { className: 'field-error', text: result.jsonError }));
  const body = result.gatewayError ? result.gatewayError.body : result.output;
  output.appendChild(el('pre', { className: 'rendered', text: view === 'pretty' ? pretty(body) : body, attrs: { 'data-testid': 'output' } }));

  if (result.errors.length) {
    output.appendChild(el('h3', { text: 'Errors' }));
    const list = el('ul', { className: 'errors' });
    for (const error of result.errors) {
      const item = el('li', { text: `${error.message} ` });
      if (error.line !== undefined) {
        const link = el('a', { text: `line ${error.line}${error.column ? `:${error.column}` : ''}` });
        link.addEventListener('click', () => vscode.postMessage({ type: 'revealLine', line: error.line!, column: error.column }));
        item.appendChild(link);
      }
      list.appendChild(item);
    }
    output.appendChild(list);
  }
  if (result.selection) {
    output.appendChild(el('h3', { text: 'Selected integration response' }));
    const selected = result.selection;
    output.appendChild(el('div', { text: selected.key === undefined ? `No response matches: API Gateway answers ${selected.status}` : `'${selected.key}' → status ${selected.status}${selected.matchesThisTemplate ? '' : ' (a different response than this template)'}` }));
    appendTable(selected.headers);
  }
  const overrides = { ...flatten('requestOverride', result.requestOverride), ...flatten('responseOverride', result.responseOverride) };
  if (Object.keys(overrides).length) {
    output.appendChild(el('h3', { text: 'Overrides' }));
    appendTable(overrides);
  }
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
