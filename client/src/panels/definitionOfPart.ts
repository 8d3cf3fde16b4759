import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApiDocuments } from '../apiDocuments';

/**
 * The definition (a URI string) a file that definitions' `$ref`s name is run in. A file two APIs share (`api-v1.yaml`
 * and `api-v2.yaml` naming `paths/pets.yaml`) runs in the one the user chooses: the operation's path, and with it
 * `$context.resourcePath`, the stage and the integration around the file are that API's. `definition` is undefined
 * when the language server has named none yet; the answer is undefined when the user chose none.
 */
export async function chooseDefinitionOfPart(documents: ApiDocuments, part: vscode.TextDocument, action: 'Invoke' | 'Evaluate'): Promise<{ definition?: string } | undefined> {
  const using = documents.definitionsUsing(part);
  // The one the menus were offered for is named, so that the server runs the file where the editor said it stands.
  if (using.length <= 1) return { definition: using[0] };
  const picked = await vscode.window.showQuickPick(
    using.map((uri) => ({ label: path.basename(vscode.Uri.parse(uri).path), description: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), uri })),
    { title: `${action} ${path.basename(part.uri.path)} in Which Definition?`, placeHolder: 'Several definitions use this file: choose the API to run it in' },
  );
  return picked && { definition: picked.uri };
}
