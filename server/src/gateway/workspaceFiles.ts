import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFormat, parseApiDocument, type ApiDocument } from '../model/apiDocument';
import { DEFAULT_CONFIG_PATH, parseLocalConfig, type LocalConfig } from './localConfig';

export function documentFromText(absoluteFile: string, text: string, version = 0): ApiDocument {
  const uri = pathToFileURL(absoluteFile).href;
  return parseApiDocument(TextDocument.create(uri, detectFormat(uri, undefined, text), version, text));
}

/** Problems that stop a document from being run: no parsable tree, or not an OpenAPI / Swagger document. */
export function documentProblem(document: ApiDocument): string | undefined {
  if (!document.root) return document.problems[0]?.message ?? 'the document is empty';
  if (document.kind === 'unknown') return 'not an OpenAPI 3 or Swagger 2.0 document (no openapi or swagger key)';
  const fatal = document.problems.find((p) => p.code !== 'duplicate-key');
  return fatal ? `${fatal.message} (offset ${fatal.offset})` : undefined;
}

export interface ConfigLocation {
  /** Absolute path of the configuration file, or undefined when none is given and the default does not exist. */
  file: string | undefined;
  /** Folder that handler paths are relative to. */
  baseDir: string;
}

/**
 * `--config` when given, else `.apigateway/local.json` in the working folder when it exists. Handler paths are
 * relative to the workspace folder: the parent of `.apigateway` when the file lives there, else its own folder.
 */
export function locateConfig(cwd: string, given: string | undefined): ConfigLocation {
  const file = given ? path.resolve(cwd, given) : existsSync(path.resolve(cwd, DEFAULT_CONFIG_PATH)) ? path.resolve(cwd, DEFAULT_CONFIG_PATH) : undefined;
  if (!file) return { file: undefined, baseDir: cwd };
  const dir = path.dirname(file);
  return { file, baseDir: path.basename(dir) === '.apigateway' ? path.dirname(dir) : dir };
}

export async function loadConfig(location: ConfigLocation, readFile: (file: string) => Promise<string>): Promise<LocalConfig> {
  if (!location.file) return {};
  return parseLocalConfig(await readFile(location.file), location.file);
}
