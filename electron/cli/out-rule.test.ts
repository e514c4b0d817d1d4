/**
 * What every writing command does with `--out`, run as a user runs it (a real process, real files):
 * an existing file is never replaced without --force, the output is never one of the inputs however
 * it is named, and the command's folder is cleared of our stale temp files.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { presetForm } from '../../shared/domain/forms';
import { zh } from '../../shared/messages/zh-CN';
import { loadExamples, projectRoot } from '../../tests/support/examples';
import { teamContent } from '../../tests/support/team-files';
import { mountTinyDisk } from '../../tests/support/tiny-disk';
import { STALE_TEMP_AGE_MS } from '../services/atomic-file';
import { encodeWorkbookFile } from '../services/workbook-file';

const tsxLoader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const work = mkdtempSync(path.join(tmpdir(), 'tally-out-rule-'));
const posix = process.platform !== 'win32';

function cli(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', tsxLoader, path.join(projectRoot, 'electron/cli/main.ts'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: work },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A usage error: exit 2, the reason first, then the usage text; nothing on stdout, nothing in English. */
function expectUsageError(run: ReturnType<typeof cli>, reason: string) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.startsWith(`${reason}\n\n${zh.cli.usage}`)).toBe(true);
  expect(run.stderr).not.toMatch(/Error|\n\s+at\s/);
}

const grid = path.join(work, '红星村.csv');
writeFileSync(grid, '票号,张明,王芳\n1,1,2\n2,1,1\n3,2,1\n');
const gridBytes = readFileSync(grid);
const form = ['--form', 'evaluation-4'];

describe('export of a ballot grid', () => {
  it('writes a new --out owner-only, refuses it the second time without --force, replaces it with --force', () => {
    const first = cli(['export', '红星村.csv', ...form, '--title', '第一次', '--out', '汇总.xlsx']);
    expect(first.status).toBe(0);
    const out = path.join(work, '汇总.xlsx');
    const firstBytes = readFileSync(out);
    if (posix) expect(statSync(out).mode & 0o777).toBe(0o600);

    const again = cli(['export', '红星村.csv', ...form, '--title', '第二次', '--out', '汇总.xlsx']);
    expectUsageError(again, zh.cli.outExists('汇总.xlsx'));
    expect(readFileSync(out).equals(firstBytes)).toBe(true);

    const forced = cli(['export', '红星村.csv', ...form, '--title', '第二次', '--out', '汇总.xlsx', '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain(zh.cli.exported(out, zh.statusName.valid));
    expect(readFileSync(out).equals(firstBytes)).toBe(false);
    expect(readdirSync(work).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('refuses an --out that is the input itself, even with --force, and leaves the input as it was', () => {
    const example = loadExamples().find((e) => e.gridPath.endsWith('.xlsx'))!;
    copyFileSync(example.gridPath, path.join(work, 'g.xlsx'));
    const before = readFileSync(path.join(work, 'g.xlsx'));
    const run = cli(['export', 'g.xlsx', ...example.args, '--out', 'g.xlsx', '--force']);
    expectUsageError(run, zh.cli.outIsInput('g.xlsx', 'g.xlsx'));
    expect(readFileSync(path.join(work, 'g.xlsx')).equals(before)).toBe(true);
    // The issue's own case: the grid named as the output keeps its bytes.
    const csvRun = cli(['export', '红星村.csv', ...form, '--out', '红星村.csv', '--force']);
    expect(csvRun.status).toBe(2);
    expect(readFileSync(grid).equals(gridBytes)).toBe(true);
    // Written another way (`./`), it is still the same file.
    expectUsageError(cli(['export', 'g.xlsx', ...example.args, '--out', './g.xlsx']), zh.cli.outIsInput('./g.xlsx', 'g.xlsx'));
  });

  it.skipIf(!posix)('refuses an --out that reaches the input through a symbolic or a hard link', () => {
    symlinkSync(grid, path.join(work, '链接.xlsx'));
    expectUsageError(cli(['export', '红星村.csv', ...form, '--out', '链接.xlsx', '--force']), zh.cli.outIsInput('链接.xlsx', '红星村.csv'));
    linkSync(grid, path.join(work, '硬链接.xlsx'));
    expectUsageError(cli(['export', '红星村.csv', ...form, '--out', '硬链接.xlsx', '--force']), zh.cli.outIsInput('硬链接.xlsx', '红星村.csv'));
    expect(readFileSync(grid).equals(gridBytes)).toBe(true);
  });

  it('counts the candidate list and the form file as inputs too', () => {
    const list = path.join(work, '名单.xlsx');
    writeFileSync(list, 'not read: refused before');
    expectUsageError(cli(['export', '红星村.csv', ...form, '--candidates', '名单.xlsx', '--out', '名单.xlsx', '--force']), zh.cli.outIsInput('名单.xlsx', '名单.xlsx'));
    writeFileSync(path.join(work, 'form.json'), JSON.stringify(presetForm('evaluation-4')));
    if (posix) {
      symlinkSync(path.join(work, 'form.json'), path.join(work, 'form.pdf'));
      expectUsageError(cli(['print', 'ballots', '红星村.csv', '--form-file', 'form.json', '--out', 'form.pdf', '--force']), zh.cli.outIsInput('form.pdf', 'form.json'));
    }
    expect(readFileSync(list, 'utf8')).toBe('not read: refused before');
  });

  it('refuses an existing print-out name before printing anything', () => {
    writeFileSync(path.join(work, '报告单.pdf'), 'an earlier print-out');
    expectUsageError(cli(['print', 'report', '红星村.csv', ...form, '--out', '报告单.pdf']), zh.cli.outExists('报告单.pdf'));
    expect(readFileSync(path.join(work, '报告单.pdf'), 'utf8')).toBe('an earlier print-out');
  });

  it('refuses --force where nothing is written', () => {
    expectUsageError(cli(['tally', '红星村.csv', ...form, '--force']), zh.cli.optionOnlyFor('--force', 'export、print'));
  });

  it('removes our temp files of killed writes older than a day from the --out folder, and nothing else', () => {
    const folder = mkdtempSync(path.join(work, 'out-'));
    const stale = path.join(folder, '.汇总.xlsx.0123456789ab.tmp');
    const fresh = path.join(folder, '.汇总.xlsx.ba9876543210.tmp');
    const notOurs = path.join(folder, '.汇总.xlsx.tmp');
    for (const file of [stale, fresh, notOurs]) writeFileSync(file, 'partial');
    const old = (Date.now() - 2 * STALE_TEMP_AGE_MS) / 1000;
    utimesSync(stale, old, old);
    utimesSync(notOurs, old, old);
    const run = cli(['export', '红星村.csv', ...form, '--out', path.join(folder, '汇总.xlsx')]);
    expect(run.status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['.汇总.xlsx.ba9876543210.tmp', '.汇总.xlsx.tmp', '汇总.xlsx']);
  });
});

describe('a write onto a full disk', () => {
  const tinyDisk = mountTinyDisk();
  afterAll(() => tinyDisk?.unmount());

  it.skipIf(tinyDisk === null)('exits 1 saying the disk is full and that nothing was written, and leaves nothing behind', () => {
    const disk = tinyDisk!.path;
    // The disk nearly full already, as the township laptop's was.
    writeFileSync(path.join(disk, '其他文件'), Buffer.alloc(60 * 1024, 1));
    const out = path.join(disk, '汇总.xlsx');
    const run = cli(['export', '红星村.csv', ...form, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${zh.cli.cannotWrite(out, 'ENOSPC')}\n`);
    expect(run.stderr).toContain('磁盘空间已满');
    expect(readdirSync(disk)).toEqual(['其他文件']);
    rmSync(path.join(disk, '其他文件'));
  });
});

describe('the workbook-file commands', () => {
  const team = (n: number) => teamContent({ team: n, township: '大同镇', people: 3, ballots: 6 });
  async function teamFile(name: string, n: number): Promise<string> {
    writeFileSync(path.join(work, name), await encodeWorkbookFile(team(n), { purpose: 'transfer', fromDevice: `laptop-${n}`, password: null }));
    return name;
  }

  it('merge refuses an --out that is one of the files merged, even with --force', async () => {
    const a = await teamFile('一组.tallydesk', 1);
    const b = await teamFile('二组.tallydesk', 2);
    const before = readFileSync(path.join(work, a));
    expectUsageError(cli(['merge', a, b, '--out', a, '--force']), zh.cli.outIsInput(a, a));
    expect(readFileSync(path.join(work, a)).equals(before)).toBe(true);
  });

  it('merge and rollup refuse an existing --out without --force and replace it with --force', async () => {
    const a = await teamFile('三组.tallydesk', 3);
    writeFileSync(path.join(work, '合并.tallydesk'), 'earlier');
    expectUsageError(cli(['merge', a, '--out', '合并.tallydesk']), zh.cli.outExists('合并.tallydesk'));
    expect(readFileSync(path.join(work, '合并.tallydesk'), 'utf8')).toBe('earlier');
    expect(cli(['merge', a, '--out', '合并.tallydesk', '--force']).status).toBe(0);
    expect(readFileSync(path.join(work, '合并.tallydesk')).subarray(0, 7).toString()).not.toBe('earlier');

    writeFileSync(path.join(work, '总汇总.xlsx'), 'earlier');
    expectUsageError(cli(['rollup', a, '--out', '总汇总.xlsx']), zh.cli.outExists('总汇总.xlsx'));
    expect(readFileSync(path.join(work, '总汇总.xlsx'), 'utf8')).toBe('earlier');
  });

  it.skipIf(!posix)('export, ledger and print interviews refuse an --out linked to their workbook file', async () => {
    const a = await teamFile('四组.tallydesk', 4);
    for (const [name, args] of [
      ['四组-导出.xlsx', ['export', a]],
      ['四组-台账.xlsx', ['ledger', 'risks', a]],
      ['四组-谈话.pdf', ['print', 'interviews', a]],
    ] as const) {
      symlinkSync(path.join(work, a), path.join(work, name));
      expectUsageError(cli([...args, '--out', name, '--force']), zh.cli.outIsInput(name, a));
    }
    expect(existsSync(path.join(work, a))).toBe(true);
  });

  it('refuses --force on a command that writes nothing', () => {
    expectUsageError(cli(['snapshot', 'list', '--force']), zh.cli.files.optionNotFor('snapshot list', '--force'));
  });
});
