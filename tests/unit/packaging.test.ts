/**
 * Packaging as `npm run package -- --dir` does it, against a stand-in Electron folder (the real one
 * cannot be downloaded here). The stand-in binary carries Electron's fuse wire, so what is checked is
 * what electron-builder writes: the fuses flipped as electron-builder.yml says, the app in an asar
 * with the built renderer and no browser-mode host, and the installers' settings for Windows
 * (NSIS in Chinese, per-user, portable) and Linux (deb and AppImage, x64 and arm64, a desktop entry).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/examples';
import { tempDir } from '../e2e/support';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's fuse order (wire version 1): RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, asar integrity, only-asar, V8 snapshot, file:// privileges. */
const FUSES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];
const ELECTRON_DEFAULTS = '10110001';

function standInElectron(): string {
  const dir = tempDir('tally-standin-electron-');
  const wire = Buffer.from([1, FUSES.length, ...[...ELECTRON_DEFAULTS].map((c) => c.charCodeAt(0))]);
  writeFileSync(path.join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# stand-in Electron\n'), Buffer.from(SENTINEL), wire, Buffer.alloc(64)]));
  chmodSync(path.join(dir, 'electron'), 0o755);
  mkdirSync(path.join(dir, 'resources'));
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(path.join(dir, 'version'), '41.7.1');
  return dir;
}

function fuseWire(binary: string): Record<string, boolean> {
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  expect(at).toBeGreaterThan(SENTINEL.length - 1);
  return Object.fromEntries(FUSES.map((name, i) => [name, bytes[at + 2 + i] === '1'.charCodeAt(0)]));
}

interface Target {
  target: string;
  arch: string[];
}

/** The parts of electron-builder.yml checked here. */
interface BuilderConfig {
  electronFuses: Record<string, boolean>;
  win: { target: Target[] };
  nsis: Record<string, unknown>;
  linux: { target: Target[]; category: string; desktop: { entry: Record<string, string> } };
}

const config = yaml.load(readFileSync(path.join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('packaging', () => {
  it('npm run package -- --dir: the app in an asar, Electron’s fuses flipped as configured', () => {
    const out = tempDir('tally-package-out-');
    const run = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/package.mjs'), '--dir', '--linux', '--x64', `-c.electronDist=${standInElectron()}`, `-c.directories.output=${out}`], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      timeout: 240_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const unpacked = path.join(out, 'linux-unpacked');
    const binary = path.join(unpacked, 'tally-desk');
    expect(existsSync(binary)).toBe(true);
    const fuses = fuseWire(binary);
    for (const [name, wanted] of Object.entries(config.electronFuses)) expect(fuses[name], name).toBe(wanted);
    expect(fuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });

    const files = listPackage(path.join(unpacked, 'resources/app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    for (const file of ['/dist/renderer/index.html', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/package.json']) expect(files).toContain(file);
    // Browser mode and its token server never ship in the desktop app, nor any node_modules.
    expect(files.filter((f) => f.startsWith('/dist/browser-host') || f.startsWith('/node_modules'))).toEqual([]);
  }, 300_000);

  it('installers: Windows NSIS in Chinese, per-user, and portable; Linux deb and AppImage for x64 and arm64 with a desktop entry', () => {
    const winTargets = config.win.target.map((t) => [t.target, t.arch]);
    expect(winTargets).toEqual([
      ['nsis', ['x64']],
      ['portable', ['x64']],
    ]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, language: '2052', installerLanguages: ['zh_CN'], deleteAppDataOnUninstall: false });
    const linuxTargets = Object.fromEntries(config.linux.target.map((t) => [t.target, t.arch]));
    expect(linuxTargets).toEqual({ deb: ['x64', 'arm64'], AppImage: ['x64', 'arm64'] });
    expect(config.linux.category).toBe('Office');
    expect(config.linux.desktop.entry).toMatchObject({ Name: '测评计票台', Categories: expect.stringContaining('Office') });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(path.join(projectRoot, `build/icons/${size}x${size}.png`)), `${size}px icon`).toBe(true);
    expect(existsSync(path.join(projectRoot, 'build/icon.png'))).toBe(true);
  });
});
