// How headless Chromium is launched for every real-VS-Code check, test run and screenshot alike.
import { existsSync } from 'node:fs';

/** Debian's chromium unless APIGW_CHROMIUM names another binary. */
export function chromiumExecutable(): string {
  const candidates = [process.env.APIGW_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('No Chromium found: run scripts/ensure-vscode.sh or set APIGW_CHROMIUM');
  return found;
}

export const chromiumArgs: string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
