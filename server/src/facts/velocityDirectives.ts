/**
 * The directives of Apache Velocity 1.7, which API Gateway's mapping templates run on: a `#name` is one of these unless
 * a macro of that name is called. The parser reads `#set`, `#if`, `#elseif`, `#else` and `#end` itself; the others are
 * the runtime's directive classes (org/apache/velocity/runtime/defaults/directive.properties).
 * https://velocity.apache.org/engine/1.7/user-guide.html#velocity-template-language-vtl-an-introduction
 */
export const VELOCITY_DIRECTIVES = [
  'set',
  'if',
  'elseif',
  'else',
  'end',
  'foreach',
  'include',
  'parse',
  'macro',
  'define',
  'evaluate',
  'break',
  'stop',
  'literal',
] as const;

/** VELOCITY_DIRECTIVES as a set, for the many readers that ask whether a name is one. */
export const VELOCITY_DIRECTIVE_NAMES: ReadonlySet<string> = new Set(VELOCITY_DIRECTIVES);

/** What each directive a mapping template uses does, for completion and hover. */
export const DIRECTIVE_DOCS: Readonly<Record<string, string>> = {
  set: 'Assigns a variable or a writable `$context` override.',
  if: 'Renders its body when the condition holds; close with `#end`.',
  elseif: 'A further condition of an `#if`.',
  else: 'The branch of an `#if` when no condition held.',
  end: 'Closes `#if`, `#foreach`, `#macro` and `#define`.',
  foreach: 'Repeats its body for each item (API Gateway stops after 1000 iterations); `$foreach.hasNext` places separators.',
  break: 'Leaves the innermost `#foreach`.',
  stop: 'Stops rendering the template.',
  define: 'Assigns a block of template text to a reference.',
  macro: 'Defines a reusable macro, called as `#name(...)`.',
};

/** `$foreach` inside a `#foreach` body: the loop's state. */
export const FOREACH_DOC = 'The state of the innermost `#foreach` loop, inside its body.';

export const FOREACH_MEMBERS: readonly { name: string; doc: string }[] = [
  { name: 'hasNext', doc: '`true` while more items follow; the usual way to place commas between items.' },
  { name: 'index', doc: 'Zero-based position of the current item.' },
  { name: 'count', doc: 'One-based position of the current item.' },
  { name: 'first', doc: '`true` for the first item.' },
  { name: 'last', doc: '`true` for the last item.' },
];
