import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/languageService';
import { decodeInput } from '../../server/src/model/definitionBytes';
import { looksLikeApiDefinition as isDefinitionText } from '../../server/src/model/definitionKeys';
import { UsageError } from '../../server/src/cli/io';
import { parseOptions } from '../../server/src/cli/options';

describe('apigw option parsing', () => {
  const spec = { values: ['--format'], repeated: ['--header'], flags: ['--json'] };

  it('ends the options at --', () => {
    const parsed = parseOptions(['--json', '--', '--format', '-h', 'a'], spec);
    assert.deepEqual(parsed.positional, ['--format', '-h', 'a']);
    assert.equal(parsed.help, false);
    assert.ok(parsed.flags.has('--json'));
  });

  it('takes - as an argument and rejects unknown short options', () => {
    assert.deepEqual(parseOptions(['-'], spec).positional, ['-']);
    assert.throws(() => parseOptions(['a', '-f'], spec), (e: unknown) => e instanceof UsageError && e.message === 'unknown option -f');
  });

  it('reports help over any mistake, and the first mistake without help', () => {
    // `-h` here is the value of --format, not a request for help.
    assert.throws(() => parseOptions(['--bogus', '--format', '-h'], spec), /unknown option --bogus/);
    assert.equal(parseOptions(['--bogus', 'x', '--help'], spec).help, true);
    assert.equal(parseOptions(['-h', '--format'], spec).help, true);
  });

  it('refuses an empty argument or file option, which an unset variable gives, naming it', () => {
    const empty = (e: unknown) => e instanceof UsageError && /^an empty argument \(''\) is no file name/.test(e.message);
    assert.throws(() => parseOptions(['a.yaml', ''], spec), empty);
    assert.throws(() => parseOptions(['--', ''], spec), empty);
    assert.throws(() => parseOptions(['--settings', ''], { values: ['--settings'], files: ['--settings'] }), (e: unknown) => e instanceof UsageError && e.message.startsWith("--settings: an empty argument ('')"));
    // A value that names no file is the command's to judge.
    assert.equal(parseOptions(['--format', ''], spec).values.get('--format'), '');
  });
});

describe('apigw definition detection', () => {
  it('counts only top-level openapi and swagger keys', () => {
    assert.ok(isDefinitionText('openapi: 3.0.1\ninfo: {}\n'));
    assert.ok(isDefinitionText('\uFEFFopenapi: 3.0.1\n'));
    assert.ok(isDefinitionText('\uFEFF{"openapi": "3.0.1"}'));
    assert.ok(isDefinitionText('# comment\n"swagger": "2.0"\n'));
    assert.ok(!isDefinitionText('services:\n  openapi:\n    image: x\n'));
    assert.ok(!isDefinitionText('jobs:\n  swagger:\n    runs-on: x\n'));
    assert.ok(!isDefinitionText('openapi-version: 3\n'));
    assert.ok(!isDefinitionText('{"name": "x", "scripts": {"openapi": "apigw lint"}}'));
    assert.ok(!isDefinitionText('{"tags": ["openapi"], "x": "openapi"}'));
    assert.ok(!isDefinitionText('{"a": "\\"openapi\\": 1"}'));
  });

  it('reads JSON to its end, and broken JSON as far as it goes', () => {
    assert.ok(isDefinitionText(`{"info": {"description": "${'x'.repeat(300_000)}"}, "openapi": "3.0.1"}`));
    assert.ok(isDefinitionText('  {"info": {"title": "x"}, "swagger": "2.0", "paths": {'));
    assert.ok(!isDefinitionText('{"info": {"openapi": "3.0.1"'));
  });
});

describe('apigw input decoding', () => {
  it('passes UTF-8 through without its byte order mark', () => {
    assert.deepEqual(decodeInput(Buffer.from('\ufeffopenapi: 3.0.1\n')), { text: 'openapi: 3.0.1\n' });
  });

  it('locates the first byte that is not UTF-8', () => {
    const decoded = decodeInput(Buffer.concat([Buffer.from('\ufeffa: é\nbé: '), Buffer.from([0xed, 0xa0, 0x80])]));
    assert.ok('unreadable' in decoded);
    assert.deepEqual({ ...decoded.unreadable, message: undefined }, { code: 'not-utf8', line: 1, character: 4, message: undefined });
    assert.match(decoded.unreadable.message, /byte 0xED/);
  });

  it('tells a U+FFFD written in the file from an invalid byte, and counts columns in UTF-16 units', () => {
    const decoded = decodeInput(Buffer.concat([Buffer.from('\ufeff\ufffd😀'), Buffer.from([0xe2, 0x82, 0x41])]));
    assert.ok('unreadable' in decoded);
    assert.deepEqual([decoded.unreadable.line, decoded.unreadable.character], [0, 3]);
    assert.match(decoded.unreadable.message, /byte 0xE2/);
    const truncated = decodeInput(Buffer.concat([Buffer.from('a\nb\n\ufffd'), Buffer.from([0xf0, 0x9f])]));
    assert.ok('unreadable' in truncated);
    assert.deepEqual([truncated.unreadable.line, truncated.unreadable.character], [2, 1]);
    assert.match(truncated.unreadable.message, /byte 0xF0/);
  });

  it('looks for NUL bytes in the first 8 KB of bytes, whatever they decode to', () => {
    const euros = Buffer.from('€'.repeat(2731)); // 8193 bytes, 2731 UTF-16 units
    assert.ok('text' in decodeInput(Buffer.concat([euros, Buffer.from([0x00])])));
    const early = decodeInput(Buffer.concat([euros.subarray(0, 8190), Buffer.from([0x0a, 0x00])]));
    assert.ok('unreadable' in early);
    assert.deepEqual([early.unreadable.code, early.unreadable.line, early.unreadable.character], ['binary-content', 1, 0]);
  });

  it('calls NUL bytes binary content and UTF-16 not UTF-8, keeping a readable text for detection', () => {
    const binary = decodeInput(Buffer.from([0x41, 0x0a, 0x42, 0x00]));
    assert.ok('unreadable' in binary);
    assert.deepEqual([binary.unreadable.code, binary.unreadable.line, binary.unreadable.character], ['binary-content', 1, 1]);
    const utf16 = decodeInput(Buffer.from('\ufeffopenapi: 3.0.1\n', 'utf16le'));
    assert.ok('unreadable' in utf16);
    assert.equal(utf16.unreadable.code, 'not-utf8');
    assert.ok(isDefinitionText(utf16.lenientText));
  });

  it('places unreadable bytes on the line and column the editor shows, lines ending at CR alone too, with its words', async () => {
    const text = 'openapi: 3.0.1\rinfo: {title: t, version: "1"}\r\npaths: {}\rx-a: "\0"\r';
    const binary = decodeInput(Buffer.from(text));
    assert.ok('unreadable' in binary);
    const [diagnostic] = await createLanguageService().doValidation(TextDocument.create('file:///a.yaml', 'yaml', 1, text));
    assert.deepEqual([binary.unreadable.line, binary.unreadable.character, binary.unreadable.message], [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.message]);
    assert.deepEqual([binary.unreadable.line, binary.unreadable.character], [3, 6]);
    const latin1 = decodeInput(Buffer.concat([Buffer.from('openapi: 3.0.1\rinfo:\r  title: caf'), Buffer.from([0xe9]), Buffer.from('\r')]));
    assert.ok('unreadable' in latin1);
    assert.deepEqual([latin1.unreadable.code, latin1.unreadable.line, latin1.unreadable.character], ['not-utf8', 2, 12]);
  });
});
