/**
 * Macro calls at the edges of Velocity 1.7's grammar. A word among a call's arguments (`#m(#x)`, `#m(x)`, `#m(1 #stop)`)
 * parses wherever it stands: a call of no macro prints as written, and a call of a macro fails when it is reached
 * (RuntimeMacro throws as it renders, so a call never reached, or reached once the output has begun, fails no sooner).
 * Text parsed later fails to parse instead while a macro of the name exists: the text of `#evaluate`, and a
 * double-quoted string, which Velocity parses as the template loads, after the `#macro` blocks before it. `#stop`
 * among arguments is such a word, not the directive, and a string literal's `#stop` is text. A braced call drops the
 * backslashes and `$`s before a reference among its arguments, as an unbraced one does (macroArguments.ts), and a
 * braced `#{stop}` stops before any character, a letter too. A `(` after such a word (`#m(#break(1))`, `#m(#x (1))`)
 * fails to parse: no call stands among another call's arguments.
 */
import { rows, type OracleTestCase, type Row } from '../oracleCase';

const M = '#macro(m $a)[$a]#end';

const WORDS_FOR_A_MACRO: Row[] = [
  ['defined before', `${M}#m(#x)`],
  ['defined after', '#m(#x)#macro(m $a)[$a]#end'],
  ['no macro, printed', '#m(#x)|#m(x)|#m(null)|#m(1 #x)|#m(#x#y)|#m(1#x)|#m(a#x)'],
  ['a macro of another name, printed', '#macro(M $a)[$a]#end#m(#x)'],
  ['after output', `abc${M}#m(#x)y`],
  ['after a call that ran', `abc${M}#m(1)#m(#x)`],
  ['blanks', `${M}#m( #x )`],
  ['line breaks', `${M}#m(\n#x\n)`],
  ['a blank before the parenthesis', `${M}#m (#x)`],
  ['the second argument', '#macro(m $a $b)[$a$b]#end#m(1 #x)'],
  ['the first of two', `${M}#m(#x, 1)`],
  ['two words', `${M}#m(#x x)`],
  ['words run together', `${M}#m(#x#y)`],
  ['right after a number', '#macro(m $a $b)[$a$b]#end#m(1#x)'],
  ['a bare word', `${M}#m(x)`],
  ['null', `${M}#m(null)`],
  ['in', `${M}#m(in)`],
  ['$#x', `${M}#m($#x)`],
  ['a directive name', `${M}#m(#foreach)`],
  ['#set', `${M}#m(#set)`],
  ['#@x', `${M}#m(#@x)`],
  ['#stop', `${M}#m(#stop)`],
  ['#break', `${M}#m(#break)`],
  ['#_x', `${M}#m(#_x)`],
  ['a macro without parameters', '#macro(m)[]#end#m(#x)'],
  ['a braced call', `${M}#{m}(#x)`],
  ['a block call', `${M}#@m(#x)b#end`],
  ['a block call with a bare word', `${M}#@m(x)b#end`],
  ['a name starting with _', '#macro(_m $a)[$a]#end#_m(#x)'],
  ['a macro defined in an #if never run', '#if(false)#macro(m $a)[$a]#end#end#m(#x)'],
  ['defined twice', `${M}#m(#x)#macro(m $a)[$a]#end`],
];

const WORDS_REACHED_OR_NOT: Row[] = [
  ['in an #if never run', `${M}#if(false)#m(#x)#end ok`],
  ['a bare word in an #if never run', `${M}#if(false)#m(x)#end ok`],
  ['a braced call in an #if never run', `${M}#if(false)#{m}(#x)#end ok`],
  ['a block call in an #if never run', `${M}#if(false)#@m(#x)b#end#end ok`],
  ['a bare word in a block call never run', `${M}#if(false)#@m(x)b#end#end ok`],
  ['a directive name in an #if never run', `${M}#if(false)#m(#foreach)#end ok`],
  ['in an #if run', `abc${M}#if(true)#m(#x)#end`],
  ['in a loop', `abc${M}#foreach($i in [1, 2])$i#m(#x)#end`],
  ['in the second turn of a loop', `abc${M}#foreach($i in [1, 2])$i#if($i == 2)#m(#x)#end#end`],
  ['in a #define never used', `${M}#define($d)#m(#x)#end ok`],
  ['in a #define used', `${M}#define($d)#m(#x)#end ok$d`],
  ['in a #define before the macro', '#define($d)#m(#x)#end#macro(m $a)[$a]#end$d'],
  ['in a macro never called', `${M}#macro(n)#m(#x)#end 1`],
  ['in a macro called', `${M}#macro(n)#m(#x)#end 1#n()`],
  ['in the body of a block call', '#macro(m $a)[$a $bodyContent]#end#@m(1)#m(#x)#end'],
  ['in the body of a block call whose macro ignores it', `${M}#@m(1)#m(#x)#end`],
  ['before #stop', `${M}#m(#x)#stop`],
  ['after #stop', `#stop${M}#m(#x)`],
];

const WORDS_IN_EVALUATE: Row[] = [
  ['a macro of the template', `${M}#evaluate('#m(#x)')`],
  ['a bare word', `${M}#evaluate('#m(x)')`],
  ['never run, yet refused', `${M}#evaluate('#if(false)#m(#x)#end')`],
  ['a macro defined below, refused', "#evaluate('#if(false)#m(#x)#end')#macro(m $a)[$a]#end"],
  ['a macro an earlier #evaluate defined, refused', "#evaluate('#macro(m $a)[$a]#end')#evaluate('#if(false)#m(#x)#end')"],
  ['no macro', "#evaluate('#if(false)#m(#x)#end')|#evaluate('#m(#x)')"],
  ['a macro the text defines, never run', "#evaluate('#macro(m $a)[$a]#end#if(false)#m(#x)#end')"],
  ['a macro the text defines, run', "#evaluate('#macro(m $a)[$a]#end#m(#x)')"],
  ['after an #evaluate defined the macro', "#evaluate('#macro(m $a)[$a]#end')#m(#x)"],
  ['after an #evaluate defined the macro, never run', "#evaluate('#macro(m $a)[$a]#end')a#if(false)#m(#x)#end"],
  ['printed, then refused once an #evaluate defined the macro', "a#m(#x)#evaluate('#macro(m $a)[$a]#end')b#m(#x)"],
  ['a reference to the text', `${M}#set($e = '#m(#x)')#evaluate($e)`],
  ['a block call never run, taken', `${M}#evaluate('#if(false)#@m(#x)b#end#end')`],
  ['a block call run', `${M}#evaluate('#@m(#x)b#end')`],
];

const WORDS_IN_STRINGS: Row[] = [
  ['a macro defined before', `${M}#set($s = "#m(#x)")`],
  ['never run, yet refused', `${M}#if(false)#set($s = "#m(#x)")#end`],
  ['inside an #if in the string', `${M}#set($s = "x#if(false)#m(#x)#end")`],
  ['a bare word', `${M}#set($s = "#m(x)")`],
  ['as a macro argument', `${M}#m("#m(#x)")`],
  ['as the text of #evaluate', `${M}#evaluate("#if(false)#m(#x)#end")`],
  ['a macro defined after, never run', '#if(false)#set($s = "#m(#x)")#end#macro(m $a)[$a]#end'],
  ['a macro defined after, run', '#set($s = "#m(#x)")#macro(m $a)[$a]#end'],
  ['a macro defined after, run and printed', '#set($s = "#m(#x)")#macro(m $a)[$a]#end$s'],
  ['in the body of the macro itself', '#macro(m $a)#set($s = "#m(#x)")#end'],
  ['in the body of a macro before', '#macro(n)#set($s = "#m(#x)")#end#macro(m $a)[$a]#end'],
  ['in the body of a macro after', `${M}#macro(n)#set($s = "#m(#x)")#end`],
  ['a macro the string defines', '#set($s = "#macro(m $a)[$a]#end#m(#x)")'],
  ['a macro an earlier string defines', '#set($s = "#macro(m $a)[$a]#end")#set($t = "#m(#x)")'],
  ['a macro an earlier string defines, never run', '#set($s = "#macro(m $a)[$a]#end")#if(false)#set($t = "#m(#x)")#end'],
  ['a single-quoted string, text', `${M}#set($s = 'x#m(#x)')$s`],
  ['a block call never run, taken', `${M}#set($s = "#if(false)#@m(#x)b#end#end")ok`],
  ['a block call run', `${M}#set($s = "#@m(#x)b#end")ok`],
];

const STOP_AMONG_ARGUMENTS: Row[] = [
  ['after a number', '#m(1 #stop)'],
  ['in text', 'a#m(1 #stop)b'],
  ['after a comma', '#m(1, #stop)|#m(1,#stop)|#m(1,#stop,2)'],
  ['after other values', "#m($x #stop)|#m('a' #stop)|#m([1] #stop)|#m({'a': 1} #stop)|#m($a.b(1) #stop)|#m($a[0] #stop)"],
  ['with more after it', '#m(1 #stop 2)|#m(1 #stop x)|#m(x #stop)'],
  ['right after a value', "#m(1#stop)|#m($x#stop)|#m('a'#stop)"],
  ['after words and before another', '#m(1 #stop#stop)|#m(#x #stop)|#m($#x #stop)'],
  ['a line break before the parenthesis closes', '#m(1 #stop\n) after'],
  ['and a #stop after the call', '#m(1 #stop) #stop x'],
  ['the first argument', '#m( #stop)|#m(#stop 1)|#m(#stop, 1)'],
  ['braced and block calls', '#{m}(1 #stop)|#{m} (1 #stop)|#@m(1 #stop)x#end'],
  ['a call after $ or escaped backslashes', '$#m(1 #stop) x|\\\\#m(1 #stop) x'],
  ['a blank before the parenthesis', '#m (1 #stop) x'],
  ['#break too', '#m(1 #break)|#m(1 #break 2)x'],
  ['other directive names', '#m(1 #set)|#m(1 #evaluate)|#m(1 #macro)|#m(1 #foo)'],
  ['#if, refused', '#m(1 #if)'],
  ['#end, refused', '#m(1 #end)'],
  ['#else, refused', '#m(1 #else)'],
  ['#stop(), refused', '#m(1 #stop())'],
  ['a macro defined, refused when reached', '#macro(m $a $b)[$a$b]#end#m(1 #stop)'],
  ['a macro defined after, refused when reached', '#m(1 #stop)#macro(m $a $b)[$a$b]#end'],
  ['a macro defined, never reached', '#macro(m $a $b)[$a$b]#end#if(false)#m(1 #stop)#end ok'],
  ['in a loop', '#foreach($i in [1, 2])$i#m(1 #stop)#end|#foreach($i in [1, 2])$i#m(1 #break)#end'],
  ['in an #if', '#if(true)#m(1 #stop)#end'],
  ['in a #define', '#define($d)#m(1 #stop)#end$d'],
  ['in #evaluate', "#evaluate('#m(1 #stop)')"],
  ['in #evaluate, a macro of the template', `${M}#evaluate('#if(false)#m(1 #stop)#end')`],
  ['in #evaluate, a macro the text defines', "#evaluate('#macro(m $a)[$a]#end#m(1 #stop)')"],
  ['in a double-quoted string', '#set($s = "#m(1 #stop)")$s'],
];

const STOP_IN_TEXT_AROUND_CALLS: Row[] = [
  ['in a single-quoted string', "#set($s = 'a #stop b')$s|#set($t = 'a #{stop} b')$t"],
  ['in a string among arguments', "#m('a #stop b')|#m(\"a #stop\")|#m(\"#stop\") x"],
  ['in a double-quoted string, stopping', '#set($s = "a #stop b")$s|'],
  ['after an escaped call', '\\#m(1 #stop) x'],
  ['after a call in a comment', '## #m(1\n#stop x'],
  ['after a call in a block comment', '#* #m(1 *#\n#stop x'],
  ['after a call in unparsed text', '#[[#m(1]]# #stop x'],
  ['after a parenthesis in a string', "#set($a = [1, '(' ]) #stop x"],
  ['after a parenthesis in a string among arguments', "#m('(' #stop) x"],
  ['after a call', '#m(1) #stop x'],
  ['in a string among a method\'s arguments', "#set($s = 'x')$s.replace('x', '#stop') y|$s.concat(' #stop')|${s.concat(' #{stop}')}|$!s.concat('(').concat(' #stop')|$s.substring(0, 1).concat('#stop')|$s.concat('a')#stop z"],
  ['in a string among a directive\'s arguments', "#if('#stop' == '#stop')yes#end|#foreach($i in ['#stop'])$i#end|#set($m = {'a': '#stop'})$m.a|#set($l = ['#stop'])$l"],
];

const BRACED_NAMES_AMONG_ARGUMENTS: Row[] = [
  ['#{x}', '#m(#{x})'],
  ['#{x} after a blank', '#m( #{x})'],
  ['#{x} before another', '#m(#{x} 1)'],
  ['#{x} after another', '#m(1 #{x})'],
  ['#{stop}', '#m(#{stop})'],
  ['#{stop} after another', '#m(1 #{stop})'],
  ['#{break}', '#m(#{break})'],
  ['#{break} after another', '#m(1 #{break})'],
  ['#{break} between others', '#m(1 #{break} 2)'],
  ['#{foreach}', '#m(#{foreach})'],
  ['#{if}', '#m(#{if})'],
  ['#{x}, a macro defined', `${M}#m(#{x})`],
  ['a line comment', '#m(##x)\n)'],
  ['a line comment after a blank', '#m( ##x\n)'],
  ['a block comment', '#m(#*c*#)'],
  ['a block comment, a macro defined', `${M}#m(#*c*# 1)`],
  ['unparsed text', '#m(#[[x]]#)'],
];

const BRACED_CALL_REFERENCES: Row[] = [
  ['\\$x', '#{m}(\\$x)'],
  ['any backslashes', '#{m}(\\\\$x)|#{m}(\\\\\\$x)|#{m}(\\\\\\\\$x)'],
  ['a value set', "#set($x = 'X')#{m}(\\$x)"],
  ['$!, braces, properties and calls', '#{m}(\\$!x)|#{m}(\\${x})|#{m}(\\$x.y)|#{m}(\\$x.foo(\\$y, $$z))'],
  ['among other arguments', '#{m}(\\$x $y)|#{m}($y \\$x)|#{m}( \\$x )|#{m}(\\$x,\\$y)|#{m}(\\$x\n)'],
  ['runs of $ too', '#{m}($$x)|#{m}($!$x)|#{m}($\\$x)|#{m}(\\$$x)'],
  ['a blank before the parenthesis', '#{m} (\\$x)|#{m}  ($$x)'],
  ['in lists and maps', '#{m}([\\$x])|#{m}({"a": \\$x})'],
  ['in strings, kept', "#{m}('\\$x')|#{m}(\"\\$x\")"],
  ['only in the call', '#{m}(\\$x)\\$x'],
  ['names with _', '#{m_1}(\\$x)|#{_m}(\\$x)|#_m(\\$x)'],
  ['in a loop, an #if and a #define', '#foreach($i in [1])#{m}(\\$x)#end|#if(true)#{m}($$x)#end|#define($d)#{m}(\\$x)#end$d'],
  ['in #evaluate', "#evaluate('#{m}(\\$x)|#{m}($$x)')"],
  ['a macro defined, which reads the reference', "#set($x = 'X')#macro(m $a)[$a]#end#{m}(\\$x)|#{m}(\\\\$x)|#{m}(\\$nope)|#{m}($$x)"],
];

const BRACED_STOP_AND_BREAK: Row[] = [
  ['#{stop} before a letter', 'a#{stop}b'],
  ...[' b', '\nb', '[1]', '{b}', '.b', '-b', '\\$b', '#b', '$b'].map((after): Row => [`#{stop} before ${JSON.stringify(after)}`, `a#{stop}${after}`]),
  ['#{stop} before a reference', '#{stop}$x'],
  ['#{stop} twice', 'a#{stop}#{stop}b'],
  ...['()', '(1)', ' ()'].map((after): Row => [`#{stop} before ${after}`, `a#{stop}${after}b`]),
  ['#{stop} at the end', 'a#{stop}'],
  ['#{stop}, escaped', 'a\\#{stop}b|c'],
  ['#{stop} after two backslashes', 'a\\\\#{stop}b'],
  ['#{stop} after three backslashes', 'a\\\\\\#{stop}b|c'],
  ['#{stop} after $', 'a$#{stop}b'],
  ['#{stop} misspelt', '#{stop }b|#{ stop}b|#{Stop}b|a#{stopx}b'],
  ['#{stop} in a loop', '#foreach($i in [1, 2])$i#{stop}x#end'],
  ['#{stop} in an #if', '#if(true)a#{stop}b#end'],
  ['#{stop} in a macro', '#macro(m)a#{stop}b#end#m()c'],
  ['#{stop} in a macro, after two backslashes', '#macro(m)a\\\\#{stop}b#end#m()c'],
  ['#{stop} in a #define', '#define($d)a#{stop}b#end$d c'],
  ['#{stop} in #evaluate', "#evaluate('a#{stop}b')c"],
  ['#{stop} in a double-quoted string', '#set($s = "a#{stop}b")$s c'],
  ['#{break} before a letter', 'a#{break}b'],
  ['#{break} in a loop', '#foreach($i in [1, 2])$i#{break}x#end|#foreach($i in [1, 2])$i#{break}{b}#end|#foreach($i in [1, 2])$i#{break}[b]#end'],
  ['#{break} with parentheses', '#foreach($i in [1, 2])$i#{break}()x#end|#foreach($i in [1, 2])$i#{break}($foreach)x#end'],
  ['#{break}, escaped, after two backslashes and after $', '#foreach($i in [1, 2])$i\\#{break}x#end|#foreach($i in [1, 2])$i$#{break}x#end|#foreach($i in [1, 2])$i\\\\#{break}x#end'],
  ['#{break} in an #if', '#if(true)a#{break}b#end c'],
  ['#{break} in a macro', '#macro(m)a#{break}b#end#m()c'],
  ['#{break} in a #define', '#define($d)a#{break}b#end$d c'],
  ['#{break} in #evaluate', "#evaluate('a#{break}b')c"],
];

const CALLS_AMONG_ARGUMENTS: Row[] = [
  ...[`${M}#m(#break(1))`, '#m(#break(1))', '#m(#x(1))', `${M}#m(#x(1))`, '#m(#stop(1))', '#m(#break())', '#m(#foreach(1))', '#m(#x (1))', '#m(#x\n(1))'].map((template): Row => [JSON.stringify(template), template]),
  ['#break($foreach) in a loop', '#foreach($i in [1])#m(#break($foreach))#end'],
  ['after another argument', '#m(1 #break(1))'],
  ['before another argument', '#m(#x(1) 2)'],
  ['after a comma', '#m(#x, #y(1))'],
  ['after $', '#m($#x(1))'],
  ['#@x', '#m(#@x(1))'],
  ['braced and block calls', '#{m}(#x(1))'],
  ['a block call', '#@m(#x(1))b#end'],
  ['never run', '#if(false)#m(#x(1))#end'],
  ['in a double-quoted string', '#set($s = "#m(#x(1))")'],
  ['in #evaluate', "#evaluate('#m(#x(1))')"],
  ['in a single-quoted string, text', "#m('#x(1)')"],
  ['after the call, text', '#m(#x)(1)'],
];

/** A `#name` as `#foreach`'s second argument: a word, which Foreach never reads, but for the tokens of its own. */
const WORDS_FOR_A_LOOP: Row[] = [
  ['#in', '#foreach($i #in [1])$i#end|#foreach($i #in[1])$i#end|#foreach($i\n#in\n[1])$i#end|#foreach( $i #in [1] )$i#end|#foreach ($i #in [1])$i#end|#{foreach}($i #in [1])$i#end'],
  ['any name', '#foreach($i #x [1, 2])$i#end|#foreach($i #@in [1])$i#end|#foreach($i #@ [1])$i#end|#foreach($i #_ [1])$i#end|#foreach($i #i@n [1])$i#end|#foreach($i #in1 [1])$i#end'],
  ['a directive\'s name', '#foreach($i #foreach [1])$i#end|#foreach($i #stop [1])$i#end|#foreach($i #break [1])$i#end|#foreach($i #set [1])$i#end|#foreach($i #set[1])$i#end|#foreach($i #macro [1])$i#end|#foreach($i #define [1])$i#end|#foreach($i #evaluate [1])$i#end|#foreach($i #literal [1])$i#end'],
  ['commas', '#foreach($i,#in,[1])$i#end'],
  ['a map, a string, a reference never set', "#foreach($i #in {'a': 1})$i#end|#foreach($i #in 'a')$i#end|#foreach($i #in $l)$i#end|#foreach($i #in $x.y)$i#end"],
  ['two arguments, four', '#foreach($i #in)$i#end|#foreach($i #in [1] 2)$i#end'],
  ['nested, in a macro, in a string', "#foreach($i #in [1])#foreach($j #in [2])$i$j#end#end|#macro(m)#foreach($i #in [1])$i#end#end#m()|#set($s = \"#foreach($i #in [1])$i#end\")$s"],
  ...['#foreach(#in $i [1])$i#end', '#foreach($i #in#in [1])$i#end', '#foreach($i in#in [1])$i#end', '#foreach($i #{in} [1])$i#end', '#foreach($i #if [1])$i#end', '#foreach($i #elseif [1])$i#end', '#foreach($i #end [1])$i#end', '#foreach($i #else [1])$i#end', '#foreach($i ##in [1])$i#end', '#foreach($i #in-x [1])$i#end', '#foreach($i #in.x [1])$i#end', '#foreach($i #in [1])$i#else#end'].map((template): Row => [`refused: ${JSON.stringify(template)}`, template]),
];

/** A run of `$`s that starts no reference in the body of a block call of no macro, which prints its tokens only. */
const DOLLARS_IN_A_BLOCK_CALL: Row[] = [
  ['before a blank', '#@m()b$ c#end|#@m()b$ c$ d#end|#@m()b $ #end|#@m()b$ c$#end'],
  ['runs, quiet, after backslashes', '#@m()b$$ c#end|#@m()b$! c#end|#@m()b\\$ c#end|#@m()b\\\\$ c#end|#@m()a$!!b c#end|#@m()b\\$1 c#end'],
  ['before a number, a quote, a parenthesis, a minus, a line break, a backslash', "#@m()b$1 c#end|#@m()b$'x'#end|#@m()b$)#end|#@m()b$- c#end|#@m()b$\n#end|#@m()b$\\ c#end|#@m()b$\\\\ c#end"],
  ['a # after it', '#@m()b$# c#end|#@m()b$#x c#end'],
  ['kept before what goes on with a reference', '#@m()b$.c#end|#@m()b$.5#end|#@m()b$[1] c#end|#@m()b$} c#end|#@m()b$!{ c#end|#@m()$#end|#@m()a$$b c#end'],
  ['in a block inside it, among its arguments', "#@m()#if(true)b$ c#end#end|#@m('a' $)b$ c#end|#@m('$ ')b#end"],
  ['a macro runs its body', "#macro(m)[$!bodyContent]#end#@m()b$ c#end"],
];

export const MACRO_CALL_EDGES_CASES: OracleTestCase[] = [
  ...rows('a word among the arguments of a macro', WORDS_FOR_A_MACRO),
  ...rows('a word among the arguments of a macro, reached or not', WORDS_REACHED_OR_NOT),
  ...rows('a word among the arguments of a macro in #evaluate', WORDS_IN_EVALUATE),
  ...rows('a word among the arguments of a macro in a string', WORDS_IN_STRINGS),
  ...rows('#stop among the arguments of a call', STOP_AMONG_ARGUMENTS),
  ...rows('#stop in text around calls', STOP_IN_TEXT_AROUND_CALLS),
  ...rows('braced names, comments and unparsed text as arguments', BRACED_NAMES_AMONG_ARGUMENTS),
  ...rows('an escaped reference as an argument of a braced call', BRACED_CALL_REFERENCES),
  ...rows('braced #stop and #break', BRACED_STOP_AND_BREAK),
  ...rows('a call among the arguments of a macro call', CALLS_AMONG_ARGUMENTS),
  ...rows('a word as the second argument of #foreach', WORDS_FOR_A_LOOP),
  ...rows('a $ that starts no reference in a block call of no macro', DOLLARS_IN_A_BLOCK_CALL),
];
