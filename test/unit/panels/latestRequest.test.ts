import assert from 'node:assert/strict';
import { CancellationTokenSource, type CancellationToken } from 'vscode-jsonrpc/node';
import { LatestRequest } from '../../../client/src/panels/latestRequest';

/** A request whose answer the test gives, or whose failure, when it chooses. */
function pending<T>() {
  let answer!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { promise, answer, fail };
}

describe('the latest of a panel’s requests', () => {
  it('cancels the request under way when the next one is sent, and drops its answer', async () => {
    const requests = new LatestRequest(() => new CancellationTokenSource());
    const tokens: CancellationToken[] = [];
    const first = pending<string>();
    const second = pending<string>();
    const firstAnswer = requests.send((token) => (tokens.push(token), first.promise));
    const secondAnswer = requests.send((token) => (tokens.push(token), second.promise));
    assert.deepEqual(tokens.map((token) => token.isCancellationRequested), [true, false]);
    second.answer('new');
    first.answer('old');
    assert.deepEqual(await secondAnswer, { value: 'new' });
    assert.equal(await firstAnswer, undefined);
  });

  it('drops the failure of a superseded request, as a server answers one it was told to cancel', async () => {
    const requests = new LatestRequest(() => new CancellationTokenSource());
    const first = pending<string>();
    const firstAnswer = requests.send(() => first.promise);
    const secondAnswer = requests.send(async () => 'new');
    first.fail(new Error('The request was cancelled before it ran.'));
    assert.equal(await firstAnswer, undefined);
    assert.deepEqual(await secondAnswer, { value: 'new' });
  });

  it('passes on the failure of the latest request', async () => {
    const requests = new LatestRequest(() => new CancellationTokenSource());
    await assert.rejects(requests.send(async () => Promise.reject(new Error('connection lost'))), /connection lost/);
  });

  it('does not cancel a request that has been answered', async () => {
    const requests = new LatestRequest(() => new CancellationTokenSource());
    let token: CancellationToken | undefined;
    assert.deepEqual(await requests.send(async (given) => ((token = given), 1)), { value: 1 });
    requests.cancel();
    await requests.send(async () => 2);
    assert.equal(token?.isCancellationRequested, false);
  });

  it('cancels the request under way when its panel closes', async () => {
    const requests = new LatestRequest(() => new CancellationTokenSource());
    const first = pending<string>();
    let token: CancellationToken | undefined;
    const answer = requests.send((given) => ((token = given), first.promise));
    requests.cancel();
    assert.equal(token?.isCancellationRequested, true);
    first.answer('late');
    assert.equal(await answer, undefined);
  });
});
