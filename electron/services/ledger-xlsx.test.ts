/** The assessment outputs read back by openpyxl: the 一览表's new columns, the interview sheet only on request, and both ledgers. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InterviewRecord, ReviewEntry, WorkbookRecord } from '../../shared/domain/records';
import { workbookExportOf } from '../../shared/report/export-payload';
import { presetForm } from '../../shared/domain/forms';
import { fraction } from '../../shared/domain/fraction';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { meetingBallots } from '../../shared/domain/meeting-state';
import type { AssessmentPlan } from '../../shared/domain/plan';
import { presetPlan } from '../../shared/domain/plan';
import { cellAt, readXlsxIndependently, tableColumns } from '../../tests/support/xlsx-independent';
import { buildLedger, ledgerFileName } from './ledger-xlsx';
import { verifyExport } from './verify-export';
import { buildInterviewNotesExport, buildWorkbookExport, interviewNotesFileName } from './workbook-xlsx';

const work = mkdtempSync(path.join(tmpdir(), 'tally-ledger-'));
const AT = '2026-11-20T08:00:00.000Z';

const workbook: WorkbookRecord = {
  id: 'wb',
  teamName: '第三考察组',
  teamMembers: [],
  township: '大同镇',
  unit: '红星村',
  candidates: [
    { id: 'p1', name: '张明', currentPost: '村委会委员', proposedPost: '村党组织书记' },
    { id: 'p2', name: '刘𠀾', currentPost: '', proposedPost: '村委会委员' },
  ],
  createdAt: AT,
  updatedAt: AT,
};

/** A satisfaction meeting: 张明 9 of 10 satisfied (90%), 刘𠀾 10 of 10. */
function contexts() {
  const form = presetForm('satisfaction-3');
  const meeting = {
    id: 'm1',
    workbookId: 'wb',
    title: '满意度测评',
    date: '2026-11-20',
    formSourceId: form.id,
    form,
    candidates: workbook.candidates.map((p) => ({ personId: p.id, name: p.name, currentPost: p.currentPost, proposedPost: p.proposedPost })),
    counts: { expected: 10, present: 10, issued: 10, returned: 10 },
    quorum: DEFAULT_QUORUM,
    groups: null,
    doubleEntry: false,
    announce: 'open' as const,
    finalized: null,
    writeInAliases: [],
    createdAt: AT,
    updatedAt: AT,
  };
  const rows = Array.from({ length: 10 }, (_, i) => ({
    id: `wb:d:${i + 1}`,
    workbookId: 'wb',
    meetingId: 'm1',
    deviceId: 'd',
    seq: i + 1,
    enteredAt: AT,
    pass: 1 as const,
    supersedes: null,
    deleted: false,
    note: null,
    number: i + 1,
    invalidReason: null,
    marks: [i === 9 ? 2 : 0, 0],
    writeIns: [],
    group: null,
  }));
  return [{ meeting, state: meetingBallots(meeting, rows, []) }];
}

function assessment(plan: AssessmentPlan, includeInterviewNotes: boolean) {
  const crime = plan.negativeList.find((n) => n.kind === 'cannot')!;
  const reviews: ReviewEntry[] = plan.departments.map((department) => ({
    id: `wb:p2:${department}`,
    workbookId: 'wb',
    personId: 'p2',
    department,
    conclusion: department === '公安' ? 'issue' : 'pass',
    date: '2026-11-20',
    responsible: '经办人',
    note: '',
    hits: department === '公安' ? [{ itemId: crime.id, kind: crime.kind, text: crime.text, eventMonth: '2024-03' }] : [],
    decision: '',
    createdAt: AT,
    updatedAt: AT,
  }));
  const interviews: InterviewRecord[] = [1, 2, 3].map((n) => ({
    id: `i${n}`,
    workbookId: 'wb',
    interviewee: `对象${n}`,
    category: plan.interviewCategories[n]!.name,
    date: '2026-11-21',
    place: '村部',
    interviewers: ['王明', '李华'],
    recorder: '赵敏',
    remarks: [{ personId: 'p1', opinion: n === 3 ? 'disagree' : 'agree', strengths: `优点${n}`, weaknesses: '', problems: n === 3 ? '作风粗暴' : '' }],
    deleted: false,
    createdAt: AT,
    updatedAt: AT,
  }));
  const conclusions = [{ id: 'wb:p1', workbookId: 'wb', personId: 'p1', de: '政治坚定', neng: '能力较强', qin: '勤勉', ji: '实绩突出', lian: '廉洁', overall: '同意作为人选', createdAt: AT, updatedAt: AT }];
  return { plan, interviews, reviews, conclusions, includeInterviewNotes };
}

async function exported(name: string, plan: AssessmentPlan, includeNotes: boolean) {
  const file = path.join(work, name);
  writeFileSync(file, await buildWorkbookExport(workbookExportOf(workbook, contexts(), '2026-11-29', assessment(plan, includeNotes))));
  return { file, sheets: readXlsxIndependently(file) };
}

describe('考察对象情况一览表 with the assessment', () => {
  it('shows the review conclusion, interview counts and opinions, the team’s judgement, and flags by the plan', async () => {
    const plan = presetPlan('village', 'wb', AT);
    const { file, sheets } = await exported('overview.xlsx', plan, false);
    // Interview notes are confidential: no sheet of them unless asked for.
    expect(sheets.map((s) => s.title)).not.toContain('个别谈话记录');
    expect(JSON.stringify(sheets)).not.toContain('作风粗暴');
    const overview = sheets[0]!;
    expect(overview.title).toBe('考察对象情况一览表');
    const { columns } = tableColumns(overview, 1);
    const rowOf = (name: string) => overview.cells.find((c) => c.column === columns.get('姓名') && c.value === name)!.row;
    const value = (name: string, header: string) => cellAt(overview, rowOf(name), columns.get(header)!)?.value;
    expect(value('刘𠀾', '联审结论')).toContain('不能（取消资格）');
    expect(cellAt(overview, rowOf('刘𠀾'), columns.get('联审结论')!)!.color).toBe('FFC00000');
    expect(value('刘𠀾', '标注')).toContain('不能');
    expect(value('张明', '个别谈话')).toBe('3 人次：同意 2，不同意 1，其他 0；谈话同意率 66.67%');
    expect(String(value('张明', '考察组研判意见'))).toContain('综合意见：同意作为人选');
    expect(String(value('张明', '测评推荐情况'))).toContain('1.满意率 90.00%');
    // The same rate as a number, in the sheet beside it, under the meeting and its status.
    const rates = sheets.find((s) => s.title === '测评推荐比率')!;
    const rateColumns = tableColumns(rates, 2).columns;
    const rateRow = rates.cells.find((c) => c.column === rateColumns.get('姓名') && c.value === '张明')!.row;
    expect(cellAt(rates, rateRow, rateColumns.get('1.满意度测评（有效）/满意率')!)!.value).toBe(0.9);
    // 90% is not below the plan's 90%: no flag for 张明.
    expect(String(value('张明', '标注') ?? '')).not.toContain('满意率');
    expect(overview.cells.some((c) => String(c.value).includes('考察方案：'))).toBe(true);
    // The interview coverage, and a line to sign and seal, under the table.
    expect(overview.cells.some((c) => String(c.value).includes('必谈对象尚缺'))).toBe(true);
    expect(overview.cells.some((c) => String(c.value).startsWith('考察组组长（签名）：'))).toBe(true);
    expect(overview.cells.some((c) => String(c.value).includes('（盖章）'))).toBe(true);
    const verified = await verifyExport(readFileSync(file), 'overview.xlsx');
    expect(verified.messages).toEqual([]);
    expect(verified.status).toBe('intact');

    // The plan made stricter: the same ballots now carry a flag in the 一览表 and the meeting's own summary.
    const stricter = { ...plan, rateRules: plan.rateRules.map((r) => (r.rateName === '满意率' ? { ...r, flag: { comparison: '<' as const, threshold: fraction(95, 100), severity: 'warning' as const } } : r)) };
    const again = await exported('overview-stricter.xlsx', stricter, true);
    const strictOverview = again.sheets[0]!;
    const strictColumns = tableColumns(strictOverview, 1).columns;
    const zhangRow = strictOverview.cells.find((c) => c.column === strictColumns.get('姓名') && c.value === '张明')!.row;
    expect(String(cellAt(strictOverview, zhangRow, strictColumns.get('标注')!)!.value)).toContain('满意率 90.00%，低于 95%');
    const summary = again.sheets.find((s) => s.title === '1.民主测评结果汇总表' || s.title.startsWith('1.'))!;
    expect(summary.cells.some((c) => String(c.value).includes('满意率低于 95%'))).toBe(true);
    // Asked for, the notes still stay out of the summary: no sheet of them, and nothing in its 校验信息
    // (written as \uXXXX escapes there), so deleting a sheet before sharing cannot leave them behind.
    expect(again.sheets.map((s) => s.title)).not.toContain('个别谈话记录');
    const escaped = [...'作风粗暴'].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    for (const sheet of again.sheets) for (const cell of sheet.cells) expect(String(cell.value)).not.toMatch(new RegExp(`作风粗暴|${escaped.replace(/\\/g, '\\\\')}`, 'i'));
    // They come in a file of their own, marked confidential, with no hidden data.
    const input = workbookExportOf(workbook, contexts(), '2026-11-29', assessment(stricter, true));
    expect(input.interviewRecords?.length).toBeGreaterThan(0);
    const notesFile = path.join(work, interviewNotesFileName(input));
    writeFileSync(notesFile, await buildInterviewNotesExport(input.interviewRecords!));
    expect(path.basename(notesFile)).toContain('保密');
    const notesSheets = readXlsxIndependently(notesFile);
    expect(notesSheets.map((s) => s.title)).toEqual(['个别谈话记录']);
    expect(notesSheets[0]!.cells.some((c) => c.value === '作风粗暴')).toBe(true);
    expect(notesSheets[0]!.cells.some((c) => String(c.value).includes('保密'))).toBe(true);
  });
});

describe('the ledgers', () => {
  it('writes the 联审台账 with the matrix and every conclusion, a disqualified person in red', async () => {
    const plan = presetPlan('village', 'wb', AT);
    const input = {
      kind: 'review' as const,
      township: '大同镇',
      unit: '红星村',
      teamName: '第三考察组',
      exportDate: '2026-11-29',
      planStatement: ['考察方案：测试'],
      departments: plan.departments,
      people: [
        {
          name: '刘𠀾',
          proposedPost: '村委会委员',
          status: 'disqualified' as const,
          summary: '不能（取消资格）；不能：受过刑事处罚',
          entries: [{ department: '公安', conclusion: 'issue' as const, date: '2026-11-20', responsible: '周警官', note: '=cmd', decision: '', hits: [{ kind: 'cannot' as const, text: '受过刑事处罚', eventMonth: '2024-03', counts: true }] }],
        },
        { name: '张明', proposedPost: '村党组织书记', status: 'incomplete' as const, summary: '联审未完成', entries: [] },
      ],
    };
    const file = path.join(work, ledgerFileName(input));
    expect(path.basename(file)).toBe('大同镇红星村-联审台账-2026-11-29.xlsx');
    writeFileSync(file, await buildLedger(input));
    const [matrix, detail] = readXlsxIndependently(file);
    expect(matrix!.title).toBe('联审结论汇总');
    const { columns } = tableColumns(matrix!, 1);
    const row = matrix!.cells.find((c) => c.value === '刘𠀾')!.row;
    expect(cellAt(matrix!, row, columns.get('公安')!)!.value).toBe('存在问题');
    expect(cellAt(matrix!, row, columns.get('法院')!)!.value).toBe('—');
    expect(String(cellAt(matrix!, row, columns.get('联审结论')!)!.value)).toContain('取消资格');
    // Red only where a department found a problem, and on the conclusion: never the whole row.
    expect(cellAt(matrix!, row, columns.get('公安')!)!.color).toBe('FFC00000');
    expect(cellAt(matrix!, row, columns.get('联审结论')!)!.color).toBe('FFC00000');
    expect(cellAt(matrix!, row, columns.get('姓名')!)!.color).toBeNull();
    expect(cellAt(matrix!, row, columns.get('法院')!)!.color).toBeNull();
    expect(matrix!.paperSize).toBe(9);
    expect(detail!.cells.some((c) => c.value === '【不能】受过刑事处罚（2024-03）')).toBe(true);
    expect(detail!.cells.filter((c) => c.type === 'f')).toEqual([]);
  });

  it('writes the 风险台账 with the closing date of a closed item and overdue items marked', async () => {
    const input = {
      kind: 'risks' as const,
      township: '大同镇',
      unit: '红星村',
      teamName: '第三考察组',
      exportDate: '2026-11-29',
      planStatement: ['考察方案：村“两委”换届考察方案（九必谈）'],
      items: [
        { type: '信访村（社区）', description: '土地纠纷', leader: '刘书记', owner: '张主任', foundOn: '2026-11-02', measures: '包案化解', deadline: '2026-11-25', status: 'closed' as const, closedOn: '2026-11-24', closeNote: '已调解', overdue: false },
        { type: '软弱涣散村（社区）', description: '班子不团结', leader: '王镇长', owner: '李支书', foundOn: '2026-11-03', measures: '驻村指导', deadline: '2026-11-26', status: 'open' as const, closedOn: null, closeNote: '', overdue: true },
      ],
    };
    const file = path.join(work, ledgerFileName(input));
    writeFileSync(file, await buildLedger(input));
    const [sheet] = readXlsxIndependently(file);
    const header = sheet!.cells.find((c) => c.value === '销号日期')!;
    const closedRow = sheet!.cells.find((c) => c.value === '土地纠纷')!.row;
    expect(cellAt(sheet!, closedRow, header.column)!.value).toBe('2026年11月24日');
    // 责任人 and 排查时间 have columns of their own.
    expect(cellAt(sheet!, closedRow, sheet!.cells.find((c) => c.value === '责任人')!.column)!.value).toBe('张主任');
    expect(cellAt(sheet!, closedRow, sheet!.cells.find((c) => c.value === '排查时间')!.column)!.value).toBe('2026年11月2日');
    const overdueRow = sheet!.cells.find((c) => c.value === '班子不团结')!.row;
    const status = sheet!.cells.find((c) => c.value === '状态')!;
    expect(cellAt(sheet!, overdueRow, status.column)!.value).toBe('未化解（已逾期）');
    expect(cellAt(sheet!, overdueRow, status.column)!.color).toBe('FFC00000');
    expect(sheet!.cells.some((c) => String(c.value).includes('逾期未销号 1 项'))).toBe(true);
    expect(sheet!.cells.some((c) => String(c.value).endsWith('考察方案：村“两委”换届考察方案（九必谈）'))).toBe(true);
  });
});
