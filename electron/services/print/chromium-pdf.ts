/**
 * Browser mode prints with the system's Chromium, headless: the HTML is written to a private temp
 * folder and printed to PDF there. No network: the same flags as the tests, and the page is a file.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES =
  process.platform === 'win32'
    ? [
        path.join(process.env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        path.join(process.env.ProgramFiles ?? 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ]
    : process.platform === 'darwin'
      ? ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium']
      : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string | null {
  const configured = process.env.TALLY_DESK_CHROMIUM ?? process.env.CHROMIUM_PATH;
  if (configured && existsSync(configured)) return configured;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

export async function printWithChromium(html: string, chromium = findChromium()): Promise<Buffer> {
  if (!chromium) throw Object.assign(new Error('no chromium'), { code: 'NO_CHROMIUM' });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tally-print-'));
  try {
    const page = path.join(dir, 'page.html');
    const pdf = path.join(dir, 'page.pdf');
    await fs.writeFile(page, html, 'utf8');
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-extensions',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      pathToFileURL(page).href,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, args, { timeout: 120_000 }, (error) => (error ? reject(error) : resolve()));
    });
    return await fs.readFile(pdf);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
