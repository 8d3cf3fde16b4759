import assert from 'node:assert/strict';
import { validateStandaloneTemplate } from '../../../server/src/services/templates/templateValidation';
import { scanTemplate } from '../../../server/src/services/templates/templateScanner';

const VARIABLE_CODES = new Set(['template-undefined-variable', 'template-loop-variable-outside-loop']);

/** The variable findings of a template file as `code: covered text` pairs. */
function variableFindings(template: string, fileName = 'request.vtl'): string[] {
  return validateStandaloneTemplate(template, fileName)
    .filter((p) => VARIABLE_CODES.has(p.code))
    .map((p) => `${p.code}: ${template.slice(p.offset, p.end)}`);
}

function messages(template: string, fileName = 'request.vtl'): string[] {
  return validateStandaloneTemplate(template, fileName).filter((p) => VARIABLE_CODES.has(p.code)).map((p) => p.message);
}

/** AWS's Kinesis PutRecords template as its export has it: the `#foreach` around the record is gone. */
const KINESIS_WITHOUT_LOOP = [
  '{',
  '    "StreamName": "$input.params(\'stream-name\')",',
  '    "Records": [',
  '          {',
  '            "Data": "$util.base64Encode($elem.data)",',
  '            "PartitionKey": "$elem.partition-key"',
  '          }#if($foreach.hasNext),#end',
  '    ]',
  '}',
].join('\n');

describe('variables a template never sets', () => {
  it('warns once, at its first use, about a variable that nothing in the template sets', () => {
    assert.deepEqual(variableFindings(KINESIS_WITHOUT_LOOP), [
      'template-undefined-variable: $elem',
      'template-loop-variable-outside-loop: $foreach',
    ]);
    const elem = validateStandaloneTemplate(KINESIS_WITHOUT_LOOP, 'request.vtl').find((p) => p.code === 'template-undefined-variable')!;
    assert.equal(elem.offset, KINESIS_WITHOUT_LOOP.indexOf('$elem.data'));
  });

  it('says that a variable used in the output renders as empty', () => {
    assert.deepEqual(messages('{"id": "$item.id", "again": "$item"}'), [
      '`$item` is never set in this template (no #set or #foreach defines it) and renders as empty.',
    ]);
  });

  it('says that a variable read inside a directive or a call is null there', () => {
    assert.deepEqual(messages('$util.base64Encode($elem.data)'), ['`$elem` is never set in this template (no #set or #foreach defines it), so it is null here.']);
  });

  it('finds nothing once the #foreach that sets the loop variable is there', () => {
    const fixed = KINESIS_WITHOUT_LOOP.replace('          {', "       #foreach($elem in $input.path('$.records'))\n          {").replace('#if($foreach.hasNext),#end', '#if($foreach.hasNext),#end\n       #end');
    assert.deepEqual(variableFindings(fixed), []);
  });

  it('counts #set targets, #foreach variables and #define names as set wherever they stand, #macro parameters in their macro', () => {
    const template = [
      "#foreach($item in $input.path('$.items'))",
      '  #if($foreach.index > 0)$previous,#end',
      '  #set($previous = $item.id)',
      '#end',
      '#macro(show $label $value)$label=$value#end#show("a", $previous)',
      '#define($block)b#end$block',
    ].join('\n');
    assert.deepEqual(variableFindings(template), []);
  });

  it('warns about a #macro parameter used outside its macro, and not about its uses inside', () => {
    const template = '#macro(m $a)$a#end $a';
    assert.deepEqual(variableFindings(template), ['template-undefined-variable: $a']);
    const [finding] = validateStandaloneTemplate(template, 'request.vtl').filter((p) => VARIABLE_CODES.has(p.code));
    assert.equal(finding.offset, template.lastIndexOf('$a'));
    assert.deepEqual(messages(template), [
      '`$a` is a parameter of #macro(m), set only inside its body, and nothing else in this template sets it; here it renders as empty.',
    ]);
    assert.deepEqual(variableFindings('#macro(m $a)$a #if($a.empty)x#end$a.size()#end#m([])'), []);
  });

  it('warns about a #macro parameter among the arguments of a call of its macro', () => {
    assert.deepEqual(messages('#macro(m $a)$a#end#m($a)'), [
      '`$a` is a parameter of #macro(m), set only inside its body, and nothing else in this template sets it; here it is null.',
    ]);
  });

  it('takes a #macro parameter as set in the bodies of macros nested in its macro, and a nested macro\'s only in macros', () => {
    assert.deepEqual(variableFindings('#macro(outer $a)#macro(inner $b)$a$b#end#inner(1)#end#outer(2)'), []);
    assert.deepEqual(variableFindings('#macro(outer $a)#macro(inner $b)$a$b#end#end$b'), ['template-undefined-variable: $b']);
    assert.deepEqual(variableFindings('#macro(outer $a)#macro(inner $a)$a#end$a#end $a'), ['template-undefined-variable: $a']);
  });

  it('takes a #macro parameter as set in what its call renders: the macros it calls, and the body of a block call', () => {
    // Velocity 1.7 renders `[hi]` and `[x=1]`: a call's arguments stay in force for all it renders.
    assert.deepEqual(variableFindings('#macro(inner)[$x]#end#macro(outer $x)#inner()#end#outer("hi")'), []);
    assert.deepEqual(variableFindings('#macro(outer $x)[$bodyContent]#end#@outer(1)x=$x#end'), []);
    // Only the called macro's parameters: another macro's are not set there.
    assert.deepEqual(variableFindings('#macro(outer $x)[$bodyContent]#end#macro(other $y)$y#end#@outer(1)$y#end'), ['template-undefined-variable: $y']);
  });

  it('takes a #macro parameter as set everywhere when a #set, #foreach or #define outside the macro sets its name too', () => {
    assert.deepEqual(variableFindings('#macro(m $a)$a#end#set($a = 1)$a'), []);
    assert.deepEqual(variableFindings('#macro(m $a)$a#end#foreach($a in [1])$a#end $a'), []);
    assert.deepEqual(variableFindings('#macro(m $a)$a#end#define($a)x#end$a'), []);
    // Velocity 1.7 sets the template's variable when a macro's body sets a parameter (macros share the context).
    assert.deepEqual(variableFindings('#macro(m $a)#set($a = 2)#end#m(1)$a'), []);
  });

  it('reads the body of a #macro without #end as running to the end of the template', () => {
    assert.deepEqual(variableFindings('#macro(m $a)$a $a.size()'), []);
  });

  it('keeps loop variables and $bodyContent apart from #macro parameters', () => {
    assert.deepEqual(variableFindings('#macro(m $i)#foreach($x in $i)$foreach.index $x#end$bodyContent#end#@m([1])b#end $foreach.index'), [
      'template-loop-variable-outside-loop: $foreach',
    ]);
  });

  it('suggests a #macro parameter for a misspelt name only inside its macro', () => {
    assert.match(messages('#macro(m $label)$lable#end')[0], /Did you mean `\$label`\?$/);
    assert.doesNotMatch(messages('#macro(m $label)$label#end $lable')[0], /Did you mean/);
  });

  it('never warns about API Gateway\'s own variables', () => {
    assert.deepEqual(variableFindings('$input.body $util.urlEncode($context.requestId) $stageVariables.env ${context.stage} $!input.json(\'$\')'), []);
  });

  it('does not warn about #if and #elseif conditions that ask whether a variable is set, nor about what they guard', () => {
    const template = '#if($x)$x#end #if(!$y)none#elseif($z == $null)z is $z#end #if("$!w" != "")$w#end';
    assert.deepEqual(variableFindings(template), []);
  });

  it('still warns about a use that no test of that variable guards', () => {
    assert.deepEqual(variableFindings('#if($x)ok#else $x#end'), ['template-undefined-variable: $x']);
  });

  it('warns about a quiet reference to a variable that nothing sets', () => {
    assert.deepEqual(variableFindings('{"note": "$!note"}'), ['template-undefined-variable: $!note']);
  });

  it('says that a #set from a variable nothing sets leaves its target unchanged', () => {
    assert.deepEqual(messages('#set($z = $null)'), [
      '`$null` is never set in this template (no #set or #foreach defines it), so this #set leaves `$z` unchanged (Velocity 1.7 does not assign null).',
    ]);
  });

  it('suggests API Gateway\'s variables and the template\'s own for a misspelt name', () => {
    assert.deepEqual(messages('${iput.body}'), [
      '`$iput` is never set in this template (no #set or #foreach defines it) and renders as empty. Did you mean `$input`?',
    ]);
    assert.match(messages("#set($records = $input.path('$.r'))$recrods.size()")[0], /Did you mean `\$records`\?$/);
  });

  it('warns at each use of $foreach, $velocityCount and $velocityHasNext outside a #foreach body', () => {
    const template = "$velocityCount #foreach($i in [1..2])$foreach.count $velocityCount $velocityHasNext#end $foreach.last";
    assert.deepEqual(variableFindings(template), [
      'template-loop-variable-outside-loop: $velocityCount',
      'template-loop-variable-outside-loop: $foreach',
    ]);
    assert.deepEqual(messages('$velocityCount'), ['`$velocityCount` exists only inside a #foreach body; here it renders as empty.']);
  });

  it('takes a loop\'s header as outside it and a nested block\'s #end as not ending the loop', () => {
    assert.deepEqual(variableFindings('#foreach($i in [1..$foreach.count])#if($i)x#end #@wrap()y#end $foreach.index#end'), [
      'template-loop-variable-outside-loop: $foreach',
    ]);
  });

  it('accepts loop variables and $bodyContent inside a macro body, which may run inside a loop or with a body', () => {
    assert.deepEqual(variableFindings('#macro(row)$foreach.index:$bodyContent#end#foreach($i in [1])#@row()$i#end#end'), []);
    assert.deepEqual(variableFindings('$bodyContent'), ['template-undefined-variable: $bodyContent']);
  });

  it('ignores escaped references, comments and the text #evaluate parses later', () => {
    assert.deepEqual(variableFindings('\\$price ## $a\n#* $b *# #[[ $c ]]# #evaluate("#set($d = 1)$d")'), []);
  });

  it('reads an escaped directive as text, whose references still render', () => {
    assert.deepEqual(variableFindings('\\#foreach($x in [1])$x\\#end'), ['template-undefined-variable: $x']);
  });

  it('leaves gateway response templates alone, which only substitute API Gateway\'s variables', () => {
    assert.deepEqual(variableFindings('{"m": "$elem"}', 'gateway-response.vtl'), []);
  });

  it('scans a block macro call as a directive whose arguments are code', () => {
    const scanned = scanTemplate('#@wrap($x)body#end');
    assert.deepEqual(scanned.directives.map((d) => d.name), ['@wrap', 'end']);
    assert.equal(scanned.references[0].context, 'code');
    assert.equal(scanned.references[0].directive, '@wrap');
  });
});

describe('$context.error.validationErrorString in a JSON string', () => {
  const code = 'template-validation-error-in-json';
  const findings = (template: string, fileName: string) =>
    validateStandaloneTemplate(template, fileName).filter((p) => p.code === code).map((p) => [template.slice(p.offset, p.end), p.message]);

  it('warns in a gateway response template and advises messageString, since $util is not available there', () => {
    const template = '{"message": "$context.error.validationErrorString"}';
    const [[covered, message]] = findings(template, 'gateway-response.vtl');
    assert.equal(covered, '$context.error.validationErrorString');
    assert.match(message, /holds double quotes \(e\.g\. \[object has missing required properties \(\["price"\]\)\]\)/);
    assert.match(message, /gateway response templates cannot escape it: use `\$context\.error\.messageString` without quotes around it/);
    assert.doesNotMatch(message, /escapeJavaScript/);
  });

  it('warns in an integration template with the documented escapeJavaScript repair, also through a #set variable', () => {
    const direct = findings('{"detail": "$context.error.validationErrorString"}', 'response.vtl');
    assert.match(direct[0][1], /write `\$util\.escapeJavaScript\(\$context\.error\.validationErrorString\)\.replaceAll\("\\\\'","'"\)` in its place/);
    const viaVariable = findings('#set($why = $context.error.validationErrorString)\n{"detail": "$why"}', 'request.vtl');
    assert.deepEqual(viaVariable.map(([covered]) => covered), ['$why']);
    assert.match(viaVariable[0][1], /^`\$why` holds `\$context\.error\.validationErrorString`, which is not escaped for JSON/);
  });

  it('follows each variable to its last #set, for escapeJavaScript output and validationErrorString alike', () => {
    const template = [
      '#set($e = $util.escapeJavaScript($input.body))',
      '#set($v = $context.error.validationErrorString)',
      '#set($w = $context.error.validationErrorString)',
      '#set($e = $input.body)',
      '#set($w = $input.body)',
      '#set($v.x = 1)',
      '{"e": "$e", "v": "$v", "w": "$w"}',
    ].join('\n');
    assert.deepEqual(findings(template, 'response.vtl').map(([covered]) => covered), ['$v']);
    const escaped = validateStandaloneTemplate(template.replace('#set($e = $input.body)', '#set($x = 1)'), 'response.vtl')
      .filter((p) => p.code === 'template-escape-javascript-in-json');
    assert.equal(escaped.length, 1);
  });

  it('accepts it escaped, outside a JSON string, and in templates that do not produce JSON', () => {
    const escaped = '{"detail": "$util.escapeJavaScript($context.error.validationErrorString).replaceAll("\\\\\'","\'")"}';
    assert.deepEqual(findings(escaped, 'response.vtl'), []);
    assert.deepEqual(findings('{"message": $context.error.messageString, "t": "$context.error.responseType"}', 'gateway-response.vtl'), []);
    assert.deepEqual(findings('Invalid: "$context.error.validationErrorString"', 'gateway-response.txt.vtl'), []);
  });
});

describe('$context.error.messageString in a JSON string', () => {
  const findings = (template: string, fileName = 'gateway-response.vtl') =>
    validateStandaloneTemplate(template, fileName).filter((p) => p.code === 'template-quoted-message-string').map((p) => template.slice(p.offset, p.end));

  it('warns where its own quotes would be doubled, and accepts it written bare', () => {
    assert.deepEqual(findings('{"message": "$context.error.messageString"}'), ['$context.error.messageString']);
    assert.deepEqual(findings('{"message": "$context.error.messageString"}', 'response.vtl'), ['$context.error.messageString']);
    assert.deepEqual(findings('{"message": $context.error.messageString}'), []);
    assert.deepEqual(findings('{"message": "$context.error.message"}'), []);
  });
});

describe('$input.json(...) in a JSON string', () => {
  const findings = (template: string, fileName = 'request.vtl') =>
    validateStandaloneTemplate(template, fileName).filter((p) => p.code === 'template-quoted-input-json').map((p) => template.slice(p.offset, p.end));

  it('warns where its own quotes would be doubled, also through a variable, and accepts it written bare', () => {
    assert.deepEqual(findings(`{"name": "$input.json('$.name')"}`), [`$input.json('$.name')`]);
    assert.deepEqual(findings(`#set($n = $input.json('$.name'))\n{"name": "$n"}`), ['$n']);
    assert.deepEqual(findings(`{"name": $input.json('$.name')}`), []);
    assert.deepEqual(findings(`{"name": "$input.path('$.name')"}`), []);
    // A method on the result may have taken the quotes off.
    assert.deepEqual(findings(`{"name": "$input.json('$.name').replace('"', '')"}`), []);
    // The variable assigned again holds something else.
    assert.deepEqual(findings(`#set($n = $input.json('$.name'))#set($n = $input.path('$.name'))\n{"name": "$n"}`), []);
  });

  it('is said in words a user can act on', () => {
    const [problem] = validateStandaloneTemplate(`{"name": "$input.json('$.name')"}`, 'request.vtl').filter((p) => p.code === 'template-quoted-input-json');
    assert.match(problem.message, /invalid JSON \(""Rex""\); write it without the quotes around it/);
  });
});

describe('syntax errors in diagnostics', () => {
  const syntax = (template: string) =>
    validateStandaloneTemplate(template).filter((p) => p.code === 'template-syntax').map((p) => [template.slice(p.offset, p.end), p.message]);

  it('covers the token found instead of the missing `)`', () => {
    assert.deepEqual(syntax('#if($a {"x": 1}\n#end'), [['{', '`#if(` opened at line 1 is not closed: expected `)` before `{`']]);
  });

  it('covers the opening of a parenthesis still open at the end of the template', () => {
    assert.deepEqual(syntax("{\n  \"a\": $input.path('$.a'"), [['$input', '`$input.path(` opened at line 2 is not closed: expected `)` before the end of the template']]);
  });

  it('covers the directive of a block without #end, a block macro call included', () => {
    assert.deepEqual(syntax('#@wrap()\nx'), [['#@wrap', '`#@wrap` opened at line 1 is not closed: add `#end` where its body ends']]);
  });

  it('covers an #else outside an #if', () => {
    assert.deepEqual(syntax('a #else b'), [['#else', '`#else` without a matching `#if`']]);
  });

  it('covers the whole word, string or operator a message names', () => {
    assert.deepEqual(syntax('#foreach($a in in $b)#end'), [['in', 'Unexpected `in` in `#foreach(` opened at line 1: expected a value; write `#foreach($item in $list)`']]);
    assert.deepEqual(syntax('#if($a == "abc" "def")#end'), [['"def"', 'Unexpected `"def"` in `#if(` opened at line 1; write `#if(condition)`']]);
    assert.deepEqual(syntax('$a.b(1 in)'), [['in', 'Unexpected `in` in `$a.b(` opened at line 1']]);
  });

  it('finds no block problem in directive text inside a string literal', () => {
    for (const template of ["#set($a = '#else')$a", "#set($a = '#end')$a", "$a.replace('#end','')"]) assert.deepEqual(syntax(template), [], template);
  });
});
