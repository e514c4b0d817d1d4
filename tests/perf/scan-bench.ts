/**
 * Reading scanned ballots (docs/scanning.md): a corpus of synthetic scans of every form kind
 * (tests/scan/synthetic.ts: ticks, fills, crosses, heavy and light pens, stray dots, marks scribbled
 * out, names written in; 70 % scanner pictures, 30 % phone photos), made and read in two processes at
 * once (both cores busy, as on a laptop reading a stack), graded against the truth; and a 100-page
 * scanner PDF read by the command line as a user runs it, its time and peak memory measured by
 * /usr/bin/time around the whole process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { BALLOT_KINDS, candidateNames, meetingFor } from '../../electron/services/print/testing/pdf';
import { addGrades, emptyGrade } from '../scan/grade';
import type { Grade } from '../scan/grade';
import { blankBallot, scannerPdf, syntheticBallots } from '../scan/synthetic';
import { projectRoot } from '../support/examples';
import type { Figure } from './figure';
import { percentile } from './figure';

const run = promisify(execFile);
const loader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;

/** The forms of the corpus: a grade form, a recommendation with write-ins, posts, and 德能勤绩廉 (two pages). */
const FORMS = [
  { kind: 'evaluation-4', candidates: 10 },
  { kind: 'recommend', candidates: 10 },
  { kind: 'posts', candidates: 8 },
  { kind: 'dimensions-5', candidates: 4 },
];

interface Share {
  grade: Grade;
  times: number[];
  byProfile: Record<string, number[]>;
  ballots: number;
}

async function child(job: object): Promise<Share> {
  const { stdout } = await run(process.execPath, ['--import', loader, path.join(projectRoot, 'tests/perf/scan-child.ts'), JSON.stringify(job)], { maxBuffer: 1 << 28 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Share;
}

async function accuracy(total: number): Promise<Figure[]> {
  // Each form's ballots in chunks of 25, two chunks at a time (one per core). Small chunks because the
  // generator's drawing (@napi-rs/canvas blur filters and 12-megapixel canvases) holds native memory
  // that a long-lived process never gets back; reading alone does not (docs/scanning.md).
  const jobs: object[] = [];
  const perForm = Math.ceil(total / FORMS.length);
  const chunk = 25;
  FORMS.forEach((f, i) => {
    for (let start = 0; start < perForm; start += chunk) jobs.push({ ...f, count: Math.min(chunk, perForm - start), seed: 1000 * (i + 1) + start, phone: 0.3 });
  });
  const shares: Share[] = [];
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        shares.push(await child(job));
      }
    }),
  );
  const grade = shares.reduce((g, s) => addGrades(g, s.grade), emptyGrade());
  const ballots = shares.reduce((n, s) => n + s.ballots, 0);
  const times = shares.flatMap((s) => s.times).sort((a, b) => a - b);
  const phone = shares.flatMap((s) => s.byProfile.phone ?? []).sort((a, b) => a - b);
  if (grade.wrongItems.length + grade.wrongBoxes.length > 0) console.log('definite but wrong:\n', [...grade.wrongItems, ...grade.wrongBoxes].join('\n'));
  console.log('sent to review, by what the box held:', JSON.stringify(grade.reviewCauses));
  if (grade.unrecognised.length > 0) console.log('pages not found:\n', grade.unrecognised.join('\n'));
  const review = grade.review / grade.items;
  // Boxes a person must see whatever the reader (a mark scribbled out) against those it could have read.
  const mustSee = Object.entries(grade.reviewCauses).filter(([cause]) => cause.startsWith('crossed-out→')).reduce((n, [, v]) => n + v, 0);
  const couldRead = Object.entries(grade.reviewCauses).filter(([cause]) => !cause.startsWith('crossed-out→')).reduce((n, [, v]) => n + v, 0);
  const recognised = grade.recognised / grade.pages;
  return [
    { id: 'scan-corpus-ballots', label: `扫描识别：合成选票 ${ballots} 张（${grade.pages} 页，${grade.items} 项，四种表式，三成为手机拍照）`, value: ballots, unit: '张', target: '≥ 2000', met: ballots >= 2000 },
    { id: 'scan-wrong-definite', label: '扫描识别：判为确定但判错的项（及方框）', value: grade.wrongItems.length + grade.wrongBoxes.length, unit: '项', target: '0', met: grade.wrongItems.length + grade.wrongBoxes.length === 0 },
    { id: 'scan-review-share', label: '扫描识别：交人工复核的项', value: review * 100, unit: '%', target: '≤ 2 %', met: review <= 0.02 },
    { id: 'scan-review-boxes', label: `扫描识别：复核的方框中，涂改的（必须由人看）${mustSee} 个，其余 ${couldRead} 个`, value: couldRead, unit: '个', target: null, met: null },
    { id: 'scan-pages-recognised', label: '扫描识别：认出的页', value: recognised * 100, unit: '%', target: '≥ 99.5 %', met: recognised >= 0.995 },
    { id: 'scan-write-ins-to-person', label: '扫描识别：写了字的另推他人行交人工录入', value: grade.writeIns === 0 ? 100 : ((grade.writeIns - grade.writeInsMissed) / grade.writeIns) * 100, unit: '%', target: '100 %', met: grade.writeInsMissed === 0 },
    { id: 'scan-page-p50-ms', label: '扫描识别：每页解码并识别（中位数，两核同时工作）', value: percentile(times, 50), unit: 'ms', target: '≤ 1000 ms', met: percentile(times, 50) <= 1000 },
    { id: 'scan-page-p95-ms', label: '扫描识别：每页解码并识别（95 分位）', value: percentile(times, 95), unit: 'ms', target: '≤ 1000 ms', met: percentile(times, 95) <= 1000 },
    { id: 'scan-phone-p95-ms', label: '扫描识别：手机照片每页（300–1200 万像素，95 分位）', value: percentile(phone, 95), unit: 'ms', target: null, met: null },
  ];
}

/** 100 scanner pages as one PDF (one JPEG per A4 page, as a document scanner writes them: 300–600 KB a page), read by `scan`. */
async function hundredPagePdf(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-scan-bench-'));
  const names = candidateNames(10);
  const input = { ...meetingFor(BALLOT_KINDS['evaluation-4']!(), names), township: '大同镇', unit: '红星村', meetingTitle: '民主测评大会', meetingDate: '2026-12-01' };
  const blank = await blankBallot(input, 'bench-pdf');
  const pages: { bytes: Buffer; width: number; height: number }[] = [];
  for await (const ballot of syntheticBallots({ blank, count: 100, seed: 77, profile: 'scanner', jpegOnly: true })) {
    const page = ballot.pages[0]!;
    pages.push({ bytes: page.bytes, width: page.degradation.width, height: page.degradation.height });
  }
  const pdf = path.join(dir, 'stack.pdf');
  writeFileSync(pdf, scannerPdf(pages));
  writeFileSync(path.join(dir, 'grid.csv'), `票号,${names.join(',')}\n1${','.repeat(names.length)}\n`);
  const args = ['scan', pdf, '--ballots', path.join(dir, 'grid.csv'), '--form', 'evaluation-4', '--unit', '红星村', '--township', '大同镇', '--title', '民主测评大会', '--date', '2026-12-01', '--out', path.join(dir, 'pass.json'), '--json'];
  // /usr/bin/time reports the whole process's wall time and peak resident memory on stderr.
  const result = await run('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(projectRoot, 'dist/cli/tally-desk.mjs'), ...args], { maxBuffer: 1 << 24 });
  const [seconds, kb] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number];
  const counts = JSON.parse(result.stdout) as { pages: number; recognised: number };
  const peakMb = kb / 1024;
  return [
    { id: 'scan-pdf-100-s', label: `命令行 scan：100 页扫描 PDF（认出 ${counts.recognised}/${counts.pages} 页），整个进程`, value: seconds, unit: 's', target: '≤ 100 s（每页 ≤ 1 s）', met: seconds <= 100 },
    { id: 'scan-pdf-100-peak-mb', label: '命令行 scan：100 页扫描 PDF 的内存峰值（RSS）', value: peakMb, unit: 'MB', target: '≤ 500 MB', met: peakMb <= 500 },
  ];
}

export async function benchScan(): Promise<Figure[]> {
  const total = Number(process.env.SCAN_BALLOTS ?? 2000);
  return [...(await accuracy(total)), ...(await hundredPagePdf())];
}
