/**
 * The whole workbook in one file: 考察对象情况一览表 first (one row per person: basic data, proposed
 * post, recommendation votes and evaluation rates from every meeting), then each meeting's sheets,
 * then 校验信息 so that `verify` can check all of it.
 */
import ExcelJS from 'exceljs';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import type { WorkbookExport, WorkbookPerson } from '../../shared/contract/workbook-export';
import type { TallyResult } from '../../shared/domain/tally';
import { tally } from '../../shared/domain/tally';
import { columnWidthFor, displayWidth } from '../../shared/format/width';
import { zh } from '../../shared/messages/zh-CN';
import { PAYLOAD_FORMAT, payloadText, sealOf, writePayloadSheet } from './export-payload';
import { addMeetingSheets, safeFileName } from './summary-xlsx';

const BODY_FONT = '宋体';
const TITLE_FONT = '黑体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The prefix of a meeting's sheets in a workbook file: 1.民主测评结果汇总表 … */
export function meetingSheetPrefix(index: number): string {
  return `${index + 1}.`;
}

interface ListColumn {
  group: string;
  header: string;
  kind: 'text' | 'count' | 'rate';
  value: (person: WorkbookPerson) => string | number | null;
}

function listColumns(input: WorkbookExport, results: readonly { meeting: MeetingExport; result: TallyResult }[]): ListColumn[] {
  const t = zh.overview;
  const basic = (field: 'gender' | 'birthDate' | 'politicalStatus' | 'education' | 'currentPost' | 'proposedPost') => (person: WorkbookPerson) => person[field];
  const columns: ListColumn[] = [
    { group: t.basics, header: t.gender, kind: 'text', value: basic('gender') },
    { group: t.basics, header: t.birthDate, kind: 'text', value: basic('birthDate') },
    { group: t.basics, header: t.politicalStatus, kind: 'text', value: basic('politicalStatus') },
    { group: t.basics, header: t.education, kind: 'text', value: basic('education') },
    { group: t.basics, header: zh.export.currentPost, kind: 'text', value: basic('currentPost') },
    { group: t.basics, header: zh.export.proposedPost, kind: 'text', value: basic('proposedPost') },
  ];
  results.forEach(({ meeting, result }, m) => {
    const group = `${m + 1}.${meeting.meetingTitle}`;
    const of = (person: WorkbookPerson) => result.candidates.find((c) => c.name === person.name);
    if (meeting.form.kind === 'recommend') {
      meeting.form.questions.forEach((question, q) => {
        const post = meeting.form.questions.length > 1 ? question.label : '';
        const rule = meeting.form.rates.find((r) => r.questionId === question.id);
        columns.push(
          { group, header: `${post}${zh.export.votes}`, kind: 'count', value: (p) => of(p)?.questions[q]?.counts[question.options[0]!.label] ?? null },
          { group, header: `${post}${zh.export.voteShare}`, kind: 'rate', value: (p) => of(p)?.rates.find((r) => r.ruleId === rule?.id)?.value ?? null },
        );
      });
    } else {
      for (const rule of meeting.form.rates) {
        columns.push({ group, header: rule.name, kind: 'rate', value: (p) => of(p)?.rates.find((r) => r.ruleId === rule.id)?.value ?? null });
      }
    }
  });
  if (input.people.some((p) => p.review)) {
    columns.push({ group: t.review, header: t.reviewConclusion, kind: 'text', value: (p) => p.review?.summary ?? '' });
  }
  if (input.people.some((p) => p.interviews)) {
    const i = zh.interviews;
    columns.push(
      { group: t.interviews, header: t.interviewsHeld, kind: 'count', value: (p) => p.interviews?.held ?? null },
      { group: t.interviews, header: i.opinion.agree, kind: 'count', value: (p) => p.interviews?.agree ?? null },
      { group: t.interviews, header: i.opinion.disagree, kind: 'count', value: (p) => p.interviews?.disagree ?? null },
      { group: t.interviews, header: i.opinion.other, kind: 'count', value: (p) => p.interviews?.other ?? null },
      {
        group: t.interviews,
        header: i.approvalRate,
        kind: 'rate',
        value: (p) => (p.interviews?.approval ? p.interviews.approval.numerator / p.interviews.approval.denominator : null),
      },
    );
  }
  if (input.people.some((p) => p.conclusion)) {
    const j = zh.judgement;
    for (const key of ['de', 'neng', 'qin', 'ji', 'lian'] as const) {
      columns.push({ group: t.judgement, header: j.dimensions[key], kind: 'text', value: (p) => p.conclusion?.[key] ?? '' });
    }
    columns.push({ group: t.judgement, header: j.overall, kind: 'text', value: (p) => p.conclusion?.overall ?? '' });
  }
  columns.push({
    group: t.flags,
    header: t.flags,
    kind: 'text',
    value: (person) =>
      [
        ...(person.review?.status === 'disqualified' ? [person.review.summary] : []),
        ...results.flatMap(({ meeting, result }, m) => (result.candidates.find((c) => c.name === person.name)?.flags ?? []).map((f) => `${m + 1}.${meeting.meetingTitle}：${f.message}`)),
        ...(person.interviews?.flags ?? []),
      ].join('；'),
  });
  return columns;
}

function writeOverviewSheet(workbook: ExcelJS.Workbook, input: WorkbookExport, results: readonly { meeting: MeetingExport; result: TallyResult }[], seal: string): void {
  const t = zh.overview;
  const sheet = workbook.addWorksheet(t.sheet, { views: [{ showGridLines: false }] });
  const columns = listColumns(input, results);
  const names = input.people.map((p) => p.name);
  const lastColumn = columns.length + 2;
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = columnWidthFor([zh.export.name, ...names], { min: 10 });
  columns.forEach((column, i) => {
    const values = input.people.map((p) => String(column.value(p) ?? ''));
    // A group heading over this column alone (a meeting with one rate) must fit in it too.
    const alone = columns.filter((c) => c.group === column.group).length === 1 && column.group !== column.header;
    const headings = alone ? [column.header, column.group] : [column.header];
    sheet.getColumn(i + 3).width =
      column.kind === 'text' ? columnWidthFor([...headings, ...values], { min: 8, max: 36 }) : Math.max(10, ...headings.map((h) => displayWidth(h) + 2));
  });

  sheet.mergeCells(1, 1, 1, lastColumn);
  const title = sheet.getCell(1, 1);
  title.value = t.title;
  title.font = { name: TITLE_FONT, size: 18 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(2, 1, 2, lastColumn);
  const heading = sheet.getCell(2, 1);
  heading.value = t.heading(input.township + input.unit, input.teamName, input.exportDate);
  heading.font = { name: BODY_FONT, size: 11 };

  // Two header rows: the meeting (or 基本情况) over the figure.
  const top = 4;
  for (const [c, label] of [zh.export.index, zh.export.name].entries()) {
    sheet.mergeCells(top, c + 1, top + 1, c + 1);
    sheet.getCell(top, c + 1).value = label;
  }
  let i = 0;
  while (i < columns.length) {
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]!.group === columns[i]!.group) end++;
    if (end > i) sheet.mergeCells(top, i + 3, top, end + 3);
    sheet.getCell(top, i + 3).value = columns[i]!.group;
    for (let c = i; c <= end; c++) sheet.getCell(top + 1, c + 3).value = columns[c]!.header;
    if (end === i && columns[i]!.group === columns[i]!.header) {
      sheet.unMergeCells(top, i + 3, top, i + 3);
      sheet.getCell(top + 1, i + 3).value = null;
      sheet.mergeCells(top, i + 3, top + 1, i + 3);
    }
    i = end + 1;
  }
  for (const r of [top, top + 1]) {
    for (let c = 1; c <= lastColumn; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { name: BODY_FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDERS;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    }
  }
  input.people.forEach((person, p) => {
    const row = top + 2 + p;
    const values: (string | number | null)[] = [p + 1, person.name, ...columns.map((column) => column.value(person))];
    // A person a 不能 item disqualified stands out in red across the row.
    const disqualified = person.review?.status === 'disqualified';
    values.forEach((value, c) => {
      const cell = sheet.getCell(row, c + 1);
      cell.value = value;
      cell.font = { name: BODY_FONT, size: 10, ...(disqualified ? { color: { argb: 'FFC00000' } } : {}) };
      cell.border = BORDERS;
      const column = columns[c - 2];
      const centred = c === 0 || (column !== undefined && column.kind !== 'text');
      cell.alignment = { horizontal: centred ? 'center' : 'left', vertical: 'middle', wrapText: column?.kind === 'text' };
      if (column?.kind === 'rate') cell.numFmt = '0.00%';
    });
    // Excel and LibreOffice do not grow a row for wrapped text by themselves: the height is set for the lines it needs.
    const lines = Math.max(
      1,
      ...columns.map((column, c) => (column.kind === 'text' ? Math.ceil(displayWidth(String(values[c + 2] ?? '')) / Math.max(1, (sheet.getColumn(c + 3).width ?? 10) - 2)) : 1)),
    );
    if (lines > 1) sheet.getRow(row).height = lines * 13 + 3;
  });
  const notes = [
    ...results.map(({ meeting, result }, m) => t.meetingLine(m + 1, meeting.meetingTitle, meeting.meetingDate, meeting.form.name, zh.statusName[result.status])),
    t.basisPointer,
    ...(input.planStatement ?? []),
    zh.verify.sealLine(seal),
  ];
  notes.forEach((line, n) => {
    const row = top + 3 + names.length + n;
    sheet.mergeCells(row, 1, row, lastColumn);
    const cell = sheet.getCell(row, 1);
    cell.value = line;
    cell.font = { name: BODY_FONT, size: 9 };
  });
  const totalWidth = Array.from({ length: lastColumn }, (_, c) => sheet.getColumn(c + 1).width ?? 9).reduce((a, b) => a + b, 0);
  sheet.pageSetup = {
    paperSize: 9,
    orientation: totalWidth > 95 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${top}:${top + 1}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: zh.export.pageFooter };
}

/** Interview notes, one row per interview and person spoken about: only when the user chose to include them. */
function writeInterviewSheet(workbook: ExcelJS.Workbook, records: NonNullable<WorkbookExport['interviewRecords']>): void {
  const t = zh.overview;
  const sheet = workbook.addWorksheet(t.interviewSheet, { views: [{ showGridLines: false }] });
  const headers = t.interviewColumns;
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.getCell(1, 1).value = t.interviewSheetTitle;
  sheet.getCell(1, 1).font = { name: TITLE_FONT, size: 16 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, headers.length);
  sheet.getCell(2, 1).value = t.confidentialLine;
  sheet.getCell(2, 1).font = { name: BODY_FONT, size: 10, color: { argb: 'FFC00000' } };
  const rows: string[][] = [];
  records.forEach((record, n) => {
    const remarks = record.remarks.length > 0 ? record.remarks : [{ name: '', opinion: '', strengths: '', weaknesses: '', problems: '' }];
    for (const remark of remarks) {
      rows.push([String(n + 1), record.interviewee, record.category, record.date, record.place, record.interviewers.join('、'), record.recorder, remark.name, remark.opinion, remark.strengths, remark.weaknesses, remark.problems]);
    }
  });
  [headers, ...rows].forEach((values, r) => {
    values.forEach((value, c) => {
      const cell = sheet.getCell(4 + r, c + 1);
      cell.value = value;
      cell.font = { name: BODY_FONT, size: 10, bold: r === 0 };
      cell.border = BORDERS;
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: r === 0 ? 'center' : 'left' };
    });
  });
  headers.forEach((header, c) => {
    sheet.getColumn(c + 1).width = columnWidthFor([header, ...rows.map((row) => row[c] ?? '')], { min: c === 0 ? 5 : 8, max: c >= 9 ? 40 : 16 });
  });
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4', margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 } };
  sheet.headerFooter = { oddFooter: zh.export.pageFooter };
}

export function composeWorkbookExport(input: WorkbookExport): { workbook: ExcelJS.Workbook; seal: string; fingerprints: string[] } {
  const text = payloadText({ format: PAYLOAD_FORMAT, kind: 'workbook', input });
  const seal = sealOf(text);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  // The overview is the first tab, so each meeting is tallied for it before its own sheets are added.
  const results = input.meetings.map((meeting) => ({
    meeting,
    result: tally({ form: meeting.form, candidates: meeting.candidates.map((c) => c.name), counts: meeting.counts, quorum: meeting.quorum, ballots: meeting.ballots }),
  }));
  writeOverviewSheet(workbook, input, results, seal);
  const fingerprints = input.meetings.map((meeting, m) => addMeetingSheets(workbook, meeting, seal, meetingSheetPrefix(m)).fingerprint);
  if (input.interviewRecords) writeInterviewSheet(workbook, input.interviewRecords);
  writePayloadSheet(workbook, text);
  return { workbook, seal, fingerprints };
}

export async function buildWorkbookExport(input: WorkbookExport): Promise<Buffer> {
  const { workbook } = composeWorkbookExport(input);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function workbookFileName(input: WorkbookExport): string {
  return safeFileName(`${input.township}${input.unit}-${zh.overview.fileKind}-${input.exportDate}.xlsx`);
}
