/**
 * Where our engine places a syntax error against where Apache Velocity 1.7's ParseException does: both must refuse the
 * template, at the same line and column.
 */
import assert from 'node:assert/strict';
import { renderTemplate } from '../../server/src/template/engine';
import { renderWithVelocity, type OracleResult } from './velocityOracle';
import { ERROR_POSITION_CASES } from './cases/errorPositions';

const VELOCITY_POSITION = /line (\d+), column (\d+)/;

describe('syntax error positions against Velocity 1.7', function () {
  this.timeout(120_000);
  let theirs: OracleResult[] = [];

  before(() => {
    theirs = renderWithVelocity(ERROR_POSITION_CASES.map((c) => ({ template: c.template })));
  });

  ERROR_POSITION_CASES.forEach((c, index) => {
    it(c.name, () => {
      const velocity = VELOCITY_POSITION.exec(theirs[index].error ?? '');
      assert.ok(velocity, `Velocity must refuse ${JSON.stringify(c.template)} at a position: ${theirs[index].error ?? 'it renders'}`);
      const [first] = renderTemplate(c.template, {}).errors;
      assert.ok(first, `our engine must refuse ${JSON.stringify(c.template)}`);
      // Velocity counts a tab to the next tab stop: its column is kept beside ours where that makes them differ.
      assert.deepEqual({ line: first.line, column: first.velocityColumn ?? first.column }, { line: Number(velocity[1]), column: Number(velocity[2]) }, `${first.code}: ${first.message}`);
    });
  });
});
