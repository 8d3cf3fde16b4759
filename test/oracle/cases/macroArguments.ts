/**
 * Arguments of macro calls that our engine read otherwise than Velocity 1.7: a directive's name written as an argument
 * (`#m(#foreach)`), a word to Velocity's lexer, which a call of no macro prints as written and a call of a macro
 * refuses when it is reached (macroCallEdges.ts); and the backslashes and `$`s before a reference among the arguments
 * (`#m(\$x)`), which a call of no macro does not print. Then long chains of operators, as long as Velocity's own stack
 * takes.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const DIRECTIVE_NAMES: Row[] = [
  ['#foreach', '#m(#foreach)'],
  ['in text, with blanks and after a reference', "a#m(#foreach)b|#m( #foreach )|#set($x = 'X')$x#m(#foreach)"],
  ['among other arguments', '#m(#foreach 1)|#m(1 #foreach)|#m(#foreach, 1)|#m($x #foreach)'],
  ['every block directive', '#m(#macro)|#m(#define)|#m(#foreach #macro #define)'],
  ['#break and #stop', '#m(#break)x|#m(#stop)y'],
  ['inside a loop', '#foreach($i in [1, 2])#m(#foreach)$i#end'],
  ['braced and block calls', '#{m}(#foreach)|#@m(#foreach)x#end'],
  ['a macro defined, refused when reached', '#macro(m $a)[$a]#end#m(#foreach)'],
  ['a macro defined below, refused when reached', '#m(#foreach)#macro(m $a)[$a]#end'],
  ['#if, refused', '#m(#if)'],
  ['#end, refused', '#if(true)#m(#end)#end'],
];

const ESCAPED_REFERENCES: Row[] = [
  ['\\$x', '#m(\\$x)'],
  ['any backslashes', '#m(\\\\$x)|#m(\\\\\\$x)|#m(\\\\\\\\$x)'],
  ['a value set or not', "#m(\\$x)|#set($x = 'X')#m(\\$x)"],
  ['$!, braces, properties and calls', '#m(\\$!x)|#m(\\${x})|#m(\\$x.y)|#m(\\$x.foo(\\$y, $$z))'],
  ['among other arguments', '#m(\\$x $y)|#m($y \\$x)|#m( \\$x )|#m(\\$x,\\$y)|#m(\\$x\n)'],
  ['runs of $ too', '#m($$x)|#m($!$x)|#m($\\$x)|#m(\\$$x)'],
  ['in lists and maps', '#m([\\$x])|#m({"a": \\$x})'],
  ['in strings, kept', "#m('\\$x')|#m(\"\\$x\")"],
  ['a block call, its body too', "#@m(\\$x)\\$y b\\\\$y c$$y d'\\$y'#end"],
  ['only in the call', '#m(\\$x)\\$x'],
  ['a macro defined, which reads the reference', "#set($x = 'X')#macro(m $a)[$a]#end#m(\\$x)|#m(\\\\$x)|#m(\\$nope)|#m(\\$!x)"],
];

/** `count` operands joined by the operator, each `operand(i)`. */
const chain = (count: number, operator: string, operand: (i: number) => string) => Array.from({ length: count }, (_, i) => operand(i)).join(operator);

// Velocity evaluates a chain by recursion, one level per operator: on the JVM's usual stack it throws
// StackOverflowError at about 5,000 `+`. These stay well below that.
const LONG_CHAINS: Row[] = [
  ['1,000 +', `#set($x = ${chain(1_000, '+', () => '1')})$x`],
  ['- and * mixed', `#set($x = 100000${' - 2 * 3 + 5'.repeat(300)} - 7 % 4)$x`],
  ['strings joined from the first string on', `#set($x = ${chain(300, '+', () => '1')} + "a"${' + 1'.repeat(300)})$x`],
  ['&& and || mixed', `#set($x = ${chain(500, ' || ', () => 'false && true')} || true && false)$x|#set($y = true${' || false && false'.repeat(500)})$y`],
  ['comparisons', `#set($x = 1 < 2${' == true'.repeat(500)})$x|#set($y = true${' != true'.repeat(499)})$y`],
  ['a condition of 2,000 ||', `#if(${chain(2_000, '||', (i) => (i === 1_999 ? 'true' : 'false'))})y#{else}n#end`],
  ['calls skipped by && and ||', `#set($l = [])#if(false${' && $l.add(1)'.repeat(300)})#end#if(true${' || $l.add(1)'.repeat(300)})#end$l.size()`],
  ['arithmetic as a condition', `#if(${chain(500, ' + ', () => '1')})y#{else}n#end`],
];

export const MACRO_ARGUMENTS_CASES: OracleTestCase[] = [
  ...rows('a directive name as a macro argument', DIRECTIVE_NAMES),
  ...rows('an escaped reference as a macro argument', ESCAPED_REFERENCES),
  ...rows('long operator chains', LONG_CHAINS),
];
