/**
 * Jayway JsonPath 2.0's path compiler (PathCompiler and its PathComponentAnalyzer), rule for rule: the path is cut
 * into fragments (`$`, `..`, `.name`, `[...]`), and each fragment is read by its first telling character. That
 * reading is loose in places and the quirks are kept, since they decide what a template gets: `$.['a']` is `$['a']`,
 * `["a"]` is not a name (no double quotes in 2.0), `[1 2]` is index 12 and `[1:2:3]` is `[1:2]`. Whatever Jayway
 * refuses (a space between steps, `[::2]`, an unknown bracket) throws JsonPathSyntaxError.
 */
import type { ArrayOperation, CompiledPath, PathToken } from './compiledPath';
import { parseFilter } from './filterParser';

export class JsonPathSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export const SPACE_IN_PATH = 'a space is not allowed between the steps of a path';

/**
 * Compiles a path as Jayway does: trimmed, refused when it ends with `..`, and read as `$.` + path when it does not
 * start with `$` or `@` (so `.` becomes `$..`, a deep scan of nothing). `@` makes a path relative to a filter's item.
 */
export function parsePath(expression: string): CompiledPath {
  const trimmed = expression.trim();
  if (trimmed.endsWith('..')) throw new JsonPathSyntaxError('a path cannot end with a deep scan (..)', trimmed.length - 2);
  const text = trimmed.startsWith('$') || trimmed.startsWith('@') ? trimmed : `$.${trimmed}`;
  const rootPath = text[0] !== '@';
  const path = rootPath ? text : `$${text.slice(1)}`;
  if (path.length > 1 && path[1] !== '.' && path[1] !== '[') {
    throw new JsonPathSyntaxError(`'${path[0]}' must be followed by '.' or '['`, 1);
  }
  const tokens: PathToken[] = [];
  for (let i = 0; i < path.length; ) {
    const { fragment, end } = nextFragment(path, i);
    if (fragment !== undefined) tokens.push(readFragment(fragment, i));
    i = end;
  }
  return { rootPath, tokens, definite: tokens.every(isTokenDefinite) };
}

/** The fragment that starts at `i`, and where the next one starts; a dot before a bracket makes none. */
function nextFragment(path: string, i: number): { fragment?: string; end: number } {
  switch (path[i]) {
    case ' ':
      throw new JsonPathSyntaxError(SPACE_IN_PATH, i);
    case '$':
      return { fragment: '$', end: i + 1 };
    case '[': {
      const end = i + bracketLength(path, i);
      return { fragment: path.slice(i, end), end };
    }
    case '*':
      return { fragment: '[*]', end: i + 1 };
    case '.':
      return afterDot(path, i + 1);
    default: {
      const end = i + nameLength(path, i);
      return { fragment: `['${path.slice(i, end)}']`, end };
    }
  }
}

/** After a dot: a deep scan, a wildcard or a name; nothing when a bracket follows (`$.['a']` is `$['a']`). */
function afterDot(path: string, i: number): { fragment?: string; end: number } {
  if (i >= path.length) throw new JsonPathSyntaxError('a path cannot end with a dot', i - 1);
  if (path[i] === '.') return { fragment: '..', end: i + 1 };
  const length = nameLength(path, i);
  if (length === 0) return { end: i };
  return { fragment: length === 1 && path[i] === '*' ? '[*]' : `['${path.slice(i, i + length)}']`, end: i + length };
}

function isTokenDefinite(token: PathToken): boolean {
  switch (token.kind) {
    case 'root':
    case 'property':
      return true;
    case 'array':
      return token.operation === 'index' || token.operation === 'fromEnd';
    default:
      return false;
  }
}

/** A name runs to the next `.`, `[` or space. */
function nameLength(path: string, from: number): number {
  let i = from;
  while (i < path.length && path[i] !== '.' && path[i] !== '[' && path[i] !== ' ') i++;
  return i - from;
}

/** From `[` to its `]`, counting nested brackets but not quotes; to the end of the path when it never closes. */
function bracketLength(path: string, from: number): number {
  let nested = 0;
  let i = from + 1;
  while (i < path.length) {
    const c = path[i++];
    if (c === ']' && nested === 0) break;
    if (c === '[') nested++;
    if (c === ']') nested--;
  }
  return i - from;
}

/** Jayway's `[?]`, `[?,?]`: filters passed to JsonPath.compile as arguments. */
const FILTER_PLACEHOLDERS = /^\[\s*\?\s*[,\s*?]*?\s*]$/;

/** PathComponentAnalyzer: what one fragment means. `offset` is where it starts in the path, for messages. */
function readFragment(fragment: string, offset: number): PathToken {
  if (fragment === '$') return { kind: 'root' };
  if (fragment === '..') return { kind: 'scan' };
  if (fragment === '[*]') return { kind: 'wildcard' };
  if (fragment === '[?]') return { kind: 'filter', filters: [null] };
  if (FILTER_PLACEHOLDERS.test(fragment)) return { kind: 'filter', filters: [...fragment].filter((c) => c === '?').map(() => null) };
  const reader = new FragmentReader(fragment, offset);
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment[i];
    if (c === '?') return { kind: 'filter', filters: [parseFilter(filterText(fragment, i, offset), offset)] };
    if (c === "'") return { kind: 'property', names: reader.properties(i) };
    if (isDigit(c) || c === ':' || c === '-' || c === '@') return reader.arraySequence(i);
  }
  throw new JsonPathSyntaxError(fragment.endsWith(']') ? `'${fragment}' is neither a name, an index nor a filter` : `missing ']' after '${fragment}'`, offset);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/**
 * The filter's text, from the `[` before the `?` to the `]` that closes it: brackets and parentheses are counted
 * outside single quotes (a quote after a backslash does not count).
 */
function filterText(fragment: string, question: number, offset: number): string {
  const start = fragment.lastIndexOf('[', question);
  let end = 0;
  let inQuotes = false;
  let squareBrackets = 0;
  let parentheses = 0;
  let previous = ' ';
  for (let i = start; end === 0; i++) {
    if (i >= fragment.length) throw new JsonPathSyntaxError(`the filter ${fragment} is not closed`, offset);
    const c = fragment[i];
    if (c === "'" && previous !== '\\') inQuotes = !inQuotes;
    else if (!inQuotes && c === '(') parentheses++;
    else if (!inQuotes && c === ')') parentheses--;
    else if (!inQuotes && c === '[') squareBrackets++;
    else if (!inQuotes && c === ']') {
      squareBrackets--;
      if (parentheses === 0) end = i + 1;
    }
    previous = c;
  }
  if (parentheses !== 0 || squareBrackets !== 0) throw new JsonPathSyntaxError(`the brackets of the filter ${fragment} do not pair up`, offset);
  return fragment.slice(start, end);
}

/** Reads a bracket fragment character by character, as Jayway does; running off its end is a syntax error. */
class FragmentReader {
  private i = 0;

  constructor(
    private readonly fragment: string,
    private readonly offset: number,
  ) {}

  private at(i: number): string {
    if (i >= this.fragment.length) throw new JsonPathSyntaxError(`missing ']' in '${this.fragment}'`, this.offset);
    return this.fragment[i];
  }

  private next(): string {
    return this.at(++this.i);
  }

  /** The names between single quotes up to `]`; a name whose closing quote is missing is dropped. */
  properties(from: number): string[] {
    this.i = from;
    const names: string[] = [];
    let name = '';
    let open = false;
    for (let c = this.at(from); c !== ']'; c = this.next()) {
      if (c === "'") {
        if (open) names.push(name);
        name = '';
        open = !open;
      } else if (open) {
        name += c;
      }
    }
    return names;
  }

  /** Indexes, slices and `(@.length-n)`, with their spaces, commas and minus signs wherever Jayway lets them be. */
  arraySequence(from: number): PathToken {
    this.i = from;
    if (this.fragment[from] === '@') return { kind: 'array', operation: 'fromEnd', numbers: [this.fromEnd()] };
    const numbers: number[] = [];
    let buffer = '';
    let sliceTo = false;
    let sliceFrom = false;
    let sliceBetween = false;
    let indexes = false;
    const isPart = (c: string) => isDigit(c) || c === ',' || c === ' ' || c === ':' || c === '-';
    const isNumberPart = (c: string) => isDigit(c) || c === ' ' || c === '-';
    let c = this.at(from);
    while (isPart(c)) {
      if (c === ':') {
        const first = buffer;
        if (first !== '') numbers.push(this.integer(first));
        buffer = '';
        for (c = this.next(); isNumberPart(c); c = this.next()) if (c !== ' ') buffer += c;
        if (first === '') {
          sliceTo = true;
          numbers.push(this.integer(buffer));
        } else if (buffer === '') {
          sliceFrom = true;
        } else {
          sliceBetween = true;
          numbers.push(this.integer(buffer));
        }
        buffer = '';
      } else if (c === ',') {
        numbers.push(this.integer(buffer));
        buffer = '';
        indexes = true;
      } else if (c !== ' ') {
        buffer += c;
      }
      if (c === ']') break;
      c = this.next();
    }
    if (buffer !== '') numbers.push(this.integer(buffer));
    return { kind: 'array', operation: arrayOperation(numbers.length === 1 && !sliceTo && !sliceFrom, indexes, sliceFrom, sliceTo, sliceBetween), numbers };
  }

  /** `(@.length-n)` or `(@.size()-n)`: the negative number, counted from the list's length. */
  private fromEnd(): number {
    let name = '';
    let c = this.at((this.i += 2));
    for (; c !== '-'; c = this.next()) if (c !== ' ' && c !== '(' && c !== ')') name += c;
    if (name !== 'size' && name !== 'length') {
      throw new JsonPathSyntaxError(`unknown function @.${name}: only [(@.length - n)] and [(@.size() - n)] are supported`, this.offset);
    }
    let number = '';
    for (; c !== ')'; c = this.next()) if (c !== ' ') number += c;
    return this.integer(number);
  }

  /** Integer.parseInt. */
  private integer(text: string): number {
    if (!/^-?\d+$/.test(text) || Math.abs(Number(text)) > 2 ** 31 - (text.startsWith('-') ? 0 : 1)) {
      throw new JsonPathSyntaxError(`'${text}' is not a number in '${this.fragment}'`, this.offset);
    }
    return Number(text);
  }
}

function arrayOperation(single: boolean, indexes: boolean, sliceFrom: boolean, sliceTo: boolean, sliceBetween: boolean): ArrayOperation {
  if (single) return 'index';
  if (indexes) return 'indexes';
  if (sliceFrom) return 'sliceFrom';
  if (sliceTo) return 'sliceTo';
  if (sliceBetween) return 'sliceBetween';
  return 'indexes';
}
