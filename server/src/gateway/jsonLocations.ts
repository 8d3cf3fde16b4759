import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { describeJsonError } from '../model/apiDocument';
import { lineColumn } from '../model/textPositions';

export type JsonPath = Array<string | number>;

export interface TextPosition {
  line: number;
  column: number;
}

export type StrictJson = { value: unknown } | { problem: string; position?: TextPosition };

/**
 * Strict JSON (no comments, no trailing commas), as JSON.parse reads it; a problem is placed by line and column
 * rather than by JSON.parse's character offset.
 */
export function parseStrictJson(text: string): StrictJson {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return firstSyntaxProblem(text) ?? engineProblem(text, message);
  }
}

/**
 * Finds where a value, or with `atKey` its key, stands in the text. The tree is built on first use, only for a file
 * that has something to report; a file nested too deeply for it has no places.
 */
export function jsonLocator(text: string): (path: JsonPath, atKey?: boolean) => TextPosition | undefined {
  let root: Node | undefined | null = null;
  return (path, atKey = false) => {
    if (root === null) {
      try {
        root = parseTree(text) ?? undefined;
      } catch {
        root = undefined;
      }
    }
    const node = root && findNodeAtLocation(root, path);
    if (!node) return undefined;
    const key = atKey && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return lineColumn(text, (key ?? node).offset);
  };
}

function firstSyntaxProblem(text: string): StrictJson | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch {
    // Nesting too deep for this parser; JSON.parse's own message stands.
    return undefined;
  }
  const first = errors[0];
  if (!first) return undefined;
  const { problem, offset } = describeSyntaxError(text, first);
  return { problem, position: lineColumn(text, offset) };
}

function describeSyntaxError(text: string, error: ParseError): { problem: string; offset: number } {
  const code = printParseErrorCode(error.error);
  const at = (problem: string, offset = error.offset) => ({ problem, offset });
  if (code === 'InvalidCommentToken') return at('JSON has no comments');
  if (code === 'UnexpectedEndOfString') return at('a string is not closed');
  if (error.offset >= text.trimEnd().length) return at('the text ends too early');
  if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
    const before = text.slice(0, error.offset).trimEnd();
    if (before.endsWith(',') && /^\s*[}\]]/.test(text.slice(error.offset))) return at('a comma before the closing bracket: JSON allows no trailing comma', before.length - 1);
  }
  if (code === 'InvalidSymbol') {
    if (text[error.offset] === "'") return at('JSON strings and names need double quotes');
    return at(`unexpected ${JSON.stringify(/^[^\s,:{}[\]]{1,20}|^./.exec(text.slice(error.offset))?.[0] ?? '')}`);
  }
  return at(describeJsonError(code).toLowerCase());
}

/** JSON.parse's message, with its character offset (`at position 402`) as a line and column. */
function engineProblem(text: string, message: string): StrictJson {
  const offset = /\bat position (\d+)/.exec(message);
  const problem = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^./, (c) => c.toLowerCase());
  if (!offset) return { problem };
  return { problem, position: lineColumn(text, Number(offset[1])) };
}
