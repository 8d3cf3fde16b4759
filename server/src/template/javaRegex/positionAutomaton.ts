/**
 * A Java pattern as a position automaton (Glushkov's construction): one state per character-matching atom, with an
 * edge wherever one atom can directly follow another. Unlike the textbook construction, edges are not merged: `(a*)*`
 * has two edges from `a` back to `a`, one per loop, because a backtracking engine tries both and that is where its
 * time goes. Anchors, lookarounds and inline flags match no text and have no state.
 *
 * Atomic groups and possessive quantifiers never give back what they matched, so from outside they are one opaque
 * state; their inside, like a lookaround's, is kept under a scope of its own, since it backtracks only within itself.
 */

import { asciiCaseRanges, emitSet, rangeItem, set } from './charSets';
import { LINE_TERMINATORS, VERTICAL_SPACE } from './characterProperties';
import { ClassParser } from './classParser';
import type { Flags } from './patternCursor';
import { Sample, unionInto, type SampleSet } from './sampleSets';

export interface Edge {
  from: number;
  to: number;
  /** 0 for the pattern's top level; each atomic group, possessive repetition and lookaround has its own. */
  scope: number;
}

/** An unbounded (or largely bounded) repetition whose iterations can backtrack into each other. */
export interface Loop {
  /** The repetition's text in the pattern, quantifier included. */
  start: number;
  end: number;
  /** The repetition's own edges, its body's and its back edges, are `edges[edgeLo..edgeHi)` with its scope. */
  edgeLo: number;
  edgeHi: number;
  scope: number;
}

export interface PositionAutomaton {
  /** The characters each state matches, among the sample. */
  sets: SampleSet[];
  edges: Edge[];
  /** Inner repetitions before the ones that contain them. */
  loops: Loop[];
}

/** The automaton would be too large to check quickly; the pattern is left unchecked. */
export class TooLarge extends Error {}

interface Piece {
  first: number[];
  last: number[];
  nullable: boolean;
}

interface Span {
  posLo: number;
  posHi: number;
  edgeLo: number;
  edgeHi: number;
}

interface Quantifier {
  min: number;
  max: number;
  possessive: boolean;
}

const NOTHING: Piece = { first: [], last: [], nullable: true };
/** Counted repetitions up to this many copies are unrolled; larger ones are checked as unbounded loops. */
const MAX_UNROLLED = 10;
const MAX_STATES = 2000;
const MAX_EDGES = 50_000;

export function positionAutomaton(pattern: string): PositionAutomaton {
  return new PositionReader(pattern).read();
}

/** Reads a pattern Java has already accepted; anything it cannot follow throws. */
class PositionReader extends ClassParser {
  private readonly sets: SampleSet[] = [];
  private readonly edges: Edge[] = [];
  private readonly loops: Loop[] = [];
  private readonly sample: Sample;
  private scope = 0;
  private scopes = 0;
  private groups = 0;

  constructor(p: string) {
    super(p);
    this.sample = new Sample(p);
  }

  read(): PositionAutomaton {
    this.disjunction({ i: false, s: false, m: false, x: false, d: false, u: false });
    if (this.pos < this.p.length) throw new Error("unmatched ')'");
    return { sets: this.sets, edges: this.edges, loops: this.loops };
  }

  private disjunction(flags: Flags): Piece {
    const pieces = [this.sequence(flags)];
    while (this.p[this.pos] === '|') {
      this.pos++;
      pieces.push(this.sequence(flags));
    }
    return { first: pieces.flatMap((p) => p.first), last: pieces.flatMap((p) => p.last), nullable: pieces.some((p) => p.nullable) };
  }

  private sequence(flags: Flags): Piece {
    let whole = NOTHING;
    for (;;) {
      this.skipComments(flags);
      const c = this.p[this.pos];
      if (c === undefined || c === '|' || c === ')') return whole;
      const start = this.pos;
      if (c === '\\' && this.p[this.pos + 1] === 'Q') {
        // Java unquotes before parsing, so a following quantifier binds to the last quoted character only.
        const chars = this.quoted();
        for (const cp of chars.slice(0, -1)) whole = this.concat(whole, this.literal(cp, flags));
        if (chars.length === 0) continue;
        const mark = this.mark();
        whole = this.concat(whole, this.quantified(this.literal(chars[chars.length - 1], flags), mark, start, flags));
        continue;
      }
      const mark = this.mark();
      const atom = this.atom(flags);
      if (atom) whole = this.concat(whole, this.quantified(atom, mark, start, flags));
    }
  }

  private quoted(): number[] {
    this.pos += 2;
    const end = this.p.indexOf('\\E', this.pos);
    const text = end < 0 ? this.p.slice(this.pos) : this.p.slice(this.pos, end);
    this.pos = end < 0 ? this.p.length : end + 2;
    return [...text].map((ch) => ch.codePointAt(0)!);
  }

  private mark(): Span {
    return { posLo: this.sets.length, posHi: this.sets.length, edgeLo: this.edges.length, edgeHi: this.edges.length };
  }

  /** Undefined for `(?i)` and the like, which only change flags. */
  private atom(flags: Flags): Piece | undefined {
    const c = this.p[this.pos];
    switch (c) {
      case '(':
        return this.group(flags);
      case '[':
        return this.state(this.sample.of(emitSet(this.charClass(flags))));
      case '.':
        this.pos++;
        return this.state(this.sample.of(flags.s ? '[\\s\\S]' : flags.d ? '[^\\n]' : `[^${LINE_TERMINATORS}]`));
      case '^':
      case '$':
        this.pos++;
        return NOTHING;
      case '{':
        // A bound with nothing before it repeats the empty string; the quantifier reads it.
        return NOTHING;
      case '\\':
        return this.escape(flags);
      default:
        return this.literal(this.readCp(), flags);
    }
  }

  private literal(cp: number, flags: Flags): Piece {
    const items = [rangeItem(cp, cp)];
    if (flags.i) for (const [other] of asciiCaseRanges(cp, cp)) items.push(rangeItem(other, other));
    return this.state(this.sample.of(emitSet(set(...items))));
  }

  private escape(flags: Flags): Piece {
    const c = this.p[this.pos + 1];
    if (c !== undefined && 'AzZGbB'.includes(c)) {
      this.pos += 2;
      return NOTHING;
    }
    if (c === 'R') {
      this.pos += 2;
      return this.state(this.sample.of(`[${VERTICAL_SPACE}]`));
    }
    if (c === 'k') {
      this.pos = this.p.indexOf('>', this.pos) + 1;
      return this.state(this.sample.full());
    }
    if (c >= '1' && c <= '9') {
      this.pos += 2;
      // As in Java, further digits belong to the reference only while they name an existing group.
      let group = Number(c);
      while (/[0-9]/.test(this.p[this.pos] ?? '') && group * 10 + Number(this.p[this.pos]) <= this.groups) group = group * 10 + Number(this.p[this.pos++]);
      // What a back-reference matches is only known at run time: any character.
      return this.state(this.sample.full());
    }
    const cs = this.classEscape();
    return typeof cs === 'number' ? this.literal(cs, flags) : this.state(this.sample.of(emitSet(cs)));
  }

  private group(flags: Flags): Piece | undefined {
    this.pos++;
    let inner = { ...flags };
    let kind: 'plain' | 'atomic' | 'lookaround' = 'plain';
    if (this.p[this.pos] !== '?') {
      this.groups++;
    } else {
      this.pos++;
      const c = this.p[this.pos];
      if (c === ':') this.pos++;
      else if (c === '=' || c === '!') {
        kind = 'lookaround';
        this.pos++;
      } else if (c === '>') {
        kind = 'atomic';
        this.pos++;
      } else if (c === '<' && (this.p[this.pos + 1] === '=' || this.p[this.pos + 1] === '!')) {
        kind = 'lookaround';
        this.pos += 2;
      } else if (c === '<') {
        this.pos = this.p.indexOf('>', this.pos) + 1;
        this.groups++;
      } else {
        const target = this.inlineFlags(flags);
        if (this.p[this.pos++] === ')') {
          // `(?i)` changes the rest of the enclosing group.
          Object.assign(flags, target);
          return undefined;
        }
        inner = target;
      }
    }
    if (kind === 'plain') return this.closed(this.disjunction(inner));
    const span = this.mark();
    const body = this.closed(this.scoped(() => this.disjunction(inner)));
    return kind === 'lookaround' ? NOTHING : this.opaque(span.posLo, body.nullable);
  }

  /** `(?idmsux-idmsux)` or `(?idmsux-idmsux:`; the position is left on the `)` or `:`. */
  private inlineFlags(flags: Flags): Flags {
    const target = { ...flags };
    let on = true;
    for (;;) {
      const f = this.p[this.pos];
      if (f === undefined) throw new Error('unclosed group');
      if (f === ')' || f === ':') return target;
      if (f === '-') on = false;
      else if ('idmsux'.includes(f)) target[f as keyof Flags] = on;
      else throw new Error('unknown flag');
      this.pos++;
    }
  }

  private closed(piece: Piece): Piece {
    if (this.p[this.pos] !== ')') throw new Error('unclosed group');
    this.pos++;
    return piece;
  }

  private scoped<T>(read: () => T): T {
    const outer = this.scope;
    this.scope = ++this.scopes;
    try {
      return read();
    } finally {
      this.scope = outer;
    }
  }

  /** One state standing for everything from `posLo` on: what it matches cannot be split differently from outside. */
  private opaque(posLo: number, nullable: boolean): Piece {
    const union = this.sample.empty();
    for (let i = posLo; i < this.sets.length; i++) unionInto(union, this.sets[i]);
    const piece = this.state(union);
    return { ...piece, nullable };
  }

  private quantified(atom: Piece, span: Span, start: number, flags: Flags): Piece {
    this.skipComments(flags);
    span.posHi = this.sets.length;
    span.edgeHi = this.edges.length;
    const q = this.quantifier();
    if (!q) return atom;
    if (!q.possessive) return this.repeated(atom, span, q, start);
    // The copies and loops were built in the enclosing scope before the `+` showed they are possessive.
    const scope = ++this.scopes;
    const loops = this.loops.length;
    const result = this.repeated(atom, span, q, start);
    // Its own loop is left out: nothing inside the possessive repetition follows it, so it never has to give back.
    if (this.loops.length > loops && this.loops[this.loops.length - 1].start === start) this.loops.pop();
    for (let i = span.edgeLo; i < this.edges.length; i++) if (this.edges[i].scope === this.scope) this.edges[i].scope = scope;
    for (const loop of this.loops) if (loop.edgeLo >= span.edgeLo && loop.scope === this.scope) loop.scope = scope;
    return this.opaque(span.posLo, result.nullable);
  }

  private quantifier(): Quantifier | undefined {
    const c = this.p[this.pos];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const bound = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.pos));
      if (!bound) throw new Error('bad bound');
      this.pos += bound[0].length;
      min = Number(bound[1]);
      max = bound[2] === undefined ? min : bound[3] === '' ? Infinity : Number(bound[3]);
    } else {
      return undefined;
    }
    const mode = this.p[this.pos];
    if (mode === '+' || mode === '?') this.pos++;
    return { min, max, possessive: mode === '+' };
  }

  private repeated(atom: Piece, span: Span, q: Quantifier, start: number): Piece {
    if (q.max === 0) return NOTHING;
    if (q.max > MAX_UNROLLED) return this.looped(atom, span, q, start);
    // Unrolled as a backtracking engine runs a count: R{2,4} is R R (R (R)?)?.
    let whole = NOTHING;
    let copy: Piece | undefined = atom;
    const next = (): Piece => {
      const piece = copy ?? this.clone(span, atom);
      copy = undefined;
      return piece;
    };
    for (let i = 0; i < q.min; i++) whole = this.concat(whole, next());
    const optional: Piece[] = [];
    for (let i = q.min; i < q.max; i++) optional.push(next());
    let tail = NOTHING;
    for (const piece of optional.reverse()) tail = { ...this.concat(piece, tail), nullable: true };
    return this.concat(whole, tail);
  }

  /** R{n,} as n-1 copies (at most two) and R+; a large count is checked as if it were unbounded. */
  private looped(atom: Piece, span: Span, q: Quantifier, start: number): Piece {
    let whole = NOTHING;
    let body = atom;
    let bodyEdges = span.edgeLo;
    for (let i = 1; i < Math.min(q.min, 3); i++) {
      whole = this.concat(whole, body);
      bodyEdges = this.edges.length;
      body = this.clone(span, atom);
    }
    this.connect(body.last, body.first);
    this.loops.push({ start, end: this.pos, edgeLo: bodyEdges, edgeHi: this.edges.length, scope: this.scope });
    return this.concat(whole, { ...body, nullable: body.nullable || q.min === 0 });
  }

  private clone(span: Span, atom: Piece): Piece {
    const offset = this.sets.length - span.posLo;
    for (let i = span.posLo; i < span.posHi; i++) this.state(this.sets[i]);
    for (let i = span.edgeLo; i < span.edgeHi; i++) {
      const e = this.edges[i];
      this.edge(e.from + offset, e.to + offset, e.scope);
    }
    const moved = (states: number[]): number[] => states.map((s) => (s >= span.posLo ? s + offset : s));
    return { first: moved(atom.first), last: moved(atom.last), nullable: atom.nullable };
  }

  private concat(a: Piece, b: Piece): Piece {
    this.connect(a.last, b.first);
    return { first: a.nullable ? [...a.first, ...b.first] : a.first, last: b.nullable ? [...a.last, ...b.last] : b.last, nullable: a.nullable && b.nullable };
  }

  private connect(from: number[], to: number[]): void {
    for (const f of from) for (const t of to) this.edge(f, t, this.scope);
  }

  private edge(from: number, to: number, scope: number): void {
    if (this.edges.length >= MAX_EDGES) throw new TooLarge();
    this.edges.push({ from, to, scope });
  }

  private state(chars: SampleSet): Piece {
    if (this.sets.length >= MAX_STATES) throw new TooLarge();
    this.sets.push(chars);
    const s = this.sets.length - 1;
    return { first: [s], last: [s], nullable: false };
  }
}
