/**
 * Templates Velocity 1.7 refuses with a ParseException, where our engine must report the same line and column as
 * Velocity's exception: a block closed or divided where none is open, bad `#set` and directive arguments, unclosed
 * parentheses, brackets and braces in arguments, a directive without its `(`, on later lines, after multibyte
 * characters and with CRLF line ends. Left out, as our engine places them otherwise on purpose: a construct the
 * template ends inside (Velocity places it at the last character, or after it for a string; we at the opener, which
 * the message names) and columns after a tab (Velocity counts a tab to the next multiple of 8; we count characters,
 * which the diagnostics map to the document).
 */
export const ERROR_POSITION_CASES: Array<{ name: string; template: string }> = [
  ['#end without a block', '#end'],
  ['#end without a block, on line 2', 'a\nb #end'],
  ['#end too many after a loop', '#foreach($i in [1])\n#end\n#end'],
  ['#end after multibyte characters', '\u00e9\u00e9\n \u00e9#end'],
  ['#end after CRLF lines', 'a\r\nb\r\n#end'],
  ['#else without #if', '#else'],
  ['#elseif without #if', '#elseif(true)'],
  ['#else after #else', '#if(true)#else#else#end'],
  ['#set without =', '#set($a)'],
  ['#set without a value', '#set($a = )'],
  ['#set of a word', '#set(a = 1)'],
  ['#set with ==, on line 4', 'x\n\n\n#set($a ==1)'],
  ['#set after a multibyte character', '\u00e9#set($a)'],
  ['#set after CRLF and a euro sign', '\u00fc\r\n\u20ac #set($a)'],
  ['#set after a character beyond the BMP', '\ud83d\ude00#set($a)'],
  ['#set after a CRLF line', 'a\r\n#set($a = )'],
  ['#set with an operator and no operand', '#set($a = 1 +)'],
  ['#set with a negation alone', '#set($a = !)'],
  ['#set with a range without its end', '#set($a = [1..])'],
  ['a list not closed in #set', '#set($l = [1, 2)'],
  ['a map not closed in #set', "#set($m = {'a': 1)"],
  ['a parenthesis not closed in #if', '#if(($a)y#end'],
  ['#if without a condition', '#if()x#end'],
  ['#if with an operator and no operand', '#if(1 ==)x#end'],
  ['a method call with a trailing comma', '#set($a = $b.c(1,)'],
  ['a method call with a bracket', '$a.b(]'],
  ['#if without (', '#if x#end'],
  ['#elseif without (', '#if(true)#elseif x#end'],
  ['#elseif without (, #end on the next CRLF line', '#if(true)\r\n#elseif\r\n#end'],
  ['#elseif without (, blank lines after it', '#if(true)\n#elseif\n\n  x#end'],
  ['#foreach without (, #end on the next line', '#foreach\n#end'],
  ['#foreach@x opens no block', 'a#foreach@x($i in [1])$i#end'],
  ['#m($##x) in a macro call', "#set($a = 'a')#m($##x)\nb"],
  ['a method call with a line comment after a blank', "#set($a = 'a')$a.concat( $##'x')\nb"],
  ['a method call with a line comment, a blank after it', "#set($a = 'a')$a.concat($##x\nx y"],
  ['a method call with a line comment, a ) after it', "#set($a = 'a')$a.concat($##'x')\n'y')"],
  ['a method call with a line comment, in #set', "#set($a = 'a')#set($c = $a.concat($##x)\n)$c"],
].map(([name, template]) => ({ name, template }));
