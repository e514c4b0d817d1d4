/**
 * A void or unfinished meeting's rates are never shown as results in the 一览表: the person's row
 * says why instead, and its numbers sheet names the status where the rates would be.
 */
import { describe, expect, it } from 'vitest';
import type { MeetingExport } from '../contract/meeting-export';
import type { WorkbookExport } from '../contract/workbook-export';
import { presetForm } from '../domain/forms';
import { DEFAULT_QUORUM } from '../domain/meeting';
import { cellOf } from './model';
import { outcomeOfExport, summarySheet } from './meeting-report';
import { zh } from '../messages/zh-CN';
import { countedMeetings, overviewSheets } from './overview-report';

function meeting(title: string, counts: MeetingExport['counts'], marks: number[][]): MeetingExport {
  return {
    township: '大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    meetingTitle: title,
    meetingDate: '2026-11-28',
    form: presetForm('approval-3'),
    candidates: [{ name: '张明', currentPost: '', proposedPost: '' }],
    counts,
    quorum: DEFAULT_QUORUM,
    ballots: marks.map((m, i) => ({ number: i + 1, invalidReason: null, marks: m, writeIns: [] })),
  };
}

describe('the 一览表 and a meeting whose results do not stand', () => {
  // By hand: the valid meeting gives 张明 2 赞成 of 3 = 66.67 %, flagged below 95 %; the void one
  // (3 returned of 2 issued) 3 of 3 = 100 %, which must appear nowhere as a result.
  const valid = meeting('民主测评大会', { expected: 3, present: 3, issued: 3, returned: 3 }, [[0], [0], [1]]);
  const voided = meeting('补充测评', { expected: 3, present: 3, issued: 2, returned: 3 }, [[0], [0], [0]]);
  const input: WorkbookExport = {
    township: '大同镇',
    unit: '红星村',
    teamName: '第三考察组',
    exportDate: '2026-11-29',
    people: [{ name: '张明', gender: '', birthDate: '', politicalStatus: '', education: '', workUnit: '', currentPost: '', proposedPost: '' }],
    meetings: [valid, voided],
  };
  const [overview, rates] = overviewSheets(input, countedMeetings(input.meetings, input.meetings.map(outcomeOfExport)), 'sha256:seal');
  const table = overview!.blocks.find((b) => b.kind === 'table')!;
  if (table.kind !== 'table') throw new Error('table expected');
  const cell = (header: string) => cellOf(table.rows[0]!.cells[table.columns.findIndex((c) => c.header === header)] ?? null);

  it('says why in the person’s row, and keeps the valid meeting’s rate', () => {
    const text = String(cell('测评推荐情况').value);
    expect(text).toContain('1.赞同率 66.67%');
    expect(text).toContain('2.无效：收回 3 张，多于发出的 2 张，不计算比率');
    expect(text).not.toContain('100.00%');
  });

  it('takes no 标注 from the void meeting', () => {
    const flags = String(cell('标注').value);
    expect(flags).toContain('1.民主测评大会：提示：赞同率 66.67%，低于 95%');
    expect(flags).not.toContain('2.补充测评');
  });

  it('writes the status where the void meeting’s rate would be, and the number for the valid one', () => {
    const numbers = rates!.blocks.find((b) => b.kind === 'table')!;
    if (numbers.kind !== 'table') throw new Error('table expected');
    const at = (group: string) => cellOf(numbers.rows[0]!.cells[numbers.columns.findIndex((c) => c.group === group && c.header === '赞同率')] ?? null);
    expect(at('1.民主测评大会（有效）').value).toBeCloseTo(2 / 3, 12);
    expect(at('2.补充测评（无效）')).toEqual({ value: null, instead: '无效' });
  });
});

describe('a meeting with more ballots entered than returned', () => {
  // 4 ballots entered, 2 returned, every one 赞成: 得票 4 of 2 would be 200 %, which is no result.
  const over = meeting('民主测评大会', { expected: 2, present: 2, issued: 2, returned: 2 }, [[0], [0], [0], [0]]);
  const outcome = outcomeOfExport(over);
  const summary = summarySheet(over, outcome, 'sha256:seal', '汇总');

  it('is worded as the error it is (可能重复唱票或录入) at the top of the summary, not as unfinished', () => {
    const banner = summary.blocks[0]!;
    expect(banner).toMatchObject({ kind: 'text', tone: 'serious' });
    expect(banner.kind === 'text' && banner.text).toBe(zh.report.overEnteredBanner(outcome.statusReasons));
    expect(outcome.statusReasons.join('；')).toContain('可能重复唱票或录入');
    const fields = summary.blocks.find((b) => b.kind === 'fields')!;
    expect(fields.kind === 'fields' && fields.fields.find((f) => f.label === zh.export.statusLabel)?.value).toBe('录入多于收回');
  });

  it('shows no rate and no 标注 anywhere in the summary', () => {
    const cells = summary.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((r) => r.cells.map(cellOf)) : []));
    expect(cells.some((c) => c.value === 2 || String(c.display ?? c.value).includes('200'))).toBe(false);
    expect(cells.some((c) => String(c.value).includes('提示') || String(c.value).includes('过半'))).toBe(false);
  });
});
