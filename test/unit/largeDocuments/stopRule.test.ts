import assert from 'node:assert/strict';
import { ParseRate, weighStop, type CallInFlight, type StopPolicy, type ThreadState } from '../../../server/src/largeDocumentStops';

const MB = 1024 * 1024;
const A = 'file:///a.yaml';
const B = 'file:///b.yaml';
const POLICY: StopPolicy = { stopAfterMs: 1000, nearEndMs: 500, threadStartMs: 300 };

/** The thread 1.5 s into a parse of version 1 of a 50 MB document, after call 1 began it and while call 2 waits on another document. */
function state(changes: Partial<ThreadState> = {}, calls: CallInFlight[] = [call(1, A, 1), call(2, B, 1)]): ThreadState {
  return {
    parse: { uri: A, version: 1, chars: 50 * MB, since: 0, received: 1 },
    calls,
    superseded: true,
    buildsOn: () => false,
    parsedChars: () => undefined,
    fresh: false,
    ...changes,
  };
}

function call(id: number, uri: string, version: number, once = false): CallInFlight {
  return { id, uri, version, once };
}

/** 100 ms a megabyte: the 50 MB parse ends at 5 s. */
function rate(): ParseRate {
  const rate = new ParseRate();
  rate.learn(10 * MB, 1000);
  return rate;
}

describe('when a stale parse in the thread for documents over the size limit is stopped', () => {
  it('stops a stale parse that holds up a call on another document', () => {
    assert.deepEqual(weighStop(state(), 1500, rate(), POLICY), { stop: true });
  });

  it('lets a parse of the current version run, and one that holds up no one', () => {
    assert.deepEqual(weighStop(state({ superseded: false }), 1500, rate(), POLICY), { stop: false });
    assert.deepEqual(weighStop(state({}, [call(1, A, 1)]), 1500, rate(), POLICY), { stop: false });
  });

  it('throws away no other work the thread has begun, and never stops while an invocation waits', () => {
    const begun = state({ parse: { uri: A, version: 1, chars: 50 * MB, since: 0, received: 2 } }, [call(1, A, 1), call(2, B, 1), call(3, B, 1)]);
    assert.deepEqual(weighStop(begun, 1500, rate(), POLICY), { stop: false });
    assert.deepEqual(weighStop(state({}, [call(1, A, 1, true), call(2, B, 1)]), 1500, rate(), POLICY), { stop: false });
    // Not even one the thread has not started by its count: the parse may have ended and the invocation begun before
    // the server heard the parse end.
    assert.deepEqual(weighStop(state({}, [call(1, A, 1), call(2, B, 1, true)]), 1500, rate(), POLICY), { stop: false });
  });

  it('lets the parse end when the newer version waiting is parsed by parts from it', () => {
    const newer = [call(1, A, 1), call(2, A, 2)];
    assert.deepEqual(weighStop(state({ buildsOn: (uri, version) => uri === A && version === 1 }, newer), 1500, rate(), POLICY), { stop: false });
    // The newer version came whole: the parse is of no use to it.
    assert.deepEqual(weighStop(state({}, newer), 1500, rate(), POLICY), { stop: true });
    // A call on the stale version itself gains nothing from the parse either.
    assert.deepEqual(weighStop(state({ buildsOn: () => true }, [call(1, A, 1), call(2, A, 1), call(3, B, 1)]), 1500, rate(), POLICY), { stop: true });
  });

  it('lets a young parse run, and asks to be weighed again when it is old enough', () => {
    assert.deepEqual(weighStop(state(), 400, rate(), POLICY), { stop: false, recheckAt: 1000 });
  });

  it('lets a parse end that would end sooner than starting over, counting the parses the new thread must make again', () => {
    assert.deepEqual(weighStop(state(), 4300, rate(), POLICY), { stop: false }, '0.7 s left against 0.8 s');
    assert.deepEqual(weighStop(state(), 4100, rate(), POLICY), { stop: true });
    // Document B is parsed in the thread: 20 MB, 2 s, to parse again.
    assert.deepEqual(weighStop(state({ parsedChars: (uri) => (uri === B ? 20 * MB : undefined) }), 2500, rate(), POLICY), { stop: false });
    assert.deepEqual(weighStop(state({ parsedChars: (uri) => (uri === B ? 20 * MB : undefined) }), 2100, rate(), POLICY), { stop: true });
  });

  it('never stops a thread again before it has finished a parse', () => {
    assert.deepEqual(weighStop(state({ fresh: true }), 1500, rate(), POLICY), { stop: false });
  });

  it('learns the rate from long parses only', () => {
    const learned = new ParseRate();
    const guess = learned.estimate(10 * MB);
    learned.learn(1000, 500);
    assert.equal(learned.estimate(10 * MB), guess);
    learned.learn(2 * MB, 100);
    assert.equal(learned.estimate(10 * MB), 500);
  });
});
