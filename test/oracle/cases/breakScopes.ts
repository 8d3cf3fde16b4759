/**
 * `#break` with an argument. Velocity 1.7 reads a `(` after `#break` or `#{break}`, blanks or line breaks between, as
 * its arguments. One scope ends its loop: `#break($foreach)` the innermost, `#break($foreach.parent)` or a scope kept
 * in a variable an outer one, through the `#if`s, macros, `#define`s, `$bodyContent` and `#evaluate`s between (which a
 * plain `#break` ends instead). Anything else fails the template when the `#break` is reached, `$foreach` outside a
 * loop or a scope whose loop has ended too (only `$foreach` is a scope by default; `$macro`, `$define`, `$template`
 * and `$evaluate` are not set). No argument, or blanks, is a plain `#break`; two arguments or a word fail the template
 * as it loads, never run or not. After a `$` it is a call of the name `#break`, which prints as written.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

/** One row for each template, every one of which fails: together, the first to fail would hide the others. */
const each = (name: string, templates: string[]): Row[] => templates.map((template): Row => [`${name} ${JSON.stringify(template)}`, template]);

const LOOP = '#foreach($i in [1, 2])';
const NESTED = '#foreach($i in [1, 2])#foreach($j in [1, 2])';

const SCOPES: Row[] = [
  ['$foreach', '#foreach($i in [1, 2, 3])$i#break($foreach)x#end|'],
  ['$foreach, nested', `${NESTED}$i$j#break($foreach)#end#end|`],
  ['$foreach.parent', `${NESTED}$i$j#break($foreach.parent)#end#end|`],
  ['$foreach.parent, then text of the outer loop', `${NESTED}$i$j#break($foreach.parent)#end-#end|`],
  ['$foreach.parent in an #if', `${NESTED}$i$j#if($j == 2)#break($foreach.parent)#end#end-#end|`],
  ['$foreach.parent.parent and $foreach.topmost', '#foreach($i in [1, 2])#foreach($j in [1, 2])#foreach($k in [1, 2])$i$j$k#break($foreach.parent.parent)#end#end#end|' + `${NESTED}$i$j#break($foreach.topmost)#end#end|`],
  ['a scope kept in a variable', `#foreach($i in [1, 2])#set($f = $foreach)#foreach($j in [1, 2])$i$j#break($f)#end#end|`],
  ['quiet and braced references', `${LOOP}$i#break($!foreach)x#end|${LOOP}$i#break(\${foreach})x#end|`],
  ['braced', `${LOOP}$i#{break}($foreach)x#end|${NESTED}$i$j#{break}($foreach.parent)#end#end|`],
  ['blanks before the parenthesis', `${NESTED}$i$j#break ($foreach.parent)#end#end|${NESTED}$i$j#{break} ($foreach.parent)#end#end|`],
  ['a line break or tab before the parenthesis', `${NESTED}$i$j#break\n($foreach.parent)#end#end|${LOOP}$i#break\t($foreach)y#end|${LOOP}$i#{break}\n($foreach)y#end|`],
  ['blanks inside', `${LOOP}$i#break( $foreach )x#end|${LOOP}$i#break(\n$foreach)x#end|${LOOP}$i#break ( $foreach )y#end|${LOOP}$i#{break}(\n$foreach)y#end|`],
  ['a line break after it', `${LOOP}$i#break($foreach)\n#end|${LOOP}$i#break($foreach\n)\nz#end|${LOOP}$i#break($foreach) \nz#end|`],
  ['the loop after it runs', `${LOOP}$i#break($foreach)#end|#foreach($i in [3, 4])$i#end`],
  ['the next loop runs', '#foreach($i in [1])#break($foreach)#end#foreach($j in [1, 2])$j#end'],
  ['a later #break is not reached', `${LOOP}$i#break($foreach) #break(1)#end|`],
  ['after a `##` in a string', `#set($s = '##')${LOOP}$i#break($foreach)#end|`],
];

const THROUGH: Row[] = [
  ['a plain #break in a macro ends the macro', `#macro(m)M#break X#end${LOOP}$i#m()y#end|`],
  ['a macro', `#macro(m)M#break($foreach)X#end${LOOP}$i#m()y#end|`],
  ['a macro, to the outer loop', `#macro(m)#break($foreach.parent)#end${NESTED}$i$j#m()#end#end|`],
  ['a #define', `${LOOP}#define($d)D#break($foreach)X#end$i$d y#end|`],
  ['#evaluate', `${LOOP}$i#evaluate('E#break($foreach)X')y#end|${NESTED}$i$j#evaluate('#break($foreach.parent)')#end#end|`],
  ['a string', `${LOOP}$i#set($s = "#break($foreach)")y#end|`],
  ['a string among a method\'s arguments', `#set($s = 'x')${LOOP}$i$s.concat("#break($foreach)")y#end|`],
  ['a string passed to a macro', `#macro(m $a)[$a]#end${LOOP}$i#m("#break($foreach)")y#end|`],
  ['$bodyContent', `#macro(m)[$bodyContent]#end${LOOP}$i #@m()a#break($foreach)b#end y#end|`],
  ['a plain #break in $bodyContent ends the body', `#macro(m)[$bodyContent]#end${LOOP}$i #@m()a#break b#end y#end|`],
];

const REFUSED_WHEN_REACHED: Row[] = [
  ['a number', 'a#break(1)b'],
  ['braced', 'a#{break}(1)b'],
  ...each('in a loop', [`${LOOP}$i#break(1)#end`, `${LOOP}$i#{break}(1)#end`]),
  ['$foreach outside a loop', 'a#break($foreach)b'],
  ['$foreach alone', '#break($foreach)'],
  ...each('a reference never set, or set to text', ['a#break($x)b', "#set($x = 'a')a#break($x)b"]),
  ['in a loop, a reference not a scope', `${LOOP}$i#break($x)x#end|`],
  ...each('other values', ["'a'", '"$foreach"', 'true', '[1]', '{}', '[1..2]', '1.5', '-1', '[$foreach]'].map((value) => `${LOOP}$i#break(${value})#end`)),
  ...each("a scope's other members", ['$foreach.index', '$foreach.replaced', "$foreach.get('parent')", '$velocityCount'].map((value) => `${LOOP}$i#break(${value})#end`)),
  ['$foreach.parent of an outermost loop', `${LOOP}$i#break($foreach.parent)x#end|`],
  ['$foreach set to something else', `${LOOP}$i#set($foreach = 'x')#break($foreach)#end|`],
  ...each('$macro, $define, $template and $evaluate', ['#macro(m)M#break($macro)X#end#m()|', '#define($d)D#break($define)X#end$d|', 'a#break($template)b', "#evaluate('a#break($evaluate)b')|c"]),
  ['a scope whose loop has ended', `#foreach($i in [1, 2])#set($f = $foreach)#end#foreach($j in [1, 2])$j#foreach($k in [1])#break($f)#end#end|`],
  ['a scope of a loop that ran before', `#foreach($i in [1, 2])#set($f = $foreach)#end#foreach($j in [1, 2])$j#break($f)#end|`],
  ['never reached', '#if(false)#break(1)#end ok'],
];

const REFUSED_WHEN_LOADED: Row[] = [
  ['two arguments', `${LOOP}$i#break($foreach, 1)x#end|`],
  ['two arguments without a comma', `${LOOP}$i#break($foreach $foreach)x#end|`],
  ['two arguments, never reached', '#if(false)#break(1, 2)#end'],
  ['a word', `${LOOP}$i#break(x)x#end|`],
  ['a word, never reached', '#if(false)#break(x)#end'],
  ['a #name', `${LOOP}$i#break(#x)x#end|`],
  ['a comma alone or after the argument', `${LOOP}$i#break(,)#end|`],
  ['a comma after the argument', `${LOOP}$i#break($foreach,)#end|`],
  ...each('in a double-quoted string', ['#set($s = "#break(1, 2)")', '#if(false)#set($s = "#break(x)")#end']),
  ...each('never closed', [`${LOOP}$i#break(`, `${LOOP}$i#break($foreach#end`, `${LOOP}$i#break($foreach`]),
];

const NO_ARGUMENT: Row[] = [
  ['empty parentheses', `${LOOP}$i#break()x#end|#break()`],
  ['blanks only', `${LOOP}$i#break( )#end|${LOOP}$i#break(\n)y#end|${LOOP}$i#break(  )y#end|`],
  ['before a blank and a line break', `${LOOP}$i#break \nz#end|`],
  ['braced, before a letter', 'a#{break}b'],
];

const AS_TEXT: Row[] = [
  ['after a $, a call that prints as written', "#set($x = 1)$#break($x)|$!#break($x)|$#break ($x)|$#{break}($x)|$$#break($x)|a$#break($foreach)|$#break(1)"],
  ['#stop after a $ too', '#set($x = 1)$#stop($x)|a $#stop($x) b|$#stop(1)'],
  ['after a $ in a loop', `${LOOP}$i$#break($foreach)y#end|`],
  ['escaped', `${LOOP}$i\\#break($foreach)y#end|`],
  ['after two backslashes, which print one', `${LOOP}$i\\\\#break($foreach)y#end|`],
  ['in unparsed text and comments', `${LOOP}$i#[[#break(1)]]#y#end|${LOOP}$i## #break(1)\ny#end|${LOOP}$i#* #break(1) *#y#end|`],
  ['a word among a macro call\'s arguments', '#m(#break)'],
  ['a macro named Break', `#macro(Break $a)<$a>#end#Break(1)|${LOOP}$i#break($foreach)#end`],
  ['#stop with an argument stops the template', `${LOOP}$i#stop($foreach)#end|`],
  ['an @ after the name, which goes on with it', `${LOOP}$i#break@x b#end|a#break@ b|a#break@@ b|a#break@x(1) b`],
  ['an @ after the name, escaped or after a $', 'a\\#break@x b|a$#break@x b|a#{break}@x b'],
];

export const BREAK_SCOPES_CASES: OracleTestCase[] = [
  ...rows('#break with a scope', SCOPES),
  ...rows('#break with a scope, through', THROUGH),
  ...rows('#break with an argument, refused when reached', REFUSED_WHEN_REACHED),
  ...rows('#break with arguments, refused when loaded', REFUSED_WHEN_LOADED),
  ...rows('#break without an argument', NO_ARGUMENT),
  ...rows('#break and its parenthesis as text', AS_TEXT),
];
