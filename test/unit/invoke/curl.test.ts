import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { shellQuote, toCurl } from '../../../client/src/panels/curl';

/** What a POSIX shell makes of a command line: its words, printed by the shell itself. */
function shellWords(commandLine: string): string[] {
  const out = execFileSync('sh', ['-c', `set -- ${commandLine}\nfor a in "$@"; do printf '%s\\0' "$a"; done`], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return out.split('\0').slice(0, -1);
}

describe('invoke panel: Copy as curl', () => {
  it('leaves plain words alone and quotes everything else', () => {
    assert.equal(shellQuote('https://x.example/a/b%20c'), 'https://x.example/a/b%20c');
    // `?`, `*` and `&` would glob or split the command line.
    assert.equal(shellQuote('https://x.example/a?b=1&c=*'), "'https://x.example/a?b=1&c=*'");
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('a b'), "'a b'");
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });

  it('survives the shell unchanged for hostile values', () => {
    const nasty = [`it's "quoted" $HOME \`whoami\` $(id) \\ ; | & > < * ? ! #`, "multi\nline\ttab", "'", "''", '-X', '$AWS_SECRET_ACCESS_KEY'];
    for (const value of nasty) assert.deepEqual(shellWords(shellQuote(value)), [value], `value ${JSON.stringify(value)}`);
  });

  it('builds a command whose words are the request', () => {
    const body = `{"name": "O'Brien", "note": "$(rm -rf /)"}`;
    const command = toCurl({ method: 'POST', url: 'https://api.example.com/prod/pets?type=dog&q=a%20b', headers: { 'Content-Type': 'application/json', 'x-note': "it's" }, body });
    assert.match(command, /^curl -i -X POST /);
    assert.ok(command.includes(' \\\n  -H '), 'one option per line');
    assert.deepEqual(shellWords(command), [
      'curl', '-i', '-X', 'POST', 'https://api.example.com/prod/pets?type=dog&q=a%20b',
      '-H', 'Content-Type: application/json', '-H', "x-note: it's", '--data-raw', body,
    ]);
  });

  it('omits -X for a GET without a body and uses --head for HEAD', () => {
    assert.deepEqual(shellWords(toCurl({ method: 'GET', url: 'http://127.0.0.1:3000/health', headers: {} })), ['curl', '-i', 'http://127.0.0.1:3000/health']);
    assert.deepEqual(shellWords(toCurl({ method: 'HEAD', url: 'http://h/x', headers: {} })), ['curl', '-i', '--head', 'http://h/x']);
  });

  it('signs with curl --aws-sigv4, reading the keys from the environment and never writing them', () => {
    const command = toCurl({ method: 'GET', url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/x', headers: {} }, { sigv4: { region: 'eu-west-1' } });
    assert.ok(command.includes('--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"'));
    const words = execFileSync('sh', ['-c', `set -- ${command}\nfor a in "$@"; do printf '%s\\0' "$a"; done`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'AKIDVALUE', AWS_SECRET_ACCESS_KEY: 'hunter2', AWS_SESSION_TOKEN: 'TOKEN' },
    }).split('\0');
    assert.equal(words[words.indexOf('--aws-sigv4') + 1], 'aws:amz:eu-west-1:execute-api');
    assert.ok(words.includes('AKIDVALUE:hunter2'));
    assert.ok(!command.includes('AKIDVALUE') && !command.includes('hunter2'));
    assert.ok(words.includes('x-amz-security-token: TOKEN'));
  });
});
