import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { main } from '../../server/src/cli/apigw';
import { fakeIO } from '../support/fakeCliIO';
import { PETS_PATH_ITEM, SPLIT_API } from '../support/splitDefinition';

// Two paths use the one path item.
const API = `${SPLIT_API}  /animals:\n    $ref: 'paths/pets.yaml'\n`;
const PETS = PETS_PATH_ITEM;

/** A fresh folder holding `api.yaml` and `paths/pets.yaml` for each test of the block, removed after it. */
function withSplitDefinition(prefix: string, made: (dir: string) => void): void {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    mkdirSync(path.join(dir, 'paths'));
    writeFileSync(path.join(dir, 'api.yaml'), API);
    writeFileSync(path.join(dir, 'paths/pets.yaml'), PETS);
    made(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
}

describe('apigw lint on a definition split over several files', () => {
  let dir = '';
  withSplitDefinition('apigw-split-', (made) => (dir = made));

  it('reports what it finds in a referenced file under that file\'s name, and fails the run', async () => {
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings'], io), 1);
    const lines = io.stdout.trim().split('\n');
    assert.match(lines[0], /^paths\/pets\.yaml:2:42 error unknown-request-validator Request validator "al" is not declared/);
    // Two paths use the file: the same finding at the same place is reported once.
    assert.equal(lines.filter((line) => line.includes('unknown-request-validator')).length, 1);
    assert.match(lines[lines.length - 1], /^2 files checked: 1 error/);
  });

  it('does not call a referenced file named on the command line "no definition"', async () => {
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml', 'paths/pets.yaml', '--no-settings', '--format', 'json'], io), 1);
    const findings = JSON.parse(io.stdout) as { file: string; code: string; line: number }[];
    assert.deepEqual(findings.map((f) => `${f.file} ${f.code} ${f.line}`), ['paths/pets.yaml unknown-request-validator 1']);
  });

  it('reports a $ref of a referenced file that leads nowhere in that file, where it is written', async () => {
    writeFileSync(path.join(dir, 'paths/pets.yaml'), `${PETS}  requestBody: {content: {application/json: {schema: {$ref: '../schemas.yaml#/Pett'}}}}\n`);
    writeFileSync(path.join(dir, 'schemas.yaml'), 'Pet: {type: object}\n');
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'api.yaml', '--no-settings'], io), 1);
    const refs = io.stdout.split('\n').filter((line) => line.includes('unresolved-ref'));
    // Two paths lead to it: it is one mistake, in the path item.
    assert.deepEqual(refs, ["paths/pets.yaml:9:61 error unresolved-ref `../schemas.yaml` has nothing at `#/Pett`. Did you mean `../schemas.yaml#/Pet`?"]);
  });

  it('checks a part of a definition linted alone with the definition that references it, as the editor does', async () => {
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'paths/pets.yaml', '--no-settings'], io), 1);
    assert.deepEqual(io.stdout.trim().split('\n'), ['paths/pets.yaml:2:42 error unknown-request-validator Request validator "al" is not declared (declared validators: "all"). Did you mean "all"?', '1 file checked: 1 error, 0 warnings, 0 notes']);
    assert.equal(io.stderr, 'apigw lint: paths/pets.yaml: no definition of its own; checked through api.yaml, which references it\n');
    writeFileSync(path.join(dir, 'paths/pets.yaml'), PETS.replace(' al\n', ' all\n'));
    assert.equal(await main(['lint', 'paths/pets.yaml', '--no-settings'], fakeIO(dir)), 0);
  });

  it('reports only what the definition finds in the part named, not in itself or its other parts', async () => {
    writeFileSync(path.join(dir, 'api.yaml'), `${API.replace('openapi: 3.0.1', 'openapi: 3.0.1\nx-amazon-apigateway-api-key-source: BODY')}  /owners:\n    $ref: 'paths/owners.yaml'\n`);
    writeFileSync(path.join(dir, 'paths/owners.yaml'), PETS.replace(' al\n', ' nope\n'));
    const files = async (args: string[]) => {
      const io = fakeIO(dir);
      assert.equal(await main(['lint', ...args, '--no-settings', '--format', 'json'], io), 1);
      return [...new Set((JSON.parse(io.stdout) as { file: string }[]).map((f) => f.file))].sort();
    };
    assert.deepEqual(await files(['api.yaml']), ['api.yaml', 'paths/owners.yaml', 'paths/pets.yaml']);
    assert.deepEqual(await files(['paths/pets.yaml']), ['paths/pets.yaml']);
  });

  it('searches the definitions from the folder holding .git, and names the definition from where it runs', async () => {
    mkdirSync(path.join(dir, '.git'));
    const io = fakeIO(path.join(dir, 'paths'));
    assert.equal(await main(['lint', 'pets.yaml', '--no-settings'], io), 1);
    assert.match(io.stdout, /^pets\.yaml:2:42 error unknown-request-validator/m);
    assert.match(io.stderr, /^apigw lint: pets\.yaml: no definition of its own; checked through \.\.\/api\.yaml, which references it$/m);
  });

  it('says a file no definition references is no definition, as before', async () => {
    writeFileSync(path.join(dir, 'paths/orphan.yaml'), PETS);
    const io = fakeIO(dir);
    assert.equal(await main(['lint', 'paths/orphan.yaml', '--no-settings'], io), 1);
    assert.match(io.stdout, /^paths\/orphan\.yaml:1:1 error not-an-api-definition .*checked when the definition is linted/m);
    assert.equal(io.stderr, '');
  });
});

/** The command line over real files in `dir`, which `--fix` may write. */
function writingIO(dir: string) {
  return Object.assign(fakeIO(dir), { writeBytes: (file: string, bytes: Buffer) => Promise.resolve(writeFileSync(path.resolve(dir, file), bytes)) });
}

describe('apigw lint --fix on a definition split over several files', () => {
  let dir = '';
  withSplitDefinition('apigw-split-fix-', (made) => (dir = made));

  it('fixes the misspelt validator in the referenced file, and reports it clean', async () => {
    const io = writingIO(dir);
    assert.equal(await main(['lint', '--fix', 'api.yaml', '--no-settings'], io), 0, io.stdout + io.stderr);
    assert.equal(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), PETS.replace(' al\n', ' all\n'));
    assert.equal(readFileSync(path.join(dir, 'api.yaml'), 'utf8'), API);
    assert.match(io.stderr, /fixed 1 problem in 1 file/);
    assert.doesNotMatch(io.stdout, /unknown-request-validator/);
  });

  it('prints the referenced file\'s fix in the dry run\'s diff, and writes nothing', async () => {
    const io = writingIO(dir);
    assert.equal(await main(['lint', '--fix-dry-run', 'api.yaml', '--no-settings'], io), 0, io.stdout + io.stderr);
    assert.match(io.stdout, /^--- a\/paths\/pets\.yaml\n\+\+\+ b\/paths\/pets\.yaml\n/m);
    assert.match(io.stdout, /^-  x-amazon-apigateway-request-validator: al$/m);
    assert.match(io.stdout, /^\+  x-amazon-apigateway-request-validator: all$/m);
    assert.equal(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), PETS);
    assert.match(io.stderr, /would fix 1 problem in 1 file/);
  });

  it('fixes a referenced file named on the command line too, once', async () => {
    const io = writingIO(dir);
    assert.equal(await main(['lint', '--fix', 'api.yaml', 'paths/pets.yaml', '--no-settings', '--format', 'json'], io), 0, io.stdout + io.stderr);
    assert.equal(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), PETS.replace(' al\n', ' all\n'));
    assert.deepEqual(JSON.parse(io.stdout), []);
  });

  it('reports the referenced file as it is on disk when its fix cannot be written, and exits 2', async () => {
    const io = fakeIO(dir);
    assert.equal(await main(['lint', '--fix', 'api.yaml', '--no-settings'], io), 2);
    assert.match(io.stderr, /paths\/pets\.yaml: not fixed: files cannot be written here/);
    assert.equal(io.stdout.split('\n').filter((line) => line.startsWith('paths/pets.yaml:2:42 error unknown-request-validator')).length, 1);
  });

  it('fixes a referenced file named with ./ on the command line, under that name', async () => {
    const io = writingIO(dir);
    assert.equal(await main(['lint', '--fix', 'api.yaml', './paths/pets.yaml', '--no-settings'], io), 0, io.stdout + io.stderr);
    assert.equal(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), PETS.replace(' al\n', ' all\n'));
    assert.match(io.stdout, /^2 files checked: 0 errors, 0 warnings, 0 notes$/m);
  });

  it('leaves a file two definitions use as it is, saying why, and reports what each finds there', async () => {
    // The other definition declares a validator the misspelt name is closer to.
    writeFileSync(path.join(dir, 'api2.yaml'), API.replace('  all: {validateRequestBody: true}', '  ale: {validateRequestBody: true}'));
    const io = writingIO(dir);
    assert.equal(await main(['lint', '--fix', 'api.yaml', 'api2.yaml', '--no-settings'], io), 1);
    assert.equal(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), PETS);
    assert.match(io.stderr, /paths\/pets\.yaml: not fixed: 2 definitions use it \(api\.yaml, api2\.yaml\)/);
    assert.match(io.stdout, /Did you mean "all"\?/);
    assert.match(io.stdout, /Did you mean "ale"\?/);
  });

  it('fixes a part named alone as the definition it is checked through finds it, and reports nothing else', async () => {
    // The definition has a finding of its own, and another part has one: neither is fixed nor reported.
    writeFileSync(path.join(dir, 'api.yaml'), `${API.replace('openapi: 3.0.1', 'openapi: 3.0.1\nx-amazon-apigateway-api-key-source: header')}  /owners:\n    $ref: 'paths/owners.yaml'\n`);
    writeFileSync(path.join(dir, 'paths/owners.yaml'), PETS.replace(' al\n', ' alll\n'));
    const io = writingIO(dir);
    assert.equal(await main(['lint', '--fix', 'paths/pets.yaml', '--no-settings', '--format', 'json'], io), 0, io.stdout + io.stderr);
    assert.equal(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), PETS.replace(' al\n', ' all\n'));
    assert.equal(readFileSync(path.join(dir, 'paths/owners.yaml'), 'utf8'), PETS.replace(' al\n', ' alll\n'));
    assert.match(readFileSync(path.join(dir, 'api.yaml'), 'utf8'), /api-key-source: header/);
    assert.deepEqual(JSON.parse(io.stdout), []);
    assert.match(io.stderr, /checked through api\.yaml/);
    assert.match(io.stderr, /fixed 1 problem in 1 file/);
  });

  it('shows the fix of a part named alone in the dry run, and writes nothing', async () => {
    const io = writingIO(dir);
    assert.equal(await main(['lint', '--fix-dry-run', 'paths/pets.yaml', '--no-settings'], io), 0, io.stdout + io.stderr);
    assert.match(io.stdout, /^\+  x-amazon-apigateway-request-validator: all$/m);
    assert.equal(readFileSync(path.join(dir, 'paths/pets.yaml'), 'utf8'), PETS);
  });

  it('leaves a fix that would write into the definition to the editor, and still reports its finding', async () => {
    // An undeclared validator with no name near it: the only fix would define it in the definition.
    writeFileSync(path.join(dir, 'paths/pets.yaml'), PETS.replace(' al\n', ' strictest\n'));
    const io = writingIO(dir);
    assert.equal(await main(['lint', '--fix', 'api.yaml', '--no-settings'], io), 1);
    assert.equal(readFileSync(path.join(dir, 'api.yaml'), 'utf8'), API);
    assert.match(io.stdout, /^paths\/pets\.yaml:2:42 error unknown-request-validator/m);
    assert.match(io.stderr, /nothing to fix/);
  });
});

describe('apigw bundle', () => {
  let dir = '';
  withSplitDefinition('apigw-bundle-', (made) => (dir = made));

  it('writes the one document API Gateway imports, as JSON or YAML, to standard output or a file', async () => {
    const io = fakeIO(dir);
    assert.equal(await main(['bundle', 'api.yaml'], io), 0, io.stderr);
    const value = JSON.parse(io.stdout) as { paths: Record<string, { get: Record<string, unknown> }> };
    assert.equal(value.paths['/pets'].get['x-amazon-apigateway-request-validator'], 'al');
    assert.deepEqual(value.paths['/animals'], value.paths['/pets']);
    assert.match(io.stderr, /api\.yaml and 1 referenced file made one document/);
    const yaml = fakeIO(dir);
    let written = '';
    yaml.writeBytes = async (file, bytes) => {
      assert.equal(file, 'out.yaml');
      written = bytes.toString('utf8');
    };
    assert.equal(await main(['bundle', 'api.yaml', '--format', 'yaml', '--output', 'out.yaml'], yaml), 0, yaml.stderr);
    assert.equal(yaml.stdout, '');
    assert.match(written, /^ {6}x-amazon-apigateway-request-validator: al$/m);
  });

  it('writes YAML that YAML 1.1 and 1.2 readers both read as the definition\'s values', async () => {
    // Each is a string that some YAML version reads as a boolean, number, date, null or merge key when unquoted.
    const strings = ['2026-11-01', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'NO', '0777', '0o17', '1_000', '1e3', '0b101', '12:30:00', '1:20', '~', 'null', '.inf', '=', '<<', 'plain words'];
    const definition = {
      openapi: '3.0.1',
      info: { title: 't', version: '2026-11-01' },
      paths: {},
      'x-values': { strings, numbers: [1, 0.5, -3, 1e21, -2e-7, 1.5e300], flags: [true, false], nothing: null, keyed: Object.fromEntries(strings.map((s, i) => [s, i])) },
    };
    writeFileSync(path.join(dir, 'one.json'), JSON.stringify(definition));
    const io = fakeIO(dir);
    assert.equal(await main(['bundle', 'one.json', '--format', 'yaml'], io), 0, io.stderr);
    assert.doesNotMatch(io.stdout, /^%YAML/);
    // PyYAML reads a plain `=` as a type its safe loader refuses; the yaml package has no such type to check it with.
    assert.match(io.stdout, /^ {4}- "="$/m);
    // YAML 1.1 floats need a dot: PyYAML reads a plain `1e+21` as a string.
    assert.match(io.stdout, /^ {4}- 1\.0e\+21\n {4}- -2\.0e-7\n {4}- 1\.5e\+300$/m);
    for (const version of ['1.1', '1.2'] as const) assert.deepEqual(parseYaml(io.stdout, { version }), definition, `YAML ${version}`);
  });

  it('names a reference that leads nowhere and fails, and refuses to overwrite the definition', async () => {
    rmSync(path.join(dir, 'paths/pets.yaml'));
    const io = fakeIO(dir);
    assert.equal(await main(['bundle', 'api.yaml'], io), 1);
    assert.equal(io.stdout, '');
    assert.match(io.stderr, /^apigw bundle: api\.yaml: paths\/pets\.yaml names a file that cannot be read\n$/);
    const over = fakeIO(dir);
    over.writeBytes = async () => assert.fail('must not write');
    assert.equal(await main(['bundle', 'api.yaml', '--output', './api.yaml'], over), 2);
    assert.match(over.stderr, /--output names the definition itself/);
    const unwritable = fakeIO(dir);
    unwritable.writeBytes = async () => {
      throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    };
    writeFileSync(path.join(dir, 'paths/pets.yaml'), PETS);
    assert.equal(await main(['bundle', 'api.yaml', '--output', 'missing/out.json'], unwritable), 2);
    assert.match(unwritable.stderr, /^apigw bundle: missing\/out\.json: not written \(ENOENT\)\n/);
  });
});

describe('the split example', () => {
  it('is clean, and runs with its path items from their own files', async () => {
    const root = path.resolve(__dirname, '../..');
    const lint = fakeIO(root);
    assert.equal(await main(['lint', 'examples/split-api/api.yaml', '--no-settings'], lint), 0, lint.stdout);
    assert.match(lint.stdout, /^4 files checked: 0 errors, 0 warnings, 0 notes$/m);
    const invoke = fakeIO(root);
    assert.equal(await main(['invoke', 'examples/split-api/api.yaml', '--method', 'GET', '--path', '/items/7'], invoke), 0, invoke.stderr);
    assert.match(invoke.stdout, /\{"id": "7", "name": "lamp"\}/);
  });
});
