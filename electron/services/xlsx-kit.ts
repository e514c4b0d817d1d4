/**
 * The Excel kit: every printed sheet of every export is drawn here from its layout (shared/report/
 * layout.ts), so fonts, borders, fills, number formats, row heights and page set-up are the same in
 * every file. A sheet prints at 100 %, never shrunk to fit: the layout has already made it fit, and
 * its page breaks are written as manual breaks so that WPS, Excel and LibreOffice break where the
 * layout did.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { GridCell, LaidOutSheet, LayoutWords } from '../../shared/report/layout';
import { MARGINS, layoutSheet } from '../../shared/report/layout';
import type { ReportSheet, Tone } from '../../shared/report/model';
import { zh } from '../../shared/messages/zh-CN';

export const BODY_FONT = '宋体';
export const TITLE_FONT = '黑体';
export const PERCENT_FORMAT = '0.00%';
export const SCORE_FORMAT = '0.00';
const A4_PAPER = 9;
const RED = 'FFC00000';
const GREY = 'FF595959';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * Points per column-width unit. The unit is the digit width of the workbook's default font, which
 * this kit sets to Arial 11 (finishWorkbook): 8 px = 6 pt in Excel and WPS on Windows, 6.1 pt in
 * LibreOffice with Liberation Sans or Noto; the larger is taken, so no column comes out too wide.
 */
const POINTS_PER_UNIT = 6.1;

export const LAYOUT_WORDS: LayoutWords = {
  sign: zh.report.sign,
  date: zh.report.signDate,
  seal: zh.report.seal,
  continued: zh.report.continued,
};

function colourOf(tone: Tone | undefined): string | undefined {
  if (tone === 'warning' || tone === 'serious') return RED;
  if (tone === 'muted') return GREY;
  return undefined;
}

function fontOf(cell: GridCell): Partial<ExcelJS.Font> {
  const name = cell.role === 'title' || cell.role === 'caption' ? TITLE_FONT : BODY_FONT;
  const color = colourOf(cell.tone);
  return { name, size: cell.fontPt, ...(cell.bold && name === BODY_FONT ? { bold: true } : {}), ...(color ? { color: { argb: color } } : {}) };
}

/**
 * One style object for each look a cell can have (a sheet uses a handful), never one per cell: a
 * district's roll-up holds tens of thousands of cells, and ExcelJS writes a style it has seen once
 * without working it out again. These objects are shared, so nothing may change one after it is
 * set; a cell that needs another look gets another of them.
 */
const STYLES = new Map<string, Partial<ExcelJS.Style>>();

function sharedStyle(key: string, make: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  let style = STYLES.get(key);
  if (!style) {
    style = make();
    STYLES.set(key, style);
  }
  return style;
}

function writeCell(sheet: ExcelJS.Worksheet, row: number, cell: GridCell): void {
  const target = sheet.getCell(row, cell.column + 1);
  // Names, marks and reasons are set as plain strings: ExcelJS writes them as text, never as formulas.
  if (cell.value !== null) target.value = cell.value;
  const bordered = cell.border || cell.role === 'th';
  const header = cell.role === 'th';
  const numFmt = cell.format === 'rate' ? PERCENT_FORMAT : cell.format === 'score' ? SCORE_FORMAT : undefined;
  const font = fontOf(cell);
  target.style = sharedStyle(JSON.stringify([font, cell.align, cell.wrap, numFmt, bordered, header]), () => ({
    font,
    alignment: { horizontal: cell.align, vertical: 'middle', wrapText: cell.wrap },
    ...(numFmt ? { numFmt } : {}),
    ...(bordered ? { border: BORDERS } : {}),
    ...(header ? { fill: HEADER_FILL } : {}),
  }));
  const lastRow = row + (cell.rowSpan ?? 1) - 1;
  const lastColumn = cell.column + cell.span;
  if (bordered) {
    // A merged range draws the borders of each of its cells: every one gets them.
    const part = sharedStyle(JSON.stringify(['part', header]), () => ({ border: BORDERS, ...(header ? { fill: HEADER_FILL } : {}) }));
    for (let r = row; r <= lastRow; r++) {
      for (let c = cell.column + 1; c <= lastColumn; c++) {
        if (r > row || c > cell.column + 1) sheet.getCell(r, c).style = part;
      }
    }
  }
  if (lastRow > row || lastColumn > cell.column + 1) {
    if (cell.value !== null || cell.border) sheet.mergeCells(row, cell.column + 1, lastRow, lastColumn);
  }
}

const inches = (points: number) => points / 72;

/** Draws a laid-out sheet into the workbook: its rows page by page, a manual break after each page. */
export function drawSheet(workbook: ExcelJS.Workbook, laid: LaidOutSheet, options: { hidden?: boolean } = {}): ExcelJS.Worksheet {
  const views: Partial<ExcelJS.WorksheetView>[] =
    laid.mode === 'data' && laid.repeatRows
      ? [{ state: 'frozen', ySplit: laid.repeatRows.to, xSplit: laid.repeatColumns, showGridLines: false }]
      : [{ showGridLines: false }];
  const sheet = workbook.addWorksheet(laid.name, { views, ...(options.hidden ? { state: 'hidden' } : {}) });
  laid.columns.forEach((width, c) => {
    sheet.getColumn(c + 1).width = Math.round((width / POINTS_PER_UNIT) * 100) / 100;
  });
  let row = 1;
  laid.pages.forEach((page, p) => {
    for (const gridRow of page) {
      sheet.getRow(row).height = gridRow.height;
      for (const cell of gridRow.cells) {
        if (cell.role === 'image') continue;
        if (cell.value === null && !cell.border && cell.role !== 'th') continue;
        writeCell(sheet, row, cell);
      }
      if (gridRow.image) {
        const image = workbook.addImage({ base64: gridRow.image.png, extension: 'png' });
        sheet.addImage(image, { tl: { col: 0, row: row - 1 }, ext: { width: (gridRow.image.widthPt * 4) / 3, height: (gridRow.image.heightPt * 4) / 3 } });
      }
      row++;
    }
    if (p < laid.pages.length - 1) sheet.getRow(row - 1).addPageBreak();
  });
  sheet.pageSetup = {
    paperSize: A4_PAPER,
    orientation: laid.orientation,
    scale: 100,
    fitToPage: false,
    horizontalCentered: true,
    margins: {
      left: inches(MARGINS.left),
      right: inches(MARGINS.right),
      top: inches(MARGINS.top),
      bottom: inches(MARGINS.bottom),
      header: inches(MARGINS.header),
      footer: inches(MARGINS.footer),
    },
    ...(laid.repeatRows ? { printTitlesRow: `${laid.repeatRows.from}:${laid.repeatRows.to}` } : {}),
    ...(laid.repeatColumns > 0 ? { printTitlesColumn: `A:${columnLetter(laid.repeatColumns)}` } : {}),
  };
  sheet.headerFooter = { oddFooter: zh.export.pageFooter };
  return sheet;
}

/** Lays out a report sheet and draws it. */
export function addReportSheet(workbook: ExcelJS.Workbook, sheet: ReportSheet): ExcelJS.Worksheet {
  return drawSheet(workbook, layoutSheet(sheet, LAYOUT_WORDS));
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * The file's bytes. The default font becomes Arial 11: column widths are counted in the default
 * font's digits, and Arial (or its metric twin Liberation Sans) has the same digits in WPS, Excel
 * and LibreOffice, where ExcelJS's Calibri falls back to a wider font wherever it is missing.
 */
export async function finishWorkbook(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const bytes = await workbook.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(bytes);
  const styles = zip.file('xl/styles.xml');
  if (styles) {
    const xml = await styles.async('string');
    zip.file('xl/styles.xml', xml.replace(/(<fonts[^>]*>)<font>[\s\S]*?<\/font>/, '$1<font><sz val="11"/><name val="Arial"/><family val="2"/></font>'));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
