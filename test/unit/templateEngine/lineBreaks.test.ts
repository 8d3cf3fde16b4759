import assert from 'node:assert/strict';
import { lineColumn, lineStartOffset, offsetOfLineColumn } from '../../../server/src/model/textPositions';
import { renderTemplate } from '../../../server/src/template/engine';

describe('lines ended by CR, LF and CRLF', () => {
  const text = 'ab\rcd\nef\r\ngh';

  it('counts a lone CR as a line break, and CRLF as one', () => {
    assert.deepEqual(lineColumn(text, 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumn(text, 3), { line: 2, column: 1 });
    assert.deepEqual(lineColumn(text, 6), { line: 3, column: 1 });
    assert.deepEqual(lineColumn(text, 10), { line: 4, column: 1 });
    assert.deepEqual(lineColumn(text, text.length), { line: 4, column: 3 });
  });

  it('keeps the place between the CR and the LF of one break on the line the CR ends', () => {
    assert.deepEqual(lineColumn(text, 8), { line: 3, column: 3 });
    assert.deepEqual(lineColumn(text, 9), { line: 3, column: 4 });
  });

  it('finds each line start and turns every line and column back into its offset', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((line) => lineStartOffset(text, line)), [0, 3, 6, 10, undefined]);
    for (let offset = 0; offset <= text.length; offset++) {
      if (offset === 9) continue; // the LF of the CRLF: its column is past the line's end, which is its CR
      const { line, column } = lineColumn(text, offset);
      assert.equal(offsetOfLineColumn(text, line, column), offset, `offset ${offset}`);
    }
    assert.equal(offsetOfLineColumn(text, 3, 9), 8, 'a column past the end stays on its line');
  });

  it('places a template syntax error after lone CRs where Velocity does, and names the line the construct opens on', () => {
    const [error] = renderTemplate('a\rb\r#set($x = )', {}).errors;
    assert.deepEqual({ line: error.line, column: error.column }, { line: 3, column: 11 });
    assert.match(error.message, /opened at line 3/);
  });

  it('turns the line and column of an error found while rendering back into the offset of its reference', () => {
    const template = "a\rb\r$util.parseJson('{')";
    const [error] = renderTemplate(template, { body: '{}' }).errors;
    assert.equal(error.code, 'method-error');
    assert.equal(offsetOfLineColumn(template, error.line!, error.column!), template.indexOf('$util'));
  });
});
