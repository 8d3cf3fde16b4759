import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { dropArgumentHashes } from '../../../server/src/template/argumentHashes';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render } from './render';

const S = "#set($a = 's')#set($b = 't')";

describe('a # among arguments that starts no token', () => {
  it('reads as without it among a method call\'s arguments, a run of two too', () => {
    assert.equal(render(`${S}$a.concat(#'x')|$a.concat(#"x")|$a.concat(#$b)|$a.concat(#\\$b)|$a.concat('x'#)|$a.concat(##'x')|$a.concat('x' #)`), 'sx|sx|st|st|sx|sx|sx');
    assert.equal(render(`${S}a$a.concat(#)b|$a.replace('s'#, 't')|$a.replace('s',#'u')`), 'ab|t|u');
    assert.equal(render("#set($l = [])$l.add(#[1])$l.add([#'x'])$l.add([#])$l.add({'k'#: 1})$l.add([1#..2])$l"), 'truetruetruetruetrue[[1], [x], [], {k=1}, [1, 2]]');
  });

  it('reads as without it among a directive\'s arguments, before an operator or parenthesis too', () => {
    assert.equal(render("#set($x = #'y')$x|#set($y = 1 #+ 2)$y|#if(#!false)n#end|#set($z = #(1))$z|#foreach($i in #[1, 2])$i#end"), 'y|3|n|1|12');
    assert.equal(render("#macro(m $v $w)[$v|$w]#end#m('a'#'b')|#m('a' #, 'b')|#m(#'x')"), '[a|b]|[a|b]|[x|]');
  });

  it('prints as written in an escaped reference but before a reference, and not at all in a call of no macro', () => {
    assert.equal(render(`${S}\\$a.concat(#'x')|\\$a.concat(#$b)|\\$nope.concat(#)`), "$a.concat(#'x')|$a.concat($b)|\\$nope.concat(#)");
    assert.equal(render("#m(#'x')|#m('a' #)|#@m(#$x)b#end"), "#m('x')|#m('a' )|#@m($x)b#end");
  });

  it('is a syntax error at the `#` between two blanks, which Velocity reads as two separators in a row', () => {
    const cases: Array<[string, number]> = [
      [`${S}$a.concat( # 'x')`, 40],
      ['#set($x = 1 # + 2)', 13],
      ["#macro(m $v $w)[$v]#end#m('a' # 'b')", 31],
      ['#set($x = [1, # 2])', 15],
    ];
    for (const [template, column] of cases) {
      const problems = checkTemplateSyntax(template);
      assert.deepEqual(problems.map((p) => [p.code, p.column]), [['syntax', column]], template);
      assert.match(problems[0].message, /two separators in a row/);
      assert.equal(isCertainlyValidTemplate(template), false, template);
    }
    // Between the parentheses alone they leave the blank, which Velocity reads as an argument to come.
    assert.match(checkTemplateSyntax(`${S}$a.concat(# )`)[0].message, /only blanks between its parentheses/);
  });

  it('starts a comment where a second one follows among a directive\'s arguments, or a third elsewhere', () => {
    assert.notDeepEqual(checkTemplateSyntax("#set($x = ##'y')"), []);
    assert.equal(render(`${S}$a.concat(###'x')b`), '(');
  });

  it('is left where a name, number, comment or unparsed text follows, or a backslash or `$` comes before', () => {
    for (const text of ['$a.b(#x)', '$a.b(#1)', '$a.b(#-1)', '$a.b(#*c*#)', '$a.b(#[[x]]#)', '$a.b(#{x})', '$a.b(\\#"x")', '$a.b($#x)', "$a.b('#)')", "## $a.b(#'x')", '#[[$a.b(#)]]#', '$a.b (#)']) {
      assert.equal(dropArgumentHashes(text)?.text ?? text, text, text);
    }
  });

  it('keeps every offset: a blank for each skipped `#`, the `]` moved onto the `#` in `[#]`', () => {
    assert.deepEqual(dropArgumentHashes("$a.b(#'x', [#], 1 # )"), { text: "$a.b( 'x', [] , 1   )", between: 18 });
    assert.equal(dropArgumentHashes('no hash at all'), undefined);
  });

  it('is a blank in an index written in text, as among a method call\'s arguments', () => {
    assert.equal(render("#set($m = {'a': {'b': 'cd'}})$m[#'a'].b|$m[##'a'].b|$m['a'#].b|${m[#'a']}.size()|$m.get('a')[#'b']|$m[#'a'][#'b'].length()"), 'cd|cd|cd|{b=cd}.size()|cd|2');
    assert.equal(dropArgumentHashes("x $m[#'a'] ## $m[#'b']")?.text, "x $m[ 'a'] ## $m[#'b']");
    // An escaped reference prints it as written.
    assert.equal(render("#set($m = {'a': 1})\\$m[#'a']"), "$m[#'a']");
  });

  it('leaves the parenthesis text when a call follows it right after the `(` the template ends in', () => {
    assert.equal(render(`${S}a$a.concat(#x()`), 'a(#x()');
    assert.equal(render(`#macro(x)X#end${S}a$a.concat(#x('y')b`), 'a(Xb');
    assert.equal(render(`${S}a$a.concat(#x()#stop`), 'a(#x()');
    assert.notDeepEqual(checkTemplateSyntax(`${S}a$a.concat(#x()(`), []);
  });
});

describe('a $ among arguments that starts no reference', () => {
  it('reads as without it, with the backslashes before it and a `!` after it', () => {
    assert.equal(render(`${S}x$a.concat($)y|$a.concat('x'$)|$a.concat($'x')|$a.concat(\\$'x')|$a.concat($!'x')|$a.concat($$)|$a.concat($1)`), 'xy|sx|sx|sx|sx||');
    assert.equal(render(`${S}$a.concat(#$)|$a.concat($#)|$a.concat($#'x')|$a.replace('s'$,'t')|$a.concat($ 'x')`), '||sx|t|sx');
    assert.equal(render("#set($x = $'y')$x|#set($y = 1 $+ 2)$y|#if($'a' == 'a')Y#end|#macro(m $v)[$v]#end#m($)|#m($'a')"), 'y|3|Y|[]|[a]');
  });

  it('prints in an escaped reference, not in a call of no macro', () => {
    assert.equal(render(`${S}\\$a.concat($)|#nomac($)|#nomac('a'$)`), '\\$a.concat($)|#nomac()|#nomac(\'a\')');
  });

  it('still fails where what is left fails, or where the lexer reads on after it', () => {
    for (const template of [`${S}$a.concat('a', $)`, `${S}$a.concat($, 'a')`, `${S}$a.concat( $)`, `${S}$a.concat($[1])`, `${S}$a.concat($('a'))`, `${S}$a.concat($.x)`, `${S}$a.concat($%)`, '#set($x = $)']) {
      assert.notDeepEqual(checkTemplateSyntax(template), [], template);
    }
    assert.match(checkTemplateSyntax(`${S}$a.concat($, 'a')`)[0].message, /skips a `\$` that starts no reference/);
  });

  it('keeps every offset, and leaves the `$` of a reference and of a string', () => {
    assert.deepEqual(dropArgumentHashes("$a.b(\\$'x', $)"), { text: "$a.b(  'x',  )", between: undefined });
    for (const text of ["$a.b($c)", "$a.b($$c)", "$input.path('$')", '$a.b("$ ")', '$a.b($!{c})', 'a $ b']) assert.equal(dropArgumentHashes(text)?.text ?? text, text, text);
  });
});
