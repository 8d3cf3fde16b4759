import { TextDocument, type Range } from 'vscode-languageserver-textdocument';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { DocumentFormat, SyntaxProblem, ValueNode } from './nodes';
import { buildTree, type KeysNoted } from './yamlTree';
import { recoverTree } from './recoveryTree';
import { getValue, toValue } from './navigate';
import { STAR } from './charCodes';
import { jsonErrorProblems } from './jsonErrors';
export { looksLikeApiDefinition } from './definitionKeys';

export type SpecKind = 'openapi' | 'swagger' | 'unknown';

/** A parsed API definition: the source text, the node tree and what it is. */
export class ApiDocument {
  readonly kind: SpecKind;
  /** The `openapi` / `swagger` version string, e.g. `3.0.1` or `2.0`. */
  readonly specVersion: string | undefined;
  /**
   * The text this tree was built from. Editors update a TextDocument in place, so the text is kept here: the next
   * version is re-parsed by comparing against it.
   */
  readonly text: string;
  private plainValue: unknown;
  private hasPlainValue = false;
  /** What the parser noted of this tree as it built it, for the one walk of the tree a validation takes otherwise. */
  noted: KeysNoted | undefined;

  constructor(
    readonly textDocument: TextDocument,
    readonly format: DocumentFormat,
    readonly root: ValueNode | undefined,
    readonly problems: SyntaxProblem[],
    /** Nodes the tree holds as copies made for aliases, which the alias budget limits. */
    readonly aliasNodes = 0,
    /**
     * The text does not parse, and the tree is what a forgiving parser made of it: good for hover, completion and
     * navigation, not for validation, which reports the syntax error alone.
     */
    readonly recovered = false,
  ) {
    this.text = textDocument.getText();
    const openapi = getValue(root, 'openapi');
    const swagger = getValue(root, 'swagger');
    if (openapi) {
      this.kind = 'openapi';
      this.specVersion = scalarText(openapi, this.text);
    } else if (swagger) {
      this.kind = 'swagger';
      this.specVersion = scalarText(swagger, this.text);
    } else {
      this.kind = 'unknown';
    }
  }

  get uri(): string {
    return this.textDocument.uri;
  }

  /** The editor's range of a node or any span of offsets. */
  rangeOf(span: { offset: number; end: number }): Range {
    return { start: this.textDocument.positionAt(span.offset), end: this.textDocument.positionAt(span.end) };
  }


  /** OpenAPI 3.x (`openapi: 3.*`). */
  get isOpenApi3(): boolean {
    return this.kind === 'openapi';
  }

  /** The whole document as plain JavaScript values, built once. */
  get value(): unknown {
    if (!this.hasPlainValue) {
      this.plainValue = toValue(this.root);
      this.hasPlainValue = true;
    }
    return this.plainValue;
  }
}

function scalarText(node: ValueNode, text: string): string | undefined {
  if (node.type === 'object' || node.type === 'array') return undefined;
  // `swagger: 2.0` unquoted is the number 2 to YAML, but it is written, and meant, as "2.0".
  if (node.type === 'number' && node.contentOffset >= 0 && node.contentEnd <= text.length) return text.slice(node.contentOffset, node.contentEnd);
  return node.value === null ? undefined : String(node.value);
}

/**
 * A node a YAML alias copies (an entry of it, or one merged from it by `<<`) stands where the alias is written: text
 * written there would break the alias, and the anchored original is what the edit would have to change.
 */
export function isAliasCopy(document: ApiDocument, node: { offset: number }): boolean {
  return document.text.charCodeAt(node.offset) === STAR;
}

/** YAML or JSON, from the language id or the file name, else from the first character. */
export function detectFormat(uri: string, languageId: string | undefined, text: string): DocumentFormat {
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'yaml') return 'yaml';
  if (/\.json$/i.test(uri)) return 'json';
  if (/\.ya?ml$/i.test(uri)) return 'yaml';
  const first = text.match(/^\s*(\S)/)?.[1];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Parses a definition; a text that does not parse has no tree here (see `withRecoveredTree`). */
export function parseApiDocument(textDocument: TextDocument): ApiDocument {
  const text = textDocument.getText();
  const format = detectFormat(textDocument.uri, textDocument.languageId, text);
  const binary = findBinaryContent(text);
  if (binary !== undefined) {
    return new ApiDocument(textDocument, format, undefined, [
      { message: BINARY_CONTENT_MESSAGE, offset: binary, end: binary + 1, code: 'binary-content' },
    ]);
  }
  // The JSON parser's findings replace the YAML parser's on a JSON document, which need not be explained.
  const { root, problems, aliasNodes, yamlError, noted, strictJson } = buildTree(text, undefined, { explainSyntaxErrors: format !== 'json' });
  if (format === 'json') {
    // A text the YAML parser read as strict JSON needs no second parse to be known for JSON.
    const json = strictJson ? [] : jsonSyntaxProblems(text);
    // The JSON parser's messages name the JSON mistake; the YAML parser's, on the same text, only repeat it less clearly.
    if (json.length) return new ApiDocument(textDocument, format, root, problems.filter((p) => p.code !== 'yaml-syntax').concat(json), aliasNodes);
    // Valid JSON the tree builder refused went past one of its limits (nesting depth), which is no YAML mistake. It
    // stays a finding that stops the run, since the document was not checked at all.
    if (!root && problems.some((p) => p.code === 'yaml-syntax')) return new ApiDocument(textDocument, format, root, [beyondLimits(problems, yamlError?.reason)], aliasNodes);
  }
  const document = new ApiDocument(textDocument, format, root, problems, aliasNodes);
  document.noted = noted;
  return document;
}

function beyondLimits(problems: SyntaxProblem[], reason: string | undefined): SyntaxProblem {
  const problem = problems.find((p) => p.code === 'yaml-syntax')!;
  const depth = /maxDepth \((\d+)\)/.exec(reason ?? '')?.[1];
  const limit = depth ? `nesting deeper than ${depth} levels, the most the checker reads` : `more than the checker reads (${problem.message.replace(/\.$/, '')})`;
  return { ...problem, code: 'json-syntax', message: `JSON: ${limit}; the document is valid JSON, but it was not checked.` };
}

/** The finding on a file with NUL characters, which the editor and the command line both report. */
export const BINARY_CONTENT_MESSAGE = 'This file is not text (it contains NUL characters); it cannot be an API definition.';

export function findBinaryContent(text: string): number | undefined {
  const limit = Math.min(text.length, 8192);
  for (let i = 0; i < limit; i++) {
    if (text.charCodeAt(i) === 0) return i;
  }
  return undefined;
}

/**
 * JSON is checked as JSON as well: YAML's flow syntax accepts things JSON does not (trailing commas, comments,
 * unquoted keys). JSON.parse is fast; only a failing document pays for the detailed error list.
 */
function jsonSyntaxProblems(text: string): SyntaxProblem[] {
  try {
    // A byte order mark is not JSON, but editors and files carry one; it says nothing about the document.
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return [];
  } catch {
    const errors: ParseError[] = [];
    try {
      parseJsonc(text, errors, JSON_ONLY);
    } catch {
      // jsonc-parser recurses per nesting level: thousands of unclosed brackets overflow its stack.
      return [{ message: 'JSON: Nesting too deep to check; an API definition nests a few dozen levels at most.', offset: 0, end: Math.min(1, text.length), code: 'json-syntax' }];
    }
    return jsonErrorProblems(errors, text);
  }
}

/** What the JSON parser is told: JSON as RFC 8259 has it. */
export const JSON_ONLY = { allowTrailingComma: false, disallowComments: true };

/** A JSON parser's error code (`CommaExpected`) in words (`Comma expected`). */
export function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

/** The same document with the tree a forgiving parser makes of its text, when it does not parse; else itself. */
export function withRecoveredTree(document: ApiDocument): ApiDocument {
  if (document.root || !document.problems.length) return document;
  const recovered = recoverTree(document.text, document.format);
  return recovered ? new ApiDocument(document.textDocument, document.format, recovered, document.problems, 0, true) : document;
}
