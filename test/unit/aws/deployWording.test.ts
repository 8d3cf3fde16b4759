import * as assert from 'node:assert/strict';
import { apiKindEvidence, guessApiKind, rulesOutOtherKind } from '../../../client/src/deploy/documentKind';
import { EXTENSIONS } from '../../../server/src/facts/extensions';
import { deploySteps } from '../../../client/src/deploy/deployFlow';
import { deployAnnouncement } from '../../../client/src/deploy/wording';
import { counted } from '../../../client/src/sentences';

describe('deploy wording', () => {
  it('counts with proper plurals', () => {
    assert.equal(counted(1, 'error'), '1 error');
    assert.equal(counted(2, 'error'), '2 errors');
    assert.equal(counted(0, 'warning'), '0 warnings');
    assert.equal(counted(3, 'import warning'), '3 import warnings');
  });

  it('ends the announcement with the invoke URL, apart from the backup sentence', () => {
    const result = {
      created: false, kind: 'REST' as const, apiName: 'Pet Store', apiId: 'h7ube5caeo', warnings: ['w'], stage: 'dev',
      invokeUrl: 'http://127.0.0.1:4301/restapis/h7ube5caeo/dev/_user_request_',
      backups: [{ file: '/w/.apigateway/backups/h7ube5caeo.yaml', kind: 'export' }],
    };
    assert.equal(
      deployAnnouncement(result as Parameters<typeof deployAnnouncement>[0], (file) => file.replace('/w/', '')),
      'Updated REST API Pet Store (h7ube5caeo) with 1 import warning, shown in the document, stage dev. Backup: .apigateway/backups/h7ube5caeo.yaml. Invoke URL: http://127.0.0.1:4301/restapis/h7ube5caeo/dev/_user_request_',
    );
    assert.equal(deployAnnouncement({ ...result, invokeUrl: undefined, backups: [], warnings: [], created: true } as Parameters<typeof deployAnnouncement>[0], (f) => f), 'Created REST API Pet Store (h7ube5caeo).');
  });

  it('names what in the document rules the other kind of API out', () => {
    assert.deepEqual(apiKindEvidence('openapi: 3.0.1\nx-amazon-apigateway-request-validators:\n  all: {}\n'), { kind: 'REST', evidence: 'x-amazon-apigateway-request-validators' });
    assert.deepEqual(apiKindEvidence('openapi: 3.0.1\nx-amazon-apigateway-gateway-responses: {}\n'), { kind: 'REST', evidence: 'x-amazon-apigateway-gateway-responses' });
    assert.deepEqual(apiKindEvidence('{"openapi": "3.0.1", "x-amazon-apigateway-cors": {}}'), { kind: 'HTTP', evidence: 'x-amazon-apigateway-cors' });
    assert.deepEqual(apiKindEvidence('openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        payloadFormatVersion: "2.0"\n'), { kind: 'HTTP', evidence: 'payloadFormatVersion' });
    assert.deepEqual(apiKindEvidence('swagger: "2.0"\n'), { kind: 'REST', evidence: 'Swagger 2.0' });
    assert.equal(apiKindEvidence('openapi: 3.0.1\npaths: {}\n'), undefined);
    assert.equal(guessApiKind('openapi: 3.0.1\npaths: {}\n'), 'REST');
    assert.equal(guessApiKind('openapi: 3.0.1\nx-amazon-apigateway-cors: {}\n', 'rest'), 'REST');
  });

  it('reads the catalog\'s one-dialect extensions, and takes payloadFormatVersion only as a hint that rules nothing out', () => {
    for (const extension of EXTENSIONS.filter((e) => e.dialects.length === 1)) {
      const evidence = apiKindEvidence(`openapi: 3.0.1\n${extension.name}: {}\n`);
      assert.deepEqual(evidence, { kind: extension.dialects[0] === 'rest' ? 'REST' : 'HTTP', evidence: extension.name });
      assert.ok(rulesOutOtherKind(evidence!.evidence), extension.name);
    }
    for (const name of ['x-amazon-apigateway-endpoint-access-mode', 'x-amazon-apigateway-security-policy']) {
      assert.equal(apiKindEvidence(`openapi: 3.0.1\n${name}: STRICT\n`)?.kind, 'REST', name);
    }
    // A REST document with an HTTP API field copied along: its validators tell, as the language server infers.
    const copied = 'openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        payloadFormatVersion: "2.0"\nx-amazon-apigateway-request-validators:\n  all: {}\n';
    assert.deepEqual(apiKindEvidence(copied), { kind: 'REST', evidence: 'x-amazon-apigateway-request-validators' });
    assert.equal(guessApiKind(copied), 'REST');
    assert.equal(rulesOutOtherKind('payloadFormatVersion'), false);
    assert.equal(apiKindEvidence('openapi: 3.0.1\nx-amazon-apigateway-integration: {}\nx-amazon-apigateway-request-validator-extra: {}\n'), undefined);
  });

  it('counts the steps the answers and choices leave', () => {
    assert.deepEqual(deploySteps({}, {}), ['target', 'putMode', 'endpointType', 'stage', 'description', 'variables', 'canary']);
    assert.deepEqual(deploySteps({}, { target: { mode: 'new', kind: 'HTTP' } }), ['target', 'stage', 'description', 'variables']);
    assert.deepEqual(deploySteps({}, { target: { mode: 'existing', kind: 'REST', apiId: 'a' }, stageExists: false }), ['target', 'putMode', 'endpointType', 'stage', 'description', 'variables']);
    assert.deepEqual(deploySteps({ target: 'a', putMode: 'merge', stage: 'dev' }, {}), []);
    assert.deepEqual(deploySteps({ stage: null }, { target: { mode: 'new', kind: 'REST' } }), ['target', 'endpointType']);
  });
});
