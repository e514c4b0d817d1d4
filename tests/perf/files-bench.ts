/**
 * Files and scale, at the size of the district in the source report: 82 teams' workbook files with
 * 1,143 people and about 60,000 ballots.
 *  - merge as the `merge` command does it (read, check, union, write the merged file), in this
 *    process; the same with every team file encrypted (key derivation is deliberately slow);
 *  - merge in the app: the 82 files picked on the merge page, checked, then applied to IndexedDB;
 *  - the roll-up Excel file: in a process of its own (time and peak RSS), from the merged file and
 *    from the 82 files; and in the app, from the click to the saved file, with the host's peak RSS;
 *  - the district's roll-up in the app straight from the 82 files (merged in the host, not stored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { Merger } from '../../shared/domain/merge';
import { zh } from '../../shared/messages/zh-CN';
import { writeFileAtomic } from '../../electron/services/atomic-file';
import { decodeWorkbookFile, encodeWorkbookFile } from '../../electron/services/workbook-file';
import { firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir } from '../e2e/support';
import { projectRoot } from '../support/examples';
import { teamContent } from '../support/team-files';
import type { Figure } from './figure';
import { median } from './figure';

export const TEAMS = 82;
export const PEOPLE = 1143;
/** Ballots per meeting; every team holds an evaluation and a recommendation meeting. */
const BALLOTS_PER_MEETING = 366;
const TOWNSHIPS = ['城关镇', '大同镇', '清泉镇', '石桥镇', '河西街道', '河东街道', '新华乡', '永安乡', '白云镇', '青山镇', '东湖街道', '南岭乡'];

/** 1,143 people over 82 teams: 14 each, and 13 for the last few. */
export function districtTeams(): TransferContent[] {
  const base = Math.floor(PEOPLE / TEAMS);
  const extra = PEOPLE - base * TEAMS;
  return Array.from({ length: TEAMS }, (_, i) =>
    teamContent({ team: i + 1, township: TOWNSHIPS[i % TOWNSHIPS.length]!, people: base + (i < extra ? 1 : 0), ballots: BALLOTS_PER_MEETING }),
  );
}

async function mergeFiles(files: readonly string[], password: string | null): Promise<{ content: TransferContent; bytes: Buffer }> {
  // Read and checked together: with passwords, key derivation runs on the thread pool.
  const opened = await Promise.all(
    files.map(async (file) => {
      const decoded = await decodeWorkbookFile(readFileSync(file), path.basename(file), password);
      if (decoded.status !== 'ok') throw new Error(`${file}: ${decoded.status}`);
      return decoded.file.content;
    }),
  );
  const merger = new Merger();
  for (const incoming of opened) {
    if (merger.apply(incoming).report.conflicts.length > 0) throw new Error('conflict');
  }
  const content = merger.content();
  return { content, bytes: await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: 'bench' }) };
}

function runChild(args: string[]): { ms: number; peakRssMb: number; rssBeforeMb: number } {
  const loader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const output = execFileSync(process.execPath, ['--import', loader, path.join(projectRoot, 'tests/perf/rollup-child.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').at(-1)!) as { ms: number; peakRssMb: number; rssBeforeMb: number };
}

/** The high-water mark of a process's resident memory (Linux), in MiB. */
function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/**
 * The floor under the app's merge: the same number of ballot-sized records written straight to
 * IndexedDB (same indexes, one strict transaction) in a scratch database, no app code at all.
 * Kept as source text: the page runs it as written.
 */
const INDEXED_DB_FLOOR = `async (count) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('bench-floor', 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('ballots', { keyPath: 'id' });
      store.createIndex('meetingId', 'meetingId');
      store.createIndex('meetingNumber', ['meetingId', 'number']);
      store.createIndex('meetingPassNumber', ['meetingId', 'pass', 'number']);
      store.createIndex('workbookId', 'workbookId');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const start = performance.now();
  await new Promise((resolve, reject) => {
    const tx = db.transaction('ballots', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('ballots');
    for (let i = 0; i < count; i++) {
      const team = i % 82;
      store.add({ id: 'wb-' + team + ':dev' + team + ':' + i, workbookId: 'wb-' + team, meetingId: 'm-' + team + '-' + (i % 2), deviceId: 'dev' + team, seq: i, enteredAt: '2026-11-20T08:00:00.000Z', pass: 1, supersedes: null, deleted: false, note: null, number: i, invalidReason: null, marks: [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1], writeIns: [], group: null });
    }
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  const elapsed = performance.now() - start;
  db.close();
  await new Promise((resolve) => { const r = indexedDB.deleteDatabase('bench-floor'); r.onsuccess = resolve; r.onerror = resolve; });
  return elapsed;
}`;

/** Starts the high-water mark again from the current size (Linux: clear_refs 5), so that one step can be measured alone. */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function benchInApp(files: readonly string[], totalBallots: number): Promise<Figure[]> {
  const dataDir = tempDir('tally-bench-files-data-');
  const host = await startHost(await freshPort(), dataDir);
  const context = await openProfile(tempDir('tally-bench-files-profile-'));
  try {
    const page = await firstPage(context);
    await page.goto(`${await host.launchUrl()}#/merge`);
    const floorSeconds = ((await page.evaluate(`(${INDEXED_DB_FLOOR})(${totalBallots})`)) as number) / 1000;
    const checkStart = performance.now();
    await page.getByTestId('merge-files').setInputFiles([...files]);
    await page.locator('[data-testid="merge-file"][data-status="ready"]').nth(files.length - 1).waitFor({ timeout: 600_000 });
    await page.getByTestId('work-progress').waitFor({ state: 'detached', timeout: 600_000 });
    const checkSeconds = (performance.now() - checkStart) / 1000;
    const applyStart = performance.now();
    await page.getByTestId('merge-apply').click();
    await page.getByTestId('merge-summary').filter({ hasText: zh.ui.merge.done(files.length, 0) }).waitFor({ timeout: 600_000 });
    const applySeconds = (performance.now() - applyStart) / 1000;

    await page.goto(`${await host.launchUrl()}#/rollup`);
    await page.getByTestId('rollup-units').locator('tbody tr').nth(TEAMS - 1).waitFor({ timeout: 600_000 });
    const mergePeak = peakRssOf(host.pid);
    const isolated = resetPeakRss(host.pid);
    const exportStart = performance.now();
    await page.getByTestId('export-rollup').click();
    await page.getByTestId('rollup-notice').filter({ hasText: '已导出' }).waitFor({ timeout: 600_000 });
    const exportSeconds = (performance.now() - exportStart) / 1000;
    const exported = readdirSync(host.exportsDir).filter((f) => f.includes(zh.rollup.fileKind));
    if (exported.length !== 1) throw new Error('the roll-up was not saved');
    const exportPeak = peakRssOf(host.pid);

    // The district's way: the roll-up straight from the 82 files, merged in the host, nothing stored.
    resetPeakRss(host.pid);
    await page.reload();
    await page.getByTestId('rollup-units').locator('tbody tr').nth(TEAMS - 1).waitFor({ timeout: 600_000 });
    const directStart = performance.now();
    await page.getByTestId('rollup-files').setInputFiles([...files]);
    await page.getByTestId('rollup-source').filter({ hasText: zh.ui.rollup.sourceFiles(files.length, files.length) }).waitFor({ timeout: 600_000 });
    await page.getByTestId('rollup-people').locator('tbody tr').nth(PEOPLE - 1).waitFor({ timeout: 600_000 });
    const directSeconds = (performance.now() - directStart) / 1000;
    const directPeak = peakRssOf(host.pid);
    return [
      {
        id: 'app-rollup-from-files-s',
        label: `应用内由文件直接汇总：选取 ${files.length} 个文件到全部 ${PEOPLE} 人显示（核验、合并、计算，不存入本机）`,
        value: directSeconds,
        unit: 's',
        target: '≤ 5 s',
        met: directSeconds <= 5,
      },
      { id: 'app-rollup-from-files-peak-rss-mb', label: '应用内由文件直接汇总：本机服务进程内存峰值', value: directPeak, unit: 'MB', target: null, met: null },
      { id: 'app-merge-check-82-s', label: `应用内合并：选取 ${files.length} 个文件并逐一核验、预览`, value: checkSeconds, unit: 's', target: null, met: null },
      { id: 'app-merge-apply-82-s', label: '应用内合并：写入 IndexedDB（逐个文件，全有或全无）', value: applySeconds, unit: 's', target: '≤ 5 s', met: applySeconds <= 5 },
      { id: 'indexeddb-floor-s', label: `对照：IndexedDB 本身写入 ${totalBallots.toLocaleString('en-US')} 条同样大小的记录（同样的索引，一个事务，不经应用代码）`, value: floorSeconds, unit: 's', target: null, met: null },
      { id: 'app-rollup-export-s', label: '应用内汇总：点击“导出 Excel”到文件保存', value: exportSeconds, unit: 's', target: '≤ 3 s', met: exportSeconds <= 3 },
      { id: 'app-host-merge-peak-rss-mb', label: '应用内合并：本机服务进程内存峰值（读取、核验 82 个文件，合并后的自动备份）', value: mergePeak, unit: 'MB', target: null, met: null },
      {
        id: 'app-rollup-export-peak-rss-mb',
        label: isolated ? '应用内汇总：导出时本机服务进程内存峰值' : '应用内汇总：本机服务进程内存峰值（自启动起，无法单独测导出）',
        value: exportPeak,
        unit: 'MB',
        target: '≤ 300 MB',
        met: exportPeak <= 300,
      },
    ];
  } finally {
    await context.close();
    await stopAllHosts();
  }
}

export async function benchFiles(): Promise<Figure[]> {
  const dir = tempDir('tally-bench-files-');
  const teams = districtTeams();
  const ballots = teams.reduce((n, t) => n + t.ballots.length, 0);
  const people = teams.reduce((n, t) => n + t.workbooks[0]!.candidates.length, 0);
  const plain: string[] = [];
  const locked: string[] = [];
  await Promise.all(
    teams.map(async (content, i) => {
      const name = `第${i + 1}考察组.tallydesk`;
      plain[i] = path.join(dir, name);
      locked[i] = path.join(dir, `加密-${name}`);
      writeFileSync(plain[i]!, await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: `laptop-${i + 1}` }));
      writeFileSync(locked[i]!, await encodeWorkbookFile(content, { purpose: 'transfer', fromDevice: `laptop-${i + 1}`, password: '考察组密码2026' }));
    }),
  );

  const mergeTimes: number[] = [];
  let merged: Buffer = Buffer.alloc(0);
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const result = await mergeFiles(plain, null);
    await writeFileAtomic(path.join(dir, 'merged.tallydesk'), result.bytes);
    mergeTimes.push(performance.now() - start);
    merged = result.bytes;
    if (result.content.ballots.length !== ballots) throw new Error('ballots lost in the merge');
  }
  const lockedStart = performance.now();
  await mergeFiles(locked, '考察组密码2026');
  const lockedSeconds = (performance.now() - lockedStart) / 1000;
  const mergeSeconds = median(mergeTimes) / 1000;

  const fromMerged = runChild(['merged', path.join(dir, 'merged.tallydesk'), path.join(dir, 'rollup-a.xlsx')]);
  const fromFiles = runChild(['files', path.join(dir, 'rollup-b.xlsx'), ...plain]);
  if (!existsSync(path.join(dir, 'rollup-a.xlsx')) || !existsSync(path.join(dir, 'rollup-b.xlsx'))) throw new Error('no roll-up written');

  const scale = `${TEAMS} 个考察组、${people} 人、${ballots.toLocaleString('en-US')} 张票`;
  return [
    { id: 'merge-82-files-s', label: `合并 ${scale}（读取、核验、合并、写出；中位数，3 次）`, value: mergeSeconds, unit: 's', target: '≤ 5 s', met: mergeSeconds <= 5 },
    { id: 'merge-82-files-mb', label: '合并后的文件大小', value: merged.length / 2 ** 20, unit: 'MB', target: null, met: null },
    { id: 'merge-82-encrypted-files-s', label: `合并 ${TEAMS} 个加密文件（每个文件派生密钥 60 万次迭代）`, value: lockedSeconds, unit: 's', target: null, met: null },
    { id: 'rollup-excel-s', label: '汇总 Excel：由合并后的数据计算并写出', value: fromMerged.ms / 1000, unit: 's', target: '≤ 3 s', met: fromMerged.ms <= 3000 },
    { id: 'rollup-excel-peak-rss-mb', label: '汇总 Excel：进程内存峰值（含已读入的合并数据）', value: fromMerged.peakRssMb, unit: 'MB', target: '≤ 300 MB', met: fromMerged.peakRssMb <= 300 },
    { id: 'rollup-from-82-files-s', label: `命令行 rollup：由 ${TEAMS} 个文件直接汇总（读取、合并、计算、写出）`, value: fromFiles.ms / 1000, unit: 's', target: null, met: null },
    { id: 'rollup-from-82-files-peak-rss-mb', label: '命令行 rollup：进程内存峰值', value: fromFiles.peakRssMb, unit: 'MB', target: null, met: null },
    ...(await benchInApp(plain, ballots)),
  ];
}
