/**
 * The Excel summary read back by an independent reader (openpyxl): each candidate's row found by
 * name, its numbers compared with the example's independently computed result.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { presetForm, recommendationForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { loadExamples, projectRoot } from '../../tests/support/examples';
import type { DumpedSheet } from '../../tests/support/xlsx-independent';
import { cellAt, readXlsxIndependently, tableColumns } from '../../tests/support/xlsx-independent';
import { meetingFromGridFile } from './meeting-from-grid';
import { buildMeetingSummary, summaryFileName } from './summary-xlsx';

const work = mkdtempSync(path.join(tmpdir(), 'tally-xlsx-'));

interface ExpectedCandidate {
  name: string;
  counts: Record<string, number>;
  rates: Record<string, { numerator: number; denominator: number; value: number }>;
  rank?: number;
}

function optionValue(args: string[], name: string): number | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

async function exportExample(name: string, overrides: Partial<MeetingExport['counts']> = {}) {
  const example = loadExamples().find((e) => e.name === name)!;
  const formId = example.args[example.args.indexOf('--form') + 1] as 'evaluation-4';
  const max = optionValue(example.args, 'max');
  const form = presetForm(formId, max === undefined ? {} : { maxSelections: max });
  const counts: Partial<MeetingExport['counts']> = {};
  for (const field of ['expected', 'present', 'issued', 'returned'] as const) {
    const n = optionValue(example.args, field);
    if (n !== undefined) counts[field] = n;
  }
  const meeting = await meetingFromGridFile(readFileSync(example.gridPath), path.basename(example.gridPath), form, { ...counts, ...overrides }, DEFAULT_QUORUM);
  if (!meeting.ok) throw new Error('example refused');
  const input: MeetingExport = {
    township: '青白江区大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    meetingTitle: '民主测评大会',
    meetingDate: '2026-11-28',
    form,
    candidates: meeting.value.candidates.map((c) => ({ name: c, currentPost: '村委会委员', proposedPost: '村委会主任' })),
    counts: meeting.value.counts,
    quorum: DEFAULT_QUORUM,
    ballots: meeting.value.ballots,
  };
  const summary = await buildMeetingSummary(input);
  const file = path.join(work, summaryFileName(input));
  writeFileSync(file, summary.buffer);
  return { example, file, sheets: readXlsxIndependently(file), summary, input };
}

function rowOf(sheet: DumpedSheet, name: string, nameColumn: number): number {
  const cell = sheet.cells.find((c) => c.column === nameColumn && c.value === name);
  if (!cell) throw new Error(`${name} not found in ${sheet.title}`);
  return cell.row;
}

describe('民主测评结果汇总表', () => {
  for (const name of ['evaluation-4-small', 'approval-3-gbk']) {
    it(`${name}: every candidate's counts and rates read back as numbers equal to the expected result`, async () => {
      const { example, sheets } = await exportExample(name);
      const sheet = sheets.find((s) => s.title === '民主测评结果汇总表')!;
      const { columns } = tableColumns(sheet, 2);
      const nameColumn = columns.get('姓名')!;
      for (const candidate of example.expected.candidates as ExpectedCandidate[]) {
        const row = rowOf(sheet, candidate.name, nameColumn);
        expect(cellAt(sheet, row, nameColumn)!.type).toBe('s');
        for (const [label, count] of Object.entries(candidate.counts)) {
          const column = columns.get(`${label}/票数`) ?? columns.get(label);
          expect(column, `${label} column`).toBeDefined();
          const cell = cellAt(sheet, row, column!)!;
          expect(cell.type).toBe('n');
          expect(cell.value).toBe(count);
        }
        for (const [rateName, rate] of Object.entries(candidate.rates)) {
          const cell = cellAt(sheet, row, columns.get(rateName)!)!;
          expect(cell.type).toBe('n');
          expect(cell.value).toBe(rate.value);
          expect(cell.format).toBe('0.00%');
        }
      }
    });
  }

  it('states the meeting counts, the 口径说明 and the fingerprint, and prints on A4 at full size', async () => {
    const { example, sheets, summary } = await exportExample('evaluation-4-small');
    const sheet = sheets.find((s) => s.title === '民主测评结果汇总表')!;
    const texts = sheet.cells.map((c) => String(c.value));
    const meeting = example.expected.meeting as Record<string, number>;
    const validLabel = sheet.cells.find((c) => c.value === '有效票')!;
    expect(cellAt(sheet, validLabel.row + 1, validLabel.column)!.value).toBe(meeting.valid);
    const presentLabel = sheet.cells.find((c) => c.value === '实到人数')!;
    expect(cellAt(sheet, presentLabel.row + 1, presentLabel.column)!.value).toBe(meeting.present);
    expect(texts).toContain('口径说明');
    expect(texts.some((t) => t.includes('有效票数') && t.includes('称职以上率'))).toBe(true);
    expect(texts.some((t) => t.includes(summary.fingerprint))).toBe(true);
    expect(sheet.paperSize).toBe(9);
    // Never shrunk to fit: the layout made it fit at 100 %, so the text prints at its size.
    expect(sheet.fitToPage).toBe(false);
    expect(sheet.scale).toBe(100);
    expect(sheet.footer).toContain('第 &P 页 共 &N 页');
    expect(sheet.cells.find((c) => c.value === '民主测评结果汇总表')!.font).toBe('黑体');
    expect(sheet.cells.find((c) => c.value === '张明')!.font).toBe('宋体');
  });
});

describe('民主推荐得票情况统计表', () => {
  it('lists votes, 得票率 over returned ballots, ranks with ties and write-ins', async () => {
    const { example, sheets } = await exportExample('recommend-small');
    const sheet = sheets.find((s) => s.title === '推荐得票情况统计表')!;
    const { columns } = tableColumns(sheet, 1);
    for (const candidate of example.expected.candidates as ExpectedCandidate[]) {
      const row = rowOf(sheet, candidate.name, columns.get('姓名')!);
      expect(cellAt(sheet, row, columns.get('得票数')!)!.value).toBe(candidate.counts['得票']);
      expect(cellAt(sheet, row, columns.get('得票率')!)!.value).toBe(candidate.rates['得票率']!.value);
      expect(cellAt(sheet, row, columns.get('名次')!)!.value).toBe(candidate.rank);
    }
    for (const writeIn of example.expected.writeIns as { name: string; votes: number }[]) {
      const cell = sheet.cells.find((c) => c.value === writeIn.name)!;
      expect(cellAt(sheet, cell.row, cell.column + 1)!.value).toBe(writeIn.votes);
    }
  });
});

describe('计票结果报告单', () => {
  it('has the meeting counts, the validity statement and every signature line', async () => {
    const { sheets, example } = await exportExample('evaluation-4-small');
    const sheet = sheets.find((s) => s.title === '计票结果报告单')!;
    const text = sheet.cells.map((c) => String(c.value)).join('\n');
    for (const role of ['唱票人', '计票人', '监票人', '考察组组长', '日期']) expect(text).toContain(role);
    expect(text).toContain('本次计票结果有效');
    const meeting = example.expected.meeting as Record<string, number>;
    const returnedLabel = sheet.cells.find((c) => c.value === '收回票数')!;
    expect(cellAt(sheet, returnedLabel.row + 1, returnedLabel.column)!.value).toBe(meeting.returned);
  });
});

describe('a void meeting', () => {
  it('is marked void in both sheets and never declared valid', async () => {
    const { sheets } = await exportExample('evaluation-4-small', { issued: 11 });
    for (const sheet of sheets.filter((s) => s.title === '民主测评结果汇总表' || s.title === '计票结果报告单')) {
      const text = sheet.cells.map((c) => String(c.value)).join('\n');
      const statusLabel = sheet.cells.find((c) => c.value === '结果状态')!;
      expect(cellAt(sheet, statusLabel.row + 1, statusLabel.column)!.value).toBe('无效');
      expect(text).toContain('收回 12 张，多于发出的 11 张');
      expect(text).toMatch(/本次会议无效|本次投票无效/);
      expect(text).not.toContain('本次计票结果有效');
    }
  });
});

describe('names', () => {
  it('are written as text, never as formulas, and survive outside the BMP', async () => {
    const names = ['=1+1', '@SUM(A1)', '+86', '-1', '𠀾', '王䶮'];
    const input: MeetingExport = {
      township: '',
      unit: '=HYPERLINK("x")',
      teamName: '',
      meetingTitle: '测试',
      meetingDate: '2026-11-28',
      form: presetForm('evaluation-4'),
      candidates: names.map((name) => ({ name, currentPost: '=A1', proposedPost: '' })),
      counts: { expected: 1, present: 1, issued: 1, returned: 1 },
      quorum: DEFAULT_QUORUM,
      ballots: [{ number: 1, invalidReason: null, marks: names.map(() => 0), writeIns: [] }],
    };
    const summary = await buildMeetingSummary(input);
    const file = path.join(work, 'names.xlsx');
    writeFileSync(file, summary.buffer);
    const sheets = readXlsxIndependently(file);
    expect(sheets.flatMap((sheet) => sheet.cells.filter((c) => c.type === 'f'))).toEqual([]);
    for (const sheet of sheets.filter((s) => s.title !== '校验信息')) {
      for (const name of names) expect(sheet.cells.find((c) => c.value === name)?.type).toBe('s');
    }
  });
});

/** The summary of a grid in tests/fixtures/forms, its meeting counts defaulted from the file. */
async function summaryOfFixture(gridName: string, form: MeetingExport['form']) {
  const grid = readFileSync(path.join(projectRoot, 'tests/fixtures/forms', gridName));
  const meeting = await meetingFromGridFile(grid, gridName, form, {}, DEFAULT_QUORUM);
  if (!meeting.ok) throw new Error('refused');
  return buildMeetingSummary({
    township: '',
    unit: '红星村',
    teamName: '',
    meetingTitle: gridName,
    meetingDate: '2026-11-28',
    form,
    candidates: meeting.value.candidates.map((name) => ({ name, currentPost: '', proposedPost: '' })),
    counts: meeting.value.counts,
    quorum: DEFAULT_QUORUM,
    ballots: meeting.value.ballots,
  });
}

describe('new form kinds in Excel', () => {
  it('gives each post its own 得票数, 得票率 and 名次 columns, and lists write-ins with their post', async () => {
    const form = recommendationForm([
      { label: '主任', maxSelections: 1 },
      { label: '委员', maxSelections: 2 },
    ]);
    const summary = await summaryOfFixture('recommend-two-posts.csv', form);
    const file = path.join(work, 'two-posts.xlsx');
    writeFileSync(file, summary.buffer);
    const sheet = readXlsxIndependently(file).find((s) => s.title === '推荐得票情况统计表')!;
    const { columns } = tableColumns(sheet, 2);
    const row = rowOf(sheet, '乙', columns.get('姓名')!);
    expect(cellAt(sheet, row, columns.get('主任/得票数')!)!.value).toBe(1);
    expect(cellAt(sheet, row, columns.get('委员/得票数')!)!.value).toBe(2);
    expect(cellAt(sheet, row, columns.get('委员/得票率')!)!.value).toBe(0.4);
    expect(cellAt(sheet, row, columns.get('委员/名次')!)!.value).toBe(1);
    const writeIn = sheet.cells.find((c) => c.value === '丁')!;
    expect(cellAt(sheet, writeIn.row, writeIn.column + 1)!.value).toBe('主任');
    expect(sheet.cells.some((c) => String(c.value).includes('主任 2 张'))).toBe(true);
  });

  it('writes the weighted score as a number', async () => {
    const form = JSON.parse(readFileSync(path.join(projectRoot, 'tests/fixtures/forms/dimensions-scored.form.json'), 'utf8'));
    const summary = await summaryOfFixture('dimensions-scored.csv', form);
    const file = path.join(work, 'scored.xlsx');
    writeFileSync(file, summary.buffer);
    const sheet = readXlsxIndependently(file).find((s) => s.title === '民主测评结果汇总表')!;
    // A form of several questions has a table per question; the score has its own, last.
    const scoreHeader = sheet.cells.filter((c) => c.value === '综合得分').at(-1)!;
    const nameHeader = sheet.cells.find((c) => c.row === scoreHeader.row && c.value === '姓名')!;
    const row = sheet.cells.find((c) => c.column === nameHeader.column && c.row > scoreHeader.row && c.value === '甲')!.row;
    const cell = cellAt(sheet, row, scoreHeader.column)!;
    expect(cell.type).toBe('n');
    expect(cell.value as number).toBeCloseTo(86, 10);
  });
});

describe('respondent groups in Excel', () => {
  it('adds each group\'s subtotal and the weighted rate, and states the weights in the 口径说明', async () => {
    const form = presetForm('satisfaction-3');
    const ballot = (number: number, mark: number, group: string) => ({ number, invalidReason: null, marks: [mark], writeIns: [], group });
    const summary = await buildMeetingSummary({
      township: '',
      unit: '光明村',
      teamName: '',
      meetingTitle: '满意度测评',
      meetingDate: '2026-11-28',
      form,
      candidates: [{ name: '赵一', currentPost: '', proposedPost: '' }],
      counts: { expected: 8, present: 8, issued: 8, returned: 8 },
      quorum: DEFAULT_QUORUM,
      ballots: [ballot(1, 0, 'p'), ballot(2, 0, 'p'), ballot(3, 2, 'p'), ballot(4, 1, 'p'), ballot(5, 0, 'q'), ballot(6, 2, 'q'), ballot(7, 2, 'q'), ballot(8, -1, 'q')],
      groups: [
        { id: 'p', label: '党员', weight: 0.7, counts: null },
        { id: 'q', label: '群众', weight: 0.3, counts: null },
      ],
      doubleEntry: { differences: 2, reconciled: true, waived: null },
    });
    const file = path.join(work, 'groups.xlsx');
    writeFileSync(file, summary.buffer);
    const sheets = readXlsxIndependently(file);
    const sheet = sheets.find((s) => s.title === '民主测评结果汇总表')!;
    const weightedHeader = sheet.cells.find((c) => c.value === '加权满意率')!;
    const weighted = sheet.cells.find((c) => c.column === weightedHeader.column && c.row > weightedHeader.row)!;
    // By hand: 0.7 × 3/4 + 0.3 × 1/4 = 0.6.
    expect(weighted.value as number).toBeCloseTo(0.6, 12);
    expect(weighted.format).toBe('0.00%');
    const text = sheet.cells.map((c) => String(c.value)).join('\n');
    expect(text).toContain('党员（录入 4 张，有效 4 张）');
    expect(text).toContain('0.7 × 党员 + 0.3 × 群众');
    const report = sheets.find((s) => s.title === '计票结果报告单')!.cells.map((c) => String(c.value)).join('\n');
    expect(report).toContain('两人分别录入并逐张核对');
  });
});
