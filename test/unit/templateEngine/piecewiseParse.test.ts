import assert from 'node:assert/strict';
import { parse as velocityParse } from 'velocityjs';
import { checkTemplateSyntax, renderTemplate } from '../../../server/src/template/engine';
import { parseInPieces } from '../../../server/src/template/piecewiseParse';
import { assertPiecesParseAsWhole, parseOutcome } from './piecesAgainstWhole';

const FRAGMENTS = [
  '$a', '$!b', '${c}', '$d.e', '$f.g(1, "x")', '$', '#', '##c\n', '#* b *#', '#[[r$x]]#', '#if($a)', '#elseif($b)', '#else',
  '#end', '#{end}', '#{else}', '#foreach($i in $l)', '#set($x = [1, 2])', '#set($m = {"k": $v})', '#macro(mm $p)', '#mm(1)',
  '#@bm()', '#define($d)', '#break', ' ', '\n', '\r\n', '\r', 'text', '5, ', '\\$a', '\\#if', '\\\\', '(', ')', '[', ']', '{', '}',
  '.', '"', "'", '\u2028', '$a[0]', '$a.b(', ' #set($y=1)', 'x#', '$#',
];

/** Milliseconds of CPU time this process has used: unlike the clock, it does not count the time other processes run. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * How many times as long `run` takes on `large` as on `small`, in CPU time: on a loaded machine the clock counts
 * whatever other processes run meanwhile, which a long run meets more often than a short one (the median of three
 * runs by the clock was seen at 9.5 and 10.9 times for 4 times the text; CPU time gives 4 within a few tenths).
 * Each size is timed five times, in turn with the other, and the fastest run of each counts, so that a garbage
 * collection or the compiler warming up does not. Each run gets a text of its own, so that no cached parse is reused:
 * padded with a number of blanks no other run here uses (random lengths now and then repeat one).
 */
let padding = 1;
function timeRatio(run: (text: string) => void, small: string, large: string): number {
  const timed = (text: string) => {
    const started = cpuMs();
    run(text);
    return cpuMs() - started;
  };
  let fastestSmall = Infinity;
  let fastestLarge = Infinity;
  for (let i = 0; i < 5; i++) {
    fastestLarge = Math.min(fastestLarge, timed(large + ' '.repeat(++padding)));
    fastestSmall = Math.min(fastestSmall, timed(small + ' '.repeat(++padding)));
  }
  return fastestLarge / fastestSmall;
}

describe('parsing long templates in pieces', () => {
  it('gives velocityjs\'s own tree, or its own error at the same place, however the template is cut', () => {
    assertPiecesParseAsWhole({ fragments: FRAGMENTS, seed: 7, iterations: 2000, maxFragments: 25, sizes: [1, 2, 5] });
  });

  it('places nodes and errors of later pieces at their lines and columns in the template', () => {
    const text = 'a $x\r\n## c\r\n  $y.z #if($q)\n\u2028 $w #end\n$v $u(';
    assert.equal(parseOutcome(() => parseInPieces(text, text, 1)), parseOutcome(() => velocityParse(text, undefined, false)));
    const broken = '$a $b\n  $c #set($d = )';
    assert.equal(parseOutcome(() => parseInPieces(broken, broken, 1)), parseOutcome(() => velocityParse(broken, undefined, false)));
  });

  it('checks and renders in time linear in the number of statements', function () {
    this.timeout(60_000);
    // velocityjs copies its list of statements for each one it adds: four times the statements took sixteen times as long.
    for (const unit of ['$5, ', '$a ', '$', '#set($x = 1)x']) {
      const small = unit.repeat(2000);
      const large = unit.repeat(8000);
      checkTemplateSyntax(small + ' ');
      const ratio = timeRatio(checkTemplateSyntax, small, large);
      assert.ok(ratio < 8, `checking ${JSON.stringify(unit)} × 8000 took ${ratio.toFixed(1)} times as long as × 2000`);
    }
    const small = '$5, '.repeat(2000);
    const large = '$5, '.repeat(8000);
    renderTemplate(small, {});
    const ratio = timeRatio((text) => renderTemplate(text, {}), small, large);
    assert.ok(ratio < 8, `rendering × 8000 took ${ratio.toFixed(1)} times as long as × 2000`);
    assert.equal(renderTemplate(large, {}).output, large);
  });

  it('reports blocks left open without nesting them in exponential time', () => {
    // velocityjs nests every unclosed block again for each block opened before it.
    assert.deepEqual(
      checkTemplateSyntax('#if(true)x'.repeat(60)).map((p) => p.code),
      Array(60).fill('missing-end'),
    );
  });
});
