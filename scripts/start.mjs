// `npm start`: the desktop app where Electron is available, browser mode where it is not.
//   npm start                    desktop if possible, else browser mode
//   npm start -- --browser       browser mode; also --port N, --data-dir DIR, --no-open
import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { fetchElectron, installedElectron } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser') || process.env.TALLY_DESK_BROWSER === '1';
const passThrough = args.filter((a) => a !== '--browser');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale() {
  const stamp = path.join(root, 'dist', '.build-stamp');
  try {
    const built = statSync(stamp).mtimeMs;
    const sources = Math.max(...['renderer', 'shared', 'electron'].map((d) => newestMtime(path.join(root, d))), statSync(path.join(root, 'package.json')).mtimeMs);
    return sources > built;
  } catch {
    return true;
  }
}

if (buildIsStale()) {
  console.log('正在构建……');
  await buildAll({ quiet: true });
  writeFileSync(path.join(root, 'dist', '.build-stamp'), new Date().toISOString());
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let electron = null;
if (!forceBrowser && hasDisplay) {
  electron = installedElectron();
  if (!electron && process.env.TALLY_DESK_NO_DOWNLOAD !== '1') {
    console.log('未找到 Electron，正在尝试下载（只需一次）……');
    electron = fetchElectron({ quiet: true });
    if (!electron) console.log('无法下载 Electron（本机可能不能联网），改用浏览器模式。');
  }
} else if (!forceBrowser) {
  console.log('没有图形界面，改用浏览器模式。');
}

const child = electron
  ? spawn(electron, [root], { stdio: 'inherit' })
  : spawn(process.execPath, [path.join(root, 'dist', 'browser-host', 'main.cjs'), ...passThrough], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
