/**
 * The last corners of Velocity 1.7's lexer our engine read otherwise: `$#name` among the arguments of a call of no
 * macro (a word), a `(` after a directive's or macro's name before what no argument starts with (a parse error, where
 * velocityjs prints text), the special text of a run of `$`s and backslashes (the character after a `$` led by
 * backslashes dropped, all of it before two backslashes), such a run before a reference, a `#` that joins such a run,
 * and very long runs of backslashes, `$` and `#`, which must read in time linear in their length.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const DOLLAR_WORDS: Row[] = [
  ['braced and plain', '#{m}($#macro)|#m($#macro)|#{m}( $#macro )'],
  ['after $!, $\\! and more $', '#m($#foreach)|#m($!#macro)|#m($\\!#macro)|#m($$#x)|#m($!$#x)'],
  ['any name, directives too', '#m($#set)|#m($#break)|#m($#stop)|#m($#evaluate)|#m($#define)|#m($#x_y)|#m($#@)|#m($#m)'],
  ['among other arguments', "#m($#macro, 1)|#m( $#macro , $#x )|#m($x $#x)|#m('a' $#x)|#m([1] $#x)"],
  ['right before a value', "#m($#macro$x)|#m($#macro'a')|#m($#x[1])"],
  ['in a block macro call and names starting with _', '#@m($#macro)x#end|#_m($#macro)|#{_m}($#macro)'],
  ['#if, #elseif, #else and #end, refused', '#m($#if)'],
  ['#end, refused', '#m(1 $#end)'],
  ['braced, refused', '#m($#{x})'],
  ['followed by a minus, refused', '#m($#macro-x)'],
  ['a macro defined, refused as the template loads', '#macro(m $a)[$a]#end#m($#macro)'],
  ['a macro defined below, refused', '#m($#foreach)#macro(m $a)[$a]#end'],
  ['in #evaluate, refused', '#evaluate($#x)'],
  ['in a list, refused', '#m([$#x])'],
];

const UNREADABLE_FIRST_ARGUMENTS: Row[] = [
  ['after $\\!#foreach', 'a$\\!#foreach(%)b'],
  ['after $\\!#foreach, a comma', 'a$\\!#foreach(,)b'],
  ['after $\\!#foreach, a bracket', 'a$\\!#foreach(])b'],
  ['after $#foreach', '#if(true)a$#foreach(%)x#end'],
  ['after $!#foreach, a brace', 'a$!#foreach(}'],
  ['after $#macro', 'a$#macro(=)'],
  ['after $#@m', 'a$#@m(%)'],
  ['a macro call', 'a#m(%)'],
  ['a braced macro call', 'a#{m}(*)'],
  ['blanks before the (', 'a#m (+)'],
  ['a line break before the (', 'a#m\n(/)'],
  ['blanks after the (', 'a#m( \n <)'],
  ['after two backslashes', 'a\\\\#m(>)'],
  ['after a reference', "#set($x = 'X')$x#m(&)"],
  ['#break', '#foreach($i in [1])a#break(%)b#end'],
  ['#stop', 'a#stop(%)'],
  ['#evaluate and #include', 'a#evaluate(;)'],
  ['#include', 'a#include(?)'],
  ['a name starting with _', 'a#_m(%)'],
  ['a macro defined', '#macro(m)M#end#m(%)'],
  ['a non-ASCII letter', 'a#m(\u00e9)'],
  ['a backslash', 'a#m(\\x)'],
  ['two backslashes', 'a#m(\\\\x)'],
  ['a dot', 'a#m(.)'],
  ['$ before two backslashes', 'a#m($\\\\x)'],
  ['$! before two backslashes', 'a#m($!\\\\x)'],
  ['a comma alone', 'a#m(,)'],
  ['a comma and blanks', 'a#m(, )'],
  ['two commas', 'a#m(,,x)'],
  ['in a double-quoted string', '#set($s = "#m(%)")$s'],
  ['what starts an argument', "a#m(,x)|#m( ,1)|#m(, 'a')|#m(,\n 1)|#m(@)|#m( @x)|#m(.5)|#m(#x)|#m(#set)|#m(x)|#m( )|#m()"],
  ['escaped, commented, unparsed or quoted', "a\\#m(%)|## #m(%)\n#* #m(%) *##[[#m(%)]]##set($s = '#m(%)')$s"],
  ['#end and #else, a parenthesis after them', '#if(true)x#end(%)|#if(false)#{else}y#end(%)'],
];

const SPECIAL_TEXT_OF_DOLLAR_RUNS: Row[] = [
  ['\\$\\$ drops the second backslash', 'a\\$\\$5|\\$\\$ x'],
  ['\\$$ drops the second $', 'a\\$$5|\\$$$5|\\$\\$\\$5|\\\\$\\$5|\\$\\\\\\$5'],
  ['before two backslashes, all of it', 'a\\$\\\\5|$\\\\x|a$$\\\\b|\\$!\\\\c'],
  ['a backslash before no $', 'a\\$\\x|\\$\\ y'],
  ['before a reference, which one backslash first escapes', "#set($x = 'X')a\\$\\$x|\\$$x|$\\$x|\\\\$\\$x|\\\\$$x|\\$$$x|\\$!$x|\\$${x}"],
  ['before a reference never set', 'a\\$\\$x|\\$$x|\\\\$$x|\\\\\\$$x|\\$$!x'],
  ['a long run', `a${'\\$'.repeat(500)} b`],
];

const HASH_AFTER_DOLLAR_RUNS: Row[] = [
  ['$\\!#', 'a$\\!#|'],
  ['$!#', 'a$!#|'],
  ['\\$# drops the #', 'a\\$#|\\\\$#|'],
  ['\\$\\$#', 'a\\$\\$#|'],
  ['$!$!# and \\$\\!#', 'a$!$!#|\\$\\!#|\\$!#|$\\\\!#|'],
  ['before blanks, parentheses and punctuation', 'a$!# x|$!#(|$!#)|$!#!|$!#,|$!#=|$!#}|$\\!#\n'],
  ['before a minus, a dot, a brace or a bracket', 'a$!#-x|$!#.x|$!#{x|$!#{|$!#['],
  ['before quotes', "a$!#'a'|$!#\"b\""],
  ['before two backslashes', 'a$!#\\\\x|$\\!#\\\\y'],
  ['before a backslash', 'a$!#\\ z'],
  ['before what starts a token, unchanged', 'a$!#-1|$!#.5|$!#@|$!#@x|$!#{x}|$!#1|$!#a|$#|'],
];

const LONG_RUNS: Row[] = [
  ['100,000 backslashes', '\\'.repeat(100_000)],
  ['100,000 backslashes and a blank', `${'\\'.repeat(100_000)} `],
  ['backslashes before a reference', `${'\\'.repeat(99_999)}$x`],
  ['100,000 $', `${'$'.repeat(100_000)} `],
  ['100,000 #', `${'#'.repeat(100_000)} `],
  ['50,000 # and blanks', '# '.repeat(50_000)],
  ['50,000 $ and blanks', '$ '.repeat(50_000)],
  ['\\$ runs', `${'\\$'.repeat(50_000)} `],
  ['\\# runs', `${'\\#'.repeat(50_000)} `],
  ['\\$\\# runs', `${'\\$\\#'.repeat(25_000)} `],
];

export const VELOCITY_EDGES_LAST_CASES: OracleTestCase[] = [
  ...rows('$#name as a macro argument', DOLLAR_WORDS),
  ...rows('a ( after a name before no argument', UNREADABLE_FIRST_ARGUMENTS),
  ...rows('special text of a run of $ and backslashes', SPECIAL_TEXT_OF_DOLLAR_RUNS),
  ...rows('a # after a run of $', HASH_AFTER_DOLLAR_RUNS),
  ...rows('long runs', LONG_RUNS),
];
