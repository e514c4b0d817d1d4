// `npm run cli -- …`: the built command line (dist/cli/tally-desk.mjs, package.json's `bin`), built
// first when it is missing or older than a source file, then run in this same process.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist/cli/tally-desk.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (item.name.endsWith('.ts') && !item.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(entry) || ['electron', 'shared'].some((dir) => newestSource(path.join(root, dir)) > statSync(entry).mtimeMs);
if (stale) {
  const { buildCli } = await import('./build.mjs');
  await buildCli({ quiet: true });
}
await import(pathToFileURL(entry).href);
