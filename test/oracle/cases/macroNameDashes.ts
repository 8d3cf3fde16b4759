/**
 * A `-` after a macro's name: Velocity 1.7 reads a directive's name as letters, digits, `_` and `@` only. In a
 * `#macro` header the `-` is then a token no header takes, and the template fails there, unless it starts a number
 * (`#macro(m-1)`, a name and an argument). After `#@` the name ends before the `-`, no `(` follows, and `#@m` is text:
 * the `#end` after it closes nothing.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const HEADERS: Row[] = [
  ['a number after the name', '#macro(m-1)M#end'],
  ['a parameter with a -', '#macro(m $a-b)[$a-b]#end#m(1)'],
  ['a name with _', '#macro(m_x)M#end#m_x()'],
  ['in an escaped header', '\\#macro(m-x)M'],
  ['in a comment', '## #macro(m-x)\nx|#* #macro(m-x) *#y'],
  ['in unparsed text', '#[[#macro(m-x)]]#'],
  ['in a single-quoted string', "#set($s = '#macro(m-x)M#end')$s"],
];

const HEADERS_REFUSED: Row[] = [
  ['called with the -', '#macro(m-x)M#end#m-x()'],
  ['called without it', '#macro(m-x)M#end#m()'],
  ['with a parameter', '#macro(m-x $a)M$a#end#m-x(1)'],
  ['never called', '#macro(m-x)M#end|#m-x'],
  ['after another macro', '#macro(m)N#end#macro(m-x)M#end#m-x()'],
  ['a blank before the name', '#macro( m-x )M#end'],
  ['a blank after the -', '#macro(m- x)M#end'],
  ['after ## in a string', '#set($s = "##")#macro(m-x)a#end'],
  ['after #* in a string', "#set($s = '#*')#macro(m-x)a#end*#"],
  ['a - alone after the name', '#macro(m-)M#end'],
  ['after _ in the name', '#macro(m_x-y)M#end'],
  ['after @ in the name', '#macro(m@x-y)M#end'],
  ['braced #{macro}', '#{macro}(m-x)M#end'],
  ['without #end', '#macro(m-x)M'],
  ['in a double-quoted string', '#set($s = "#macro(m-x)M#end")$s'],
];

const BLOCK_CALLS: Row[] = [
  ['#@m-y is text', '#@m-y()B'],
  ['#@m-y is text, m defined', '#macro(m)M#end#@m-y()B'],
  ['#@m- and #@m-y alone', '#@m-|#@m-y'],
  ['#@m_y is a call', '#macro(m_y)M[$bodyContent]#end#@m_y()B#end'],
];

const BLOCK_CALLS_REFUSED: Row[] = [
  ['#@m-y, then #end', '#@m-y()B#end'],
  ['#@m-y, m defined, then #end', '#macro(m)M#end#@m-y()B#end'],
  ['#@m-y and a blank before (, then #end', '#macro(m)M#end#@m-y ()B#end'],
  ['#@m-, then #end', '#macro(m)M[$!bodyContent]#end#@m-()B#end'],
  ['#@m-y, then two #end', '#macro(m)M[$!bodyContent]#end#@m-y()B#end#end'],
];

export const MACRO_NAME_DASHES_CASES: OracleTestCase[] = [
  ...rows('a - after the name in #macro', HEADERS),
  ...rows('a - after the name in #macro, refused', HEADERS_REFUSED),
  ...rows('a - after the name in #@', BLOCK_CALLS),
  ...rows('a - after the name in #@, refused', BLOCK_CALLS_REFUSED),
];
