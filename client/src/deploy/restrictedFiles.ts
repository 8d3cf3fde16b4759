import * as path from 'node:path';

/**
 * The files a deploy would send that lie outside every workspace folder. In Restricted Mode the workspace is not
 * trusted, and a `$ref` it writes could name any file on the machine (`../../.kube/config`): bundled into the import,
 * that file would be uploaded to API Gateway where the API, or anyone its definition exposes it to, can read it.
 * Folders and files are file system paths.
 */
export function filesOutsideWorkspace(files: string[], folders: string[]): string[] {
  return files.filter((file) => !folders.some((folder) => isInside(path.resolve(file), path.resolve(folder))));
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
