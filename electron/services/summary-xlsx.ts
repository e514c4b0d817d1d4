/**
 * The Excel summary of one meeting: 民主测评结果汇总表 (or 民主推荐得票情况统计表), the 计票结果报告单
 * and the 选票数据, print-ready on A4, with the 口径说明 and the ballot fingerprint. The sheets say
 * what shared/report/meeting-report.ts builds from the meeting's outcome; the kit draws them.
 * Counts and rates are numeric cells (rates formatted 0.00%); names are always text, never formulas.
 */
import ExcelJS from 'exceljs';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import type { MeetingOutcome } from '../../shared/domain/outcome';
import type { TallyResult } from '../../shared/domain/tally';
import { BALLOT_DATA_SHEET, ballotDataSheet, outcomeOfExport, resultSheet, summarySheet } from '../../shared/report/meeting-report';
import { zh } from '../../shared/messages/zh-CN';
import { withinBytes } from './atomic-file';
import { PAYLOAD_FORMAT, payloadText, sealOf, writePayloadSheet } from './export-payload';
import { addReportSheet, finishWorkbook } from './xlsx-kit';

export { BALLOT_DATA_SHEET };

export interface SummaryWorkbook {
  buffer: Buffer;
  result: TallyResult;
  fingerprint: string;
}

export interface ComposedSummary {
  workbook: ExcelJS.Workbook;
  result: TallyResult;
  fingerprint: string;
  seal: string;
}

/**
 * Composes the summary workbook from the input alone (the same input gives the same cells); the
 * 选票数据 and 校验信息 sheets carry what `verify` needs to rebuild it cell by cell.
 */
export function composeMeetingWorkbook(input: MeetingExport): ComposedSummary {
  const text = payloadText({ format: PAYLOAD_FORMAT, kind: 'meeting', input });
  const seal = sealOf(text);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  const { outcome } = addMeetingSheets(workbook, input, seal, '');
  writePayloadSheet(workbook, text);
  return { workbook, result: outcome.result, fingerprint: outcome.fingerprint, seal };
}

/** One meeting's sheets (summary, 计票结果报告单, 选票数据), their names after the prefix. */
export function addMeetingSheets(
  workbook: ExcelJS.Workbook,
  input: MeetingExport,
  seal: string,
  prefix: string,
  outcome: MeetingOutcome = outcomeOfExport(input),
): { outcome: MeetingOutcome; result: TallyResult; fingerprint: string } {
  const summaryName = prefix + (input.form.kind === 'recommend' ? zh.export.recommendSheet : zh.export.evaluationSheet);
  addReportSheet(workbook, summarySheet(input, outcome, seal, summaryName));
  addReportSheet(workbook, resultSheet(input, outcome, seal, prefix + zh.export.reportSheet));
  addReportSheet(workbook, ballotDataSheet(input, outcome, prefix + BALLOT_DATA_SHEET));
  return { outcome, result: outcome.result, fingerprint: outcome.fingerprint };
}

/** Builds the summary workbook as the bytes of an xlsx file. */
export async function buildMeetingSummary(input: MeetingExport): Promise<SummaryWorkbook> {
  const { workbook, result, fingerprint } = composeMeetingWorkbook(input);
  workbook.created = new Date();
  return { buffer: await finishWorkbook(workbook), result, fingerprint };
}

/** A file name safe on Windows and Linux: no path separators, reserved or control characters. */
export function safeFileName(name: string): string {
  const extension = /\.[a-z0-9]+$/i.exec(name)?.[0] ?? '';
  const stem = name.slice(0, name.length - extension.length).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return `${withinBytes(stem, MAX_STEM_BYTES)}${extension}`;
}

/**
 * Disks allow 255 bytes of UTF-8 per name (ext4, APFS; NTFS 255 UTF-16 units, never fewer here), and
 * a Chinese character takes 3: the stem is kept to 200 bytes, so a long meeting title still leaves
 * room for the extension and a numbered copy's `(12)`.
 */
const MAX_STEM_BYTES = 200;


/** A file name that says unit, meeting and date. */
export function summaryFileName(input: MeetingExport): string {
  const kind = input.form.kind === 'recommend' ? zh.export.recommendFileKind : zh.export.evaluationFileKind;
  const parts = [input.township + input.unit, input.meetingTitle, kind, input.meetingDate].filter((p) => p.trim() !== '');
  return safeFileName(`${parts.join('-')}.xlsx`);
}
