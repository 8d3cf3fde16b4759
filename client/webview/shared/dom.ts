/** Tiny DOM helpers for the panels. Text always goes in through textContent: nothing shown is ever parsed as HTML. */
import { fitRows, parseJsonField, type FieldParse, type FieldShape } from '../../src/panels/formFields';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; title?: string; attrs?: Record<string, string> } = {}, children: (Node | null | undefined)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title) node.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Most lines a text box grows to before it scrolls: long bodies stay usable without pushing the rest away. */
const MAX_ROWS = 20;

/**
 * A text box that grows with its text between `minRows` and MAX_ROWS. The stylesheet sizes it to its content where
 * the browser can (`field-sizing`); the row count is the fallback and the starting size.
 */
export function autoGrow(area: HTMLTextAreaElement, minRows: number, maxRows = MAX_ROWS): void {
  area.style.setProperty('--min-rows', String(minRows));
  area.style.setProperty('--max-rows', String(maxRows));
  const fit = () => (area.rows = fitRows(area.value, minRows, maxRows));
  fit();
  area.addEventListener('input', fit);
}

export interface JsonFieldOptions {
  shape: FieldShape;
  rows?: number;
  /** The text to show instead of the value's JSON: what the user typed, kept across re-renders even while invalid. */
  text?: string;
  /** Told the typed text and whether it is usable (undefined) or why not, on every edit. */
  onEdit?(text: string, error: string | undefined): void;
  testId?: string;
}

/**
 * A labelled textarea holding JSON of a given shape, with its own validity message. An invalid text never replaces
 * the value: `onChange` hears only texts that read as the shape.
 */
export function jsonField(label: string, value: unknown, onChange: (value: Record<string, unknown>) => void, options: JsonFieldOptions): HTMLElement {
  const area = el('textarea', { attrs: { spellcheck: 'false', 'aria-label': label } });
  if (options.testId) area.setAttribute('data-testid', options.testId);
  area.value = options.text ?? JSON.stringify(value ?? {}, null, 2);
  const message = el('div', { className: 'field-error', attrs: { 'aria-live': 'polite' } });
  const show = (parsed: FieldParse<unknown>): void => {
    message.textContent = parsed.ok ? '' : parsed.error;
    area.classList.toggle('invalid', !parsed.ok);
    area.setAttribute('aria-invalid', String(!parsed.ok));
  };
  area.addEventListener('input', () => {
    const parsed = parseJsonField(area.value, options.shape);
    show(parsed);
    if (parsed.ok) onChange(parsed.value);
    options.onEdit?.(area.value, parsed.ok ? undefined : parsed.error);
  });
  // A text kept from before a re-render may be the invalid one: its message comes back with it. A valid one is left
  // as a new field starts, without an aria-invalid attribute.
  if (options.text !== undefined) {
    const parsed = parseJsonField(area.value, options.shape);
    if (!parsed.ok) show(parsed);
  }
  autoGrow(area, options.rows ?? 2);
  return el('label', { className: 'field' }, [el('span', { text: label }), area, message]);
}

export function textField(label: string, value: string, onChange: (value: string) => void, rows = 6, check?: (value: string) => string | undefined): HTMLElement {
  const area = el('textarea', { attrs: { spellcheck: 'false', 'aria-label': label } });
  area.value = value;
  const message = el('div', { className: 'field-warning', attrs: { 'aria-live': 'polite' } });
  const validate = () => {
    const problem = check?.(area.value);
    message.textContent = problem ?? '';
    area.classList.toggle('warned', !!problem);
  };
  area.addEventListener('input', () => {
    onChange(area.value);
    validate();
  });
  validate();
  autoGrow(area, rows);
  return el('label', { className: 'field' }, [el('span', { text: label }), area, message]);
}

/** JSON text pretty-printed when it parses, else as it came. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
