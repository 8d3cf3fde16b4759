import * as path from 'node:path';
import { formatLog, logTimestamp } from '../../gateway/executionLog';
import { createLocalGateway } from '../../gateway/gateway';
import { printableHeaderText } from '../../gateway/headerSyntax';
import { encodeQuery, parseQuery } from '../../gateway/queryString';
import { groupHeaders } from '../../gateway/requestHeaders';
import { documentFromText, loadConfig, locateConfig } from '../../gateway/workspaceFiles';
import { runnableDefinition } from '../../services/splitDefinitions';
import { WorkspaceResolver } from '../../workspaceResolver';
import { localConfigWarnings, undefinedStageNotice } from '../../gateway/localConfig';
import { definitionProblem } from '../definitionProblem';
import { UsageError, type CliIO } from '../io';
import { parseOptions } from '../options';
import { INVOKE_HELP, INVOKE_USAGE } from '../usage';

/**
 * Runs one request through the local gateway and prints the answer. Exit 0 whenever the request ran, whatever its
 * status; with `--fail`, 1 for a status of 400 or above, as `curl -f` does.
 */
export async function runInvoke(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, {
    values: ['--method', '--path', '--body-file', '--stage', '--config', '--source-ip'],
    repeated: ['--query', '--header'],
    flags: ['--json', '--log', '--fail'],
    files: ['--body-file', '--config'],
  });
  if (options.help) {
    io.out(`${INVOKE_HELP}\n`);
    return 0;
  }
  if (options.positional.length !== 1) throw new UsageError(`give exactly one API definition file\n${INVOKE_USAGE}`);
  const method = options.values.get('--method');
  const requestPath = options.values.get('--path');
  if (!method) throw new UsageError(`--method is required\n${INVOKE_USAGE}`);
  if (!/^[A-Za-z]+$/.test(method)) throw new UsageError(`--method must be an HTTP method name, not '${method}'`);
  if (!requestPath || !requestPath.startsWith('/')) throw new UsageError(`--path is required and must start with /\n${INVOKE_USAGE}`);

  // The query string of --path goes to the gateway as written (rawQueryString, as a served request's); --query
  // values follow it, encoded. The values are read from that one string, as the gateway reads a served request's.
  const [pathOnly, inlineQuery] = requestPath.split(/\?(.*)/s, 2);
  const rawParts = inlineQuery ? [inlineQuery] : [];
  for (const pair of options.repeated.get('--query') ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--query takes name=value, not '${pair}'`);
    rawParts.push(encodeQuery({ [pair.slice(0, eq)]: [pair.slice(eq + 1)] }));
  }
  const rawQuery = rawParts.join('&');
  // The gateway keeps a malformed part as written; here it is more likely a % the user meant literally.
  const query = parseQuery(rawQuery, (part) => {
    throw new UsageError(`--path: '${part}' is not a valid percent-encoded query string part (write % as %25)`);
  });
  const headers = requestHeaders(options.repeated.get('--header') ?? []);
  const file = options.positional[0];
  const text = await io.readFile(file);
  const bodyFile = options.values.get('--body-file');
  // Bytes, not text: a binary body (an image upload, say) must reach the gateway unchanged.
  const body = bodyFile ? await io.readBytes(bodyFile) : undefined;
  const location = locateConfig(file, { given: options.values.get('--config'), cwd: io.cwd });
  let config;
  try {
    config = await loadConfig(location, io.readFile);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  // The configuration is still used; what it says wrong is said before the answer.
  const stage = options.values.get('--stage');
  for (const warning of localConfigWarnings(config)) io.err(`apigw invoke: warning: ${warning}\n`);
  const notice = stage ? undefinedStageNotice(config, stage) : undefined;
  if (notice) io.err(`apigw invoke: warning: ${notice}\n`);
  const document = documentFromText(path.resolve(io.cwd, file), text);
  const problem = definitionProblem(document, file);
  if (problem) throw new UsageError(problem);

  const runnable = await runnableDefinition(document, new WorkspaceResolver(() => undefined));
  if ('problem' in runnable) throw new UsageError(`${file}: ${runnable.problem}`);
  const gateway = createLocalGateway(runnable.document, config, { baseDir: location.baseDir });
  try {
    const response = await gateway.invoke({
      method,
      path: rawQuery ? `${pathOnly}?${rawQuery}` : pathOnly,
      query,
      multiValueHeaders: headers,
      body,
      stage,
      sourceIp: options.values.get('--source-ip'),
    });
    if (options.flags.has('--json')) {
      const log = response.log.map((e) => `${logTimestamp(e.time)} : ${e.message}`);
      io.out(`${JSON.stringify({ status: response.status, headers: { ...response.headers, ...flatten(response.multiValueHeaders) }, body: response.body, ...(response.isBase64Encoded ? { isBase64Encoded: true } : {}), log }, null, 2)}\n`);
    } else {
      const lines = [`HTTP ${response.status}`];
      // A line break in a name or value would print as a header line of its own: such text is printed quoted, escaped.
      const header = (name: string, value: string) => `${printableHeaderText(name)}: ${printableHeaderText(value)}`;
      for (const [k, v] of Object.entries(response.headers)) lines.push(header(k, v));
      for (const [k, values] of Object.entries(response.multiValueHeaders ?? {})) for (const v of values) lines.push(header(k, v));
      // A terminal cannot show bytes: a binary body is printed as its base64 text.
      if (response.isBase64Encoded) lines.push('', `(binary body, ${Buffer.from(response.body, 'base64').length} bytes, base64-encoded below)`);
      io.out(`${lines.join('\n')}\n\n${response.body}${response.body.endsWith('\n') || response.body === '' ? '' : '\n'}`);
      if (options.flags.has('--log')) io.err(`${formatLog(response.log)}\n`);
    }
    return options.flags.has('--fail') && response.status >= 400 ? 1 : 0;
  } finally {
    gateway.dispose();
  }
}

/**
 * `--header` lines as the gateway's lists of values. A name given twice, in any case, is one header with both
 * values in order, as an HTTP client sending that header twice would give them.
 */
function requestHeaders(lines: string[]): Record<string, string[]> {
  const pairs: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const given = line.slice(0, colon).trim();
    if (colon <= 0 || given === '') throw new UsageError(`--header takes 'Name: value', not '${line}'`);
    pairs.push([given, line.slice(colon + 1).trim()]);
  }
  return groupHeaders(pairs);
}

function flatten(multi: Record<string, string[]> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(multi ?? {}).map(([k, v]) => [k, v.join(', ')]));
}
