import assert from 'node:assert/strict';
import { checkTemplateSyntax, renderTemplate } from '../../../server/src/template/engine';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { MAX_EXPRESSION_NESTING } from '../../../server/src/template/limits';
import { render, renderFull } from './render';

const nested = (open: string, inner: string, close: string, depth: number) => open.repeat(depth) + inner + close.repeat(depth);

describe('values that contain themselves', () => {
  it('prints a list or map that holds itself as Java does: (this Collection), (this Map)', () => {
    assert.equal(render('#set($l = [1])#set($ok = $l.add($l))$l $l.size()'), '[1, (this Collection)] 2');
    assert.equal(render('#set($m = {})#set($ok = $m.put("me", $m))$m'), '{me=(this Map)}');
  });

  it('reports a list that holds itself through another one where it is printed, not as a macro calling itself', () => {
    const result = renderFull('#set($a = [1])#set($b = [$a])#set($ok = $a.add($b))\n  $a');
    assert.equal(result.output, '');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['recursion', 2, 3]]);
    assert.match(result.errors[0].message, /^The value contains itself .*java\.lang\.StackOverflowError\) \(printing \$a\)$/);
    assert.doesNotMatch(result.errors[0].message, /macro/);
  });

  it('reports it in a call that writes it out, at the directive holding the call', () => {
    const result = renderFull('#set($a = [1])#set($b = [$a])#set($ok = $a.add($b))\n#set($s = $a.toString())');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['recursion', 2, 1]]);
    assert.match(result.errors[0].message, /contains itself.*\(in \$a\.toString\(\.\.\.\)\)/);
  });
});

describe('lists grown past the stack of a spread', () => {
  it('addAll takes hundreds of thousands of elements', () => {
    assert.equal(render('#set($m = [])#set($ok = $m.addAll([1..300000]))$m.size() $m.get(299999)'), '300000 300000');
  });

  it('stops a list that doubles past a million elements, naming the call, at its place', () => {
    const result = renderFull('#set($l = [1..1000])\n#foreach($i in [1..20])#set($ok = $l.addAll($l))#end');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line]), [['list-too-large', 2]]);
    assert.equal(result.errors[0].message, '$l.addAll(...) would make a list of 1024000 elements; the evaluator stops lists at 1000000 elements');
  });
});

describe('a request body nested far deeper than the evaluator writes out', () => {
  const deepList = (depth: number) => ({ body: '['.repeat(depth) + ']'.repeat(depth) });
  const deepObject = (depth: number) => ({ body: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) });

  it('is read, and measured, whatever its depth', () => {
    assert.equal(render('$input.path("$").size() $input.body.length()', deepList(100_000)), '1 200000');
  });

  it('reports writing it out at the reference that does, naming the limit', () => {
    for (const [template, request] of [['\n  $input.json("$")', deepList(100_000)], ['\n  $input.path("$")', deepObject(100_000)]] as const) {
      const result = renderTemplate(template, request);
      assert.equal(result.output, '', template);
      assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['value-too-deep', 2, 3]], template);
      assert.match(result.errors[0].message, /^The value nests lists and maps more than 1000 levels deep/);
    }
  });

  it('scans it with `..` without running out of stack, parents before children', () => {
    assert.equal(render('$input.path("$..a").size()', deepObject(50_000)), '50000');
    assert.equal(render('$input.path("$..b").size()', { body: '{"b":1,"c":' + '{"b":2,"c":'.repeat(20_000) + '0' + '}'.repeat(20_001) }), '20001');
    assert.equal(render('$input.json("$..b")', { body: '{"b":1,"c":{"b":2,"c":{"b":3}}}' }), '[1,2,3]');
  });

  it('writes out one nested just within the limit', () => {
    assert.equal(render('$input.json("$").length()', deepList(900)), '1800');
  });
});

describe('nesting too deep in the template text', () => {
  it('refuses some 2,000 nested calls as a syntax problem at the call that goes too deep, quickly', () => {
    const template = `#set($a = {})\n${nested('$a.get(', '1', ')', 2000)}`;
    const started = performance.now();
    const problems = checkTemplateSyntax(template);
    assert.ok(performance.now() - started < 2000, 'the check takes its time in proportion to the text');
    assert.deepEqual(problems.map((p) => [p.code, p.line, p.column]), [['syntax', 2, 7 * MAX_EXPRESSION_NESTING + 7]]);
    assert.match(problems[0].message, /^`\$a\.get\(` opened at line 2 is nested too deeply: more than 256 calls, lists, maps and parentheses inside one another/);
    const result = renderTemplate(template, {});
    assert.deepEqual(result.errors, problems);
    assert.equal(isCertainlyValidTemplate(template), false);
  });

  it('refuses lists, maps, parentheses and negations nested as deeply, at the place', () => {
    for (const [template, label] of [
      [`#set($x = ${nested('[', '', ']', 5000)})`, '`['],
      [`#set($x = ${nested('{"a": ', '1', '}', 2000)})`, '`{'],
      [`#set($x = ${nested('(', '1', ')', 20_000)})`, '`('],
      [`#if(${'!'.repeat(50_000)}true)x#end`, '`!` at line 1'],
      [`$a.b(${nested('[', '', ']', 400)})`, '`['],
    ]) {
      const started = performance.now();
      const problems = checkTemplateSyntax(template);
      assert.ok(performance.now() - started < 2000, template.slice(0, 20));
      assert.equal(problems.length, 1, template.slice(0, 20));
      assert.equal(problems[0].code, 'syntax');
      assert.ok(problems[0].message.startsWith(label), problems[0].message);
      assert.match(problems[0].message, /nested too deeply/);
      assert.equal(problems[0].line, 1);
      assert.equal(isCertainlyValidTemplate(template), false);
    }
  });

  it('accepts and evaluates nesting up to the limit', () => {
    const depth = MAX_EXPRESSION_NESTING - 2;
    assert.equal(render(`#set($a = {"k": 1})#set($x = ${nested('$a.getOrDefault("x", ', '7', ')', depth)})$x`), '7');
    assert.equal(render(`#set($x = ${nested('[', '1', ']', depth)})#set($s = "$x")$s.length()`), String(2 * depth + 1));
  });

  it('refuses blocks nested more than 1,000 deep as a syntax problem at the block, without running out of stack', () => {
    const template = `${'#if(true)'.repeat(2000)}x${'#end'.repeat(2000)}`;
    const started = performance.now();
    const problems = checkTemplateSyntax(template);
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(problems.map((p) => [p.code, p.line, p.column]), [['syntax', 1, 9001]]);
    assert.match(problems[0].message, /^`#if` opened at line 1 is nested too deeply: more than 1000 #if, #foreach, #macro and #define blocks/);
  });

  it('names what nests too deeply when evaluating: a macro calling itself, a #define rendering itself, plain blocks', () => {
    const macro = renderFull('#macro(loop $n)\n  #loop($n)\n#end\n#loop(1)');
    assert.deepEqual(macro.errors.map((e) => [e.code, e.line, e.column]), [['recursion', 2, 3]]);
    assert.match(macro.errors[0].message, /The macro #loop calls itself .*more than 20 deep, Velocity's limit/);
    const define = renderFull('#define($d)$d#end$d');
    assert.match(define.errors[0].message, /\$d renders itself/);
    const blocks = renderFull(`${'#if(true)'.repeat(200)}x${'#end'.repeat(200)}`);
    assert.deepEqual(blocks.errors.map((e) => e.code), ['recursion']);
    assert.match(blocks.errors[0].message, /#if, #foreach and other blocks are nested deeper than the evaluator follows/);
    assert.doesNotMatch(blocks.errors[0].message, /macro/);
  });
});
