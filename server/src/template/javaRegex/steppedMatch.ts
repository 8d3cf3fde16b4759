/**
 * A backtracking matcher that counts its steps, for the compiled patterns that can backtrack exponentially.
 *
 * JavaScript runs a RegExp to its end without yielding, so a match that takes minutes cannot be interrupted. This
 * matcher runs the same `u`-mode source the compiler emits with ECMAScript's semantics (alternatives in order, greedy
 * and lazy repetition, captures cleared at each iteration, an optional iteration may not match empty, atomic
 * lookarounds, lookbehind read backwards), so it explores the same backtracking tree as V8 and ends exactly when V8
 * would, except that it can stop when its budget runs out. Single characters are tested with a sticky RegExp cut
 * from the source, so classes and properties mean what they mean to V8. It answers only where a match ends: the
 * caller, having learnt that V8 will finish, lets V8 produce the match.
 */

export interface StepBudget {
  /** Steps allowed; the matcher stops after this many. */
  maxSteps: number;
  /** Asked every few thousand steps: whether the time allowed has run out. */
  expired?(): boolean;
}

/** The budget ran out before the match ended. */
export class StepsExhausted extends Error {
  constructor(readonly steps: number) {
    super(`gave up after ${steps} steps`);
  }
}

const enum Op {
  Char,
  Class,
  Split,
  Jump,
  Open,
  Close,
  LineStart,
  LineEnd,
  BackReference,
  Look,
  RepeatInit,
  RepeatLoop,
  RepeatBody,
  RepeatEnd,
  Match,
}

interface Instruction {
  op: Op;
  /** Jump target, group number, register or code unit, by op. */
  a: number;
  b: number;
  min: number;
  max: number;
  greedy: boolean;
  backward: boolean;
  negate: boolean;
  test: RegExp | null;
  sub: Instruction[] | null;
}

type Node =
  | { kind: 'char'; code: number; raw: string }
  | { kind: 'class'; raw: string }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'group'; index: number; body: Node }
  | { kind: 'look'; behind: boolean; negate: boolean; body: Node }
  | { kind: 'repeat'; body: Node; min: number; max: number; greedy: boolean; capLo: number; capHi: number }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'ref'; index: number };

/** The subset of `u`-mode syntax the compiler emits (patternParser, charSets), read into a tree. */
class SourceParser {
  private pos = 0;
  groups = 0;

  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.disjunction();
    if (this.pos < this.s.length) throw new Error(`unexpected ${this.s[this.pos]} at ${this.pos}`);
    return node;
  }

  private disjunction(): Node {
    const options = [this.sequence()];
    while (this.s[this.pos] === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') items.push(this.term());
    return items.length === 1 ? items[0] : { kind: 'seq', items };
  }

  private term(): Node {
    const capLo = this.groups;
    const atom = this.atom();
    const c = this.s[this.pos];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(this.s.slice(this.pos, this.pos + 24))) {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.s.slice(this.pos))!;
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else {
      return atom;
    }
    const greedy = this.s[this.pos] !== '?';
    if (!greedy) this.pos++;
    return { kind: 'repeat', body: atom, min, max, greedy, capLo: capLo + 1, capHi: this.groups + 1 };
  }

  private atom(): Node {
    const start = this.pos;
    const c = this.s[this.pos];
    if (c === '^') {
      this.pos++;
      return { kind: 'start' };
    }
    if (c === '$') {
      this.pos++;
      return { kind: 'end' };
    }
    if (c === '(') return this.group();
    if (c === '[') {
      this.pos++;
      if (this.s[this.pos] === '^') this.pos++;
      // Without the `v` flag a class does not nest, and its first unescaped `]` ends it (`[]` included).
      while (this.pos < this.s.length && this.s[this.pos] !== ']') this.pos += this.s[this.pos] === '\\' ? 2 : 1;
      this.pos++;
      return { kind: 'class', raw: this.s.slice(start, this.pos) };
    }
    if (c === '\\') return this.escape();
    if (c === '.') {
      this.pos++;
      return { kind: 'class', raw: '.' };
    }
    const cp = this.s.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return literal(cp, this.s.slice(start, this.pos));
  }

  private group(): Node {
    this.pos++;
    let look: { behind: boolean; negate: boolean } | undefined;
    let index = 0;
    if (this.s.startsWith('?:', this.pos)) {
      this.pos += 2;
    } else if (/^\?<?[=!]/.test(this.s.slice(this.pos, this.pos + 3))) {
      const behind = this.s[this.pos + 1] === '<';
      look = { behind, negate: this.s[this.pos + (behind ? 2 : 1)] === '!' };
      this.pos += behind ? 3 : 2;
    } else {
      if (this.s[this.pos] === '?') this.pos = this.s.indexOf('>', this.pos) + 1;
      index = ++this.groups;
    }
    const body = this.disjunction();
    if (this.s[this.pos] !== ')') throw new Error(`unclosed group at ${this.pos}`);
    this.pos++;
    if (look) return { kind: 'look', ...look, body };
    return index > 0 ? { kind: 'group', index, body } : body;
  }

  private escape(): Node {
    const start = this.pos;
    const c = this.s[this.pos + 1];
    const digits = /^[1-9]\d*/.exec(this.s.slice(this.pos + 1));
    if (digits) {
      this.pos += 1 + digits[0].length;
      return { kind: 'ref', index: Number(digits[0]) };
    }
    if (c === 'u' && this.s[this.pos + 2] === '{') {
      this.pos = this.s.indexOf('}', this.pos) + 1;
      return literal(parseInt(this.s.slice(start + 3, this.pos - 1), 16), this.s.slice(start, this.pos));
    }
    if (c === 'u' && /^[0-9A-Fa-f]{4}$/.test(this.s.slice(this.pos + 2, this.pos + 6))) {
      this.pos += 6;
      return literal(parseInt(this.s.slice(start + 2, this.pos), 16), this.s.slice(start, this.pos));
    }
    if (c === 'p' || c === 'P') {
      this.pos = this.s.indexOf('}', this.pos) + 1;
      return { kind: 'class', raw: this.s.slice(start, this.pos) };
    }
    this.pos += 2;
    const raw = this.s.slice(start, this.pos);
    const control: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };
    if (c in control) return literal(control[c], raw);
    if ('dDwWsS'.includes(c)) return { kind: 'class', raw };
    if (c === 'b' || c === 'B') throw new Error('\\b is emitted as lookarounds');
    return literal(c.codePointAt(0)!, raw);
  }
}

/** A code point; one outside the BMP or a surrogate is tested as the source reads it, like a class. */
function literal(cp: number, raw: string): Node {
  return cp < 0xd800 || (cp > 0xdfff && cp <= 0xffff) ? { kind: 'char', code: cp, raw } : { kind: 'class', raw };
}

function instruction(op: Op, fields: Partial<Instruction> = {}): Instruction {
  return { op, a: 0, b: 0, min: 0, max: 0, greedy: true, backward: false, negate: false, test: null, sub: null, ...fields };
}

/** Compiles a tree to instructions, in the direction it is read (backwards inside a lookbehind). */
class Emitter {
  readonly code: Instruction[] = [];

  constructor(
    private readonly backward: boolean,
    private readonly registers: { count: number },
  ) {}

  program(node: Node): Instruction[] {
    this.emit(node);
    this.code.push(instruction(Op.Match));
    return this.code;
  }

  private emit(node: Node): void {
    const code = this.code;
    switch (node.kind) {
      case 'char':
        code.push(instruction(Op.Char, { a: node.code, backward: this.backward }));
        return;
      case 'class':
        code.push(instruction(Op.Class, { test: new RegExp(node.raw, 'uy'), backward: this.backward }));
        return;
      case 'seq': {
        const items = this.backward ? [...node.items].reverse() : node.items;
        for (const item of items) this.emit(item);
        return;
      }
      case 'alt': {
        const jumps: Instruction[] = [];
        node.options.forEach((option, i) => {
          const split = i < node.options.length - 1 ? instruction(Op.Split) : undefined;
          if (split) {
            code.push(split);
            split.a = code.length;
          }
          this.emit(option);
          if (split) {
            const jump = instruction(Op.Jump);
            code.push(jump);
            jumps.push(jump);
            split.b = code.length;
          }
        });
        for (const jump of jumps) jump.a = code.length;
        return;
      }
      case 'group':
        code.push(instruction(Op.Open, { a: node.index }));
        this.emit(node.body);
        code.push(instruction(Op.Close, { a: node.index }));
        return;
      case 'look': {
        const sub = new Emitter(node.behind, this.registers).program(node.body);
        // `b` marks a lookaround that can capture: only then are the captures kept around it.
        const capturing = sub.some((i) => i.op === Op.Open || (i.op === Op.Look && i.b === 1));
        code.push(instruction(Op.Look, { sub, negate: node.negate, b: capturing ? 1 : 0 }));
        return;
      }
      case 'repeat': {
        const register = this.registers.count++;
        code.push(instruction(Op.RepeatInit, { a: register }));
        const loop = instruction(Op.RepeatLoop, { a: register, min: node.min, max: node.max, greedy: node.greedy });
        const loopAt = code.length;
        code.push(loop);
        // `min` to `max`: the groups inside the body, cleared as each iteration starts.
        code.push(instruction(Op.RepeatBody, { a: register, min: node.capLo, max: node.capHi }));
        this.emit(node.body);
        code.push(instruction(Op.RepeatEnd, { a: register, min: node.min, b: loopAt }));
        loop.b = code.length;
        return;
      }
      case 'start':
        code.push(instruction(Op.LineStart));
        return;
      case 'end':
        code.push(instruction(Op.LineEnd));
        return;
      case 'ref':
        code.push(instruction(Op.BackReference, { a: node.index, backward: this.backward }));
        return;
    }
  }
}

/** Backtrack stack entries: a choice to resume, or a value to put back. */
const enum Undo {
  Choice,
  Capture,
  Pending,
  Count,
  Start,
  Captures,
}

const CHECK_EVERY = 4096;

export class SteppedPattern {
  private readonly program: Instruction[];
  private readonly groupCount: number;
  private readonly registerCount: number;

  constructor(source: string) {
    const parser = new SourceParser(source);
    const tree = parser.parse();
    const registers = { count: 0 };
    this.program = new Emitter(false, registers).program(tree);
    this.groupCount = parser.groups;
    this.registerCount = registers.count;
  }

  /**
   * Where the first match starting at `from` (sticky) or at or after it ends, or -1; like `exec` with `lastIndex`.
   * Throws StepsExhausted when the budget runs out first.
   */
  matchEnd(text: string, from: number, sticky: boolean, budget: StepBudget, spent = { steps: 0 }): number {
    const run = new Run(text, this.groupCount, this.registerCount, budget, spent);
    for (let start = from; start <= text.length; start += advance(text, start)) {
      const end = run.attempt(this.program, start);
      if (end >= 0 || sticky) return end;
    }
    return -1;
  }
}

function advance(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/** The state of one match: captures, the registers of repetitions, and the backtrack stack. */
class Run {
  private readonly captures: number[];
  /** Where each group was entered, until it closes. */
  private readonly pending: number[];
  private readonly counts: number[];
  private readonly starts: number[];
  private readonly stack: number[] = [];
  private readonly snapshots: number[][] = [];
  private nextCheck: number;

  constructor(
    private readonly text: string,
    groups: number,
    registers: number,
    private readonly budget: StepBudget,
    private readonly spent: { steps: number },
  ) {
    this.captures = new Array<number>(2 * (groups + 1)).fill(-1);
    this.pending = new Array<number>(groups + 1).fill(-1);
    this.counts = new Array<number>(registers).fill(0);
    this.starts = new Array<number>(registers).fill(-1);
    this.nextCheck = spent.steps + CHECK_EVERY;
  }

  attempt(program: Instruction[], start: number): number {
    this.captures.fill(-1);
    this.stack.length = 0;
    this.snapshots.length = 0;
    return this.execute(program, start, 0);
  }

  private step(): void {
    const steps = ++this.spent.steps;
    if (steps < this.nextCheck) return;
    this.nextCheck = steps + CHECK_EVERY;
    if (steps > this.budget.maxSteps || this.budget.expired?.()) throw new StepsExhausted(steps);
  }

  private set(kind: Undo, array: number[], index: number, value: number): void {
    this.stack.push(kind, index, array[index]);
    array[index] = value;
  }

  /** Runs from `pc` at `pos` until Match (returns the position) or until every choice above `base` failed (-1). */
  private execute(program: Instruction[], pos: number, base: number): number {
    const text = this.text;
    const stack = this.stack;
    let pc = 0;
    for (;;) {
      this.step();
      const ins = program[pc];
      let ok = true;
      switch (ins.op) {
        case Op.Char:
          if (ins.backward) {
            ok = pos > 0 && text.charCodeAt(pos - 1) === ins.a;
            if (ok) pos--;
          } else {
            ok = text.charCodeAt(pos) === ins.a;
            if (ok) pos++;
          }
          pc++;
          break;
        case Op.Class: {
          const test = ins.test!;
          if (ins.backward) {
            const from = pos >= 2 && (text.charCodeAt(pos - 1) & 0xfc00) === 0xdc00 && (text.charCodeAt(pos - 2) & 0xfc00) === 0xd800 ? pos - 2 : pos - 1;
            test.lastIndex = from;
            ok = from >= 0 && test.test(text) && test.lastIndex === pos;
            if (ok) pos = from;
          } else {
            test.lastIndex = pos;
            ok = pos < text.length && test.test(text);
            if (ok) pos = test.lastIndex;
          }
          pc++;
          break;
        }
        case Op.Split:
          stack.push(Undo.Choice, ins.b, pos);
          pc = ins.a;
          break;
        case Op.Jump:
          pc = ins.a;
          break;
        case Op.Open:
          this.set(Undo.Pending, this.pending, ins.a, pos);
          pc++;
          break;
        case Op.Close: {
          const other = this.pending[ins.a];
          this.set(Undo.Capture, this.captures, 2 * ins.a, Math.min(other, pos));
          this.set(Undo.Capture, this.captures, 2 * ins.a + 1, Math.max(other, pos));
          pc++;
          break;
        }
        case Op.LineStart:
          ok = pos === 0;
          pc++;
          break;
        case Op.LineEnd:
          ok = pos === text.length;
          pc++;
          break;
        case Op.BackReference: {
          const s = this.captures[2 * ins.a];
          const e = this.captures[2 * ins.a + 1];
          if (s >= 0 && e >= 0) {
            const length = e - s;
            const at = ins.backward ? pos - length : pos;
            ok = at >= 0 && at + length <= text.length && text.startsWith(text.slice(s, e), at);
            if (ok) pos = ins.backward ? at : pos + length;
          }
          pc++;
          break;
        }
        case Op.Look: {
          const snapshot = ins.b === 1 ? this.captures.slice() : undefined;
          const mark = stack.length;
          const found = this.execute(ins.sub!, pos, mark) >= 0;
          // A lookaround is atomic: its choices are dropped; what it captured stays, undone only with the whole.
          stack.length = mark;
          if (snapshot && found && !ins.negate) {
            this.snapshots.push(snapshot);
            stack.push(Undo.Captures, this.snapshots.length - 1, 0);
          } else if (snapshot) {
            for (let i = 0; i < snapshot.length; i++) this.captures[i] = snapshot[i];
          }
          ok = found !== ins.negate;
          pc++;
          break;
        }
        case Op.RepeatInit:
          this.set(Undo.Count, this.counts, ins.a, 0);
          pc++;
          break;
        case Op.RepeatLoop: {
          const count = this.counts[ins.a];
          if (count >= ins.max) pc = ins.b;
          else if (count < ins.min) pc++;
          else if (ins.greedy) {
            stack.push(Undo.Choice, ins.b, pos);
            pc++;
          } else {
            stack.push(Undo.Choice, pc + 1, pos);
            pc = ins.b;
          }
          break;
        }
        case Op.RepeatBody:
          this.set(Undo.Start, this.starts, ins.a, pos);
          for (let g = ins.min; g < ins.max; g++) {
            if (this.captures[2 * g] >= 0) this.set(Undo.Capture, this.captures, 2 * g, -1);
            if (this.captures[2 * g + 1] >= 0) this.set(Undo.Capture, this.captures, 2 * g + 1, -1);
          }
          pc++;
          break;
        case Op.RepeatEnd: {
          const count = this.counts[ins.a];
          // An iteration beyond the required ones that matched nothing fails (ECMAScript RepeatMatcher).
          ok = !(count >= ins.min && pos === this.starts[ins.a]);
          if (ok) {
            this.set(Undo.Count, this.counts, ins.a, count + 1);
            pc = ins.b;
          }
          break;
        }
        case Op.Match:
          return pos;
      }
      if (ok) continue;
      // Backtrack: put values back until a choice resumes.
      for (;;) {
        if (stack.length <= base) return -1;
        this.step();
        const old = stack.pop()!;
        const index = stack.pop()!;
        const kind = stack.pop()! as Undo;
        if (kind === Undo.Choice) {
          pc = index;
          pos = old;
          break;
        }
        if (kind === Undo.Capture) this.captures[index] = old;
        else if (kind === Undo.Pending) this.pending[index] = old;
        else if (kind === Undo.Count) this.counts[index] = old;
        else if (kind === Undo.Start) this.starts[index] = old;
        else {
          const snapshot = this.snapshots[index];
          for (let i = 0; i < snapshot.length; i++) this.captures[i] = snapshot[i];
        }
      }
    }
  }
}
