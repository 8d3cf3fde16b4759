import * as vscode from 'vscode';
import type { TreeNode } from './nodes';
import type { ApiTreeModel } from './treeModel';

/** Shows the tree model in VS Code; refreshing a node re-runs its loader, refreshing nothing reloads the roots. */
export class ApiTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new WeakMap<TreeNode, TreeNode>();

  constructor(private readonly model: ApiTreeModel) {}

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    const children = await this.model.children(element);
    if (element) for (const child of children) this.parents.set(child, element);
    return children;
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return this.parents.get(element);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = !node.load ? vscode.TreeItemCollapsibleState.None
      : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(node.icon, node.kind === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
    if (node.command) item.command = { command: node.command.id, title: node.command.title, arguments: node.command.args };
    else if (node.kind === 'invokeUrl') item.command = { command: 'apigateway.aws.copyInvokeUrl', title: 'Copy Invoke URL', arguments: [node] };
    return item;
  }
}
