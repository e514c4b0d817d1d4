// Finds the Electron binary, or fetches it where the network allows. Install scripts are off
// (.npmrc), so `npm install` never downloads it; this is the one place that does.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

export function installedElectron() {
  try {
    const relative = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(electronDir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs Electron's own installer once; returns the binary's path, or null where it cannot be had. */
export function fetchElectron({ quiet = false, timeoutMs = 180_000 } = {}) {
  if (!existsSync(path.join(electronDir, 'install.js'))) return null;
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const run = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    env,
    timeout: timeoutMs,
    stdio: quiet ? 'ignore' : 'inherit',
  });
  return run.status === 0 ? installedElectron() : null;
}
