/**
 * A line comment right inside a method call's parentheses, after a `$` (`$a.concat($##'x')`): Velocity 1.7's lexer
 * meets no argument there, the reference ends before the `(`, and the `(` and the `$`s, `$!`s and `#`s before the
 * comment print as text. The lexer stays in the state of the arguments after the comment, to the end of the template:
 * comments, strings, directives and references read there as elsewhere, and a blank, `)` or `,` is a parse error. A
 * later `##` starts a comment there only after a `##name` or such a comment, and is text otherwise. A `-` reads only
 * inside a name or before a number, and a comment the template ends in fails when it ends in a `$` or `#`.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

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
  ['a blank before the (, text as always', `${S}$a.concat ($##x)\nb`],];

/** A `##` after the comment starts a comment only after a `##name` or another such comment; elsewhere it is text. */
const LATER_HASHES: Row[] = [
  ['## and a name at the end', `${S}$a.concat($##c\n##x`],
  ['## and a number, a string, a reference', `${S}$a.concat($##c\n##1|##'q'|##"q"|##$b`],
  ['a word before ##', `${S}$a.concat($##c\nx##y`],
  ['## after a string', `${S}$a.concat($##c\n'y'##x`],
  ['## after a directive', `${S}$a.concat($##c\n#if(true)y#end##x`],
  ['## before a directive', `${S}$a.concat($##c\n##if(true)Y#end`],
  ['a comment after ##x', `${S}$a.concat($##c\n##x##y\nz`],
  ['comments after ##x', `${S}$a.concat($##c\n##x##y\n##z##w\n`],
  ['a comment after ##x and a block comment', `${S}$a.concat($##c\n##x#*c*###y\nz`],
  ['### starts a comment', `${S}$a.concat($##c\n###x\n## y`],
  ['a comment after a reference', `${S}$a.concat($##c\n$b##x\n`],
  ['block comments', `${S}$a.concat($##c\n#*x*#z|#**x*#`],
  ['unparsed text', `${S}$a.concat($##c\n#[[ x ]]#y`],
  ['a comment right at the end after ##x', `${S}$a.concat($##c\n##x##`],
  ['a comment at the end after ##x and a block comment', `${S}$a.concat($##c\n##x#*c*###`],
  ['### at the end', `${S}$a.concat($##c\n###`],
  ['### and a name at the end', `${S}$a.concat($##c\n###x`],
  ['a comment at the end after a directive', `${S}$a.concat($##c\n#if(true)y#end###`],
  ['a comment at the end after ##x, ending in #[', `${S}$a.concat($##c\n##x## y#[`],
  ['a comment at the end after ##x, ending in $ and a backslash', `${S}$a.concat($##c\n##x## y$\\`],
  ['a comment after ##x, then ## and a line end', `${S}$a.concat($##c\n##x##\n`],
];

/** A `-` continues a name, or starts a number; nothing else. */
const MINUS: Row[] = [
  ['in a name', `${S}$a.concat($##c\nx-y##z`],
  ['two in a name', `${S}$a.concat($##c\nx--y`],
  ['in a name after _', `${S}$a.concat($##c\n_-y`],
  ['before a number', `${S}$a.concat($##c\n-1`],
  ['after ##x, before a number', `${S}$a.concat($##c\n##x-1`],
  ['after ##x, before a number and a name', `${S}$a.concat($##c\n##x-1y`],
  ['after ##x, before a fraction', `${S}$a.concat($##c\n##x-.5`],
  ['between numbers after ##', `${S}$a.concat($##c\n##1-2##z`],
  ['after a string, before a number', `${S}$a.concat($##c\n'y'-1`],
  ['after a block comment, before a number', `${S}$a.concat($##c\n#*c*#-1`],
];

const MINUS_REFUSED: Row[] = [
  ['after ##x, before a name', `${S}$a.concat($##c\n##x-y`],
  ['after ##x, before a name and ##', `${S}$a.concat($##c\n##x-y##z`],
  ['after ##x at the end', `${S}$a.concat($##c\n##x-`],
  ['after ##x, before ##', `${S}$a.concat($##c\n##x-##y`],
  ['after ##x, before a line end', `${S}$a.concat($##c\n##x-\n`],
  ['after ##x, twice', `${S}$a.concat($##c\n##x--1`],
  ['before a name', `${S}$a.concat($##c\n-y`],
  ['after a number, before a name', `${S}$a.concat($##c\n1-y`],
  ['after a string, before a name', `${S}$a.concat($##c\n'y'-z`],
  ['after ##x and a block comment', `${S}$a.concat($##c\n##x#*c*#-y`],
];

const LATER_HASHES_REFUSED: Row[] = [
  ['another comment and a line end', `${S}$a.concat($##c\n## another\n`],
  ['an empty comment', `${S}$a.concat($##c\n##\n`],
  ['a comment at the end', `${S}$a.concat($##c\n## x`],
  ['## at the end', `${S}$a.concat($##c\n##`],
  ['##x and a line end', `${S}$a.concat($##c\n##x\nz`],
  ['##x and a CRLF', `${S}$a.concat($##c\n##x\r\n`],
  ['## and a (', `${S}$a.concat($##c\n##(x`],
  ['## and a )', `${S}$a.concat($##c\n##)`],
  ['## and a [', `${S}$a.concat($##c\n##[1]`],
  ['## after a string, and a line end', `${S}$a.concat($##c\n'y'##x\n`],
  ['## after a directive, and a blank', `${S}$a.concat($##c\n#if(true)y#end## x`],
  ['a word, ##, and a line end', `${S}$a.concat($##c\nx##y\nz`],
  ['a word after a comment, ##, and a line end', `${S}$a.concat($##c\n##x##y\nw##z\n`],
  ['## after a comment after a reference', `${S}$a.concat($##c\n$b##x\n## y`],
  ['## after a block comment, and a line end', `${S}$a.concat($##c\n#**###x\n`],
  ['a blank after unparsed text', `${S}$a.concat($##c\n#[[x]]# y`],
  ['a comment at the end after ##x, ending in #', `${S}$a.concat($##c\n##x##y##`],
  ['a comment at the end after ##x, ending in ##', `${S}$a.concat($##c\n##x###`],
  ['a comment at the end after ##x, ending in $', `${S}$a.concat($##c\n##x## y$`],
  ['a comment at the end after ##x, ending in $!', `${S}$a.concat($##c\n##x## y$!`],
  ['a comment at the end after ##x, ending in #*', `${S}$a.concat($##c\n##x## y#*`],
  ['a comment at the end after ###, ending in #', `${S}$a.concat($##c\n### x#`],
  ['##x, ## and # at the end', `${S}$a.concat($##c\n##x-y##`],
  ['the first comment ending in #', `${S}$a.concat($##c#`],
  ['the first comment ending in $', `${S}$a.concat($##c$`],
  ['the first comment ending in ##', `${S}$a.concat($##c##`],
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

export const METHOD_COMMENTS_CASES: OracleTestCase[] = [
  ...rows('a line comment right inside a method call', TEXT),
  ...rows('a line comment right inside a method call, refused', REFUSED),
  ...rows('a ## after a line comment right inside a method call', LATER_HASHES),
  ...rows('a ## after a line comment right inside a method call, refused', LATER_HASHES_REFUSED),
  ...rows('a - after a line comment right inside a method call', MINUS),
  ...rows('a - after a line comment right inside a method call, refused', MINUS_REFUSED),
];
