/**
 * When a `#macro` takes effect. Velocity 1.7 registers every macro as it loads the template, before anything runs,
 * the first definition of a name staying: a block when its parser reaches the block's `#end` (a macro defined inside
 * another one first), and the macros of a double-quoted string when it parses the string as template text, which it
 * does as it reaches the string, wherever the string stands (in an `#if` never run, a macro's or a `#define`'s body,
 * a loop, a method's arguments). The text of `#evaluate` is parsed only when it runs.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const IN_STRINGS: Row[] = [
  ['called before the string', '#m()#set($x = "#macro(m)hi#end")#m()'],
  ['never run', '#m()#if(false)#set($x = "#macro(m)hi#end")#end'],
  ['printed', '#set($x = "#macro(m)hi#end")[$x]#m()'],
  ['with parameters', '#m()#set($x = "#macro(m $a)[$a]#end")#m(1)'],
  ['reading a variable set later', '#m()#set($x = "#macro(m)$y#end")#set($y = 1)#m()'],
  ['a block call', '#@m()body#end#set($x = "#macro(m)[$bodyContent]#end")'],
  ['braced', '#m()#set($x = "#{macro}(m)B#end")'],
  ['in a macro\'s body', '#m()#macro(n)#set($x = "#macro(m)B#end")#end'],
  ['in a #define\'s body', '#m()#define($d)#set($x = "#macro(m)B#end")#end'],
  ['in a loop', '#m()#foreach($i in [1, 2])#set($x = "#macro(m)B$i#end")#end'],
  ['among a method\'s arguments', '#m()$x.concat("#macro(m)B#end")'],
  ['in a string in a string', '#set($x = "#set($y = ""#macro(m)B#end"")")#m()'],
  ['in #evaluate, defined when it runs', '#m()#evaluate(\'#set($x = "#macro(m)B#end")\')#m()'],
  ['in a single-quoted string, text', "#m()#set($x = '#macro(m)B#end')"],
  ['escaped, refused', '#m()#set($x = "\\#macro(m)B#end")'],
];

const FIRST_DEFINITION: Row[] = [
  ['the template\'s, then a string\'s', '#macro(m)A#end#set($x = "#macro(m)B#end")#m()'],
  ['a string\'s, then the template\'s', '#set($x = "#macro(m)B#end")#macro(m)A#end#m()'],
  ['two strings', '#m()#set($x = "#macro(m)B#end")#set($y = "#macro(m)C#end")'],
  ['two strings in one expression', '#set($x = "#macro(m)B#end" + "#macro(m)C#end")#m()'],
  ['a string in the body of the macro it names', '#macro(m)A#set($x = "#macro(m)B#end")#end#m()'],
  ['a string in an earlier macro\'s body', '#macro(n)#set($x = "#macro(m)B#end")#end#macro(m)A#end#m()'],
  ['a macro inside a macro of the same name', '#macro(m)A#macro(m)B#end#end#m()'],
  ['a macro inside another, then one of its name', '#macro(n)#macro(m)B#end#end#macro(m)A#end#m()#n()#m()'],
];

export const MACRO_LOADING_CASES: OracleTestCase[] = [...rows('a macro defined in a double-quoted string', IN_STRINGS), ...rows('the first definition of a macro', FIRST_DEFINITION)];
