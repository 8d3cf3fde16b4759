/**
 * Blanks between the arguments of a macro call. Velocity 1.7 parts arguments with any run of spaces, tabs and line
 * breaks (`#m(1\n2)`, `#m(1\t2)`, `#m([1,\n2] $x)`). velocityjs's lexer makes an argument separator of spaces only
 * (its rule `[ ]+` in state `c` right above `run`) and skips any other white space, so that it reads two values in a
 * row there and fails. Directives need no separator in velocityjs's grammar, and read alike already.
 *
 * The first character of such a run becomes a space, one for one, so that offsets stay. A tab, or a carriage return
 * before its line feed, keeps every line and column after it; a lone line break joins two lines for velocityjs, whose
 * positions are then moved back to the template's own lines and columns (`placeInSource`).
 */
import { lexTemplate, Rule } from './velocityLexer';
import type { Splice } from './textSplices';
import { forEachLocation, type TreeLocation as Location } from './treeWalks';
import { firstIndexAtLeast } from '../util/sortedSearch';

const SPACES = 42;
const WHITE_SPACE = 43;
const COMMA = 56;
const COMMA_CODE = 44;
const CLOSE_CODE = 41;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/**
 * A call of a name that is no directive, with a tab or line break right after a character that may end a value
 * inside its parentheses (past string literals and one level of parentheses nested), or spaces there that more blanks
 * and a comma follow. Nearly every template fails it
 * and skips the lexer pass; it is tried on the text velocityjs reads, where lists and maps are references followed
 * by their blanks.
 */
const HINT = /#@?(?!(?:set|if|elseif|foreach|macro|define|break|noescape|else|end)(?![A-Za-z0-9_]))[A-Za-z_][\w-]*[ ]*\((?:[^()'"]|'[^']*'|"[^"]*"|\((?:[^()'"]|'[^']*'|"[^"]*")*\))*?(?<=[^\s,(])(?:[\t\r\n]|[ ][ \t\r\n]+,)/;

const BLANKS_BEFORE_COMMA = /^[ \t\r\n]+,/;

export interface ArgumentBlanks {
  splices: Splice[];
  /** Whether a line break became a space: velocityjs then counts fewer lines than the template has. */
  joinsLines: boolean;
}

/** The blanks of `lexText` (what velocityjs's lexer reads) that velocityjs must read as a space, or undefined. */
export function argumentBlanks(lexText: string): ArgumentBlanks | undefined {
  if (!HINT.test(lexText)) return undefined;
  const splices: Splice[] = [];
  let joinsLines = false;
  let previous = -1;
  lexTemplate(lexText, (rule, start, end, state, under) => {
    // Between two arguments: not after a separator velocityjs has read already, not before a comma or the `)`.
    if (rule === WHITE_SPACE && state === 'c' && under === 'run' && previous !== SPACES && previous !== COMMA && previous !== Rule.Paren && end < lexText.length) {
      const next = lexText.charCodeAt(end);
      if (next !== COMMA_CODE && next !== CLOSE_CODE) {
        const first = lexText.charCodeAt(start);
        splices.push({ start, end: start + 1, replacement: ' ' });
        if (first === LINE_FEED || (first === CARRIAGE_RETURN && lexText.charCodeAt(start + 1) !== LINE_FEED)) joinsLines = true;
      }
    }
    // Spaces and more blanks before a comma: velocityjs takes the first spaces for a separator and then refuses the
    // comma. As tabs they are blanks it skips, as Velocity does.
    if (rule === SPACES && state === 'c' && under === 'run' && BLANKS_BEFORE_COMMA.test(lexText.slice(end, end + 64))) {
      splices.push({ start, end, replacement: '\t'.repeat(end - start) });
    }
    previous = rule;
  });
  return splices.length > 0 ? { splices, joinsLines } : undefined;
}


/** Where lines start as velocityjs's lexer counts them: after `\r\n`, `\r` and `\n`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n?|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** Positions read in `parsed` as the same offsets' lines and columns in `source`, which is as long. */
class Relocation {
  private readonly from: number[];
  private readonly to: number[];

  constructor(parsed: string, source: string) {
    this.from = lineStarts(parsed);
    this.to = lineStarts(source);
  }

  move(loc: Location): void {
    [loc.first_line, loc.first_column] = this.moved(loc.first_line, loc.first_column);
    [loc.last_line, loc.last_column] = this.moved(loc.last_line, loc.last_column);
  }

  private moved(line: number | undefined, column: number | undefined): [number | undefined, number | undefined] {
    if (line === undefined || column === undefined) return [line, column];
    const offset = (this.from[line - 1] ?? this.from[this.from.length - 1]) + column;
    // The last line of the source starting at or before the offset.
    const index = Math.max(firstIndexAtLeast(this.to, offset + 1) - 1, 0);
    return [index + 1, offset - this.to[index]];
  }
}

/** Every position in the tree velocityjs parsed from `parsed`, moved to the lines of `source`. */
export function placeInSource(tree: unknown, parsed: string, source: string): void {
  const relocation = new Relocation(parsed, source);
  forEachLocation(tree, (location) => relocation.move(location));
}

/** The location of a parse error velocityjs met in `parsed`, moved to the lines of `source`. */
export function placeErrorInSource(error: unknown, parsed: string, source: string): void {
  const loc = (error as { hash?: { loc?: Location } } | undefined)?.hash?.loc;
  if (loc) new Relocation(parsed, source).move(loc);
}
