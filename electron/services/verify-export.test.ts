/**
 * verify catches any edit: an untouched export verifies; 100 random single-cell edits, in any sheet
 * (the hidden data sheet included), are each reported with the sheet and address edited.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { presetForm, recommendationForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { loadExamples, projectRoot } from '../../tests/support/examples';
import { PAYLOAD_SHEET } from './export-payload';
import { meetingFromGridFile } from './meeting-from-grid';
import { buildMeetingSummary } from './summary-xlsx';
import { verifyExport } from './verify-export';

async function exportOf(gridPath: string, form: MeetingExport['form'], extra: Partial<MeetingExport> = {}): Promise<Buffer> {
  const meeting = await meetingFromGridFile(readFileSync(gridPath), path.basename(gridPath), form, { expected: 14, present: 12 }, DEFAULT_QUORUM);
  if (!meeting.ok) throw new Error('refused');
  const summary = await buildMeetingSummary({
    township: '大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    meetingTitle: '民主测评大会',
    meetingDate: '2026-11-28',
    form,
    candidates: meeting.value.candidates.map((name) => ({ name, currentPost: '村委会委员', proposedPost: '=SUM(A1)' })),
    counts: meeting.value.counts,
    quorum: DEFAULT_QUORUM,
    ballots: meeting.value.ballots,
    ...extra,
  });
  return summary.buffer;
}

const evaluationGrid = loadExamples().find((e) => e.name === 'evaluation-4-small')!.gridPath;

describe('verify', () => {
  it('finds nothing in an untouched export, of every form kind', async () => {
    for (const buffer of [
      await exportOf(evaluationGrid, presetForm('evaluation-4'), { doubleEntry: { differences: 1, reconciled: true, waived: null }, finalizedAt: '2026/11/28 10:00:00' }),
      await exportOf(path.join(projectRoot, 'tests/fixtures/forms/recommend-two-posts.csv'), recommendationForm([{ label: '主任', maxSelections: 1 }, { label: '委员', maxSelections: 2 }])),
      await exportOf(
        path.join(projectRoot, 'tests/fixtures/forms/dimensions-scored.csv'),
        JSON.parse(readFileSync(path.join(projectRoot, 'tests/fixtures/forms/dimensions-scored.form.json'), 'utf8')),
      ),
    ]) {
      const report = await verifyExport(buffer, 'summary.xlsx');
      expect(report.messages).toEqual([]);
      expect(report.status).toBe('intact');
      expect(report.fingerprint).toMatch(/^sha256:/);
    }
  });

  it('reports 100 of 100 random single-cell edits, each by sheet and address', async () => {
    const original = await exportOf(evaluationGrid, presetForm('evaluation-4'));
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(original as unknown as ExcelJS.Buffer);
    // Every cell holding a value (merged cells by their master), in every sheet.
    const targets: { sheet: string; address: string }[] = [];
    for (const sheet of template.worksheets) {
      sheet.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.type !== ExcelJS.ValueType.Merge) targets.push({ sheet: sheet.name, address: cell.address });
        }),
      );
    }
    expect(targets.length).toBeGreaterThan(200);

    const edits = fc.sample(fc.tuple(fc.nat(targets.length - 1), fc.integer({ min: 1, max: 9 })), { numRuns: 100, seed: 20261129 });
    let found = 0;
    for (const [pick, delta] of edits) {
      const target = targets[pick]!;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(original as unknown as ExcelJS.Buffer);
      const cell = workbook.getWorksheet(target.sheet)!.getCell(target.address);
      const value = cell.value;
      cell.value = typeof value === 'number' ? value + delta : `${String(value)}${delta}`;
      const edited = Buffer.from(await workbook.xlsx.writeBuffer());
      const report = await verifyExport(edited, 'edited.xlsx');
      expect(report.status, `${target.sheet}!${target.address}`).toBe('changed');
      // The data sheet's pieces are also checked against their own hashes, named as 校验信息!A5.
      const named =
        report.differences.some((d) => d.sheet === target.sheet && d.address === target.address) ||
        report.messages.some((m) => m.startsWith(`${PAYLOAD_SHEET}!${target.address}`));
      if (named) found++;
      else expect.fail(`edit of ${target.sheet}!${target.address} not named: ${report.messages.join(' | ')}`);
    }
    expect(found).toBe(100);
  }, 180_000);

  it('reports a value added to an empty cell, and a sheet removed', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportOf(evaluationGrid, presetForm('evaluation-4'))) as unknown as ExcelJS.Buffer);
    workbook.getWorksheet('计票结果报告单')!.getCell('Z40').value = '补签';
    workbook.removeWorksheet(workbook.getWorksheet('选票数据')!.id);
    const report = await verifyExport(Buffer.from(await workbook.xlsx.writeBuffer()), 'edited.xlsx');
    expect(report.status).toBe('changed');
    expect(report.messages).toContain('工作表“计票结果报告单”Z40：应为“”，现为“补签”');
    expect(report.messages).toContain('工作表“选票数据”缺失');
  });

  it('cannot check a file the app did not write, and says so', async () => {
    const report = await verifyExport(readFileSync(loadExamples().find((e) => e.gridPath.endsWith('.xlsx'))!.gridPath), 'recommend-small.xlsx');
    expect(report.status).toBe('unreadable');
    expect(report.messages.join('')).toContain('没有“校验信息”工作表');
  });
});
