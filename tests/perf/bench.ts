/**
 * `npm run bench`: speed figures measured here, never asserted by timed unit tests.
 *  - tally of 100,000 ballots × 30 candidates (and the fingerprint of the same ballots);
 *  - key→DOM latency on the tally screen with 5,000 ballots already in the meeting, measured in the
 *    page from keydown to the DOM change (performance.now(), MutationObserver);
 *  - ballot commit latency (strict IndexedDB transaction), from the app's own performance measures;
 *  - files and scale: 82 teams' workbook files (1,143 people, about 60,000 ballots) merged on the
 *    command line and in the app, and the district roll-up written to Excel (time and peak memory);
 *  - against the status quo (status-quo-bench.ts): keystrokes per ballot against an Excel template,
 *    LibreOffice recalculating COUNTIF formulas against the app's tally, a 2,000-candidate export
 *    (time and peak memory), first paint, and the crash suite at 200 kills;
 *  - reading scanned ballots (scan-bench.ts): 2,000 synthetic ballots graded, and a 100-page PDF.
 * Prints a table, writes bench-results/latest.json; with --write-docs also docs/performance.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { BallotRecord } from '../../shared/domain/ballot';
import { BLANK, VOID } from '../../shared/domain/ballot';
import { ballotFingerprint } from '../../shared/domain/fingerprint';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { tally } from '../../shared/domain/tally';
import { zh } from '../../shared/messages/zh-CN';
import { createMeetingThroughUi, createWorkbookThroughUi, firstPage, freshPort, openProfile, startHost, stopAllHosts, tempDir } from '../e2e/support';
import { projectRoot } from '../support/examples';

import type { Figure } from './figure';
import { median, percentile } from './figure';
import { benchFiles } from './files-bench';
import { benchBigExport, benchCliAgainstLibreOffice, benchCrash, benchFirstPaint, benchStatusQuo } from './status-quo-bench';
import { benchScan } from './scan-bench';

/** A deterministic pseudo-random stream, so every run tallies the same ballots. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function benchTally(): Figure[] {
  const form = presetForm('evaluation-4');
  const candidates = Array.from({ length: 30 }, (_, i) => `候选人${i + 1}`);
  const random = lcg(20261129);
  const ballots: BallotRecord[] = Array.from({ length: 100_000 }, (_, i) => ({
    number: i + 1,
    invalidReason: random() < 0.01 ? '无法辨认' : null,
    marks: candidates.map(() => {
      const r = random();
      return r < 0.02 ? BLANK : r < 0.025 ? VOID : Math.floor(random() * 4);
    }),
    writeIns: [],
  }));
  const counts = { expected: 100_000, present: 100_000, issued: 100_000, returned: 100_000 };
  const tallyTimes: number[] = [];
  const fingerprintTimes: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    tally({ form, candidates, counts, quorum: DEFAULT_QUORUM, ballots });
    tallyTimes.push(performance.now() - t0);
    const t1 = performance.now();
    ballotFingerprint(form, candidates, ballots);
    fingerprintTimes.push(performance.now() - t1);
  }
  const tallyMs = median(tallyTimes);
  return [
    { id: 'tally-100k-x30-ms', label: '计票 100,000 张 × 30 人（中位数，5 次）', value: tallyMs, unit: 'ms', target: '≤ 1000 ms', met: tallyMs <= 1000 },
    { id: 'fingerprint-100k-x30-ms', label: '指纹 100,000 张 × 30 人（中位数，5 次）', value: median(fingerprintTimes), unit: 'ms', target: null, met: null },
  ];
}

const CANDIDATES = 10;
const SEEDED_BALLOTS = 5000;
const MEASURED_BALLOTS = 60;
/** Ballots the projector's update is timed on, after the measured ones. */
const PROJECTOR_BALLOTS = 30;
/** The meeting's returned count covers every ballot the bench enters: one more would wait in the over-entry dialog. */
const RETURNED = SEEDED_BALLOTS + MEASURED_BALLOTS + PROJECTOR_BALLOTS;

async function setUpMeeting(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await createWorkbookThroughUi(page, { unit: '性能测试村', people: Array.from({ length: CANDIDATES }, (_, i) => ({ name: `候选人${i + 1}` })) });
  await createMeetingThroughUi(page, { preset: 'evaluation-4', counts: { expected: RETURNED, present: RETURNED, issued: RETURNED, returned: RETURNED } });
}

/** 5,000 ballots entered through the real key handler (Shift+1 commits a whole ballot), as fast as the page takes them. */
async function seedBallots(page: Page): Promise<void> {
  await page.evaluate((count) => {
    const entry = document.querySelector('[data-testid="entry"]')!;
    for (let i = 0; i < count; i++) {
      entry.dispatchEvent(new KeyboardEvent('keydown', { key: '!', code: 'Digit1', shiftKey: true, bubbles: true, cancelable: true }));
    }
  }, SEEDED_BALLOTS);
  await page.getByTestId('progress').filter({ hasText: zh.ui.entry.progress(SEEDED_BALLOTS, RETURNED) }).waitFor({ timeout: 600_000 });
  await page.getByTestId('recent-ballots').locator('li.saving').waitFor({ state: 'detached', timeout: 600_000 });
}

async function benchKeys(): Promise<Figure[]> {
  const host = await startHost(await freshPort(), tempDir('tally-bench-data-'));
  const context = await openProfile(tempDir('tally-bench-profile-'));
  try {
    const page = await firstPage(context);
    // The probe's keydown listener must run before the app's: the tally screen takes keys at the window in
    // the capture phase and renders in the microtask right after its handler, so a listener added after it
    // would start the clock once the key was already on screen (and stop it at some later change). Added
    // at page load, it precedes the screen's, which is added when the tally screen opens.
    await page.addInitScript(() => {
      window.addEventListener(
        'keydown',
        () => {
          const w = window as unknown as { __keyLatencies?: number[]; __keyStart: number | null };
          if (w.__keyLatencies) w.__keyStart = performance.now();
        },
        true,
      );
    });
    await setUpMeeting(page, await host.launchUrl());
    const seedStart = performance.now();
    await seedBallots(page);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    await page.evaluate(() => performance.clearMeasures('tally:commit'));

    // In-page probe: keydown (capture, before the app: see above) → first DOM mutation of the entry area.
    await page.evaluate(() => {
      const w = window as unknown as { __keyLatencies: number[]; __keyStart: number | null };
      w.__keyStart = null;
      w.__keyLatencies = [];
      const observer = new MutationObserver(() => {
        if (w.__keyStart !== null) {
          w.__keyLatencies.push(performance.now() - w.__keyStart);
          w.__keyStart = null;
        }
      });
      observer.observe(document.querySelector('[data-testid="entry"]')!, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const keys = ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit0', 'Space', 'Minus', 'Digit2', 'Digit1', 'Digit1'];
    // One ballot at a time, each waited for until saved, as at a counting table: commits do not queue.
    for (let ballot = 0; ballot < MEASURED_BALLOTS; ballot++) {
      for (const key of keys) await page.keyboard.press(key);
      await page.getByTestId('recent-ballots').locator(`li[data-ballot-number="${SEEDED_BALLOTS + ballot + 1}"]`).waitFor();
    }
    await page.getByTestId('progress').filter({ hasText: zh.ui.entry.progress(SEEDED_BALLOTS + MEASURED_BALLOTS, RETURNED) }).waitFor();
    await page.getByTestId('recent-ballots').locator('li.saving').waitFor({ state: 'detached' });
    const latencies = (await page.evaluate(() => (window as unknown as { __keyLatencies: number[] }).__keyLatencies)).sort((a, b) => a - b);
    const commits = (await page.evaluate(() => performance.getEntriesByName('tally:commit').map((e) => e.duration))).sort((a, b) => a - b);
    const projector = await benchProjector(page);
    const p95 = percentile(latencies, 95);
    return [
      { id: 'key-to-dom-p50-ms', label: `按键→界面 p50（已有 ${SEEDED_BALLOTS} 张，${latencies.length} 次按键）`, value: percentile(latencies, 50), unit: 'ms', target: null, met: null },
      { id: 'key-to-dom-p95-ms', label: '按键→界面 p95', value: p95, unit: 'ms', target: '≤ 4 ms', met: p95 <= 4 },
      { id: 'key-to-dom-max-ms', label: '按键→界面 最大', value: latencies.at(-1) ?? Number.NaN, unit: 'ms', target: null, met: null },
      { id: 'commit-p50-ms', label: `保存一张票 p50（严格持久化，${commits.length} 张）`, value: percentile(commits, 50), unit: 'ms', target: null, met: null },
      { id: 'commit-p95-ms', label: '保存一张票 p95', value: percentile(commits, 95), unit: 'ms', target: null, met: null },
      { id: 'commit-max-ms', label: '保存一张票 最大', value: commits.at(-1) ?? Number.NaN, unit: 'ms', target: null, met: null },
      { id: 'seed-5000-ballots-s', label: `录入 ${SEEDED_BALLOTS} 张（Shift+1，整票一键）用时`, value: seedSeconds, unit: 's', target: null, met: null },
      {
        id: 'projector-update-p95-ms',
        label: `大屏更新 p95（保存完成→大屏显示，${projector.length} 张，已有 ${SEEDED_BALLOTS} 张）`,
        value: percentile(projector, 95),
        unit: 'ms',
        target: '≤ 100 ms',
        met: percentile(projector, 95) <= 100,
      },
      { id: 'projector-update-max-ms', label: '大屏更新 最大', value: projector.at(-1) ?? Number.NaN, unit: 'ms', target: null, met: null },
    ];
  } finally {
    await context.close();
    await stopAllHosts();
  }
}

/**
 * The projector in a second page: from the moment a ballot's save completes in the tally page to
 * the moment the projector page shows the new count, both read on the machine's wall clock
 * (performance.timeOrigin + performance.now(), the same clock in both pages).
 */
async function benchProjector(page: Page): Promise<number[]> {
  const meetingUrl = page.url().replace(/\/tally$/, '/projector');
  const projector = await page.context().newPage();
  await projector.goto(meetingUrl);
  await projector.getByTestId('projector-count').waitFor();
  await projector.evaluate(() => {
    const w = window as unknown as { __shown: { text: string; at: number }[] };
    w.__shown = [];
    const target = document.querySelector('[data-testid="projector-count"]')!;
    new MutationObserver(() => w.__shown.push({ text: target.textContent ?? '', at: performance.timeOrigin + performance.now() })).observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await page.bringToFront();
  await page.evaluate(() => {
    const w = window as unknown as { __saved: number[] };
    w.__saved = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'tally:commit') w.__saved.push(performance.timeOrigin + entry.startTime + entry.duration);
    }).observe({ entryTypes: ['measure'] });
  });
  const before = Number(/已录入 (\d+) 张/.exec((await projector.getByTestId('projector-count').textContent()) ?? '')?.[1]);
  for (let i = 0; i < PROJECTOR_BALLOTS; i++) {
    await page.keyboard.press('Shift+Digit2');
    await projector.getByTestId('projector-count').filter({ hasText: `已录入 ${before + i + 1} 张` }).waitFor();
  }
  const saved = await page.evaluate(() => (window as unknown as { __saved: number[] }).__saved);
  const shown = await projector.evaluate(() => (window as unknown as { __shown: { text: string; at: number }[] }).__shown);
  await projector.close();
  return saved
    .map((at, i) => {
      const first = shown.find((s) => s.text.includes(`已录入 ${before + i + 1} 张`));
      return first ? first.at - at : Number.NaN;
    })
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
}

function formatValue(figure: Figure): string {
  return `${figure.value.toFixed(figure.value < 10 ? 2 : 1)} ${figure.unit}`;
}

function table(figures: Figure[]): string {
  const rows = figures.map((f) => `| ${f.label} | ${formatValue(f)} | ${f.target ?? '—'} | ${f.met === null ? '—' : f.met ? '达到' : '未达到'} |`);
  return ['| 项目 | 结果 | 目标 | 是否达到 |', '|---|---|---|---|', ...rows].join('\n');
}

/** The scan benchmark's own block of docs/performance.md (written by a full run or `--only=scan --write-docs`). */
function withScanBlock(doc: string, date: string, machine: string, scanFigures: Figure[]): string {
  const block = `<!-- bench-scan:start -->\n测于 ${date.slice(0, 10)}，${machine}。\n\n${table(scanFigures)}\n\n\`\`\`json\n${JSON.stringify({ date, machine, figures: scanFigures }, null, 2)}\n\`\`\`\n<!-- bench-scan:end -->`;
  return /<!-- bench-scan:start -->/.test(doc) ? doc.replace(/<!-- bench-scan:start -->[\s\S]*<!-- bench-scan:end -->/, block) : `${doc.trimEnd()}\n\n## 扫描识别（scan）\n\n${block}\n`;
}

async function main(): Promise<void> {
  const { buildAll } = (await import(path.join(projectRoot, 'scripts/build.mjs'))) as { buildAll: (o: { quiet: boolean }) => Promise<void> };
  await buildAll({ quiet: true });
  // `-- --only=files` (or tally, keys, status-quo, cli, export, paint, crash, scan) runs those groups; docs are written only from a full run,
  // except the command line's table, which `--only=cli --write-docs` also writes.
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? null;
  const wanted = (group: string) => only === null || only.includes(group);
  const figures = [
    ...(wanted('tally') ? benchTally() : []),
    ...(wanted('keys') ? await benchKeys() : []),
    ...(wanted('files') ? await benchFiles() : []),
    ...(wanted('status-quo') ? await benchStatusQuo() : []),
    // The command line against LibreOffice alone (also part of status-quo).
    ...(only !== null && only.includes('cli') && !only.includes('status-quo') ? await benchCliAgainstLibreOffice() : []),
    ...(wanted('export') ? benchBigExport() : []),
    ...(wanted('paint') ? await benchFirstPaint() : []),
    ...(wanted('crash') ? benchCrash(Number(process.env.CRASH_RUNS ?? 200)) : []),
    ...(wanted('scan') ? await benchScan() : []),
  ];
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const result = { date: new Date().toISOString(), machine, figures };
  const outDir = path.join(projectRoot, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, only ? 'partial.json' : 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const markdown = table(figures);
  console.log(`\n${machine}\n\n${markdown}\n\nJSON: bench-results/${only ? 'partial' : 'latest'}.json`);

  const cliFigures = figures.filter((f) => f.id.startsWith('cli-'));
  if (process.argv.includes('--write-docs') && cliFigures.length > 0) {
    const docPath = path.join(projectRoot, 'docs/performance.md');
    const doc = readFileSync(docPath, 'utf8');
    const block = `<!-- bench-cli:start -->\n测于 ${result.date.slice(0, 10)}，${machine}。\n\n${table(cliFigures)}\n\n\`\`\`json\n${JSON.stringify({ date: result.date, machine, figures: cliFigures }, null, 2)}\n\`\`\`\n<!-- bench-cli:end -->`;
    writeFileSync(docPath, doc.replace(/<!-- bench-cli:start -->[\s\S]*<!-- bench-cli:end -->/, block));
  }
  const scanFigures = figures.filter((f) => f.id.startsWith('scan-'));
  if (process.argv.includes('--write-docs') && scanFigures.length > 0) {
    const docPath = path.join(projectRoot, 'docs/performance.md');
    writeFileSync(docPath, withScanBlock(readFileSync(docPath, 'utf8'), result.date, machine, scanFigures));
  }
  if (process.argv.includes('--write-docs') && !only) {
    const docPath = path.join(projectRoot, 'docs/performance.md');
    const doc = readFileSync(docPath, 'utf8');
    const block = `<!-- bench:start -->\n测于 ${result.date.slice(0, 10)}，${machine}。\n\n${markdown}\n\n\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\`\n<!-- bench:end -->`;
    writeFileSync(docPath, doc.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block));
    console.log('docs/performance.md updated');
  }
}

await main();
