/** Tiny DOM helpers for the panels. Text always goes in through textContent: nothing shown is ever parsed as HTML. */

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

/** A labelled textarea holding JSON, with its own validity message. */
export function jsonField(label: string, value: unknown, onChange: (value: unknown) => void, rows = 3): HTMLElement {
  const area = el('textarea', { attrs: { rows: String(rows), spellcheck: 'false', 'aria-label': label } });
  area.value = JSON.stringify(value ?? {}, null, 2);
  const message = el('div', { className: 'field-error' });
  area.addEventListener('input', () => {
    try {
      const parsed = area.value.trim() === '' ? {} : JSON.parse(area.value);
      message.textContent = '';
      area.classList.remove('invalid');
      onChange(parsed);
    } catch (error) {
      message.textContent = `Not valid JSON: ${(error as Error).message}`;
      area.classList.add('invalid');
    }
  });
  return el('label', { className: 'field' }, [el('span', { text: label }), area, message]);
}

export function textField(label: string, value: string, onChange: (value: string) => void, rows = 6): HTMLElement {
  const area = el('textarea', { attrs: { rows: String(rows), spellcheck: 'false', 'aria-label': label } });
  area.value = value;
  area.addEventListener('input', () => onChange(area.value));
  return el('label', { className: 'field' }, [el('span', { text: label }), area]);
}

/** JSON text pretty-printed when it parses, else as it came. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
