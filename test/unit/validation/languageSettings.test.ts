import assert from 'node:assert/strict';
import { readLanguageSettings } from '../../../server/src/services/languageSettings';

describe('reading the apigateway settings', () => {
  it('takes the dialect, per-code severities and the size limit as the editor sends them', () => {
    const read = readLanguageSettings({ validation: { dialect: 'rest', severity: { 'unsupported-schema-keyword': 'off', 'yaml-syntax': 'warning' }, maxFileSizeMB: 5 } });
    assert.deepEqual(read, {
      settings: { dialect: 'rest', severity: { 'unsupported-schema-keyword': 'off', 'yaml-syntax': 'warning' }, maxValidationSize: 5 * 1024 * 1024 },
      problems: [],
      unknownCodes: [],
    });
  });

  it('is empty without a section, and with an empty one', () => {
    assert.deepEqual(readLanguageSettings(undefined), { settings: {}, problems: [], unknownCodes: [] });
    assert.deepEqual(readLanguageSettings({}), { settings: {}, problems: [], unknownCodes: [] });
  });

  it('leaves out what cannot be used and names it by its full key', () => {
    const read = readLanguageSettings({ validation: { dialect: 'REST', severity: { 'yaml-syntax': 'fatal', 'duplicate-key': 'hint' }, maxFileSizeMB: '20' } });
    assert.deepEqual(read.settings, { severity: { 'duplicate-key': 'hint' } });
    assert.deepEqual(read.problems.map((p) => p.key), ['apigateway.validation.dialect', 'apigateway.validation.severity.yaml-syntax', 'apigateway.validation.maxFileSizeMB']);
    assert.match(read.problems[1].message, /one of error, warning, information, hint, off, not "fatal"/);
    assert.deepEqual(readLanguageSettings({ validation: { severity: ['off'] } }).problems.map((p) => p.key), ['apigateway.validation.severity']);
    assert.deepEqual(readLanguageSettings({ validation: 'strict' }).problems.map((p) => p.key), ['apigateway.validation']);
  });

  it('keeps severities of codes it does not know, and lists them', () => {
    const read = readLanguageSettings({ validation: { severity: { 'duplicate-keys': 'off' } } });
    assert.deepEqual(read.settings.severity, { 'duplicate-keys': 'off' });
    assert.deepEqual(read.unknownCodes, ['duplicate-keys']);
  });
});
