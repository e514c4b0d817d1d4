/**
 * The Excel summary of one meeting: 民主测评结果汇总表 (or 民主推荐得票情况统计表) and the
 * 计票结果报告单, print-ready on A4, with the 口径说明 and the ballot fingerprint. Counts and rates
 * are numeric cells (rates formatted 0.00%); names are always text cells, never formulas.
 */
import ExcelJS from 'exceljs';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { basisStatement, groupBasisStatement } from '../../shared/domain/basis';
import { ballotsToGrid } from '../../shared/domain/ballot-grid';
import { PAYLOAD_FORMAT, payloadText, sealOf, writePayloadSheet } from './export-payload';
import { ballotFingerprint } from '../../shared/domain/fingerprint';
import { ABSTAIN_LABEL, VOID_LABEL } from '../../shared/domain/forms';
import type { GroupedTally } from '../../shared/domain/groups';
import { tallyByGroup } from '../../shared/domain/groups';
import type { CandidateResult, TallyResult } from '../../shared/domain/tally';
import { tally } from '../../shared/domain/tally';
import { columnWidthFor, displayWidth } from '../../shared/format/width';
import { zh } from '../../shared/messages/zh-CN';

export const BALLOT_DATA_SHEET = '选票数据';
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

type Column = { header: string; group: string | null; width: number; kind: 'text' | 'count' | 'rate' | 'score' | 'index' };

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

/** One column of a candidate's results, used by both sheets. */
interface ResultColumn {
  header: string;
  /** The option or question this column belongs to, shown merged above it; null for a lone column. */
  group: string | null;
  kind: 'count' | 'rate' | 'score';
  /** 占比 columns are left out of the compact 计票结果报告单. */
  share: boolean;
  value: (candidate: CandidateResult) => number | null;
}

const SCORE_FORMAT = '0.00';

function resultColumns(form: MeetingExport['form'], result: TallyResult): ResultColumn[] {
  const columns: ResultColumn[] = [];
  const valid = result.meeting.valid;
  const multi = form.questions.length > 1;
  if (form.kind === 'recommend') {
    form.questions.forEach((question, q) => {
      const group = multi ? question.label : null;
      const rule = form.rates.find((r) => r.questionId === question.id);
      columns.push(
        { header: zh.export.votes, group, kind: 'count', share: false, value: (c) => c.questions[q]?.counts[question.options[0]!.label] ?? 0 },
        { header: zh.export.voteShare, group, kind: 'rate', share: false, value: (c) => c.rates.find((r) => r.ruleId === rule?.id)?.value ?? null },
        { header: zh.export.rank, group, kind: 'count', share: false, value: (c) => c.ranks?.[q] ?? null },
      );
    });
    return columns;
  }
  form.questions.forEach((question, q) => {
    const keys = Object.keys(result.candidates[0]?.questions[q]?.counts ?? {});
    for (const key of keys) {
      const isOption = key !== ABSTAIN_LABEL && key !== VOID_LABEL;
      const count = (c: CandidateResult) => c.questions[q]?.counts[key] ?? 0;
      if (!multi && isOption) {
        columns.push(
          { header: zh.export.countOf, group: key, kind: 'count', share: false, value: count },
          { header: zh.export.shareOf, group: key, kind: 'rate', share: true, value: (c) => (valid > 0 ? count(c) / valid : null) },
        );
      } else {
        columns.push({ header: key, group: multi ? question.label : null, kind: 'count', share: false, value: count });
      }
    }
  });
  for (const rule of form.rates) {
    columns.push({ header: rule.name, group: null, kind: 'rate', share: false, value: (c) => c.rates.find((r) => r.ruleId === rule.id)?.value ?? null });
  }
  if (form.scoring) columns.push({ header: zh.export.score, group: null, kind: 'score', share: false, value: (c) => c.score?.value ?? null });
  return columns;
}

function columnWidth(column: { header: string; group: string | null; kind: string }): number {
  const base = column.kind === 'rate' ? 10 : 7;
  return Math.max(base, displayWidth(column.header) + 2, column.group === null ? 0 : Math.ceil((displayWidth(column.group) + 2) / 2));
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
  for (const column of resultColumns(input.form, result)) {
    columns.push({ header: column.header, group: column.group, width: columnWidth(column), kind: column.kind === 'score' ? 'score' : column.kind });
  }
  const flagTexts = result.candidates.map((c) => c.flags.map((f) => f.message).join('；'));
  columns.push({ header: zh.export.flags, group: null, width: columnWidthFor([zh.export.flags, ...flagTexts], { min: 12, max: 40 }), kind: 'text' });
  return columns;
}

function candidateRowValues(input: MeetingExport, result: TallyResult, candidate: CandidateResult, index: number): (string | number | null)[] {
  const person = input.candidates[index]!;
  return [
    index + 1,
    person.name,
    person.currentPost,
    person.proposedPost,
    ...resultColumns(input.form, result).map((column) => column.value(candidate)),
    candidate.flags.map((f) => f.message).join('；'),
  ];
}

/** The rate bars drawn by the app, under the table, scaled to the table's width; returns the next free row. */
function placeChart(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, startRow: number, lastColumn: number, png: string): number {
  mergedText(sheet, startRow, lastColumn, zh.export.chartTitle, { name: TITLE_FONT, size: 12 });
  const image = workbook.addImage({ base64: png, extension: 'png' });
  // Column widths are in characters (about 7 px each); the picture keeps its 900 × 480 proportions.
  const widthPx = Math.min(900, Math.round(sheetWidth(sheet, lastColumn) * 7));
  const heightPx = Math.round((widthPx * 480) / 900);
  sheet.addImage(image, { tl: { col: 0, row: startRow }, ext: { width: widthPx, height: heightPx } });
  return startRow + 1 + Math.ceil(heightPx / 20);
}

/** How the ballots were entered and confirmed: double entry, and the time results were confirmed. */
function countingStatements(input: MeetingExport): string[] {
  const lines: string[] = [];
  if (input.doubleEntry) lines.push(zh.export.doubleEntryLine(input.doubleEntry.differences, input.doubleEntry.reconciled, input.doubleEntry.waived));
  if (input.finalizedAt) lines.push(zh.export.finalizedLine(input.finalizedAt));
  return lines;
}

/** Per-group subtotals, then the weighted result where groups carry weights. */
function writeGroupSections(sheet: ExcelJS.Worksheet, startRow: number, lastColumn: number, input: MeetingExport, grouped: GroupedTally): number {
  let row = startRow;
  for (const { group, result } of grouped.groups) {
    mergedText(sheet, row, lastColumn, zh.export.groupTitle(group.label, result.meeting.entered, result.meeting.valid), { name: TITLE_FONT, size: 12 });
    row++;
    const columns = resultColumns(input.form, result).filter((c) => !c.share);
    writeHeaderRow(sheet, row, [zh.export.index, zh.export.name, ...columns.map((c) => (c.group === null ? c.header : `${c.group}·${c.header}`))]);
    row++;
    for (const [index, candidate] of result.candidates.entries()) {
      writeDataRow(sheet, row, [index + 1, candidate.name, ...columns.map((c) => c.value(candidate))], (c) => columns[c - 2]?.kind === 'rate');
      row++;
    }
    row++;
  }
  if (grouped.weighted) {
    mergedText(sheet, row, lastColumn, zh.export.weightedTitle, { name: TITLE_FONT, size: 12 });
    row++;
    const names = input.form.rates.map((r) => r.name);
    writeHeaderRow(sheet, row, [zh.export.index, zh.export.name, ...names.map(zh.export.weightedRate), zh.export.flags]);
    row++;
    for (const [index, entry] of grouped.weighted.entries()) {
      const flags = entry.rates.flatMap((r) => (r.flagged ? [r.flagged.message] : [])).join('；');
      writeDataRow(sheet, row, [index + 1, entry.candidate, ...entry.rates.map((r) => r.value), flags], (c) => c >= 2 && c < 2 + names.length);
      row++;
    }
  }
  return row;
}

function writeSummarySheet(
  workbook: ExcelJS.Workbook,
  input: MeetingExport,
  result: TallyResult,
  fingerprint: string,
  grouped: GroupedTally | null,
  seal: string,
  prefix: string,
): void {
  const isRecommend = input.form.kind === 'recommend';
  const title = isRecommend ? zh.export.recommendTitle : zh.export.evaluationTitle;
  const sheet = workbook.addWorksheet(prefix + (isRecommend ? zh.export.recommendSheet : zh.export.evaluationSheet), {
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
  // A single-post recommendation lists by rank; with several posts there is no one order, so ballot order.
  if (isRecommend && input.form.questions.length === 1) order.sort((a, b) => (a.candidate.rank ?? 0) - (b.candidate.rank ?? 0) || a.index - b.index);
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
      if (column.kind === 'score') cell.numFmt = SCORE_FORMAT;
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
      const multiPost = input.form.questions.length > 1;
      writeHeaderRow(sheet, row, [zh.export.index, zh.export.name, ...(multiPost ? [zh.export.post] : []), zh.export.votes, zh.export.voteShare]);
      row++;
      const returned = result.meeting.returned;
      for (const [w, writeIn] of result.writeIns.entries()) {
        const post = multiPost ? [input.form.questions[writeIn.question]?.label ?? ''] : [];
        const values = [w + 1, writeIn.name, ...post, writeIn.votes, returned > 0 ? writeIn.votes / returned : null];
        writeDataRow(sheet, row, values, (c) => c === values.length - 1);
        row++;
      }
    }
    const notes = recommendationNotes(input, result);
    for (const note of notes) {
      mergedText(sheet, row, lastColumn, note, { size: 11, bold: true });
      row++;
    }
  }

  if (input.chartPng) row = placeChart(workbook, sheet, row + 1, lastColumn, input.chartPng);
  if (grouped) row = writeGroupSections(sheet, row + 1, lastColumn, input, grouped);

  row++;
  const basis = [...basisStatement(input.form, input.quorum)];
  if (!isRecommend) basis.splice(2, 0, zh.basis.optionShare);
  if (grouped) basis.push(...groupBasisStatement(grouped));
  basis.push(...(input.planStatement ?? []));
  row = writeBasis(sheet, row, lastColumn, totalWidth, [...basis, ...countingStatements(input), zh.basis.fingerprint(fingerprint), zh.verify.sealLine(seal)]);
  mergedText(sheet, row + 1, lastColumn, zh.export.generatedBy(input.teamName), { size: 9, color: { argb: 'FF595959' } });

  pageSetup(sheet, lastColumn, `${groupRow}:${headerRow}`);
}

function writeReportSheet(workbook: ExcelJS.Workbook, input: MeetingExport, result: TallyResult, fingerprint: string, seal: string, prefix: string): void {
  const sheet = workbook.addWorksheet(prefix + zh.export.reportSheet, { views: [{ showGridLines: false }] });
  const isRecommend = input.form.kind === 'recommend';
  // Result columns: name, then the same result columns as the summary, without the 占比 columns.
  const compact = resultColumns(input.form, result).filter((column) => !column.share);
  const keyColumns = compact.map((column) => (column.group === null ? column.header : `${column.group}·${column.header}`));
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
  const rateColumns = new Set(compact.flatMap((column, c) => (column.kind === 'rate' ? [c + 2] : [])));
  const headerRow = row;
  row++;
  for (const [index, candidate] of result.candidates.entries()) {
    const values: (string | number | null)[] = [index + 1, candidate.name, ...compact.map((column) => column.value(candidate))];
    writeDataRow(sheet, row, values, (c) => rateColumns.has(c));
    row++;
  }
  if (isRecommend && result.writeIns.length > 0) {
    const multiPost = input.form.questions.length > 1;
    const text = zh.export.writeInsLine(
      result.writeIns.map((w) => `${multiPost ? `${input.form.questions[w.question]?.label ?? ''}：` : ''}${w.name} ${w.votes} 票`),
    );
    mergedText(sheet, row, lastColumn, text, { size: 11 });
    sheet.getRow(row).height = wrappedRowHeight(text, totalWidth);
    row++;
  }

  row++;
  const declaration = zh.export.declaration(result, input.quorum);
  mergedText(sheet, row, lastColumn, declaration, { size: 12, bold: result.status !== 'valid', ...(result.status === 'valid' ? {} : { color: { argb: 'FFC00000' } }) });
  sheet.getRow(row).height = wrappedRowHeight(declaration, totalWidth, 18);
  row++;
  for (const line of countingStatements(input)) {
    mergedText(sheet, row, lastColumn, line, { size: 12 });
    sheet.getRow(row).height = wrappedRowHeight(line, totalWidth, 18);
    row++;
  }
  row++;

  for (const line of zh.export.signatureLines) {
    mergedText(sheet, row, lastColumn, line, { size: 12 });
    sheet.getRow(row).height = 30;
    row++;
  }
  row++;
  const fingerprintLine = `${zh.basis.fingerprint(fingerprint)}；${zh.verify.sealLine(seal)}`;
  mergedText(sheet, row, lastColumn, fingerprintLine, { size: 9, color: { argb: 'FF595959' } });
  sheet.getRow(row).height = wrappedRowHeight(fingerprintLine, totalWidth, 12);

  pageSetup(sheet, lastColumn, `${headerRow}:${headerRow}`);
}

/** Lines under a recommendation table: posts voided by over-ticking, and second-round hints. */
function recommendationNotes(input: MeetingExport, result: TallyResult): string[] {
  const notes: string[] = [];
  if (input.form.questions.length > 1 && result.voidPosts.some((n) => n > 0)) {
    notes.push(zh.export.voidPostsLine(result.voidPosts.flatMap((n, q) => (n > 0 ? [`${input.form.questions[q]?.label ?? ''} ${n} 张`] : []))));
  }
  for (const hint of result.secondRound) {
    if (hint.needed) notes.push(zh.cli.secondRoundNeeded(input.form.questions.length > 1 ? (input.form.questions[hint.question]?.label ?? '') : ''));
  }
  return notes;
}

export interface ComposedSummary {
  workbook: ExcelJS.Workbook;
  result: TallyResult;
  fingerprint: string;
  seal: string;
}

/**
 * Composes the summary workbook: the tally and fingerprint are computed here, from the same
 * ballots; the 选票数据 and 校验信息 sheets carry what `verify` needs to rebuild it cell by cell.
 * Everything in the cells follows from the input alone, so the same input gives the same cells.
 */
export function composeMeetingWorkbook(input: MeetingExport): ComposedSummary {
  const text = payloadText({ format: PAYLOAD_FORMAT, kind: 'meeting', input });
  const seal = sealOf(text);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  const { result, fingerprint } = addMeetingSheets(workbook, input, seal, '');
  writePayloadSheet(workbook, text);
  return { workbook, result, fingerprint, seal };
}

/** One meeting's sheets (summary, 计票结果报告单, 选票数据), their names after the prefix. */
export function addMeetingSheets(workbook: ExcelJS.Workbook, input: MeetingExport, seal: string, prefix: string): { result: TallyResult; fingerprint: string } {
  const names = input.candidates.map((c) => c.name);
  const tallyInput = { form: input.form, candidates: names, counts: input.counts, quorum: input.quorum, ballots: input.ballots };
  const result = tally(tallyInput);
  const fingerprint = ballotFingerprint(input.form, names, input.ballots);
  const grouped = input.groups && input.groups.length > 0 ? tallyByGroup(tallyInput, input.groups) : null;
  writeSummarySheet(workbook, input, result, fingerprint, grouped, seal, prefix);
  writeReportSheet(workbook, input, result, fingerprint, seal, prefix);
  writeBallotDataSheet(workbook, input, fingerprint, prefix);
  return { result, fingerprint };
}

/** Builds the summary workbook as the bytes of an xlsx file. */
export async function buildMeetingSummary(input: MeetingExport): Promise<SummaryWorkbook> {
  const { workbook, result, fingerprint } = composeMeetingWorkbook(input);
  workbook.created = new Date();
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, result, fingerprint };
}

/** 选票数据: one row per ballot in the import-grid layout, nothing that links a ballot to a person. */
function writeBallotDataSheet(workbook: ExcelJS.Workbook, input: MeetingExport, fingerprint: string, prefix: string): void {
  const sheet = workbook.addWorksheet(prefix + BALLOT_DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const rows = ballotsToGrid(input.form, input.candidates.map((c) => c.name), input.ballots, input.groups ?? null);
  rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      const cell = sheet.getCell(r + 1, c + 1);
      // Every mark, name and reason is a string cell: nothing typed on a ballot can become a formula.
      cell.value = value;
      cell.font = { name: BODY_FONT, size: 10, bold: r === 0 };
    });
  });
  const header = rows[0] ?? [];
  header.forEach((h, c) => {
    sheet.getColumn(c + 1).width = columnWidthFor([String(h), ...rows.slice(1, 200).map((row) => String(row[c] ?? ''))], { min: 6, max: 30 });
  });
  const note = sheet.getCell(rows.length + 2, 1);
  note.value = zh.basis.fingerprint(fingerprint);
  note.font = { name: BODY_FONT, size: 9, color: { argb: 'FF595959' } };
  sheet.pageSetup = { paperSize: A4, orientation: header.length > 12 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
  sheet.headerFooter = { oddFooter: zh.export.pageFooter };
}

/** A file name safe on Windows and Linux: no path separators, reserved or control characters. */
export function safeFileName(name: string): string {
  const extension = /\.[a-z0-9]+$/i.exec(name)?.[0] ?? '';
  const stem = name.slice(0, name.length - extension.length).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 150);
  return `${stem}${extension}`;
}

/** A file name that says unit, meeting and date. */
export function summaryFileName(input: MeetingExport): string {
  const kind = input.form.kind === 'recommend' ? zh.export.recommendFileKind : zh.export.evaluationFileKind;
  const parts = [input.township + input.unit, input.meetingTitle, kind, input.meetingDate].filter((p) => p.trim() !== '');
  return safeFileName(`${parts.join('-')}.xlsx`);
}
