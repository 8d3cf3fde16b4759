import * as vscode from 'vscode';

export type PanelIconName = 'evaluator' | 'invoke';

/**
 * The tab icon of a panel. Without one VS Code shows a generic webview glyph, so an evaluator and an invoke panel side
 * by side could be told apart only by their titles; each icon is drawn for light and dark themes.
 */
export function panelIcon(extensionUri: vscode.Uri, name: PanelIconName): { light: vscode.Uri; dark: vscode.Uri } {
  return {
    light: vscode.Uri.joinPath(extensionUri, 'media', `${name}-light.svg`),
    dark: vscode.Uri.joinPath(extensionUri, 'media', `${name}-dark.svg`),
  };
}
