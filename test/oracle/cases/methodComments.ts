/**
 * A line comment right inside a method call's parentheses, after a `$` (`$a.concat($##'x')`): Velocity 1.7's lexer
 * meets no argument there, the reference ends before the `(`, and the `(` and the `$`s, `$!`s and `#`s before the
 * comment print as text. The lexer stays in the state of the arguments after the comment, to the end of the template:
 * comments, strings, directives and references read there as elsewhere, and a blank, `)` or `,` is a parse error.
 */
import type { OracleTestCase } from '../oracleCase';

type Row = [name: string, template: string, request?: Partial<OracleTestCase>];

const rows = (topic: string, list: Row[]): OracleTestCase[] => list.map(([name, template, request]) => ({ name: `${topic}: ${name}`, template, ...request }));

const S = "#set($a = 'a')#set($b = 'B')#set($m = {'k': 'v'})";

const TEXT: Row[] = [
  ['at the end of the template', `${S}$a.concat($##'x')`],
  ['a word on the next line', `${S}$a.concat($##'x')\nmore`],
  ['an empty comment', `${S}$a.concat($##)\nb`],
  ['after $!', `${S}$a.concat($!##x)\nb`],
  ['an empty comment after $!', `${S}$a.concat($!##)`],
  ['a reference that is $!', `${S}$!a.concat($##x)\nb`],
  ['after a property', `${S}$a.b.concat($##x)\nc`],
  ['after a call', `${S}$a.concat('q').concat($##x)\nd`],
  ['a map', `${S}$m.get($##x)\ne`],
  ['a reference never set', `${S}$nope.concat($##x)\nb`],
  ['escaped', `${S}\\$a.concat($##x)\nc`],
  ['a CRLF line end', `${S}$a.concat($##x)\r\nb`],
  ['a CRLF line end after $!', `${S}$a.concat($!##x)\r\nc`],
  ['two $', `${S}$a.concat($$!##x)\nb`],
  ['a backslash before the !', `${S}$a.concat($\\!##x)\nc`],
  ['a # first', `${S}$a.concat(#$##x)\nd`],
  ['a third #', `${S}$a.concat($###x)\ne`],
  ['two of them', `${S}$a.concat($##x)\n$a.concat($##y)\nc`],
  ['before #end', `${S}#if(true)$a.concat($##'x')\n#end`],
  ['in a loop', `${S}#foreach($i in [1])$a.concat($##'x')\n$i#end`],
  ['a string after it', `${S}$a.concat($##x\n'y'z`],
  ['a double-quoted string after it', `${S}$a.concat($##x\n"y"z`],
  ['a number after it', `${S}$a.concat($##x\n1z`],
  ['a reference after it', `${S}$a.concat($##x\n$b`],
  ['a directive after it', `${S}$a.concat($##x\n#if(true)Y#end`],
  ['in a double-quoted string', `${S}#set($s = "$a.concat($##x)")$s`],
  ['a blank before the (, text as always', `${S}$a.concat ($##x)\nb`],
];

const REFUSED: Row[] = [
  ['a blank after the comment', `${S}$a.concat($##x\nx y`],
  ['a ) after the comment', `${S}$a.concat($##'x')\n'y')`],
  ['a line break after the comment', `${S}$a.concat($##x\n\n'y')z`],
  ['a comma', `${S}$a.concat($##x\n,z`],
  ['a vertical bar', `${S}$a.concat($##x\nb|c`],
  ['true alone', `${S}$a.concat($##x\ntrue)z`],
  ['a blank after a directive', `${S}$a.concat($##x\n#if(true)Y#end w`],
  ['a blank inside the (', `${S}$a.concat( $##'x')\nb`],
  ['after an argument', `${S}$a.concat('q', $##'x')\nb`],
  ['in a braced reference', `${S}\${a.concat($##x)}\nb`],
  ['in a directive', `${S}#set($c = $a.concat($##x)\n)$c`],
  ['a block comment instead', `${S}$a.concat($#*c*#'x')`],
];

export const METHOD_COMMENTS_CASES: OracleTestCase[] = [...rows('a line comment right inside a method call', TEXT), ...rows('a line comment right inside a method call, refused', REFUSED)];
