import assert from 'node:assert/strict';
import { evaluateJsonPath, parseJsonPath } from '../../../server/src/template/jsonPath';

const store = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
      { category: 'fiction', author: 'J. R. R. Tolkien', title: 'The Lord of the Rings', isbn: '0-395-19395-8', price: 22.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
    'odd key': 1,
  },
  expensive: 10,
};

const value = (path: string, doc: unknown = store) => {
  const result = evaluateJsonPath(path, doc);
  return result.found ? result.value : 'NOT FOUND';
};

describe('JSONPath (Jayway dialect)', () => {
  it('$ is the whole document', () => assert.deepEqual(value('$'), store));
  it('dot notation gives one value for a definite path', () => assert.equal(value('$.store.bicycle.color'), 'red'));
  it('bracket notation with quotes, including names with spaces', () => {
    assert.equal(value("$['store']['bicycle']['color']"), 'red');
    assert.equal(value('$.store["odd key"]'), 1);
  });
  it('a path without $ is read from the root, as Jayway does', () => assert.equal(value('store.bicycle.color'), 'red'));
  it('an index, and a negative index from the end', () => {
    assert.equal(value('$.store.book[0].author'), 'Nigel Rees');
    assert.equal(value('$.store.book[-1].author'), 'J. R. R. Tolkien');
  });
  it('a missing definite path is not found; a missing indefinite one is an empty list', () => {
    assert.equal(value('$.store.nothing'), 'NOT FOUND');
    assert.equal(value('$.store.book[9]'), 'NOT FOUND');
    assert.deepEqual(value('$.store.book[*].nothing'), []);
  });
  it('wildcards over lists and maps give lists', () => {
    assert.deepEqual(value('$.store.book[*].author'), ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']);
    assert.deepEqual(value('$.store.bicycle.*'), ['red', 19.95]);
  });
  it('index unions and slices', () => {
    assert.deepEqual(value('$.store.book[0,2].price'), [8.95, 8.99]);
    assert.deepEqual(value('$.store.book[:2].price'), [8.95, 12.99]);
    assert.deepEqual(value('$.store.book[1:3].price'), [12.99, 8.99]);
    assert.deepEqual(value('$.store.book[-2:].price'), [8.99, 22.99]);
    assert.deepEqual(value('$.store.book[::2].price'), [8.95, 8.99]);
  });
  it('deep scan finds every match, parents before children', () => {
    assert.deepEqual(value('$..price'), [8.95, 12.99, 8.99, 22.99, 19.95]);
    assert.deepEqual(value('$..book[2].title'), ['Moby Dick']);
  });
  it('filters with comparisons', () => {
    assert.deepEqual(value('$.store.book[?(@.price < 10)].title'), ['Sayings of the Century', 'Moby Dick']);
    assert.deepEqual(value('$.store.book[?(@.price > 20)].title'), ['The Lord of the Rings']);
    assert.deepEqual(value("$.store.book[?(@.category == 'reference')].author"), ['Nigel Rees']);
    assert.deepEqual(value("$.store.book[?(@.category != 'fiction')].author"), ['Nigel Rees']);
    assert.deepEqual(value('$.store.book[?(@.price <= 8.99)].price'), [8.95, 8.99]);
  });
  it('filters with && and ||', () => {
    assert.deepEqual(value("$.store.book[?(@.category == 'fiction' && @.price < 10)].title"), ['Moby Dick']);
    assert.deepEqual(value('$.store.book[?(@.price < 9 || @.price > 20)].price'), [8.95, 8.99, 22.99]);
  });
  it('filters on existence, on a root value, and with =~ regular expressions (full match, /i)', () => {
    assert.deepEqual(value('$.store.book[?(@.isbn)].title'), ['Moby Dick', 'The Lord of the Rings']);
    assert.deepEqual(value('$.store.book[?(@.price > $.expensive)].price'), [12.99, 22.99]);
    assert.deepEqual(value('$.store.book[?(@.author =~ /.*rees/i)].author'), ['Nigel Rees']);
    assert.deepEqual(value('$.store.book[?(@.author =~ /Rees/)].author'), []);
  });
  it('filters with in and nin', () => {
    assert.deepEqual(value("$.store.book[?(@.price in [8.95, 22.99])].price"), [8.95, 22.99]);
    assert.deepEqual(value("$.store.book[?(@.category nin ['fiction'])].price"), [8.95]);
  });
  it('functions: length()', () => {
    assert.equal(value('$.store.book.length()'), 4);
  });
  it('several names as the last step merge into one map, and the path stays definite', () => {
    const doc = { arr: [{ n: 1, t: 'x', z: true }] };
    assert.deepEqual(value("$.arr[0]['n','t']", doc), { n: 1, t: 'x' });
    assert.deepEqual(value("$.arr[0]['n','nope']", doc), { n: 1 });
    assert.deepEqual(value("$.arr[0]['a','b']", doc), {});
    assert.deepEqual(value("$.arr[*]['n','t']", doc), [{ n: 1, t: 'x' }]);
  });
  it('several names before further steps iterate, like an index union', () => {
    const doc = { a: { x: { v: 1 }, y: { v: 2 } } };
    assert.deepEqual(value("$.a['x','y'].v", doc), [1, 2]);
    assert.deepEqual(value("$.a['x','nope'].v", doc), [1]);
  });
  it('a deep scan merges several names only in maps that have all of them', () => {
    const doc = { a: { n: 1, t: 2 }, b: { n: 3 } };
    assert.deepEqual(value("$..['n','t']", doc), [{ n: 1, t: 2 }]);
  });
  it('min(), max(), sum(), avg() and stddev() are Doubles; length() is an Integer', () => {
    const doc = { nums: [1, 2, 3], mixed: [4, 'x', 2.5] };
    const text = (path: string) => String(value(path, doc));
    assert.equal(text('$.nums.min()'), '1.0');
    assert.equal(text('$.nums.max()'), '3.0');
    assert.equal(text('$.nums.sum()'), '6.0');
    assert.equal(text('$.nums.avg()'), '2.0');
    assert.equal(text('$.nums.stddev()'), String(Math.sqrt(14 / 3 - 36 / 9)));
    assert.equal(text('$.mixed.sum()'), '6.5');
    assert.equal(value('$.nums.length()', doc), 3);
    assert.equal(value('$.length()', doc), 2);
    assert.equal(value('$.nums[0].length()', doc), null);
  });
  it('a top-level string body has no properties', () => assert.equal(value('$.message', 'a=b'), 'NOT FOUND'));
});

describe('parseJsonPath', () => {
  it('accepts valid paths', () => {
    for (const path of ['$', '$.a.b', "$['a']", '$..a', '$.a[*]', '$.a[0:2]', '$.a[?(@.b == 1)]', 'a.b']) {
      assert.deepEqual(parseJsonPath(path), { ok: true }, path);
    }
  });
  it('reports errors with their offset', () => {
    assert.deepEqual(parseJsonPath('$.a['), { ok: false, error: "Invalid JSONPath '$.a[': missing ']'", offset: 4 });
    assert.equal(parseJsonPath('$.a.').ok, false);
    assert.equal(parseJsonPath('$.a[?(@.b == )]').ok, false);
    assert.equal(parseJsonPath('').ok, false);
    assert.match(parseJsonPath('$.a[x]').error!, /invalid index/);
  });
});
