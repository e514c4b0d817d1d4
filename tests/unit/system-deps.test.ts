/**
 * The system-package check `npm test` and CI run first (scripts/system-deps.mjs), given a made-up
 * machine: a temporary folder as PATH, font folder and interpreter, with or without each program.
 * It is run as `npm test` runs it, in its own process, with `--check` (never installs, even as root).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/examples';

const ALL = ['chromium', 'fonts-noto-cjk', 'poppler-utils', 'python3-openpyxl', 'libreoffice-calc'];

function program(dir: string, name: string, exitCode = 0): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\nexit ${exitCode}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A machine with the given parts installed; answers how the check ran on it. */
function checkOn(installed: { chromium?: boolean; chromiumElsewhere?: boolean; font?: boolean; poppler?: 'both' | 'pdftoppm only'; openpyxl?: boolean; soffice?: boolean }) {
  const root = mkdtempSync(path.join(tmpdir(), 'system-deps-'));
  const bin = path.join(root, 'bin');
  const fonts = path.join(root, 'fonts');
  mkdirSync(bin);
  mkdirSync(path.join(fonts, 'opentype', 'noto'), { recursive: true });
  if (installed.chromium) program(bin, 'chromium');
  if (installed.chromiumElsewhere) program(path.join(root, 'snap'), 'chromium');
  if (installed.font) writeFileSync(path.join(fonts, 'opentype', 'noto', 'NotoSansCJK-Regular.ttc'), '');
  if (installed.poppler) {
    program(bin, 'pdftoppm');
    if (installed.poppler === 'both') program(bin, 'pdftotext');
  }
  if (installed.soffice) program(bin, 'soffice');
  // A Python whose `import openpyxl` fails is the state of a machine without python3-openpyxl.
  const python = program(path.join(root, 'python'), 'python3', installed.openpyxl ? 0 : 1);
  const run = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/system-deps.mjs'), '--check'], {
    encoding: 'utf8',
    env: { PATH: [bin, path.join(root, 'snap')].join(path.delimiter), HOME: root, CHROMIUM_PATH: path.join(bin, 'chromium'), TALLY_DESK_PYTHON: python, TALLY_DESK_FONT_DIRS: fonts },
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('the system packages npm test needs', () => {
  it('passes on a machine with everything installed', () => {
    const run = checkOn({ chromium: true, font: true, poppler: 'both', openpyxl: true, soffice: true });
    expect(run.output).toContain('都已安装');
    expect(run.status).toBe(0);
  });

  it('on a bare machine names every package and prints one command that installs them all', () => {
    const run = checkOn({});
    expect(run.status).toBe(1);
    expect(run.output).toContain('测试需要的系统软件包尚未安装');
    const command = run.output.split('\n').find((line) => line.trim().startsWith('sudo apt-get'))?.trim();
    expect(command).toBe(
      'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk poppler-utils python3-openpyxl && sudo apt-get install -y --no-install-recommends libreoffice-calc',
    );
  });

  it('points CHROMIUM_PATH at a Chromium found elsewhere on PATH (Ubuntu keeps it in /snap/bin)', () => {
    const run = checkOn({ font: true, poppler: 'both', openpyxl: true, soffice: true, chromiumElsewhere: true });
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/CHROMIUM_PATH=\S+\/snap\/chromium/);
  });

  it.each([
    ['chromium', { font: true, poppler: 'both', openpyxl: true, soffice: true }],
    ['fonts-noto-cjk', { chromium: true, poppler: 'both', openpyxl: true, soffice: true }],
    ['poppler-utils', { chromium: true, font: true, poppler: 'pdftoppm only', openpyxl: true, soffice: true }],
    ['python3-openpyxl', { chromium: true, font: true, poppler: 'both', openpyxl: false, soffice: true }],
    ['libreoffice-calc', { chromium: true, font: true, poppler: 'both', openpyxl: true }],
  ] as const)('names only %s when only it is missing', (missing, installed) => {
    const run = checkOn(installed);
    expect(run.status).toBe(1);
    const command = run.output.split('\n').find((line) => line.trim().startsWith('sudo apt-get'))?.trim() ?? '';
    for (const name of ALL) {
      if (name === missing) expect(command).toContain(` ${name}`);
      else expect(command).not.toContain(` ${name}`);
    }
  });
});
