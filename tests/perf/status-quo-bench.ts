/**
 * The app against what teams use today, measured side by side in one run:
 *  (a) keystrokes per ballot under the keyboard contract (best use of Shift+digit, Enter and *),
 *      replayed in the real app to prove the keys give exactly the stack, against an Excel template
 *      (one value plus Tab per mark);
 *  (e) the same 100,000 ballots × 30 candidates counted by the built command line end to end (xlsx
 *      and CSV), against LibreOffice headless recalculating an xlsx of them whose summary is COUNTIF
 *      formulas, the two alternating pair by pair in one run, with each one's peak memory;
 *  (f) the Excel summary of a 2,000-candidate meeting: time and peak memory, in a process of its own;
 *  (g) first paint of the app in browser mode (a fresh profile, the page as `npm start` serves it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import type { BallotRecord } from '../../shared/domain/ballot';
import { BLANK } from '../../shared/domain/ballot';
import { columnLetter } from '../../shared/domain/ballot-grid';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { tally } from '../../shared/domain/tally';
import { createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir } from '../e2e/support';
import { projectRoot } from '../support/examples';
import type { Figure } from './figure';
import { median } from './figure';

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A stack as counting tables see it: most ballots mark everyone alike (all 优秀, or all 称职),
 * some differ in a candidate or two, a few are mixed, a few leave someone blank.
 */
export function realisticStack(ballots: number, candidates: number, seed: number): number[][] {
  const next = lcg(seed);
  return Array.from({ length: ballots }, () => {
    const r = next();
    const base = next() < 0.75 ? 0 : 1;
    if (r < 0.55) return Array.from({ length: candidates }, () => base);
    if (r < 0.85) {
      const marks: number[] = Array.from({ length: candidates }, () => base);
      const changes = 1 + Math.floor(next() * 2);
      for (let i = 0; i < changes; i++) marks[Math.floor(next() * candidates)] = Math.floor(next() * 4);
      return marks;
    }
    return Array.from({ length: candidates }, () => (next() < 0.08 ? BLANK : Math.floor(next() * 4)));
  });
}

/** The shortest key sequence the keyboard contract allows for a ballot (after `previous`). */
export function keysFor(marks: readonly number[], previous: readonly number[] | null): string[] {
  if (previous && previous.length === marks.length && previous.every((m, i) => m === marks[i])) return ['*'];
  const key = (mark: number) => (mark === BLANK ? 'Digit0' : `Digit${mark + 1}`);
  let best: string[] | null = null;
  for (let typed = 0; typed <= marks.length; typed++) {
    const head = marks.slice(0, typed).map(key);
    const rest = marks.slice(typed);
    let tail: string[] | null;
    if (rest.length === 0) tail = []; // the last mark commits the ballot by itself
    else if (rest.every((m) => m === BLANK)) tail = ['Enter'];
    else if (rest.every((m) => m === rest[0])) tail = [`Shift+Digit${rest[0]! + 1}`];
    else tail = null;
    if (tail && (!best || head.length + tail.length < best.length)) best = [...head, ...tail];
  }
  return best!;
}

/** An Excel template: each mark is a value and Tab; a blank is Tab alone (the row ends with Enter instead of the last Tab). */
export function excelKeys(marks: readonly number[]): number {
  return marks.reduce((n, m) => n + (m === BLANK ? 1 : 2), 0);
}

async function benchKeystrokes(): Promise<Figure[]> {
  const CANDIDATES = 9;
  const stack = realisticStack(100, CANDIDATES, 4242);
  const sequences = stack.map((marks, i) => keysFor(marks, i > 0 ? stack[i - 1]! : null));
  const appKeys = sequences.reduce((n, s) => n + s.length, 0);
  const spreadsheetKeys = stack.reduce((n, marks) => n + excelKeys(marks), 0);

  // The keys replayed in the app: the stored ballots must be the stack, mark for mark.
  const host = await startHost(await freshPort(), tempDir('tally-bench-keys-data-'));
  const context = await openProfile(tempDir('tally-bench-keys-profile-'));
  try {
    const page = await firstPage(context);
    await page.goto(await host.launchUrl());
    await createWorkbookThroughUi(page, { unit: '测试村', people: Array.from({ length: CANDIDATES }, (_, i) => ({ name: `候选人${i + 1}` })) });
    await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: 100, present: 100, issued: 100, returned: 100 } });
    for (const sequence of sequences) for (const key of sequence) await page.keyboard.press(key);
    await page.getByTestId('progress').filter({ hasText: '已录入 100 张' }).waitFor();
    await page.getByTestId('recent-ballots').locator('li.saving').waitFor({ state: 'detached' });
    const stored = (await page.evaluate(`new Promise((resolve) => {
      const open = indexedDB.open('tally-desk');
      open.onsuccess = () => { const all = open.result.transaction('ballots').objectStore('ballots').getAll(); all.onsuccess = () => resolve(all.result.map((b) => [b.number, b.marks])); };
    })`)) as [number, number[]][];
    const byNumber = new Map(stored);
    const wrong = stack.filter((marks, i) => JSON.stringify(byNumber.get(i + 1)) !== JSON.stringify(marks)).length;
    if (wrong > 0 || stored.length !== stack.length) throw new Error(`keystroke replay: ${wrong} ballots differ, ${stored.length} stored`);
  } finally {
    await context.close();
    await stopAllHosts();
  }
  const ratio = spreadsheetKeys / appKeys;
  return [
    { id: 'keys-per-ballot-app', label: `每张票按键数：本软件（${stack.length} 张 × ${CANDIDATES} 人，已在软件中回放核对）`, value: appKeys / stack.length, unit: '键', target: null, met: null },
    { id: 'keys-per-ballot-excel', label: '每张票按键数：Excel 模板（每个标记一个值加 Tab）', value: spreadsheetKeys / stack.length, unit: '键', target: null, met: null },
    { id: 'keys-ratio-excel-to-app', label: 'Excel 按键数 ÷ 本软件按键数', value: ratio, unit: '倍', target: '≥ 2 倍', met: ratio >= 2 },
  ];
}

/** One whole process, timed from outside: wall time, peak resident memory by GNU time (the largest process), and what it printed. */
function timedProcess(command: string, args: readonly string[]): { ms: number; peakMb: number; stdout: string; status: number | null } {
  const t0 = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', 'TIMED %M', command, ...args], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 30 * 60_000 });
  // GNU time's own wall figure has a resolution of 10 ms: the clock here is finer.
  const ms = performance.now() - t0;
  const line = run.stderr.trim().split('\n').reverse().find((l) => l.startsWith('TIMED '));
  if (!line) throw new Error(`${command} was not timed: ${run.stderr.slice(-2000)}`);
  return { ms, peakMb: Number(line.split(' ')[1]) / 1024, stdout: run.stdout, status: run.status };
}

/**
 * The README's command line end to end against what teams use today, in the same run on the same
 * ballots: 100,000 ballots × 30 candidates as a ballot grid (xlsx written as Excel writes it, with
 * shared strings; and CSV), counted by the built CLI (`dist/cli/tally-desk.mjs`, package.json's
 * bin, started by Node: reading the file, counting and printing the result), against LibreOffice
 * headless opening an xlsx of the same marks with a summary sheet of COUNTIF formulas, recomputing
 * them and writing the summary. The two alternate, pair by pair (A B A B …, after one warm-up of
 * each), so a drift in the machine's speed falls on both; the ratio is the median of the pairs.
 */
async function benchCliAgainstLibreOffice(): Promise<Figure[]> {
  // BENCH_COUNTIF_BALLOTS makes a quick trial run smaller; the figures are of 100,000.
  const BALLOTS = Number(process.env.BENCH_COUNTIF_BALLOTS ?? 100_000);
  const PAIRS = Number(process.env.BENCH_CLI_PAIRS ?? 5);
  const CANDIDATES = 30;
  const form = presetForm('evaluation-4');
  const labels = form.questions[0]!.options.map((o) => o.label);
  const names = Array.from({ length: CANDIDATES }, (_, i) => `候选人${i + 1}`);
  const next = lcg(20261129);
  const ballots: BallotRecord[] = Array.from({ length: BALLOTS }, (_, i) => ({
    number: i + 1,
    invalidReason: null,
    marks: names.map(() => (next() < 0.02 ? BLANK : Math.floor(next() * 4))),
    writeIns: [],
  }));
  const counts = { expected: BALLOTS, present: BALLOTS, issued: BALLOTS, returned: BALLOTS };
  const expected = tally({ form, candidates: names, counts, quorum: DEFAULT_QUORUM, ballots });
  const cellOf = (mark: number) => (mark === BLANK ? null : labels[mark]!);

  const dir = tempDir('tally-bench-cli-');
  const gridXlsx = path.join(dir, '选票.xlsx');
  const gridCsv = path.join(dir, '选票.csv');
  const smallCsv = path.join(dir, '选票60.csv');
  const countif = path.join(dir, 'countif.xlsx');
  {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: gridXlsx, useSharedStrings: true });
    const sheet = book.addWorksheet('选票');
    sheet.addRow(['票号', ...names]).commit();
    for (const ballot of ballots) sheet.addRow([ballot.number, ...ballot.marks.map(cellOf)]).commit();
    sheet.commit();
    await book.commit();
  }
  const csvLine = (ballot: BallotRecord) => [ballot.number, ...ballot.marks.map((m) => cellOf(m) ?? '')].join(',');
  writeFileSync(gridCsv, `${['票号', ...names].join(',')}\n${ballots.map(csvLine).join('\n')}\n`);
  writeFileSync(smallCsv, `${['票号', ...names].join(',')}\n${ballots.slice(0, 60).map(csvLine).join('\n')}\n`);
  {
    // The spreadsheet a team would build: the marks, and a summary sheet of COUNTIF formulas.
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: countif, useSharedStrings: true });
    const marks = book.addWorksheet('选票');
    marks.addRow(names).commit();
    for (const ballot of ballots) marks.addRow(ballot.marks.map(cellOf)).commit();
    marks.commit();
    const summary = book.addWorksheet('汇总');
    summary.addRow(['姓名', ...labels]).commit();
    names.forEach((name, c) => {
      const letter = columnLetter(c);
      summary.addRow([name, ...labels.map((label) => ({ formula: `COUNTIF(选票!${letter}$2:${letter}$${BALLOTS + 1},"${label}")` }))]).commit();
    });
    summary.commit();
    await book.commit();
  }

  const cli = path.join(projectRoot, 'dist/cli/tally-desk.mjs');
  const ours = (file: string) => timedProcess(process.execPath, [cli, 'tally', file, '--form', 'evaluation-4', '--json']);
  // One LibreOffice profile for every run, made by the warm-up: LibreOffice at its quickest.
  const profile = pathToFileURL(tempDir('tally-lo-profile-')).href;
  const loOut = tempDir('tally-bench-countif-out-');
  const libreOffice = () =>
    timedProcess('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2', '--outdir', loOut, countif]);

  const checkOurs = (run: ReturnType<typeof ours>, file: string) => {
    if (run.status !== 0) throw new Error(`the CLI refused ${file}: ${run.stdout.slice(0, 2000)}`);
    const json = JSON.parse(run.stdout) as { meeting: { valid: number }; candidates: { name: string; counts: Record<string, number> }[]; source: { sheet: string | null } };
    const wrong = expected.candidates.filter((c, i) => labels.some((label) => json.candidates[i]?.counts[label] !== c.questions[0]!.counts[label]));
    if (json.meeting.valid !== BALLOTS || wrong.length > 0) throw new Error(`the CLI's count of ${file} disagrees with the tally for ${wrong.map((c) => c.name).join('、')}`);
  };
  const checkLibreOffice = () => {
    const csvFile = readdirSync(loOut).find((f) => f.includes('汇总') && f.endsWith('.csv'));
    if (!csvFile) throw new Error(`LibreOffice wrote no summary: ${readdirSync(loOut).join(', ')}`);
    const rows = readFileSync(path.join(loOut, csvFile), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map((cell) => cell.replace(/"/g, '')));
    const mismatches = names.filter((name, c) => {
      const row = rows.find((r) => r[0] === name);
      return !row || labels.some((label, o) => Number(row[o + 1]) !== expected.candidates[c]!.questions[0]!.counts[label]);
    });
    if (mismatches.length > 0) throw new Error(`LibreOffice's COUNTIF disagrees with the tally for ${mismatches.join('、')}`);
  };

  const figures: Figure[] = [];
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}`;
  // How busy the machine was: on a shared machine both sides slow down, the ratio less so.
  const loadBefore = os.loadavg()[0]!;
  for (const [format, file, target] of [
    ['xlsx', gridXlsx, 3],
    ['CSV', gridCsv, 6],
  ] as const) {
    checkOurs(ours(file), file);
    libreOffice();
    checkLibreOffice();
    const a: ReturnType<typeof ours>[] = [];
    const b: ReturnType<typeof ours>[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const run = ours(file);
      checkOurs(run, file);
      a.push(run);
      b.push(libreOffice());
    }
    const ratio = median(a.map((run, i) => b[i]!.ms / run.ms));
    const peak = Math.max(...a.map((run) => run.peakMb));
    const n = `${BALLOTS.toLocaleString('en')} 张 × ${CANDIDATES} 人，${PAIRS} 对交替，中位数，${machine}`;
    figures.push(
      { id: `cli-${format.toLowerCase()}-ms`, label: `命令行计票 ${format}（构建好的 CLI 进程，读文件、计票、输出结果；${n}）`, value: median(a.map((r) => r.ms)), unit: 'ms', target: null, met: null },
      { id: `cli-${format.toLowerCase()}-peak-mb`, label: `同上：命令行进程内存峰值（最大常驻内存）`, value: peak, unit: 'MB', target: '≤ 400 MB', met: peak <= 400 },
      { id: `cli-${format.toLowerCase()}-libreoffice-ms`, label: `同一次运行：LibreOffice 无界面打开同样的票（xlsx，COUNTIF 汇总）、重算并写出`, value: median(b.map((r) => r.ms)), unit: 'ms', target: null, met: null },
      { id: `cli-${format.toLowerCase()}-libreoffice-peak-mb`, label: '同上：LibreOffice 内存峰值', value: Math.max(...b.map((r) => r.peakMb)), unit: 'MB', target: null, met: null },
      { id: `cli-${format.toLowerCase()}-ratio`, label: `LibreOffice ÷ 本软件命令行（${format}，逐对之比的中位数）`, value: ratio, unit: '倍', target: `≥ ${target} 倍`, met: ratio >= target },
    );
  }
  const small = Array.from({ length: 10 }, () => ours(smallCsv));
  const smallMs = median(small.map((r) => r.ms));
  figures.push({ id: 'cli-load-average', label: `机器负载（1 分钟平均，开始时 ${loadBefore.toFixed(1)}，结束时；${os.cpus().length} 个处理器）`, value: os.loadavg()[0]!, unit: '', target: null, met: null });
  figures.push({ id: 'cli-60-ballots-ms', label: '命令行计票 60 张 × 30 人（CSV，构建好的 CLI 进程，中位数，10 次）', value: smallMs, unit: 'ms', target: '≤ 300 ms', met: smallMs <= 300 });
  return figures;
}


/** The Excel summary of a 2,000-candidate meeting, in a process of its own (its peak memory is the export's). */
function benchBigExport(): Figure[] {
  const loader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  const out = path.join(tempDir('tally-bench-export-'), 'summary.xlsx');
  const runs = [0, 1, 2].map(() => {
    const output = execFileSync(process.execPath, ['--import', loader, path.join(projectRoot, 'tests/perf/export-child.ts'), out], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(output.trim().split('\n').at(-1)!) as { ms: number; peakRssMb: number; candidates: number; ballots: number };
  });
  const ms = median(runs.map((r) => r.ms));
  const peak = Math.max(...runs.map((r) => r.peakRssMb));
  return [
    { id: 'export-2000-candidates-ms', label: `导出 ${runs[0]!.candidates} 名候选人的汇总表（${runs[0]!.ballots} 张票，中位数，3 次）`, value: ms, unit: 'ms', target: '≤ 5000 ms', met: ms <= 5000 },
    { id: 'export-2000-candidates-peak-rss-mb', label: '同上：进程内存峰值（VmHWM）', value: peak, unit: 'MB', target: '≤ 500 MB', met: peak <= 500 },
  ];
}

/** First paint and first usable screen of the app in browser mode, from a fresh profile. */
async function benchFirstPaint(): Promise<Figure[]> {
  const host = await startHost(await freshPort(), tempDir('tally-bench-paint-data-'));
  const paints: number[] = [];
  const ready: number[] = [];
  try {
    for (let run = 0; run < 5; run++) {
      const context = await openProfile(tempDir('tally-bench-paint-profile-'));
      const page = await firstPage(context);
      await page.goto(await host.launchUrl());
      await page.getByRole('heading').first().waitFor();
      const timing = (await page.evaluate(`(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const nav = performance.getEntriesByType('navigation')[0];
        return { paint: paint ? paint.startTime : null, start: nav ? nav.startTime : 0 };
      })()`)) as { paint: number | null; start: number };
      const shown = (await page.evaluate('performance.now()')) as number;
      if (timing.paint !== null) paints.push(timing.paint);
      ready.push(shown);
      await context.close();
    }
  } finally {
    await stopAllHosts();
  }
  const paint = median(paints);
  return [
    { id: 'first-contentful-paint-ms', label: '首次绘制（浏览器模式，新配置文件，中位数，5 次）', value: paint, unit: 'ms', target: '≤ 1000 ms', met: paint <= 1000 },
    { id: 'first-screen-ready-ms', label: '首页可用（标题出现）', value: median(ready), unit: 'ms', target: null, met: null },
  ];
}

/** The crash suite at length: SIGKILL at random points of keyboard entry, CRASH_RUNS times. */
function benchCrash(runs: number): Figure[] {
  const report = path.join(tempDir('tally-bench-crash-'), 'crash.json');
  const t0 = performance.now();
  const run = spawnSync(path.join(projectRoot, 'node_modules/.bin/playwright'), ['test', 'tests/e2e/crash.spec.ts', '--reporter=line'], {
    cwd: projectRoot,
    env: { ...process.env, CRASH_RUNS: String(runs), CRASH_REPORT: report },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - t0) / 1000;
  let totals: { kills: number; typed: number; confirmed: number; found: number; lost: number; halfWritten: number };
  try {
    totals = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    throw new Error(`crash suite did not report: ${run.stdout.slice(-2000)}`);
  }
  return [
    { id: 'crash-kills', label: `崩溃测试：录入中随机 SIGKILL 次数（用时 ${seconds.toFixed(0)} 秒）`, value: totals.kills, unit: '次', target: `= ${runs}`, met: totals.kills === runs },
    { id: 'crash-confirmed', label: '被杀前界面已确认保存的选票', value: totals.confirmed, unit: '张', target: null, met: null },
    { id: 'crash-lost', label: '已确认却在重启后缺失的选票', value: totals.lost, unit: '张', target: '= 0', met: totals.lost === 0 && run.status === 0 },
    { id: 'crash-half-written', label: '重启后内容不完整或与录入不符的选票', value: totals.halfWritten, unit: '张', target: '= 0', met: totals.halfWritten === 0 && run.status === 0 },
  ];
}

export async function benchStatusQuo(): Promise<Figure[]> {
  return [...(await benchKeystrokes()), ...(await benchCliAgainstLibreOffice())];
}

export { benchBigExport, benchCliAgainstLibreOffice, benchCrash, benchFirstPaint };
