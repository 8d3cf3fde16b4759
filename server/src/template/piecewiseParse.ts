/**
 * velocityjs's parser, run on pieces of a long template. Its grammar collects statements by copying the list so far
 * for each one (`statements: statements statement` builds `[].concat(...)`), so a parse costs the square of the
 * statement count: 20,000 references, or 20,000 `$` that start none (`$5`, each its own statement), take seconds,
 * and a 300 KB template minutes. The grammar's statements are flat (`#if` and `#end` are statements like any other;
 * velocityjs nests blocks afterwards), and wherever its lexer is back in its initial state, or a reference follows
 * another (`$a$b`), one statement has ended and the next begins, so the template is cut there, each piece is parsed
 * alone, and the pieces' statements are joined and nested as velocityjs nests them.
 */
import { parse } from 'velocityjs';
import type { VelocityNode, VelocityTree } from './syntax';
import { MAX_STATEMENT_TOKENS } from './limits';
import { lexTemplate, Rule } from './velocityLexer';
import { forEachLocation, type TreeLocation as Location } from './treeWalks';

/** Statement starts per piece: a piece's own quadratic cost stays small, the per-piece overhead too. */
const PIECE_STATEMENTS = 64;

/** Balances a piece for velocityjs, which nests blocks itself: `#if(true)` opens what an `#end` of the piece closes. */
const OPEN = '#if(true)';
const CLOSE = '#end';

/**
 * velocityjs's custom block directives, of which there are none. Without a prototype, so that a call to a macro named
 * as a member every object has (`#constructor()`, `#toString()`) stays a macro call: with `{}` velocityjs found
 * `constructor` among the custom blocks and made the call a node of type `constructor`.
 */
const NO_BLOCK_MACROS: Record<string, never> = Object.create(null);

interface Piece {
  start: number;
  /** velocityjs's position (1-based line, 0-based column) where the piece starts, as its lexer counts. */
  line: number;
  column: number;
  /** `#end`s of the piece closing blocks opened before it. */
  opens: number;
  /** Blocks the piece leaves open. */
  closes: number;
  /** Of the last piece: whether it ends with a `##` comment. */
  endsInComment?: boolean;
  /** Whether velocityjs must read the text from the piece's start as a template of its own (lexTemplate's `fresh`). */
  fresh?: boolean;
}

/**
 * `parse(text, undefined, false)`, in pieces. `lexText` is the same text before string literals were rewritten for
 * velocityjs (same length, same token extents for velocityjs): the copy of its lexer reads that one. Every piece is
 * parsed with its blocks balanced, the last one too: velocityjs nests the blocks of a template that leaves some open
 * in time exponential in their number.
 */
export function parseVelocity(text: string, lexText: string = text, clock?: () => void): VelocityTree {
  return parseInPieces(text, lexText, PIECE_STATEMENTS, clock);
}

/** A statement longer than MAX_STATEMENT_TOKENS, which is refused before velocityjs's parser would take seconds on it. */
export class StatementTooLong extends Error {
  constructor(
    /** Where the statement starts in the text. */
    readonly offset: number,
    readonly tokens: number,
  ) {
    super(`A statement of ${tokens} tokens`);
  }
}

/**
 * `parseVelocity` with at most about `size` statements per piece; exported for tests. `clock` is called before each
 * piece, and throws to stop a parse that has taken too long.
 */
export function parseInPieces(text: string, lexText: string, size: number, clock?: () => void): VelocityTree {
  const pieces = cutPieces(lexText, size);
  const flat: Array<VelocityNode | string> = [];
  for (let p = 0; p < pieces.length; p++) {
    clock?.();
    let piece = pieces[p];
    let tree = tryParse(text, piece, p + 1 < pieces.length ? pieces[p + 1].start : text.length, true);
    if (tree === undefined) {
      // The error may lie in the look-ahead past the piece: the rest parsed at once fails as the whole template
      // would, and the parse stops at the error, so the cost stays that of the statements before it. The rest ends
      // where velocityjs must start afresh, which it cannot read in one with what comes before.
      let until = p + 1;
      while (until < pieces.length && !pieces[until].fresh) until++;
      const end = until < pieces.length ? pieces[until].start : text.length;
      piece = joinPieces(pieces.slice(p, until));
      p = until - 1;
      tree = tryParse(text, piece, end, true);
      if (tree === undefined) {
        // Or in what the balancing `#end`s stand for: the real end of the template, or of the text read in one.
        tree = tryParse(text, piece, end, false, true)!;
        piece = { ...piece, closes: 0 };
      }
    }
    const statements: Array<VelocityNode | string> = [];
    flatten(tree, statements);
    const own = statements.slice(piece.opens, statements.length - piece.closes);
    if (piece.closes > 0 && piece.endsInComment) own.pop();
    // Blocks the last piece leaves open stay closed: velocityjs's nesting of unclosed blocks takes exponential time,
    // and a template with them is refused anyway.
    if (p + 1 >= pieces.length) for (let k = 0; k < piece.closes; k++) own.push(END);
    if (piece.start > 0 || piece.opens > 0) forEachLocation(own, (location) => shiftLocation(location, piece));
    for (const statement of own) flat.push(statement);
  }
  return nestBlocks(flat, 0)[0];
}

/** The piece's tree, its blocks balanced or not; undefined when it fails to parse, unless `fail`: then the error, placed in the template. */
function tryParse(text: string, piece: Piece, end: number, balance: boolean, fail = false): VelocityTree | undefined {
  let tail = '';
  if (balance && piece.closes > 0) {
    // A template ending with `#` fails there, and would not before an `#end`; a `##` comment would take it in.
    if (end === text.length && text.endsWith('#')) return undefined;
    tail = (piece.endsInComment ? '\n' : '') + CLOSE.repeat(piece.closes);
  }
  const source = OPEN.repeat(piece.opens) + text.slice(piece.start, end) + tail;
  try {
    return parse(source, NO_BLOCK_MACROS, false) as unknown as VelocityTree;
  } catch (error) {
    if (!fail) return undefined;
    const loc = (error as { hash?: { loc?: Location } }).hash?.loc;
    if (loc) shiftLocation(loc, piece);
    throw error;
  }
}

function joinPieces(pieces: Piece[]): Piece {
  const joined = { ...pieces[0], endsInComment: pieces[pieces.length - 1].endsInComment };
  for (const piece of pieces.slice(1)) {
    const closed = Math.min(joined.closes, piece.opens);
    joined.opens += piece.opens - closed;
    joined.closes += piece.closes - closed;
  }
  return joined;
}

/** Block openers and `#end` as velocityjs's lexer reads them (in the directive state). */
const OPENERS = new Set<number>([Rule.If, Rule.Foreach, 17 /* noescape */, Rule.Define, Rule.Macro, Rule.BlockMacroHash]);
const ENDS = new Set<number>([13, 14]);
/** A line break as velocityjs's lexer counts them, with the rest of the line up to the next \u2028 or \u2029. */
const LINE_BREAKS = /(?:\r\n?|\n).*/g;

function cutPieces(text: string, size: number): Piece[] {
  const pieces: Piece[] = [];
  // velocityjs's lexer position after the last token: its `yylineno` and `last_column`.
  let lines = 0;
  let column = 0;
  let current: Piece = { start: 0, line: 1, column: 0, opens: 0, closes: 0 };
  pieces.push(current);
  let starts = 0;
  let statementStart = 0;
  let statementTokens = 0;
  // A piece must not end where the balancing `#end`s would join its last token: a `##` comment runs to the line end,
  // and a lone `#` would start one. A piece that leaves no block open gets no `#end`s and may end with a `#`: else a
  // long run of lone `#`s (`# # #`) would be one piece, parsed in time quadratic in its length.
  let afterComment = false;
  lexTemplate(
    text,
    (rule, start, end, state) => {
      if (++statementTokens > MAX_STATEMENT_TOKENS) throw new StatementTooLong(statementStart, statementTokens);
      afterComment = rule === Rule.LineComment;
      const token = text.slice(start, end);
      const breaks = token.includes('\n') || token.includes('\r') ? token.match(LINE_BREAKS) : null;
      if (breaks) {
        lines += breaks.length;
        const last = breaks[breaks.length - 1];
        column = last.length - /^\r?\n?/.exec(last)![0].length;
      } else {
        column += token.length;
      }
      if (state !== 'h') return;
      if (OPENERS.has(rule)) current.closes++;
      else if (ENDS.has(rule)) {
        if (current.closes > 0) current.closes--;
        else current.opens++;
      }
    },
    (offset, fresh) => {
      statementStart = offset;
      statementTokens = 0;
      if (fresh && offset > current.start) {
        starts = 0;
        current = { start: offset, line: lines + 1, column, opens: 0, closes: 0, fresh };
        pieces.push(current);
        return;
      }
      if (++starts < size || offset === current.start || afterComment || (text[offset - 1] === '#' && current.closes > 0)) return;
      starts = 0;
      current = { start: offset, line: lines + 1, column, opens: 0, closes: 0 };
      pieces.push(current);
    },
  );
  current.endsInComment = afterComment;
  return pieces;
}

const END: VelocityNode = { type: 'end' };

/** Statements in source order, a block's `#end` as an `end` node, as velocityjs's grammar gives them. */
function flatten(tree: VelocityTree, out: Array<VelocityNode | string>): void {
  for (const item of tree) {
    if (Array.isArray(item)) {
      flatten(item, out);
      out.push(END);
    } else {
      out.push(item);
    }
  }
}

/** velocityjs's own nesting of blocks (parse.ts makeLevel), odd cases included: an `#end` too many ends the list. */
const BLOCK_TYPES = new Set(['if', 'foreach', 'macro', 'noescape', 'define', 'macro_body']);

function nestBlocks(block: Array<VelocityNode | string>, index: number): [VelocityTree, number] {
  const nested: VelocityTree = [];
  let ignore = index - 1;
  for (let i = index; i < block.length; i++) {
    if (i <= ignore) continue;
    const item = block[i];
    const type = typeof item === 'string' ? '' : item.type;
    if (type === 'end') return [nested, i];
    if (!BLOCK_TYPES.has(type)) {
      nested.push(item);
      continue;
    }
    const [inner, current] = nestBlocks(block, i + 1);
    ignore = current;
    inner.unshift(item);
    nested.push(inner);
  }
  return [nested, 0];
}


/** From the piece's own lines (its first line starting with the balancing `#if(true)`s) to the template's. */
function shiftLocation(loc: Location, piece: Piece): void {
  const prefix = OPEN.length * piece.opens;
  const shift = (line: number | undefined, column: number | undefined): [number | undefined, number | undefined] => {
    if (line === undefined) return [line, column];
    if (line === 1) return [piece.line, column === undefined ? column : piece.column + column - prefix];
    return [piece.line + line - 1, column];
  };
  [loc.first_line, loc.first_column] = shift(loc.first_line, loc.first_column);
  [loc.last_line, loc.last_column] = shift(loc.last_line, loc.last_column);
}

