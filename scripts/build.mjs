// Builds everything the two shells run: the renderer (Vite), the Electron main and preload, and the
// browser-mode host (esbuild, bundled with their libraries so nothing else is needed at run time).
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

export async function buildAll({ quiet = false } = {}) {
  await viteBuild({ root: path.join(root, 'renderer'), configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: false,
    logLevel: quiet ? 'warning' : 'info',
    // React (the print-outs' templates) in its production build: the development one renders several times slower.
    define: { __APP_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
    absWorkingDir: root,
  };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs', external: ['electron'] }),
    // Sandboxed preloads cannot require files: everything it needs is in this one file.
    esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
    esbuild({ ...common, entryPoints: ['electron/browser-host/main.ts'], outfile: 'dist/browser-host/main.cjs' }),
    buildCli({ quiet }),
  ]);
}

/**
 * The command line, built once: `dist/cli/tally-desk.mjs` (package.json's `bin`), started by plain
 * Node with nothing compiled at run time. ES modules split into chunks, so that a count loads only
 * what counting needs: the Excel, PDF and workbook-file code (ExcelJS, React) is in chunks loaded by
 * the commands that use them.
 */
export async function buildCli({ quiet = false } = {}) {
  rmSync(path.join(root, 'dist/cli'), { recursive: true, force: true });
  await esbuild({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    sourcemap: false,
    logLevel: quiet ? 'warning' : 'info',
    define: { __APP_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
    absWorkingDir: root,
    entryPoints: { 'tally-desk': 'electron/cli/main.ts' },
    outdir: 'dist/cli',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // `scan` decodes with a prebuilt native module and pdf.js (which loads its own worker file by
    // path): both are loaded from node_modules at run time, never bundled.
    external: ['@napi-rs/canvas', 'pdfjs-dist', 'pdfjs-dist/*'],
    // The libraries bundled in are CommonJS: they `require` Node's own modules.
    banner: { js: "import { createRequire as __tallyRequire } from 'node:module'; const require = __tallyRequire(import.meta.url);" },
  });
  const entry = path.join(root, 'dist/cli/tally-desk.mjs');
  writeFileSync(entry, `#!/usr/bin/env node\n${readFileSync(entry, 'utf8')}`);
  chmodSync(entry, 0o755);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAll().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
