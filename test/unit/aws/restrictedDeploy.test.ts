import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { filesOutsideWorkspace, restrictedDeployRefusal } from '../../../client/src/deploy/restrictedFiles';

describe('a deploy in Restricted Mode', () => {
  let root = '';
  let api = '';
  let schemas = '';
  const file = (relative: string) => {
    const at = path.join(root, relative);
    mkdirSync(path.dirname(at), { recursive: true });
    writeFileSync(at, 'x: 1\n');
    return at;
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'apigw-restricted-'));
    api = path.join(root, 'api');
    schemas = path.join(root, 'shared-schemas');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the referenced files outside every workspace folder', () => {
    const inside = [file('api/paths/pets.yaml'), file('shared-schemas/pet.yaml')];
    const outside = [file('home/.kube/config'), file('api-old/x.yaml'), path.join(api, '..', 'secrets.yaml')];
    file('secrets.yaml');
    assert.deepEqual(filesOutsideWorkspace([...inside, ...outside], [api, schemas]), outside);
  });

  it('follows links: one kept in the workspace that leads out of it is outside', () => {
    const secret = file('home/.aws/credentials.json');
    mkdirSync(api, { recursive: true });
    const link = path.join(api, 'link.yaml');
    symlinkSync(secret, link);
    assert.deepEqual(filesOutsideWorkspace([link], [api]), [link]);
  });

  it('takes a file it cannot find, and every file when no folder is open, for outside', () => {
    assert.deepEqual(filesOutsideWorkspace([path.join(api, 'gone.yaml')], [api]), [path.join(api, 'gone.yaml')]);
    const pets = file('api/paths/pets.yaml');
    assert.deepEqual(filesOutsideWorkspace([pets], []), [pets]);
  });

  it('says which file is outside and how to deploy anyway', () => {
    assert.equal(restrictedDeployRefusal('api.yaml', ['/home/u/.kube/config']),
      'Not deployed: in Restricted Mode a deploy sends only files of the workspace, and api.yaml references /home/u/.kube/config outside it. Trust the workspace (Manage Workspace Trust) to deploy it.');
    assert.match(restrictedDeployRefusal('api.yaml', ['/a', '/b', '/c']), /references \/a and 2 more files outside it/);
  });
});
