/**
 * Directive names with an `@` after their first character: Velocity 1.7's lexer reads `@` as a character of a
 * directive's name, so `#else@x`, `#foreach@x` and `#end@x` name no directive (text, or a macro of that name), and a
 * macro may be named `break@x` or `m@x`, defined, called with or without parentheses, braced or as a block.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const DIRECTIVE_WORDS: Row[] = [
  ['#else@x in an #if', '#if(true)a#else@x b#end|#if(false)a#else@ b#end|#if(true)#else@x(1)#end'],
  ['#else@x alone', 'a#else@x()|a#elseif@x'],
  ['#foreach@x, #if@x, #macro@x and #define@x', 'a#foreach@x|#if@x|#macro@x b|#define@x b'],
  ['#end@x alone', 'a#end@x|#end@|#end@@'],
  ['#end@x closes no block, refused', '#if(true)a#end@x'],
  ['#end@ closes no block, refused', '#if(true)a#end@'],
  ['braced #{end} before an @, refused', 'a#{end}@x'],
  ['#{else} before an @', '#if(false)a#{else}@x b#end'],
  ['a call of #foreach@x opens no block, refused', 'a#foreach@x($i in [1])$i#end'],
  ['a call of #if@x opens no block, refused', 'a#if@x(true)b#end'],
  ['a call of #set@x takes no assignment, refused', 'a#set@x($a = 1)'],
  ['#stop@x, #break@x and the rest', 'a#stop@x b|#break@x b|#break@x()|#evaluate@x b|#include@x b|#parse@x b'],
  ['#break@x in a loop', '#foreach($i in [1])$i#break@x#end'],
];

const MACRO_NAMES: Row[] = [
  ['break@x', '#macro(break@x)M#end#break@x()|#break@x'],
  ['break@x with a parameter', '#macro(break@x $a)M$a#end#break@x(1)'],
  ['break@x in a loop', '#macro(break@x)M#end#foreach($i in [1, 2])#break@x()$i#end'],
  ['break@x braced', '#macro(break@x)M#end#{break@x}()'],
  ['a #break in break@x', '#macro(break@x)#break#end#foreach($i in [1, 2])#break@x()$i#end'],
  ['directive words', '#macro(else@x)E#end#else@x()|#macro(end@x)N#end#end@x()|#end@x|#macro(foreach@x)F#end#foreach@x()#foreach@x'],
  ['#if@x, #set@x and #stop@x', '#macro(if@x)I#end#if@x(1)|#macro(set@x)S#end#set@x|#macro(stop@x)T#end#stop@x b'],
  ['m@x, every way of calling it', '#macro(m@x $a)M$!a#end#m@x(1)|#{m@x}(2)|#m@x|#{m@x}|#m@x#m@x|#m@x ()'],
  ['a name ending in @ or with two', '#macro(m@)A#end#m@()|#m@ x|#macro(m@@x)B#end#m@@x()'],
  ['a comma and blanks in the header', "#macro(m@x, $a)M$a#end#m@x('q')|#macro( n@x )N#end#n@x ()"],
  ['called above its definition', '#m@x()#macro(m@x)M#end'],
  ['another name than the one defined', '#macro(m@x)M#end#m@x@()|#macro(m)N#end#m@x()|#m@|#m@ x'],
  ['escaped, and after a $', '#macro(m@x)M#end\\#m@x()|$#m@x()'],
  ['as a block', '#macro(m@x)M#end#@m@x()B#end|#macro(n@x $b)N$!bodyContent#end #@n@x(1)B#end'],
  ['in a double-quoted string', '#set($s = "#macro(m@x)M#end")#m@x()|#macro(n@x)N#end#set($t = "#n@x()")$t'],
  ['in #evaluate', "#macro(m@x)M#end#evaluate('#m@x()')|#evaluate('#m@x')"],
  ['undefined, printed as written', 'a#m@x()|a#m@x|#{m@x}(1)'],
  ['a - in the header, refused', '#macro(m@x-y)A#end#m@x-y()'],
  ['a - after a lone @ in the header, refused', '#macro(m@-y)A#end'],
  ['a - after the name in a call', '#macro(m@x)A#end#m@x-y()|#m@x-y|#{m@x}-y'],
];

/** After a `$` or `$!` the token of a call without parentheses takes it in: the name is `#m@x`, printed as written. */
const AS_TEXT: Row[] = [
  ['after $', '#macro(m@x)A#end$#m@x'],
  ['after $!', '#macro(m@x)A#end$!#m@x'],
  ['after $\!', '#macro(m@x)A#end$\\!#m@x'],
  ['after two $', '#macro(m@x)A#end$$#m@x'],
  ['after an escaped $', '#macro(m@x)A#end\\$#m@x|\\\\$#m@x'],
  ['braced, after $', '#macro(m@x)A#end$#{m@x}'],
  ['after $, then called', '#macro(m@x)A#end$#m@x#m@x|#m@x $#m@x'],
  ['after $ in a block', '#macro(m@x)A#end#if(true)$#m@x#end'],
  ['after $ in a macro', '#macro(m@x)A#end#macro(n@y)$#m@x#end#n@y()'],
  ['after $ in #define', '#macro(m@x)A#end#define($d)#m@x $#m@x#end$d'],
  ['after $ in #evaluate', "#macro(m@x)A#end#evaluate('$#m@x|$!#m@x|#m@x')"],
  ['after $ in a double-quoted string', '#macro(m@x)A#end#set($s = "$#m@x $!#m@x#m@x")$s'],
  ['in a single-quoted string', "#macro(m@x)A#end#set($s = '#m@x $#m@x')$s"],
  ['in unparsed text', '#macro(m@x)A#end#[[#m@x $#m@x #m@x()]]#'],
  ['in comments', '#macro(m@x)A#end## #m@x\n#* $#m@x *#z'],
  ['escaped', '#macro(m@x)A#end\\#m@x|\\\\#m@x'],
];

export const AT_SIGN_NAMES_CASES: OracleTestCase[] = [
  ...rows('directive words before an @', DIRECTIVE_WORDS),
  ...rows('macro names with an @', MACRO_NAMES),
  ...rows('macro names with an @ as text', AS_TEXT),
];
