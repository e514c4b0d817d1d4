/**
 * The district roll-up: teams' files merged, rolled up and written to Excel, then read back with
 * openpyxl as a clerk reads the printout: rows found by name, columns by their headings. Every
 * figure is computed here from the ballots or the records by hand, not by the code under test.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { BLANK } from '../../shared/domain/ballot';
import type { BallotForm, PresetId } from '../../shared/domain/forms';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import { emptyContent, mergeContent } from '../../shared/domain/merge';
import type { ReviewEntry, ReviewHit, RiskItem } from '../../shared/domain/records';
import { buildRollup, chooseMeeting, townshipTotals } from '../../shared/report/rollup';
import { zh } from '../../shared/messages/zh-CN';
import { fraction } from '../../shared/domain/fraction';
import { presetPlan } from '../../shared/domain/plan';
import { loadExamples } from '../../tests/support/examples';
import { meetingTeamContent, teamContent } from '../../tests/support/team-files';
import type { DumpedCell, DumpedSheet } from '../../tests/support/xlsx-independent';
import { cellAt, readXlsxIndependently, tableColumns } from '../../tests/support/xlsx-independent';
import { meetingFromGridFile } from './meeting-from-grid';
import { buildRollupWorkbook, rollupFileName } from './rollup-xlsx';

interface Expected {
  meeting: { entered: number };
  candidates: { name: string; counts: Record<string, number>; rates: Record<string, { value: number }> }[];
}

const option = (args: string[], name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const merge = (files: TransferContent[]) => files.reduce((base, file) => mergeContent(base, file).content, emptyContent());
const RED = 'FFC00000';

async function exampleFiles(): Promise<{ content: TransferContent; expected: Expected; township: string; unit: string }[]> {
  const townships = ['大同镇', '大同镇', '清泉镇'];
  return Promise.all(
    loadExamples().map(async (example, i) => {
      const max = option(example.args, 'max');
      const form = presetForm(option(example.args, 'form') as PresetId, max ? { maxSelections: Number(max) } : {});
      const meeting = await meetingFromGridFile(readFileSync(example.gridPath), path.basename(example.gridPath), form, {}, DEFAULT_QUORUM);
      if (!meeting.ok) throw new Error(`example ${example.name} refused`);
      const unit = `${example.name}村`;
      const content = meetingTeamContent({ team: i + 1, township: townships[i]!, unit, ...meeting.value, form });
      return { content, expected: example.expected as unknown as Expected, township: townships[i]!, unit };
    }),
  );
}

async function writtenAndRead(content: TransferContent, title = '某区'): Promise<Map<string, DumpedSheet>> {
  const rollup = buildRollup(content, { title, exportDate: '2026-11-29' });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tally-rollup-')), rollupFileName(rollup));
  writeFileSync(file, await buildRollupWorkbook(rollup));
  return new Map(readXlsxIndependently(file).map((s) => [s.title, s]));
}

/** The cell of the row holding `rowLabel` under the nearest heading `header` above it: how a reader finds a figure. */
function figureBeside(sheet: DumpedSheet, rowLabel: string, header: string): DumpedCell | undefined {
  const label = sheet.cells.find((c) => c.value === rowLabel);
  if (!label) throw new Error(`no row ${rowLabel} in ${sheet.title}`);
  const heading = sheet.cells.filter((c) => c.value === header && c.row < label.row).sort((a, b) => b.row - a.row)[0];
  if (!heading) throw new Error(`no heading ${header} above ${rowLabel} in ${sheet.title}`);
  return cellAt(sheet, label.row, heading.column);
}

/** The row of a person in a table whose 姓名 column is known. */
function rowOf(sheet: DumpedSheet, name: string): number {
  const { columns } = tableColumns(sheet, 2);
  const cell = sheet.cells.find((c) => c.column === columns.get(zh.export.name) && c.value === name);
  if (!cell) throw new Error(`no row for ${name} in ${sheet.title}`);
  return cell.row;
}

/** A meeting added to a team's workbook, with one ballot per row of marks (every ballot valid). */
function addMeeting(content: TransferContent, meeting: { id: string; title: string; form: BallotForm; createdAt: string; finalized: boolean; returned: number; marks: number[][] }): void {
  const workbook = content.workbooks[0]!;
  const base = content.meetings[0]!;
  content.meetings.push({
    ...base,
    id: meeting.id,
    title: meeting.title,
    form: meeting.form,
    formSourceId: meeting.form.id,
    counts: { expected: meeting.returned + 2, present: meeting.returned, issued: meeting.returned, returned: meeting.returned },
    finalized: meeting.finalized ? { at: meeting.createdAt, doubleEntryWaived: '只有一名工作人员' } : null,
    candidates: workbook.candidates.map((p) => ({ personId: p.id, name: p.name, currentPost: p.currentPost, proposedPost: p.proposedPost })),
    createdAt: meeting.createdAt,
    updatedAt: meeting.createdAt,
  });
  meeting.marks.forEach((marks, i) => {
    content.ballots.push({
      id: `${workbook.id}:${meeting.id}:${i + 1}`,
      workbookId: workbook.id,
      meetingId: meeting.id,
      deviceId: 'test',
      seq: 1000 + i,
      enteredAt: meeting.createdAt,
      pass: 1,
      supersedes: null,
      deleted: false,
      note: null,
      number: i + 1,
      invalidReason: null,
      marks,
      writeIns: [],
      group: null,
    });
  });
}

describe('the district roll-up', () => {
  it('gives every person the figures of their meeting, as the examples say, names the meeting, and adds up per township', async () => {
    const files = await exampleFiles();
    const rollup = buildRollup(merge(files.map((f) => f.content)), { title: '某区', exportDate: '2026-11-29' });
    expect(rollup.people.length).toBe(files.reduce((n, f) => n + f.expected.candidates.length, 0));
    for (const file of files) {
      const unit = rollup.units.find((u) => u.unit === file.unit)!;
      expect(unit).toMatchObject({ township: file.township, people: file.expected.candidates.length, meetings: 1, finalized: 1, entered: file.expected.meeting.entered });
      const form = file.content.meetings[0]!.form;
      for (const candidate of file.expected.candidates) {
        const person = rollup.people.find((p) => p.unit === file.unit && p.name === candidate.name)!;
        const value = (header: string) => person.values[rollup.columns.findIndex((c) => c.group === form.name && c.header === header)];
        for (const [rate, expected] of Object.entries(candidate.rates)) expect(value(rate)).toBeCloseTo(expected.value, 12);
        if (form.kind === 'recommend') expect(value(zh.export.votes)).toBe(candidate.counts['得票']);
        // The figures say where they come from: the team's one meeting, valid and confirmed.
        const meeting = rollup.meetings[person.sources[0]!.meeting]!;
        expect([meeting.label, meeting.status, meeting.finalized]).toEqual([`1.${file.content.meetings[0]!.title}`, 'valid', true]);
      }
    }
    const totals = townshipTotals(rollup.units);
    expect(totals.map((t) => [t.township, t.units])).toEqual([
      ['大同镇', 2],
      ['清泉镇', 1],
    ]);
    expect(totals.reduce((n, t) => n + t.entered, 0)).toBe(files.reduce((n, f) => n + f.expected.meeting.entered, 0));
  });

  it('reads back from Excel with the same numbers, as numeric cells, every name a text cell, nothing under 10.5 pt, never shrunk', async () => {
    const files = await exampleFiles();
    const sheets = await writtenAndRead(merge(files.map((f) => f.content)), '某区2026年换届考察');
    expect([...sheets.keys()]).toEqual([zh.rollup.summarySheet, zh.rollup.reviewSheet, zh.overview.sheet, zh.overview.ratesSheet, zh.rollup.fingerprintSheet, '校验信息']);
    const rates = sheets.get(zh.overview.ratesSheet)!;
    const { columns } = tableColumns(rates, 2);
    for (const example of files) {
      const form = example.content.meetings[0]!.form;
      for (const candidate of example.expected.candidates) {
        const row = rowOf(rates, candidate.name);
        expect(cellAt(rates, row, columns.get(zh.export.name)!)!.type).toBe('s');
        expect(cellAt(rates, row, columns.get(zh.rollup.unit)!)!.value).toBe(example.unit);
        expect(cellAt(rates, row, columns.get(`${form.name}/${zh.rollup.source}`)!)!.value).toBe(`1.${example.content.meetings[0]!.title}\n有效，已确认`);
        for (const [rate, expected] of Object.entries(candidate.rates)) {
          const cell = cellAt(rates, row, columns.get(`${form.name}/${rate}`)!)!;
          expect(cell, `${candidate.name} ${rate} ${[...columns.keys()].join(',')}`).toBeDefined();
          expect(cell.type).toBe('n');
          expect(cell.format).toBe('0.00%');
          expect(Number(cell.value)).toBeCloseTo(expected.value, 12);
        }
      }
    }
    // The summary's grand total of ballots, and every meeting's fingerprint.
    const summary = sheets.get(zh.rollup.summarySheet)!;
    expect(figureBeside(summary, zh.rollup.total, zh.rollup.entered)!.value).toBe(files.reduce((n, f) => n + f.expected.meeting.entered, 0));
    expect(sheets.get(zh.rollup.fingerprintSheet)!.cells.filter((c) => String(c.value).startsWith('sha256:') && c.column > 1).length).toBeGreaterThanOrEqual(files.length);
    for (const [title, sheet] of sheets) {
      if (sheet.hidden) continue;
      // Laid out to fit at 100 %: no sheet is shrunk to the page, no text is under 五号 (10.5 pt) but the
      // footnote under it (the seal, in grey), and nothing at all under 小五 (9 pt).
      expect([sheet.fitToPage, sheet.scale, sheet.paperSize], title).toEqual([false, 100, 9]);
      expect(Math.min(...sheet.cells.filter((c) => c.color !== 'FF595959').map((c) => c.size ?? 11)), title).toBeGreaterThanOrEqual(10.5);
      expect(Math.min(...sheet.cells.map((c) => c.size ?? 11)), title).toBeGreaterThanOrEqual(9);
      // The seal and how to check the file are printed on every visible sheet.
      expect(sheet.cells.some((c) => String(c.value).includes('文件校验码：sha256:') && String(c.value).includes(zh.report.verifyHint)), title).toBe(true);
    }
  });

  it('takes a valid meeting’s rates over a later unfinished one of the same form on the same day, names it, and says so', async () => {
    const team = teamContent({ team: 1, township: '大同镇', people: 4, ballots: 30 });
    const [evaluation] = team.meetings;
    // The team confirmed its 民主测评大会; the same afternoon it set up a second one of the same form and stopped after 10 ballots, all 优秀.
    evaluation!.finalized = { at: '2026-11-20T10:00:00.000Z', doubleEntryWaived: '只有一名工作人员' };
    addMeeting(team, { id: 'm-1-eval-again', title: evaluation!.title, form: evaluation!.form, createdAt: '2026-11-20T15:00:00.000Z', finalized: false, returned: 30, marks: Array.from({ length: 10 }, () => [0, 0, 0, 0]) });
    // A second village whose only 民主测评大会 is unfinished: 20 of 30 ballots entered.
    const other = teamContent({ team: 2, township: '大同镇', people: 3, ballots: 30 });
    const otherEvaluation = other.meetings[0]!.id;
    other.ballots = other.ballots.filter((b) => b.meetingId !== otherEvaluation || b.number <= 20);

    const person = team.workbooks[0]!.candidates[1]!;
    const ballots = team.ballots.filter((b) => b.meetingId === evaluation!.id);
    const excellent = ballots.filter((b) => b.marks[1] === 0).length / ballots.length;
    expect(excellent).toBeLessThan(1);

    const sheets = await writtenAndRead(merge([team, other]));
    const group = evaluation!.form.name;
    const rates = sheets.get(zh.overview.ratesSheet)!;
    const { columns } = tableColumns(rates, 2);
    const row = rowOf(rates, person.name);
    // The first meeting gives the rates, and is named with its status; the unfinished one (3.) is not used.
    expect(cellAt(rates, row, columns.get(`${group}/${zh.rollup.source}`)!)!.value).toBe('1.民主测评大会\n有效，已确认');
    const cell = cellAt(rates, row, columns.get(`${group}/优秀率`)!)!;
    expect(cell.type).toBe('n');
    expect(Number(cell.value)).toBeCloseTo(excellent, 12);

    // No valid meeting: the row says which one, its status and why, and holds no rate.
    const stranded = other.workbooks[0]!.candidates[0]!.name;
    const strandedRow = rowOf(rates, stranded);
    expect(cellAt(rates, strandedRow, columns.get(`${group}/${zh.rollup.source}`)!)!.value).toBe(`1.民主测评大会\n未录完：${zh.checks.enteredShort(20, 30)}`);
    expect(cellAt(rates, strandedRow, columns.get(`${group}/优秀率`)!)).toMatchObject({ type: 's', value: '未录完' });

    // The 一览表 says the same in words, and both sheets state the rule.
    const overview = sheets.get(zh.overview.sheet)!;
    const overviewColumns = tableColumns(overview, 1).columns;
    const line = (name: string) => String(cellAt(overview, overview.cells.find((c) => c.value === name)!.row, overviewColumns.get(zh.overview.meetingsColumn)!)!.value);
    expect(line(person.name)).toContain(`1.民主测评大会（有效，已确认）：优秀率 ${(Math.round(excellent * 10000) / 100).toFixed(2)}%`);
    expect(line(person.name)).not.toContain('3.民主测评大会');
    expect(line(stranded)).toContain(`1.民主测评大会：未录完：${zh.checks.enteredShort(20, 30)}，不计算比率`);
    for (const sheet of [rates, overview]) expect(sheet.cells.some((c) => String(c.value).includes(zh.rollup.rule)), sheet.title).toBe(true);
    // Every meeting is listed with its status, the unfinished ones with why.
    const fingerprints = sheets.get(zh.rollup.fingerprintSheet)!;
    expect(fingerprints.cells.some((c) => c.value === `${zh.rollup.meetingStatus('incomplete', false)}：${zh.checks.enteredShort(10, 30)}`)).toBe(true);
  });

  it('shows a meeting with more ballots entered than returned as that error, never as 未录完, and gives it no rate', async () => {
    const team = teamContent({ team: 3, township: '大同镇', people: 3, ballots: 30 });
    const evaluation = team.meetings[0]!;
    // 30 ballots entered where 28 were returned: two were read or typed twice.
    evaluation.counts = { ...evaluation.counts, issued: 28, returned: 28 };
    const sheets = await writtenAndRead(merge([team]));
    const rates = sheets.get(zh.overview.ratesSheet)!;
    const { columns } = tableColumns(rates, 2);
    const row = rowOf(rates, team.workbooks[0]!.candidates[0]!.name);
    const source = String(cellAt(rates, row, columns.get(`${evaluation.form.name}/${zh.rollup.source}`)!)!.value);
    expect(source.startsWith(`1.民主测评大会\n${zh.rollup.meetingStatus('over-entered', false)}：`)).toBe(true);
    expect(source).not.toContain('未录完');
    expect(cellAt(rates, row, columns.get(`${evaluation.form.name}/优秀率`)!)).toMatchObject({ type: 's', value: zh.export.statusShort['over-entered'] });
  });

  it('chooses, per form, a confirmed valid meeting, then a valid one, then the latest; the latest among equals', () => {
    const m = (status: 'valid' | 'void' | 'incomplete', finalized: boolean, date: string, order: number) => ({ status, finalized, date, order });
    const confirmed = m('valid', true, '2026-11-20', 0);
    const laterValid = m('valid', false, '2026-11-22', 1);
    const laterIncomplete = m('incomplete', false, '2026-11-23', 2);
    expect(chooseMeeting([confirmed, laterValid, laterIncomplete])).toBe(confirmed);
    expect(chooseMeeting([laterIncomplete, laterValid])).toBe(laterValid);
    const sameDayLater = m('valid', false, '2026-11-22', 3);
    expect(chooseMeeting([laterValid, sameDayLater])).toBe(sameDayLater);
    const earlierDaySetUpLater = m('valid', false, '2026-11-21', 4);
    expect(chooseMeeting([laterValid, earlierDaySetUpLater])).toBe(laterValid);
    const voided = m('void', false, '2026-11-24', 5);
    expect(chooseMeeting([laterIncomplete, voided])).toBe(voided);
    expect(chooseMeeting([])).toBeNull();
  });

  it('counts as 有标注 only people with a warning: a 过半 alone is a mark reached, not a warning', async () => {
    const recommend = presetForm('recommend', { maxSelections: 2 });
    // 10 ballots: 甲 ticked on all (过半), 乙 on 3, 丙 on none.
    const marks = Array.from({ length: 10 }, (_, i) => [0, i < 3 ? 0 : BLANK, BLANK]);
    const team = meetingTeamContent({
      team: 1,
      township: '大同镇',
      unit: '青山村',
      form: recommend,
      candidates: ['甲', '乙', '丙'],
      counts: { expected: 12, present: 10, issued: 10, returned: 10 },
      ballots: marks.map((m, i) => ({ number: i + 1, invalidReason: null, marks: m, writeIns: [] })),
    });
    // And an evaluation: 甲 all 优秀, 乙 all 不称职 (serious), 丙 all 称职.
    addMeeting(team, { id: 'm-eval', title: '民主测评大会', form: presetForm('evaluation-4'), createdAt: '2026-11-21T10:00:00.000Z', finalized: true, returned: 10, marks: Array.from({ length: 10 }, () => [0, 3, 1]) });

    const rollup = buildRollup(team, { title: '', exportDate: '2026-11-29' });
    expect(rollup.units[0]).toMatchObject({ warnedPeople: 1, seriousPeople: 1 });
    const sheets = await writtenAndRead(team);
    const summary = sheets.get(zh.rollup.summarySheet)!;
    expect(figureBeside(summary, '青山村', zh.rollup.flagged)!.value).toBe(1);
    expect(figureBeside(summary, '青山村', zh.rollup.serious)!.value).toBe(1);
    expect(figureBeside(summary, zh.rollup.total, zh.rollup.flagged)!.value).toBe(1);
    // On the 一览表, 甲's 过半 is printed, in black; 乙's warnings in red.
    const overview = sheets.get(zh.overview.sheet)!;
    const flagsColumn = tableColumns(overview, 1).columns.get(zh.overview.flags)!;
    const flags = (name: string) => cellAt(overview, overview.cells.find((c) => c.value === name)!.row, flagsColumn)!;
    expect(String(flags('甲').value)).toContain('过半');
    expect(flags('甲').color).not.toBe(RED);
    expect(String(flags('乙').value)).toContain('严重');
    expect(flags('乙').color).toBe(RED);
    expect(cellAt(overview, overview.cells.find((c) => c.value === '丙')!.row, flagsColumn)?.value ?? '').toBe('');
  });

  it('sums the joint review and the risk ledger per township, as hand-counted', async () => {
    const at = '2026-11-20T08:00:00.000Z';
    const a = teamContent({ team: 1, township: '大同镇', people: 5, ballots: 10 });
    const b = teamContent({ team: 2, township: '大同镇', people: 3, ballots: 10 });
    const c = teamContent({ team: 3, township: '清泉镇', people: 2, ballots: 10 });
    const plans = [presetPlan('village', 'wb-1', at), presetPlan('village', 'wb-3', at)];
    a.plans = [plans[0]!];
    c.plans = [plans[1]!];
    const departments = plans[0]!.departments;
    const cannot = plans[0]!.negativeList.find((n) => n.kind === 'cannot')!;
    const unsuitable = plans[0]!.negativeList.find((n) => n.kind === 'unsuitable' && n.windowYears === null)!;
    const hit = (item: typeof cannot): ReviewHit => ({ itemId: item.id, kind: item.kind, text: item.text, eventMonth: '' });
    const entry = (workbookId: string, personId: string, department: string, conclusion: ReviewEntry['conclusion'] = 'pass', hits: ReviewHit[] = [], decision = ''): ReviewEntry => ({
      id: `${workbookId}:${personId}:${department}`,
      workbookId,
      personId,
      department,
      conclusion,
      date: '2026-11-20',
      responsible: '经办人',
      note: '',
      hits,
      decision,
      createdAt: at,
      updatedAt: at,
    });
    /** Every department passes the person, except `department`, which concludes as given. */
    const all = (workbookId: string, personId: string, department?: string, conclusion?: ReviewEntry['conclusion'], hits: ReviewHit[] = [], decision = '') =>
      departments.map((d) => (d === department ? entry(workbookId, personId, d, conclusion, hits, decision) : entry(workbookId, personId, d)));
    a.reviews = [
      ...all('wb-1', 'p-1-0'), // 通过
      ...all('wb-1', 'p-1-1', '公安', 'issue'), // 存在问题
      ...all('wb-1', 'p-1-2', '信访', 'issue', [hit(unsuitable)]), // 不宜，待决定
      ...all('wb-1', 'p-1-3', '公安', 'issue', [hit(cannot)]), // 取消资格
      entry('wb-1', 'p-1-4', '公安'), // one department only: 联审未完成
    ];
    // 清泉镇: one passed, one 不宜 already decided (存在问题). Team 2 has no plan: its 3 people count as 联审未完成.
    c.reviews = [...all('wb-3', 'p-3-0'), ...all('wb-3', 'p-3-1', '信访', 'issue', [hit(unsuitable)], '经研究，不作为人选')];
    const risk = (workbookId: string, id: string, status: RiskItem['status'], deadline: string, deleted = false): RiskItem => ({
      id,
      workbookId,
      type: '信访村（社区）',
      description: `风险${id}`,
      leader: '张书记',
      owner: '李主任',
      foundOn: '2026-11-01',
      measures: '入户化解',
      deadline,
      status,
      closedOn: status === 'closed' ? '2026-11-10' : null,
      closeNote: '',
      deleted,
      createdAt: at,
      updatedAt: at,
    });
    a.risks = [risk('wb-1', 'r1', 'closed', '2026-11-15'), risk('wb-1', 'r2', 'in-progress', '2026-11-25'), risk('wb-1', 'r3', 'open', '2026-12-31'), risk('wb-1', 'r4', 'open', '2026-11-01', true)];
    c.risks = [risk('wb-3', 'r5', 'open', '2026-11-28')];

    const sheets = await writtenAndRead(merge([a, b, c]));
    const sheet = sheets.get(zh.rollup.reviewSheet)!;
    const r = zh.rollup;
    // 考察对象, then 通过 存在问题 不宜待决定 取消资格 联审未完成, then 事项数 已销号 化解中 未化解 逾期 (overdue on 2026-11-29).
    const expected: Record<string, number[]> = {
      大同镇: [8, 1, 1, 1, 1, 4, 3, 1, 1, 1, 1],
      清泉镇: [2, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1],
      [r.total]: [10, 2, 2, 1, 1, 4, 4, 1, 1, 2, 2],
    };
    const headers = [
      r.people,
      ...(['pass', 'issue', 'needsDecision', 'disqualified', 'incomplete'] as const).map((k) => r.reviewCounts[k]),
      ...(['total', 'closed', 'inProgress', 'open', 'overdue'] as const).map((k) => r.riskCounts[k]),
    ];
    for (const [township, figures] of Object.entries(expected)) {
      expect(
        headers.map((h) => figureBeside(sheet, township, h)?.value),
        township,
      ).toEqual(figures);
    }
    // Per village too: 第2村 has no plan, so its people are all 联审未完成.
    expect(figureBeside(sheet, '第2村', r.reviewCounts.incomplete)!.value).toBe(3);
    // The disqualified person counts as seriously warned on 汇总情况.
    expect(figureBeside(sheets.get(zh.rollup.summarySheet)!, '第1村', r.serious)!.value).toBeGreaterThanOrEqual(1);
  });

  it('judges each team by its own plan, and carries a disqualification from the joint review', async () => {
    const files = await exampleFiles();
    const evaluation = files.find((f) => f.content.meetings[0]!.form.id === 'evaluation-4')!;
    const workbook = evaluation.content.workbooks[0]!;
    const plan = presetPlan('village', workbook.id, '2026-11-20T08:00:00.000Z');
    // A plan that flags every 优秀率 below 100%: the roll-up's warnings follow it.
    const strict = { ...plan, rateRules: [...plan.rateRules, { rateName: '优秀率', flag: { comparison: '<' as const, threshold: fraction(1, 1), severity: 'warning' as const } }] };
    const person = workbook.candidates[0]!;
    const crime = plan.negativeList.find((n) => n.kind === 'cannot')!;
    const review = {
      id: `${workbook.id}:${person.id}:公安`,
      workbookId: workbook.id,
      personId: person.id,
      department: '公安',
      conclusion: 'issue' as const,
      date: '2026-11-20',
      responsible: '周警官',
      note: '',
      hits: [{ itemId: crime.id, kind: crime.kind, text: crime.text, eventMonth: '' }],
      decision: '',
      createdAt: '2026-11-20T08:00:00.000Z',
      updatedAt: '2026-11-20T08:00:00.000Z',
    };
    const withPlan = { ...evaluation.content, plans: [strict], reviews: [review] };
    const before = buildRollup(evaluation.content, { title: '某区', exportDate: '2026-11-29' });
    const after = buildRollup(withPlan, { title: '某区', exportDate: '2026-11-29' });
    const marksOf = (rollup: typeof before, name: string) => rollup.people.find((p) => p.name === name)!.marks.map((m) => m.text).join('；');
    const other = workbook.candidates[1]!.name;
    expect(marksOf(before, other)).not.toContain('优秀率');
    expect(marksOf(after, other)).toContain('优秀率');
    const disqualified = after.people.find((p) => p.name === person.name)!;
    expect(disqualified.marks[0]).toMatchObject({ level: 'serious' });
    expect(disqualified.marks[0]!.text).toContain(zh.review.statusName.disqualified);
    expect(after.units[0]!.seriousPeople).toBeGreaterThanOrEqual(1);
    expect(after.units[0]!.review.disqualified).toBe(1);
  });
});
