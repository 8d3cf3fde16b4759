/**
 * What `apigw --help` and each command's `--help` print. Kept apart from the commands, which load the gateway or the
 * language service, so that the top-level help lists every option without loading them.
 */

import { MAX_FIX_PASSES } from '../services/fixPassLimit';
import { MAX_INPUT_FILE } from './io';

export { MAX_FIX_PASSES };

export const LINT_USAGE = 'usage: apigw lint FILE|DIRECTORY|PATTERN|-... [--format text|json|sarif|github] [--dialect auto|rest|http] [--severity CODE=LEVEL]... [--settings F | --no-settings] [--fail-on LEVEL] [--max-warnings N] [--fix | --fix-dry-run]';

export const INVOKE_USAGE =
  "usage: apigw invoke FILE --method M --path P [--query k=v]... [--header 'K: V']... [--body-file F] [--stage NAME] [--config F] [--source-ip IP] [--json] [--log] [--fail]";

export const SERVE_USAGE = 'usage: apigw serve FILE [--port N] [--stage NAME] [--config F]';

export const BUNDLE_USAGE = 'usage: apigw bundle FILE [--format json|yaml] [--output F]';

export const EVAL_USAGE =
  'usage: apigw eval TEMPLATE_FILE [--request REQUEST_JSON_FILE] [--kind request|response] [--timeout MS] [--json]\n' +
  '  REQUEST_JSON: {"body": "<raw string>", "params": {"path": {}, "querystring": {}, "header": {}},\n' +
  '                 "multiValueParams": {"querystring": {}, "header": {}}, "stageVariables": {}, "context": {...}}';

export const LINT_HELP = `${LINT_USAGE}

Checks API definitions and mapping templates with the editor's rules and prints one line per finding:
file:line:col severity code message, then a summary (notes are information and hint findings).
  FILE           a file to check: an API definition (reported if it is not one) or a .vtl mapping template. A file
                 not named .yaml, .yml or .json is a definition only with a top-level \`openapi\` or \`swagger\` key;
                 without one it is reported as not-an-api-definition, its lines not read as YAML
  DIRECTORY      the API definitions under it (YAML and JSON files with a top-level \`openapi\` or \`swagger\` key)
                 and .vtl mapping templates, hidden folders included; node_modules, .git and .apigateway (deploy
                 backups, samples) are skipped, other files are left alone
  PATTERN        a quoted glob pattern such as 'apis/**/*.yaml': the API definitions and templates among the files
                 it matches. Unquoted, the shell expands it into FILEs, and each that is no API definition is reported
  -              the text on standard input, reported as <stdin>
  --format F     text (default; lines and columns from 1), json ({file, line, character, endLine, endCharacter,
                 severity, code, message}, lines and characters from 0 as in LSP), sarif (SARIF 2.1.0, from 1), or
                 github (GitHub Actions annotations: ::error file=…,line=…::message, then the summary line;
                 hints, which the editor only fades, are counted but not annotated unless --fail-on hint). Text
                 and json name a file under the current folder from it, however it was given; sarif and github
                 from $GITHUB_WORKSPACE when it is set; a file outside that folder by its absolute path. With json
                 and sarif the summary goes to standard error, so standard output holds the report alone
  --dialect D    auto (default), rest or http: which API Gateway product the definitions are for
  --severity CODE=LEVEL
                 the severity of one diagnostic code: error, warning, information, hint or off; may be repeated.
                 A code this version does not know is named on standard error and has no effect, as in a settings file
  --settings F   a VS Code settings file whose apigateway.validation settings (dialect, severity, maxFileSizeMB)
                 apply. Without it, .vscode/settings.json applies as in the editor: in a repository the nearest one
                 from the current directory up to the repository's root, elsewhere the current directory's own.
                 Options given here win over the file.
  --no-settings  ignore .vscode/settings.json
  --fail-on L    the least severity that fails the run: error (default), warning, information or hint
  --max-warnings N
                 also fail the run when it finds more than N warnings (0 or more), e.g. to keep a legacy API from
                 getting worse while its warnings are worked off
  --fix          apply the quick fixes the editor marks as preferred, those whose repair is certain (a misspelt
                 name or value, a declaration a mapping needs), write the files they change and report the findings
                 that remain, in any --format. Fixes are applied in passes, at most ${MAX_FIX_PASSES}, until none is left; a fix
                 that would break the file's syntax is left out and named on standard error. A file keeps its line
                 breaks and byte order mark; one that changed on disk meanwhile is not written, nor one that is not
                 UTF-8 text (its findings are still reported). In a file a definition references (a path item in
                 paths/pets.yaml), only fixes that replace the text found are applied. The summary (fixed N
                 problems in M files, and how many fixes could not be written) goes to standard error. Not with -
                 (standard input)
  --fix-dry-run  work out the same fixes without writing: standard output holds them as a unified diff (for
                 git apply or patch -p1), standard error the findings that would remain and the summary. Text
                 format only; with - the diff names <stdin>

exit codes: 0 nothing at the --fail-on level or graver (by default: no errors), 1 at least one such finding, or more
warnings than --max-warnings, 2 usage error, a missing file or a file or directory that cannot be opened (locked,
over ${MAX_INPUT_FILE / 1048576} MB, or a named pipe or device; the other files are still checked and the report written, SARIF's
run marked as failed), a settings file that does not parse
or holds a wrong value, a directory or pattern without API definitions, or a file --fix could not write. With --fix
and --fix-dry-run, the findings counted are those left after the fixes`;

export const INVOKE_HELP = `${INVOKE_USAGE}

Runs one request through the local gateway and prints the status line, headers and body.
  --method M        the HTTP method (required)
  --path P          the request path, optionally with a query string, e.g. /pets/1?x=1 (required)
  --query k=v       a query parameter; may be repeated
  --header 'K: V'   a request header; may be repeated: each value is sent, names compared without case
  --body-file F     the request body, sent byte for byte
  --stage NAME      the stage whose variables apply
  --config F        the local configuration (default: the nearest .apigateway/local.json)
  --source-ip IP    the client address the gateway sees (default 127.0.0.1)
  --json            print {status, headers, body, log} as JSON
  --log             print the execution log to standard error
  --fail            exit 1 when the status is 400 or above, like curl -f

exit codes: 0 the request ran, whatever its HTTP status (without --fail), 1 the request could not be run or, with
--fail, its status was 400 or above, 2 usage error or an unreadable file`;

export const SERVE_HELP = `${SERVE_USAGE}

Serves the API on 127.0.0.1 through the local gateway, reloading when the definition or configuration changes.
Each request is logged on one line, followed by what its Lambda functions printed, each line prefixed with
[function name], and for a failed invocation its error type, message and stack trace.
  --port N       the port (default 3000; 0 picks a free one)
  --stage NAME   the stage whose variables apply
  --config F     the local configuration (default: the nearest .apigateway/local.json)

exit codes: 0 stopped (Ctrl-C, SIGTERM), 1 unexpected failure, 2 usage error, an unreadable definition or a port in use`;

export const EVAL_HELP = `${EVAL_USAGE}

Renders a mapping template and prints its output; errors go to standard error as file:line:col.
  --request F     a sample request (JSON, shape above)
  --kind K        request (default) or response: which kind of mapping template
  --timeout MS    stop a template that runs longer than this many milliseconds (default 2000)
  --json          print {output, requestOverride, responseOverride, errors, gatewayError} as JSON

exit codes: 0 rendered, 1 a template error or an answer API Gateway would give itself, 2 usage error`;

export const BUNDLE_HELP = `${BUNDLE_USAGE}

Writes the one document API Gateway imports for a definition whose $refs name other files, as deploy sends it: each
reference to another file replaced by what it leads to, references back into the definition kept as its own pointers,
and a schema that contains itself through another file moved to the models. A definition in one file is written as
it is, converted to the format asked for.
  --format json|yaml  what to write (default json). YAML quotes every string that a YAML 1.1 reader
                      (CloudFormation and SAM tooling, PyYAML, SnakeYAML) or a 1.2 one would read as another type
                      (yes, on, 0777, 2026-11-01), so both read the definition's values
  --output F          the file to write (default standard output)

exit codes: 0 written, 1 a reference that leads nowhere, 2 usage error, an unreadable definition or an output not written`;
