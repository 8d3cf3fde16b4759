import type { Range } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { AnyNode } from '../model/nodes';
import type { Dialect } from '../model/dialect';
import type { ValidationCaches } from './validationCaches';
import type { Unreadable } from '../model/definitionBytes';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = SeverityName | 'off';

export interface LanguageSettings {
  /** REST (v1) or HTTP API (v2) rules; `auto` infers the dialect from the document. */
  dialect?: Dialect | 'auto';
  /** Per-code severity overrides, e.g. `{ "unsupported-schema-keyword": "off" }`. */
  severity?: Record<string, SeveritySetting>;
  /** Documents larger than this many bytes get syntax checks only. */
  maxValidationSize?: number;
  /** Findings silenced by where they stand (`apigateway.validation.ignore`), by workspace folder. */
  ignore?: IgnoreScope[];
}

/**
 * One entry of `apigateway.validation.ignore`: the findings of `codes` (of every code when absent) within the node the
 * JSON Pointer `at` names, in the files `file` names. JSON has no comments to silence a line with.
 */
export interface IgnoreEntry {
  file: string;
  at: string;
  codes?: string[];
  reason?: string;
}

/** The entries a workspace folder's settings hold; their `file` names files from that folder (URI). */
export interface IgnoreScope {
  folder: string;
  entries: IgnoreEntry[];
}

/** A problem found by a rule, before severity settings and suppressions are applied. */
export interface Problem {
  offset: number;
  end: number;
  code: string;
  message: string;
  /** Overrides the code's default severity (rules that grade one code by circumstance). */
  severity?: SeverityName;
  /** Extra facts a quick fix needs (e.g. the missing parameter's name and location). */
  data?: Record<string, unknown>;
  /** Locations elsewhere that explain the problem; `range` places one in another file, whose offsets are its own. */
  related?: { uri: string; offset: number; end: number; message: string; range?: Range }[];
  /** Marks the range as unnecessary (faded) in the editor. */
  unnecessary?: boolean;
}

/** Reads other files for `$ref`s across files; returns undefined when the file cannot be read. */
/** Why a file a `$ref` names could not be read when it is not there. */
export const NO_SUCH_FILE = 'there is no such file';

export interface DocumentResolver {
  /**
   * The file a `$ref` written in `baseUri` names. `dependent`: the document whose validation reads it, when that is not
   * `baseUri` (a reference inside a file another reference led to), so that a change to the file validates it again.
   */
  resolve(baseUri: string, ref: string, dependent?: string): Promise<ApiDocument | undefined>;
  /**
   * The file a `$ref` written in `baseUri` names as last read, without waiting: undefined when it has not been read. For
   * hover and completion, which answer at once; validation reads the files an open definition references.
   */
  loaded?(baseUri: string, ref: string): ApiDocument | undefined;
  /** Why the file a `$ref` written in `baseUri` names could not be read (`NO_SUCH_FILE`), once `resolve` found nothing. */
  whyUnreadable?(baseUri: string, ref: string): string | undefined;
  /**
   * Why the saved file behind an open document is not UTF-8 text; undefined when it is, or when the document is not a
   * file on disk.
   */
  savedEncoding?(uri: string): Promise<Unreadable | undefined>;
}

/** The definition files of the workspace (open ones as edited), for references and renames that cross files. */
export interface WorkspaceDocuments {
  /** The files whose text passes `wanted` (which spares parsing the rest); open documents in their edited state. */
  documents(wanted: (text: string) => boolean): Promise<ApiDocument[]>;
}

export interface ValidationContext {
  document: ApiDocument;
  dialect: Dialect;
  settings: LanguageSettings;
  resolver: DocumentResolver | undefined;
  caches: ValidationCaches;
  report(node: AnyNode | { offset: number; end: number }, code: string, message: string, extra?: Partial<Problem>): void;
  /**
   * Reports a finding at a node of another file the definition's `$ref`s lead to, in that file's own offsets. False
   * when that file's findings are not shown apart from the definition's: the finding then belongs on the definition.
   */
  reportIn?(document: ApiDocument, node: AnyNode, code: string, message: string, extra?: Partial<Problem>): boolean;
  /** Cooperative cancellation: long rules check it between units of work. */
  isCancelled(): boolean;
}

export type Rule = (context: ValidationContext) => void | Promise<void>;
