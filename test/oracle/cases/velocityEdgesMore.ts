/**
 * More corners of Velocity 1.7's lexer and directives our engine read otherwise and now reads alike: a backslash
 * between `$` and `!` (a token that is no reference, or joins the directive after it), a `#` that joins the `$`s and
 * backslashes after it into a reference's token, a line break before the `(` of a call after `$`, escaped references
 * among a `#foreach` header's extra arguments, headers Velocity's parser refuses or its Foreach runs only when
 * reached, backslashes and braces before a macro's name in text parsed as the template runs, and a call left open at
 * the end of the template.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const SLASHBANG_REFERENCES: Row[] = [
  ['in #set and #if', "#set($x = 'X')#set($a = $\\!$x)[$a]#if($\\!$x)y#{else}n#end|#if($\\!$x == $null)null#end"],
  ['of any form in #set, which then sets nothing', "#set($x = 'X')#set($a = 'A')#set($a = $\\!x)[$a]#set($a = $\\!{x})[$a]#set($a = $\\\\!x)[$a]#set($a = $\\!$!x)[$a]#set($a = \\$\\!$x)[$a]"],
  ['as a loop list, a macro argument and in a list', "#set($x = 'X')#set($l = [1])#foreach($i in $\\!$l)[$i]#end|#macro(m $p)[$p]#end#m($\\!$x)|#set($a = [$\\!$x, 1])$a"],
  ['as the target of #set', "#set($x = 'X')#set($\\!$x = 'v')[$x]"],
  ['with a call, never made', "#set($l = ['a'])#set($b = $\\!$l.add('z'))$l|$\\!$l.add('y')$l"],
  ['as a method argument', "#set($x = 'X')$x.concat($\\!$x)"],
  ['in text', "#set($x = 'X')a$\\!$x b|$\\!x|$\\!{x}|$\\\\!x|\\$\\!x|$\\!$!x|\\$\\!$x|$\\!$x.toLowerCase()|$\\!${x}|a#$\\!x b"],
  ['in text, nothing set', 'a$\\!$x b|$\\!x|$\\!{x}|$\\!$x.y()'],
  ['in a double-quoted string', "#set($x = 'X')#set($a = \"$\\!x $\\!$x $\\!{x}\")[$a]"],
  ['what follows it read as after any reference', 'a$\\!a(b|$\\!a#1|$\\!a.b##c\nd|$\\!a._x|$\\!$a(b|$\\!$a#1|$\\!{a}{b|$\\!a##c\nd'],
  ['before no reference', 'a$\\!5|$\\!$5|$\\!\\x|$\\!$!5|\\$\\!5|\\\\$\\!5|$$\\!5|$\\\\!5|$\\!\n'],
  ['$! before no reference, after a $ or a backslash', 'a$!$5|$!$!5|\\$!5|$!\\x|$!5'],
  ['before two backslashes, whose escape prints none of it', 'a$\\!\\\\x|$!\\\\x|$!\\\\\\x|$\\!$\\\\x|\\$\\!\\\\#if(true)y#end|#macro(m)M#end$!\\\\#m'],
  ['before a directive after backslashes', 'a$\\!\\$#foreach|$\\!#{if}(true)x#end'],
  ['before a block directive, which becomes a call printed as written', '#if(true)a$\\!#foreach($i in [1])x#end|#if(true)a$\\!#macro(q)x#end|a$\\!#{foreach}($i)x|a$\\!#foreach\n($i)x'],
  ['before a macro call, #break and #stop', '#macro(m)M#end$\\!#m()|$\\!#m|$\\!#{m}()|$\\\\!#m()|#foreach($i in [1, 2])a$\\!#break b#end|c$\\!#stop d'],
  ['before a directive in a string', '#set($s = "$\\!#foreach($i)")$s'],
  ['before an index, a dot or a brace', 'a$\\![1]|$![1]|$\\!.x|$!.x|$\\!}|$!}|$\\!{ x'],
  ['at the very end', 'a$\\!'],
  ['at the very end, after backslashes', 'a\\$\\\\!'],
  ['without a backslash before the !', "#set($x = 'X')$!x|$\\$x|\\$x|$!$x|#$x|$!{x}"],
];

const HASH_BEFORE_PREFIXED_REFERENCES: Row[] = [
  ['in text', "#set($x = 'X')a#\\$x b|#\\\\$x|#\\\\\\$x|#\\$!x|#\\${x}|#\\$x.toLowerCase()|\\#\\$x|\\\\#\\$x|$#\\$x|#\\$\\$x"],
  ['in text, nothing set', 'a#\\$x b|#\\\\$x|#\\$!x|#\\${x}|#\\$nope.length()'],
  ['in a double-quoted string', "#set($x = 'X')#set($s = \"a#\\$x b|#\\\\$x|#\\$!x|#\\${x}\")[$s]#set($t = \"#\\$nope\")[$t]"],
  ['in blocks and before a directive', "#set($x = 'X')#if(true)#\\$x#end|#foreach($i in [1])#\\$x#end|#\\$x#set($y = 1)$y"],
  ['before no reference', "#set($x = 'X')#\\$5|#\\$ |#$x|#\\x|##\\$x\nend"],
];

const DOLLAR_BEFORE_SPACED_CALLS: Row[] = [
  ['a line break before the parenthesis', '#if(true)a$#foreach\n($i in [1])x#end'],
  ['tabs, blanks and CRLF', '#if(true)a$#foreach\n\t ($i in [1])x#end|#if(true)a$#foreach \n ($i)x#end|#if(true)a$#foreach\r\n($i)x#end'],
  ['$!, #macro, #define and braces', '#if(true)a$!#foreach\n($i in [1])x#end|#if(true)a$#macro\n(q)x#end|#if(true)a$#define\n($q)x#end|#if(true)a$#{foreach}\n($i)x#end'],
  ['its arguments print as written', "#set($i = 'I')#if(true)a$#foreach\n($i in [1])x#end"],
  ['in a string', '#set($s = "$#foreach\n($i in [1])")$s'],
  ['where its #end closes nothing', '$#foreach\n($i in [1])x#end'],
  ['#if after a $, and a call on one line', '$#if\n(true)x#end|$#foreach ($i)y|$#foreach($i)z'],
  ['macro calls over a line break', '#macro(m)X#end#m\n()|#{m}\n()|#m\t(\n)|#m\n( )'],
  ['a block macro call over a line break', '#@m\n()x#end|#macro(m)M#end#@m\n()y#end'],
  ['calls of no macro over a line break', "#n\n(1)|#{n}\n( 'a' )|#n\n($x)"],
];

const ESCAPED_LOOP_BODIES: Row[] = [
  ['an escaped reference', "#set($a = 'A')#foreach($k in [1, 2] \\$a)x#end|#foreach($k in [1, 2] \\$b)x#end"],
  ['backslashes and $ of any number', "#set($a = 'A')#foreach($k in [1, 2] \\\\$a)x#end|#foreach($k in [1, 2] \\\\\\$a)x#end|#foreach($k in [1, 2] $\\$a)x#end|#foreach($k in [1, 2] \\$!a)x#end"],
  ['backslashes and $ of any number, nothing set', '#foreach($k in [1, 2] \\\\$a)x#end|#foreach($k in [1, 2] \\\\\\$a)x#end|#foreach($k in [1, 2] $\\$a)x#end|#foreach($k in [1, 2] \\$!a)x#end'],
  ['braced, with a call, in a list, the loop variable', "#set($a = 'A')#foreach($k in [1, 2] \\${a})x#end|#foreach($k in [1, 2] \\$a.length())x#end|#foreach($k in [1] [\\$a, $a])x#end|#foreach($k in [1] \\$k)x#end"],
  ['braced, with a call, in a list, nothing set', '#foreach($k in [1, 2] \\${a})x#end|#foreach($k in [1, 2] \\$a.length())x#end|#foreach($k in [1] [\\$a])x#end'],
  ['a slashbang', "#set($a = 'A')#foreach($k in [1, 2] $\\!$a)x#end|"],
  ['escaped elsewhere in the header', "#set($a = 'A')#set($l = [1])#foreach($k \\$a [1])x#end|#foreach($k in \\$l)[$k]#end|#foreach($k in [1, 2] $a)x#end"],
];

const REFUSED_LOOP_HEADERS: Row[] = [
  ['a word and a minus', '#foreach($k x-y [1, 2])$k#end'],
  ['a word and a plus', '#foreach($k x+y [1])$k#end'],
  ['in and a minus', '#foreach($k in-y [1])$k#end'],
  ['a word and a lone minus', '#foreach($k x- [1, 2])$k#end'],
  ['a number and a word', '#foreach($k 9x [1])$k#end'],
  ['a decimal and a word', '#foreach($k 1.5x [1])$k#end'],
  ['a string and a word', "#foreach($k 'a'x [1])$k#end"],
  ['a word as the fifth argument', '#foreach($k in [1] [2] x)$k#end'],
  ['a word and a negative number, a decimal, digits or @', '#foreach($k x-1 [1, 2])$k#end|#foreach($k x .5)[$k]#end|#foreach($k x9 [1])$k#end|#foreach($k 9 [1])$k#end|#foreach($k x@y [1])$k#end|#foreach($k x -1)$k#end'],
];

const LOOPS_FAILING_WHEN_REACHED: Row[] = [
  ['one argument, never reached', '#if(false)#foreach($k)x#end#end|ok'],
  ['one argument, reached', 'a#foreach($k)x#end'],
  ['in a macro never called', '#macro(m)#foreach($k)x#end#end|ok'],
  ['in a macro called', '#macro(m)#foreach($k)x#end#end#m()'],
  ['no argument, a value, a property or a list, never reached', "#if(false)#foreach()x#end#foreach( )#end#foreach(5)x#end#foreach('a')x#end#foreach($k.a)x#end#foreach([1])x#end#foreach( $k )x#end#end|ok"],
  ['braced', '#if(false)#{foreach}($k)x#end#end|ok'],
  ['in a string, which renders when set', '#set($s = "#foreach($k)x#end")ok'],
  ['a word, refused as the template loads', '#if(false)#foreach(x)x#end#end|ok'],
  ['a comma after the argument, refused as the template loads', '#if(false)#foreach($k,)x#end#end|ok'],
  ['a value as the loop variable', "#foreach(5 in [1])x#end|#foreach('ab' in [1])x#end|#foreach(true in [7])$rue#end|#foreach(12 in [8])$2#end|#foreach([1] in [1])y#end|#foreach({} in [1])z#end"],
  ['a signed or decimal number, a double-quoted string or a range as the loop variable', '#foreach(-5 in [7])$5#end|#foreach(1.5 in [3])[$5]#end|#foreach("q" in [1])w#end|#foreach([1..2] in [1])r#end'],
];

const MACRO_NAMES_IN_PARSED_TEXT: Row[] = [
  ['two backslashes before #m in a string', '#macro(m)X#end#set($s = "a\\\\#m b")[$s]'],
  ['#{m}() in a string', '#macro(m)X#end#set($s = "a#{m}() b")[$s]'],
  ['an escaped #m in a string', '#macro(m)X#end#set($s = "a\\#m b")[$s]'],
  ['backslashes and braces of any number in a string', '#macro(m)X#end#set($s = "\\\\#{m}()|\\\\#m()|\\#{m}()|\\#{m}|\\\\\\\\#m|\\\\\\#m|\\#m()|#{m}( )|#{m}")$s'],
  ['a macro with arguments in a string', "#macro(m $a)[$a]#end#set($s = \"#{m}('z')\")$s"],
  ['no such macro in a string', '#set($s = "a\\\\#m b")$s|#set($s = "\\#m")$s|#set($s = "\\\\\\#m")$s|#set($s = "\\\\#{m}")$s|#set($s = "\\#{m}")$s|#set($s = "\\\\#m()")$s|#set($s = "\\#m()")$s|#set($s = "#{m}()")$s'],
  ['directives in a string', '#set($s = "\\\\#if(true)a#end|\\#end|\\\\#{set}($b = 1)")$s'],
  ['in #evaluate', "#macro(m)X#end#evaluate('\\\\#m|\\#m|#{m}()')"],
  ['#{m}() in text', '#macro(m)X#end#{m}()|a#{m}() b|#{m} ()|#{m}'],
  ['#{m}() with arguments and names starting with _', "#macro(m $a)[$a]#end#{m}('a')|#{m}('a' 'b')|#macro(_u)U#end#{_u}()"],
  ['#{m}() of no macro', "#{m}()|#{m}('a')|#{m}( )|$#{m}()|#{m}(#@m)"],
  ['#{m}() right after a reference', "#set($a = 'A')#macro(m $p)[$p]#end$a#{m}('q')|$a#m('r')|\\$a#{n}(\\$\\!$\\!x)"],
  ['two backslashes before #m in text', '#macro(m)X#end\\\\#m|\\\\\\\\#m|\\\\#m.x|\\\\#m\n|x\\\\#m|\\\\\\\\\\#m'],
  ['backslashes before a macro defined below', '\\\\#m|\\#m|\\\\#m()|#macro(m)X#end'],
  ['braced names keep every backslash', '#macro(m)X#end\\\\#{m}()|\\\\#{m}|\\\\#m()|\\#{m}()|\\#{m}'],
  ['braced directives keep every backslash, but #{if}', '\\\\#{foreach}($i in [1])x#end|\\\\#foreach($i in [1])y#end|\\\\#{if}(true)z#end|\\\\#{macro}(q)x#end|\\\\#{define}($d)y#end'],
  ['before braced #break and #stop', "\\\\#{break}|\\\\#{stop}|\\\\#{evaluate}('e')"],
];

const CALLS_OPEN_AT_THE_END: Row[] = [
  ['after text', 'a#m('],
  ['alone', '#m('],
  ['with blanks after', 'a#m( \n '],
  ['with a tab after', 'a#m(\t'],
  ['with a blank before', 'a#m ('],
  ['with a line break before', 'a#m\n('],
  ['braced', 'a#{m}('],
  ['a name starting with _', 'a#_m('],
  ['after a $', 'a$#m('],
  ['after two backslashes', '\\\\#m('],
  ['after a reference', '#set($x = 1)$x#m('],
  ['a macro defined', '#macro(m)X#end#m('],
  ['#evaluate, #stop, #break and #include', 'a#evaluate('],
  ['#stop', 'a#stop('],
  ['#break', 'a#break('],
  ['#include', 'a#include('],
  ['in a double-quoted string', '#set($s = "a#m(")$s'],
  ['escaped', 'a\\#m('],
  ['escaped, a macro defined', '#macro(m)X#end a\\#m('],
  ['in a line comment', '## a#m('],
  ['in a line comment after a *## that closes nothing', 'a*## #m('],
  ['in a line comment after a ]]## that closes nothing', 'a]]## #m('],
  ['after a *## that closes a block comment', '#* c *## #m('],
  ['after a ]]## that closes unparsed text', '#[[ u ]]## #m('],
  ['in a block comment', '#* a#m( *#'],
  ['in unparsed text', '#[[#m(]]#'],
  ['in a single-quoted string', "#set($s = 'a#m(')$s"],
  ['no name a directive takes', 'a#m-x(|a#1('],
  ['#end and #else', '#if(true)x#end('],
  ['#else', '#if(false)x#{else}y#end('],
  ['a call closed', 'a#m( )b|a#m()'],
];

export const VELOCITY_EDGES_MORE_CASES: OracleTestCase[] = [
  ...rows('a backslash between $ and !', SLASHBANG_REFERENCES),
  ...rows('# before backslashes and a reference', HASH_BEFORE_PREFIXED_REFERENCES),
  ...rows('a line break before the ( of a call', DOLLAR_BEFORE_SPACED_CALLS),
  ...rows('escaped references as the fourth #foreach argument', ESCAPED_LOOP_BODIES),
  ...rows('#foreach headers Velocity refuses', REFUSED_LOOP_HEADERS),
  ...rows('#foreach headers that fail when reached', LOOPS_FAILING_WHEN_REACHED),
  ...rows('macro names in strings and #evaluate', MACRO_NAMES_IN_PARSED_TEXT),
  ...rows('a call open at the end', CALLS_OPEN_AT_THE_END),
];
