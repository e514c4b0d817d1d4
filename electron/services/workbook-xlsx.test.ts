/** The whole-workbook export: 一览表 first with each person's votes and rates, every meeting after, all verifiable. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import type { WorkbookExport } from '../../shared/contract/workbook-export';
import { presetForm } from '../../shared/domain/forms';
import { normalizeName } from '../../shared/format/text';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { loadExamples } from '../../tests/support/examples';
import { cellAt, readXlsxIndependently, tableColumns } from '../../tests/support/xlsx-independent';
import { meetingFromGridFile } from './meeting-from-grid';
import { verifyExport } from './verify-export';
import { buildWorkbookExport, workbookFileName } from './workbook-xlsx';

const work = mkdtempSync(path.join(tmpdir(), 'tally-workbook-'));

async function meetingOf(name: string, formArgs: { id: 'evaluation-4' | 'recommend'; max?: number }, title: string): Promise<MeetingExport> {
  const example = loadExamples().find((e) => e.name === name)!;
  const form = presetForm(formArgs.id, formArgs.max ? { maxSelections: formArgs.max } : {});
  const meeting = await meetingFromGridFile(readFileSync(example.gridPath), path.basename(example.gridPath), form, {}, DEFAULT_QUORUM);
  if (!meeting.ok) throw new Error('refused');
  return {
    township: '大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    meetingTitle: title,
    meetingDate: '2026-11-28',
    form,
    candidates: meeting.value.candidates.map((c) => ({ name: c, currentPost: '', proposedPost: '村委会委员' })),
    counts: meeting.value.counts,
    quorum: DEFAULT_QUORUM,
    ballots: meeting.value.ballots,
  };
}

describe('the whole-workbook export', () => {
  it('puts 考察对象情况一览表 first, with each person’s figures from every meeting, and verifies', async () => {
    const evaluation = await meetingOf('evaluation-4-small', { id: 'evaluation-4' }, '民主测评大会');
    const input: WorkbookExport = {
      township: '大同镇',
      unit: '红星村',
      teamName: '第三考察组',
      exportDate: '2026-11-29',
      people: ['张明', '刘芳', '陈建国', '杨丽'].map((name, i) => ({
        name,
        gender: i % 2 ? '女' : '男',
        birthDate: '1980.05',
        politicalStatus: '中共党员',
        education: '大专',
        workUnit: '红星村',
        currentPost: '村委会委员',
        proposedPost: i === 0 ? '村党组织书记' : '村委会委员',
      })),
      meetings: [evaluation, await meetingOf('recommend-small', { id: 'recommend', max: 3 }, '民主推荐大会')],
    };
    const file = path.join(work, workbookFileName(input));
    expect(path.basename(file)).toBe('大同镇红星村-考察工作汇总-2026-11-29.xlsx');
    writeFileSync(file, await buildWorkbookExport(input));

    const sheets = readXlsxIndependently(file);
    expect(sheets.map((s) => s.title)).toEqual([
      '考察对象情况一览表',
      '测评推荐比率',
      '1.民主测评结果汇总表',
      '1.计票结果报告单',
      '1.选票数据',
      '2.推荐得票情况统计表',
      '2.计票结果报告单',
      '2.选票数据',
      '校验信息',
    ]);
    const overview = sheets[0]!;
    // The figures as numbers are on 测评推荐比率, each meeting's group headed with its status.
    const rates = sheets[1]!;
    const { columns } = tableColumns(rates, 2);
    const basics = tableColumns(overview, 1).columns.get('基本情况')!;
    const expected = loadExamples().find((e) => e.name === 'evaluation-4-small')!.expected as { candidates: { name: string; rates: Record<string, { value: number }> }[] };
    for (const candidate of expected.candidates) {
      const row = rates.cells.find((c) => c.column === columns.get('姓名') && c.value === candidate.name)!.row;
      expect(cellAt(rates, row, columns.get('1.民主测评大会（有效）/称职以上率')!)!.value).toBe(candidate.rates['称职以上率']!.value);
      const overviewRow = overview.cells.find((c) => c.value === candidate.name)!.row;
      expect(cellAt(overview, overviewRow, basics)).toMatchObject({ type: 's' });
    }
    // 张明, 刘芳 … are not on the recommendation list: their vote cells say so instead of a number.
    expect(cellAt(rates, rates.cells.find((c) => c.value === '张明')!.row, columns.get('2.民主推荐大会（有效）/得票数')!)).toMatchObject({ type: 's', value: '未参加' });

    expect((await verifyExport(readFileSync(file), 'workbook.xlsx')).status).toBe('intact');
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(file);
    const sheet = edited.getWorksheet('考察对象情况一览表')!;
    const target = sheet.getCell(overview.cells.find((c) => c.value === '杨丽')!.ref);
    target.value = '杨莉';
    const report = await verifyExport(Buffer.from(await edited.xlsx.writeBuffer()), 'edited.xlsx');
    expect(report.differences).toEqual([{ sheet: '考察对象情况一览表', address: target.address, expected: '杨丽', found: '杨莉', expectedKind: 'text', foundKind: 'text' }]);
  });
});

describe('text that looks like a formula', () => {
  it('leaves every exported sheet as text, whatever field it was typed in', async () => {
    // Names are stored as the app stores them: trimmed of spaces, tabs and line breaks (normalizeName).
    const risky = ['=1+1', '+86', '-1', '@SUM(A1)', '\t=2', '\r=3', '=HYPERLINK("http://x","y")', 'a\r=4'].map(normalizeName);
    const form = presetForm('recommend', { maxSelections: 2 });
    const meeting: MeetingExport = {
      township: '=A1',
      unit: '@unit',
      teamName: '+team',
      meetingTitle: '-title',
      meetingDate: '2026-11-28',
      form,
      candidates: risky.map((name) => ({ name, currentPost: '=post', proposedPost: '@post' })),
      counts: { expected: 3, present: 3, issued: 3, returned: 3 },
      quorum: DEFAULT_QUORUM,
      ballots: [
        { number: 1, invalidReason: null, marks: risky.map((_, i) => (i === 0 ? 0 : -1)), writeIns: [{ question: 0, name: '=cmd|calc' }], group: 'g' },
        { number: 2, invalidReason: '=WEBSERVICE("x")', marks: risky.map(() => -1), writeIns: [], group: 'g' },
        { number: 3, invalidReason: null, marks: risky.map(() => -1), writeIns: [], group: 'g' },
      ],
      groups: [{ id: 'g', label: '=group', weight: 1, counts: null }],
    };
    const input: WorkbookExport = {
      township: '=A1',
      unit: '@unit',
      teamName: '+team',
      exportDate: '2026-11-29',
      people: risky.map((name) => ({ name, gender: '', birthDate: '', politicalStatus: '=p', education: '-e', workUnit: '@w', currentPost: '=post', proposedPost: '@post' })),
      meetings: [meeting],
    };
    const file = path.join(work, 'risky.xlsx');
    writeFileSync(file, await buildWorkbookExport(input));
    const sheets = readXlsxIndependently(file);
    expect(sheets.flatMap((s) => s.cells.filter((c) => c.type === 'f').map((c) => `${s.title}!${c.ref}`))).toEqual([]);
    const visible = sheets.filter((s) => s.title !== '校验信息');
    // A carriage return comes back as a line feed (XML reads it so); the cell is text either way.
    // The 一览表 writes the basic data in one cell (=p，-e / @w): that cell starts with it.
    for (const value of [...risky.map((r) => r.replace('\r', '\n')), '=cmd|calc', '=WEBSERVICE("x")', '=post', '@post', '=p']) {
      const found = visible.flatMap((s) => s.cells.filter((c) => c.value === value || (value === '=p' && String(c.value).startsWith(value))));
      expect(found.length, value).toBeGreaterThan(0);
      expect(found.every((c) => c.type === 's'), value).toBe(true);
    }
    expect((await verifyExport(readFileSync(file), 'risky.xlsx')).status).toBe('intact');
  });
});
