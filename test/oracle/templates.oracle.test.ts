/**
 * Our template engine against Apache Velocity 1.7 itself (Debian's package, run through VelocityOracle.java): every case
 * must render the same text, or fail in both. The cases exercise the language (directives, references, literals,
 * arithmetic, comparisons, Java methods, whitespace); `$input` and `$util` on the Java side are models, so the cases
 * that use them stay within what those models share with API Gateway's documented behaviour.
 */
import assert from 'node:assert/strict';
import { buildDefaultContext, renderTemplate } from '../../server/src/template/engine';
import { renderWithVelocity, type OracleResult } from './velocityOracle';
import type { OracleTestCase } from './oracleCase';
import { ORACLE_CASES } from './cases';

function ours(c: OracleTestCase): OracleResult {
  const result = renderTemplate(c.template, { body: c.body, params: c.params, stageVariables: c.stageVariables, context: c.context });
  const failures = result.errors.filter((e) => e.code !== 'repeated-override');
  if (failures.length || result.gatewayError) return { error: failures.map((e) => `${e.code}: ${e.message}`).join('; ') || `gateway ${result.gatewayError?.status}`, partial: result.output };
  return { output: result.output };
}

/** Java prints an array as its type and identity hash (`[Ljava.lang.String;@1b6d3586`), which differs run to run. */
function withoutIdentityHashes(text: string): string {
  return text.replace(/(\[L?[\w.$]+;?)@[0-9a-f]{1,8}/g, '$1@…');
}

function shown(result: OracleResult): string {
  return result.error !== undefined ? `fails: ${result.error}` : JSON.stringify(withoutIdentityHashes(result.output ?? ''));
}

describe('template engine against Velocity 1.7', function () {
  // One Java process renders every case before the first comparison; on a busy two-core machine it takes minutes.
  this.timeout(300_000);
  let theirs: OracleResult[] = [];

  before(() => {
    // Velocity gets the `$context` our engine starts from (its defaults under the case's own values), so that only the
    // engines differ.
    theirs = renderWithVelocity(ORACLE_CASES.map((c) => ({ ...c, context: buildDefaultContext(c.context ?? {}) })));
  });

  ORACLE_CASES.forEach((c, index) => {
    it(c.name, () => {
      const mine = ours(c);
      const velocity = theirs[index];
      if (c.aws) {
        assert.equal(shown(mine), JSON.stringify(c.aws.output), `API Gateway (${c.aws.evidence}) renders ${JSON.stringify(c.aws.output)}`);
        assert.notEqual(shown(velocity), JSON.stringify(c.aws.output), 'stock Velocity now agrees with API Gateway: drop the exception');
        return;
      }
      const bothFail = mine.error !== undefined && velocity.error !== undefined;
      assert.ok(bothFail || shown(mine) === shown(velocity), `template ${JSON.stringify(c.template)}\n  ours:     ${shown(mine)}\n  Velocity: ${shown(velocity)}`);
    });
  });
});
