/**
 * A fast, conservative answer to "would `syntaxProblems` report nothing for this template?", for diagnostics only.
 *
 * velocityjs's jison parser dominates the cost of validating large definitions, yet nearly every template uses a
 * small, regular part of the language. This scanner follows velocityjs's lexer states (INITIAL, mu, h, c, i) and
 * grammar exactly for that part and gives up on everything else, so `true` can be trusted and `false` only means
 * "ask the real parser". Whatever the lexer does differently from Velocity proper is mirrored here on purpose
 * (keywords such as `in` or `eq` after `$` inside parentheses, `-` inside names, the look-ahead after `(` and `[`),
 * except where Velocity 1.7 refuses what velocityjs takes (callArguments): there it answers "not sure".
 */
import { escapedCallProblem } from './callArguments';
import { dashedMacroNameAt } from './dashedMacroNames';
import { DOLLAR_BLOCK_HINT } from './dollarSigns';
import { mayParseOtherwise, normalizeDirectives, spacedCallAt } from './syntax';
import { MAX_BLOCK_NESTING, MAX_TEMPLATE_BYTES } from './limits';
import { BOOLEAN_NAME_HINT, WORD_OPERATOR_HINT } from './reservedWords';
import { isDigit, isIdentifierPart, isIdentifierStart, isLetter, isWordCharacter } from './identifierCharacters';

export function isCertainlyValidTemplate(template: string): boolean {
  if (template.length * 3 > MAX_TEMPLATE_BYTES && Buffer.byteLength(template, 'utf8') > MAX_TEMPLATE_BYTES) return false;
  if (template.indexOf('\u0000') >= 0) return false;
  // A lone carriage return ends a line comment in Velocity, not in velocityjs (syntax.ts reconciles them).
  if (/\r(?!\n)/.test(template)) return false;
  // Backslashes between a `$` and a `!` make a token of their own in Velocity (dollarSigns, SLASHBANG_REFERENCE) that
  // the parser reconciles and the scanner, following velocityjs, would read as text.
  if (/\$\\+!/.test(template)) return false;
  // A `$`, `#` or `#*` that ends the template may be a lexical error in Velocity (syntax.ts, unreadableEnd).
  const last = template.charCodeAt(template.length - 1);
  const beforeLast = template.charCodeAt(template.length - 2);
  if (last === DOLLAR || last === HASH || (last === BANG && beforeLast === DOLLAR) || (last === STAR && beforeLast === HASH)) return false;
  // Nor may a directive that takes arguments end it, or a `(` that may open a directive's or macro's arguments.
  if (/#\{?(?:if|elseif|foreach|macro|define|evaluate)\}?$/.test(template)) return false;
  let end = template.length;
  while (end > 0 && isBlank(template.charCodeAt(end - 1))) end--;
  if (template.charCodeAt(end - 1) === LPAREN) return false;
  // A macro's name with a `-` after it is refused by Velocity, not by velocityjs (dashedMacroNames).
  if (template.includes('-') && dashedMacroNameAt(template) !== undefined) return false;
  // A number written from its point (`.5`) after a blank is read by the parser, which knows where it may stand.
  if (/[ \t\r\n]\.[0-9]/.test(template)) return false;
  // A reference with blanks before a `(` is two values in a row inside a directive, which the parser refuses.
  if (template.includes('$') && spacedCallAt(template) !== undefined) return false;
  // A tab or line break before the `(` of a directive or macro call still makes it one in Velocity (syntax.ts joins
  // them), which the scanner would read as text followed by a parenthesis.
  if (/#\{?[A-Za-z_@][\w@]*\}?[ ]*[\t\r\n][ \t\r\n]*\(/.test(template)) return false;
  // What velocityjs reads otherwise than Velocity is left to the parser, which reconciles them.
  if (mayParseOtherwise(template)) return false;
  // So are `true` and `false` after `$` or `.`, and word operators right after a reference's `)` or `]` (reservedWords).
  if (BOOLEAN_NAME_HINT.test(template) || WORD_OPERATOR_HINT.test(template)) return false;
  // And a `$` right before a block directive, which makes it a macro call that opens no block (dollarSigns).
  if (DOLLAR_BLOCK_HINT.test(template)) return false;
  // velocityjs reads `#_name(` as text, where Velocity reads a macro call whose arguments may fail (underscoreNames).
  if (UNDERSCORE_CALL_HINT.test(template)) return false;
  // Velocity reads an `@` as part of a directive's name (`#end@x` closes nothing), velocityjs ends the name there
  // (atSignNames).
  if (AT_NAME_HINT.test(template)) return false;
  // The parser sees `#stop` and braced directives rewritten. That may move offsets but opens or closes no block.
  const source = template.includes('stop') || template.includes('#{') ? normalizeDirectives(template) : template;
  const scanner = new Scanner(source);
  return scanner.template() && !scanner.foreignSpace;
}

const UNDERSCORE_CALL_HINT = /#_[\w-]*[ ]*\(/;
const AT_NAME_HINT = /#\{?[A-Za-z_]\w*@/;

/**
 * Velocity parses the text of a double-quoted string as a template when the template loads, as the evaluator does
 * when it runs it (syntax.ts, parseInterpolated): with a blank after it unless it holds a `##` comment.
 */
function interpolatesCleanly(text: string): boolean {
  if (!text.includes('$') && !text.includes('#')) return true;
  return isCertainlyValidTemplate(text.includes('##') ? text : `${text} `);
}

const enum Tok {
  Error,
  Dollar,
  Id,
  In,
  BinOp,
  Minus,
  Not,
  Equal,
  MapBegin,
  MapEnd,
  MapSplit,
  Paren,
  Close,
  Bracket,
  CloseBracket,
  Range,
  Dot,
  Decimal,
  Comma,
  Str,
  Bool,
  Int,
}

const enum Block {
  Loop,
  If,
  IfAfterElse,
}

const KEYWORDS: ReadonlyMap<string, Tok> = new Map([
  ['in', Tok.In], ['le', Tok.BinOp], ['ge', Tok.BinOp], ['gt', Tok.BinOp], ['lt', Tok.BinOp], ['eq', Tok.BinOp],
  ['or', Tok.BinOp], ['and', Tok.BinOp], ['ne', Tok.BinOp], ['not', Tok.Not],
  ['null', Tok.Bool], ['false', Tok.Bool], ['true', Tok.Bool],
]);

/** Words after `#` that the lexer may turn into directive tokens; anything starting with one is left to the parser. */
const DIRECTIVE_PREFIXES = ['set', 'if', 'elseif', 'else', 'end', 'break', 'foreach', 'noescape', 'define', 'macro', 'stop'];

const BACKSLASH = 92, DOLLAR = 36, HASH = 35, BANG = 33, LBRACE = 123, RBRACE = 125, LPAREN = 40, RPAREN = 41;
const LBRACKET = 91, RBRACKET = 93, DOT = 46, STAR = 42, AT = 64, SPACE = 32;

function isDigitOrDecimal(s: string, at: number): boolean {
  return isDigit(s.charCodeAt(at)) || (s.charCodeAt(at) === DOT && isDigit(s.charCodeAt(at + 1)));
}
/** The only white space Velocity skips between the parts of a directive or call. */
function isBlank(c: number): boolean {
  return c === SPACE || c === 9 || c === 10 || c === 13;
}
/** JavaScript's `\s`, which the lexer's rules use. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
/** The look-ahead of the lexer's `(` rule: `\([\s]*(?=[$'"\[\{\-0-9\w()!])`. */
function parenAllowed(c: number): boolean {
  return c === DOLLAR || c === 39 || c === 34 || c === LBRACKET || c === LBRACE || c === 45 || isWordCharacter(c) ||
    c === LPAREN || c === RPAREN || c === BANG;
}
/** The look-ahead of the lexer's `[` rule: `\[[\s]*(?=[\-$"'0-9{\[\]]+)`. */
function bracketAllowed(c: number): boolean {
  return c === 45 || c === DOLLAR || c === 34 || c === 39 || isDigit(c) || c === LBRACE || c === LBRACKET || c === RBRACKET;
}

/**
 * How deeply values, operands, parentheses and brackets may nest before the scanner answers "not sure": well below
 * the parser's own limit (MAX_EXPRESSION_NESTING), and shallow enough for the scanner's recursion.
 */
const MAX_SCANNED_NESTING = 64;

class Scanner {
  private readonly n: number;
  /** Token state inside parentheses and brackets: the lexer's `c` and `i` states above the text's own state. */
  private tok: Tok = Tok.Error;
  private tokStart = 0;
  private tokEnd = 0;
  /** Whether blanks come before the current token: a `[` after them starts a list, not an index (Velocity 1.7). */
  private tokSpaced = false;
  /** Values and operands being scanned, one inside another. */
  private nesting = 0;
  /** Lists and maps being scanned, one inside another: Velocity's grammar reads their contents (velocityValues). */
  private collections = 0;
  private readonly stack: number[] = [];
  /**
   * The blocks open at this point of the text, innermost last. Once the scanner accepts the text it has met every
   * directive that opens, divides or closes a block (none hides in a literal, a comment or an escape it skipped), so
   * it pairs them as the block check (syntax.ts, checkBlocks) would, without a pass of that check's own.
   */
  private readonly blocks: Block[] = [];
  /** Set once velocityjs would skip white space that Velocity cannot read (a non-breaking space in a call). */
  foreignSpace = false;

  constructor(private readonly s: string) {
    this.n = s.length;
  }

  private code(i: number): number {
    return i < this.n ? this.s.charCodeAt(i) : -1;
  }

  /** The whole text, with every block closed. */
  template(): boolean {
    return this.text() && this.blocks.length === 0;
  }

  /** INITIAL state: text up to the first `$` or `#`, whose backslashes decide whether it is escaped. */
  private text(): boolean {
    const s = this.s;
    let p = 0;
    let dollar = s.indexOf('$');
    let hash = s.indexOf('#');
    while (p < this.n) {
      // Each search resumes only once the scan has passed what it found: searching afresh from every stop would
      // cross the same text again and again (a long run of directives without a `$`).
      if (dollar >= 0 && dollar < p) dollar = s.indexOf('$', p);
      if (hash >= 0 && hash < p) hash = s.indexOf('#', p);
      const q = dollar < 0 ? hash : hash < 0 ? dollar : Math.min(dollar, hash);
      if (q < 0) return true;
      let backslashes = 0;
      while (q - 1 - backslashes >= p && s.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 1) {
        // Velocity lexes an escaped reference's arguments all the same.
        if (q === dollar && escapedCallProblem(s, q)) return false;
        // Before a comment or unparsed text a backslash escapes nothing in Velocity (syntax.ts, escapeEdits).
        if (q === hash && (this.code(q + 1) === STAR || this.code(q + 1) === HASH || this.code(q + 1) === LBRACKET)) return false;
        if (q === hash) {
          p = q + 1;
          continue;
        }
        // An escaped reference is parsed as a reference all the same (syntax.ts, escapeEdits): its calls must close.
      }
      p = q === dollar ? this.textReferences(q) : this.hash(q);
      if (p < 0) return false;
      // velocityjs reads an escaped reference as text, where a `#` or `$` in a string among its arguments starts what
      // Velocity never reads there (`\$a.b('#@')`): the parser reconciles them.
      if (backslashes % 2 === 1 && q === dollar && /[#$]/.test(s.slice(q + 1, p))) return false;
    }
    return true;
  }

  private startsReference(k: number): boolean {
    const c = this.code(k + 1);
    return c === BANG ? isIdentifierStart(this.code(k + 2)) || this.code(k + 2) === LBRACE : isIdentifierStart(c) || c === LBRACE;
  }

  /** The `mu` state from a `$` in text; returns where INITIAL resumes, or -1. */
  private textReferences(k: number): number {
    for (;;) {
      if (!this.startsReference(k)) return k + 1;
      let j = this.code(k + 1) === BANG ? k + 2 : k + 1;
      if (this.code(j) === LBRACE) {
        j++;
        if (!isIdentifierStart(this.code(j))) return -1;
        j = this.idEnd(j);
        if (this.code(j) === LPAREN) return -1;
        j = this.textAttributes(j);
        // `}` closes the reference and leaves the `mu` state.
        return j >= 0 && this.code(j) === RBRACE ? j + 1 : -1;
      }
      j = this.idEnd(j);
      if (this.code(j) === LPAREN) return -1;
      j = this.textAttributes(j);
      if (j < 0) return -1;
      const c = this.code(j);
      if (c < 0) return j;
      if (c === DOLLAR) {
        k = j;
        continue;
      }
      if (c === HASH) {
        if (this.code(j + 1) !== HASH) return -1;
        const eol = this.s.indexOf('\n', j);
        return eol < 0 ? this.n : eol;
      }
      // A `(` after a reference is a call, text or an error, depending on what precedes and follows it.
      if (c === LBRACE || isIdentifierStart(c) || c === LPAREN) return -1;
      return j + 1;
    }
  }

  /** Properties, method calls and indexes after a name in text; returns the position after them, or -1. */
  private textAttributes(j: number): number {
    for (;;) {
      const c = this.code(j);
      if (c === DOT && isIdentifierStart(this.code(j + 1))) {
        j = this.idEnd(j + 1);
        if (this.code(j) === LPAREN) {
          const open = this.parenOpens(j);
          if (open < 0 || this.blanksOnly(j, open)) return -1;
          j = this.methodArguments(open);
          if (j < 0) return -1;
        }
      } else if (c === LBRACKET) {
        // Velocity reads every `[` right after a reference as an index, one velocityjs takes for text too.
        const open = this.bracketOpens(j);
        if (open < 0) return -1;
        this.stack.push(Tok.Bracket);
        this.lex(open);
        if (!this.indexValue() || this.peek() !== Tok.CloseBracket || this.stack.length > 0) return -1;
        j = this.tokEnd;
      } else {
        return j;
      }
    }
  }

  /** After the `(` of a call: arguments and the closing `)`; returns the position after it, or -1. */
  private methodArguments(open: number): number {
    this.stack.push(Tok.Paren);
    this.lex(open);
    if (this.peek() !== Tok.Close && !this.params()) return -1;
    return this.peek() === Tok.Close && this.stack.length === 0 ? this.tokEnd : -1;
  }

  /** Where the tokens after a `(` start, if the lexer's `(` rule matches here; else -1. */
  private parenOpens(j: number): number {
    const k = this.skipSpace(j + 1);
    return parenAllowed(this.code(k)) ? k : -1;
  }

  private bracketOpens(j: number): number {
    const k = this.skipSpace(j + 1);
    return bracketAllowed(this.code(k)) ? k : -1;
  }

  /** The white space velocityjs skips from `k`, noting any that Velocity cannot read. */
  private skipSpace(k: number): number {
    for (let c = this.code(k); isSpace(c); c = this.code(++k)) if (!isBlank(c)) this.foreignSpace = true;
    return k;
  }

  /** `( )`: Velocity reads the blank as the start of an argument and fails at the `)`. */
  private blanksOnly(paren: number, next: number): boolean {
    return next > paren + 1 && this.code(next) === RPAREN;
  }

  private idEnd(j: number): number {
    while (isIdentifierPart(this.code(j))) j++;
    return j;
  }

  /** The `h` state from a `#` in text; returns where INITIAL resumes, or -1. */
  private hash(q: number): number {
    const s = this.s;
    const c = this.code(q + 1);
    if (c === HASH) {
      const eol = s.indexOf('\n', q);
      return eol < 0 ? this.n : eol;
    }
    if (c === STAR) {
      const end = s.indexOf('*#', q + 3);
      return end < 0 ? -1 : end + 2;
    }
    if (c === LBRACKET) return this.code(q + 2) === LBRACKET ? -1 : q + 1;
    if (c === AT) return -1;
    if (c === LBRACE) {
      if (s.startsWith('{else}', q + 1)) return this.branch(false) ? q + 7 : -1;
      if (s.startsWith('{end}', q + 1)) return this.blocks.pop() === undefined ? -1 : q + 6;
      return -1;
    }
    if (!isLetter(c)) return q + 1;
    const w = q + 1;
    for (const name of ['set', 'if', 'elseif', 'foreach']) {
      if (!s.startsWith(name, w)) continue;
      let k = w + name.length;
      while (this.code(k) === SPACE) k++;
      if (this.code(k) !== LPAREN) continue;
      const open = this.parenOpens(k);
      if (open < 0) return -1;
      if (name === 'if' || name === 'foreach') {
        if (this.blocks.length >= MAX_BLOCK_NESTING) return -1;
        this.blocks.push(name === 'if' ? Block.If : Block.Loop);
      } else if (name === 'elseif' && !this.branch(true)) {
        return -1;
      }
      return this.directive(name, open);
    }
    for (const name of ['else', 'end', 'break']) {
      if (!s.startsWith(name, w) || isWordCharacter(this.code(w + name.length))) continue;
      // A `(` after `#break` opens its arguments in Velocity (syntax.ts, textCallProblem), where velocityjs reads text.
      if (name === 'break' && this.parenthesisAfter(w + name.length)) return -1;
      if (name === 'else' ? !this.branch(false) : name === 'end' && this.blocks.pop() === undefined) return -1;
      return w + name.length;
    }
    if (s.startsWith('stop()', w)) return w + 6;
    for (const prefix of DIRECTIVE_PREFIXES) if (s.startsWith(prefix, w)) return -1;
    let k = this.idEnd(w);
    while (this.code(k) === SPACE) k++;
    // A name followed by `(` is a macro call; otherwise `#` and the first letter are plain text.
    return this.code(k) === LPAREN ? -1 : w + 1;
  }

  /** Whether a `(` comes after blanks from `at`. */
  private parenthesisAfter(at: number): boolean {
    let k = at;
    while (isBlank(this.code(k))) k++;
    return this.code(k) === LPAREN;
  }

  /** `#elseif` or `#else`, which only an `#if` before its `#else` takes. */
  private branch(elseif: boolean): boolean {
    const innermost = this.blocks.length - 1;
    if (innermost < 0 || this.blocks[innermost] !== Block.If) return false;
    if (!elseif) this.blocks[innermost] = Block.IfAfterElse;
    return true;
  }

  private directive(name: string, open: number): number {
    this.stack.push(Tok.Paren);
    this.lex(open);
    let ok: boolean;
    if (name === 'set') {
      ok = this.peek() === Tok.Dollar && this.reference() && this.peek() === Tok.Equal && (this.next(), this.expression());
    } else if (name === 'foreach') {
      ok = this.peek() === Tok.Dollar && (this.next(), this.peek() === Tok.Id) && (this.next(), this.peek() === Tok.In) &&
        (this.next(), this.peek() === Tok.Bracket ? this.array() : this.peek() === Tok.Dollar && this.reference());
    } else {
      ok = this.expression();
    }
    return ok && this.peek() === Tok.Close && this.stack.length === 0 ? this.tokEnd : -1;
  }

  /** The current token; a call, so that checks after `next()` are not narrowed away. */
  private peek(): Tok {
    return this.tok;
  }

  private next(): void {
    this.lex(this.tokEnd);
  }

  /** One token in the `c` (parentheses) or `i` (brackets) state, which skip white space. */
  private lex(from: number): void {
    const j = this.skipSpace(from);
    const c = this.code(j);
    const d = this.code(j + 1);
    const inBracket = this.stack[this.stack.length - 1] === Tok.Bracket;
    let tok = Tok.Error;
    let end = j + 1;
    if (isIdentifierStart(c)) {
      // Keyword rules come first and only need `\b` after the word, so `in-x` starts with the keyword `in`.
      let wordEnd = j + 1;
      while (isWordCharacter(this.code(wordEnd))) wordEnd++;
      const keyword = wordEnd - j <= 5 ? KEYWORDS.get(this.s.slice(j, wordEnd)) : undefined;
      if (keyword === undefined) {
        tok = Tok.Id;
        end = this.idEnd(wordEnd);
      } else {
        tok = keyword;
        end = wordEnd;
      }
    } else if (isDigit(c)) {
      end = j + 1;
      while (isDigit(this.code(end))) end++;
      tok = Tok.Int;
    } else if (c === DOLLAR) {
      if (d === BANG && (isIdentifierStart(this.code(j + 2)) || this.code(j + 2) === LBRACE)) {
        tok = Tok.Dollar;
        end = j + 2;
      } else if (isIdentifierStart(d) || d === LBRACE) {
        tok = Tok.Dollar;
      }
    } else if (c === 34 || c === 39) {
      // Literals that the parser rewrites (a backslash before the quote, a doubled quote, `\u`) are left to it.
      let k = j + 1;
      for (;;) {
        const e = this.code(k);
        if (e < 0 || (e === BACKSLASH && (this.code(k + 1) === c || this.code(k + 1) === 117))) break;
        if (e === c) {
          if (this.code(k + 1) !== c && (c !== 34 || interpolatesCleanly(this.s.slice(j + 1, k)))) {
            tok = Tok.Str;
            end = k + 1;
          }
          break;
        }
        k++;
      }
    } else if (c === LPAREN) {
      const k = this.skipSpace(j + 1);
      if (parenAllowed(this.code(k)) && !this.blanksOnly(j, k)) {
        tok = Tok.Paren;
        end = k;
        this.stack.push(Tok.Paren);
      }
    } else if (c === RPAREN) {
      if (this.stack.pop() === Tok.Paren) tok = Tok.Close;
    } else if (c === LBRACKET) {
      const k = this.skipSpace(j + 1);
      if (bracketAllowed(this.code(k))) {
        tok = Tok.Bracket;
        end = k;
        this.stack.push(Tok.Bracket);
      }
    } else if (c === RBRACKET) {
      if (this.stack.pop() === Tok.Bracket) tok = Tok.CloseBracket;
    } else if (c === DOT) {
      if (inBracket && d === DOT) {
        tok = Tok.Range;
        end = j + 2;
      } else if (isIdentifierStart(d)) {
        tok = Tok.Dot;
      } else if (isDigit(d)) {
        tok = Tok.Decimal;
      }
    } else if (c === 44) {
      tok = Tok.Comma;
      while (this.code(end) === SPACE) end++;
    } else if (c === 58) {
      tok = Tok.MapSplit;
      end = this.skipSpace(end);
    } else if (c === LBRACE) {
      tok = Tok.MapBegin;
    } else if (c === RBRACE) {
      tok = Tok.MapEnd;
    } else if (c === 45) {
      tok = Tok.Minus;
    } else if (c === 37 || c === 43 || c === STAR || c === 47) {
      tok = Tok.BinOp;
    } else if (c === BANG) {
      if (d === 61) {
        tok = Tok.BinOp;
        end = j + 2;
      } else {
        tok = Tok.Not;
      }
    } else if (c === 61) {
      if (d === 61) {
        tok = Tok.BinOp;
        end = j + 2;
      } else {
        tok = Tok.Equal;
      }
    } else if (c === 60 || c === 62) {
      tok = Tok.BinOp;
      if (d === 61) end = j + 2;
    } else if ((c === 124 || c === 38) && d === c) {
      tok = Tok.BinOp;
      end = j + 2;
    }
    // Beyond the scanned nesting the parser decides (it refuses nesting past its own limit).
    if (this.stack.length > MAX_SCANNED_NESTING) tok = Tok.Error;
    this.tok = tok;
    this.tokStart = j;
    this.tokEnd = end;
    this.tokSpaced = j > from;
  }

  /** `$name`, `$!name` or `${name}` with attributes, inside parentheses or brackets; the current token is `$`. */
  private reference(): boolean {
    this.next();
    if (this.peek() === Tok.MapBegin) {
      this.next();
      if (this.peek() !== Tok.Id || !this.joined()) return false;
      this.next();
      if (this.peek() === Tok.Paren || !this.attributes() || this.peek() !== Tok.MapEnd || !this.joined()) return false;
      this.next();
      return true;
    }
    // `$null`, the reference that stands for null: velocityjs's lexer reads the keyword there, and its parser the name.
    if (this.peek() !== Tok.Id && !this.isNullWord()) return false;
    this.next();
    return this.peek() !== Tok.Paren && this.attributes();
  }

  /**
   * Whether the current token touches the one before. velocityjs skips blanks between the parts of a reference;
   * Velocity ends the reference at a blank, and inside a list or map its grammar is the one read (velocityValues).
   */
  private joined(): boolean {
    return this.collections === 0 || !this.tokSpaced;
  }

  private attributes(): boolean {
    for (;;) {
      if (this.peek() === Tok.Dot) {
        if (!this.joined()) return false;
        this.next();
        if (this.peek() !== Tok.Id) return false;
        this.next();
        if (this.peek() === Tok.Paren) {
          if (!this.joined()) return false;
          this.next();
          if (this.peek() !== Tok.Close && !this.params()) return false;
          if (this.peek() !== Tok.Close) return false;
          this.next();
        }
      } else if (this.peek() === Tok.Bracket && !this.tokSpaced) {
        this.next();
        if (!this.indexValue() || this.peek() !== Tok.CloseBracket) return false;
        this.next();
      } else {
        return true;
      }
    }
  }

  /**
   * What `[...]` after a reference may hold: a string, a whole number or a reference (Velocity's IndexParameter); a
   * decimal number is left to the parser, which refuses it.
   */
  private indexValue(): boolean {
    if (this.peek() === Tok.Dollar) return this.reference();
    if (this.peek() === Tok.Str) {
      this.next();
      return true;
    }
    if (this.peek() === Tok.Minus && !this.signedNumber()) return false;
    if (this.peek() !== Tok.Int) return false;
    this.next();
    return this.peek() !== Tok.Decimal;
  }

  /**
   * Takes the `-` of a negative number: Velocity's grammar reads the sign as part of the number, so a blank between
   * them (`[1, - 2]`) is no number, and that case is left to the parser.
   */
  private signedNumber(): boolean {
    if (!isDigit(this.s.charCodeAt(this.tokStart + 1))) return false;
    this.next();
    return true;
  }

  /** `1`, `-1`, `1.5`, `-1.5`. */
  private number(): boolean {
    if (this.peek() === Tok.Minus && !this.signedNumber()) return false;
    if (this.peek() !== Tok.Int) return false;
    this.next();
    if (this.peek() === Tok.Decimal) {
      this.next();
      if (this.peek() !== Tok.Int) return false;
      this.next();
    }
    return true;
  }

  private literal(): boolean {
    // `null` is no value in Velocity's grammar for the contents of lists and maps.
    if (this.collections > 0 && this.isNullWord()) return false;
    if (this.peek() === Tok.Str || this.peek() === Tok.Bool) {
      this.next();
      return true;
    }
    return this.number();
  }

  /** A call argument, list element or map value: a reference, literal, list or map (no operators). */
  private value(): boolean {
    if (this.nesting >= MAX_SCANNED_NESTING) return false;
    this.nesting++;
    try {
      switch (this.peek()) {
        case Tok.Dollar: return this.reference();
        case Tok.Bracket: return this.array();
        case Tok.MapBegin: return this.map();
        default: return this.literal();
      }
    } finally {
      this.nesting--;
    }
  }

  private params(): boolean {
    if (!this.value()) return false;
    while (this.peek() === Tok.Comma) {
      this.next();
      if (!this.value()) return false;
    }
    return true;
  }

  /** `[]`, `[a, b]`, `[1..n]`; the current token is `[`. */
  private array(): boolean {
    return this.inCollection(() => this.arrayContents());
  }

  /** Reads a list or map, inside which Velocity's grammar reads values more strictly. */
  private inCollection(read: () => boolean): boolean {
    this.collections++;
    try {
      return read();
    } finally {
      this.collections--;
    }
  }

  private arrayContents(): boolean {
    const open = this.tokStart;
    this.next();
    if (this.peek() === Tok.CloseBracket) {
      // Velocity reads a blank after `[` as the start of an element: `[ ]` is an error.
      if (this.tokStart > open + 1) return false;
      this.next();
      return true;
    }
    if (this.peek() === Tok.Dollar || this.peek() === Tok.Minus || this.peek() === Tok.Int) {
      let rangeable = true;
      if (this.peek() === Tok.Dollar) {
        if (!this.reference()) return false;
      } else {
        if (this.peek() === Tok.Minus && !this.signedNumber()) return false;
        if (this.peek() !== Tok.Int) return false;
        this.next();
        if (this.peek() === Tok.Decimal) {
          rangeable = false;
          this.next();
          if (this.peek() !== Tok.Int) return false;
          this.next();
        }
      }
      if (this.peek() === Tok.Range) {
        if (!rangeable) return false;
        this.next();
        if (this.peek() === Tok.Dollar) {
          if (!this.reference()) return false;
        } else {
          if (this.peek() === Tok.Minus && !this.signedNumber()) return false;
          if (this.peek() !== Tok.Int) return false;
          this.next();
        }
      } else {
        while (this.peek() === Tok.Comma) {
          this.next();
          if (!this.value()) return false;
        }
      }
    } else if (!this.params()) {
      return false;
    }
    if (this.peek() !== Tok.CloseBracket) return false;
    this.next();
    return true;
  }

  /** `{}`, `{"k": v, ...}`; the current token is `{`. */
  private map(): boolean {
    return this.inCollection(() => this.mapContents());
  }

  private mapContents(): boolean {
    const open = this.tokStart;
    this.next();
    // `{` and `}` on separate lines with nothing between: the parser has no room for what stands in for the map.
    if (this.peek() === Tok.MapEnd && /[\r\n]/.test(this.s.slice(open, this.tokStart))) return false;
    if (this.peek() === Tok.MapEnd) {
      this.next();
      return true;
    }
    for (;;) {
      if (this.peek() !== Tok.Str) return false;
      this.next();
      if (this.peek() !== Tok.MapSplit) return false;
      this.next();
      if (!this.value()) return false;
      if (this.peek() === Tok.MapEnd) {
        this.next();
        return true;
      }
      if (this.peek() !== Tok.Comma) return false;
      this.next();
    }
  }

  private expression(): boolean {
    if (this.peek() === Tok.Bracket) return this.array();
    if (this.peek() === Tok.MapBegin) return this.map();
    return this.math();
  }

  private math(): boolean {
    if (!this.operand()) return false;
    while (this.peek() === Tok.BinOp || this.peek() === Tok.Minus) {
      // A minus before a digit starts a negative number in Velocity, never a subtraction.
      if (this.peek() === Tok.Minus && isDigitOrDecimal(this.s, this.tokStart + 1)) return false;
      this.next();
      if (!this.operand()) return false;
    }
    return true;
  }

  private operand(): boolean {
    if (this.nesting >= MAX_SCANNED_NESTING) return false;
    this.nesting++;
    try {
      return this.operandContents();
    } finally {
      this.nesting--;
    }
  }

  private operandContents(): boolean {
    switch (this.peek()) {
      case Tok.Not:
        this.next();
        return this.operand();
      case Tok.Minus:
        // Velocity has no unary minus: only a negative number starts with one.
        if (!isDigit(this.s.charCodeAt(this.tokStart + 1))) return false;
        return this.number();
      case Tok.Paren:
        return this.parenthesis();
      case Tok.Dollar:
        return this.reference();
      default:
        // `null` is a value among a method call's arguments only (Velocity's grammar has no null literal).
        return !this.isNullWord() && this.literal();
    }
  }

  private isNullWord(): boolean {
    return this.peek() === Tok.Bool && this.s.startsWith('null', this.tokStart);
  }

  private parenthesis(): boolean {
    this.next();
    if (!this.math() || this.peek() !== Tok.Close) return false;
    this.next();
    return true;
  }
}
