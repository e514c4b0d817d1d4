/**
 * The 联审台账 (a person × department matrix of conclusions, then every conclusion with its items,
 * decision and note) and the 风险台账 (every item, overdue ones in red, closed ones with their date).
 * Print-ready A4 like the other exports; every text is a string cell.
 */
import ExcelJS from 'exceljs';
import type { LedgerExport, ReviewLedger, RiskLedger } from '../../shared/contract/assessment-export';
import { columnWidthFor, displayWidth } from '../../shared/format/width';
import { zh } from '../../shared/messages/zh-CN';
import { safeFileName } from './summary-xlsx';

const BODY_FONT = '宋体';
const TITLE_FONT = '黑体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const RED = 'FFC00000';

function heading(sheet: ExcelJS.Worksheet, title: string, subtitle: string, width: number): void {
  sheet.mergeCells(1, 1, 1, width);
  const cell = sheet.getCell(1, 1);
  cell.value = title;
  cell.font = { name: TITLE_FONT, size: 18 };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).value = subtitle;
  sheet.getCell(2, 1).font = { name: BODY_FONT, size: 11 };
}

/** A bordered table from row `top`: the header row, then the rows; returns the row after it. */
function table(sheet: ExcelJS.Worksheet, top: number, headers: readonly string[], rows: readonly { values: (string | number)[]; red?: boolean }[], widths: { min: number; max: number }[]): number {
  headers.forEach((header, c) => {
    const cell = sheet.getCell(top, c + 1);
    cell.value = header;
    cell.font = { name: BODY_FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDERS;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  rows.forEach((row, r) => {
    row.values.forEach((value, c) => {
      const cell = sheet.getCell(top + 1 + r, c + 1);
      cell.value = value;
      cell.font = { name: BODY_FONT, size: 10, ...(row.red ? { color: { argb: RED } } : {}) };
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: typeof value === 'number' ? 'center' : 'left' };
      cell.border = BORDERS;
    });
  });
  headers.forEach((header, c) => {
    const w = widths[c] ?? { min: 8, max: 30 };
    sheet.getColumn(c + 1).width = columnWidthFor([header, ...rows.map((row) => String(row.values[c] ?? ''))], w);
  });
  // Wrapped text does not grow a row by itself: the height is set for the lines the longest cell needs.
  rows.forEach((row, r) => {
    const lines = Math.max(1, ...row.values.map((value, c) => Math.ceil(displayWidth(String(value)) / Math.max(1, (sheet.getColumn(c + 1).width ?? 10) - 2))));
    if (lines > 1) sheet.getRow(top + 1 + r).height = lines * 13 + 3;
  });
  return top + 1 + rows.length;
}

function notes(sheet: ExcelJS.Worksheet, row: number, width: number, lines: readonly string[]): void {
  lines.forEach((line, i) => {
    sheet.mergeCells(row + i, 1, row + i, width);
    const cell = sheet.getCell(row + i, 1);
    cell.value = line;
    cell.font = { name: BODY_FONT, size: 9 };
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(row + i).height = Math.max(15, Math.ceil(line.length / 90) * 14);
  });
}

function print(sheet: ExcelJS.Worksheet, titleRows: string, landscape: boolean): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: titleRows,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: zh.export.pageFooter };
}

function reviewLedger(workbook: ExcelJS.Workbook, input: ReviewLedger): void {
  const t = zh.review;
  const subtitle = t.ledgerHeading(input.township + input.unit, input.teamName, input.exportDate);
  // The matrix: one row per person, one column per department, the overall conclusion last.
  const matrix = workbook.addWorksheet(t.ledgerMatrix, { views: [{ showGridLines: false }] });
  const headers = [zh.export.index, zh.export.name, zh.export.proposedPost, ...input.departments, t.overall];
  heading(matrix, t.ledgerTitle, subtitle, headers.length);
  const rows = input.people.map((person, p) => ({
    values: [
      p + 1,
      person.name,
      person.proposedPost,
      ...input.departments.map((d) => {
        const entry = person.entries.find((e) => e.department === d);
        return entry ? t.conclusion[entry.conclusion] : t.empty;
      }),
      person.summary,
    ],
    red: person.status === 'disqualified',
  }));
  const widths = headers.map((_, c) => (c === 0 ? { min: 5, max: 6 } : c === headers.length - 1 ? { min: 16, max: 40 } : { min: 6, max: 14 }));
  const after = table(matrix, 4, headers, rows, widths);
  notes(matrix, after + 1, headers.length, input.planStatement);
  print(matrix, '4:4', true);

  // Every conclusion with its items, decision and note.
  const detail = workbook.addWorksheet(t.ledgerDetail, { views: [{ showGridLines: false }] });
  const detailHeaders = t.detailColumns;
  heading(detail, `${t.ledgerTitle}（${t.ledgerDetail}）`, subtitle, detailHeaders.length);
  let n = 0;
  const detailRows = input.people.flatMap((person) =>
    input.departments
      .map((d) => person.entries.find((e) => e.department === d))
      .filter((e) => e !== undefined)
      .map((entry) => ({
        values: [
          ++n,
          person.name,
          person.proposedPost,
          entry.department,
          t.conclusion[entry.conclusion],
          entry.date,
          entry.responsible,
          entry.hits.map((h) => t.hitText(h.kind, h.text, h.eventMonth, h.counts)).join('；'),
          entry.decision,
          entry.note,
        ],
        red: entry.hits.some((h) => h.kind === 'cannot' && h.counts),
      })),
  );
  const detailWidths = detailHeaders.map((_, c) => (c === 0 ? { min: 5, max: 6 } : c >= 7 ? { min: 12, max: 36 } : { min: 8, max: 14 }));
  table(detail, 4, detailHeaders, detailRows, detailWidths);
  print(detail, '4:4', true);
}

function riskLedger(workbook: ExcelJS.Workbook, input: RiskLedger): void {
  const t = zh.risks;
  const sheet = workbook.addWorksheet(t.ledgerTitle, { views: [{ showGridLines: false }] });
  const headers = t.ledgerColumns;
  heading(sheet, t.ledgerTitle, zh.review.ledgerHeading(input.township + input.unit, input.teamName, input.exportDate), headers.length);
  const rows = input.items.map((item, i) => ({
    values: [
      i + 1,
      item.type,
      item.description,
      item.leader,
      item.measures,
      item.deadline,
      item.overdue ? t.statusWithOverdue(t.statusName[item.status]) : t.statusName[item.status],
      item.closedOn ?? '',
      item.closeNote,
    ],
    red: item.overdue,
  }));
  const widths = headers.map((_, c) => (c === 0 ? { min: 5, max: 6 } : c === 2 || c === 4 || c === 8 ? { min: 12, max: 36 } : { min: 8, max: 14 }));
  const after = table(sheet, 4, headers, rows, widths);
  const closed = input.items.filter((i) => i.status === 'closed').length;
  notes(sheet, after + 1, headers.length, [t.ledgerSummary(input.items.length, closed, input.items.filter((i) => i.overdue).length, input.exportDate), ...input.planStatement]);
  print(sheet, '4:4', true);
}

export async function buildLedger(input: LedgerExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zh.appName;
  if (input.kind === 'review') reviewLedger(workbook, input);
  else riskLedger(workbook, input);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function ledgerFileName(input: LedgerExport): string {
  const kind = input.kind === 'review' ? zh.review.ledgerFileKind : zh.risks.ledgerFileKind;
  return safeFileName(`${input.township}${input.unit}-${kind}-${input.exportDate}.xlsx`);
}
