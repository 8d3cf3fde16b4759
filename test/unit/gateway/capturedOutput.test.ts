import assert from 'node:assert/strict';
import { CapturedOutput, headAndTailLines } from '../../../server/src/gateway/lambda/capturedOutput';

describe('captured function output', () => {
  it('keeps everything while it fits', () => {
    const out = new CapturedOutput(20, 20);
    out.append('one\n');
    out.append('two\n');
    assert.equal(out.text(), 'one\ntwo\n');
    out.clear();
    assert.equal(out.text(), '');
  });

  it('keeps the start and the end, cut at line breaks, with a line saying how much was left out', () => {
    // Room for two lines at the start and at the end, and part of a third.
    const out = new CapturedOutput(17, 19);
    for (let i = 1; i <= 100; i++) out.append(`line ${i}\n`);
    out.append('crash!\n');
    const lines = out.text().split('\n');
    assert.deepEqual(lines.slice(0, 2), ['line 1', 'line 2']);
    assert.deepEqual(lines.slice(-3), ['line 100', 'crash!', '']);
    const marker = lines[2];
    assert.match(marker, /^\[\.\.\. [\d,]+ lines \([\d,]+ characters\) of output left out \.\.\.\]$/);
    // Every line is either shown or counted.
    const shown = lines.filter((l) => l.startsWith('line ')).length;
    const counted = Number(/(\d+) lines/.exec(marker)![1]);
    assert.equal(shown + counted, 100);
  });

  it('keeps a line that starts exactly where the end begins', () => {
    const out = new CapturedOutput(7, 16);
    for (let i = 1; i <= 100; i++) out.append(`line ${i}\n`);
    out.append('crash!\n');
    assert.equal(out.text(), 'line 1\n[... 98 lines (776 characters) of output left out ...]\nline 100\ncrash!\n');
  });

  it('says how many characters were left out of one endless line', () => {
    const out = new CapturedOutput(10, 10);
    out.append('x'.repeat(1000));
    assert.equal(out.text(), `${'x'.repeat(10)}\n[... 980 characters of output left out ...]\n${'x'.repeat(10)}`);
  });

  it('limits lines to the first and last ones, with a marker between', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `l${i}`);
    assert.deepEqual(headAndTailLines(lines, 2, 2), ['l0', 'l1', '[... 6 lines (18 characters) of output left out ...]', 'l8', 'l9']);
    assert.deepEqual(headAndTailLines(lines, 5, 5), lines);
  });
});
