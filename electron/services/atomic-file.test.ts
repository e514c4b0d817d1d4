/**
 * Writes as the disk sees them: the bytes under the name, the mode bits, and what is left in the
 * folder after a write that failed for real (a full disk, a file-size limit) or was killed.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../tests/support/examples';
import { mountTinyDisk } from '../../tests/support/tiny-disk';
import { STALE_TEMP_AGE_MS, isOurTempFileName, numberedFileName, removeStaleTempFiles, writeFileAtomic } from './atomic-file';

const work = mkdtempSync(path.join(tmpdir(), 'tally-atomic-'));
const posix = process.platform !== 'win32';
const modeOf = (file: string) => statSync(file).mode & 0o777;
const names = async (folder: string) => (await fs.readdir(folder)).sort();

describe('writeFileAtomic', () => {
  it('writes the bytes owner-only (0600) and creates the missing folders owner-only (0700)', async () => {
    const target = path.join(work, 'new', 'deeper', '汇总.xlsx');
    const written = await writeFileAtomic(target, 'ballots');
    expect(written).toBe(target);
    expect(await fs.readFile(target, 'utf8')).toBe('ballots');
    expect(await names(path.dirname(target))).toEqual(['汇总.xlsx']);
    if (posix) {
      expect(modeOf(target)).toBe(0o600);
      expect(modeOf(path.join(work, 'new'))).toBe(0o700);
      expect(modeOf(path.join(work, 'new', 'deeper'))).toBe(0o700);
    }
  });

  it('leaves a folder that already exists with the modes its owner gave it', async () => {
    const folder = path.join(work, 'shared-folder');
    mkdirSync(folder, { mode: 0o755 });
    await fs.chmod(folder, 0o755);
    await writeFileAtomic(path.join(folder, 'a.xlsx'), 'x');
    if (posix) expect(modeOf(folder)).toBe(0o755);
  });

  it('replaces a file by default (snapshots, --force), and the replacement is owner-only', async () => {
    const target = path.join(work, 'index.json');
    writeFileSync(target, 'old', { mode: 0o644 });
    await writeFileAtomic(target, 'new');
    expect(await fs.readFile(target, 'utf8')).toBe('new');
    if (posix) expect(modeOf(target)).toBe(0o600);
  });

  it('gives a second and third export of the same name the numbered names, keeping the first', async () => {
    const folder = path.join(work, 'exports');
    const first = await writeFileAtomic(path.join(folder, '一村-测评.xlsx'), 'first', 'number');
    const second = await writeFileAtomic(path.join(folder, '一村-测评.xlsx'), 'second', 'number');
    const third = await writeFileAtomic(path.join(folder, '一村-测评.xlsx'), 'third', 'number');
    expect([first, second, third].map((p) => path.basename(p))).toEqual(['一村-测评.xlsx', '一村-测评(2).xlsx', '一村-测评(3).xlsx']);
    expect(await fs.readFile(first, 'utf8')).toBe('first');
    expect(await fs.readFile(second, 'utf8')).toBe('second');
    expect(await fs.readFile(third, 'utf8')).toBe('third');
    expect(await names(folder)).toEqual(['一村-测评(2).xlsx', '一村-测评(3).xlsx', '一村-测评.xlsx']);
    if (posix) expect(modeOf(second)).toBe(0o600);
  });

  it('counts a dangling symbolic link as a name in use', async () => {
    if (!posix) return;
    const folder = path.join(work, 'links');
    mkdirSync(folder);
    await fs.symlink(path.join(folder, 'nowhere'), path.join(folder, 'a.pdf'));
    const written = await writeFileAtomic(path.join(folder, 'a.pdf'), 'pdf', 'number');
    expect(path.basename(written)).toBe('a(2).pdf');
    expect(await fs.readlink(path.join(folder, 'a.pdf'))).toBe(path.join(folder, 'nowhere'));
  });

  it('refuses an existing name with EEXIST when asked to, leaving the file and no temp file', async () => {
    const folder = path.join(work, 'refuse');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'out.xlsx'), 'earlier');
    await expect(writeFileAtomic(path.join(folder, 'out.xlsx'), 'later', 'refuse')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await fs.readFile(path.join(folder, 'out.xlsx'), 'utf8')).toBe('earlier');
    expect(await names(folder)).toEqual(['out.xlsx']);
  });

  it('numbers names as file managers do', () => {
    expect(numberedFileName('a.xlsx', 1)).toBe('a.xlsx');
    expect(numberedFileName('a.b.tallydesk', 2)).toBe('a.b(2).tallydesk');
    expect(numberedFileName('无后缀', 12)).toBe('无后缀(12)');
  });
});

describe('a write that fails for real', () => {
  const tinyDisk = mountTinyDisk();
  afterAll(() => tinyDisk?.unmount());

  it.skipIf(tinyDisk === null)('on a full disk (ENOSPC) removes its temp file, frees the space and keeps the earlier file', async () => {
    const disk = tinyDisk!.path;
    writeFileSync(path.join(disk, '汇总.xlsx'), 'earlier export');
    const freeBefore = (await fs.statfs(disk)).bfree;
    await expect(writeFileAtomic(path.join(disk, '汇总.xlsx'), Buffer.alloc(1024 * 1024, 1))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await names(disk)).toEqual(['汇总.xlsx']);
    expect(await fs.readFile(path.join(disk, '汇总.xlsx'), 'utf8')).toBe('earlier export');
    expect((await fs.statfs(disk)).bfree).toBe(freeBefore);
  });

  it.skipIf(tinyDisk === null)('on a full disk leaves no temp file when a numbered name was asked for either', async () => {
    const disk = tinyDisk!.path;
    await expect(writeFileAtomic(path.join(disk, '汇总.xlsx'), Buffer.alloc(1024 * 1024, 1), 'number')).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await names(disk)).toEqual(['汇总.xlsx']);
  });
});

/** Runs a script in a child process that loads writeFileAtomic as the app does; returns how it ended. */
function runChild(name: string, shellPrefix: string, body: string[]) {
  const script = path.join(work, `${name}.mts`);
  const atomicFile = pathToFileURL(path.join(projectRoot, 'electron/services/atomic-file.ts')).href;
  writeFileSync(script, [`import { writeFileAtomic } from ${JSON.stringify(atomicFile)};`, ...body].join('\n'));
  const tsxLoader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const command = `${shellPrefix}exec ${JSON.stringify(process.execPath)} --import ${JSON.stringify(tsxLoader)} ${JSON.stringify(script)}`;
  return spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8' });
}

describe('a write over the file-size limit', () => {
  it.skipIf(!posix)('fails with EFBIG and leaves nothing in the folder', async () => {
    // Files of this process may not grow past 256 KB (RLIMIT_FSIZE, set by the shell's ulimit);
    // Node ignores SIGXFSZ, so the kernel's refusal comes back as EFBIG from the write itself.
    const folder = path.join(work, 'limited');
    mkdirSync(folder);
    const target = JSON.stringify(path.join(folder, 'rollup.xlsx'));
    const run = runChild('limited', 'ulimit -f 256 && ', [
      `try { await writeFileAtomic(${target}, Buffer.alloc(1024 * 1024, 7)); console.log('written'); }`,
      `catch (error) { console.log(error.code); }`,
    ]);
    expect(run.stdout.trim()).toBe('EFBIG');
    expect(await names(folder)).toEqual([]);
  });
});

describe('a write killed half-way', () => {
  it.skipIf(!posix)('leaves a temp file that the next start removes once it is a day old', async () => {
    // The process is killed (SIGKILL, as a power cut or the task manager would) after the first
    // 64 KB of the file reached the disk: no code of ours runs after that.
    const folder = path.join(work, 'killed');
    mkdirSync(folder);
    const target = JSON.stringify(path.join(folder, 'rollup.xlsx'));
    const run = runChild('killed', '', [
      `async function* chunks() { yield Buffer.alloc(65536, 7); process.kill(process.pid, 'SIGKILL'); await new Promise(() => undefined); }`,
      `await writeFileAtomic(${target}, chunks() as never);`,
    ]);
    expect(run.signal).toBe('SIGKILL');
    const left = await names(folder);
    expect(left).toHaveLength(1);
    expect(isOurTempFileName(left[0]!)).toBe(true);
    const temp = path.join(folder, left[0]!);
    expect(statSync(temp).size).toBe(65536);

    // Within the day it may be a write still running in another window: kept.
    expect(await removeStaleTempFiles([folder])).toEqual([]);
    const dayAndMinuteAgo = (Date.now() - STALE_TEMP_AGE_MS - 60_000) / 1000;
    utimesSync(temp, dayAndMinuteAgo, dayAndMinuteAgo);
    expect(await removeStaleTempFiles([folder])).toEqual([temp]);
    expect(await names(folder)).toEqual([]);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes only our own temp files older than a day, and skips folders that are missing', async () => {
    const folder = path.join(work, 'stale');
    mkdirSync(folder);
    const old = (Date.now() - 2 * STALE_TEMP_AGE_MS) / 1000;
    const make = (name: string, aged: boolean) => {
      writeFileSync(path.join(folder, name), 'x');
      if (aged) utimesSync(path.join(folder, name), old, old);
    };
    make('.汇总.xlsx.0123456789ab.tmp', true);
    make('.index.json.a1b2c3d4e5f6.tmp', false);
    make('.notes.tmp', true);
    make('report.0123456789ab.tmp', true);
    make('汇总.xlsx', true);
    make('.x.0123456789AB.tmp', true);
    mkdirSync(path.join(folder, '.folder.0123456789ab.tmp'));

    const removed = await removeStaleTempFiles([path.join(work, 'no-such-folder'), folder]);
    expect(removed).toEqual([path.join(folder, '.汇总.xlsx.0123456789ab.tmp')]);
    expect(await names(folder)).toEqual(['.folder.0123456789ab.tmp', '.index.json.a1b2c3d4e5f6.tmp', '.notes.tmp', '.x.0123456789AB.tmp', 'report.0123456789ab.tmp', '汇总.xlsx']);
  });
});
