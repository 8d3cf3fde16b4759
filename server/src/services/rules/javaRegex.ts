/**
 * Selection patterns are `java.util.regex.Pattern`s. JavaScript's engine is close enough to find most mistakes once
 * the Java-only syntax is rewritten into something JavaScript parses with the same structure: possessive quantifiers,
 * atomic groups, inline flags, `\Q...\E` quoting, `\p{...}` classes and anchors such as `\A` and `\z`.
 */
export function toJavaScriptPattern(java: string): string {
  let out = '';
  let inClass = false;
  let afterQuantifier = false;
  for (let i = 0; i < java.length; i++) {
    const c = java[i];
    const quantified: boolean = afterQuantifier;
    afterQuantifier = false;
    if (c === '\\') {
      const next = java[i + 1];
      if (next === undefined) return out + '\\';
      if (next === 'Q') {
        const end = java.indexOf('\\E', i + 2);
        const literal = end < 0 ? java.slice(i + 2) : java.slice(i + 2, end);
        out += literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? java.length : end + 1;
        continue;
      }
      if ((next === 'p' || next === 'P') && java[i + 2] === '{') {
        const close = java.indexOf('}', i + 3);
        if (close < 0) return out + '\\p{';
        out += inClass ? 'a-z' : '\\w';
        i = close;
        continue;
      }
      if (next === 'p' || next === 'P') {
        out += inClass ? 'a-z' : '\\w';
        i += 2;
        continue;
      }
      if (!inClass && (next === 'A' || next === 'G')) {
        out += '^';
        i++;
        continue;
      }
      if (!inClass && (next === 'z' || next === 'Z')) {
        out += '$';
        i++;
        continue;
      }
      if (next === 'h' || next === 'R' || next === 'X' || next === 'H' || next === 'v' || next === 'V') {
        out += next === 'H' || next === 'V' ? '\\S' : '\\s';
        i++;
        continue;
      }
      out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (java[i + 1] === '^') out += java[++i];
      // A `]` right after the opening bracket is a literal in Java.
      if (java[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && java[i + 1] === '?') {
      const rest = java.slice(i + 2);
      if (rest.startsWith('>')) {
        out += '(?:';
        i += 2;
        continue;
      }
      const flags = /^[-idmsuxU]+(\)|:)/.exec(rest);
      if (flags) {
        out += flags[1] === ':' ? '(?:' : '';
        i += 1 + flags[0].length;
        continue;
      }
    }
    if (c === '+' && quantified) continue;
    afterQuantifier = (c === '*' || c === '+' || c === '}' || c === '?') && !(c === '?' && quantified);
    out += c;
  }
  return out;
}

/** The JavaScript engine's complaint about a Java pattern, or undefined when it parses. */
export function javaPatternError(java: string): string | undefined {
  try {
    new RegExp(toJavaScriptPattern(java));
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    return message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}
