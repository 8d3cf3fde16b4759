import { syntaxError, unsupportedError } from './errors';

export interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  x: boolean;
  d: boolean;
  u: boolean;
}

/** A position in a Java pattern, and the errors reported against it in Java's wording. */
export abstract class PatternCursor {
  protected pos = 0;

  constructor(protected readonly p: string) {}

  protected err(description: string, index = this.pos): never {
    throw syntaxError(description, index, this.p);
  }

  protected unsupported(description: string, index = this.pos): never {
    throw unsupportedError(description, index, this.p);
  }

  protected peekCp(at = this.pos): number {
    return this.p.codePointAt(at)!;
  }

  protected readCp(): number {
    const cp = this.peekCp();
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** COMMENTS mode ignores whitespace and `#` comments everywhere, inside classes too. */
  protected skipComments(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.p[this.pos];
      if (c !== undefined && ' \t\n\u000B\f\r'.includes(c)) this.pos++;
      else if (c === '#') {
        while (this.pos < this.p.length && !'\n\r\u0085\u2028\u2029'.includes(this.p[this.pos])) this.pos++;
      } else return;
    }
  }
}
