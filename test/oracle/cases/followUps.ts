/**
 * Places where our engine read templates otherwise than Velocity 1.7 and now reads them alike: `null` written as a
 * value, number literals velocityjs has no spelling for, indexes right after a reference, `#set` inside `#evaluate`,
 * loops over a single value, blanks before a directive's `(`, JSON lists printed as json-smart prints them, `$input`
 * methods given no String, `$foreach` as the map it is, a `$!` that starts no reference, and string literals Velocity
 * parses as templates when it loads the template.
 */
import type { OracleTestCase } from '../oracleCase';

type Row = [name: string, template: string, request?: Partial<OracleTestCase>];

const rows = (topic: string, list: Row[]): OracleTestCase[] => list.map(([name, template, request]) => ({ name: `${topic}: ${name}`, template, ...request }));

const NULL_WORD: Row[] = [
  ['#set to null', '#set($x = null)[$x]'],
  ['#if(null)', '#if(null)a#end'],
  ['compared with null', '#if($a == null)a#end'],
  ['null on the left', '#if(null == $a)a#end'],
  ['negated null', '#set($x = !null)$x'],
  ['null in parentheses', '#set($x = (null))'],
  ['null in #elseif', '#if(false)#elseif(null)a#end'],
  ['null after a call', '#set($l = [])#set($x = $l.add([null]) && null)'],
  ['null as a macro argument', '#macro(fuNullArg $a)[$a]#end#fuNullArg(null)'],
  ['null as an index', '#set($a = [1])$a[null]'],
  ['null among call arguments', '#set($l = [])$l.add(null)$l.add([foo, null])$l'],
  ['null as a map key in a call', '#set($m = {})$m.put(null, 1)$m'],
  ['null inside a map in a call', '#set($l = [])$l.add({"a": null})$l'],
  ['$null is the reference that stands for null', '#if($a == $null)a#end#if($!null == $a)b#end'],
  ['$null after a call', '#set($m = {})$m.put(1, null)#set($x = $m.get(1) == $null)$x'],
  ['null in a call inside a directive', '#if($a.b(null))a#{else}b#end'],
];

const NUMBERS: Row[] = [
  ['an exponent', '#set($x = 1e3)[$x]'],
  ['an upper-case exponent', '#set($x = 1E3)[$x]'],
  ['a negative exponent', '#set($x = 1e-3)[$x]'],
  ['a signed exponent', '#set($x = 1e+3)[$x]'],
  ['a fraction and an exponent', '#set($x = 1.5e3)[$x]'],
  ['no digit before the point', '#set($x = .5)[$x]'],
  ['no digit after the point', '#set($x = 1.)[$x]'],
  ['negative with no digit before the point', '#set($x = -.5)[$x]'],
  ['beyond a Double', '#set($x = 1e400)[$x]'],
  ['below zero beyond a Double', '#set($x = -1e400)[$x]'],
  ['in a call', '$x.format("%.2f", 1e20)[$x]'],
  ['in a list', '#set($x = [1e3, .5, 1.])$x'],
  ['in a comparison', '#if(1e3 == 1000)eq#end#if(.5 < 1)lt#end'],
  ['a point right after a parenthesis', '#set($l = [])$l.add(.5)$l.add( .5)#set($x = (.5))$l$x x(.5)'],
  ['in arithmetic', '#set($x = 2 * 1e3)[$x]#set($y = 1 - -.5)[$y]'],
  ['as a macro argument', '#macro(fuNumArg $a)[$a]#end#fuNumArg(1e3)'],
  ['the plain decimal', '#set($x = -1.5)[$x]'],
  ['a negative number right after a value', '#set($x = $a -1e3)'],
  ['a negative integer beyond a Long', '#set($x = -9223372036854775809)[$x]'],
  ['a negative integer beyond 2^53', '#set($x = -9007199254740993)[$x]'],
  ['a negative integer beyond 2^53 in a call', '#set($l = [])$l.add(-9007199254740993)$l'],
  ['a positive integer beyond 2^53', '#set($x = 9007199254740993)[$x]'],
];

const INDEXES: Row[] = [
  ['true on a list', '#set($l = [1,2])[$l[true]]'],
  ['false on a list', '#set($l = [1,2])[$l[false]]'],
  ['true with blanks', '#set($l = [1,2])[$l[ true ]]'],
  ['true on a map with the Boolean key', '#set($m = {true: 1})[$m[true]]'],
  ['true on a map with the String key', '#set($m = {"true": 1})[$m[true]]'],
  ['true in a directive', '#set($m = {true: 1})#set($x = $m[true])[$x]'],
  ['true then a method', '#set($m = {true: "ab"})[$m[true].length()]'],
  ['a word', '#set($a = [1,2])[$a[x]]'],
  ['a word after blanks', '$a[ x]'],
  ['nothing', '#set($a = [1,2])[$a[]]'],
  ['only blanks', '$a[ ]'],
  ['a line break only', '$a[\n]'],
  ['never closed', '#set($a = [1,2])[$a['],
  ['at the end of the template', 'x$a['],
  ['a point', '$a[.]'],
  ['a hash', '$a[#]'],
  ['a parenthesis', '$a[)'],
  ['a decimal number', '$a[1.5]'],
  ['a decimal number in a directive', '#set($l = ["a"])#set($x = $l[1.0])[$x]'],
  ['a range', '$a[1..2]'],
  ['two values', '$a[1,2]'],
  ['a part of a word', '$a[tru]'],
  ['after a property', '$a.b[x]'],
  ['after a call', '$a.b()[x]'],
  ['after an index', '$a[1][x]'],
  ['after $!', '$!a[x]'],
  ['a blank before it', '$a [x]'],
  ['the ones Velocity reads', '#set($l = ["a","b"])#set($m = {"k": 1})[$l[1]][$l[-1]][$l[ 0 ]][$m["k"]][$m[\'k\']][$l[$nope]]'],
];

const EVALUATE: Row[] = [
  ['#set writes through to the template', '#set($v="out")#evaluate(\'[$v]#set($v="in")[$v]\')$v'],
  ['a new variable outlives it', '#evaluate(\'#set($fuW="in")\')[$fuW]'],
  ['the loop variable', '#foreach($i in [1,2])#evaluate(\'#set($i = 5)\')[$i]#end[$i]'],
  ['a macro parameter', '#macro(fuEvalArg $p)#evaluate(\'#set($p = "in")\')[$p]#end#set($q="out")#fuEvalArg($q)[$q]'],
  ['nested #evaluate', '#evaluate(\'#evaluate("#set($fuZ = 1)")\')[$fuZ]'],
  ['$foreach inside it', '#foreach($i in [1])#evaluate(\'#set($fuK = $foreach.index)\')#end[$fuK]'],
];

const LOOPS: Row[] = [
  ['over a string', '#foreach($i in "abc")[$i]#end'],
  ['over a single-quoted string', "#foreach($i in 'abc')[$i]#end"],
  ['over an interpolated string', '#foreach($i in "$a")[$i]#end'],
  ['over a number', '#foreach($i in 5)[$i]#end'],
  ['over a negative number', '#foreach($i in -5)[$i]#end'],
  ['over a decimal number', '#foreach($i in 1.5)[$i]#end'],
  ['over an exponent', '#foreach($i in 1e3)[$i]#end'],
  ['over true', '#foreach($i in true)[$i]#end'],
  ['over false', '#foreach($i in false)[$i]#end'],
  ['over a string, with blanks', '#foreach( $i in "abc" )[$i]#end'],
  ['over a word', '#foreach($i in foo)[$i]#end'],
  ['over null', '#foreach($i in null)x#end'],
];

const SPACED_DIRECTIVES: Row[] = [
  ['#if, a line break, (', '#if\n(true)a#end'],
  ['#if, a tab, (', '#if\t(true)a#end'],
  ['#if, blanks and a line break, (', '#if \n (true)a#end'],
  ['#if, CRLF, (', '#if\r\n(true)a#end'],
  ['#if, two line breaks, (', '#if\n\n(true)a#end'],
  ['#if with its body on the next line', '#if\n(true)\na#end'],
  ['#if after text', 'x #if\n  (true)a#end'],
  ['#elseif, a line break, (', '#if(false)#elseif\n(true)b#end'],
  ['#foreach, a line break, (', '#foreach\n($i in [1])$i#end'],
  ['#macro, a line break, (', '#macro\n(fuSpacedMacro)m#end#fuSpacedMacro()'],
  ['#define, a line break, (', '#define\n($fuD)D#end$fuD'],
  ['#evaluate, a line break, (', '#evaluate\n("e")'],
  ['#{if}, a line break, (', '#{if}\n(true)a#end'],
  ['#set, a line break, (', '#set\n($x = 1)$x'],
  ['#set, a tab, (', '#set\t($x = 1)$x'],
  ['#if, a form feed, (', '#if\f(true)a#end'],
  ['#if, a line break, text', '#if\nx'],
  ['escaped', '\\#if\n(true)a'],
  ['in unparsed text', '#[[#if\n(x)]]#'],
  ['in a single-quoted string', "#set($x = '#if\n(x')$x"],
  ['in a comment', '## #if\n(x)'],
];

const JSON_LISTS: Row[] = [
  ['a JSON list of strings', "$input.path('$.l')", { body: '{"l":["a/b","€"]}' }],
  ['a JSON list inside a JSON object', "$input.path('$')", { body: '{"v": ["a/b", {"c": "d/e€"}], "w": "x/y€"}' }],
  ['a JSON list inside a list', "#set($l = $input.path('$.l'))#set($m = [$l])$m", { body: '{"l":["a/b","€", "\\t\\""]}' }],
  ['a JSON list with control characters', "#set($l = $input.path('$.l'))\"$l\"", { body: '{"l":["a/b","\u0001\u007f"]}' }],
  ['a JSON list of objects', "$input.path('$.l')", { body: '{"l":[{"k/€": 1.0}]}' }],
  ['toString of a JSON list', "#set($l = $input.path('$.l'))$l.toString()", { body: '{"l":["a/b"]}' }],
  ['a JSON list grown by the template', "#set($l = $input.path('$.l'))$l.add('c/d')$l", { body: '{"l":["a/b"]}' }],
  ['a list from parseJson', "$util.parseJson('[\"a/b\"]')"],
  ['NaN in $input.json', "$input.json('$.v')", { body: '{"v": NaN}' }],
  ['an infinity in $input.json', "$input.json('$.v')", { body: '{"v": 1e400}' }],
  ['NaN and infinities in a JSON list', "$input.path('$.v')|$input.json('$')", { body: '{"v": [NaN, 1e400, -1e400]}' }],
];

const INPUT_ARGUMENTS: Row[] = [
  ['path and json of numbers, a list and true', "[$input.path(1)][$input.json(1)][$input.json([1])][$input.path(true)]", { body: '{}' }],
];

const FOREACH_SCOPE: Row[] = [
  ['printed with its entries', "#foreach($i in [1])$foreach.put('a', 1)$foreach#end"],
  ['printed empty', '#foreach($i in [1])$foreach#end'],
  ['keySet', "#foreach($i in [1])$foreach.put('a', 1)$foreach.keySet()#end"],
  ['values, entrySet, size, isEmpty', "#foreach($i in [1])$foreach.put('a', 1)$foreach.values()|$foreach.entrySet()|$foreach.size()|$foreach.isEmpty()#end"],
  ['hashCode, toString, containsValue', "#foreach($i in [1])$foreach.put('a', 1)$foreach.hashCode()|$foreach.toString()|$foreach.containsValue(1)#end"],
  ['remove', "#foreach($i in [1])$foreach.put('a', 1)$foreach.remove('a')|$foreach#end"],
  ['class', '#foreach($i in [1])$foreach.class|$foreach.getClass().simpleName|$foreach.class.name#end'],
  ['equals', '#foreach($i in [1])$foreach.equals($foreach)|#set($m = {})$foreach.equals($m)|#if($foreach == $m)eq#end#end'],
  ['the parent printed', "#foreach($i in [1])$foreach.put('a', 1)#foreach($j in [2])$foreach.parent|$foreach|$foreach.a#end#end"],
  ['clear and putAll', "#foreach($i in [1])$foreach.clear()$foreach.putAll({'x': 1})$foreach#end"],
  ['an Integer key', '#foreach($i in [1])$foreach.put(1, 2)$foreach.get(1)|$foreach#end'],
  ['#set of a property', '#foreach($i in [1])#set($foreach.x = 5)$foreach#end'],
  ['entries in a loop', "#foreach($i in [1])$foreach.put('a', 1)#foreach($e in $foreach.entrySet())$e.key#end#end"],
  ['kept after the loop', "#foreach($i in [1])$foreach.put('a', 1)#set($fuScope = $foreach)#end$fuScope"],
  ['in an interpolated string', '#foreach($i in [1])$foreach.put("a", 1)#set($s = "$foreach")$s#end'],
];

const LONE_QUIET: Row[] = [
  ['$!.name in a string', '#set($x = "$!.a")[$x]'],
  ['$!..name in a string', '#set($x = "$!..abc")[$x]'],
  ['$! at the end of a string', '#set($x = "$!")[$x]'],
  ['$!! in a string', '#set($x = "$!!")[$x]'],
  ['$!. at the end of a string', '#set($x = "a$!.")[$x]'],
  ['$! before a digit', '#set($x = "$!1")[$x]'],
  ['$! before a blank', '#set($x = "$! a")[$x]'],
  ['$! before a backslash', '#set($x = "$!\\")[$x]'],
  ['$! before a parenthesis', '#set($x = "$!(")[$x]'],
  ['$!!.name', '#set($x = "$!!.a")[$x]'],
  ['$.name stays', '#set($x = "$.a")[$x]'],
  ['$!{ stays', '#set($x = "$!{")[$x]'],
  ['$!.name in text', '[$!.a]'],
  ['$!.name in a block', '#if(true)[$!.a]#end'],
  ['$!.name upper-case', '[$!.A]'],
  ['$!._name', '[$!._a]'],
  ['$!.name with a minus', '[$!.ab-c]'],
  ['$!.digit', '[x$!.1]'],
  ['$! before a line break', '[$!\n]'],
  ['$! before ]', '[$!]]'],
  ['$! before a quote', '[$!"]'],
  ['$! before a tab', '[$!\t]'],
  ['$! before @', '[$!@]'],
  ['$! after a reference', '#set($a = 1)[$a$!]'],
  ['$!.name at the end', '[$!.a'],
  ['$!.name before a comment', '[$!.a]#*$!.a*#'],
  ['$! before }', '[$!}]'],
  ['$!$a', '#set($a = 1)[$!$a]'],
  ['$! in a single-quoted string', "#set($x = '$!.a')[$x]"],
  ['$! in unparsed text', '#[[$!.a]]#'],
  ['$! in a macro argument', '#macro(fuQuiet $p)[$p]#end#fuQuiet("$!.a")'],
];

const STRING_TEMPLATES: Row[] = [
  ['an index that never closes', '#set($x = "$b[}&&")[$x]'],
  ['an index that never closes, never run', '#if(false)#set($x = "$b[}")#end'],
  ['#end alone', '#set($x = "#end")[$x]'],
  ['#if( alone, never run', '#if(false)#set($x = "#if(")#end'],
  ['#set( alone, never run', '#if(false)#set($x = "#set(")#end'],
  ['a call never closed, never run', '#if(false)#set($x = "$a.b(")#end'],
  ['a bad index in a call argument, never run', '#if(false)$a.b("$c[x]")#end'],
  ['a quoted #end', '#if(true)#set($b = "say ""#end""")x#end'],
  ['#foreach( in a list', "#foreach($i in ['#if(', \"#foreach(\"])$i#end"],
  ['a whole block', '#set($x = "#if(true)y#end")[$x]'],
  ['a good index', '#set($x = "$b[0]")[$x]'],
  ['a $ at the end', '#set($x = "a$")[$x]'],
  ['a # alone', '#set($x = "a # b")[$x]'],
];

const SPACED_CALLS: Row[] = [
  ['a method call with a space, in #if', '#set($a = "xy")#if($a.substring (1))a#{else}b#end'],
  ['a method call with a line break, in #set', '#set($a = "xy")#set($b = $a.substring\n(1))[$b]'],
  ['a reference and a parenthesis, in #set', '#set($a = "xy")#set($b = $a (1))[$b]'],
  ['a null argument after a space', '#set($a = {"b": 1})#if($a.b (null))a#{else}b#end'],
  ['a method call with a space, in text', '#set($a = "xy")$a.substring (1)'],
  ['a call written tight, in #if', '#set($a = "xy")#if($a.substring(1) == "y")a#end'],
  ['a parenthesis after an operator', '#set($a = 1)#if($a == 1 && ($a > 0))y#end'],
  ['a blank before the closing parenthesis', '#set($a = [1])#foreach($i in $a )x#end'],
  ['a parenthesis right after a call, in text', '#set($s = "ab")$s.length()(x) and $s.length() (y)'],
  ['a parenthesis right after a call with a call inside', '#set($s = "ab")$s.substring($s.length())(x)'],
  ['a parenthesis right after a call, in #if', '#set($s = "ab")#if($s.length()(x))a#end'],
  ['a parenthesis right after a call, in a string', '#set($s = "ab")#set($t = "$s.length()(x)")$t'],
];

const MACRO_DEPTH: Row[] = [
  ['a macro calling itself 20 deep', '#macro(depthR $n)#if($n > 0)#set($m = $n - 1)#depthR($m)#end$n,#end#depthR(19)'],
  ['a macro calling itself 21 deep', '#macro(depthS $n)#if($n > 0)#set($m = $n - 1)#depthS($m)#end$n,#end#depthS(20)'],
  ['two macros calling each other 21 deep', '#macro(depthA $n)#if($n > 0)#set($m = $n - 1)#depthB($m)#end#end#macro(depthB $n)#if($n > 0)#set($m = $n - 1)#depthA($m)#end#end#depthA(20)done'],
];

export const FOLLOW_UPS_CASES: OracleTestCase[] = [
  ...rows('null as a value', NULL_WORD),
  ...rows('number literals', NUMBERS),
  ...rows('indexes', INDEXES),
  ...rows('#evaluate', EVALUATE),
  ...rows('#foreach over a value', LOOPS),
  ...rows('blanks before a directive\'s parenthesis', SPACED_DIRECTIVES),
  ...rows('JSON lists', JSON_LISTS),
  ...rows('$input arguments', INPUT_ARGUMENTS),
  ...rows('$foreach as a map', FOREACH_SCOPE),
  ...rows('a $! that starts no reference', LONE_QUIET),
  ...rows('string literals parsed as templates', STRING_TEMPLATES),
  ...rows('a reference with blanks before a parenthesis', SPACED_CALLS),
  ...rows('macro calls nested deeper than 20', MACRO_DEPTH),
];
