import assert from 'node:assert/strict';
import { renderTemplate } from '../../../server/src/template/engine';
import { MAX_STATEMENT_TOKENS, MAX_TEMPLATE_BYTES } from '../../../server/src/template/limits';
import { assertPiecesParseAsWhole } from './piecesAgainstWhole';
import { lexTemplate } from '../../../server/src/template/velocityLexer';

/** Pieces that leave velocityjs's lexer in its reference state, and what may follow them there. */
const FRAGMENTS = [
  '$a', '$!b', '${c}', '$!{c}', '$d.e', '$f.g(1, "x")', '$h[0]', '$i[$j]', '$k.l()', '${m.n($o)', '${', '}', '$', '$!', '.', '..',
  '#', '# ', '#b', '#*c*#', '##c\n', '#if($a)', '#else', '#{else}', '#end', '#{end}', '#break', '#set($x = 1)', '#mm(1)', ' ',
  '\n', '(', ')', '[', ']', '5', 'x', '\\', '\\$a', '"', "'",
];

/** Statements velocityjs's parser would collect in one piece: the longest run between two places a piece may start. */
function longestRun(text: string): number {
  let longest = 0;
  let tokens = 0;
  lexTemplate(
    text,
    () => tokens++,
    () => {
      longest = Math.max(longest, tokens);
      tokens = 0;
    },
  );
  return Math.max(longest, tokens);
}

/** `unit` repeated up to the largest template API Gateway accepts. */
function largest(unit: string): string {
  return unit.repeat(Math.floor(MAX_TEMPLATE_BYTES / unit.length));
}

const DENSE_UNITS = ['$a', '$a.b', '${a}', '$!a', '$a.b()', '$a[0]', '$a#b', '$a# ', "$input.json('$')", 'ab$cd', '#set($x=1)', '$a\n'];

describe('templates of adjacent references', () => {
  it('are cut between references, with velocityjs\'s own tree or error however they are cut', () => {
    assertPiecesParseAsWhole({ fragments: FRAGMENTS, seed: 11, iterations: 1500, maxFragments: 20, sizes: [1, 3] });
  });

  it('place a piece start after every reference, however many follow one another', () => {
    // velocityjs's parser copies the statements of a piece for each one it adds: a piece must stay short whatever the
    // template's length.
    for (const unit of DENSE_UNITS) {
      assert.ok(longestRun(unit.repeat(1000)) <= longestRun(unit.repeat(10)) + 2, `${JSON.stringify(unit)} repeated`);
    }
  });

  it('render as Velocity renders them', () => {
    const request = { body: '{"k":1}' };
    // Apache Velocity 1.7's output for each, as API Gateway renders a reference without a value: as nothing.
    const cases: Array<[string, string]> = [
      ['$a$a$a', ''],
      ['$!a$!a', ''],
      ['#set($a = "x")$a$a.length()$a.b$!a${a}$a[0]', 'x1xx'],
      ["$input.json('$')$input.json('$.k')", '{"k":1}1'],
      ['#set($a = 1)$a#b$a# $a', '1#b1# 1'],
      ['#set($x = 1)#set($x = 2)$x', '2'],
      ['ab$cdab$cd', 'ab'],
      ['#set($a = "x")$a#*c*#$a$a.b()$a', 'xxx'],
    ];
    for (const [template, expected] of cases) {
      const result = renderTemplate(template, request);
      assert.deepEqual(result.errors, [], template);
      assert.equal(result.output, expected, template);
    }
  });

  it('render at the largest size API Gateway accepts, within the evaluation\'s time', function () {
    this.timeout(120_000);
    for (const unit of ['$a', '$!a', '$a.b', '$a[0]', '$a#b', '#set($a = 1)$a']) {
      const template = largest(unit);
      const result = renderTemplate(template, {}, { timeoutMs: 60_000 });
      assert.deepEqual(result.errors, [], unit);
      // The quadratic parse took minutes at this size; anything under the default budget is linear.
      assert.ok(result.durationMs < 20_000, `${JSON.stringify(unit)} × ${template.length / unit.length} took ${result.durationMs.toFixed(0)} ms`);
    }
    assert.equal(renderTemplate(largest('#set($a = 1)$a'), {}).output, '1'.repeat(MAX_TEMPLATE_BYTES / '#set($a = 1)$a'.length | 0));
  });

  it('end with a timeout, before parsing, when one statement is too long to parse in time', () => {
    // Its properties, indexes or arguments cannot be parsed in pieces: the parse would take minutes.
    for (const [head, unit, tail] of [['$a', '.b', ''], ['$a', '[0]', ''], ['$a.b(', '1,', '1)']]) {
      const template = head + unit.repeat(Math.floor((MAX_TEMPLATE_BYTES - head.length - tail.length) / unit.length)) + tail;
      const result = renderTemplate(template, {});
      assert.equal(result.output, '');
      assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['timeout', 1, 1]], head + unit);
      assert.match(result.errors[0].message, /stopped before it began/);
    }
    // Below the limit the statement is parsed and rendered.
    assert.equal(renderTemplate(`#set($a = "x")$a${'.b'.repeat(MAX_STATEMENT_TOKENS / 8)}|`, {}).errors.length, 0);
  });

  it('read a list literal of the largest size', () => {
    const template = `#set($l = [${'1,'.repeat(MAX_TEMPLATE_BYTES / 2 - 40)}1])$l.size()`;
    assert.equal(renderTemplate(template, {}).output, String(MAX_TEMPLATE_BYTES / 2 - 39));
  });
});
