/**
 * The district roll-up in one Excel file: 汇总情况 (per township, then per village or community),
 * 考察对象情况一览表 for everyone (two header rows: the form over its figures; filters; frozen
 * names), and 数据指纹 (what every figure rests on). A4 landscape, headers repeated on every page,
 * 宋体/黑体, counts and rates as numeric cells, every name a text cell.
 */
import ExcelJS from 'exceljs';
import type { RollupExport } from '../../shared/contract/rollup';
import { townshipTotals } from '../../shared/report/rollup';
import { columnWidthFor, displayWidth } from '../../shared/format/width';
import { zh } from '../../shared/messages/zh-CN';
import { PAYLOAD_FORMAT, payloadText, writePayloadSheet } from './export-payload';
import { safeFileName } from './summary-xlsx';

const BODY_FONT = '宋体';
const TITLE_FONT = '黑体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };

function setUpPage(sheet: ExcelJS.Worksheet, titleRows: string): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: titleRows,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: zh.export.pageFooter };
}

function title(sheet: ExcelJS.Worksheet, row: number, lastColumn: number, text: string, size = 18): void {
  sheet.mergeCells(row, 1, row, lastColumn);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { name: TITLE_FONT, size };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(row).height = size + 12;
}

function line(sheet: ExcelJS.Worksheet, row: number, lastColumn: number, text: string, size = 10): void {
  sheet.mergeCells(row, 1, row, lastColumn);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { name: BODY_FONT, size };
  cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
}

function headerCell(cell: ExcelJS.Cell, value: string): void {
  cell.value = value;
  cell.font = { name: BODY_FONT, size: 10, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.border = BORDERS;
  cell.fill = HEADER_FILL;
}

function bodyCell(cell: ExcelJS.Cell, value: string | number | null, kind: 'text' | 'count' | 'rate' | 'score', bold = false): void {
  cell.value = value;
  cell.font = { name: BODY_FONT, size: 10, bold };
  cell.border = BORDERS;
  cell.alignment = { horizontal: kind === 'text' ? 'left' : 'center', vertical: 'middle', wrapText: kind === 'text' };
  if (kind === 'rate') cell.numFmt = '0.00%';
  if (kind === 'score') cell.numFmt = '0.00';
}

function writeSummarySheet(workbook: ExcelJS.Workbook, input: RollupExport): void {
  const t = zh.rollup;
  const sheet = workbook.addWorksheet(t.summarySheet, { views: [{ showGridLines: false }] });
  const figureHeaders = [t.people, t.meetings, t.finalized, t.entered, t.returned, t.notValid, t.flagged, t.serious];
  const last = 3 + figureHeaders.length;
  title(sheet, 1, last, input.title ? `${input.title}${t.summaryTitleAfter}` : t.summaryTitle);
  line(sheet, 2, last, t.heading(input.exportDate, input.units.length, input.people.length));

  const figures = (row: Omit<RollupExport['units'][number], 'township' | 'unit' | 'team'>) => [
    row.people,
    row.meetings,
    row.finalized,
    row.entered,
    row.returned,
    row.notValid,
    row.flaggedPeople,
    row.seriousPeople,
  ];
  let row = 4;
  line(sheet, row, last, t.byTownship, 11);
  sheet.getCell(row, 1).font = { name: TITLE_FONT, size: 11 };
  row++;
  [t.township, t.units, '', ...figureHeaders].forEach((h, c) => headerCell(sheet.getCell(row, c + 1), h));
  sheet.mergeCells(row, 2, row, 3);
  row++;
  const totals = townshipTotals(input.units);
  const grand = { units: 0, people: 0, meetings: 0, finalized: 0, entered: 0, returned: 0, notValid: 0, flaggedPeople: 0, seriousPeople: 0 };
  for (const total of totals) {
    bodyCell(sheet.getCell(row, 1), total.township || t.noTownship, 'text');
    sheet.mergeCells(row, 2, row, 3);
    bodyCell(sheet.getCell(row, 2), total.units, 'count');
    figures(total).forEach((value, c) => bodyCell(sheet.getCell(row, c + 4), value, 'count'));
    for (const key of Object.keys(grand) as (keyof typeof grand)[]) grand[key] += total[key];
    row++;
  }
  bodyCell(sheet.getCell(row, 1), t.total, 'text', true);
  sheet.mergeCells(row, 2, row, 3);
  bodyCell(sheet.getCell(row, 2), grand.units, 'count', true);
  figures(grand).forEach((value, c) => bodyCell(sheet.getCell(row, c + 4), value, 'count', true));
  row += 2;

  line(sheet, row, last, t.byUnit, 11);
  sheet.getCell(row, 1).font = { name: TITLE_FONT, size: 11 };
  row++;
  [t.township, t.unit, t.team, ...figureHeaders].forEach((h, c) => headerCell(sheet.getCell(row, c + 1), h));
  row++;
  for (const unit of input.units) {
    bodyCell(sheet.getCell(row, 1), unit.township, 'text');
    bodyCell(sheet.getCell(row, 2), unit.unit, 'text');
    bodyCell(sheet.getCell(row, 3), unit.team, 'text');
    figures(unit).forEach((value, c) => bodyCell(sheet.getCell(row, c + 4), value, 'count'));
    row++;
  }
  line(sheet, row + 1, last, t.notes, 9);
  sheet.getRow(row + 1).height = 42;

  sheet.getColumn(1).width = columnWidthFor([t.township, ...input.units.map((u) => u.township)], { min: 10, max: 24 });
  sheet.getColumn(2).width = columnWidthFor([t.unit, ...input.units.map((u) => u.unit)], { min: 10, max: 30 });
  sheet.getColumn(3).width = columnWidthFor([t.team, ...input.units.map((u) => u.team)], { min: 10, max: 24 });
  figureHeaders.forEach((h, c) => (sheet.getColumn(c + 4).width = columnWidthFor([h], { min: 9, max: 14 })));
  setUpPage(sheet, '1:2');
}

const BASICS = ['township', 'unit', 'team', 'name', 'gender', 'birthDate', 'politicalStatus', 'education', 'workUnit', 'currentPost', 'proposedPost'] as const;
/** Filled in by some teams only: a column nobody filled is left out rather than printed empty. */
const OPTIONAL_BASICS: ReadonlySet<string> = new Set(['gender', 'birthDate', 'politicalStatus', 'education', 'workUnit']);
const FLAGS_WIDTH = 50;

function writeListSheet(workbook: ExcelJS.Workbook, input: RollupExport): void {
  const t = zh.rollup;
  const headers: Record<(typeof BASICS)[number], string> = {
    township: t.township,
    unit: t.unit,
    team: t.team,
    name: zh.export.name,
    gender: zh.overview.gender,
    birthDate: zh.overview.birthDate,
    politicalStatus: zh.overview.politicalStatus,
    education: zh.overview.education,
    workUnit: zh.overview.workUnit,
    currentPost: zh.export.currentPost,
    proposedPost: zh.export.proposedPost,
  };
  const basics = BASICS.filter((key) => !OPTIONAL_BASICS.has(key) || input.people.some((p) => p[key] !== ''));
  const sheet = workbook.addWorksheet(zh.overview.sheet, { views: [{ state: 'frozen', xSplit: 5, ySplit: 5, showGridLines: false }] });
  const first = basics.length + 2; // 序号, basics, then the figures
  const last = first + input.columns.length;
  title(sheet, 1, last, zh.overview.title);
  line(sheet, 2, last, t.listHeading(input.title, input.exportDate, input.people.length));

  const top = 4;
  headerCell(sheet.getCell(top, 1), zh.export.index);
  sheet.mergeCells(top, 1, top + 1, 1);
  basics.forEach((key, i) => {
    headerCell(sheet.getCell(top, i + 2), headers[key]);
    sheet.mergeCells(top, i + 2, top + 1, i + 2);
  });
  let c = 0;
  while (c < input.columns.length) {
    let end = c;
    while (end + 1 < input.columns.length && input.columns[end + 1]!.group === input.columns[c]!.group) end++;
    for (let k = c; k <= end; k++) {
      headerCell(sheet.getCell(top, first + k), input.columns[c]!.group);
      headerCell(sheet.getCell(top + 1, first + k), input.columns[k]!.header);
    }
    if (end > c) sheet.mergeCells(top, first + c, top, first + end);
    c = end + 1;
  }
  headerCell(sheet.getCell(top, last), zh.overview.flags);
  sheet.mergeCells(top, last, top + 1, last);

  input.people.forEach((person, p) => {
    const row = top + 2 + p;
    bodyCell(sheet.getCell(row, 1), p + 1, 'count');
    basics.forEach((key, i) => bodyCell(sheet.getCell(row, i + 2), person[key], 'text'));
    person.values.forEach((value, k) => bodyCell(sheet.getCell(row, first + k), value, input.columns[k]!.kind));
    const flags = person.flags.join('；');
    bodyCell(sheet.getCell(row, last), flags, 'text');
    // Excel does not grow a row for wrapped text by itself: the height is set for the lines it needs.
    const lines = Math.ceil(displayWidth(flags) / (FLAGS_WIDTH - 2));
    if (lines > 1) sheet.getRow(row).height = lines * 13 + 3;
    if (person.serious) sheet.getCell(row, last).font = { name: BODY_FONT, size: 10, color: { argb: 'FFC00000' } };
  });
  const end = top + 1 + input.people.length;
  sheet.autoFilter = { from: { row: top + 1, column: 1 }, to: { row: end, column: last } };
  line(sheet, end + 2, last, t.listNotes, 9);

  sheet.getColumn(1).width = 6;
  sheet.getRow(top).height = 30;
  basics.forEach((key, i) => {
    const values = input.people.slice(0, 2000).map((p) => p[key]);
    sheet.getColumn(i + 2).width = columnWidthFor([headers[key], ...values], { min: 6, max: key === 'currentPost' || key === 'proposedPost' ? 22 : 16 });
  });
  input.columns.forEach((column, k) => (sheet.getColumn(first + k).width = columnWidthFor([column.header], { min: 9, max: 14 })));
  sheet.getColumn(last).width = FLAGS_WIDTH;
  setUpPage(sheet, `${top}:${top + 1}`);
}

function writeFingerprintSheet(workbook: ExcelJS.Workbook, input: RollupExport): void {
  const t = zh.rollup;
  const sheet = workbook.addWorksheet(t.fingerprintSheet, { views: [{ state: 'frozen', ySplit: 3, showGridLines: false }] });
  title(sheet, 1, 3, t.fingerprintSheet, 14);
  [t.unit, t.meeting, t.fingerprint].forEach((h, c) => headerCell(sheet.getCell(3, c + 1), h));
  input.fingerprints.forEach((entry, i) => {
    bodyCell(sheet.getCell(4 + i, 1), entry.unit, 'text');
    bodyCell(sheet.getCell(4 + i, 2), entry.meeting, 'text');
    bodyCell(sheet.getCell(4 + i, 3), entry.fingerprint, 'text');
  });
  line(sheet, 5 + input.fingerprints.length, 3, t.fingerprintNote, 9);
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 28;
  sheet.getColumn(3).width = 76;
  setUpPage(sheet, '3:3');
}

export function composeRollupWorkbook(input: RollupExport): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  writeSummarySheet(workbook, input);
  writeListSheet(workbook, input);
  writeFingerprintSheet(workbook, input);
  // The data the roll-up was made from, last and hidden, so that `verify` can rebuild it (export-payload.ts).
  writePayloadSheet(workbook, payloadText({ format: PAYLOAD_FORMAT, kind: 'rollup', input }));
  return workbook;
}

export async function buildRollupWorkbook(input: RollupExport): Promise<Buffer> {
  return Buffer.from(await composeRollupWorkbook(input).xlsx.writeBuffer());
}

export function rollupFileName(input: RollupExport): string {
  return safeFileName(`${input.title ? `${input.title}-` : ''}${zh.rollup.fileKind}-${input.exportDate}.xlsx`);
}
