// The Debian / Ubuntu packages the tests need beyond npm's, checked (and, as root, installed) in one
// place for both `npm test` (scripts/test-all.mjs) and CI (.ci/run), so a newcomer learns what is
// missing before any runner starts, rather than from a runner's bare "browser not found".
//
//   node scripts/system-deps.mjs --check     list what is missing; exit 1 if anything is
//   node scripts/system-deps.mjs --install   as root, apt-get install what is missing; otherwise
//                                            print the one command to run; exit 1 if still missing
//
// Only Node's own modules: CI runs this before `npm ci`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where each check looks. Every field can be pointed elsewhere (the checker's own test gives it a
 * temporary folder with or without stand-in programs); the defaults are what the tests use.
 */
export function systemEnvironment(env = process.env) {
  const home = os.homedir();
  return {
    searchPath: env.PATH ?? '',
    // The e2e tests and PDF printing use this path (playwright.config.ts, CHROMIUM_PATH).
    chromium: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The xlsx tests call this interpreter by its full path (tests/support/xlsx-independent.ts).
    python: env.TALLY_DESK_PYTHON ?? '/usr/bin/python3',
    fontDirs: (env.TALLY_DESK_FONT_DIRS ?? ['/usr/share/fonts', '/usr/local/share/fonts', path.join(home, '.local/share/fonts'), path.join(home, '.fonts')].join(path.delimiter))
      .split(path.delimiter)
      .filter(Boolean),
  };
}

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(searchPath, name) {
  return searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => isExecutable(path.join(dir, name)));
}

/** Noto Sans CJK under a font folder (Debian: /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc). */
function hasCjkFont(dirs) {
  const visit = (dir, depth) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((entry) =>
      entry.isDirectory() ? depth < 6 && visit(path.join(dir, entry.name), depth + 1) : /^NotoSansCJK.*\.(ttc|otf|ttf)$/i.test(entry.name),
    );
  };
  return dirs.some((dir) => visit(dir, 0));
}

function pythonHasOpenpyxl(python) {
  if (!isExecutable(python)) return false;
  return spawnSync(python, ['-c', 'import openpyxl'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/**
 * Each package: what it gives the tests (in the clerk's language of the README) and how to tell it
 * is there. `noRecommends`: LibreOffice's recommended packages are several hundred MB the tests do not use.
 */
export const SYSTEM_PACKAGES = [
  { name: 'chromium', purpose: 'Chromium 浏览器（端到端测试、PDF 打印）', present: (e) => isExecutable(e.chromium) },
  { name: 'fonts-noto-cjk', purpose: '中文字体（PDF 与页面截图）', present: (e) => hasCjkFont(e.fontDirs) },
  { name: 'poppler-utils', purpose: 'pdftoppm / pdftotext（检查 PDF）', present: (e) => onPath(e.searchPath, 'pdftoppm') && onPath(e.searchPath, 'pdftotext') },
  { name: 'python3-openpyxl', purpose: 'openpyxl（独立读回 Excel 文件）', present: (e) => pythonHasOpenpyxl(e.python) },
  { name: 'libreoffice-calc', purpose: 'LibreOffice Calc（soffice，另存与渲染 Excel）', present: (e) => onPath(e.searchPath, 'soffice'), noRecommends: true },
];

export function missingSystemPackages(environment = systemEnvironment()) {
  return SYSTEM_PACKAGES.filter((p) => !p.present(environment));
}

/** The apt-get invocations that install `missing`, as .ci/run always did: plain ones first, then --no-install-recommends. */
export function aptInvocations(missing) {
  const plain = missing.filter((p) => !p.noRecommends).map((p) => p.name);
  const lean = missing.filter((p) => p.noRecommends).map((p) => p.name);
  const runs = [['update', '-qq']];
  if (plain.length > 0) runs.push(['install', '-y', '-qq', ...plain]);
  if (lean.length > 0) runs.push(['install', '-y', '-qq', '--no-install-recommends', ...lean]);
  return missing.length > 0 ? runs : [];
}

/** The one line a person without root copies into a terminal. */
export function installCommand(missing) {
  return aptInvocations(missing)
    .map((args) => `sudo apt-get ${args.filter((a) => a !== '-qq').join(' ')}`)
    .join(' && ');
}

/** A Chromium or Chrome elsewhere on PATH (Ubuntu's snap puts it in /snap/bin), which CHROMIUM_PATH can name. */
function otherChromium(environment) {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const dir = environment.searchPath.split(path.delimiter).find((d) => d && isExecutable(path.join(d, name)));
    if (dir) return path.join(dir, name);
  }
  return null;
}

export function missingReport(missing, environment = systemEnvironment()) {
  const elsewhere = missing.some((p) => p.name === 'chromium') ? otherChromium(environment) : null;
  return [
    `测试需要的系统软件包尚未安装：${missing.map((p) => p.name).join('、')}`,
    ...missing.map((p) => `  - ${p.name}：${p.purpose}`),
    ...(elsewhere && elsewhere !== environment.chromium
      ? [`  （${environment.chromium} 不存在，但找到了 ${elsewhere}：也可以设置环境变量 CHROMIUM_PATH=${elsewhere} 后再运行 npm test）`]
      : []),
    '请先运行下面这条命令（需要管理员密码），再运行 npm test：',
    '',
    `  ${installCommand(missing)}`,
    '',
  ].join('\n');
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Checks, and as root installs, what is missing. Answers true when nothing is missing (any more);
 * otherwise it has printed why and what to run.
 */
export function ensureSystemPackages({ install = true, environment = systemEnvironment(), log = (line) => console.log(line) } = {}) {
  let missing = missingSystemPackages(environment);
  if (missing.length === 0) return true;
  if (install && isRoot()) {
    log(`正在安装系统软件包：${missing.map((p) => p.name).join(' ')}`);
    for (const args of aptInvocations(missing)) {
      const run = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (run.status !== 0) {
        log(`apt-get ${args.join(' ')} 失败（退出码 ${run.status ?? run.error?.message}）。`);
        break;
      }
    }
    missing = missingSystemPackages(environment);
    if (missing.length === 0) return true;
  }
  log(missingReport(missing, environment));
  return false;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const install = process.argv.includes('--install');
  const ok = ensureSystemPackages({ install });
  if (ok) console.log('测试需要的系统软件包都已安装。');
  process.exit(ok ? 0 : 1);
}
