/**
 * A `#` among a method call's arguments. Velocity 1.7's lexer reads `#name` there (`$a.b(#x)`, `$a.b(#stop)`,
 * `#{x}`, `#@x`, `##x`) as a directive's name, which no argument list takes: the template fails to parse, wherever
 * the call stands (in an `#if` never run, escaped, in a double-quoted string), and so does a number after the `#`
 * (`#1`, when it is read). A name that runs into the end of the template leaves the parenthesis text. A `#stop` or
 * `#break` in a double-quoted string among the arguments stops as it is interpolated: the reference prints nothing,
 * no method runs, and a `#set` sets nothing.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const S = "#set($a = 's')";

/** One row for each template, every one of which fails: together, the first to fail would hide the others. */
const each = (name: string, templates: string[]): Row[] => templates.map((template): Row => [`${name} ${JSON.stringify(template)}`, template]);

const NAMES: Row[] = [
  ['#x', '$a.b(#x)'],
  ['#stop', '$a.b(#stop)'],
  ['#x, a value set', `${S}a$a.concat(#x)b`],
  ...each('after text, text after', ['a $a.b(#stop) b', '$a.b(#x) after']),
  ...each('#break, in a loop too', [`${S}a$a.concat(#break)b`, `${S}#foreach($i in [1])$a.concat(#break)#end`]),
  ...each('directive names', ['#set', '#foreach', '#if', '#end'].map((name) => `${S}$a.concat(${name})`)),
  ['a directive with its arguments', `${S}a$a.concat(#set($x = 1))b`],
  ...each('a macro call', [`${S}$a.concat(#m())`, `${S}$a.concat(#x(1))`]),
  ['a macro defined', `#macro(x)X#end${S}a$a.concat(#x)b`],
  ...each('braced, #@ and _', ['#{x}', '#{x}(1)', '#@x', '#_x', '#{'].map((word) => `${S}$a.concat(${word})`)),
  ...each('a comment or unparsed text', [`${S}$a.concat(##x)\n)`, `${S}$a.concat(#*c*#)`, `${S}$a.concat(#[[x]]#)`]),
  ['two names', `${S}$a.concat(#x#y)`],
  ...each('after blanks', [' #x ', '\n#x', '\t#x', ' #', '# '].map((args) => `${S}$a.concat(${args})`)),
  ...each('before a blank, a comma or a line break', [`${S}$a.concat(#x )`, `${S}$a.concat(#x,'y')`, `${S}$a.concat(#x\n)`, `${S}$a.concat(#x, 'y'`]),
  ...each('after another argument', [`${S}$a.concat('a', #x)`, '$a.b(1, #x)']),
  ...each('a number', [`${S}a$a.concat(#1)b`, `${S}$a.concat( #1)`, `${S}$a.concat(#-1)`, `${S}$a.concat(#.5)`, `${S}$a.concat(#1.5)`]),
  ['a number, never reached', '#if(false)$a.concat(#1)#end ok'],
  ['never reached', '#if(false)$a.concat(#x)#end ok'],
  ...each('other characters', ['#!', '#%', '#(1)', '#-x', '#x-y', '#true'].map((args) => `${S}$a.concat(${args})`)),
  ...each('quiet, braced, chained and indexed references', [`${S}$!a.b(#x)`, `${S}\${a.b(#x)}`, `${S}$a.b(1).c(#x)`, `${S}$a.substring(0).concat(#x)`, `${S}$a[0].concat(#x)`]),
  ['a map', '#set($m = {})a$m.put(#x)b'],
  ['escaped', '\\$a.b(#x)'],
  ['in a double-quoted string', '#set($s = "$a.b(#x)")'],
  ...each('in directives and calls', [`${S}#set($x = $a.concat(#x))`, `${S}#if($a.concat(#x))#end`, '#m($a.b(#x))', `${S}$a.concat($a.concat(#x))`, `${S}$a.concat([#x])`]),
  ['running into the end of the template', `${S}a$a.concat(#x`],
  ['names and references running into the end', `${S}a$a.concat(#x#y`],
  ['a reference running into the end', `${S}a$a.concat(#x$y`],
  ['at the end of the template, then closed', `${S}a$a.concat(#x$y)`],
  ['a number running into the end', `${S}a$a.concat(#1`],
];

const STOP_IN_STRINGS: Row[] = [
  ['#stop', "#set($s = 'x')a$s.concat(\" #stop\")b"],
  ['#stop at the end of the template', "#set($s = 'x')a$s.concat(\" #stop\")"],
  ['#stop alone', "#set($s = 'x')a$s.concat(\"#stop\")b"],
  ['#{stop}', "#set($s = 'x')a$s.concat(\"y#{stop}\")c"],
  ['a quiet reference', "#set($s = 'x')a$!s.concat(\" #stop\")b"],
  ['a braced reference', "#set($s = 'x')a${s.concat(\" #stop\")}c"],
  ['no method after it runs', "#set($s = 'x')a$s.concat(\" #stop\").length()b"],
  ['the method is not called', "#set($l = [])a$l.add(\" #stop\")b"],
  ['the method is not called, in #evaluate', "#set($m = [])#evaluate('$m.add(\" #stop\")')$m.size()"],
  ['a second argument', "#set($s = 'x')a$s.replace('x', \" #stop\")b"],
  ['a single-quoted string is text', "#set($s = 'x')$s.concat(' #stop') y|$s.concat('#stop')"],
  ['#set sets nothing, in #evaluate', "#evaluate('#set($t = \"x #stop\")')[$t]|#set($u = 'old')#evaluate('#set($u = \"x #stop\")')[$u]"],
  ['in #evaluate, which ends', "#set($s = 'x')#evaluate('a$s.concat(\" #stop\")b')c"],
  ['a #set of a call', "#set($s = 'x')#set($t = $s.concat(\" #stop\"))[$t]"],
  ['a macro argument', '#macro(m $a)[$a]#end#m(" #stop")z'],
  ['#break in a loop', "#set($s = 'x')#foreach($i in [1, 2])$i$s.concat(\"#break\")y#end|"],
  ['#break in a loop, in a #set and an #if', "#foreach($i in [1, 2])$i#set($s = \"#break\")y#end|#foreach($i in [1, 2])$i#if(\"#break\" == '')a#{else}b#end y#end|"],
  ['#break in a macro argument ends the macro only', '#macro(m $a)[$a]#end#foreach($i in [1, 2])$i#m("#break")y#end|'],
  ['#break in a #define ends its body only', "#set($s = '')#define($d)D$s.concat(\"#break\")X#end#foreach($i in [1, 2])$i$d y#end|"],
  ['in a double-quoted string around', '#set($s = \'x\')#set($t = "$s.concat(\' #stop\')")$t|#set($u = "$s.concat(\'#stop\')")[$u]'],
];

export const METHOD_CALL_WORDS_CASES: OracleTestCase[] = [...rows('a # among method arguments', NAMES), ...rows('#stop in a string among method arguments', STOP_IN_STRINGS)];
