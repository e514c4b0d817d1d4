/**
 * The summary as the township prints it: rendered by LibreOffice to PDF, it is A4, every Chinese
 * text is there (pdftotext reads it back), and each sheet fits the page width.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { loadExamples } from '../../tests/support/examples';
import { meetingFromGridFile } from './meeting-from-grid';
import { buildMeetingSummary } from './summary-xlsx';

const work = mkdtempSync(path.join(tmpdir(), 'tally-render-'));

function renderToPdf(xlsx: string): string {
  // A profile of its own, so a LibreOffice already running elsewhere does not swallow the conversion.
  const profile = pathToFileURL(path.join(work, 'lo-profile')).href;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, xlsx], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return xlsx.replace(/\.xlsx$/, '.pdf');
}

describe('printing the summary', () => {
  it('renders to A4 pages that carry every title, name, signature line and the 口径说明', async () => {
    const example = loadExamples().find((e) => e.name === 'evaluation-4-small')!;
    const meeting = await meetingFromGridFile(
      readFileSync(example.gridPath),
      'evaluation-4-small.csv',
      presetForm('evaluation-4'),
      { expected: 14, present: 12, issued: 12, returned: 12 },
      DEFAULT_QUORUM,
    );
    if (!meeting.ok) throw new Error('example refused');
    const candidates = [...meeting.value.candidates, '王䶮'];
    const summary = await buildMeetingSummary({
      township: '大同镇',
      unit: '红星村',
      teamName: '第三考察组',
      meetingTitle: '民主测评大会',
      meetingDate: '2026-11-28',
      form: presetForm('evaluation-4'),
      candidates: candidates.map((name) => ({ name, currentPost: '村委会委员', proposedPost: '村党组织书记' })),
      counts: meeting.value.counts,
      quorum: DEFAULT_QUORUM,
      ballots: meeting.value.ballots.map((b) => ({ ...b, marks: [...b.marks, 0] })),
    });
    const xlsx = path.join(work, 'summary.xlsx');
    writeFileSync(xlsx, summary.buffer);
    const pdf = renderToPdf(xlsx);

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2); // one sheet each, at least
    expect(pages).toBeLessThanOrEqual(4);
    // A4 is 595 × 842 points, in either orientation.
    const [width, height] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
    expect([Math.round(Math.min(width!, height!)), Math.round(Math.max(width!, height!))]).toEqual([595, 842]);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of [
      '民主测评结果汇总表',
      '计票结果报告单',
      '口径说明',
      '唱票人',
      '计票人',
      '监票人',
      '考察组组长',
      '本次计票结果有效',
      '第1页共',
      ...candidates,
    ]) {
      expect(text, expected).toContain(expected);
    }
  });
});
