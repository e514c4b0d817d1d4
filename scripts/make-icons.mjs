// Draws the app icon (票 in white on the app's red, rounded square) with the system Chromium and
// writes build/icon.png (512 px, used for Windows too) and build/icons/<n>x<n>.png for Linux
// desktops (UOS, Kylin). Run once when the icon changes: `node scripts/make-icons.mjs`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
mkdirSync(path.join(root, 'build/icons'), { recursive: true });
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">
    <div id="icon" style="width:${size}px;height:${size}px;border-radius:${Math.round(size * 0.18)}px;background:#b3261e;display:flex;align-items:center;justify-content:center">
      <span style="color:#fff;font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;font-weight:700;font-size:${Math.round(size * 0.68)}px;line-height:1">票</span>
    </div></body></html>`);
  const icon = page.locator('#icon');
  await icon.screenshot({ path: path.join(root, `build/icons/${size}x${size}.png`), omitBackground: true });
  if (size === 512) await icon.screenshot({ path: path.join(root, 'build/icon.png'), omitBackground: true });
}
await browser.close();
console.log(`build/icon.png and build/icons/{${SIZES.join(',')}}: written`);
