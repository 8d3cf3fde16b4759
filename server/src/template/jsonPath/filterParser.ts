/**
 * Jayway JsonPath 2.0's inline filters (Filter.parse and Criteria.parse). The text inside `[?( )]` is cut at every
 * `&&` and `||`, quotes or not; each piece loses its outer brackets and parentheses and becomes one condition, and
 * the conditions are combined from the last one back, which gives `&&` precedence over `||` (parentheses group
 * nothing). A condition is a definite path (an existence test, `!` negating it) or two sides around the first of
 * `==`, `>=`, `<=`, `!=`, `<`, `>`, `=~` that occurs in it; 2.0 knows no other operator (`in`, `nin` and the like
 * make the whole condition a path, with spaces, which Jayway refuses).
 */
import { compileJavaPattern, refuseExponentialPattern } from '../javaRegex';
import type { CompareOperator, Criteria, Filter, JavaPattern, Operand } from './compiledPath';
import { JsonPathSyntaxError, parsePath, SPACE_IN_PATH } from './pathParser';

const OPERATORS: CompareOperator[] = ['==', '>=', '<=', '!=', '<', '>', '=~'];

/** `[?( ... )]` as a filter; `offset` is where the fragment starts, for messages. */
export function parseFilter(text: string, offset: number): Filter {
  const fail = (message: string): never => {
    throw new JsonPathSyntaxError(message, offset);
  };
  let inner = text.trim();
  if (!inner.startsWith('[') || !inner.endsWith(']')) fail(`a filter must be written [?( ... )]: ${text}`);
  inner = inner.slice(1, -1).trim();
  if (!inner.startsWith('?')) fail(`a filter must be written [?( ... )]: ${text}`);
  inner = inner.slice(1).trim();
  if (!inner.startsWith('(') || !inner.endsWith(')')) fail(`a filter must be written [?( ... )]: ${text}`);
  inner = inner.slice(1, -1).trim();
  const operators: string[] = [];
  const criteria: Filter[] = [];
  for (const piece of splitAtLogicalOperators(inner)) {
    const part = piece.trim();
    if (part === '&&' || part === '||') operators.push(part);
    else criteria.push({ kind: 'criteria', criteria: parseCriteria(withoutOuterBrackets(part, offset), offset) });
  }
  const pop = (): Filter => criteria.pop() ?? fail(`the filter ${text} has an operator without a condition`);
  let root = pop();
  while (operators.length > 0) {
    const operator = operators.pop();
    if (operator === '&&') root = and(root, pop());
    else if (criteria.length === 0) fail(`the filter ${text} has an operator without a condition`);
    else root = or(root, pop());
  }
  if (criteria.length > 0) fail(`the filter ${text} has conditions without an operator between them`);
  return root;
}

/** Filter.and: an `and` grows, an `or` takes the new condition into its right side. */
function and(filter: Filter, other: Filter): Filter {
  if (filter.kind === 'and') return { kind: 'and', filters: [...filter.filters, other] };
  if (filter.kind === 'or') return { kind: 'or', left: filter.left, right: and(filter.right, other) };
  return { kind: 'and', filters: [filter, other] };
}

function or(filter: Filter, other: Filter): Filter {
  return { kind: 'or', left: filter, right: other };
}

/**
 * Pattern.split on `(?<=&&|\|\|)|(?=&&|\|\|)`: the text is cut before and after every `&&` and `||` (no empty
 * first piece, no empty last pieces).
 */
function splitAtLogicalOperators(text: string): string[] {
  const isOperatorAt = (i: number) => i >= 0 && (text.startsWith('&&', i) || text.startsWith('||', i));
  const pieces: string[] = [];
  let from = 0;
  for (let i = 1; i <= text.length; i++) {
    if (isOperatorAt(i - 2) || isOperatorAt(i)) {
      pieces.push(text.slice(from, i));
      from = i;
    }
  }
  pieces.push(text.slice(from));
  while (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}

/** cleanCriteria: leading `[`, `?`, `(` and spaces, trailing `)` and spaces go. */
function withoutOuterBrackets(text: string, offset: number): string {
  let begin = 0;
  let end = text.length - 1;
  while (begin < text.length && '[?( '.includes(text[begin])) begin++;
  while (end >= 0 && ') '.includes(text[end])) end--;
  if (begin >= text.length || end < 0 || begin > end + 1) throw new JsonPathSyntaxError('a filter has an empty condition', offset);
  return text.slice(begin, end + 1);
}

function parseCriteria(text: string, offset: number): Criteria {
  for (const operator of OPERATORS) {
    const at = text.indexOf(operator);
    if (at >= 0) {
      const left = operand(text.slice(0, at).trim(), 'left', offset);
      const right = operand(text.slice(at + operator.length).trim(), 'right', offset);
      return { kind: 'compare', operator, left, right };
    }
  }
  const whole = text.trim();
  if (isPath(whole)) {
    const negated = whole.startsWith('!');
    try {
      return { kind: 'exists', path: definitePath(negated ? whole.slice(1) : whole, offset), exists: !negated };
    } catch (error) {
      // `@.x in [1]` is a path with a space to Jayway; what was meant is an operator it does not know.
      if (error instanceof JsonPathSyntaxError && error.message === SPACE_IN_PATH) {
        throw new JsonPathSyntaxError(`the filter condition '${whole}' has no operator Jayway 2.0 knows (==, !=, <, <=, >, >=, =~)`, offset);
      }
      throw error;
    }
  }
  throw new JsonPathSyntaxError(`the filter condition '${whole}' has no operator and is not a path`, offset);
}

function isPath(text: string): boolean {
  return text.startsWith('$') || text.startsWith('@') || text.startsWith('!@');
}

function operand(text: string, side: 'left' | 'right', offset: number): Operand {
  if (isPath(text)) {
    if (text.startsWith('!')) {
      if (side === 'right') throw new JsonPathSyntaxError('! can only negate an existence test, such as [?(!@.foo)]', offset);
      text = text.slice(1);
    }
    return { kind: 'path', path: definitePath(text, offset) };
  }
  if (text.length > 0 && text[0] === "'" && text[text.length - 1] === "'") {
    if (text.length === 1) throw new JsonPathSyntaxError("a lone ' in a filter", offset);
    return { kind: 'text', value: text.slice(1, -1) };
  }
  if (isPattern(text)) return { kind: 'pattern', pattern: compilePattern(text, offset) };
  return { kind: 'text', value: text };
}

function definitePath(text: string, offset: number): ReturnType<typeof parsePath> {
  const path = parsePath(text);
  if (!path.definite) throw new JsonPathSyntaxError(`the filter path ${text} is not definite`, offset);
  return path;
}

function isPattern(text: string): boolean {
  const last = text[text.length - 1];
  return text.length > 0 && text[0] === '/' && (last === '/' || (text[text.length - 2] === '/' && last === 'i'));
}

/** `/regex/` or `/regex/i`: a java.util.regex pattern, CASE_INSENSITIVE with `i`. */
function compilePattern(text: string, offset: number): JavaPattern {
  const lastSlash = text.lastIndexOf('/');
  if (lastSlash < 1) throw new JsonPathSyntaxError(`the pattern ${text} is not closed`, offset);
  const source = text.slice(1, lastSlash);
  const ignoreCase = text.endsWith('i');
  try {
    const { regex, exponential } = compileJavaPattern(source, ignoreCase ? 'i' : '');
    refuseExponentialPattern(source, exponential);
    return { source, ignoreCase, regex };
  } catch (error) {
    throw new JsonPathSyntaxError(`invalid regular expression /${source}/: ${(error as Error).message}`, offset);
  }
}
