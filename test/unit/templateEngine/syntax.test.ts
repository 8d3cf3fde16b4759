import assert from 'node:assert/strict';
import { parse as velocityParse } from 'velocityjs';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { findStringLiterals } from '../../../server/src/template/stringLiterals';
import { fileDirectiveMessage } from '../../../server/src/template/syntax';
import { render, renderFull, withBody } from './render';

describe('checkTemplateSyntax', () => {
  it('accepts a valid template', () => {
    assert.deepEqual(checkTemplateSyntax('#set($a = 1)\n#if($a == 1)\n  ok\n#else\n  no\n#end\n$a'), []);
  });
  it('reports a parenthesis left open at the end of the template at its opening, in plain words', () => {
    assert.deepEqual(checkTemplateSyntax('line one\n#if($a'), [
      { code: 'syntax', message: '`#if(` opened at line 2 is not closed: expected `)` before the end of the template', line: 2, column: 1 },
    ]);
  });
  it('reports a parenthesis left open at the token that comes instead of `)`, naming where it was opened', () => {
    assert.deepEqual(checkTemplateSyntax('#if($a {"x": 1}\n#end'), [
      { code: 'syntax', message: '`#if(` opened at line 1 is not closed: expected `)` before `{`', line: 1, column: 8 },
    ]);
    assert.deepEqual(checkTemplateSyntax('#foreach($item in $input.path(\'$.items\')\n  $item\n#end'), [
      { code: 'syntax', message: '`#foreach(` opened at line 1 is not closed: expected `)` before `$item`', line: 2, column: 3 },
    ]);
    assert.deepEqual(checkTemplateSyntax('#set($o = $util.parseJson($input.body)\n{"a": "$o.a"}'), [
      { code: 'syntax', message: '`#set(` opened at line 1 is not closed: expected `)` before `{`', line: 2, column: 1 },
    ]);
    assert.deepEqual(checkTemplateSyntax('#if($a)\r\n#set($b = 1\r\n#end'), [
      { code: 'syntax', message: '`#set(` opened at line 2 is not closed: expected `)` before `#end`', line: 3, column: 1 },
    ]);
  });
  it('names an unclosed method call, list or map as written', () => {
    assert.deepEqual(checkTemplateSyntax('{"a": $input.path("$.a"}'), [
      { code: 'syntax', message: '`$input.path(` opened at line 1 is not closed: expected `)` before `}`', line: 1, column: 24 },
    ]);
    assert.deepEqual(checkTemplateSyntax('#set($a = [1, 2)')[0].message, '`[` opened at line 1 is not closed: expected `]` before `)`');
    assert.deepEqual(checkTemplateSyntax('#set($a = {"k": 1)')[0].message, '`{` opened at line 1 is not closed: expected `}` before `)`');
    assert.deepEqual(checkTemplateSyntax("$util.escapeJavaScript($input.path('$.a')).replaceAll(\"x\", \"y\"")[0].message,
      '`$util….replaceAll(` opened at line 1 is not closed: expected `)` before the end of the template');
  });
  it('never shows the parser\'s token names', () => {
    for (const template of ['#if($a {"x": 1}', '#set($a = )', '#set($a 1)', '#foreach($x)#end', '#foreach($x in x)#end', '${a', '$a.b(1,)', '#if($a $b)x#end', '#set($m = {"a": 1, "b"})', '#if $a\nx#end']) {
      const [problem] = checkTemplateSyntax(template);
      assert.equal(problem.code, 'syntax', template);
      assert.doesNotMatch(problem.message, /[A-Z]{2,}_[A-Z]|'(?:DOLLAR|EOF|CONTENT|INTEGER)'/, template);
    }
  });
  it('says what a directive or call expected at a token that does not fit, with the directive\'s form', () => {
    assert.deepEqual(checkTemplateSyntax('#if($a == )x#end'), [
      { code: 'syntax', message: 'Unexpected `)` in `#if(` opened at line 1: expected a value; write `#if(condition)`', line: 1, column: 11 },
    ]);
    assert.equal(checkTemplateSyntax('#foreach($x)#end')[0].message, 'Unexpected `)` in `#foreach(` opened at line 1: expected `in`; write `#foreach($item in $list)`');
    assert.equal(checkTemplateSyntax('#set($a 1)')[0].message, 'Unexpected `1` in `#set(` opened at line 1; write `#set($name = value)`');
    assert.equal(checkTemplateSyntax('#if($a $b)x#end')[0].message, 'Unexpected `$b` in `#if(` opened at line 1: expected `)` or an operator; write `#if(condition)`');
    assert.equal(checkTemplateSyntax('$a.b(1,)')[0].message, 'Unexpected `)` in `$a.b(` opened at line 1: expected a value');
    assert.equal(checkTemplateSyntax('#set($x = 1)\n$input.path({"k": "v"},')[0].message,
      '`$input.path(` opened at line 2 is not closed: expected a value, then `)`, before the end of the template');
    assert.equal(checkTemplateSyntax('#if(\n#end')[0].message, '`#if(` is incomplete: write `#if(condition)`');
    assert.deepEqual(checkTemplateSyntax('#set $a = 1'), [
      { code: 'set-as-text', message: '`#set` must be followed by `(`: write `#set($name = value)`; found `$a`', line: 1, column: 1 },
    ]);
  });
  it('reads a `#` between two references as text, as in the composite keys of DynamoDB templates', () => {
    const template = '{"PK": {"S": "TENANT#$input.params(\'tenant\')"}, "SK": {"S": "$input.params(\'type\')#$input.params(\'id\')"}}';
    assert.deepEqual(checkTemplateSyntax(template), []);
    assert.equal(render(template, { params: { path: { tenant: 't1', type: 'ORDER', id: '42' } } }), '{"PK": {"S": "TENANT#t1"}, "SK": {"S": "ORDER#42"}}');
  });
  it('says that a #macro names no macro, or names it with something other than a word, just after `#macro`', () => {
    assert.deepEqual(checkTemplateSyntax('x\n#macro( )M#end'), [
      { code: 'syntax', message: '`#macro(` names no macro: its first argument is the macro\'s name; write `#macro(name $parameter)`', line: 2, column: 7 },
    ]);
    assert.deepEqual(checkTemplateSyntax('#macro($name $a)M#end'), [
      { code: 'syntax', message: 'The first argument of `#macro(` is the macro\'s name, a plain word, not `$name`; write `#macro(name $parameter)`', line: 1, column: 7 },
    ]);
    assert.deepEqual(checkTemplateSyntax('#macro(m 1)M#end'), [], 'later arguments may be any value, as in Velocity');
  });
  it('reports a string literal that is never closed at its opening quote', () => {
    assert.deepEqual(checkTemplateSyntax('#set($a = "abc)\n$a'), [
      { code: 'syntax', message: 'The string opened at line 1 is not closed: add the closing `"` (a quote inside it is written twice, `""`)', line: 1, column: 11 },
    ]);
    assert.equal(checkTemplateSyntax("$util.urlEncode('a b)")[0].column, 17);
  });
  it('points out a string that runs across lines when a parenthesis is left open after it', () => {
    assert.equal(checkTemplateSyntax('#set($a = "x\n{"k": 1}\n')[0].message,
      '`#set(` opened at line 1 is not closed: expected `)` before `k` (the string at line 1 runs on to line 2: is its closing quote missing?)');
  });
  it('reports a block without #end at the block, naming it and its line', () => {
    assert.deepEqual(checkTemplateSyntax('a\n  #foreach($x in $list)\n$x'), [
      { code: 'missing-end', message: '`#foreach` opened at line 2 is not closed: add `#end` where its body ends', line: 2, column: 3 },
    ]);
    assert.equal(checkTemplateSyntax('#@m()x')[0].message, '`#@m` opened at line 1 is not closed: add `#end` where its body ends');
  });
  it('reports an #end without a block', () => {
    assert.deepEqual(checkTemplateSyntax('#if($a)x#end\n#end'), [
      { code: 'unmatched-end', message: '#end without a matching #if, #foreach, #macro or #define', line: 2, column: 1 },
    ]);
  });
  it('reports #else and #elseif outside an #if, which Velocity 1.7 does not parse', () => {
    assert.deepEqual(checkTemplateSyntax('a\n#else\nb'), [{ code: 'unmatched-else', message: '`#else` without a matching `#if`', line: 2, column: 1 }]);
    assert.deepEqual(checkTemplateSyntax('#if($a)#foreach($x in $l)$x#elseif($b)#end#end'), [
      { code: 'unmatched-else', message: '`#elseif` without a matching `#if`; the innermost open block is the `#foreach` opened at line 1', line: 1, column: 28 },
    ]);
    assert.equal(renderFull('a#{else}b').output, '');
  });
  it('reports a branch after the #else of an #if', () => {
    assert.deepEqual(checkTemplateSyntax('#if($a)\nx\n#else\ny\n#elseif($b)\nz\n#end'), [
      { code: 'unmatched-else', message: '`#elseif` after the `#else` at line 3: `#else` must be the last branch of the `#if` opened at line 1', line: 5, column: 1 },
    ]);
    assert.equal(checkTemplateSyntax('#if($a)x#else y#{else}z#end')[0].code, 'unmatched-else');
    assert.deepEqual(checkTemplateSyntax('#if($a)x#elseif($b)y#elseif($c)z#else w#end #if($d)#else#end'), []);
    assert.deepEqual(checkTemplateSyntax('#elsewhere #endless \\#else ## #else\n#* #elseif( *#'), []);
  });
  it('ignores directives inside comments', () => {
    assert.deepEqual(checkTemplateSyntax('## #if(\n#* #foreach( *#x'), []);
  });
  it('reads no directive inside a single-quoted string, which Velocity never parses as template text', () => {
    assert.deepEqual(checkTemplateSyntax("#set($a = '#else')$a"), []);
    assert.equal(render("#set($a = '#else')$a"), '#else');
    assert.deepEqual(checkTemplateSyntax("#set($a = '#end')$a"), []);
    assert.equal(render("#set($a = '#end')$a"), '#end');
    assert.deepEqual(checkTemplateSyntax("$input.path('$.a').replace('#end','')"), []);
    assert.equal(render("$input.path('$.a').replace('#end','')", withBody({ a: 'x#end' })), 'x');
    assert.deepEqual(checkTemplateSyntax("#set($a = '#if(')$a"), []);
  });
  it('still pairs the blocks around a string with directive text inside', () => {
    // Quotes in plain text are text: the `#end` between them closes the `#if`.
    assert.equal(render("#if(true)#set($b = '##')$b#end|#if(true)'#end'"), "##|''");
    assert.equal(render("#@m('#end')x#end|"), "#@m('#end')x#end|");
    assert.deepEqual(checkTemplateSyntax("#set($a = '#end')\n#end"), [
      { code: 'unmatched-end', message: '#end without a matching #if, #foreach, #macro or #define', line: 2, column: 1 },
    ]);
    assert.equal(checkTemplateSyntax("#if($a)#set($b = '#end')\n#end#end")[0].code, 'unmatched-end');
  });
  it('finds a missing #end even when the directives inside string literals happen to balance it', () => {
    const missing = (template: string, line = 1, column = 1) => {
      const problems = checkTemplateSyntax(template);
      assert.deepEqual(problems.map((p) => [p.code, p.line, p.column]), [['missing-end', line, column]], template);
    };
    missing("#if(true)#set($b = '#end')x");
    missing('#if(true)#set($b = "#end")x');
    missing("#foreach($i in $l)#set($b = '#{end}')$i");
    missing("#set($a = '#if(true)x#end')#if(true)x", 1, 28);
    missing("#if($a == '#end')x");
    missing("x\n  #if(true)$a.replace('#end', \"#end\")x", 2, 3);
    missing("#if(true)#set($l = ['#end', '#end'])#set($m = {'#end': '#end'})x");
    missing("#if(true)$a['#end']$b.c('#end', '#else')x");
    missing("#if(true)#set($b = 'it''s #end')x");
    missing("#if(true)#set($b = '\n#end\n')x");
    missing("#if(true)#stop#set($b = '#end')x");
    missing("#macro(m $p)#set($b = '#end')$p");
    missing("#define($d)#set($b = '#end')x");
    missing("#if(true)#evaluate('#end')x");
  });
  it('pairs the real directives around string literals that hold directives of any kind', () => {
    for (const template of [
      "#if(true)#set($b = '#end')x#end",
      "#if($a)#set($b = '#else')#elseif($c)#set($b = '#elseif(')#else#set($b = '#end#end')#end",
      "#foreach($i in ['#if(', '#foreach(', '#macro(', '#define(', '#@m(', '#{end}'])$i#end",
      "#if(true)#set($a = '##')#set($b = '#*')x#end#* '#end' *#",
      "#if(true)#set($b = 'it''s #end')x#end",
      "#if(true)#set($b = 'say ''#end''')x#end",
    ]) {
      assert.deepEqual(checkTemplateSyntax(template), [], template);
    }
    // Quotes in plain text start no literal, so a directive between them counts.
    assert.deepEqual(checkTemplateSyntax("#if(true)'#end'"), []);
    assert.equal(checkTemplateSyntax("#if(true)'#end'#end")[0].code, 'unmatched-end');
  });
  it('parses the text of a double-quoted string as Velocity does when the template loads, run or not', () => {
    for (const template of ['#set($a = "#end")$a', '#if(false)#set($a = "x#end")#end']) {
      const [problem] = checkTemplateSyntax(template);
      assert.equal(problem.code, 'syntax', template);
      assert.match(problem.message, /^Velocity parses a double-quoted string as template text when the template loads, and this one does not parse: #end without a matching #if/);
      assert.equal(renderFull(template).errors[0].code, 'syntax');
    }
  });
  it('renderTemplate reports the same errors and renders nothing', () => {
    const result = renderFull('#if($a)');
    assert.equal(result.output, '');
    assert.equal(result.errors[0].code, 'missing-end');
  });
});

describe('method-call arguments as Velocity 1.7 reads them', () => {
  // Velocity 1.7 (Parser.jjt): a `(` right after `$ref.name` is the LPAREN of a call, and inside it only blanks, values,
  // `,` and `)` are tokens. Each refused form below was checked against velocity-1.7.jar (a lexical or parse error).
  it('refuses `$input.params(\\"data\\")`, whose YAML scalar kept the backslashes, at the backslash and in plain words', () => {
    assert.deepEqual(checkTemplateSyntax('$input.params(\\"data\\")'), [
      {
        code: 'syntax',
        message:
          'The argument list of `$input.params(` is not valid: `\\"` is not how to quote in a template, since Velocity strings have no backslash escapes; write `"data"` without the backslashes (backslashes that a YAML or JSON string keeps are part of the template)',
        line: 1,
        column: 15,
      },
    ]);
    const result = renderFull('{"data": $input.params(\\"data\\")}', { params: { querystring: { data: 'x' } } });
    assert.equal(result.output, '');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['syntax', 1, 24]]);
  });

  it('refuses the same argument list wherever the call stands: in a directive, braces, after an index, a call or an escape', () => {
    for (const [template, column] of [
      ['#set($q = $input.params(\\"x\\"))', 25],
      ['#if($a.b(\\"x\\") == 1)y#end', 10],
      ['${input.params(\\"x\\")}', 16],
      ['$!a.b(\\"x\\")', 7],
      ['$a.b[0](\\"x\\")', 9],
      ['$a.b("x").c(\\"y\\")', 13],
      ['$a.b.c(\\"x\\")', 8],
      ["$a.b(\\'x\\')", 6],
      ['\\$a.b(\\"x\\")', 7],
    ] as Array<[string, number]>) {
      const [problem] = checkTemplateSyntax(template);
      assert.equal(problem?.code, 'syntax', template);
      assert.equal(problem.column, column, template);
      assert.match(problem.message, /^The argument list of `[^`]+\(` is not valid: `\\["']` is not how to quote in a template/, template);
      assert.equal(renderFull(template).errors[0]?.code, 'syntax', template);
    }
  });

  it('refuses other argument lists Velocity cannot read, saying what is wrong and where', () => {
    const cases: Array<[string, RegExp, number]> = [
      ['$a.b(+1)', /^The argument list of `\$a\.b\(` is not valid: Velocity cannot read `\+` there, .* \(or `\$\{a\.b\}\(` for a parenthesis as text\)$/, 6],
      ['$a.b(]', /cannot read `\]` there/, 6],
      ['$a.b( ;x)', /cannot read `;` there/, 7],
      ['$a.b( )', /^`\$a\.b\( \)` has only blanks between its parentheses, .*: write `\$a\.b\(\)`$/, 5],
      ['#set($x = $a.b( ))', /^`\$a\.b\( \)` has only blanks/, 15],
      ['line\n$a.b( ', /^`\$a\.b\(` opened at line 2 is not closed: expected a value, then `\)`, before the end of the template/, 5],
      ['$a.b(\u00a0"x")', /^Velocity cannot read the non-breaking space \(U\+00A0\) in `\$a\.b\(` opened at line 1: only spaces, tabs and line breaks/, 6],
      ['#if(\ftrue)y#end', /^Velocity cannot read the form feed \(U\+000C\) in `#if\(`/, 5],
      ['#set($m = {"k":\u00a01})', /non-breaking space .* in `\{`/, 16],
    ];
    for (const [template, message, column] of cases) {
      const [problem] = checkTemplateSyntax(template);
      assert.equal(problem?.code, 'syntax', template);
      assert.match(problem.message, message, template);
      assert.equal(problem.column, column, template);
    }
  });

  it('reports the first problem Velocity meets, before a later one the parser finds', () => {
    assert.deepEqual(checkTemplateSyntax('$input.params(\\"x\\")\n#if($a').map((p) => [p.line, p.column]), [[1, 15]]);
    // Velocity 1.7 stops at `$input` here, where the `#if(` should have been closed.
    assert.deepEqual(checkTemplateSyntax('#if($a\n$input.params(\\"x\\")').map((p) => [p.line, p.column]), [[2, 1]]);
    assert.deepEqual(checkTemplateSyntax('$input.params(\\"x\\")\n#if($a)').map((p) => [p.code, p.line]), [['syntax', 1]]);
  });

  it('accepts the argument lists and parentheses Velocity reads', () => {
    const request = { params: { querystring: { q: 'Q' } } };
    for (const [template, output] of [
      ['$input.params("q")|$input.params(\'q\')|$input.params(  "q"  )', 'Q|Q|Q'],
      ['$input.params(\n  "q"\n)|$input.params(\t"q")', 'Q|Q'],
      ['#set($m = {"k": [1, 2]})$m.get("k").get(0)|$m.get( "k" ).size()', '1|2'],
      ['#set($s = "a-b-c")$s.replace("-", $input.params("q"))|$s.substring(1, 3)', 'aQbQc|-b'],
      ['#set($l = [1, 2])$l.addAll([3, 4])$l|#set($m = {})$m.put("k", {"n": true})$m', 'true[1, 2, 3, 4]|{k={n=true}}'],
      ['$!{input.params("q")}|${input.params("q")}', 'Q|Q'],
      ['#set($a = $input.params("q").toLowerCase())$a|#set($b = $a.concat("x", 1))$b', 'q|'],
      ['$input.params("q").length()|$input.params("q").isEmpty()', '1|false'],
      ['#set($name = "N")$name (not a call)|$name.length() (x)|${name}(x)', 'N (not a call)|1 (x)|N(x)'],
      ['$input.params() (text)|$input.params', '{path={}, querystring={q=Q}, header={}} (text)|{}'],
      ['\\$a.b("x") and \\$a.b(\'y\')', '\\$a.b("x") and \\$a.b(\'y\')'],
      ['$input.params("q")(\\"x\\")|$input.params("q")[0]', 'Q(\\"x\\")|'],
      ['## $a.b(\\"x\\")\n#* $a.b(+1) *#ok', 'ok'],
      ['text $input.params(', 'text {}('],
    ] as Array<[string, string]>) {
      assert.deepEqual(checkTemplateSyntax(template), [], template);
      assert.equal(renderFull(template, request).output, output, template);
    }
  });
});

describe('string literals as Velocity 1.7 reads them', () => {
  it('a doubled quote inside a string of that quote is a literal quote', () => {
    assert.equal(render('#set($s = "say ""hi""")$s|#set($t = \'it\'\'s\')$t|#set($u = """")$u|#set($v = "it\'\'s")$v'), 'say "hi"|it\'s|"|it\'\'s');
  });

  it('doubled quotes work in method arguments, indexes and map keys', () => {
    assert.equal(render('$input.path(\'$.a\').replace("""", \'\'\'\')|#set($m = {"x""y": 1})$m|$m["x""y"]', withBody({ a: 'q"q' })), "q'q|{x\"y=1}|1");
  });

  it('a double-quoted string decodes \\uXXXX escapes; a single-quoted one keeps them', () => {
    assert.equal(render('#set($s = "\\u00e9t\\u00E9")$s|#set($t = \'\\u00e9\')$t|#set($m = {"\\u0041": 1})$m'), 'été|\\u00e9|{A=1}');
  });

  it('a backslash is an ordinary character, one before the closing quote included', () => {
    assert.equal(render('#set($p = "C:\\")$p|#set($q = \'a\\\')$q'), 'C:\\|a\\');
    assert.equal(render('$input.path(\'$.p\').replaceAll("\\\\", "/")|$input.path(\'$.p\').replace("\\", "|")', withBody({ p: 'a\\b' })), 'a/b|a|b');
  });

  it('the documented escapeJavaScript repair .replaceAll("\\\\\'","\'") still reads \\\\\' as a regex for \\\'', () => {
    assert.equal(render('$util.escapeJavaScript($input.path(\'$.a\')).replaceAll("\\\\\'","\'")', withBody({ a: "it's" })), "it's");
  });

  it('an interpolated string is parsed after its quotes are undoubled', () => {
    assert.equal(render('#set($a = "A")#set($q = "say ""$a"" #if($a == ""A"")yes#end")$q'), 'say "A" yes');
  });

  it('\\" does not escape a quote: the syntax check says so at the backslash, for either quote', () => {
    for (const [template, column, advice] of [
      ['#set($s = "a\\"b")$s', 13, /write "" for a double quote inside "…"/],
      ['$util.parseJson("{\\"a\\":1}")', 19, /write "" for a double quote/],
      ["#set($s = 'it\\'s')", 14, /write '' for a single quote inside '…'/],
    ] as Array<[string, number, RegExp]>) {
      const [problem] = checkTemplateSyntax(template);
      assert.equal(problem.code, 'syntax', template);
      assert.equal(problem.line, 1);
      assert.equal(problem.column, column, template);
      assert.match(problem.message, /^Velocity strings have no backslash escapes: /);
      assert.match(problem.message, advice);
      assert.equal(renderFull(template).output, '');
    }
  });

  it('\\u without four hexadecimal digits in a double-quoted string is a syntax error', () => {
    assert.deepEqual(checkTemplateSyntax('#set($p = "C:\\users")'), [
      {
        code: 'syntax',
        message: 'A double-quoted string reads \\u as the start of a \\uXXXX escape, and four hexadecimal digits must follow; write the backslash in a single-quoted string instead',
        line: 1,
        column: 14,
      },
    ]);
    assert.deepEqual(checkTemplateSyntax("#set($p = 'C:\\users')"), []);
  });

  it('quotes in plain text are text', () => {
    assert.equal(render('"a""b" \'c\'\'d\' "e\\"f" \\u00e9'), '"a""b" \'c\'\'d\' "e\\"f" \\u00e9');
  });

  it('finds the string literals velocityjs\'s lexer finds, so that the rewritten text parses to the same tree', () => {
    const fragments = [
      '$a', '$!a', '${a}', '$a.b("x")', "$a.b('x', $c)", '$a["k"]', "$a['k']", '#set($x = "s")', "#set($x = 's')", '#if("a" == $b)',
      '#end', '#foreach($i in ["a", \'b\'])', '"', "'", '(', ')', '[', ']', '{', '}', ' ', '\n', 'text', '\\', '\\$', '\\#', '##c\n',
      '#*c*#', '#', '$', '#m("x")', '{"k": "v"}', ',', ':', '#{end}', '#else', '$a.b(', '"$x"', "'#'", '#@m("q")', '[1..2]',
    ];
    let seed = 20_240_611;
    const next = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    let compared = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      for (let f = 1 + Math.floor(next() * 10); f > 0; f--) text += fragments[Math.floor(next() * fragments.length)];
      let tree: unknown;
      try {
        tree = velocityParse(text, undefined, false);
      } catch {
        continue;
      }
      // Blanking each literal found must leave everything else alone, and no literal may be missed.
      const literals = findStringLiterals(text);
      let blanked = '';
      let copied = 0;
      for (const { start, end } of literals) {
        blanked += text.slice(copied, start + 1) + text.slice(start + 1, end - 1).replace(/[^\r\n]/g, 'x');
        copied = end - 1;
      }
      blanked += text.slice(copied);
      assert.equal(shape(velocityParse(blanked, undefined, false)), shape(tree), text);
      assert.ok(stringCount(tree) <= literals.length, text);
      compared++;
    }
    assert.ok(compared > 10_000, `only ${compared} templates compared`);
  });
});

/** A velocityjs tree with string values blanked, for comparing structure. */
function shape(tree: unknown): string {
  return JSON.stringify(tree, (key, value) => {
    if (key === 'value' && typeof value === 'string') return 'S';
    if (value && typeof value === 'object' && !Array.isArray(value) && value.type === 'map') return { ...value, value: Object.values(value.value ?? {}) };
    return value;
  });
}

/** String nodes and map keys of a velocityjs tree (which repeats shared nodes when blocks do not match). */
function stringCount(tree: unknown): number {
  const seen = new Set<unknown>();
  let count = 0;
  JSON.stringify(tree, (_key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && !seen.has(value)) {
      seen.add(value);
      if (value.type === 'string') count++;
      if (value.type === 'map') count += Object.keys(value.value ?? {}).length;
    }
    return value;
  });
  return count;
}

describe('white space around directives as Velocity 1.7 handles it', () => {
  it('#set takes the blanks before it when only blanks separate it from the previous directive or the start', () => {
    assert.equal(render('  #set($a = 1)\n#if(true)\n    #set($b = 2)\n\t#set($c = 3)\n$a$b$c\n#end\n  #set($d = 4)\nx'), '123\nx');
    assert.equal(render('$a  #set($b = 1)B|#* c *#  #set($b = 1)B|## c\n  #set($b = 1)B'), 'B|B|B');
  });

  it('#set keeps the indentation that follows other text on its line or the lines before', () => {
    assert.equal(render('[\n    #set($a = 1)\n    X$a\n]'), '[\n        X1\n]');
    assert.equal(render('#set($a = 1)D$a\n\t#set($b = 2)\nE$b'), 'D1\n\tE2');
  });

  it('#set, #if, #else and #end take the rest of their line, \\r\\n and \\r line ends included', () => {
    assert.equal(render('#set($a = 1)  \r\nA\r\n#if(true)\rB\r\n#else  \nC\n#end\t\r\nD'), 'A\r\nB\r\nD');
  });

  it('reads a `#` and a digit right after a reference as text, as Velocity does', () => {
    assert.equal(render('#set($x = 5)Item $x#1, $!x#2, $x.toString()#3'), 'Item 5#1, 5#2, 5#3');
    assert.deepEqual(checkTemplateSyntax('Order $input.params("id")#2'), []);
  });

  it('#end takes the blanks and line end after it when a reference stands right before it', () => {
    assert.equal(render('#set($k = 1)#if(true)$k#end \nz'), '1z');
    assert.equal(render('#foreach($k in [1, 2])$k#end\t\r\nz'), '12z');
    assert.equal(render('#set($k = 1)#if(true)$k#end \n  z'), '1  z');
  });

  it('a block comment keeps the line end after it; a line comment takes it', () => {
    assert.equal(render('A\n  #* note *#\nB\n  ## note\nC'), 'A\n  \nB\n  C');
  });
});

describe('directives API Gateway cannot run', () => {
  it('the syntax check reports #include and #parse at the directive', () => {
    assert.deepEqual(checkTemplateSyntax('a\n  #include("x.vtl")\n#parse("y.vtl")'), [
      { code: 'unsupported-directive', message: fileDirectiveMessage('include'), line: 2, column: 3 },
      { code: 'unsupported-directive', message: fileDirectiveMessage('parse'), line: 3, column: 1 },
    ]);
  });
});
