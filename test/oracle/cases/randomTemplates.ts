/**
 * Places where templates made at random from Velocity's grammar showed our engine reading otherwise than Velocity 1.7:
 * a `#` between two references (`$pk#$sk`, the composite keys of DynamoDB mapping templates), a `{` or `(` right
 * after `#end` or `#else` that follow a reference, a comment or unparsed text after a reference and a `#name`, what
 * follows an escaped reference (`\$a{`), a `##` comment whose `*` or `#` ends the template, what follows a `##`
 * comment ended by CRLF (velocityjs counted two lines there, so every position after it was a line off), and the
 * blanks before a `#set` that its token takes in after a `}` or a backslash.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const HASH_BETWEEN_REFERENCES: Row[] = [
  ['two references', "#set($a = 'x')#set($b = 'y')$a#$b"],
  ['a braced reference after it', "#set($a = 'x')#set($b = 'y')$a#${b}"],
  ['a quiet reference after it', "#set($a = 'x')$a#$!b"],
  ['after a method call', "#set($a = 'x')#set($b = 'y')$a.length()#$b"],
  ['after an index', "#set($a = ['x'])#set($b = 'y')$a[0]#$b"],
  ['three parts', "#set($a = 'x')#set($b = 'y')$a#$b#$a"],
  ['inside a string', "#set($a = 'x')#set($b = 'y')#set($k = \"$a#$b\")$k"],
  ['a sort key from two parameters', `{"SK": {"S": "$input.params('type')#$input.params('id')"}}`, { params: { path: { type: 'ORDER', id: '42' } } }],
  ['a sort key from the body', `{"SK": {"S": "$input.path('$.kind')#$input.path('$.id')"}}`, { body: '{"kind": "USER", "id": 7}' }],
  ['an escaped reference before it', "#set($a = 1)\\$l#$a"],
  ['before a `$` that starts no reference', "#set($a = 'x')$a#$ y"],
  ['after a call with a call among its arguments', "#set($b = 'y')$b.concat($b.trim())#$b"],
  ['after $util over $input.path', "#set($b = 'y')$util.urlEncode($input.path('$.name'))#$b", { body: '{"name": "a b"}' }],
  ['before a [', "#set($a = 'x')$a#[1, 'a']"],
  ['before [] after a call', "#set($a = 'x')$a.toString()#[x]"],
  ['before unparsed text, which stays unparsed text', "#set($a = 'x')$a#[[r]]#."],
  ['after #end that follows a reference', '#set($n = 1)#if(true)$n#end#$n'],
  ['after #end that follows an escaped call', '#set($n = 1)#if(true)\\$b.concat()#end#$n'],
  ['before a !', "#set($b = 'two')$b#!"],
  ['before a ! and a reference', "#set($b = 'two')$b#!$b"],
  ['before a ! after an escaped reference', '#if(true)\\$n#!#end'],
];

const BRACE_AFTER_END: Row[] = [
  ['#end{ after a reference', "#set($a = 'x')#if(true)$a#end{x}"],
  ['#end{ after a method call', "#set($a = 'x')#if(true)$a.length()#end{"],
  ['#end{ of a loop after a reference', "#set($a = 'x')#foreach($i in [1])$a#end{"],
  ['#else{ after a reference', "#set($a = 'x')#if(true)$a#else{#end"],
  ['#end{ after an escaped reference', '#if(true)\\$b#end{'],
  ['#end( after a reference', '#set($m = 1)#if(true)$m#end(m'],
  ['#end( after a property', '#set($m = 1)#if(true)$m.k#end(m'],
  ['#else( after a reference', '#set($m = 1)#if(true)$m#else(m#end'],
  ['#end() after a reference', '#set($m = 1)#if(true)$m#end()'],
];

const AFTER_REFERENCE_AND_NAME: Row[] = [
  ['unparsed text after #e', '#set($m = 1)$m#e#[[a]]#'],
  ['unparsed text after #e, in a block', '#set($m = 1)#if(true)$m#e#[[a]]##end'],
  ['unparsed text after #end', '#set($m = 1)#if(true)$m#end#[[r]]#.'],
  ['unparsed text after a braced #{end}', '#set($m = 1)#if(true)$m#{end}#[[r]]#.'],
  ['unparsed text after #else', '#set($m = 1)#if(true)$m#else#[[r]]##end.'],
  ['unparsed text after a macro call without parentheses', '#set($m = 1)#macro(e)E#end$m#e#[[r]]#.'],
  ['unparsed text after a braced reference and #e', '#set($m = 1)${m}#e#[[r]]#.'],
  ['unparsed text after a method call and #e', '#set($m = 1)$m.k()#e#[[r]]#.'],
  ['a comment after #end', '#set($m = 1)#if(true)$m#end#* c *#.'],
  ['a comment after #end, nested', '#if(true)#if(true)\\$m#end#* c *##end.'],
  ['a comment after #end and an escaped reference', '#if(true)\\$m#end#* c *#.'],
  ['an empty comment after #end', '#set($m = 1)#if(true)$m#end#**#.'],
  ['#set without ( then unparsed text', '#set($m = 1)$m#set#[[r]]#.'],
  ['a blank between', '#set($m = 1)$m#e #[[r]]#.'],
  ['unparsed text after two #names', '#set($a = 1)$a#e#f#[[r]]#'],
  ['unparsed text after two #ends', '#set($a = 1)#if(true)#if(true)$a#end#end#[[r]]#}'],
  ['a comment after two #ends', '#set($a = 1)#if(true)#if(true)$a#end#end#* c *#}'],
];

const AFTER_ESCAPED_REFERENCE: Row[] = [
  ['a { after it', '\\$a{'],
  ['a { after its property', '\\$a.b{'],
  ['a { after its method call', '\\$a.b(1){'],
  ['a { after a call without arguments', '\\$a.b(){'],
  ['a { after a chain', '\\$a.b(1).c{'],
  ['a { after an index', '\\$a[0]{'],
  ['a { after a quiet one', '\\$!a.b(1){'],
  ['a { after one with a value', "#set($m = 'xyz')\\$m.charAt(1){"],
  ['a { after two backslashes', '\\\\$a.b(1){'],
  ['a { after two backslashes and a value', '#set($a = 1)\\\\$a{'],
  ['a ( after it', '\\$a(x'],
  ['a ( after one with a value', '#set($a = 1)\\$a(x'],
  ['a ## after its property', '\\$a.b##c'],
  ['a # before a digit', '\\$a#1'],
  ['a . before a #', '\\$a.#x'],
  ['a comment after it', '\\$a##c\nx'],
  ['unparsed text after it', '\\$a#[[r]]#'],
];

const COMMENT_AT_THE_END: Row[] = [
  ['##* ends the template', 'x##*'],
  ['##* after a line break and blanks', 'x\n  ##*'],
  ['##* after a reference', '#set($a = 1)$a##*'],
  ['##* after a method call', '$a.b(1)##*'],
  ['##* after #end', '#if(true)x#end##*'],
  ['##* after unparsed text', '#[[r]]###*'],
  ['##* after a block comment', '#* c *###*'],
  ['##* after a backslash', 'x\\##*'],
  ['#* right after unparsed text', '#[[r]]#*'],
  ['#* right after a block comment', '#* c *#*'],
  ['## after a * that closes no comment', 'x*##'],
  ['## after ]] that closes no unparsed text', 'x]]##'],
  ['##* after a property, which reads no comment', '$a.b##*'],
  ['###* ends the template inside a comment', 'x###*'],
  ['#* after ]] that closes no unparsed text', 'x]]#*'],
];

const AFTER_END_OF_A_REFERENCE: Row[] = [
  ['a . and a name after #end', "#set($n = 'N')#if($n)$n#end.x"],
  ['a domain after #end', "#set($n = 'N')#if($n)$n.length()#end.com"],
  ['names after #end', "#set($n = 'N')#if($n)$n#end.x.y"],
  ['a . and a name after #else', "#set($l = 'q')#if(true)$!l#else.a b#end"],
  ['a . and a name after #e', "#set($n = 'N')$n#e.x"],
  ['a . and _ after #end', "#set($n = 'N')#if($n)$n#end._x"],
];

const ESCAPED_COMMENTS: Row[] = [
  ['a block comment behind a backslash, then #else', '#if(false)\\#* c *##else y#end'],
  ['a block comment behind a backslash, then text', '#if(false)x\\#* c *#z#else y#end'],
  ['a line comment behind a backslash in a block', '#if(true)a\\## c\n#else b#end'],
  ['unparsed text behind a backslash in a block', '#if(true)a\\#[[#end]]##end'],
];

const ESCAPED_AFTER_END: Row[] = [
  ['after #end and a blank that follow a reference', "#set($s = 'S')#if($s)$s#end \\$s"],
  ['after #end and a tab that follow a reference', "#set($s = 'S')#if($s)$i#end\t\\$s"],
  ['one without a value, after a loop', '#foreach($a in [1])$x#end \\$x'],
  ['after #end, a blank and a line end', "#set($s = 'S')#if($s)$s#end \n\\$s"],
  ['after #end, blanks, a line end and blanks', "#set($s = 'S')#if($s)$s#end  \n  \\$s"],
  ['after #end, a blank and CRLF', "#set($s = 'S')#if($s)$s#end \r\n\\$s|"],
];

const BLANKS_BEFORE_SET: Row[] = [
  ['after a } that follows a reference', '#set($a = 1)$a}  #set($b = 2)|'],
  ['a tab after a } that follows a reference', '#set($a = 1)$a}\t#set($b = 2)|'],
  ['after a } that follows a quiet reference', '#set($a = 1)$!a}  #set($b = 2)|'],
  ['after a } that follows a property', '#set($a = 1)$a.b}  #set($b = 2)|'],
  ['after a } that follows a call', '#set($a = 1)$a.b()}  #set($b = 2)|'],
  ['after a } that follows an index', '#set($a = 1)$a[0]}  #set($b = 2)|'],
  ['after }} that follow a reference, which stay', '#set($a = 1)$a}}  #set($b = 2)|'],
  ['after a } that follows a braced reference, which stay', '#set($a = 1)${a}}  #set($b = 2)|'],
  ['after a ] that follows a reference, which stay', '#set($a = 1)$a]  #set($b = 2)|'],
  ['after a backslash', 'a\\  #set($b = 2)|'],
  ['after two backslashes', 'a\\\\  #set($b = 2)|'],
  ['a tab after a backslash', '\\\t#set($x = 1)'],
  ['after a backslash in a block', '#if(true)a\\  #set($b = 2)|#end'],
  ['after a backslash and a word, which stay', 'a\\ b  #set($b = 2)|'],
];

const AFTER_A_CRLF_COMMENT: Row[] = [
  ['an escaped reference', '## c\r\n\\$notref'],
  ['an escaped reference on a later line', '## c\r\nx\r\n\\$notref'],
  ['an escaped reference after two comments', '## c\r\n## d\r\n\\$a.b'],
  ['an escaped call', '## c\r\n\\$a.b($x)'],
  ['an escaped reference after a comment at the end of a line', 'x ## c\r\ny\\$a'],
  ['an escaped reference after a loop', '## c\r\n#foreach($i in [1..2])$i#end\r\n\\$x'],
  ['a call of no macro', '## c\r\n#m()'],
  ['a reference to nothing', '## c\r\n$notref.foo'],
];

export const RANDOM_TEMPLATES_CASES: OracleTestCase[] = [
  ...rows('# between references', HASH_BETWEEN_REFERENCES),
  ...rows('{ after #end', BRACE_AFTER_END),
  ...rows('after a reference and a #name', AFTER_REFERENCE_AND_NAME),
  ...rows('after an escaped reference', AFTER_ESCAPED_REFERENCE),
  ...rows('a comment at the end', COMMENT_AT_THE_END),
  ...rows('after a ## comment ended by CRLF', AFTER_A_CRLF_COMMENT),
  ...rows('blanks before #set', BLANKS_BEFORE_SET),
  ...rows('after #end that follows a reference', AFTER_END_OF_A_REFERENCE),
  ...rows('escaped comments', ESCAPED_COMMENTS),
  ...rows('an escaped reference', ESCAPED_AFTER_END),
];
