import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { LocalFunction } from '../localConfig';
import { DEFAULT_MEMORY_MB } from './memoryLimit';

/**
 * The variables Lambda's Node.js runtime sets in a function's environment, as a local handler process sees them. A
 * handler that formats dates or reads its own name and log stream behaves as it will on Lambda: the time zone is UTC
 * whatever the machine's is. The function's configured environment comes last and wins, as it does on Lambda for the
 * variables Lambda lets a function set (`TZ`, `LANG`). Lambda refuses the reserved ones in a function's configuration;
 * locally a configured value is used as written, since the local configuration is the user's alone.
 */
export function runtimeEnvironment(fn: LocalFunction, file: string, functionName: string, region: string, inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    // The machine's own (PATH, HOME, proxies): a local handler may run tools or read credentials from them.
    ...inherited,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    _HANDLER: handlerSetting(fn),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMB ?? DEFAULT_MEMORY_MB),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(new Date()),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs_local',
    LAMBDA_TASK_ROOT: path.dirname(file),
    ...fn.environment,
  };
}

/**
 * The function's handler setting as Lambda writes it: the module's path without its extension, then the export
 * (`handlers/orders.handler`). The runtime's messages about a missing or wrong export name the handler so.
 */
export function handlerSetting(fn: LocalFunction): string {
  return `${fn.handler.replace(/\.[cm]?[jt]s$/i, '')}.${fn.export ?? 'handler'}`;
}

/** Each execution environment writes to a stream of its own, named by its start date: `2026/11/23/[$LATEST]0f3c…`. */
export function logStreamName(started: Date): string {
  const day = started.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}
