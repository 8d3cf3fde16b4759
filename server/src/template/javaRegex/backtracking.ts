/**
 * A static check for patterns whose backtracking can take exponential time. JavaScript runs a regex to the end
 * without yielding, so the evaluation budget cannot interrupt one: `(a+)+` against thirty `a`s and a `c` would hang
 * the simulator. Java's engine backtracks the same way (on AWS such a template ends in an integration timeout).
 *
 * Flagged: an unboundedly repeated group one of whose alternatives consists only of repetitions, apart from optional
 * parts (`(a+)+`, `(a*)*`, `(\w+\s*)*`, `(a|b+)*`), and a repeated group with two identical alternatives (`(a|a)+`):
 * in both, the same text splits into iterations in exponentially many ways. A mandatory piece in the group, like the
 * dot in `([a-z]+\.)+`, fixes where an iteration ends and keeps such patterns accepted; so are possessive
 * quantifiers and atomic groups, which never give back what they matched.
 */

import { JavaRegexError } from './errors';

interface Item {
  /** Group alternatives; undefined for a single atom. */
  alternatives?: Item[][];
  /** Matches no text: anchors, lookarounds, inline flags. */
  zeroWidth: boolean;
  atomic: boolean;
  min: number;
  unbounded: boolean;
  possessive: boolean;
  start: number;
  end: number;
}

const cache = new Map<string, string | undefined>();

/** Refuses a pattern that could keep the evaluation busy far beyond its time budget. */
export function refuseExponentialPattern(pattern: string): void {
  const fragment = exponentialRepetition(pattern);
  if (fragment === undefined) return;
  throw new JavaRegexError(
    `Regular expression ${pattern} is refused: in ${fragment} the same text can be split between repetitions in exponentially many ways, so a failing match could run for minutes and cannot be interrupted. Rewrite it without nested repetition (for example (a+)+ as a+), or make the inner repetition possessive (a++)`,
    `nested repetition ${fragment}`,
    true,
  );
}

/** The part of `pattern` that can backtrack exponentially, e.g. `(a+)+`; undefined for a safe pattern. */
export function exponentialRepetition(pattern: string): string | undefined {
  if (cache.has(pattern)) return cache.get(pattern);
  let found: string | undefined;
  try {
    const reader = new StructureReader(pattern);
    const item = findExponential(reader.alternatives(), pattern);
    found = item && pattern.slice(item.start, item.end);
  } catch {
    // The pattern compiled, so a structure this reader cannot follow (comments in `(?x)` mode) is left unchecked.
    found = undefined;
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, found);
  return found;
}

function findExponential(alternatives: Item[][], pattern: string): Item | undefined {
  for (const sequence of alternatives) {
    for (const item of sequence) {
      if (!item.alternatives) continue;
      if (!item.zeroWidth && item.unbounded && !item.possessive && !item.atomic && (item.alternatives.some(onlyRepetitions) || hasDuplicate(item.alternatives, pattern))) {
        return item;
      }
      const inner = findExponential(item.alternatives, pattern);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Whether an item can give back part of a variable-length match when a later piece fails. */
function repeats(item: Item): boolean {
  if (item.zeroWidth || item.possessive || item.atomic) return false;
  return item.unbounded || (item.alternatives?.some(onlyRepetitions) ?? false);
}

function onlyRepetitions(sequence: Item[]): boolean {
  return sequence.some(repeats) && sequence.every((item) => item.zeroWidth || item.min === 0 || repeats(item));
}

function hasDuplicate(alternatives: Item[][], pattern: string): boolean {
  const seen = new Set<string>();
  for (const sequence of alternatives) {
    if (sequence.length === 0) continue;
    const text = pattern.slice(sequence[0].start, sequence[sequence.length - 1].end);
    if (seen.has(text)) return true;
    seen.add(text);
  }
  return false;
}

/** Reads the nesting of groups, atoms and quantifiers of a pattern Java has already accepted. */
class StructureReader {
  private pos = 0;

  constructor(private readonly p: string) {}

  alternatives(): Item[][] {
    const out: Item[][] = [this.sequence()];
    while (this.p[this.pos] === '|') {
      this.pos++;
      out.push(this.sequence());
    }
    return out;
  }

  private sequence(): Item[] {
    const items: Item[] = [];
    while (this.pos < this.p.length && this.p[this.pos] !== '|' && this.p[this.pos] !== ')') {
      const start = this.pos;
      const item = this.atom(start);
      this.quantifier(item);
      item.end = this.pos;
      items.push(item);
    }
    return items;
  }

  private atom(start: number): Item {
    const item: Item = { zeroWidth: false, atomic: false, min: 1, unbounded: false, possessive: false, start, end: start };
    const c = this.p[this.pos++];
    if (c === '(') {
      this.groupHead(item);
      if (!item.zeroWidth || this.p[this.pos - 1] !== ')') {
        item.alternatives = this.alternatives();
        if (this.p[this.pos] !== ')') throw new Error('unclosed group');
        this.pos++;
      }
    } else if (c === '[') {
      this.skipClass();
    } else if (c === '\\') {
      this.escape(item);
    } else if (c === '^' || c === '$') {
      item.zeroWidth = true;
    }
    return item;
  }

  /** After `(`: `(?:`, `(?<name>`, lookarounds (zero width), `(?>` (atomic), inline flags `(?i)` or `(?i:`. */
  private groupHead(item: Item): void {
    if (this.p[this.pos] !== '?') return;
    const rest = this.p.slice(this.pos + 1);
    if (/^(?:=|!|<=|<!)/.test(rest)) {
      item.zeroWidth = true;
      this.pos += rest.startsWith('<') ? 3 : 2;
    } else if (rest.startsWith('>')) {
      item.atomic = true;
      this.pos += 2;
    } else if (rest.startsWith('<')) {
      this.pos = this.p.indexOf('>', this.pos) + 1;
    } else {
      const flags = /^[a-zA-Z-]*[:)]/.exec(rest);
      if (!flags) throw new Error('unknown group');
      this.pos += 1 + flags[0].length;
      // `(?i)` has no body; it only changes flags.
      if (flags[0].endsWith(')')) item.zeroWidth = true;
    }
  }

  private escape(item: Item): void {
    const c = this.p[this.pos++];
    if (c === 'Q') {
      const end = this.p.indexOf('\\E', this.pos);
      this.pos = end < 0 ? this.p.length : end + 2;
    } else if ((c === 'p' || c === 'P' || c === 'x' || c === 'N') && this.p[this.pos] === '{') {
      this.pos = this.p.indexOf('}', this.pos) + 1;
    } else if (c === 'p' || c === 'P' || c === 'c') {
      this.pos++;
    } else if (c === 'k') {
      this.pos = this.p.indexOf('>', this.pos) + 1;
    } else if (c === 'u') {
      this.pos += 4;
    } else if (c === 'x') {
      this.pos += 2;
    } else if ('bBAGZz'.includes(c)) {
      item.zeroWidth = true;
    }
    if (this.pos <= 0) throw new Error('bad escape');
  }

  /** Java classes nest (`[a-z&&[^e]]`), and a `]` right after `[` or `[^` is a literal. */
  private skipClass(): void {
    let depth = 1;
    if (this.p[this.pos] === '^') this.pos++;
    if (this.p[this.pos] === ']') this.pos++;
    while (depth > 0) {
      const c = this.p[this.pos++];
      if (c === undefined) throw new Error('unclosed class');
      if (c === '\\') this.pos++;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
    }
  }

  private quantifier(item: Item): void {
    const c = this.p[this.pos];
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      item.min = c === '+' ? 1 : 0;
      item.unbounded = c !== '?';
    } else if (c === '{') {
      const bound = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.pos));
      if (!bound) return;
      this.pos += bound[0].length;
      item.min = Number(bound[1]);
      item.unbounded = bound[2] !== undefined && bound[3] === '';
    } else {
      return;
    }
    if (this.p[this.pos] === '+') {
      item.possessive = true;
      this.pos++;
    } else if (this.p[this.pos] === '?') {
      this.pos++;
    }
  }
}
