/**
 * Parsing mapping templates: velocityjs's parser, plus the checks it does not make (a block without `#end`, an
 * `#end` without a block, the 300 KB limit). Parsed templates are cached by their text.
 */
import { parse } from 'velocityjs';
import { MAX_TEMPLATE_BYTES } from './limits';

export interface SyntaxProblem {
  message: string;
  line?: number;
  column?: number;
  code: string;
}

/** A velocityjs syntax-tree node; its shape varies with `type`, so the interpreter reads it loosely. */
export interface VelocityNode {
  type: string;
  [field: string]: any;
}
export type VelocityTree = Array<VelocityNode | VelocityTree | string>;

type ParsedTemplate = { ok: true; tree: VelocityTree } | { ok: false; problems: SyntaxProblem[] };

const cache = new Map<string, ParsedTemplate>();
const CACHE_LIMIT = 200;

/** `#stop` takes no parentheses in Velocity; velocityjs only knows it as the call `#stop()`. */
export function normalizeDirectives(template: string): string {
  return template.replace(/#\{?stop\}?(?![\w(])/g, '#stop()');
}

export function parseTemplate(template: string): ParsedTemplate {
  const cached = cache.get(template);
  if (cached) return cached;
  const result = parseUncached(template);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(template, result);
  return result;
}

/**
 * The syntax problems of a template, without keeping its tree: validation checks thousands of templates of a large
 * definition once each, and caching their trees would only keep them alive long enough to burden the collector.
 */
export function syntaxProblems(template: string): SyntaxProblem[] {
  const parsed = cache.get(template) ?? parseUncached(template);
  return parsed.ok ? [] : parsed.problems;
}

function parseUncached(template: string): ParsedTemplate {
  const size = Buffer.byteLength(template, 'utf8');
  if (size > MAX_TEMPLATE_BYTES) {
    return {
      ok: false,
      problems: [
        {
          code: 'template-too-large',
          message: `The template is ${Math.ceil(size / 1024)} KB; API Gateway accepts mapping templates up to 300 KB`,
        },
      ],
    };
  }
  let tree: VelocityTree;
  try {
    tree = parse(normalizeDirectives(template)) as unknown as VelocityTree;
  } catch (error) {
    return { ok: false, problems: [describeParseError(error)] };
  }
  const blockProblems = checkBlocks(template);
  return blockProblems.length > 0 ? { ok: false, problems: blockProblems } : { ok: true, tree };
}

function describeParseError(error: unknown): SyntaxProblem {
  const hash = (error as { hash?: { loc?: { first_line?: number; first_column?: number }; token?: unknown; expected?: string[] } }).hash;
  const message = error instanceof Error ? error.message : String(error);
  const got = /got '([^']*)'/.exec(message)?.[1];
  const found = got === '1' || got === 'EOF' ? 'the end of the template' : got ? `'${got}'` : 'unexpected input';
  const expected = hash?.expected?.length ? hash.expected.slice(0, 6).join(', ') + (hash.expected.length > 6 ? ', ...' : '') : '';
  return {
    code: 'syntax',
    message: `Template syntax error: found ${found}${expected ? `; expected one of ${expected}` : ''}`,
    line: hash?.loc?.first_line,
    column: hash?.loc?.first_column === undefined ? undefined : hash.loc.first_column + 1,
  };
}

const BLOCK_TOKENS = /##[^\n]*|#\*[\s\S]*?\*#|#\[\[[\s\S]*?\]\]#|\\#|#\{?(if|foreach|macro|define)\}?\s*\(|#@[A-Za-z_][\w-]*\s*\(|#\{?end\}?(?![A-Za-z0-9_])/g;

/** Balanced blocks: velocityjs silently repeats or drops content when `#end`s do not match. */
export function checkBlocks(template: string): SyntaxProblem[] {
  const open: Array<{ name: string; offset: number }> = [];
  for (const match of template.matchAll(BLOCK_TOKENS)) {
    const token = match[0];
    if (token.startsWith('##') || token.startsWith('#*') || token.startsWith('#[[') || token.startsWith('\\')) continue;
    const offset = match.index ?? 0;
    if (/^#\{?end/.test(token)) {
      if (open.pop() === undefined) {
        return [{ code: 'unmatched-end', message: '#end without a matching #if, #foreach, #macro or #define', ...lineColumn(template, offset) }];
      }
    } else {
      open.push({ name: match[1] ?? token.slice(1).replace(/\s*\($/, ''), offset });
    }
  }
  return open.map((block) => ({
    code: 'missing-end',
    message: `#${block.name} is not closed: add #end`,
    ...lineColumn(template, block.offset),
  }));
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
