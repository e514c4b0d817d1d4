/**
 * The whole workbook in one file: 考察对象情况一览表 first (one row per person: basic data, posts,
 * what each meeting gave, the joint review, interviews, the team's judgement and every 标注), the
 * same rates as numbers, then each meeting's sheets, then 校验信息 so that `verify` can check all of
 * it. What the sheets say comes from shared/report; the kit draws them.
 */
import ExcelJS from 'exceljs';
import type { WorkbookExport } from '../../shared/contract/workbook-export';
import type { ReportSheet } from '../../shared/report/model';
import { formatDay } from '../../shared/format/date';
import { outcomeOfExport } from '../../shared/report/meeting-report';
import { countedMeetings, overviewSheets } from '../../shared/report/overview-report';
import { zh } from '../../shared/messages/zh-CN';
import { PAYLOAD_FORMAT, payloadText, sealOf, writePayloadSheet } from './export-payload';
import { addMeetingSheets, safeFileName } from './summary-xlsx';
import { addReportSheet, finishWorkbook } from './xlsx-kit';

/** The prefix of a meeting's sheets in a workbook file: 1.民主测评结果汇总表 … */
export function meetingSheetPrefix(index: number): string {
  return `${index + 1}.`;
}

/** Interview notes, one row per interview and person spoken about: only when the user chose to include them. */
function interviewSheet(records: NonNullable<WorkbookExport['interviewRecords']>): ReportSheet {
  const t = zh.overview;
  const rows = records.flatMap((record, n) => {
    const remarks = record.remarks.length > 0 ? record.remarks : [{ name: '', opinion: '', strengths: '', weaknesses: '', problems: '' }];
    return remarks.map((remark) => ({
      cells: [n + 1, record.interviewee, record.category, formatDay(record.date), record.place, record.interviewers.join('、'), record.recorder, remark.name, remark.opinion, remark.strengths, remark.weaknesses, remark.problems],
    }));
  });
  const wide = new Set([9, 10, 11]);
  return {
    name: t.interviewSheet,
    mode: 'data',
    orientation: 'landscape',
    title: t.interviewSheetTitle,
    heading: [t.confidentialLine],
    blocks: [
      {
        kind: 'table',
        columns: t.interviewColumns.map((header, c) => ({ header, kind: c === 0 ? 'index' : 'text', maxChars: wide.has(c) ? 14 : 6 })),
        rows,
        keyColumns: 2,
      },
    ],
  };
}

export function composeWorkbookExport(withNotes: WorkbookExport): { workbook: ExcelJS.Workbook; seal: string; fingerprints: string[] } {
  // Interview notes never go into the summary, visible or in 校验信息: deleting a sheet before
  // sharing the file would not remove them from the hidden data. They get a file of their own.
  const { interviewRecords: _notes, ...input } = withNotes;
  const text = payloadText({ format: PAYLOAD_FORMAT, kind: 'workbook', input });
  const seal = sealOf(text);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  // The overview is the first tab, so each meeting's outcome is computed for it before its own sheets are added.
  const outcomes = input.meetings.map(outcomeOfExport);
  for (const sheet of overviewSheets(input, countedMeetings(input.meetings, outcomes), seal)) addReportSheet(workbook, sheet);
  const fingerprints = input.meetings.map((meeting, m) => addMeetingSheets(workbook, meeting, seal, meetingSheetPrefix(m), outcomes[m]).fingerprint);
  writePayloadSheet(workbook, text);
  return { workbook, seal, fingerprints };
}

export async function buildWorkbookExport(input: WorkbookExport): Promise<Buffer> {
  const { workbook } = composeWorkbookExport(input);
  return finishWorkbook(workbook);
}

/**
 * The interview notes alone, in their own confidential file: only the notes sheet, with no hidden
 * data of anything else (and none of the notes hidden anywhere).
 */
export async function buildInterviewNotesExport(records: NonNullable<WorkbookExport['interviewRecords']>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  addReportSheet(workbook, interviewSheet(records));
  return finishWorkbook(workbook);
}

export function interviewNotesFileName(input: WorkbookExport): string {
  return safeFileName(`${input.township}${input.unit}-${zh.overview.interviewFileKind}-${input.exportDate}.xlsx`);
}

export function workbookFileName(input: WorkbookExport): string {
  return safeFileName(`${input.township}${input.unit}-${zh.overview.fileKind}-${input.exportDate}.xlsx`);
}
