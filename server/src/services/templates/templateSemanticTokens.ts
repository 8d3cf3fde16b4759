/**
 * Semantic tokens for mapping templates. The TextMate grammars cannot tell which YAML block scalar holds a template,
 * nor which `$context` members exist; the server knows both, so it colours templates where they are, in document
 * positions, and leaves everything else to the grammars.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApiDocument } from '../../model/apiDocument';
import { inPlace, type Placement } from '../../model/placement';
import { locateTemplates, type LocatedTemplate } from './locate';
import { resolveReference } from './memberLookup';
import { scanTemplate, type ScannedTemplate } from './templateScanner';
import type { TemplateContentCache, Variant } from './templateContentCache';

/**
 * Only standard LSP token types and modifiers: every theme colours them without the extension declaring custom ones in
 * package.json. `defaultLibrary` is what themes use for built-ins, which is what the API Gateway variables are to a
 * template author; `method` apart from `property` mirrors how themes colour calls in any language.
 */
export const TEMPLATE_TOKEN_TYPES = ['keyword', 'variable', 'property', 'method', 'string', 'number', 'comment'] as const;
export const TEMPLATE_TOKEN_MODIFIERS = ['defaultLibrary'] as const;
export const TEMPLATE_SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TEMPLATE_TOKEN_TYPES], tokenModifiers: [...TEMPLATE_TOKEN_MODIFIERS] };

type TokenType = (typeof TEMPLATE_TOKEN_TYPES)[number];

export interface TemplateToken {
  start: number;
  end: number;
  type: TokenType;
  defaultLibrary?: boolean;
}

/** Template offsets to document offsets; identity for a `.vtl` file. */
type ToDocumentOffset = (templateOffset: number) => number;

const VTL_WORD_OPERATORS = new Set(['in', 'true', 'false', 'null', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge']);

/**
 * A template's coloured runs, each within one document line, as flat quadruples of start and end (document offsets
 * relative to where the scalar's content starts), token type index and modifier bits. Null when the template's
 * positions are approximate: colours would go over the wrong characters, and the grammar's are better than that.
 */
export type TemplateRuns = number[] | null;

/** Colours depend on the template alone. */
const NO_VARIANT: Variant = [];

/**
 * With a cache, templates unchanged since an earlier request (or repeated in the document) are neither decoded nor
 * scanned again: editors ask for every template's colours after each edit.
 */
export function templateSemanticTokens(document: ApiDocument, cache?: TemplateContentCache<TemplateRuns>, placement: Placement = inPlace(document.textDocument)): SemanticTokens {
  const builder = new TokenBuilder(placement.textDocument);
  const source = document.text;
  for (const template of inTextOrder(locateTemplates(document))) {
    const shift = placement.shiftOf(template.node.offset, template.node.end);
    if (shift === undefined) continue;
    const base = template.node.contentOffset;
    const compute = (): TemplateRuns => (template.exactOffsets ? tokenRuns(source, template.text, template.toDocumentOffset, base) : null);
    const runs = cache ? cache.get(source, template.node, NO_VARIANT, compute) : compute();
    if (runs) builder.emit(runs, base + shift);
  }
  return { data: builder.data };
}

/**
 * Templates in the order their texts stand, each once. A definition's walk meets them so; in a bundle (a definition
 * with other files spliced in), a file two paths name is met once per path, and a file's items in the order the
 * definition names them. Tokens must be given in order.
 */
function inTextOrder(templates: LocatedTemplate[]): LocatedTemplate[] {
  let ordered = true;
  for (let i = 1; i < templates.length && ordered; i++) ordered = templates[i - 1].node.offset < templates[i].node.offset;
  if (ordered) return templates;
  const unique = new Map<number, LocatedTemplate>();
  for (const template of templates) if (!unique.has(template.node.offset)) unique.set(template.node.offset, template);
  return [...unique.values()].sort((a, b) => a.node.offset - b.node.offset);
}

export function standaloneTemplateSemanticTokens(textDocument: TextDocument): SemanticTokens {
  const text = textDocument.getText();
  const builder = new TokenBuilder(textDocument);
  builder.emit(tokenRuns(text, text, (offset) => offset, 0), 0);
  return { data: builder.data };
}

/**
 * The tokens of a template in template offsets, sorted and disjoint. A string literal may hold interpolated references
 * and a reference's arguments hold strings, so tokens are painted per character, innermost last, and read back as runs.
 */
export function tokenize(text: string): TemplateToken[] {
  const scanned = scanTemplate(text);
  const candidates: TemplateToken[] = [];
  for (const [start, end] of codeRanges(scanned)) candidates.push(...codeWords(text, start, end));
  for (const literal of scanned.strings) candidates.push({ start: literal.start, end: literal.end, type: 'string' });
  for (const reference of scanned.references) {
    const resolution = resolveReference(reference);
    candidates.push({ start: reference.start, end: reference.rootEnd, type: 'variable', defaultLibrary: resolution ? true : undefined });
    for (const { segment, member } of resolution?.resolved ?? []) {
      // `['name']` keeps its string colour: the brackets and quotes are not a member name.
      if (segment.bracket) continue;
      candidates.push({ start: segment.start, end: segment.start + segment.name.length, type: member.kind === 'method' ? 'method' : 'property' });
    }
  }
  for (const directive of scanned.directives) candidates.push({ start: directive.start, end: directive.nameEnd, type: 'keyword' });
  for (const comment of scanned.comments) {
    // `#[[ ... ]]#` is output copied verbatim, not a comment.
    if (!text.startsWith('#[[', comment.start)) candidates.push({ start: comment.start, end: comment.end, type: 'comment' });
  }
  return paint(text.length, candidates);
}

/** The inside of directive parentheses and call arguments: where numbers and word operators are code, not output. */
function codeRanges(scanned: ScannedTemplate): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const d of scanned.directives) if (d.open !== undefined) ranges.push([d.open + 1, d.close ?? Number.MAX_SAFE_INTEGER]);
  for (const r of scanned.references) {
    for (const s of r.segments) if (s.call) ranges.push([s.call.open + 1, s.call.close < 0 ? Number.MAX_SAFE_INTEGER : s.call.close]);
  }
  return ranges;
}

function codeWords(text: string, start: number, end: number): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  const pattern = /[A-Za-z_$][A-Za-z0-9_]*|-?\d+(?:\.\d+)?/g;
  const code = text.slice(start, Math.min(end, text.length));
  for (const match of code.matchAll(pattern)) {
    const at = start + (match.index ?? 0);
    const word = match[0];
    // A name after a dot is a member of something the catalog does not know, whatever it is called.
    if (text[at - 1] === '.' && !/^-?\d/.test(word)) continue;
    // A minus after an operand is subtraction, not a sign.
    const subtraction = word.startsWith('-') && /[A-Za-z0-9_)\]]\s*$/.test(text.slice(Math.max(0, at - 20), at));
    const tokenStart = subtraction ? at + 1 : at;
    if (/^-?\d/.test(word)) tokens.push({ start: tokenStart, end: at + word.length, type: 'number' });
    else if (VTL_WORD_OPERATORS.has(word)) tokens.push({ start: at, end: at + word.length, type: 'keyword' });
  }
  return tokens;
}

/** Later candidates win where they overlap earlier ones. */
function paint(length: number, candidates: TemplateToken[]): TemplateToken[] {
  const owner = new Int32Array(length).fill(-1);
  candidates.forEach((token, index) => owner.fill(index, Math.max(0, token.start), Math.min(length, token.end)));
  const tokens: TemplateToken[] = [];
  let i = 0;
  while (i < length) {
    const index = owner[i];
    let j = i + 1;
    while (j < length && owner[j] === index) j++;
    if (index >= 0) tokens.push({ ...candidates[index], start: i, end: j });
    i = j;
  }
  return tokens;
}

/**
 * A template's tokens as runs of document characters. A token must stay on one document line, and one template line
 * is not always one document line (a folded flow scalar breaks lines, an escape spans several characters), so each
 * token is cut wherever its characters stop being contiguous in the document.
 */
function tokenRuns(source: string, text: string, toDocumentOffset: ToDocumentOffset, base: number): number[] {
  const runs: number[] = [];
  const isLineBreak = (offset: number) => source[offset] === '\n' || source[offset] === '\r';
  for (const token of tokenize(text)) {
    const type = TEMPLATE_TOKEN_TYPES.indexOf(token.type);
    const modifiers = token.defaultLibrary ? 1 : 0;
    let runStart = -1;
    let runEnd = -1;
    for (let i = token.start; i < token.end; i++) {
      const start = toDocumentOffset(i);
      // A template line break is a document line break or an escape; neither needs a colour.
      if (text[i] === '\n' || isLineBreak(start)) continue;
      // The run ends with the line holding its start.
      let end = toDocumentOffset(i + 1);
      for (let k = start; k < end; k++) {
        if (isLineBreak(k)) {
          end = k;
          break;
        }
      }
      if (start === runEnd) {
        runEnd = end;
        continue;
      }
      if (runStart >= 0) runs.push(runStart - base, runEnd - base, type, modifiers);
      runStart = start;
      runEnd = end;
    }
    if (runStart >= 0) runs.push(runStart - base, runEnd - base, type, modifiers);
  }
  return runs;
}

/**
 * Encodes runs relative to one another, as LSP wants them. Runs come in document order, mostly a few characters
 * apart: the line breaks between two near runs are counted rather than the line searched for again.
 */
class TokenBuilder {
  readonly data: number[] = [];
  private readonly text: string;
  private line = 0;
  private character = 0;
  private offset = -1;
  private lineStart = 0;

  constructor(private readonly textDocument: TextDocument) {
    this.text = textDocument.getText();
  }

  emit(runs: number[], base: number): void {
    for (let i = 0; i < runs.length; i += 4) {
      const start = runs[i] + base;
      const line = this.moveTo(start);
      const character = start - this.lineStart;
      const deltaLine = line - this.line;
      this.data.push(deltaLine, deltaLine === 0 ? character - this.character : character, runs[i + 1] - runs[i], runs[i + 2], runs[i + 3]);
      this.line = line;
      this.character = character;
    }
  }

  /** The line of `offset`, which is at or after the previous one; `lineStart` follows. */
  private moveTo(offset: number): number {
    let line = this.line;
    if (this.offset < 0 || offset - this.offset > NEAR) {
      const position = this.textDocument.positionAt(offset);
      line = position.line;
      this.lineStart = offset - position.character;
    } else {
      // Line breaks as the text document counts them: LF, CRLF and a lone CR.
      for (let k = this.offset; k < offset; k++) {
        const c = this.text.charCodeAt(k);
        if (c === 10 || (c === 13 && this.text.charCodeAt(k + 1) !== 10)) {
          line++;
          this.lineStart = k + 1;
        }
      }
    }
    this.offset = offset;
    return line;
  }
}

/** Runs closer than this are placed by counting the line breaks between them. */
const NEAR = 512;
