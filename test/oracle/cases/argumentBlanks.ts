/**
 * Blanks between arguments. Velocity 1.7 parts a macro call's arguments with any run of spaces, tabs and line breaks
 * (`#m(1\n2)` calls `m` with 1 and 2; a call of no macro prints as written, line break and tab included), CRLF and a
 * lone CR too, a list or map over several lines before another argument as well; a negative number after a blank is
 * the next argument (`#m(1 -2)`). The directives read tabs and line breaks between their parts as blanks as well:
 * `#macro` headers, `#foreach`, `#set` and `#if`. What follows the call keeps its lines: an error after it is
 * placed on its own line.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const M2 = '#macro(m $a $b)[$a|$b]#end';

const MACRO_CALLS: Row[] = [
  ['a line break, no macro', '#m(1\n2)'],
  ['a tab, no macro', '#m(1\t2)'],
  ['a tab', `${M2}#m(1\t2)`],
  ['a line break', `${M2}#m(1\n2)`],
  ['CRLF', `${M2}#m(1\r\n2)|#m(1\r\n\r\n2)`],
  ['CRLF, no macro', '#m(1\r\n2)'],
  ['a lone CR', `${M2}#m(1\r2)`],
  ['blank runs of every kind', `${M2}#m(1\n 2)|#m(1\n\n2)|#m(1\t\t2)|#m(1\t 2)|#m(1 \t2)|#m(1 \n2)|#m(1\r\n\t2)`],
  ['around the arguments too', `${M2}#m(\n1\n2\n)|#m(\t1\t2\t)`],
  ['before and after a comma', `${M2}#m(1\n,2)|#m(1,\n2)`],
  ['three arguments', '#macro(m $a $b $c)[$a|$b|$c]#end#m(1\n2\t3)|#m(1\n2,\n3)'],
  ['references, strings and words', `#set($x = 'X')#set($y = 'Y')${M2}#m($x\n$y)|#m('a'\n'b')|#m("$x"\n"y")|#m(true\nfalse)|#m(1.5\n2.5)`],
  ['a string holding a parenthesis or a line break', `${M2}#m('a)'\n2)|#m("a\nb"\n2)`],
  ['after a method call', `${M2}#m($x.substring(0)\n2)`],
  ['negative numbers', `${M2}#m(1\n-2)|#m(-1\n-2)|#m(1 -2)|#m(1\t-2)`],
  ['escaped references and $ before them', `${M2}#m(\\$x\n2)|#m($$x\n2)`],
  ['a word among them, no macro', '#m(1\n#stop)|#m(\n#x\n2)'],
  ['a word among them, a macro', `${M2}#m(1\n$#x)`],
  ['a word after a line break, a macro, refused when reached', `${M2}#m(1\n#stop)`],
  ['a bare word after a line break, a macro, refused when reached', `${M2}#m(1\nx)`],
  ['words among them, a macro, never reached', `${M2}#if(false)#m(1\n#stop)#m(1\tx)#end ok`],
  ['words among them, no macro', '#m(1\t#x)|#m(#x\n1)|#m(1\nx)'],
  ['block and braced calls', `${M2}#@m(1\n2)x#end|#{m}(1\n2)|#{m}(1\t2)`],
  ['names starting with _', '#macro(_m $a $b)[$a|$b]#end#_m(1\n2)|#_n(1\n2)'],
  ['a macro defined after the call', `#m(1\n2)|#m(1\t2)${M2}`],
  ['in an #if', `${M2}#if(true)#m(1\n2)#end`],
  ['in text, no macro', 'a#m(1\n2)b\n#m(3\t4)c'],
  ['in a double-quoted string', `#set($s = "#m(1\n2)")$s|${M2}#set($t = "#m(1\n2)")$t`],
  ['in #evaluate', `#evaluate('#m(1\n2)')|${M2}#evaluate('#m(1\t2)')|#evaluate("#m(1\n2)")`],
];

const LISTS_AND_MAPS: Row[] = [
  ['a list over two lines, then another argument', `#set($x = 1)${M2}#m([1,\n2] $x)`],
  ['a map over two lines, then another argument', `#set($x = 1)${M2}#m({"a":\n1} $x)`],
  ['no macro', '#m([1,\n2] $x)|#m({"a":\n1} $x)'],
  ['a line break after the list', `#set($x = 1)${M2}#m([1,\n2]\n$x)|#m([\n1]\n$x)`],
  ['maps and ranges on lines of their own', `${M2}#m({'a': 1}\n{'b': 2})|#m([1..3]\n[4])`],
];

const DIRECTIVES: Row[] = [
  ['#macro parameters', '#macro(m\n$a\n$b)[$a|$b]#end#m(1 2)|#macro(n\t$a\t$b)[$a|$b]#end#n(1 2)|#macro(k\r\n$a\r\n$b)[$a|$b]#end#k(1\r\n2)'],
  ['#foreach', '#set($list = [1, 2])#foreach($x\nin\n$list)$x#end|#foreach($x\tin\t$list)$x#end|#foreach($x\r\nin\r\n$list)$x#end'],
  ['#foreach with another word', '#foreach($k\ni\n[1, 2])$k#end|#foreach($k\tx\t[1, 2])$k#end'],
  ['#foreach over a string', "#foreach($i\nin\n'abc')[$i]#end|"],
  ['#set', '#set($a\n=\n1)$a|#set($b\t=\t2)$b|#set($c\r\n=\r\n3)$c'],
  ['#if', '#set($a = true)#set($b = true)#if($a\n&&\n$b)y#end|#if($a\t&&\t$b)y#end|#if($a\r\n&&\r\n$b)y#end'],
  ['a file with CRLF line ends', '#set($a\r\n=\r\n[1,\r\n2])$a\r\n#if(true)\r\nA\r\n#end\r\n#foreach($i in [1, 2])\r\n$i\r\n#end\r\n|'],
  ['a file with CRLF line ends, macro calls', `#macro(m $a $b)\r\n[$a|$b]\r\n#end\r\n#m(1\r\n2)\r\nz|#m(\r\n  1\r\n  2\r\n)\r\nz|#m(1\r\n2) \r\nz`],
  ['a file with CRLF line ends, a call of no macro', '#m(1\r\n2)\r\nz'],
];

const AFTER_THE_CALL: Row[] = [
  ['text after it', `${M2}#m(1\n2)\n$x.foo(`],
  ['a parse error after it', `${M2}#m(1\n2)\n#set($x = )`],
  ['a parse error after a call of no macro', '#m(1\n2)\n  #if(\n$a.foo(%)'],
  ['an evaluation error after it', `${M2}#m(1\n2)\n  $util.parseJson('{')`],
];

export const ARGUMENT_BLANKS_CASES: OracleTestCase[] = [
  ...rows('blanks between macro arguments', MACRO_CALLS),
  ...rows('blanks after a multi-line list or map', LISTS_AND_MAPS),
  ...rows('blanks in directives', DIRECTIVES),
  ...rows('blanks between arguments, what follows', AFTER_THE_CALL),
];
