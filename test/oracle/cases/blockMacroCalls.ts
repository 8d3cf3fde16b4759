/**
 * Block macro calls (`#@m() body #end`): blanks before the `(` as in any call, and `$bodyContent`, which Velocity 1.7
 * sets after the arguments (so it wins over a parameter of that name) to a Block.Reference, as `#define` does: it
 * renders when it prints, and has Object's methods only. A block macro call may follow a reference right away, or the
 * `#end` or `#else` of a block right after one. Backslashes before it all print, as before any `#@`: Escape() halves
 * them only before a directive's or a macro's name, and `@m` is neither.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const M = '#macro(m)[$bodyContent]#end';

const BLANKS: Row[] = [
  ['a space before (', `${M}#@m ()B#end`],
  ['two spaces before (', `${M}#@m  ()B#end`],
  ['a tab before (', `${M}#@m\t()B#end`],
  ['a line break before (', `${M}#@m\n()B#end`],
  ['a space before ( and an argument', '#macro(m $a)[$a|$bodyContent]#end#@m (1)B#end'],
  ['a space before (, nested', `${M}#@m ()#@m ()x#end#end`],
  ['a space before (, no macro', '#@m ()B#end'],
];

const BODY_CONTENT: Row[] = [
  ['a parameter of that name, given', '#macro(m $bodyContent)[$bodyContent]#end#@m(1)B#end'],
  ['a parameter of that name, not given', '#macro(m $bodyContent)[$bodyContent]#end#@m()B#end'],
  ['a parameter of that name, in a line call', '#macro(m $bodyContent)[$bodyContent]#end#m(1)'],
  ['a parameter of that name, set again', '#macro(m $bodyContent)#set($bodyContent = 2)[$bodyContent]#end#@m(1)B#end'],
  ['its methods', '#macro(m)[$bodyContent.toString()|$bodyContent.length()|$bodyContent.class.simpleName|$bodyContent.equals($bodyContent)|$bodyContent.foo|$bodyContent.hashCode().class.simpleName]#end#@m()Bc#end'],
  ['getClass()', '#macro(m)[$bodyContent.getClass().getSimpleName()]#end#@m()Bc#end'],
  ['a method of its text', '#macro(m)[$bodyContent.toString().length()]#end#@m()Bc#end'],
  ['in a string', '#macro(m)#set($b = "$bodyContent")[$b.length()]#end#@m()Bc#end'],
  ['set to another variable', '#macro(m)#set($b = $bodyContent)[$b]#end#@m()Bc#end'],
  ['in conditions', '#macro(m)[#if($bodyContent)y#end|#if($bodyContent == "Bc")eq#end]#end#@m()Bc#end'],
  ['as an argument of the call itself', '#macro(m $a)[$a|$bodyContent]#end#@m($bodyContent)B#end'],
  ['rendered at every use, toString() too', '#macro(m)$bodyContent.toString()|$bodyContent#end#set($c = [])#@m()$c.add(1)$c.size()#end'],
  ['outside a macro, and in a line call', `$bodyContent|${M}#m()`],
  ['a variable of that name around the call', '#set($bodyContent = 5)#macro(m)[$bodyContent]#end#m()#@m()B#end'],
];

/** The macro of the rows below prints its body quietly, so that an unread body shows. */
const Q = '#macro(m)M$!bodyContent#end';

const AFTER_REFERENCE: Row[] = [
  ['$bodyContent right before the #end of the macro', '#macro(m)$bodyContent#end#@m()x#end'],
  ['$!bodyContent right before the #end of the macro', '#macro(m)$!bodyContent#end#@m()x#end'],
  ['a parameter right before the #end of the macro', '#macro(m $a)$a#end#@m(1)x#end'],
  ['a property before the #end of the macro', '#macro(m)$a.b#end#@m()x#end'],
  ['a braced #{end} after a reference', '#macro(m)$a#{end}#@m()x#end'],
  ['a reference, then the call', `${Q}$a#@m()x#end`],
  ['the #end of an #if after a reference', `${Q}#if(true)$a#end#@m()x#end`],
  ['the #end of a #foreach after a reference', `${Q}#foreach($i in [1])$a#end#@m()x#end`],
  ['#else after a reference', `${Q}#if(true)$a#else#@m()x#end#end`],
  ['blanks before (', `${Q}#if(true)$a#end#@m  ()x#end`],
  ['a line break among the arguments', `${Q}#if(true)$a#end#@m(
)x#end`],
  ['a string argument', `${Q}#if(true)$a#end#@m('a')x#end`],
  ['two calls in a row', `${Q}#if(true)$a#end#@m()x#end#@m()y#end`],
  ['nested calls', `${Q}#if(true)$a#end#@m()#@m()y#end#end`],
  ['no parentheses', `${Q}#if(true)$a#end#@m`],
  ['no #end', `${Q}#if(true)$a#end#@m()x`],
  ['an #end too many after it', '#macro(m)#end$a#end#@m()x#end\n#end'],
];

const BACKSLASHES: Row[] = [
  ['two', `${Q}\\\\#@m()x#end`],
  ['two, the body unread', '#macro(m)M#end\\\\#@m()x#end'],
  ['two, a string argument', `${Q}\\\\#@m('a')x#end`],
  ['two after a space', `${Q} \\\\#@m()x#end`],
  ['two after a reference', `${Q}$a\\\\#@m()x#end`],
  ['two in a block macro call', `${Q}#@m()\\\\#@m()x#end#end`],
  ['two, the macro defined below', `\\\\#@m()x#end${Q}`],
  ['two, no such macro', '\\\\#@nope()x#end'],
  ['two, no parentheses', `${Q}\\\\#@m`],
  ['two, a word after', `${Q}\\\\#@m x`],
  ['four', `${Q}\\\\\\\\#@m()x#end`],
  ['six', `${Q}\\\\\\\\\\\\#@m()x#end`],
  ['one', `${Q}\\#@m()x`],
  ['one, then #end', `${Q}\\#@m()x#end`],
  ['three', `${Q}\\\\\\#@m()x`],
  ['three, then #end', `${Q}\\\\\\#@m()x#end`],
  ['two in a string', `${Q}#set($s = "\\\\#@m()x#end")$s`],
  ['two in #evaluate', `${Q}#evaluate('\\\\#@m()x#end')`],
];

/** A call's arguments stay in force for all it renders, which the unset-variable check relies on (variableChecks.ts). */
const ARGUMENTS_IN_FORCE: Row[] = [
  ['in a macro the body calls', '#macro(inner)[$x]#end#macro(outer $x)#inner()#end#outer("hi")'],
  ['in the body of a block call', '#macro(outer $x)[$bodyContent]#end#@outer(1)x=$x#end'],
  ['not after the call', '#macro(outer $x)[$x]#end#outer(1)|$x|$!x'],
  ['not in another macro called after it', '#macro(show)[$!x]#end#macro(outer $x)$x#end#outer(1)#show()'],
];

export const BLOCK_MACRO_CALLS_CASES: OracleTestCase[] = [
  ...rows('a block macro call with blanks before (', BLANKS),
  ...rows('$bodyContent', BODY_CONTENT),
  ...rows('a block macro call right after a reference', AFTER_REFERENCE),
  ...rows('backslashes before a block macro call', BACKSLASHES),
  ...rows("a call's arguments", ARGUMENTS_IN_FORCE),
];
