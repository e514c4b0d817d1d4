/**
 * `scan` as a user runs it: ballots printed by `print ballots`, marked with a pen (drawn here on the
 * printed pages at 200 dpi), scanned back as PNG files and as one PDF; the pass file, the counts,
 * the doubtful item waiting for a person and applied from a review file, the grid read back by
 * `tally`, and every refusal as one paragraph in Chinese.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../tests/support/examples';
import type { ScanPassFile } from '../../shared/contract/scan-pass-file';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { readingMapOf } from '../services/print/ballots';

const tsxLoader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const work = mkdtempSync(path.join(tmpdir(), 'tally-scan-cli-'));

// Run from the project (tsx takes its JSX settings from the tsconfig there), in the user's folder as npm gives it.
function cli(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', tsxLoader, path.join(projectRoot, 'electron/cli/main.ts'), ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, INIT_CWD: work } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectCleanRefusal(run: { status: number | null; stderr: string; stdout: string }, status = 1) {
  expect(run.status).toBe(status);
  expect(run.stderr).not.toMatch(/\n\s+at\s|Error:|TypeError|node:internal/);
  expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
}

const NAMES = ['王建国', '李秀英', '欧阳明华', '张伟'];
const MEETING = ['--form', 'evaluation-4', '--unit', '红星村', '--township', '大同镇', '--title', '民主测评大会', '--date', '2026-12-01'];
const DPI = 200;
const PX = DPI / 25.4;
/** What each of three voters marked, per candidate: an option index, or 'dot' (a pen rested on the box of 称职). */
const VOTES: (number | 'dot')[][] = [
  [0, 0, 1, 3],
  [1, 'dot', 0, 0],
  [2, 2, 2, 2],
];

/** The same meeting as the options above give the command line, for the reading map. */
const meeting = {
  township: '大同镇',
  unit: '红星村',
  teamName: '',
  meetingTitle: '民主测评大会',
  meetingDate: '2026-12-01',
  form: presetForm('evaluation-4'),
  candidates: NAMES.map((name) => ({ name, currentPost: '', proposedPost: '' })),
  counts: { expected: 1, present: 1, issued: 1, returned: 1 },
  quorum: DEFAULT_QUORUM,
  ballots: [],
};

let scans: string[] = [];

beforeAll(async () => {
  writeFileSync(path.join(work, 'grid.csv'), `票号,${NAMES.join(',')}\n1,,,,\n`);
  const printed = cli(['print', 'ballots', 'grid.csv', ...MEETING, '--copies', '3', '--out', 'ballots.pdf']);
  expect(printed.stderr).toBe('');
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', path.join(work, 'ballots.pdf'), path.join(work, 'blank')]);
  const map = readingMapOf(meeting);
  scans = [];
  for (let b = 0; b < VOTES.length; b++) {
    const blank = await loadImage(readFileSync(path.join(work, `blank-${b + 1}.png`)));
    const canvas = createCanvas(blank.width, blank.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(blank, 0, 0);
    ctx.strokeStyle = '#1a2a80';
    ctx.fillStyle = '#1a2a80';
    for (const item of map.pages[0]!.items) {
      const vote = VOTES[b]![item.candidate]!;
      const box = item.boxes[vote === 'dot' ? 1 : vote]!;
      const x = (map.paperOffsetMm.x + box.xMm) * PX;
      const y = (map.paperOffsetMm.y + box.yMm) * PX;
      if (vote === 'dot') {
        ctx.beginPath();
        ctx.arc(x + 0.5 * PX, y - 0.5 * PX, 0.5 * PX, 0, 2 * Math.PI);
        ctx.fill();
        continue;
      }
      // A tick as a ballpoint draws it: a short stroke down, a long one up, a little past the box.
      ctx.lineWidth = 0.5 * PX;
      ctx.beginPath();
      ctx.moveTo(x - 2.2 * PX, y);
      ctx.lineTo(x - 0.6 * PX, y + 2.2 * PX);
      ctx.lineTo(x + 3.4 * PX, y - 3.6 * PX);
      ctx.stroke();
    }
    const file = path.join(work, `scan-${b + 1}.png`);
    writeFileSync(file, canvas.toBuffer('image/png'));
    scans.push(file);
  }
}, 120_000);

function passFile(name: string): ScanPassFile {
  return JSON.parse(readFileSync(path.join(work, name), 'utf8')) as ScanPassFile;
}

describe('scan', () => {
  it('reads the marks, holds the pen dot for a person, and counts nothing of that ballot yet', () => {
    const run = cli(['scan', ...scans.map((s) => path.basename(s)), '--ballots', 'grid.csv', ...MEETING, '--out', 'pass.json', '--grid', 'pass.xlsx', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const counts = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(counts).toMatchObject({ pages: 3, recognised: 3, ballots: 3, items: 12, marked: 11, doubtful: 1, pending: 1, complete: false, grid: null });
    const pass = passFile('pass.json');
    expect(pass.ballots.map((b) => b.record?.marks ?? null)).toEqual([[0, 0, 1, 3], null, [2, 2, 2, 2]]);
    expect(pass.ballots[0]!.pages[0]!.imageHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pass.pending).toHaveLength(1);
    expect(pass.pending[0]).toMatchObject({ ballot: 2, what: '第 2 张 李秀英' });
    expect(pass.pending[0]!.boxes.map((b) => b.class)).toEqual(['empty', 'doubtful', 'empty', 'empty']);
  });

  it('applies a person’s decision from a review file, then writes a grid that tally reads back to the same counts', () => {
    const pending = passFile('pass.json').pending[0]!;
    writeFileSync(path.join(work, 'review.json'), JSON.stringify({ kind: 'tally-desk-scan-review', version: 1, decisions: [{ key: pending.key, mark: '弃权', by: '监票人甲' }] }));
    const run = cli(['scan', ...scans.map((s) => path.basename(s)), '--ballots', 'grid.csv', ...MEETING, '--out', 'pass2.json', '--grid', 'pass.xlsx', '--review-file', 'review.json']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('选票表已写入');
    const pass = passFile('pass2.json');
    expect(pass.complete).toBe(true);
    expect(pass.reviewedBy).toEqual(['监票人甲']);
    expect(pass.ballots[1]!.record!.marks).toEqual([1, -1, 0, 0]);
    expect(pass.ballots[1]!.decidedBy).toEqual({ machine: 3, person: 1 });
    const tally = cli(['tally', 'pass.xlsx', '--form', 'evaluation-4', '--json']);
    expect(tally.status).toBe(0);
    const result = JSON.parse(tally.stdout) as { candidates: { name: string; counts: Record<string, number> }[] };
    expect(result.candidates.find((c) => c.name === '李秀英')!.counts).toMatchObject({ 优秀: 1, 称职: 0, 基本称职: 1, 弃权: 1 });
    expect(result.candidates.find((c) => c.name === '王建国')!.counts).toMatchObject({ 优秀: 1, 称职: 1, 基本称职: 1 });
  });

  it('refuses pages of another meeting by name, and files that are no scan, as one paragraph', () => {
    const other = cli(['scan', path.basename(scans[0]!), '--ballots', 'grid.csv', ...MEETING.slice(0, -1), '2026-12-02', '--out', 'other.json', '--json']);
    expect(other.status).toBe(0);
    expect(passFile('other.json').problems[0]!.message).toContain('另一场会议');
    writeFileSync(path.join(work, 'notes.png'), 'not an image at all');
    expectCleanRefusal(cli(['scan', 'notes.png', '--ballots', 'grid.csv', ...MEETING, '--out', 'bad.json']));
    writeFileSync(path.join(work, 'cut.pdf'), readFileSync(path.join(work, 'ballots.pdf')).subarray(0, 20_000));
    expectCleanRefusal(cli(['scan', 'cut.pdf', '--ballots', 'grid.csv', ...MEETING, '--out', 'bad.json']));
    writeFileSync(path.join(work, 'review-bad.json'), JSON.stringify({ kind: 'tally-desk-scan-review', version: 1, decisions: [{ key: 'x#0/0', mark: '很好', by: '甲' }] }));
    expectCleanRefusal(cli(['scan', path.basename(scans[0]!), '--ballots', 'grid.csv', ...MEETING, '--out', 'bad.json', '--review-file', 'review-bad.json']));
  });

  it('reads the printed PDF itself as a stack of blank ballots', () => {
    const run = cli(['scan', 'ballots.pdf', '--ballots', 'grid.csv', ...MEETING, '--out', 'blank.json', '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ pages: 3, recognised: 3, ballots: 3, marked: 0, empty: 48, pending: 0, complete: true });
  });

  it('says what is missing when used wrongly (exit 2)', () => {
    expectCleanRefusal(cli(['scan', '--ballots', 'grid.csv', ...MEETING, '--out', 'x.json']), 2);
    expectCleanRefusal(cli(['scan', 'scan-1.png', ...MEETING, '--out', 'x.json']), 2);
    expectCleanRefusal(cli(['scan', 'scan-1.png', '--ballots', 'grid.csv', ...MEETING, '--out', 'x.txt']), 2);
    expectCleanRefusal(cli(['scan', 'scan-1.png', '--ballots', 'grid.csv', ...MEETING, '--out', 'x.json', '--grid', 'x.csv']), 2);
    expectCleanRefusal(cli(['tally', 'grid.csv', '--form', 'evaluation-4', '--grid', 'x.xlsx']), 2);
  });
});
