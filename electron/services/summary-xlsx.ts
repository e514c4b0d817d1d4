/**
 * The Excel summary of one meeting: 民主测评结果汇总表 (or 民主推荐得票情况统计表) and the
 * 计票结果报告单, print-ready on A4, with the 口径说明 and the ballot fingerprint. Counts and rates
 * are numeric cells (rates formatted 0.00%); names are always text cells, never formulas.
 */
import ExcelJS from 'exceljs';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { basisStatement } from '../../shared/domain/basis';
import { ballotFingerprint } from '../../shared/domain/fingerprint';
import { ABSTAIN_LABEL, VOID_LABEL } from '../../shared/domain/forms';
import type { CandidateResult, TallyResult } from '../../shared/domain/tally';
import { tally } from '../../shared/domain/tally';
import { columnWidthFor, displayWidth } from '../../shared/format/width';
import { zh } from '../../shared/messages/zh-CN';

const BODY_FONT = '宋体';
const TITLE_FONT = '黑体';
const PERCENT_FORMAT = '0.00%';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const ALL_BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const A4 = 9;
/** Character units that fit across an A4 portrait page at 100% with narrow margins. */
const PORTRAIT_WIDTH_LIMIT = 95;

export interface SummaryWorkbook {
  buffer: Buffer;
  result: TallyResult;
  fingerprint: string;
}

type Column = { header: string; group: string | null; width: number; kind: 'text' | 'count' | 'rate' | 'index' };

function sheetWidth(sheet: ExcelJS.Worksheet, lastColumn: number): number {
  let width = 0;
  for (let c = 1; c <= lastColumn; c++) width += sheet.getColumn(c).width ?? 9;
  return width;
}

function pageSetup(sheet: ExcelJS.Worksheet, lastColumn: number, titleRows: string | null): void {
  const totalWidth = sheetWidth(sheet, lastColumn);
  sheet.pageSetup = {
    paperSize: A4,
    orientation: totalWidth > PORTRAIT_WIDTH_LIMIT ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  sheet.headerFooter = { oddFooter: zh.export.pageFooter };
}

function styleRange(sheet: ExcelJS.Worksheet, row: number, fromColumn: number, toColumn: number, style: Partial<ExcelJS.Style>): void {
  for (let column = fromColumn; column <= toColumn; column++) {
    const cell = sheet.getCell(row, column);
    Object.assign(cell, style);
  }
}

function mergedText(
  sheet: ExcelJS.Worksheet,
  row: number,
  lastColumn: number,
  text: string,
  font: Partial<ExcelJS.Font>,
  alignment: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true },
): void {
  if (lastColumn > 1) sheet.mergeCells(row, 1, row, lastColumn);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { name: BODY_FONT, size: 11, ...font };
  cell.alignment = alignment;
}

/** Row height that shows a wrapped paragraph whole: Excel does not grow merged rows by itself. */
function wrappedRowHeight(text: string, widthInChars: number, lineHeight = 15): number {
  const lines = Math.max(1, Math.ceil(displayWidth(text) / Math.max(10, widthInChars - 2)));
  return lines * lineHeight + 4;
}

/** A bold, bordered, shaded header row. */
function writeHeaderRow(sheet: ExcelJS.Worksheet, row: number, headers: readonly string[]): void {
  headers.forEach((header, c) => {
    const cell = sheet.getCell(row, c + 1);
    cell.value = header;
    cell.font = { name: BODY_FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = ALL_BORDERS;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
}

/** A bordered data row: the name column left-aligned text, numbers centred, rate columns as 0.00%. */
function writeDataRow(sheet: ExcelJS.Worksheet, row: number, values: readonly (string | number | null)[], isRate: (column: number) => boolean): void {
  values.forEach((value, c) => {
    const cell = sheet.getCell(row, c + 1);
    cell.value = value;
    cell.font = { name: BODY_FONT, size: 11 };
    cell.border = ALL_BORDERS;
    cell.alignment = { horizontal: c === 1 ? 'left' : 'center', vertical: 'middle' };
    if (isRate(c)) cell.numFmt = PERCENT_FORMAT;
  });
}

function statusBanner(result: TallyResult): string | null {
  if (result.status === 'void') {
    const failed = result.checks.filter((c) => !c.ok && c.severity === 'error' && c.id !== 'entered-equals-returned');
    return `${zh.export.voidBanner}${failed.map((c) => c.message).join('；')}`;
  }
  if (result.status === 'incomplete') {
    const failed = result.checks.filter((c) => !c.ok && c.severity === 'error');
    return `${zh.export.incompleteBanner}${failed.map((c) => c.message).join('；')}`;
  }
  return null;
}

const MEETING_FIELDS = ['expected', 'present', 'issued', 'returned', 'entered', 'valid', 'invalid'] as const;

/** Widens the first columns so that the meeting-count labels (应到人数 …) fit above their numbers. */
function fitMeetingCountColumns(sheet: ExcelJS.Worksheet): void {
  [...MEETING_FIELDS.map((f) => zh.meetingField[f]), zh.export.statusLabel].forEach((label, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(column.width ?? 0, displayWidth(label) + 3);
  });
}

function writeMeetingCounts(sheet: ExcelJS.Worksheet, row: number, result: TallyResult): number {
  const fields = MEETING_FIELDS;
  fitMeetingCountColumns(sheet);
  fields.forEach((field, i) => {
    const label = sheet.getCell(row, i + 1);
    label.value = zh.meetingField[field];
    label.font = { name: BODY_FONT, size: 11, bold: true };
    label.alignment = { horizontal: 'center', vertical: 'middle' };
    label.border = ALL_BORDERS;
    const value = sheet.getCell(row + 1, i + 1);
    value.value = result.meeting[field];
    value.font = { name: BODY_FONT, size: 11 };
    value.alignment = { horizontal: 'center', vertical: 'middle' };
    value.border = ALL_BORDERS;
  });
  const statusLabel = sheet.getCell(row, fields.length + 1);
  statusLabel.value = zh.export.statusLabel;
  statusLabel.font = { name: BODY_FONT, size: 11, bold: true };
  statusLabel.alignment = { horizontal: 'center', vertical: 'middle' };
  statusLabel.border = ALL_BORDERS;
  const status = sheet.getCell(row + 1, fields.length + 1);
  status.value = zh.export.statusShort[result.status];
  status.font = { name: BODY_FONT, size: 11, bold: true, color: { argb: result.status === 'valid' ? 'FF000000' : 'FFC00000' } };
  status.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  status.border = ALL_BORDERS;
  return row + 2;
}

function writeBasis(sheet: ExcelJS.Worksheet, startRow: number, lastColumn: number, pageWidth: number, lines: string[]): number {
  let row = startRow;
  mergedText(sheet, row, lastColumn, zh.basis.title, { name: TITLE_FONT, size: 12 });
  row++;
  for (const [i, line] of lines.entries()) {
    const text = `${i + 1}. ${line}`;
    mergedText(sheet, row, lastColumn, text, { size: 10 });
    sheet.getRow(row).height = wrappedRowHeight(text, pageWidth, 14);
    row++;
  }
  return row;
}

function summaryColumns(input: MeetingExport, result: TallyResult): Column[] {
  const names = input.candidates.map((c) => c.name);
  const columns: Column[] = [
    { header: zh.export.index, group: null, width: 6, kind: 'index' },
    { header: zh.export.name, group: null, width: columnWidthFor([zh.export.name, ...names], { min: 10 }), kind: 'text' },
    {
      header: zh.export.currentPost,
      group: null,
      width: columnWidthFor([zh.export.currentPost, ...input.candidates.map((c) => c.currentPost)], { min: 10, max: 24 }),
      kind: 'text',
    },
    {
      header: zh.export.proposedPost,
      group: null,
      width: columnWidthFor([zh.export.proposedPost, ...input.candidates.map((c) => c.proposedPost)], { min: 10, max: 24 }),
      kind: 'text',
    },
  ];
  const form = input.form;
  if (form.kind === 'recommend') {
    columns.push(
      { header: zh.export.votes, group: null, width: 8, kind: 'count' },
      { header: zh.export.voteShare, group: null, width: 10, kind: 'rate' },
      { header: zh.export.rank, group: null, width: 8, kind: 'count' },
    );
  } else {
    const single = form.questions.length === 1;
    for (const question of form.questions) {
      const keys = Object.keys(result.candidates[0]?.questions.find((q) => q.questionId === question.id)?.counts ?? {});
      for (const key of keys) {
        const isOption = key !== ABSTAIN_LABEL && key !== VOID_LABEL;
        if (single && isOption) {
          columns.push(
            { header: zh.export.countOf, group: key, width: Math.max(8, displayWidth(key) + 2), kind: 'count' },
            { header: zh.export.shareOf, group: key, width: 9, kind: 'rate' },
          );
        } else {
          columns.push({
            header: key,
            group: single ? null : question.label,
            width: Math.max(7, displayWidth(key) + 2),
            kind: 'count',
          });
        }
      }
    }
    for (const rule of form.rates) {
      columns.push({ header: rule.name, group: null, width: Math.max(10, displayWidth(rule.name) + 2), kind: 'rate' });
    }
  }
  const flagTexts = result.candidates.map((c) => c.flags.map((f) => f.message).join('；'));
  columns.push({ header: zh.export.flags, group: null, width: columnWidthFor([zh.export.flags, ...flagTexts], { min: 12, max: 40 }), kind: 'text' });
  return columns;
}

function candidateRowValues(input: MeetingExport, result: TallyResult, candidate: CandidateResult, index: number): (string | number | null)[] {
  const person = input.candidates[index]!;
  const values: (string | number | null)[] = [index + 1, person.name, person.currentPost, person.proposedPost];
  const valid = result.meeting.valid;
  if (input.form.kind === 'recommend') {
    const rate = candidate.rates[0];
    values.push(candidate.questions[0]?.counts[input.form.questions[0]!.options[0]!.label] ?? 0, rate?.value ?? null, candidate.rank);
  } else {
    const single = input.form.questions.length === 1;
    for (const question of candidate.questions) {
      for (const [key, n] of Object.entries(question.counts)) {
        const isOption = key !== ABSTAIN_LABEL && key !== VOID_LABEL;
        values.push(n);
        if (single && isOption) values.push(valid > 0 ? n / valid : null);
      }
    }
    for (const rate of candidate.rates) values.push(rate.value);
  }
  values.push(candidate.flags.map((f) => f.message).join('；'));
  return values;
}

function writeSummarySheet(workbook: ExcelJS.Workbook, input: MeetingExport, result: TallyResult, fingerprint: string): void {
  const isRecommend = input.form.kind === 'recommend';
  const title = isRecommend ? zh.export.recommendTitle : zh.export.evaluationTitle;
  const sheet = workbook.addWorksheet(isRecommend ? zh.export.recommendSheet : zh.export.evaluationSheet, {
    views: [{ showGridLines: false }],
  });
  const columns = summaryColumns(input, result);
  const lastColumn = Math.max(columns.length, 8);
  columns.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.width;
  });
  for (let i = columns.length; i < lastColumn; i++) sheet.getColumn(i + 1).width = 10;
  const totalWidth = columns.reduce((sum, c) => sum + c.width, 0);

  mergedText(sheet, 1, lastColumn, title, { name: TITLE_FONT, size: 18 }, { horizontal: 'center', vertical: 'middle' });
  sheet.getRow(1).height = 30;
  mergedText(sheet, 2, lastColumn, zh.export.heading(input), { size: 11 });
  let row = 3;
  const banner = statusBanner(result);
  if (banner) {
    mergedText(sheet, row, lastColumn, banner, { bold: true, size: 12, color: { argb: 'FFC00000' } });
    sheet.getRow(row).height = wrappedRowHeight(banner, totalWidth, 16);
    row++;
  }
  row = writeMeetingCounts(sheet, row, result) + 1;

  // Two header rows: a group row (option or question) above a detail row (票数/占比).
  const groupRow = row;
  const headerRow = row + 1;
  columns.forEach((column, i) => {
    const top = sheet.getCell(groupRow, i + 1);
    top.value = column.group ?? column.header;
  });
  columns.forEach((column, i) => {
    sheet.getCell(headerRow, i + 1).value = column.header;
  });
  // Merge: a column without a group spans both rows; a group spans its columns on the top row.
  let i = 0;
  while (i < columns.length) {
    const column = columns[i]!;
    if (column.group === null) {
      sheet.mergeCells(groupRow, i + 1, headerRow, i + 1);
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]!.group === column.group) end++;
    if (end > i) sheet.mergeCells(groupRow, i + 1, groupRow, end + 1);
    i = end + 1;
  }
  for (const r of [groupRow, headerRow]) {
    styleRange(sheet, r, 1, columns.length, {
      font: { name: BODY_FONT, size: 11, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: ALL_BORDERS,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } },
    });
  }

  const order = result.candidates.map((candidate, index) => ({ candidate, index }));
  if (isRecommend) order.sort((a, b) => (a.candidate.rank ?? 0) - (b.candidate.rank ?? 0) || a.index - b.index);
  row = headerRow + 1;
  for (const [position, { candidate, index }] of order.entries()) {
    const values = candidateRowValues(input, result, candidate, index);
    values[0] = position + 1;
    values.forEach((value, c) => {
      const cell = sheet.getCell(row, c + 1);
      const column = columns[c]!;
      // Names and posts are set as plain strings: ExcelJS writes them as text cells, never as formulas.
      cell.value = value;
      cell.font = { name: BODY_FONT, size: 11, ...(column.kind === 'text' && c === columns.length - 1 ? { color: { argb: 'FFC00000' } } : {}) };
      cell.border = ALL_BORDERS;
      cell.alignment = {
        horizontal: column.kind === 'text' ? 'left' : 'center',
        vertical: 'middle',
        wrapText: column.kind === 'text',
      };
      if (column.kind === 'rate') cell.numFmt = PERCENT_FORMAT;
    });
    row++;
  }

  if (isRecommend) {
    row++;
    mergedText(sheet, row, lastColumn, zh.export.writeInsTitle, { name: TITLE_FONT, size: 12 });
    row++;
    if (result.writeIns.length === 0) {
      mergedText(sheet, row, lastColumn, zh.export.noWriteIns, { size: 11 });
      row++;
    } else {
      writeHeaderRow(sheet, row, [zh.export.index, zh.export.name, zh.export.votes, zh.export.voteShare]);
      row++;
      const returned = result.meeting.returned;
      for (const [w, writeIn] of result.writeIns.entries()) {
        writeDataRow(sheet, row, [w + 1, writeIn.name, writeIn.votes, returned > 0 ? writeIn.votes / returned : null], (c) => c === 3);
        row++;
      }
    }
  }

  row++;
  const basis = [...basisStatement(input.form, input.quorum)];
  if (!isRecommend) basis.splice(2, 0, zh.basis.optionShare);
  row = writeBasis(sheet, row, lastColumn, totalWidth, [...basis, zh.basis.fingerprint(fingerprint)]);
  mergedText(sheet, row + 1, lastColumn, zh.export.generatedBy(input.teamName), { size: 9, color: { argb: 'FF595959' } });

  pageSetup(sheet, lastColumn, `${groupRow}:${headerRow}`);
}

function writeReportSheet(workbook: ExcelJS.Workbook, input: MeetingExport, result: TallyResult, fingerprint: string): void {
  const sheet = workbook.addWorksheet(zh.export.reportSheet, { views: [{ showGridLines: false }] });
  const isRecommend = input.form.kind === 'recommend';
  // Result columns: name, then counts per key (or 得票, 得票率, 名次), then the form's rates.
  const keyColumns: string[] = [];
  if (isRecommend) keyColumns.push(zh.export.votes, zh.export.voteShare, zh.export.rank);
  else {
    const single = input.form.questions.length === 1;
    for (const question of result.candidates[0]?.questions ?? []) {
      for (const key of Object.keys(question.counts)) keyColumns.push(single ? key : `${question.label}·${key}`);
    }
    for (const rule of input.form.rates) keyColumns.push(rule.name);
  }
  const names = input.candidates.map((c) => c.name);
  const widths = [6, columnWidthFor([zh.export.name, ...names], { min: 10 }), ...keyColumns.map((k) => Math.max(8, displayWidth(k) + 2))];
  const lastColumn = Math.max(widths.length, 8);
  for (let c = 0; c < lastColumn; c++) sheet.getColumn(c + 1).width = widths[c] ?? 10;
  const totalWidth = Array.from({ length: lastColumn }, (_, c) => widths[c] ?? 10).reduce((a, b) => a + b, 0);

  mergedText(sheet, 1, lastColumn, zh.export.reportTitle, { name: TITLE_FONT, size: 18 }, { horizontal: 'center', vertical: 'middle' });
  sheet.getRow(1).height = 30;
  mergedText(sheet, 2, lastColumn, zh.export.heading(input), { size: 11 });
  mergedText(sheet, 3, lastColumn, zh.export.formLine(input.form.name), { size: 11 });
  let row = writeMeetingCounts(sheet, 5, result) + 1;

  const headers = [zh.export.index, zh.export.name, ...keyColumns];
  writeHeaderRow(sheet, row, headers);
  const rateColumns = new Set(headers.flatMap((h, c) => (input.form.rates.some((r) => r.name === h) || h === zh.export.voteShare ? [c] : [])));
  const headerRow = row;
  row++;
  for (const [index, candidate] of result.candidates.entries()) {
    const values: (string | number | null)[] = [index + 1, candidate.name];
    if (isRecommend) {
      values.push(candidate.questions[0]?.counts[input.form.questions[0]!.options[0]!.label] ?? 0, candidate.rates[0]?.value ?? null, candidate.rank);
    } else {
      for (const question of candidate.questions) values.push(...Object.values(question.counts));
      for (const rate of candidate.rates) values.push(rate.value);
    }
    writeDataRow(sheet, row, values, (c) => rateColumns.has(c));
    row++;
  }
  if (isRecommend && result.writeIns.length > 0) {
    const text = zh.export.writeInsLine(result.writeIns.map((w) => `${w.name} ${w.votes} 票`));
    mergedText(sheet, row, lastColumn, text, { size: 11 });
    sheet.getRow(row).height = wrappedRowHeight(text, totalWidth);
    row++;
  }

  row++;
  const declaration = zh.export.declaration(result, input.quorum);
  mergedText(sheet, row, lastColumn, declaration, { size: 12, bold: result.status !== 'valid', ...(result.status === 'valid' ? {} : { color: { argb: 'FFC00000' } }) });
  sheet.getRow(row).height = wrappedRowHeight(declaration, totalWidth, 18);
  row += 2;

  for (const line of zh.export.signatureLines) {
    mergedText(sheet, row, lastColumn, line, { size: 12 });
    sheet.getRow(row).height = 30;
    row++;
  }
  row++;
  const fingerprintLine = zh.basis.fingerprint(fingerprint);
  mergedText(sheet, row, lastColumn, fingerprintLine, { size: 9, color: { argb: 'FF595959' } });
  sheet.getRow(row).height = wrappedRowHeight(fingerprintLine, totalWidth, 12);

  pageSetup(sheet, lastColumn, `${headerRow}:${headerRow}`);
}

/** Builds the summary workbook; the tally and fingerprint are computed here, from the same ballots. */
export async function buildMeetingSummary(input: MeetingExport): Promise<SummaryWorkbook> {
  const result = tally({
    form: input.form,
    candidates: input.candidates.map((c) => c.name),
    counts: input.counts,
    quorum: input.quorum,
    ballots: input.ballots,
  });
  const fingerprint = ballotFingerprint(input.form, input.candidates.map((c) => c.name), input.ballots);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  workbook.created = new Date();
  writeSummarySheet(workbook, input, result, fingerprint);
  writeReportSheet(workbook, input, result, fingerprint);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, result, fingerprint };
}

/** A file name that says unit, meeting and date, safe on Windows and Linux. */
export function summaryFileName(input: MeetingExport): string {
  const kind = input.form.kind === 'recommend' ? zh.export.recommendFileKind : zh.export.evaluationFileKind;
  const parts = [input.township + input.unit, input.meetingTitle, kind, input.meetingDate].filter((p) => p.trim() !== '');
  const safe = parts.join('-').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 150);
  return `${safe}.xlsx`;
}
