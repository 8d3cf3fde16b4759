import * as path from 'node:path';
import * as esbuild from 'esbuild';

const SOURCES = path.resolve(__dirname, '../..');

/**
 * The thread serving documents over the size limit, bundled from the current sources as the build bundles it, at
 * `outfile`: a built one may be older than the sources under test.
 */
export async function bundleLargeDocumentThread(outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(SOURCES, 'server/src/largeDocumentWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    mainFields: ['module', 'main'],
    external: ['vscode'],
    logLevel: 'warning',
  });
}
