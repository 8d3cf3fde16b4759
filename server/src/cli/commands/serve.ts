import { watch, type FSWatcher } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runnableDefinition } from '../../services/splitDefinitions';
import { WorkspaceResolver } from '../../workspaceResolver';
import * as path from 'node:path';
import { createLocalGateway, type LocalGateway } from '../../gateway/gateway';
import { startGatewayServer } from '../../gateway/httpServer';
import { LambdaHost } from '../../gateway/lambda/lambdaHost';
import { localConfigWarnings, undefinedStageNotice, type LocalConfig } from '../../gateway/localConfig';
import { documentFromText, loadConfig, locateConfig } from '../../gateway/workspaceFiles';
import { definitionProblem } from '../definitionProblem';
import { UsageError, type CliIO } from '../io';
import { parseOptions } from '../options';
import { SERVE_HELP, SERVE_USAGE } from '../usage';

const LOG_INTERVAL_MS = 50;

export interface ServeControl {
  /** Stops the server when aborted; without it, SIGINT or SIGTERM stop it. */
  signal?: AbortSignal;
  onListening?: (url: string) => void;
}

/**
 * Serves the API on 127.0.0.1 through the local gateway until stopped, reloading when the document or the
 * configuration changes. Lambda workers stay warm across document reloads and restart when the configuration
 * (environment, handlers) changes.
 */
export async function runServe(args: string[], io: CliIO, control: ServeControl = {}): Promise<number> {
  const options = parseOptions(args, { values: ['--port', '--stage', '--config'], files: ['--config'] });
  if (options.help) {
    io.out(`${SERVE_HELP}\n`);
    return 0;
  }
  if (options.positional.length !== 1) throw new UsageError(`give exactly one API definition file\n${SERVE_USAGE}`);
  const portText = options.values.get('--port') ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not '${portText}'`);
  const file = path.resolve(io.cwd, options.positional[0]);
  const stage = options.values.get('--stage');
  const location = locateConfig(file, { given: options.values.get('--config'), cwd: io.cwd });

  const readConfig = async (): Promise<LocalConfig> => {
    let loaded: LocalConfig;
    try {
      loaded = await loadConfig(location, io.readFile);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    // The configuration is still used; what it says wrong is said on each (re)load.
    for (const warning of localConfigWarnings(loaded)) io.err(`Warning: ${warning}\n`);
    const notice = stage ? undefinedStageNotice(loaded, stage) : undefined;
    if (notice) io.err(`Warning: ${notice}\n`);
    return loaded;
  };
  const files = new WorkspaceResolver(() => undefined);
  /** The files the definition's `$ref`s name, as last read: they are watched like the definition. */
  let parts: string[] = [];
  const readGateway = async (config: LocalConfig, version: number): Promise<LocalGateway> => {
    // Read under the name given, so that a message about the file names it as the user wrote it.
    const document = documentFromText(file, await io.readFile(options.positional[0]), version);
    const problem = definitionProblem(document, options.positional[0]);
    if (problem) throw new UsageError(problem);
    const runnable = await runnableDefinition(document, files);
    if ('problem' in runnable) throw new UsageError(`${options.positional[0]}: ${runnable.problem}`);
    parts = runnable.files.map((part) => part.uri).filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
    return createLocalGateway(runnable.document, config, { baseDir: location.baseDir, lambdaHost: host });
  };

  const host = new LambdaHost(location.baseDir);
  let version = 1;
  let config = await readConfig();
  let gateway: LocalGateway;
  try {
    gateway = await readGateway(config, version);
  } catch (error) {
    host.close();
    throw error;
  }
  // Request lines are written in batches, at most one write every LOG_INTERVAL_MS. Under load, a write per request
  // (or per event-loop turn) costs a system call and wakes whatever reads the output, a terminal or a pipe, which
  // together cost more than answering the request. After a quiet spell the next line goes out at once. Waiting lines
  // are copied into a buffer: as strings, most would outlive V8's young generation and be promoted, bringing on
  // full collections (pauses of several ms) under load.
  let pending = Buffer.allocUnsafe(16 * 1024);
  let pendingBytes = 0;
  let lastFlush = -Infinity;
  let flushTimer: NodeJS.Timeout | undefined;
  const flushLog = () => {
    flushTimer = undefined;
    lastFlush = performance.now();
    if (pendingBytes === 0) return;
    io.out(pending.toString('utf8', 0, pendingBytes));
    pendingBytes = 0;
  };
  const logLine = (line: string) => {
    const needed = pendingBytes + Buffer.byteLength(line) + 1;
    if (needed > pending.length) {
      const bigger = Buffer.allocUnsafe(Math.max(needed, pending.length * 2));
      pending.copy(bigger, 0, 0, pendingBytes);
      pending = bigger;
    }
    pendingBytes += pending.write(line, pendingBytes);
    pending[pendingBytes++] = 0x0a;
    flushTimer ??= setTimeout(flushLog, Math.max(0, lastFlush + LOG_INTERVAL_MS - performance.now()));
  };
  const server = await startGatewayServer(() => gateway, { port, stage, onRequest: logLine }).catch((error: Error) => {
    host.close();
    throw new UsageError(`cannot listen on 127.0.0.1:${port}: ${error.message}`);
  });
  const kind = gateway.model.dialect === 'http' ? 'HTTP API' : 'REST API';
  io.out(`Serving ${options.positional[0]} (${kind}) on ${server.url}${stage ? ` (stage ${stage})` : ''}\n`);
  for (const op of gateway.model.operations) io.out(`  ${op.method.padEnd(7)} ${gateway.model.basePath}${op.resourcePath}\n`);
  control.onListening?.(server.url);

  let timer: NodeJS.Timeout | undefined;
  let configChanged = false;
  let documentChanged = false;
  let reloading: Promise<void> = Promise.resolve();
  /**
   * One reload at a time, each taking the changes seen so far: a change that arrives while files are read waits for
   * the next reload instead of being marked done by this one. A change that fails to load is kept for the next.
   */
  const reloadNow = async () => {
    const changes = { config: configChanged, document: documentChanged };
    if (!changes.config && !changes.document) return;
    configChanged = documentChanged = false;
    try {
      if (changes.config) {
        config = await readConfig();
        host.recycle();
      }
      gateway = await readGateway(config, ++version);
      watchParts();
      const changed = [changes.document && options.positional[0], changes.config && location.file && path.relative(io.cwd, location.file)].filter(Boolean);
      io.out(`Reloaded ${changed.join(' and ')}\n`);
    } catch (error) {
      configChanged ||= changes.config;
      documentChanged ||= changes.document;
      io.err(`Reload failed, still serving the previous version: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      reloading = reloading.then(reloadNow);
    }, 100);
  };
  const watchers: FSWatcher[] = [];
  const watchFile = (target: string, onChange: () => void) => {
    try {
      // Editors often replace the file rather than write into it, so the folder is watched for the name.
      const w = watch(path.dirname(target), (_event, name) => {
        if (name === null || name.toString() === path.basename(target)) onChange();
      });
      w.unref();
      watchers.push(w);
    } catch (error) {
      io.err(`Not watching ${target}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
  const onDocumentChange = () => {
    documentChanged = true;
    reload();
  };
  watchFile(file, onDocumentChange);
  const watched = new Set<string>();
  const watchParts = () => {
    for (const part of parts) {
      if (watched.has(part)) continue;
      watched.add(part);
      watchFile(part, () => {
        // Read again from disk: the cached parse is of the version before the change.
        files.forget(pathToFileURL(part).href);
        onDocumentChange();
      });
    }
  };
  watchParts();
  if (location.file) {
    watchFile(location.file, () => {
      configChanged = true;
      reload();
    });
  }

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    if (control.signal) {
      if (control.signal.aborted) resolve();
      else control.signal.addEventListener('abort', stop, { once: true });
    } else {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
  });
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await server.close();
  clearTimeout(flushTimer);
  flushLog();
  host.close();
  io.out('Stopped\n');
  return 0;
}
