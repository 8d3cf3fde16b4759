import assert from 'node:assert/strict';
import { selectRequestTemplate, selectResponseTemplate } from '../../../server/src/template/templateSelection';

const UNSUPPORTED = { status: 415, body: '{"message":"Unsupported Media Type"}' };

describe('request template selection and passthrough', () => {
  const templates = { 'application/json': 'J', 'application/xml': 'X' };

  it('chooses by Content-Type, ignoring case and parameters such as charset', () => {
    assert.deepEqual(selectRequestTemplate(templates, 'Application/XML; charset=UTF-8'), { action: 'template', contentType: 'application/xml', template: 'X' });
  });
  it('a request without Content-Type uses the application/json template', () => {
    assert.deepEqual(selectRequestTemplate(templates, undefined), { action: 'template', contentType: 'application/json', template: 'J' });
  });
  it('template keys match case-insensitively too', () => {
    assert.equal(selectRequestTemplate({ 'Application/Json': 'J' }, 'application/json').action, 'template');
  });
  it('WHEN_NO_MATCH (the default) passes an unmatched body through', () => {
    assert.deepEqual(selectRequestTemplate(templates, 'text/plain'), { action: 'passthrough', contentType: 'text/plain' });
    assert.equal(selectRequestTemplate(templates, 'text/plain', 'WHEN_NO_MATCH').action, 'passthrough');
  });
  it('WHEN_NO_TEMPLATES passes through only when no template is defined, else 415', () => {
    assert.equal(selectRequestTemplate({}, 'text/plain', 'when_no_templates').action, 'passthrough');
    assert.deepEqual(selectRequestTemplate(templates, 'text/plain', 'WHEN_NO_TEMPLATES'), { action: 'reject', contentType: 'text/plain', ...UNSUPPORTED });
  });
  it('NEVER rejects every unmatched Content-Type with 415, with or without templates', () => {
    assert.deepEqual(selectRequestTemplate(templates, 'text/plain', 'never'), { action: 'reject', contentType: 'text/plain', ...UNSUPPORTED });
    assert.equal(selectRequestTemplate(undefined, 'application/json', 'NEVER').action, 'reject');
  });
  it('a matching template is used whatever the behaviour', () => {
    assert.equal(selectRequestTemplate(templates, 'application/json', 'never').action, 'template');
  });
  it('an unknown behaviour is an error with the allowed values', () => {
    assert.throws(() => selectRequestTemplate(templates, 'application/json', 'sometimes'), /Unknown passthroughBehavior 'sometimes': use when_no_match, when_no_templates or never/);
  });
});

describe('response template selection', () => {
  const templates = { 'application/xml': 'X', 'application/json': 'J', 'text/html': 'H' };
  it('chooses by Accept, honouring q values', () => {
    assert.equal(selectResponseTemplate(templates, 'text/html')?.template, 'H');
    assert.equal(selectResponseTemplate(templates, 'text/html;q=0.5, application/xml')?.template, 'X');
    assert.equal(selectResponseTemplate(templates, 'text/*')?.template, 'H');
  });
  it('falls back to application/json, then to the first template', () => {
    assert.equal(selectResponseTemplate(templates, 'image/png')?.template, 'J');
    assert.equal(selectResponseTemplate(templates, undefined)?.template, 'J');
    assert.equal(selectResponseTemplate({ 'application/xml': 'X', 'text/html': 'H' }, undefined)?.template, 'X');
  });
  it('no templates means no template', () => {
    assert.equal(selectResponseTemplate({}, 'application/json'), undefined);
  });
});
