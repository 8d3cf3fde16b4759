/**
 * Places where our engine read templates otherwise than Velocity 1.7 and now reads them alike: `null` written as a
 * value, number literals velocityjs has no spelling for, indexes right after a reference, `#set` inside `#evaluate`,
 * loops over a single value, blanks before a directive's `(`, JSON lists printed as json-smart prints them, `$input`
 * methods given no String, `$foreach` as the map it is, a `$!` that starts no reference, string literals Velocity
 * parses as templates when it loads the template, names every JavaScript object has, `$` right before a directive or
 * an escaped reference, keywords after `$` or `.`, loose directive arguments and macro calls without parentheses.
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
  ['over a number on the next line', '#foreach($i in\n5)[$i]#end|#foreach($i in\r\n5)[$i]#end|#foreach($i in\r5)[$i]#end'],
  ['over a value on the next line', "#foreach($i in\ntrue)[$i]#end|#foreach($i in\n'ab')[$i]#end|#foreach($i in\n-5)[$i]#end|#foreach($i in\n5.5)[$i]#end"],
  ['over a number, every part on a line of its own', '#foreach(\n$i\nin\n5\n)x#end\nafter'],
  ['over a number on the next line, the lines after it', '#foreach($i in\n5)x#end\nline #if(true)y#end\n#foreach($j in\n[1, 2])$j#end'],
  ['over a range on the next line, refused', '#foreach($i in\n1..2)x#end'],
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

const PROTOTYPE_NAMES: Row[] = [
  ['#set of an override header named constructor', "#set($context.requestOverride.header.constructor = 'x')$context.requestOverride.header"],
  ['#set of an override header named __proto__ by index', "#set($context.requestOverride.header['__proto__'] = 'x')$context.requestOverride.header"],
  ['#set of $context.constructor', "#set($context.constructor = 'x')$context.constructor"],
  ['#set of a map entry named constructor', '#set($m = {})#set($m.constructor = 1)#set($m["__proto__"] = 2)#set($m.prototype = 3)$m|$m.constructor|$m.prototype'],
  ['missing entries named so', '#set($m = {})[$m.constructor|$m.prototype|$m.toString|$m.valueOf]'],
  ['variables named so', '[$constructor|$toString|$hasOwnProperty]#set($constructor = 1)#set($__proto__ = 2)#set($prototype = 3)[$constructor $__proto__ $prototype]'],
  ['a loop variable and a macro parameter named __proto__', '#foreach($__proto__ in [1, 2])$__proto__#end#macro(m $__proto__)[$__proto__]#end#m(5)'],
  ['macros named so', '#macro(constructor)C#end#macro(toString)T#end#constructor()#toString()'],
  ['$util members named so', '[$util.constructor|$util.toString]'],
  ['__proto__ and other names after . and _', "#set($m = {'_x': 1, 'a': {'_b': 2}})[$m.__proto__][$m._x][$!m._x()][$m.a._b][$m._x.y]"],
  ['.__proto__ in a string', '#set($m = {})#set($s = "$m.__proto__")$s'],
  ['.__proto__ in a directive', '#set($m = {})#if($m.__proto__)y#end'],
  ['.__proto__ in a braced reference', '#set($m = {})${m.__proto__}'],
];

const DOLLAR_BEFORE_DIRECTIVE: Row[] = [
  ['before #set', 'a$#set($a = 1)b'],
  ['before #if and #end', 'a$#if(true)x$#end|#if(false)a#else b$#end'],
  ['before #elseif and #else', '#if(true)a$#elseif(true)b#end|#if(true)a$#else b#end'],
  ['before braced directives', 'a$#{if}(true)x#{end}|a$#{set}($a = 1)b|#if(true)$#{end}'],
  ['several, with backslashes and !', 'a$$$#if(true)x#end|a$!#set($a = 1)b|a$\\!#set($a = 1)b|a\\$#set($a = 1)b|a\\\\\\$#if(true)x#end'],
  ['blanks before #set', 'a$  #set($a = 1)b|a$\t#set($a = 1)b'],
  ['a blank or line break between', 'a$ #if(true)x#end|a$\n#set($a = 1)b'],
  ['after a reference', '#set($b = 2)a$b$#set($a = 1)c|#set($m = {})a$m.x$#if(true)x#end'],
  ['in a loop', '#foreach($x in [1, 2])$x$#end'],
  ['in a string', '#set($s = "a$#if(true)x#end")$s'],
  ['before #evaluate and macro calls', '#macro(m $a)M$a#end#set($x = 1)a$#evaluate("$x")b|a$!#evaluate("$x")b|a$#m($x)b|a$#m|a$#{m}'],
  ['before #break and #stop', '#foreach($i in [1, 2])a$#break b#end|a$#{stop} b|a$#stop() b|a$#stop b'],
  ['before #include and #parse', 'a$#include("x")b|a$#parse("x")b'],
  ['before #foreach', 'a$#foreach($x in [1])$x#end'],
  ['before #define', '$!#define($d)x#end'],
  ['before a block macro call', '#macro(m)M#end$#@m()x#end'],
];

const DOLLAR_BEFORE_REFERENCE: Row[] = [
  ['set', '#set($x = 1)[$\\$x][$!\\$x][$\\\\$x][$$\\$x][$\\$\\$x][$\\${x}][$\\$!{x}]'],
  ['unset', '[$\\$x][$!\\$x][$\\\\$x][$$\\$x][$\\${x}]'],
  ['with a property', '#set($x = {"y": 2})[$\\$x.y][\\$\\$x.y][$\\$x.z]'],
  ['escaped', '#set($x = 1)[\\$\\$x][\\$$\\$x][\\\\$\\$x][\\\\\\$\\$x]|[\\$\\$nope][\\\\$\\$nope][\\\\\\$\\$nope]'],
  ['after a reference', '#set($a = 1)[$a$\\$x][$a\\$\\$x]'],
  ['in a string', '#set($x = 1)#set($s = "$\\$x")$s'],
];

const KEYWORDS: Row[] = [
  ['$true in text', '$true'],
  ['$!false in text', 'a $!false b'],
  ['${true} in text', 'a ${true} b'],
  ['.true in text', '$a.true'],
  ['$true in a string', '#set($s = "$true")'],
  ['$true and $false inside parentheses', '#if($true)y#end#if($!false)n#end#set($x = $true)[$x]#if($false || $true == true)y#end'],
  ['$true among call arguments and values', '#set($l = [])$l.add($true)$l.add($!false)$l#set($m = {"a": $true})$m#macro(m $a)[$a]#end#m($true)'],
  ['names that start with true', '[$truex|$true_|$true-x|$falsey]'],
  ['null, in and word operators as property names', '#set($m = {"null": [5], "in": 1, "eq": 2, "and": {"or": 3}})#set($a = $m.null[0])#set($b = $m.in)#set($c = $m.and.or)#if($m.eq == 2)$a $b $c#end#set($n = $m.null.size())$n'],
  ['in and le as variable names', '#set($in = 1)#set($le = 2)#set($x = $in + $le)$x|#set($y = ${in})$y|#foreach($in in [1, 2])$in#end'],
  ['$a.null[0] in a directive', '#set($m = {"null": [5]})#if($m.null[0] == 5)y#end'],
  ['le right after a call', '#set($x = "a")#if($x.length()le 2)y#end'],
  ['eq right after an index', '#set($l = [1])#if($l[0]eq 1)y#end'],
  ['and right after a call in #set', '#set($x = $a.b()and true)'],
  ['a word operator after a blank, a group or ${reference}', '#set($s = "a")#if($s.length() le 2)y#end#if((1)le 2)y#end#if(${s}eq "a")y#end'],
  ['a word operator after a call in text', '#set($s = "a")$s.length()le 2'],
];

const LOOSE_ARGUMENTS: Row[] = [
  ['#foreach with a one-letter word for in', '#foreach($k i [1, 2])$k#end'],
  ['#foreach with a word, a number, a reference, a string or a Boolean for in', '#set($l = [1, 2])#foreach($k foo $l)$k#end|#foreach($k 1 $l)$k#end|#foreach($k $j $l)$k#end|#foreach($k "in" $l)$k#end|#foreach($k true $l)$k#end'],
  ['#macro with values among its parameters', '#macro(m 0 $a "s" $b)[$a $b]#end#m(1 2 3 4)'],
  ['#macro with a Boolean, a decimal, a negative number and a single-quoted string', "#macro(m true $a, 1.5, -1 's' $b)[$a $b]#end#m(1 2 3 4 5 6)"],
  ['#macro with a value after a comma', '#macro(m $a, 0)[$a]#end#m(1 2)'],
  ['#macro with only a value', '#macro(m 0)x#end#m()'],
  ['bare words in a call of no macro', 'see #section(intro) x|#section(intro, more)|#m(a b)|#section(in)|#section(null)|#section(_a)'],
  ['a bare word after a reference in a call of no macro', '#set($a = 1)#section($a intro)'],
  ['bare words in a call of no macro in JSON', '{"msg": "see #section(intro)"}'],
  ['a bare word in a call of a defined macro', '#macro(m $a)[$a]#end#m(intro)'],
];

const BARE_MACRO_CALLS: Row[] = [
  ['#m and #{m}', '#macro(m $a)[$a]#end#m|#{m}|#m.x|#m-x|#m\n'],
  ['defined after the call', '#m#macro(m)M#end'],
  ['in blocks and after a reference', '#macro(m)M#end#set($a = 1)$a#m#if(true)#m#end#foreach($i in [1, 2])#m#end'],
  ['other names, escaped, in comments and unparsed text', '#macro(m)M#end#mx|#m_x|\\#m|## #m\n#* #m *##[[#m]]#'],
  ['in a single-quoted string', "#macro(m)M#end#set($s = '#m')$s"],
  ['calling itself', '#macro(m)#m#end#m'],
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
  ...rows('names every JavaScript object has', PROTOTYPE_NAMES),
  ...rows('$ right before a directive', DOLLAR_BEFORE_DIRECTIVE),
  ...rows('$ and backslashes right before a reference', DOLLAR_BEFORE_REFERENCE),
  ...rows('keywords after $ or .', KEYWORDS),
  ...rows('loose directive arguments', LOOSE_ARGUMENTS),
  ...rows('macro calls without parentheses', BARE_MACRO_CALLS),
];
