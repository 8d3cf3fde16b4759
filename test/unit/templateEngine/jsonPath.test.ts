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

describe('JSONPath (Jayway 2.0 dialect)', () => {
  it('$ is the whole document', () => assert.deepEqual(value('$'), store));
  it('dot notation gives one value for a definite path', () => assert.equal(value('$.store.bicycle.color'), 'red'));
  it('bracket notation with single quotes, including names with spaces; a dot before a bracket is ignored', () => {
    assert.equal(value("$['store']['bicycle']['color']"), 'red');
    assert.equal(value("$.store['odd key']"), 1);
    assert.equal(value("$.store.['odd key']"), 1);
  });
  it('double quotes do not name a property in 2.0', () => {
    assert.equal(parseJsonPath('$.store["bicycle"]').ok, false);
  });
  it('a path without $ is read from the root, as Jayway does', () => assert.equal(value('store.bicycle.color'), 'red'));
  it('an index; a negative one is out of range, but slices and (@.length-n) count from the end', () => {
    assert.equal(value('$.store.book[0].author'), 'Nigel Rees');
    assert.equal(value('$.store.book[-1].author'), 'NOT FOUND');
    assert.deepEqual(value('$.store.book[-1:].author'), ['J. R. R. Tolkien']);
    assert.equal(value('$.store.book[(@.length-1)].author'), 'J. R. R. Tolkien');
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
  it('index unions and slices; there is no slice step', () => {
    assert.deepEqual(value('$.store.book[0,2].price'), [8.95, 8.99]);
    assert.deepEqual(value('$.store.book[:2].price'), [8.95, 12.99]);
    assert.deepEqual(value('$.store.book[1:3].price'), [12.99, 8.99]);
    assert.deepEqual(value('$.store.book[-2:].price'), [8.99, 22.99]);
    assert.deepEqual(value('$.store.book[1:3:9].price'), [12.99, 8.99]);
    assert.equal(parseJsonPath('$.store.book[::2]').ok, false);
  });
  it('an index out of range anywhere in the path ends the read: nothing, or an empty list', () => {
    assert.deepEqual(value('$.store.book[0,9].price'), []);
    assert.deepEqual(value('$.store.book[-3:-1].price'), []);
    assert.deepEqual(value('$.store.*.color'), []);
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
    assert.deepEqual(value('$.store.book[?(!@.isbn)].title'), ['Sayings of the Century', 'Sword of Honour']);
    assert.deepEqual(value('$.store.book[?(@.price > $.expensive)].price'), [12.99, 22.99]);
    assert.deepEqual(value('$.store.book[?(@.author =~ /.*rees/i)].author'), ['Nigel Rees']);
    assert.deepEqual(value('$.store.book[?(@.author =~ /Rees/)].author'), []);
  });
  it('filter text stays a String: a number compares as a BigDecimal, a quoted "x" keeps its quotes', () => {
    assert.deepEqual(value('$.store.book[?(@.price == 8.950)].title'), ['Sayings of the Century']);
    assert.deepEqual(value('$.store.book[?(@.title == "Moby Dick")].title'), []);
    assert.deepEqual(value('$.store.book[?(10 > @.price)].title'), []);
  });
  it('a comparison Java cannot make ends the read', () => {
    assert.deepEqual(value("$.store.book[?(@.price == 'cheap')].title"), []);
    assert.deepEqual(value("$.store.book[?(@.category =~ 'fiction')].title"), []);
  });
  it('in, nin and functions are not in 2.0: in makes a path with spaces, length() is a property name', () => {
    assert.equal(parseJsonPath('$.store.book[?(@.price in [8.95, 22.99])]').ok, false);
    assert.equal(value('$.store.book.length()'), 'NOT FOUND');
  });
  it('several names as the last step merge into one map, and the path stays definite', () => {
    const doc = { arr: [{ n: 1, t: 'x', z: true }] };
    assert.deepEqual(value("$.arr[0]['n','t']", doc), { n: 1, t: 'x' });
    assert.deepEqual(value("$.arr[0]['n','nope']", doc), { n: 1 });
    assert.deepEqual(value("$.arr[0]['a','b']", doc), {});
    assert.deepEqual(value("$.arr[*]['n','t']", doc), [{ n: 1, t: 'x' }]);
  });
  it('several names before further steps end the read', () => {
    const doc = { a: { x: { v: 1 }, y: { v: 2 } } };
    assert.equal(value("$.a['x','y'].v", doc), 'NOT FOUND');
  });
  it('a deep scan merges several names only in maps that have all of them', () => {
    const doc = { a: { n: 1, t: 2 }, b: { n: 3 } };
    assert.deepEqual(value("$..['n','t']", doc), [{ n: 1, t: 2 }]);
  });
  it('a top-level string body has no properties', () => assert.equal(value('$.message', 'a=b'), 'NOT FOUND'));
});

describe('parseJsonPath', () => {
  it('accepts valid paths', () => {
    for (const path of ['$', '$.a.b', "$['a']", '$..a', '$.a[*]', '$.a[0:2]', '$.a[?(@.b == 1)]', 'a.b', '$.a[(@.length-1)]']) {
      assert.deepEqual(parseJsonPath(path), { ok: true }, path);
    }
  });
  it('reports errors with their offset', () => {
    assert.deepEqual(parseJsonPath('$.a['), { ok: false, error: "Invalid JSONPath '$.a[': missing ']' after '['", offset: 3 });
    assert.equal(parseJsonPath('$.a.').ok, false);
    assert.equal(parseJsonPath('$.a..').ok, false);
    assert.equal(parseJsonPath('$.a b').ok, false);
    assert.equal(parseJsonPath('').ok, false);
    assert.match(parseJsonPath('$.a[x]').error!, /neither a name, an index nor a filter/);
  });
});
