/**
 * A `#` among arguments that starts no name, number, comment or unparsed text. Velocity 1.7's lexer ends the token it
 * starts at the next character, out of the parser's sight, and reads on as before it: among a method call's
 * arguments, in its lists and maps and in an index, a string, reference, list, map, separator or `)` joined to it
 * reads as without it, a run of `#`s too (`$a.concat(#'x')`, `$a.concat(#)`, `$a.concat('x'#)`); so does an operator
 * or `(` among a directive's arguments, where a second `#` starts a comment instead. The blanks on either side of
 * such a `#` are two separators in a row, which fails to parse. An escaped reference prints the `#` as written, a call
 * of no macro does not. A method call the template ends before its `)`, a name right after its `(`, leaves the `(`
 * text, and a `#stop` after it stops; a blank after the `(` makes it a call that fails. A `$` there that starts no
 * reference goes the same way, and so does a `#` in an index written in text.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const S = "#set($a = 's')#set($b = 't')";

/** One row for each template, every one of which fails: together, the first to fail would hide the others. */
const each = (name: string, templates: string[]): Row[] => templates.map((template): Row => [`${name} ${JSON.stringify(template)}`, template]);

const METHOD_ARGUMENTS: Row[] = [
  ['a string', `${S}a$a.concat(#'x')b|$a.concat(#"x")`],
  ['a reference', `${S}a$a.concat(#$b)b|$a.concat(#$a)|$a.concat(#$!b)|$a.concat(#\${b})|$a.concat(#\\$b)`],
  ['a reference never set', `${S}a$a.concat(#$nope)b`],
  ['a list, a range and a map', "#set($l = [])a$l.add(#[1])$l.add(#[1..2])$l.add(#{})$l.add(#{'k': 1})b$l"],
  ['the closing parenthesis', `${S}a$a.concat(#)b|$a.trim(#)|$a.concat(##)`],
  ['after an argument', `${S}a$a.concat('x'#)b|$a.concat('x' #)|$a.concat('x'#\n)`],
  ['before a comma', `${S}a$a.replace('s'#, 't')b|$a.replace('s' #, 't')|$a.replace('s'#,'t')`],
  ['after a comma', `${S}a$a.replace('s',#'t')b|$a.replace('s', #'t')`],
  ['after the parenthesis and a blank', `${S}a$a.concat( #'x')b|$a.concat(# 'x')`],
  ['two of them', `${S}a$a.concat(##'x')b|$a.concat(##$b)|$a.concat('x'##)|$a.concat(##)`],
  ['three of them, a comment', `${S}a$a.concat(###'x')b`],
  ['in a list, a map and a range', "#set($l = [])$l.add([#'x'])$l.add([1#])$l.add([#])$l.add({'k'#: 1})$l.add({'k': #'v'})$l.add([1#..2])$l"],
  ['in an index inside the arguments', "#set($m = {'k': 'v'})#set($l = ['z'])$l.get(0).concat($m[#'k'])|$l.get(0).concat($m[##'k'])"],
  ['what the method returns', `${S}$a.concat(#'x').length()|$a.concat(#'x').concat(#'y')`],
  ['a map and a list changed', "#set($m = {})#set($l = [])$m.put(#'k', #'v')$l.add(#$m)$m $l.size()"],
  ['a method not found', `${S}a$a.concat('x', #'y')b|$a.concat(#[1])|$a.concat(#)`],
  ['a quiet and a braced reference', `${S}a$!a.concat(#'x')b\${a.concat(#'y')}|$!nope.concat(#)`],
  ['nested calls', `${S}$a.concat($b.concat(#'x'))|$a.concat($b.concat(#))`],
  ['in directives and macro arguments', `${S}#set($x = $a.concat(#'y'))$x|#if($a.concat(#'y') == 'sy')Y#end|#macro(m $v)[$v]#end#m($a.concat(#'y'))`],
  ['in a double-quoted string', `${S}#set($x = "$a.concat(#'y')")$x`],
  ['in #evaluate', `${S}#evaluate('$a.concat(#$b)')`],
  ['text after the call', `${S}a$a.concat(#'x')#'y'|$a.concat(#)#if(true)T#end`],
  ...each('what no argument reads as', [`${S}$a.concat(#,'x')`, `${S}$a.concat(#( 'x'))`, `${S}$a.concat(#!true)`, `${S}$a.concat(1 #+ 2)`, `${S}$a.concat(#{'x'})`, `${S}$a.concat(#)(`]),
  ...each('a number after it', [`${S}$a.substring(#0)`, `${S}$a.concat([#1])`, "#set($l = [])$l.add({'a': #1})"]),
  ...each('blanks on either side', [`${S}$a.concat( # 'x')`, `${S}$a.concat('x' # )`, `${S}$a.concat('x' # ,'y')`, `${S}$a.concat('x', # 'y')`, `${S}$a.concat(# )`, `${S}$a.concat( #)`, `${S}$a.concat(#\n)`]),
];

const ESCAPED: Row[] = [
  ['a value', `${S}\\$a.concat(#'x')|\\$a.concat('x'#)`],
  ['null', `${S}\\$a.concat(#)|\\$nope.concat(#'x')`],
  ['two', `${S}\\$a.concat(##'x')|\\$a.concat('x'##)`],
  ['before a reference, which takes them in', `${S}\\$a.concat(#$b)|\\$a.concat(##$b)|\\$a.concat(#$!b)|\\$a.concat( #$b)|\\$a.concat('x', #$b)`],
  ['two backslashes', `${S}\\\\$a.concat(#'x')`],
  ['among text', `${S}a \\$a.concat(#'x') b`],
];

const DIRECTIVE_ARGUMENTS: Row[] = [
  ['#set', "#set($x = #'y')[$x]|#set($y = [#'y'])$y|#set($z = #{'a': 1})$z|#set(#$w = 1)$w"],
  ['operators', '#set($x = 1 #+ 2)$x|#set($y = 1#+2)$y|#set($z = 3 #/ 2)$z|#set($v #= 1)$v'],
  ['conditions', "#if(1 #< 2)a#end|#if(#!false)b#end|#if(true #|| false)c#end|#if(#$nope)d#{else}e#end"],
  ['a parenthesis', '#set($x = #(1))$x|#set($y = (1#))$y'],
  ['#foreach', '#foreach($i in #[1, 2])$i#end|#set($l = [3])#foreach($i in#$l)$i#end'],
  ['#evaluate', "#evaluate(#'ok')"],
  ['a macro called', "#macro(m $v)[$v]#end#m(#'x')|#m('x' #)|#m(# 'x')"],
  ['two arguments of a macro', "#macro(m $v $w)[$v|$w]#end#m('a'#'b')|#m('a' #'b')|#m('a'# 'b')|#m('a' #, 'b')|#m('a'#,'b')"],
  ['a macro called without arguments', '#macro(m)[]#end#m(#)'],
  ['a call of no macro prints without it', "#m(#'x')|#m(#)|#n(#$x)|#n('a' #, 'b')"],
  ['a block call of no macro', "#@m(#'x')b#end|#@m('a' #)c#end"],
  ...each('a run, a comment', ["#set($x = ##'y')[$x]", "#macro(m $v)[$v]#end#m(##'x')", '#set($x = [##1])$x']),
  ...each('blanks on either side', ["#set($x = # 'y')$x", '#set($x = 1 # + 2)$x', '#set( # $x = 1)$x', '#if( # true)a#end', '#if(true # )a#end', "#macro(m $v $w)[$v]#end#m( # 'x')", "#macro(m $v $w)[$v]#end#m('x' # )", "#macro(m $v $w)[$v|$w]#end#m('a' # 'b')", '#set($x = [1, # 2])$x', '#set($x = [1 # , 2])$x', '#set($x = [ # 1])$x', '#foreach($i in # [1])$i#end']),
  ...each('a name or number after it', ['#if(#true)a#end', '#set($x = (#1))$x', '#set($x = 3 #* 2)$x']),
];

const BLANKS_BEFORE_A_COMMA: Row[] = [
  ['among a macro\'s arguments', "#macro(m $v $w)[$v|$w]#end#m('a'  , 'b')|#m('a'   ,'b')|#m('a' \t , 'b')|#m(1  ,\n2)"],
];

const STOP_AT_THE_END: Row[] = [
  ['right after the parenthesis', `${S}a$a.concat(#stop`],
  ['braced', `${S}a$a.concat(#{stop}`],
  ['a quiet reference', `${S}a$!a.concat(#stop`],
  ['after a name', `${S}a$a.concat(#x#stop`],
  ...['#x', '$a', "'x'", '"x"', '1', '-1', 'x', '.x', '@'].map((after): Row => [`before ${after}`, `${S}a$a.concat(#stop${after}`]),
  ['braced, before a name', `${S}a$a.concat(#{stop}x`],
  ['a reference never set', 'a$nope.concat(#stop'],
  ['in a loop', `${S}#foreach($i in [1, 2])$i$a.concat(#stop`],
  ['in #evaluate', `${S}#evaluate('a$a.concat(#stop')b`],
  ...['#y', "'y'", '$b', '1', '-1', '.y', 'true', '@'].map((after): Row => [`${after} after a name`, `${S}a$a.concat(#x${after}`]),
  ...each('a blank first', [`${S}a$a.concat( #stop`, `${S}a$a.concat( #x`, `${S}a$a.concat(\n#x`]),
  ...each('a blank, a comma or a parenthesis after it', [`${S}a$a.concat(#stop `, `${S}a$a.concat(#stop\n`, `${S}a$a.concat(#stop)`, `${S}a$a.concat(#stop,`, `${S}a$a.concat(#x #stop`, `${S}a$a.concat(#stop(`]),
  ...each('what Velocity cannot read there', ['|', '+', '-', '!', '=', '[1]', '{', ']', ':', '..', '\\', '<', '%'].map((after) => `${S}a$a.concat(#x${after}`)),
  ...each('what Velocity cannot read after a #stop', ['|', '[1]', '-'].map((after) => `${S}a$a.concat(#stop${after}`)),
  ...each('after a value', [`${S}a$a.concat('x'#stop`, `${S}a$a.concat(1 #stop`]),
];

/** A `$` that starts no reference among arguments: a special token too, read as without it. */
const LONE_DOLLARS: Row[] = [
  ['before the closing parenthesis', `${S}x$a.concat($)y|$a.concat($$)|$a.concat($!)|$a.concat(\\$)|$!a.concat($)|\${a.concat($)}|$nope.concat($)`],
  ['with a # before or after it', `${S}x$a.concat(#$)y|$a.concat($#)|$a.concat($#'x')|$a.concat($#"x")|$a.concat($#$a)`],
  ['before a value', `${S}x$a.concat($'a')y|$a.concat($"a")|$a.concat($!'a')|$a.concat($\\!'a')|$a.concat($$!'a')|$a.concat(\\$'a')|$a.concat(\\\\$'a')`],
  ['before a number', `${S}x$a.concat($1)y|$a.concat($-1)|$a.concat($.5)`],
  ['after a value, and by a comma', `${S}x$a.concat('a'$)y|$a.concat('a' $)|$a.concat('a'$ )|$a.replace('s'$,'t')|$a.replace('s',$'t')`],
  ['a blank after it', `${S}x$a.concat($ 'a')y|$a.concat($\n'a')`],
  ['what the method returns', `${S}x$a.concat($).length()y|$a.concat($'a').length()`],
  ['in a list, a map and an index', `${S}#set($l = [])#set($m = {'a': 1})x$a.concat([$])y|$a.concat([$'a'])|$l.add({$'a': 1})$l|$m.get($'a')`],
  ['in directives', "#set($x = $'a')$x|#if($'a' == 'a')Y#end|#set($y = 1 $+ 2)$y|#set($z = [1$..2])$z|#set($w = $a.concat($))[$w]"],
  ['among a macro\'s arguments', "#macro(m $v)[$v]#end#m($)|#m($ )|#m($'a')|#m($#'x')|#macro(n)N#end#n($)"],
  ['a call of no macro prints without it', "x#nomac($)y|#nomac('a'$)|#nomac($'a')"],
  ['an escaped reference prints it', `${S}x\\$a.concat($)y`],
  ...each('where it still fails', [`${S}$a.concat('a', $)`, `${S}$a.concat($, 'a')`, `${S}$a.concat( $)`, `${S}$a.concat($[1])`, `${S}$a.concat($('a'))`, `${S}$a.concat($})`, `${S}$a.concat($.x)`, `${S}$a.concat($!!'a')`, `${S}$a.concat($@)`, `${S}$a.concat($%)`, '#set($x = $)$x', '#if($)Y#end']),
];

/** A `#` in an index written in text, read as among a method call's arguments. */
const TEXT_INDEXES: Row[] = [
  ['before a key', "#set($m = {'a': 1})x$m[#'a']y|$m[##'a']|$m[#\"a\"]|$!m[#'a']|${m[#'a']}"],
  ['after a key, blanks', "#set($m = {'a': 1})x$m['a'#]y|$m[ #'a']|$m[# 'a']"],
  ['before a reference', "#set($m = {'a': 1})#set($k = 'a')x$m[#$k]y|$m[#$nope]"],
  ['after a call and an index, and what follows', "#set($m = {'a': {'b': 'cd'}})x$m.get('a')[#'b']y|$m[#'a'][#'b'].length()|$m[#'a']#'b'"],
  ['a reference never set', "x$nope[#'a']y"],
  ['two of them, then a call', "#set($m = {'a': 1})x$m[##'a']y|$m.get(#'a')|$m.get(##'a')"],
  ['escaped', "#set($m = {'a': 1})x\\$m[#'a']y"],
  ['apart from the reference, text', "#set($m = {'a': 1})x $m [#'a']y"],
  ...each('where it still fails', ["#set($m = {'a': 1})$m[###'a']", "#set($m = {'a': 1})$m[#]", "#set($l = [[5]])$l[#0]", "#set($m = {'a': 1})$m[#'a'y", "#set($m = {'a': 1})$m[$]"]),
];

/** A call of a directive's name right after the `(` of a method call the template ends in: text. */
const CALL_AT_THE_END: Row[] = [
  ['no arguments', `${S}a$a.concat(#x()`],
  ...each('arguments', [`${S}a$a.concat(#x(1)`, `${S}a$a.concat(#x( )`, `${S}a$a.concat(#x('a')`, `${S}a$a.concat(#x ()`]),
  ...each('text after it', [`${S}a$a.concat(#x()b`, `${S}a$a.concat(#x()#y()`, `${S}a$a.concat(#x#y()`]),
  ['a macro', `#macro(x)X#end${S}a$a.concat(#x()`],
  ['a reference never set', 'a$nope.concat(#x()'],
  ...each('#stop after it', [`${S}a$a.concat(#x()#stop`, `${S}a$a.concat(#stop()`]),
  ...each('what Velocity cannot read there', [`${S}a$a.concat(#x(`, `${S}a$a.concat(#x()(`, `${S}a$a.concat(#x)`]),
];

export const ARGUMENT_HASHES_CASES: OracleTestCase[] = [
  ...rows('a # among a method call\'s arguments', METHOD_ARGUMENTS),
  ...rows('a # among an escaped method call\'s arguments', ESCAPED),
  ...rows('a # among a directive\'s arguments', DIRECTIVE_ARGUMENTS),
  ...rows('blanks before a comma', BLANKS_BEFORE_A_COMMA),
  ...rows('#stop in a method call the template ends in', STOP_AT_THE_END),
  ...rows('a $ among arguments that starts no reference', LONE_DOLLARS),
  ...rows('a # in an index in text', TEXT_INDEXES),
  ...rows('a call in a method call the template ends in', CALL_AT_THE_END),
];
