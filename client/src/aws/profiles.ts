import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';

export interface ProfileInfo {
  name: string;
  /** The `region` the config file gives this profile, if any. */
  region?: string;
  /** Where the profile was found, for the picker's detail line. */
  sources: ('config' | 'credentials')[];
  /** True when the profile signs in through IAM Identity Center, so an expired session can be explained. */
  sso: boolean;
}

export function sharedConfigFiles(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    config: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

type IniSections = Map<string, Map<string, string>>;

/** Reads the section/key structure of an AWS shared file; nested sub-properties (indented lines) are not needed here. */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s*[#;].*$/, '');
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const pair = /^([^=\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (pair && current) current.set(pair[1].trim(), pair[2].trim());
  }
  return sections;
}

async function readIfPresent(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Lists the profiles of both shared files. In the config file only `[default]` and `[profile NAME]` name profiles;
 * `[sso-session …]` and `[services …]` sections are something else.
 */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfileInfo[]> {
  const files = sharedConfigFiles(env);
  const byName = new Map<string, ProfileInfo>();
  const entry = (name: string): ProfileInfo => {
    let found = byName.get(name);
    if (!found) {
      found = { name, sources: [], sso: false };
      byName.set(name, found);
    }
    return found;
  };
  for (const [section, values] of parseIni(await readIfPresent(files.config))) {
    const match = /^(?:profile\s+(.+)|(default))$/.exec(section);
    if (!match) continue;
    const profile = entry((match[1] ?? match[2]).trim());
    profile.sources.push('config');
    profile.region = values.get('region') ?? profile.region;
    profile.sso ||= values.has('sso_session') || values.has('sso_start_url');
  }
  for (const section of parseIni(await readIfPresent(files.credentials)).keys()) {
    entry(section.trim()).sources.push('credentials');
  }
  return [...byName.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}
