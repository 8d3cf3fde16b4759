import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Handler files that are compiled before they run; everything else is loaded by Node.js as is. */
export const TYPESCRIPT_FILE = /\.[cm]?ts$/i;

/**
 * Where the worker process finds the type stripper (sucrase, pure JavaScript so that the extension runs on every
 * platform). The bundled server and CLI ship it as a vendor bundle of its own, loaded only by workers that run a
 * TypeScript handler; running from the sources, the package itself is used.
 */
export function typescriptCompilerPath(): string | undefined {
  for (const candidate of [path.join(__dirname, 'vendor', 'sucrase.js'), path.join(__dirname, '..', 'server', 'vendor', 'sucrase.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    return require.resolve('sucrase');
  } catch {
    return undefined;
  }
}

/**
 * Worker-side code (part of the runner text): a require hook for `.ts`, `.mts` and `.cts`, so that the handler and
 * every TypeScript file it imports are compiled on load. Types are stripped and ES imports become CommonJS; line
 * numbers stay as in the source, and an inline source map fixes the columns in stack traces. Registered on the first
 * TypeScript handler only, so JavaScript workers never load the compiler.
 */
export const TYPESCRIPT_HOOK_SOURCE = String.raw`
let typescriptCompiler;

function useTypeScript(compilerPath) {
  if (typescriptCompiler) return;
  if (!compilerPath) {
    const error = new Error('TypeScript handlers need the sucrase compiler, which this installation does not include');
    error.name = 'Runtime.ImportModuleError';
    throw error;
  }
  typescriptCompiler = require(compilerPath);
  const Module = require('node:module');
  const fs = require('node:fs');
  if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
  const compile = function (module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    let output;
    try {
      output = typescriptCompiler.transform(source, {
        transforms: ['typescript', 'imports'],
        filePath: filename,
        sourceMapOptions: { compiledFilename: filename },
      });
    } catch (error) {
      throw typescriptSyntaxError(filename, error);
    }
    const map = Buffer.from(JSON.stringify(output.sourceMap)).toString('base64');
    module._compile(output.code + '\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,' + map, filename);
  };
  for (const extension of ['.ts', '.mts', '.cts']) Module._extensions[extension] = compile;
  // TypeScript's ES module style names a sibling './util.js' for the source file './util.ts'.
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    try {
      return resolveFilename.call(this, request, parent, ...rest);
    } catch (error) {
      const js = /^(\.{1,2}[\\/].*)\.([cm]?)js$/.exec(request);
      if (!js || !parent || !/\.[cm]?ts$/i.test(parent.filename || '')) throw error;
      try {
        return resolveFilename.call(this, js[1] + '.' + js[2] + 'ts', parent, ...rest);
      } catch {
        throw error;
      }
    }
  };
}

/** Lambda's Node.js runtime reports a handler that does not parse as Runtime.UserCodeSyntaxError. */
function typescriptSyntaxError(filename, error) {
  // sucrase counts lines and columns from 1, as editors show them.
  const loc = error && error.loc;
  const where = filename + (loc ? ':' + loc.line + ':' + loc.column : '');
  const reason = String((error && error.message) || error).replace(/^Error transforming [^\n]*?: /, '').replace(/ \(\d+:\d+\)$/, '');
  const failure = new SyntaxError(where + ': ' + reason);
  failure.name = 'Runtime.UserCodeSyntaxError';
  return failure;
}
`;
