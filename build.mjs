// Bundles the extension client, the language server, the CLI and the webviews with esbuild.
//   node build.mjs               development build (source maps)
//   node build.mjs --production  minified, as packaged into the .vsix
//   node build.mjs --watch       rebuild on change
//   node build.mjs --tests       also bundles the real-VS-Code test suite into out/
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/**
 * velocityjs logs through the `debug` package, which on loading reads the terminal's colour support (tty, and through
 * it net and stream): some 15 ms of every cold start of the CLI and of the template check worker, for log lines that
 * nothing here turns on. It gets a logger that is always off instead.
 */
const quietDebug = {
  name: 'quiet-debug',
  setup(build) {
    build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'quiet-debug' }));
    build.onLoad({ filter: /.*/, namespace: 'quiet-debug' }, () => ({
      contents: `function createDebug(namespace) {
  const log = () => {};
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (suffix, delimiter = ':') => createDebug(namespace + delimiter + suffix);
  return log;
}
createDebug.enable = () => {};
createDebug.disable = () => '';
createDebug.enabled = () => false;
module.exports = createDebug;`,
      loader: 'js',
    }));
  },
};

const common = {
  plugins: [quietDebug],
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from the bundler; its ES module build does not.
  mainFields: ['module', 'main'],
  external: ['vscode'],
};

/**
 * The AWS SDK is a large share of the client, and activation must not pay for it: the client reaches it only through
 * dynamic `import()`, which this plugin turns into a `require` of one separate vendor bundle, loaded on first use.
 */
const LAZY_PACKAGES = {
  '@aws-sdk/client-api-gateway': 'apiGateway',
  '@aws-sdk/client-apigatewayv2': 'apiGatewayV2',
  '@aws-sdk/credential-providers': 'credentialProviders',
  '@smithy/signature-v4': 'signatureV4',
  '@aws-crypto/sha256-js': 'sha256',
};
const lazyAwsSdk = {
  name: 'lazy-aws-sdk',
  setup(build) {
    const names = Object.keys(LAZY_PACKAGES).map((n) => n.replace(/[/.-]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      return { path: args.path, namespace: 'lazy-aws-sdk' };
    });
    build.onResolve({ filter: /^\.\/vendor\/aws\.js$/ }, () => ({ path: './vendor/aws.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-aws-sdk' }, (args) => ({
      contents: `module.exports = require('./vendor/aws.js').${LAZY_PACKAGES[args.path]};`,
      loader: 'js',
    }));
  },
};

/**
 * fdir (under tinyglobby, which `apigw lint` uses for directories and patterns) reads `import.meta.url` in its ES
 * module build, which a CommonJS bundle does not have; its CommonJS build is the same code without it.
 */
const require = createRequire(import.meta.url);
const fdirAsCommonJs = {
  name: 'fdir-as-commonjs',
  setup(build) {
    build.onResolve({ filter: /^fdir$/ }, () => ({ path: require.resolve('fdir') }));
  },
};

const builds = [
  { ...common, entryPoints: { 'client/extension': 'client/src/extension.ts' }, outdir: 'dist', plugins: [...common.plugins, lazyAwsSdk] },
  {
    ...common,
    stdin: {
      contents: Object.entries(LAZY_PACKAGES).map(([pkg, key]) => `export * as ${key} from '${pkg}';`).join('\n'),
      resolveDir: '.',
      loader: 'js',
    },
    outfile: 'dist/client/vendor/aws.js',
  },
  { ...common, entryPoints: { 'server/server': 'server/src/server.ts' }, outdir: 'dist' },
  // The TypeScript handler compiler, loaded by Lambda worker processes (see typescriptHandlers.ts), never by the server.
  {
    ...common,
    stdin: { contents: "module.exports = { transform: require('sucrase').transform };", resolveDir: '.', loader: 'js' },
    outfile: 'dist/server/vendor/sucrase.js',
  },
  // Template checks of large definitions, run beside the other checks by the server and the CLI (templateCheckThread.ts),
  // and the worker's entry that loads them with their code cache (templateCheckLaunch.ts).
  { ...common, entryPoints: { 'workers/templateCheckProgram': 'server/src/services/templates/templateCheckWorker.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { 'workers/templateChecks': 'server/src/services/templates/templateCheckLaunch.ts' }, outdir: 'dist' },
  // The evaluator's runs, apart from the server's thread so that it can stop them (evaluationThread.ts).
  { ...common, entryPoints: { 'workers/templateEvaluations': 'server/src/services/templates/evaluationWorker.ts' }, outdir: 'dist' },
  // Documents over the size limit, served apart from the others by the server (largeDocumentHost.ts).
  { ...common, entryPoints: { 'workers/largeDocuments': 'server/src/largeDocumentWorker.ts' }, outdir: 'dist' },
  // The CLI program, and the `apigw` executable that loads it with its code cache (see launch.ts).
  { ...common, entryPoints: { 'cli/program': 'server/src/cli/apigw.ts' }, outdir: 'dist', plugins: [...common.plugins, fdirAsCommonJs] },
  { ...common, entryPoints: { 'cli/apigw': 'server/src/cli/launch.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];

const webviewEntries = ['client/webview/evaluator/main.ts', 'client/webview/invoke/main.ts'].filter((f) => existsSync(f));
if (webviewEntries.length) {
  builds.push({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: production ? false : 'inline',
    minify: production,
    logLevel: 'warning',
    entryPoints: Object.fromEntries(webviewEntries.map((f) => [f.replace(/^client\/webview\//, 'webview/').replace(/\.ts$/, ''), f])),
    outdir: 'dist',
  });
}

if (tests) {
  builds.push({
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: ['test/vscode/suite/**/*.ts'],
    outbase: '.',
    outdir: 'out',
    external: ['vscode', 'mocha'],
  });
}

if (!watch) rmSync('dist', { recursive: true, force: true });

/**
 * The official OpenAPI schemas, compiled by ajv at build time into plain validator modules that the server and CLI load
 * instead of compiling at start-up. The generator is TypeScript shared with the runtime, so it is bundled and run first.
 */
async function buildOpenApiValidators() {
  const generator = 'out/build/precompileSchemas.cjs';
  await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: ['server/src/services/rules/precompileSchemas.ts'], outfile: generator });
  const { precompiledValidators } = createRequire(import.meta.url)(`./${generator}`);
  await Promise.all(
    precompiledValidators().map(({ file, code }) =>
      esbuild.build({ ...common, sourcemap: false, stdin: { contents: code, resolveDir: '.', loader: 'js' }, outfile: `dist/openapi-validators/${file}` }),
    ),
  );
}
builds.length && (await buildOpenApiValidators());

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes...');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  writeCliCodeCache();
}

/**
 * The V8 code caches of the CLI program and the validators it loads (`FILE.cache` beside each): the bytecode of every
 * function a lint of the examples compiles, so that `apigw` starts without compiling them. Valid only for the Node
 * version that wrote them; another one compiles as usual.
 */
function writeCliCodeCache() {
  const examples = ['examples/petstore.yaml', 'examples/orders-http-api.json'].filter((f) => existsSync(f));
  for (const dir of ['dist/cli', 'dist/openapi-validators', 'dist/workers']) {
    for (const file of readdirSync(dir)) if (file.endsWith('.cache')) rmSync(path.join(dir, file), { force: true });
  }
  // The examples are OpenAPI 3.0; a Swagger 2.0 and an OpenAPI 3.1 definition bring the other versions' validators.
  const scratch = mkdtempSync(path.join(tmpdir(), 'apigw-code-cache-'));
  const operation = { get: { responses: { 200: { description: 'ok' } } } };
  for (const [name, head] of [['swagger.json', { swagger: '2.0' }], ['openapi31.json', { openapi: '3.1.0' }]]) {
    const file = path.join(scratch, name);
    writeFileSync(file, JSON.stringify({ ...head, info: { title: 't', version: '1' }, paths: { '/a': operation } }));
    examples.push(file);
  }
  // Enough templates for the checks to go to their worker thread, which then writes the cache of its own code.
  const templates = Object.fromEntries(
    Array.from({ length: 60 }, (_, i) => [
      `/item${i}/{id}`,
      {
        post: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'POST',
            uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
            requestTemplates: {
              'application/json': `#set($body = $input.path('$'))\n{"id": "$input.params('id')", "n": ${i}, "at": "$context.requestTimeEpoch",\n#foreach($k in $body.keySet())"$util.escapeJavaScript($k)": "$body.get($k)"#if($foreach.hasNext),#end\n#end}`,
            },
            responses: { default: { statusCode: '200', responseTemplates: { 'application/json': `$input.json('$.Item')` } } },
          },
        },
      },
    ]),
  );
  const many = path.join(scratch, 'templates.json');
  writeFileSync(many, JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: templates }));
  examples.push(many);
  spawnSync(process.execPath, ['dist/cli/apigw.js', 'lint', ...examples], { env: { ...process.env, APIGW_WRITE_CODE_CACHE: '1' }, stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
}
