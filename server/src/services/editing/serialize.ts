import { lineStart } from '../../model/textChange';

/**
 * Writes small plain values as YAML block text or pretty JSON, for the snippets and edits the editor inserts. Strings
 * are quoted whenever a plain YAML scalar would read back as something else (numbers, booleans, `'static'` values).
 */

const PLAIN_SAFE = /^[A-Za-z_/$][\w\-./{}$* ]*$/;
const YAML_KEYWORDS = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

export function yamlScalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  const s = String(value);
  if (PLAIN_SAFE.test(s) && !s.endsWith(' ') && !YAML_KEYWORDS.test(s)) return s;
  // API Gateway's static values are single-quoted (`'*'`): double quotes carry them as AWS's own examples write them.
  if (s.includes("'") && !/["\\\u0000-\u001f]/.test(s)) return `"${s}"`;
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * A new value for a scalar, written in the scalar's own quoting: JSON always double-quotes; a plain YAML scalar stays
 * plain unless the value would read back as something else.
 */
export function scalarInStyle(value: string, style: 'plain' | 'single' | 'double', json: boolean, isKey = false): string {
  if (json || style === 'double') return JSON.stringify(value);
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  return isKey ? yamlKey(value) : yamlScalar(value);
}

/**
 * A key as YAML text. Mapping keys such as `overwrite:path` stay plain: a colon not followed by a space does not end
 * a plain scalar.
 */
export function yamlKey(key: string): string {
  return /^[A-Za-z][\w\-.]*(?::[\w\-.]+)+$/.test(key) ? key : yamlScalar(key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyCollection(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : isPlainObject(value) && Object.keys(value).length === 0;
}

/**
 * Lines of a YAML block mapping or sequence at the given indentation (no trailing newline). A sequence item's entries
 * line up with its first one, after the dash: `dashWidth` is the dash and the spaces after it, two unless the list
 * being added to writes them otherwise (`-   name:`), whatever the document's indentation step.
 */
export function yamlBlock(value: unknown, indent: string, unit: string, dashWidth = 2): string[] {
  if (Array.isArray(value)) {
    const lines: string[] = [];
    const itemIndent = indent + ' '.repeat(dashWidth);
    for (const item of value) {
      if ((isPlainObject(item) || Array.isArray(item)) && !isEmptyCollection(item)) {
        const inner = yamlBlock(item, itemIndent, unit);
        lines.push(`${indent}-${' '.repeat(dashWidth - 1)}${inner[0].slice(itemIndent.length)}`, ...inner.slice(1));
      } else {
        lines.push(`${indent}- ${yamlInline(item)}`);
      }
    }
    return lines;
  }
  const lines: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    lines.push(...yamlEntry(key, item, indent, unit));
  }
  return lines;
}

/** One `key: value` entry, its nested lines indented one unit deeper. */
export function yamlEntry(key: string, value: unknown, indent: string, unit: string): string[] {
  if ((isPlainObject(value) || Array.isArray(value)) && !isEmptyCollection(value)) {
    return [`${indent}${yamlScalar(key)}:`, ...yamlBlock(value, indent + unit, unit)];
  }
  return [`${indent}${yamlScalar(key)}: ${yamlInline(value)}`];
}

/** A value on one line: a scalar, or a flow collection. */
export function yamlInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlInline).join(', ')}]`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${yamlScalar(k)}: ${yamlInline(v)}`).join(', ')}}`;
  return yamlScalar(value);
}

/** Pretty JSON whose lines after the first start at `indent`. */
export function jsonText(value: unknown, indent: string, unit: string): string {
  return JSON.stringify(value, null, unit).replace(/\n/g, `\n${indent}`);
}

/** JSON on one line, spaced as people write it by hand (`{"a": 1, "b": [2, 3]}`), for objects written on one line. */
export function jsonInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonInline).join(', ')}]`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${jsonInline(v)}`).join(', ')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * The indentation step a document uses: a tab where its indented lines mostly start with tabs (JSON allows them, YAML
 * does not), else the smallest indentation of a line indented by spaces, else two spaces.
 */
export function indentUnit(text: string): string {
  // One completion asks several times of one text; in a text with few indented lines (minified JSON) the search runs
  // to its end, tens of milliseconds for a large definition.
  if (text !== lastIndented.text) lastIndented = { text, unit: findIndentUnit(text) };
  return lastIndented.unit;
}

let lastIndented = { text: '', unit: '  ' };

function findIndentUnit(text: string): string {
  let smallest = Infinity;
  let tabbed = 0;
  let spaced = 0;
  const pattern = /\n([ \t]+)\S/g;
  for (let match = pattern.exec(text), n = 0; match && n < 500; match = pattern.exec(text), n++) {
    if (match[1][0] === '\t') tabbed++;
    else {
      spaced++;
      smallest = Math.min(smallest, /^ */.exec(match[1])![0].length);
    }
  }
  if (tabbed > spaced) return '\t';
  return ' '.repeat(smallest === Infinity || smallest > 8 ? 2 : smallest);
}

/** The line break a document uses: CRLF when its first line ends with one, else LF. */
export function lineBreak(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Text written with LF line breaks, in the document's own: an editor may leave a CRLF file with mixed line ends
 * otherwise (`TextDocument.applyEdits`, the CLI, clients that do not normalise).
 */
export function inLineBreaksOf(text: string, newText: string): string {
  return lineBreak(text) === '\n' || !newText.includes('\n') ? newText : newText.replace(/\r?\n/g, '\r\n');
}

/** A document written on one line (minified JSON): what is inserted into it stays on one line too. */
export function isOneLine(text: string): boolean {
  return !/[\r\n]/.test(text.trimEnd());
}

/** The whitespace at the start of the line containing an offset. */
export function lineIndentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/**
 * The column of an offset on its line, as indentation: the line's own leading whitespace (tabs stay tabs), then a
 * space for each character up to the offset (list dashes count as indentation for what follows them).
 */
export function columnIndentAt(text: string, offset: number): string {
  const prefix = text.slice(lineStart(text, offset), offset);
  const leading = /^[ \t]*/.exec(prefix)![0];
  return leading + ' '.repeat(prefix.length - leading.length);
}
