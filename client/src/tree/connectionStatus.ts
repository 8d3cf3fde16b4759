import * as vscode from 'vscode';
import { displayEndpoint, ENDPOINT_SETTING, EndpointSettingError, resolveConnection, resolveProfileRegion } from '../aws/connection';
import { listProfiles, sharedConfigFiles } from '../aws/profiles';
import { KNOWN_REGIONS } from '../aws/regions';
import { readSettings, SETTINGS_SECTION, type AwsSession } from './awsSession';

/** Writes where the user keeps the value already: the workspace when it overrides, else the user settings. */
async function updateSetting(key: string, value: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const inspected = config.inspect<string>(key);
  const target = inspected?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
    : inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

export async function chooseProfile(): Promise<string | undefined> {
  const profiles = await listProfiles();
  const files = sharedConfigFiles();
  const current = readSettings().profile;
  type Item = vscode.QuickPickItem & { value: string };
  const items: Item[] = [
    { label: '$(key) Default credential chain', description: current ? '' : 'current', detail: 'AWS_PROFILE, environment variables, then the default profile, SSO, container or instance role', value: '' },
    ...profiles.map((p) => ({
      label: `$(account) ${p.name}`,
      description: [p.name === current ? 'current' : '', p.region ?? '', p.sso ? 'SSO' : ''].filter(Boolean).join(' · '),
      detail: `from ${p.sources.map((s) => (s === 'config' ? files.config : files.credentials)).join(' and ')}`,
      value: p.name,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'AWS profile for API Gateway',
    placeHolder: profiles.length ? 'Choose the profile whose credentials the API Gateway view and deploy use' : `No profiles in ${files.config} or ${files.credentials}`,
  });
  if (!picked) return undefined;
  await updateSetting('profile', picked.value);
  return picked.value;
}

export async function chooseRegion(): Promise<string | undefined> {
  // The region can be chosen while another setting (the endpoint) is still wrong.
  const current = (await resolveProfileRegion(readSettings())).region;
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  quickPick.title = 'AWS region for API Gateway';
  quickPick.placeholder = 'Choose a region or type one';
  quickPick.items = KNOWN_REGIONS.map((r) => ({ label: r, description: r === current ? 'current' : undefined }));
  quickPick.activeItems = quickPick.items.filter((i) => i.label === current);
  const region = await new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.label ?? (quickPick.value.trim() || undefined)));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (!region) return undefined;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    void vscode.window.showErrorMessage(`"${region}" is not a region name (like eu-west-1).`);
    return undefined;
  }
  await updateSetting('region', region);
  return region;
}

/** When the status-bar entry is worth its room, and the events after which that may have changed. */
export interface StatusRelevance {
  relevant(): boolean;
  changes: vscode.Event<unknown>[];
}

/**
 * The status-bar entry naming the profile and region the API Gateway view uses; clicking it changes the profile.
 * It shows only while the view or an API definition is on screen: the extension starts with any YAML or JSON file,
 * and a project whose settings.json happens to be open has no use for an AWS profile in its status bar.
 */
export function createConnectionStatus(session: AwsSession, relevance: StatusRelevance): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('apigateway.aws.connection', vscode.StatusBarAlignment.Left, 50);
  item.name = 'API Gateway connection';
  item.command = 'apigateway.aws.chooseProfile';
  const update = async () => {
    try {
      const connection = await resolveConnection(readSettings());
      const where = `${connection.profile ?? 'default'} · ${connection.region}${connection.endpoint ? ` · ${endpointHost(connection.endpoint)}` : ''}`;
      const described = `API Gateway: profile ${connection.profile ?? '(default chain)'}, region ${connection.region}${connection.endpoint ? `, endpoint ${displayEndpoint(connection.endpoint)}` : ''}`;
      const unreachable = session.unreachable;
      item.text = `${unreachable ? '$(warning)' : '$(cloud)'} ${where}`;
      item.tooltip = `${described}${unreachable ? `\nThe last call did not get through: ${unreachable}` : ''}\nClick to choose another profile`;
      item.command = 'apigateway.aws.chooseProfile';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof EndpointSettingError) {
        // A wrong setting is shown where the connection is, with the way to mend it.
        item.text = '$(warning) API Gateway: check settings';
        item.tooltip = `${message}\nClick to edit the setting`;
        item.command = { title: 'Edit Endpoint Setting', command: 'workbench.action.openSettings', arguments: [ENDPOINT_SETTING] };
      } else {
        item.text = '$(warning) API Gateway';
        item.tooltip = `${message}\nClick to choose another profile`;
        item.command = 'apigateway.aws.chooseProfile';
      }
    }
    hasText = true;
    showIfRelevant();
  };
  // Not shown before its first text: an empty entry would flash in the status bar.
  let hasText = false;
  const showIfRelevant = () => {
    if (hasText && relevance.relevant()) item.show();
    else item.hide();
  };
  void update();
  const subscription = session.onDidChange(() => void update());
  const reachability = session.onDidChangeReachability(() => void update());
  return vscode.Disposable.from(item, subscription, reachability, ...relevance.changes.map((event) => event(showIfRelevant)));
}

/**
 * The endpoint's host and port, which say where calls go (`localhost:4566` for LocalStack) in the few characters a
 * status-bar entry has; the tooltip shows the whole endpoint.
 */
function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host || displayEndpoint(endpoint);
  } catch {
    return displayEndpoint(endpoint);
  }
}
