import { statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFormat, parseApiDocument, type ApiDocument } from '../model/apiDocument';
import type { SyntaxProblem } from '../model/nodes';
import { DEFAULT_CONFIG_PATH, parseLocalConfig, type LocalConfig } from './localConfig';

export function documentFromText(absoluteFile: string, text: string, version = 0): ApiDocument {
  const uri = pathToFileURL(absoluteFile).href;
  return parseApiDocument(TextDocument.create(uri, detectFormat(uri, undefined, text), version, text));
}

/**
 * What stops a document from being run, and the syntax problem it is when there is one: no parsable tree, not an
 * OpenAPI / Swagger document, or a syntax problem other than a duplicate key.
 */
export function blockingProblem(document: ApiDocument): { message: string; at?: SyntaxProblem } | undefined {
  if (!document.root) {
    const first = document.problems[0];
    return first ? { message: `${first.message} (${where(document, first)})`, at: first } : { message: 'the document is empty' };
  }
  if (document.kind === 'unknown') {
    // JSON with a `//` comment still reads as YAML, the comment and the key after it making one key: there the syntax
    // error hides the `openapi` key, and "no openapi key" would name the wrong mistake.
    const syntax = document.problems.find((p) => p.code === 'json-syntax' || p.code === 'yaml-syntax');
    if (syntax) return { message: `${syntax.message} (${where(document, syntax)})`, at: syntax };
    return { message: 'not an OpenAPI 3 or Swagger 2.0 document (no openapi or swagger key)' };
  }
  const fatal = document.problems.find((p) => p.code !== 'duplicate-key');
  return fatal && { message: `${fatal.message} (${where(document, fatal)})`, at: fatal };
}

/** Where a problem is, as the editor counts lines and columns. */
function where(document: ApiDocument, problem: SyntaxProblem): string {
  const { line, character } = document.textDocument.positionAt(problem.offset);
  return `line ${line + 1}, column ${character + 1}`;
}

/** Problems that stop a document from being run (`blockingProblem`), as one line. */
export function documentProblem(document: ApiDocument): string | undefined {
  return blockingProblem(document)?.message;
}

export interface ConfigLocation {
  /** Absolute path of the configuration file, or undefined when none is given and none is found. */
  file: string | undefined;
  /** Folder that handler paths are relative to. */
  baseDir: string;
}

export interface ConfigSearch {
  /** A configuration file named by the user (`--config`); relative to `cwd`. It wins over any search. */
  given?: string;
  cwd?: string;
  /** The workspace folder: the search stops there when the document lies inside it. */
  root?: string;
}

/**
 * The local configuration of an API document: the file the user names, else the nearest `.apigateway/local.json`
 * from the document's folder upwards, to the workspace folder or the filesystem root. Handler paths are relative
 * to the workspace folder: the parent of `.apigateway` when the file lives there, else its own folder.
 */
export function locateConfig(documentFile: string, search: ConfigSearch = {}): ConfigLocation {
  const cwd = search.cwd ?? process.cwd();
  const documentDir = path.dirname(path.resolve(cwd, documentFile));
  const file = search.given ? path.resolve(cwd, search.given) : findConfigUpwards(documentDir, search.root);
  if (!file) return { file: undefined, baseDir: documentDir };
  const dir = path.dirname(file);
  return { file, baseDir: path.basename(dir) === '.apigateway' ? path.dirname(dir) : dir };
}

function findConfigUpwards(from: string, root: string | undefined): string | undefined {
  const boundary = root !== undefined && isInside(from, path.resolve(root)) ? path.resolve(root) : undefined;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, DEFAULT_CONFIG_PATH);
    if (isFile(candidate)) return candidate;
    if (dir === boundary || path.dirname(dir) === dir) return undefined;
  }
}

function isInside(dir: string, folder: string): boolean {
  const relative = path.relative(folder, dir);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export async function loadConfig(location: ConfigLocation, readFile: (file: string) => Promise<string>): Promise<LocalConfig> {
  if (!location.file) return {};
  return parseLocalConfig(await readFile(location.file), location.file);
}
