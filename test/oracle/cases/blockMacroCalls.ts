/**
 * Block macro calls (`#@m() body #end`): blanks before the `(` as in any call, and `$bodyContent`, which Velocity 1.7
 * sets after the arguments (so it wins over a parameter of that name) to a Block.Reference, as `#define` does: it
 * renders when it prints, and has Object's methods only.
 */
import type { OracleTestCase } from '../oracleCase';

type Row = [name: string, template: string, request?: Partial<OracleTestCase>];

const rows = (topic: string, list: Row[]): OracleTestCase[] => list.map(([name, template, request]) => ({ name: `${topic}: ${name}`, template, ...request }));

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

export const BLOCK_MACRO_CALLS_CASES: OracleTestCase[] = [...rows('a block macro call with blanks before (', BLANKS), ...rows('$bodyContent', BODY_CONTENT)];
