import assert from 'node:assert/strict';
import { filesOutsideWorkspace, restrictedDeployRefusal } from '../../../client/src/deploy/restrictedFiles';

describe('a deploy in Restricted Mode', () => {
  const folders = ['/work/api', '/work/shared-schemas'];

  it('finds the referenced files outside every workspace folder', () => {
    const files = ['/work/api/paths/pets.yaml', '/work/shared-schemas/pet.yaml', '/home/u/.kube/config', '/work/api-old/x.yaml', '/work/api/../secrets.yaml'];
    assert.deepEqual(filesOutsideWorkspace(files, folders), ['/home/u/.kube/config', '/work/api-old/x.yaml', '/work/api/../secrets.yaml']);
  });

  it('finds every file outside when no folder is open', () => {
    assert.deepEqual(filesOutsideWorkspace(['/work/api/paths/pets.yaml'], []), ['/work/api/paths/pets.yaml']);
  });

  it('says which file is outside and how to deploy anyway', () => {
    assert.equal(restrictedDeployRefusal('api.yaml', ['/home/u/.kube/config']),
      'Not deployed: in Restricted Mode a deploy sends only files of the workspace, and api.yaml references /home/u/.kube/config outside it. Trust the workspace (Manage Workspace Trust) to deploy it.');
    assert.match(restrictedDeployRefusal('api.yaml', ['/a', '/b', '/c']), /references \/a and 2 more files outside it/);
  });
});
