/**
 * Corners of Velocity 1.7's grammar our engine read otherwise and now reads alike: `#foreach` headers of any shape
 * (Foreach takes its children by position, the block last), a `$` before a block directive inside another block,
 * macros called without parentheses inside a string, `$`s and backslashes before a reference inside a directive, and
 * macro names starting with `_`.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const LOOP_WORDS: Row[] = [
  ['a one-letter word before a number', '#foreach($k x 5)[$k]#end|#foreach($k x 12)[$k]#end|#foreach($k x -1)[$k]#end'],
  ['a one-letter word right before a list', '#foreach($k x[1,2])$k#end|#foreach($k x[1..2])$k#end|#foreach($k _[1,2])$k#end'],
  ['a one-letter word right before a map, a reference or a string', "#set($l = [1])#foreach($k x{'a': 1})$k#end|#foreach($k x$l)$k#end|#foreach($k x'ab')$k#end"],
  ['a one-letter word and a line break before a number', '#foreach($k x\n5)[$k]#end|#foreach($k x .5)[$k]#end|#foreach($k x true)[$k]#end'],
  ['a longer word right before a list', '#foreach($k xy[1,2])$k#end|#foreach($k x@y [1])$k#end|#foreach($k @x [1])$k#end'],
  ['a value right before a list', "#foreach($k 1[1,2])$k#end|#foreach($k 1.5[1])$k#end|#foreach($k true[1])$k#end|#foreach($k 'a'[1])$k#end|#foreach($k [1][2])$k#end|#foreach($k {}[1])$k#end"],
  ['commas between the arguments', '#foreach($a, in, [1, 2])$a#end|#foreach($a , in , [1])$a#end|#foreach(,$a in [1])$a#end'],
  ['a word where no word may stand', '#foreach($k in x)$k#end'],
  ['two commas', '#foreach($a,,in [1])$a#end'],
];

const LOOP_ARGUMENT_COUNTS: Row[] = [
  ['two references', '#set($b = [1, 2])#foreach($a $b)x$a#end|'],
  ['two arguments leave the variable alone', "#set($a = 'A')#set($b = [1, 2])#foreach($a $b)x#end$a"],
  ['a word and a value run together', '#foreach($k x5)[$k]#end|#foreach($k x-1)[$k]#end|#foreach($k$l)x#end|#foreach($k $x[1])x#end|'],
  ['a number or a list as the second argument', '#foreach($a 5)x#end|#foreach($a [1, 2])x$a#end|#foreach($a x)x#end|'],
  ['two arguments around a block', '#foreach($a $b)\nx\n#end\nafter|#set($b = [1])#foreach($a $b)#set($z = 1)#foreach($c in $b)y#end#end[$z]'],
  ['two arguments over lines, braced or spaced', '#foreach($a\n$b)x#end|#foreach ($a $b)x#end|#{foreach}($a $b)x#end|#{foreach}($a x[1])$a#end|'],
  ['four: the fourth is the body', "#set($c = 'C')#foreach($a in $b $c)x#end|#foreach($a in [1, 2] $a)x#end|#foreach($a in [1, 2] $c)x#end|#foreach($a in [1, 2] $nope)x#end"],
  ['four: a list, map or range prints the references in it', "#set($c = 'C')#foreach($a in [1, 2] [$c])x#end|#foreach($a in [1, 2] {$c: $c})x#end|#foreach($a in [1, 2] [1..$a])x#end|#foreach($a in [1, 2] [7])x#end"],
  ['four: a string or a Boolean prints nothing', "#set($c = 'C')#foreach($a in [1, 2] \"$c\")x#end|#foreach($a in [1, 2] 'q')x#end|#foreach($a in [1, 2] true)x#end|"],
  ['four: calls, $foreach and the counters', "#set($c = 'C')#foreach($a in [1, 2] $c.length())x#end|#foreach($a in [1..3] $foreach.hasNext)#end|#foreach($a in [1, 2] $velocityCount)#end"],
  ['four: after a comma, or run together', "#set($c = 'C')#foreach($a in [1, 2] $c, $c)x#end|#foreach($a in [1, 2]$a)x#end|#foreach($k x[1..2]$k)$k#end"],
  ['five: the fifth is never read', '#foreach($a in [1, 2] $a $d)x#end|#foreach($a in [1] [2])x$a#end'],
  ['four: the loop variable is put back', "#set($a = 'A')#foreach($a in [1, 2] $a)x#end$a"],
  ['four: a call that changes the list', '#set($l = [1, 2])#foreach($a in $l $l.add(3))x#end'],
  ['four: the block is parsed, its macros defined', '#foreach($a in [1, 2] $a)#macro(inner)I#end#end#inner()|#foreach($a $b)#macro(other)O#end#end#other()'],
  ['four: #break in the block is never reached', '#foreach($a in [1, 2] $foreach.index)#break#end'],
  ['four and two, nested', '#foreach($a x [1, 2])#foreach($b y [3] $b)z#end#end|#foreach($a x[1, 2])#foreach($b $c)z#end$a#end'],
  ['in a macro', '#macro(m $l)#foreach($a in $l $a)#end#end#m([5, 6])'],
  ['in a string', '#set($s = "#foreach($a $b)x#end")[$s]#set($t = "#foreach($a in [1, 2] $a)x#end")[$t]'],
  ['a string among the arguments that does not parse', '#foreach($a in [1, 2] "#end")x#end'],
  ['a string among the arguments holding #end', "#foreach($a in [1, 2] '#end')x#end|"],
  ['#else in a loop of two arguments', '#foreach($a x 5)$a#{else}b#end'],
  ['one argument', '#if(true)#foreach($k)$k#end#end'],
];

const LOOP_VARIABLES: Row[] = [
  ['$true', '#foreach($true in [1])x#end|#foreach($!true in [1])y#end'],
  ['$true set in the loop', '#foreach($true in [1])#set($y = $true)#end[$y]'],
  ['$true printed in the loop', '#foreach($true in [1])$true#end'],
  ['${true}', '#foreach(${true} in [1])x#end'],
  ['a property, a call or an index', '#foreach($k.a.b in [1])$k#end|#foreach($k.a() in [1])$k#end|#foreach($k.a($x) in [1])$k#end|#foreach($k[0] in [1])$k#end'],
  ['no list', '#foreach($k in)$k#end|#foreach($k in )x#end|#foreach($k\nin)x#end|#foreach( $k in )x#end|#foreach($k,in)x#end'],
  ['no list, the variable kept', '#set($k = 1)#foreach($k in)$k#end|$k'],
  ['a word that is no reference', '#foreach(x in [1])x#end'],
];

const DOLLAR_BEFORE_BLOCK: Row[] = [
  ['#foreach inside #if', '#if(true)a$#foreach($i in [1])x#end'],
  ['#foreach inside #if, its #end closing the #if', '#if(true)a$#foreach($i in [1])x#end#end'],
  ['#foreach inside #foreach', '#foreach($j in [1, 2])a$#foreach($i in [1])x#end'],
  ['the arguments print as written', "#set($i = 'I')#if(true)a$#foreach($i in [1])x#end|#if(true)a$#foreach($i $j $k)x#end|#if(true)a$#foreach()x#end"],
  ['with backslashes, several $ or !', '#if(true)a\\$#foreach($i in [1])x#end|#if(true)a$$#foreach($i in [1])x#end|#if(true)a$!#foreach($i in [1])x#end'],
  ['braced, or with a blank before the parenthesis', '#if(true)a$#{foreach}($i in [1])x#end|#if(true)a$#foreach ($i in [1])x#end'],
  ['without a parenthesis', '#if(true)a$#foreach x#end|a$#foreach x|a$#{foreach}x'],
  ['at the end', 'a$#foreach'],
  ['#macro, #define and a block macro call', '#if(true)a$#macro(q)x#end|#if(true)a$#define($q)x#end|#macro(m)M#end#if(true)a$#@m()x#end|#if(true)a$#@n()x#end'],
  ['before an #else', '#if(true)a$#foreach($i in [1])x#{else}y#end'],
  ['line ends', '#if(true)a$#foreach($i in [1])x#end\nb|#if(true)a$#foreach($i in [1])\nx#end'],
  ['in a string', '#set($s = "$#foreach($i in [1])")$s'],
];

const BARE_CALLS_IN_STRINGS: Row[] = [
  ['#m in a double-quoted string', '#macro(m)X#end#set($s = "a#m b")$s|#set($s = "a#m")$s|#set($s = "#m")$s'],
  ['#{m} and what follows', '#macro(m)X#end#set($s = "a#{m} b#m.x #m-y")$s'],
  ['in a comparison and a list', '#macro(m)X#end#if("a#m b" == "aX b")yes#end#set($l = ["a#m b"])$l'],
  ['as a method argument', "#macro(m)X#end#set($e = '')$e.concat(\"#m\")"],
  ['after a reference or a $', '#macro(m)X#end#set($s = "$a#m|$#m")$s'],
  ['a macro defined after the string', '#set($s = "#m")#macro(m)X#end$s'],
  ['a macro with parameters', '#macro(m $a)[$a]#end#set($s = "#m")$s'],
  ['with a line break', '#macro(m)X#end#set($s = "a#m\nb")$s'],
  ['other names print as written', '#macro(m)X#end#set($s = "#mx #foo#bar #baz.x color: #fff;")$s'],
  ['no macro at all', '#set($s = "a#m b")$s'],
  ['in #evaluate', "#macro(m)X#end#evaluate('#m')"],
  ['calling itself', '#macro(m)#m#end#set($s = "#m")$s'],
];

const PREFIXED_REFERENCES: Row[] = [
  ['in #set', "#set($x = 'X')#set($a = $\\$x)[$a]#set($b = $\\$nope)[$b]"],
  ['in #if', "#if($\\$x)y#{else}n#end|#set($x = 1)#if($\\$x)y#{else}n#end|#if(!$\\$x)y#{else}n#end"],
  ['backslashes, $ and $! of any number', "#set($x = 'X')#set($a = \\$x)[$a]#set($a = $\\\\$x)[$a]#set($a = \\\\$x)[$a]#set($a = $$x)[$a]#set($a = $!\\$x)[$a]#set($a = $\\$!x)[$a]#set($a = $\\${x})[$a]"],
  ['with a call', "#set($x = 'X')#set($a = $\\$x.toLowerCase())[$a]"],
  ['in a list, a map and a range', "#set($x = 'X')#set($a = [$\\$x])[$a]#set($m = {$\\$x: 1})$m#set($n = 2)#set($l = [1..$\\$n])$l"],
  ['among call arguments', "#set($x = 'X')#set($a = $x.concat($\\$x))[$a]|$x.concat($\\$x)"],
  ['as the target of #set', '#set($\\$x = 1)[$x]'],
  ['as a macro argument', "#set($x = 'X')#macro(m $p)[$p]#end#m($\\$x)"],
  ['as a loop list', '#set($x = [1])#foreach($i in $\\$x)$i#end'],
  ['as an index', '#set($x = 0)#set($l = [5])[$l[$\\$x]]'],
  ['in a double-quoted string', '#set($a = "$\\$x")[$a]#set($x = 1)#set($b = "a$\\$x b")[$b]'],
];

const UNDERSCORE_NAMES: Row[] = [
  ['called with parentheses', '#macro(_m)M#end#_m()|#_m ()|#_m(\n)'],
  ['called without parentheses', '#macro(_m)M#end#_m|#{_m}|#_m.x|x#_m y'],
  ['with arguments', "#macro(_m $a)[$a]#end#_m('a')#_m( 'b' )#_m('c' 'd')"],
  ['only underscores', '#macro(__)U#end#__()#__|#macro(_)V#end#_()'],
  ['with a digit', '#macro(_1)M#end#_1()'],
  ['no such macro', '#_m()|#_m|#_m(1)|#_m(x)|#_(1)'],
  ['a word as argument of a defined macro', '#macro(_m $a)$a#end#_m(x)'],
  ['after a $', '#macro(_m)M#end$#_m()|$#_m'],
  ['escaped', '#macro(_m)M#end\\#_m()|\\#_m|\\#{_m}'],
  ['in a string', '#macro(_m)M#end#set($s = "a#_m() b#_m c")$s'],
  ['in comments and single-quoted strings', "#macro(_m)M#end## #_m()\n#* #_m() *##set($x = '#_m()')$x"],
  ['as a block macro', '#macro(_m)[$!bodyContent]#end#@_m()x#end'],
];

export const VELOCITY_EDGES_CASES: OracleTestCase[] = [
  ...rows('#foreach words', LOOP_WORDS),
  ...rows('#foreach argument counts', LOOP_ARGUMENT_COUNTS),
  ...rows('#foreach variables', LOOP_VARIABLES),
  ...rows('$ before a block directive', DOLLAR_BEFORE_BLOCK),
  ...rows('macro calls without parentheses in strings', BARE_CALLS_IN_STRINGS),
  ...rows('$ and backslashes before a reference in a directive', PREFIXED_REFERENCES),
  ...rows('macro names starting with _', UNDERSCORE_NAMES),
];
