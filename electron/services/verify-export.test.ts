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
import { smallMeetingExport } from '../../tests/support/meeting-export';
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
      // The data sheet's pieces are also checked against their own hashes, named as 工作表“校验信息”A5.
      const named =
        report.differences.some((d) => d.sheet === target.sheet && d.address === target.address) ||
        report.messages.some((m) => m.startsWith(`工作表“${PAYLOAD_SHEET}”${target.address}：`));
      if (named) found++;
      else expect.fail(`edit of ${target.sheet}!${target.address} not named: ${report.messages.join(' | ')}`);
    }
    expect(found).toBe(100);
  }, 180_000);

  it('verifies a meeting exported before any ballot was entered, and finds a ballot added to its 选票数据', async () => {
    const empty = smallMeetingExport({ counts: { expected: 30, present: 28, issued: 28, returned: 28 }, ballots: [] });
    const bytes = (await buildMeetingSummary(empty)).buffer;
    const untouched = await verifyExport(bytes, 'empty.xlsx');
    expect(untouched.messages).toEqual([]);
    expect(untouched.status).toBe('intact');
    // The sheet keeps its header (the import layout): a ballot typed in under it is read and found.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('选票数据')!;
    expect([1, 2, 3, 4].map((c) => sheet.getRow(1).getCell(c).text)).toEqual(['票号', '张明', '王芳', '整票无效']);
    sheet.spliceRows(2, 0, [1, '优秀', '称职', '']);
    const edited = await verifyExport(Buffer.from(await workbook.xlsx.writeBuffer()), 'edited.xlsx');
    expect(edited.status).toBe('changed');
    expect(edited.messages.some((m) => m.startsWith('选票数据指纹不符'))).toBe(true);
  });

  it('reports a value added to an empty cell, and a sheet removed', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportOf(evaluationGrid, presetForm('evaluation-4'))) as unknown as ExcelJS.Buffer);
    workbook.getWorksheet('计票结果报告单')!.getCell('Z40').value = '补签';
    workbook.removeWorksheet(workbook.getWorksheet('选票数据')!.id);
    const report = await verifyExport(Buffer.from(await workbook.xlsx.writeBuffer()), 'edited.xlsx');
    expect(report.status).toBe('changed');
    expect(report.messages).toContain('工作表“计票结果报告单”Z40：应为空白，现为文本“补签”');
    expect(report.messages).toContain('工作表“选票数据”缺失');
  });

  it('judges cells as a person reads them: rich text, line endings, 15 digits and empty strings are no change', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportOf(evaluationGrid, presetForm('evaluation-4'))) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('民主测评结果汇总表')!;
    const rewritten = { text: 0, rate: 0 };
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value;
        if (typeof value === 'string' && value.length > 1) {
          // As LibreOffice writes mixed text back: split into runs, with Windows line endings.
          const [head, tail] = [value.slice(0, 1), value.slice(1).replace(/\n/g, '\r\n')];
          cell.value = { richText: [{ text: head, font: { name: 'Calibri' } }, { text: tail, font: { name: 'Noto Sans CJK SC' } }] };
          rewritten.text++;
        } else if (typeof value === 'number' && !Number.isInteger(value)) {
          // As LibreOffice writes a number back: 15 significant digits.
          cell.value = Number(value.toPrecision(15));
          if (cell.value !== value) rewritten.rate++;
        }
      }),
    );
    sheet.getCell('Z50').value = '';
    expect(rewritten.text).toBeGreaterThan(10);
    expect(rewritten.rate).toBeGreaterThan(0);
    const report = await verifyExport(Buffer.from(await workbook.xlsx.writeBuffer()), 'resaved.xlsx');
    expect(report.messages).toEqual([]);
    expect(report.status).toBe('intact');
  });

  it('says both whole values of a long text, and both kinds where a number became text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportOf(evaluationGrid, presetForm('evaluation-4'))) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('计票结果报告单')!;
    let longest: ExcelJS.Cell | null = null;
    let count: ExcelJS.Cell | null = null;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && cell.value.length > (typeof longest?.value === 'string' ? longest.value.length : 0)) longest = cell;
        if (!count && typeof cell.value === 'number' && Number.isInteger(cell.value)) count = cell;
      }),
    );
    const text = longest!.value as string;
    const number = count!.value as number;
    expect(text.length).toBeGreaterThan(80);
    longest!.value = `${text}（补）`;
    count!.value = String(number);
    const report = await verifyExport(Buffer.from(await workbook.xlsx.writeBuffer()), 'edited.xlsx');
    const shown = (value: string) => value.replace(/\n/g, '↵');
    expect(report.messages.sort()).toEqual(
      [
        `工作表“计票结果报告单”${longest!.address}：应为文本“${shown(text)}”，现为文本“${shown(text)}（补）”`,
        `工作表“计票结果报告单”${count!.address}：应为数值 ${number}，现为文本“${number}”`,
      ].sort(),
    );
  });

  it('cannot check a file the app did not write, and says so', async () => {
    const report = await verifyExport(readFileSync(loadExamples().find((e) => e.gridPath.endsWith('.xlsx'))!.gridPath), 'recommend-small.xlsx');
    expect(report.status).toBe('unreadable');
    expect(report.messages.join('')).toContain('没有“校验信息”工作表');
  });
});
