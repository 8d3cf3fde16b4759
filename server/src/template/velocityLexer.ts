/**
 * A copy of velocityjs 2.x's lexer states and rules, for finding where its parser's tokens lie in the text: the
 * string literals that must be rewritten for it (stringLiterals), and the offending token and the open parentheses
 * around it when a parse fails (syntaxMessages). Only the two string rules differ from velocityjs: they follow
 * Velocity 1.7, which doubles quotes instead of escaping them. And where the parse of the text starts afresh (a `#@`
 * right after a reference, see `lexTemplate`), the lexer reads on from its initial state as velocityjs does there.
 */

/** velocityjs 2.x's lexer rules, in its numbering; rules 57 and 58 (strings) are Velocity's. */
const RULES: RegExp[] = [
  /[^#]*?(?=\$)/y, // 0
  /[^\$]*?(?=#)/y, // 1
  /[^\x00]+/y, // 2
  /#\*[\s\S]+?\*#/y, // 3
  /#\[\[[\s\S]+?\]\]#/y, // 4
  /##[^\n]*/y, // 5
  /#@/y, // 6
  /#(?=[a-zA-Z{])/y, // 7
  /set[ ]*(?=[^a-zA-Z0-9_]+)/y, // 8
  /if[ ]*(?=[^a-zA-Z0-9_]+)/y, // 9
  /elseif[ ]*(?=[^a-zA-Z0-9_]+)/y, // 10
  /else\b/y, // 11
  /\{else\}/y, // 12
  /end\b/y, // 13
  /\{end\}/y, // 14
  /break\b/y, // 15
  /foreach[ ]*(?=[^a-zA-Z0-9_]+)/y, // 16
  /noescape(?=[^a-zA-Z0-9_]+)/y, // 17
  /define[ ]*(?=[^a-zA-Z0-9_]+)/y, // 18
  /macro[ ]*(?=[^a-zA-Z0-9_]+)/y, // 19
  /in\b/y, // 20
  /[%\+\-\*/]/y, // 21
  /<=/y, // 22
  /le\b/y, // 23
  />=/y, // 24
  /ge\b/y, // 25
  /[><]/y, // 26
  /gt\b/y, // 27
  /lt\b/y, // 28
  /==/y, // 29
  /eq\b/y, // 30
  /\|\|/y, // 31
  /or\b/y, // 32
  /&&/y, // 33
  /and\b/y, // 34
  /!=/y, // 35
  /ne\b/y, // 36
  /not\b/y, // 37
  /\$!(?=[{a-zA-Z_])/y, // 38
  /\$(?=[{a-zA-Z_])/y, // 39
  /!/y, // 40
  /=/y, // 41
  /[ ]+(?=[^,])/y, // 42
  /\s+/y, // 43
  /\{/y, // 44
  /\}/y, // 45
  /:[\s]*/y, // 46
  /\{[\s]*/y, // 47
  /[\s]*\}/y, // 48
  /\([\s]*(?=[$'"\[\{\-0-9\w()!])/y, // 49
  /\)/y, // 50
  // velocityjs's `(?=[...]+)` looks as far as the class goes, through a whole `[0][0]...` chain: one character will do.
  /\[[\s]*(?=[\-$"'0-9{\[\]])/y, // 51
  /\]/y, // 52
  /\.\./y, // 53
  /\.(?=[a-zA-Z_])/y, // 54
  /\.(?=[\d])/y, // 55
  /,[ ]*/y, // 56
  /"(?:""|[^"])*"/y, // 57
  /'(?:''|[^'])*'/y, // 58
  /null\b/y, // 59
  /false\b/y, // 60
  /true\b/y, // 61
  /[0-9]+/y, // 62
  /[_a-zA-Z][a-zA-Z0-9_\-]*/y, // 63
  /[_a-zA-Z][a-zA-Z0-9_\-]*[ ]*(?=\()/y, // 64
  /#/y, // 65
  /./y, // 66
  /\s+/y, // 67
  /[\$#]/y, // 68
  /$/y, // 69
  /$/y, // 70
];

/** The rules other modules tell apart, by velocityjs's numbers. */
export const Rule = {
  BlockComment: 3,
  LineComment: 5,
  BlockMacroHash: 6,
  DirectiveHash: 7,
  Set: 8,
  If: 9,
  ElseIf: 10,
  Foreach: 16,
  Define: 18,
  Macro: 19,
  DollarQuiet: 38,
  Dollar: 39,
  MapBegin: 44,
  MapEnd: 45,
  BraceBegin: 47,
  BraceEnd: 48,
  Paren: 49,
  CloseParen: 50,
  Bracket: 51,
  CloseBracket: 52,
  Dot: 54,
  DoubleQuoted: 57,
  SingleQuoted: 58,
  Name: 63,
  MacroName: 64,
  Hash: 65,
  /** Any one character a directive's `#` leaves unread, which ends the directive as text (`#_m`, `#1`). */
  Character: 66,
} as const;

/** Tokens after which a reference goes on: `$`, `$!`, `${` and `.`. */
const CONTINUING = new Set<number>([Rule.DollarQuiet, Rule.Dollar, Rule.BraceBegin, Rule.Dot]);

export type LexState = 'INITIAL' | 'mu' | 'c' | 'i' | 'h' | 'esc' | 'run';

const STATE_RULES: Record<LexState, readonly number[]> = {
  INITIAL: [0, 1, 2, 70],
  mu: [5, 38, 39, 47, 48, 49, 50, 51, 52, 54, 63, 65, 66, 67, 69],
  c: [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 49, 50, 51, 52, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63],
  i: [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 43, 44, 45, 46, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63],
  h: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 38, 39, 40, 41, 46, 49, 50, 51, 52, 54, 62, 64, 66, 67, 69],
  esc: [68],
  run: [38, 39, 40, 42, 43, 44, 45, 46, 49, 50, 51, 52, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 66, 67, 69],
};

/**
 * Runs the lexer over the text, passing each token's rule, extent, the state it was read in and the state under that
 * one (velocityjs's rules look at both: blanks part a macro call's arguments in `c` right above `run`). Returns where it
 * stopped: the text length, or the offset of a character no rule of the current state matches (a lexical error,
 * where the parser stops too). `onStatementStart` hears offsets where the parser is between two statements: where a
 * token is read in the initial state, the empty ones before a `$` or `#` included, and where a `$` or `$!` follows
 * a reference or text right above the initial state (`$a$b`, `$a.b()$c`, `$a[0]$b`, `$a#b$c`): the lexer reads it on
 * in the reference state, where the initial state would read an empty token and then the same. It hears `fresh` where
 * velocityjs itself would not be between two statements and the parse must start a new piece there: at a `#@` right
 * after a reference, which this lexer then reads from its initial state. `skipValue` is asked at
 * every token inside parentheses or brackets (states c and i), and at every `[` of a reference in text (state mu),
 * whether the caller reads what starts there itself: it answers with the offset after it, where the lexer goes on in
 * the same state, or undefined.
 */
export function lexTemplate(
  text: string,
  onToken: (rule: number, start: number, end: number, state: LexState, under: LexState) => void,
  onStatementStart?: (offset: number, fresh: boolean) => void,
  skipValue?: (offset: number, state: LexState) => number | undefined,
): number {
  const stack: LexState[] = ['INITIAL'];
  // velocityjs's `yy.begin`: a `${` whose `}` is still to come, inside which a `$` continues the reference.
  let braceOpen = false;
  // Whether the last token ended a statement and left the lexer right above its initial state: not a `$`, `$!`, `${`
  // or `.` whose name is still to come.
  let statementEnded = false;
  // Whether the parse must start afresh at the next token (see the `#@` below).
  let fresh = false;
  const top = (n = 0): LexState => stack[stack.length - 1 - Math.abs(n)] ?? 'INITIAL';
  const pop = (): LexState => (stack.length > 1 ? stack.pop()! : stack[0]);
  let pos = 0;
  while (pos < text.length) {
    let rule = -1;
    let length = 0;
    const state = top();
    const under = top(1);
    if (skipValue && (state === 'c' || state === 'i' || (state === 'mu' && text.charCodeAt(pos) === 91))) {
      const end = skipValue(pos, state);
      if (end !== undefined && end > pos) {
        pos = end;
        continue;
      }
    }
    if (state === 'mu' && !braceOpen && text.startsWith('#@', pos)) {
      // velocityjs reads a `#@` right after a reference (`$a#@m()`, `$a#end#@m()`) as a `#` and a character it cannot
      // place, and fails; the parse starts afresh there instead (piecewiseParse), and reads the block macro call.
      pop();
      fresh = true;
      statementEnded = false;
      continue;
    }
    for (const candidate of STATE_RULES[state]) {
      const regex = RULES[candidate];
      regex.lastIndex = pos;
      const match = regex.exec(text);
      if (match) {
        rule = candidate;
        length = match[0].length;
        break;
      }
    }
    if (rule < 0) return pos;
    if (onStatementStart) {
      if (state === 'INITIAL') onStatementStart(pos, fresh);
      else if (statementEnded && (rule === Rule.Dollar || rule === Rule.DollarQuiet)) onStatementStart(pos, false);
    }
    fresh = false;
    const depth = stack.length;
    switch (rule) {
      case 0:
      case 1: {
        let backslashes = 0;
        while (backslashes < length && text.charCodeAt(pos + length - 1 - backslashes) === 92) backslashes++;
        stack.push(backslashes % 2 === 1 ? 'esc' : rule === 0 ? 'mu' : 'h');
        break;
      }
      case 3: case 4: case 5: case 11: case 12: case 13: case 14: case 15: case 48: case 52: case 66: case 67: case 68: case 69:
        pop();
        break;
      case 49:
        stack.push('c');
        break;
      case 50:
        if (pop() === 'c') {
          let size = stack.length;
          if (top() === 'run') {
            pop();
            size--;
          }
          const below = top(size - 2);
          if (size === 2 && below === 'h') pop();
          else if (size === 3 && below === 'mu' && top(size - 3) === 'h') {
            pop();
            pop();
          }
        }
        break;
      case 51:
        stack.push('i');
        break;
      case 64:
        stack.push('run');
        break;
      case 65:
        stack.push('h');
        break;
    }
    if (rule === Rule.BraceBegin) braceOpen = true;
    else if (rule === Rule.BraceEnd) braceOpen = false;
    // Text read in the initial state is not one: how it prints depends on the `$` after it (`\\$a`).
    statementEnded = state !== 'INITIAL' && !braceOpen && stack.length === 2 && top() === 'mu' && !CONTINUING.has(rule);
    if (length > 0) onToken(rule, pos, pos + length, state, under);
    if (length === 0 && stack.length === depth) break;
    pos += length;
  }
  return text.length;
}

/**
 * The tokens before the one being read, for the scans that judge a token by its neighbours. A scan pushes the tokens
 * it counts (all of them, or those that are more than blanks) after it has judged each.
 */
export class TokenTrail {
  /** The rule of the last token pushed; -1 before the first. */
  previous = -1;
  /** Where the last token pushed ended; -1 before the first. */
  previousEnd = -1;
  beforePrevious = -1;
  beforePreviousEnd = -1;

  /** Whether the token starting at `start` is a reference's name: right after `$`, `$!`, `${`, `$!{` or `.`. */
  namesAt(start: number): boolean {
    if (this.previousEnd !== start) return false;
    if (this.previous === Rule.Dollar || this.previous === Rule.DollarQuiet || this.previous === Rule.Dot) return true;
    const brace = this.previous === Rule.MapBegin || this.previous === Rule.BraceBegin;
    return brace && this.beforePreviousEnd === start - 1 && (this.beforePrevious === Rule.Dollar || this.beforePrevious === Rule.DollarQuiet);
  }

  /** Whether the token starting at `start` follows a bare `$` or `$!` (not `${` or `.`). */
  afterDollar(start: number): boolean {
    return this.previousEnd === start && (this.previous === Rule.Dollar || this.previous === Rule.DollarQuiet);
  }

  push(rule: number, end: number): void {
    this.beforePrevious = this.previous;
    this.beforePreviousEnd = this.previousEnd;
    this.previous = rule;
    this.previousEnd = end;
  }
}
