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
