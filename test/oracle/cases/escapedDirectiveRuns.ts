/**
 * `$`s, `$!`s and `#`s right before an escaped directive or macro name (`$\#m()`, `\$\#if`, `#\#m`): Velocity 1.7's
 * lexer goes on with them as the start of a token until the backslash ends it as special text, which the escaped
 * directive's node after it never prints. So the run prints nothing, and the escape itself reads as anywhere: one
 * backslash is dropped before a directive or a defined macro, and kept before any other name.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const M = '#macro(m)M#end';

const RUNS: Row[] = [
  ['$ before a defined macro, called', `${M}$\\#m()`],
  ['$ before a defined macro, no parentheses', `${M}$\\#m`],
  ['$ before an undefined macro', '$\\#m()'],
  ['$! before a defined macro', `${M}$!\\#m()`],
  ['\\$ before a defined macro', `${M}\\$\\#m()`],
  ['two backslashes and $ before a defined macro', `${M}\\\\$\\#m()`],
  ['$$ before a defined macro', `${M}$$\\#m()`],
  ['$\\$ before a defined macro', `${M}$\\$\\#m()`],
  ['$\\! before a defined macro', `${M}$\\!\\#m()`],
  ['$# before a defined macro', `${M}$#\\#m()`],
  ['# before a defined macro', `${M}#\\#m()`],
  ['# before an undefined macro', '#\\#m()'],
  ['#$ before a defined macro', `${M}#$\\#m()`],
  ['#\\$ before a defined macro', `${M}#\\$\\#m()`],
  ['$ before a braced macro name', `${M}$\\#{m}()|$\\#{n}()`],
  ['$ before an undefined name', '$\\#foo'],
  ['$ before a name with an @', `${M}$\\#m@x|$\\#@m`],
  ['$ before #set, #end, #else and #foreach', '$\\#set|$\\#end|$\\#else|$\\#foreach'],
  ['$ before #set(, whose text stays', '$\\#set($a = 1)$a'],
  ['$ before #break in a loop', '#foreach($i in [1])$\\#break#end'],
  ['twice', `${M}$\\#m()$\\#m()`],
  ['after text and a reference', `${M}#set($a = 1)a$a$\\#m()|$a.b$\\#m()|\${a}$\\#m()`],
  ['inside #if', `${M}#if(true)$\\#m()#end`],
  ['in a double-quoted string', `${M}#set($s = "$\\#m()")$s`],
  ['three backslashes', `${M}$\\\\\\#m()|$\\\\\\#n()`],
  ['two backslashes', `${M}$\\\\#m()`],
  ['$!! before a defined macro, where the ! ends the run', `${M}$!!\\#m()`],
  ['$ before \\# and no name', `${M}$\\# x|$\\#5`],
  ['a line comment, not a run', `${M}##\\#m()\nx`],
];

const REFUSED: Row[] = [
  ['$ before an escaped #if, then #end', '$\\#if(true)x#end'],
  ['$ before an escaped block call, then #end', `#macro(b)B$bodyContent#end$\\#@b()x#end`],
];

export const ESCAPED_DIRECTIVE_RUNS_CASES: OracleTestCase[] = [
  ...rows('a run before an escaped directive', RUNS),
  ...rows('a run before an escaped directive, refused', REFUSED),
];
