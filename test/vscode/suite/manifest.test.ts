import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { panelIcon } from '../../../client/src/panels/panelIcons';
import { contributes, exampleUri, extensionUnderTest, openExample, settingsSchema, waitFor } from './harness';

interface Command {
  command: string;
  title: string;
  category?: string;
  icon?: string;
}

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const commands = () => (contributes().commands ?? []) as Command[];
const menus = () => (contributes().menus ?? {}) as Record<string, MenuEntry[]>;
const paletteWhen = (command: string) => menus().commandPalette?.find((e) => e.command === command)?.when;
const CONTEXT_KEY = 'apigateway.notApiDefinitions';
const PARTS_CONTEXT_KEY = 'apigateway.definitionParts';

/** What the context key the menus read holds: the paths of open documents known not to be API definitions. */
async function notApiDefinitionPaths(): Promise<string[]> {
  return (await vscode.commands.executeCommand<string[]>('apigateway.notApiDefinitionPaths')) ?? [];
}

describe('The manifest as VS Code reads it', () => {
  before(async () => {
    await openExample('petstore.yaml');
    await waitFor('the extension to activate', () => extensionUnderTest().isActive);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('names every command once, in the API Gateway category, with an icon wherever a view shows it', () => {
    const titles = commands().map((c) => `${c.category}: ${c.title}`);
    assert.deepEqual(titles.filter((t, i) => titles.indexOf(t) !== i), [], 'duplicate titles');
    assert.deepEqual(commands().filter((c) => c.category !== 'API Gateway').map((c) => c.command), []);
    const inViews = new Set([...(menus()['view/title'] ?? []), ...(menus()['view/item/context'] ?? [])].map((e) => e.command));
    assert.deepEqual(commands().filter((c) => inViews.has(c.command) && !c.icon).map((c) => c.command), [], 'commands shown in a view without an icon');
  });

  it('keeps commands that need a row of the tree out of the Command Palette', () => {
    const fromEditors = new Set([...(menus()['editor/context'] ?? []), ...(menus()['editor/title'] ?? [])].map((e) => e.command));
    const rowOnly = [...new Set((menus()['view/item/context'] ?? []).map((e) => e.command))].filter((c) => !fromEditors.has(c));
    assert.ok(rowOnly.length > 0);
    assert.deepEqual(rowOnly.filter((c) => paletteWhen(c) !== 'false'), [], 'row commands the palette offers where they cannot run');
  });

  it('offers the editor commands only on API definitions (and templates), never in a virtual workspace', () => {
    for (const command of ['apigateway.aws.deploy', 'apigateway.invoke.open', 'apigateway.evaluateTemplate']) {
      const entries = [paletteWhen(command), ...Object.entries(menus()).filter(([menu]) => menu.startsWith('editor/')).flatMap(([, e]) => e.filter((x) => x.command === command).map((x) => x.when))];
      for (const when of entries) {
        assert.ok(when?.includes(`resourcePath not in ${CONTEXT_KEY}`), `${command}: ${when}`);
        assert.ok(when?.includes('!virtualWorkspace'), `${command}: ${when}`);
        // A path item file a definition references runs in that definition; it is not deployed on its own.
        assert.equal(when?.includes(`resourcePath in ${PARTS_CONTEXT_KEY}`), command !== 'apigateway.aws.deploy', `${command}: ${when}`);
      }
    }
    assert.match(paletteWhen('apigateway.evaluateTemplate') ?? '', /editorLangId == vtl/);
  });

  it('lists no activation event VS Code already derives from the contributions', () => {
    const events = (extensionUnderTest().packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    const languages = ((contributes().languages ?? []) as { id: string }[]).map((l) => `onLanguage:${l.id}`);
    const implicit = new Set([...languages, ...commands().map((c) => `onCommand:${c.command}`), 'onView:apigateway.apis']);
    assert.deepEqual(events.filter((e) => implicit.has(e)), []);
    // API definitions are YAML or JSON files recognised by their content, so these two are needed.
    assert.deepEqual([...events].sort(), ['onLanguage:json', 'onLanguage:yaml']);
  });

  it('describes every setting, with its type, scope and order, and every enum value', () => {
    const settings = Object.entries(settingsSchema());
    assert.ok(settings.length >= 7);
    for (const [key, schema] of settings) {
      assert.ok(schema.markdownDescription || schema.description, `${key} has no description`);
      assert.ok(schema.type && schema.scope && typeof schema.order === 'number', `${key}: type ${schema.type}, scope ${schema.scope}, order ${schema.order}`);
      if (schema.enum) assert.equal(schema.enumDescriptions?.length, schema.enum.length, `${key}: enumDescriptions`);
    }
    assert.equal(settingsSchema()['apigateway.aws.maxAttempts'].type, 'integer');
  });

  it('declares what works without workspace trust and in virtual workspaces', () => {
    const capabilities = (extensionUnderTest().packageJSON as { capabilities?: Record<string, { supported: unknown; description?: string; restrictedConfigurations?: string[] }> }).capabilities ?? {};
    assert.equal(capabilities.untrustedWorkspaces?.supported, 'limited');
    assert.match(capabilities.untrustedWorkspaces?.description ?? '', /local gateway/);
    assert.deepEqual(capabilities.untrustedWorkspaces?.restrictedConfigurations, ['apigateway.aws.profile', 'apigateway.aws.endpoint']);
    assert.equal(capabilities.virtualWorkspaces?.supported, 'limited');
  });

  it('has a 128×128 PNG icon (vsce refuses an SVG one) and no placeholder address', async () => {
    const manifest = extensionUnderTest().packageJSON as { icon?: string };
    assert.ok(manifest.icon, 'no icon');
    const png = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUnderTest().extensionUri, manifest.icon));
    // The PNG signature, then the IHDR chunk, whose first two fields are the width and the height.
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(String.fromCharCode(...png.subarray(12, 16)), 'IHDR');
    const header = new DataView(png.buffer, png.byteOffset, png.byteLength);
    assert.deepEqual([header.getUint32(16), header.getUint32(20)], [128, 128]);
    assert.doesNotMatch(JSON.stringify(extensionUnderTest().packageJSON), /example\.invalid/);
  });

  it("ships the light and the dark icon of each panel's tab", async () => {
    for (const name of ['evaluator', 'invoke'] as const) {
      for (const uri of Object.values(panelIcon(extensionUnderTest().extensionUri, name))) {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        assert.match(text, /^<svg[^>]* viewBox="0 0 16 16"/, uri.path);
      }
    }
  });
});

interface WalkthroughStep {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

describe('The Getting Started walkthrough', () => {
  const walkthrough = () => ((contributes().walkthroughs ?? []) as { id: string; steps: WalkthroughStep[] }[]).find((w) => w.id === 'apigateway.gettingStarted');
  /** The commands a step's buttons run, without the `toSide:` that only says where the result opens. */
  const buttonCommands = (step: WalkthroughStep) => [...step.description.matchAll(/\]\(command:(?:toSide:)?([\w.]+)/g)].map((m) => m[1]);

  it('gives every step a button whose command exists, including the new definition and the connection', async () => {
    const steps = walkthrough()?.steps ?? [];
    assert.ok(steps.length >= 5 && steps.length <= 6, `${steps.length} steps`);
    const known = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      assert.ok(buttonCommands(step).length > 0, `${step.id} has no button`);
      assert.deepEqual(buttonCommands(step).filter((c) => !known.has(c)), [], `${step.id}: unknown commands`);
    }
    const all = steps.flatMap(buttonCommands);
    for (const command of ['apigateway.newDefinition', 'apigateway.evaluateTemplate', 'apigateway.invoke.open', 'apigateway.aws.chooseProfile', 'apigateway.aws.deploy', 'workbench.action.openSettings']) {
      assert.ok(all.includes(command), `no step runs ${command}`);
    }
  });

  it('completes steps on commands and settings that exist, and ships the markdown of each', async () => {
    const known = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough()?.steps ?? []) {
      for (const event of step.completionEvents ?? []) {
        const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(known.has(name), `${step.id}: ${event}`);
        else if (kind === 'onSettingChanged') assert.ok(name in settingsSchema(), `${step.id}: ${event}`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
      assert.ok(step.media.markdown, `${step.id} has no markdown`);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUnderTest().extensionUri, step.media.markdown)));
      assert.match(text, /^# /, step.media.markdown);
    }
  });
});

/** Closes an untitled document without the question whether to save it. */
async function discard(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('Which open documents the menus take for API definitions', () => {
  it('lists an open YAML file that is not an API definition, and never an API definition', async () => {
    await openExample('petstore.yaml');
    await waitFor('the extension to activate', () => extensionUnderTest().isActive);
    const compose = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'services:\n  web:\n    image: nginx\n' });
    await vscode.window.showTextDocument(compose);
    await waitFor('the compose file in the context key', async () => (await notApiDefinitionPaths()).includes(compose.uri.path));
    const paths = await notApiDefinitionPaths();
    assert.ok(!paths.includes(exampleUri('petstore.yaml').fsPath) && !paths.includes(exampleUri('petstore.yaml').path), paths.join(', '));
    await discard(compose);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('takes a document off the list once it becomes an API definition, and forgets it once closed', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: '{"name": "not-an-api", "openapiVersion": "3"}' });
    const editor = await vscode.window.showTextDocument(document);
    await waitFor('the JSON file in the context key', async () => (await notApiDefinitionPaths()).includes(document.uri.path));
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 1), '"openapi": "3.0.1", '));
    await waitFor('the JSON file to leave the context key', async () => !(await notApiDefinitionPaths()).includes(document.uri.path));

    const other = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'key: value\n' });
    await vscode.window.showTextDocument(other);
    await waitFor('the YAML file in the context key', async () => (await notApiDefinitionPaths()).includes(other.uri.path));
    await discard(other);
    await waitFor('the closed YAML file to leave the context key', async () => !(await notApiDefinitionPaths()).includes(other.uri.path));
    await discard(document);
  });
});
