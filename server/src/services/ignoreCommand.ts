/**
 * The command of the quick fix "Ignore CODE here in workspace settings", which the client implements: the server cannot
 * write the editor's settings. Its one argument is an `IgnoreRequest`.
 */
export const IGNORE_IN_SETTINGS_COMMAND = 'apigateway.ignoreInSettings';

/** What the client adds to `apigateway.validation.ignore` of the workspace folder holding `uri`. */
export interface IgnoreRequest {
  uri: string;
  /** The JSON Pointer of the smallest node holding the finding. */
  at: string;
  code: string;
}
