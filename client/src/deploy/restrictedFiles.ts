import { realpathSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The files a deploy would send that lie outside every workspace folder. In Restricted Mode the workspace is not
 * trusted, and a `$ref` it writes could name any file on the machine (`../../.kube/config`): bundled into the import,
 * that file would be uploaded to API Gateway where the API, or anyone its definition exposes it to, can read it.
 * Folders and files are file system paths, compared where links lead.
 */
export function filesOutsideWorkspace(files: string[], folders: string[]): string[] {
  // Where files really are: a link the workspace holds may lead anywhere (`link.yaml -> ~/.aws/credentials`).
  const real = (file: string) => {
    try {
      return realpathSync.native(file);
    } catch {
      return undefined;
    }
  };
  const roots = folders.map((folder) => real(folder) ?? path.resolve(folder));
  return files.filter((file) => {
    const where = real(file);
    // A file that cannot be found is not known to be inside.
    return where === undefined || !roots.some((root) => isInside(where, root));
  });
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Why a deploy in Restricted Mode is refused, naming the first outside file as the user would find it. */
export function restrictedDeployRefusal(definition: string, outside: string[]): string {
  const more = outside.length > 1 ? ` and ${outside.length - 1} more file${outside.length > 2 ? 's' : ''}` : '';
  return `Not deployed: in Restricted Mode a deploy sends only files of the workspace, and ${definition} references ${outside[0]}${more} outside it. Trust the workspace (Manage Workspace Trust) to deploy it.`;
}
