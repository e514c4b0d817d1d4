/**
 * Reads a ballot grid file (.xlsx first sheet, or .csv in UTF-8 with or without BOM, UTF-16 with
 * BOM, or GBK/GB18030) into cell texts. Never trusts a sheet's recorded dimensions: only the
 * cells that are there count. Every failure is a located problem, never an exception.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { CellGrid, GridRow, ImportProblem } from '../../shared/domain/ballot-grid';
import type { Result } from '../../shared/domain/result';
import { fail, ok } from '../../shared/domain/result';
import { zh } from '../../shared/messages/zh-CN';

export const MAX_GRID_FILE_BYTES = 50 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function fileProblem(source: string, message: string): ImportProblem {
  return { source, sheet: null, row: null, column: null, header: null, value: null, message };
}

/** Reads a grid from the file's bytes; the name is used for messages and to tell CSV from xlsx. */
export async function readGridFile(bytes: Uint8Array, fileName: string): Promise<Result<CellGrid, ImportProblem>> {
  const lower = fileName.toLowerCase();
  if (bytes.length === 0) return fail([fileProblem(fileName, zh.import.emptyFile)]);
  if (bytes.length > MAX_GRID_FILE_BYTES) return fail([fileProblem(fileName, zh.import.tooLarge(MAX_GRID_FILE_BYTES / 1024 / 1024))]);
  if (startsWith(bytes, OLE_MAGIC)) return fail([fileProblem(fileName, zh.import.legacyXls)]);
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes, fileName);
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return fail([fileProblem(fileName, zh.import.notAZip)]);
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv')) return readCsv(bytes, fileName);
  return fail([fileProblem(fileName, zh.import.unsupportedType)]);
}

type CellValue = ExcelJS.CellValue;

/** The text a user sees in the cell, or a problem message. */
function cellText(value: CellValue): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: Number.isInteger(value) ? String(value) : String(value) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('error' in value) return { problem: zh.import.errorCell(String(value.error)) };
    if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: CellValue }).result;
      if (result === undefined || result === null) return { problem: zh.import.formulaWithoutResult };
      return cellText(result);
    }
    if ('text' in value && typeof value.text === 'string') return { text: value.text }; // hyperlink
  }
  return { text: String(value as unknown) };
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<Result<CellGrid, ImportProblem>> {
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings want a Node Buffer; a view over the same bytes avoids a copy.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const truncated = /end of central directory|corrupt|invalid|unexpected end|crc/i.test(detail);
    return fail([fileProblem(fileName, truncated ? zh.import.truncatedXlsx : zh.import.unreadable(firstLine(detail)))]);
  }
  // ExcelJS's worksheets getter is already in tab order, with holes removed.
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail([fileProblem(fileName, zh.import.noWorksheet)]);

  const rows: GridRow[] = [];
  const problems: ImportProblem[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      // Merged cells repeat the master's value in ExcelJS; only the master cell holds the mark.
      if (cell.isMerged && cell.master !== cell) return;
      const text = cellText(cell.value);
      if ('problem' in text) {
        problems.push({
          source: fileName,
          sheet: sheet.name,
          row: rowNumber,
          column: cell.address.replace(/\d+$/, ''),
          header: null,
          value: null,
          message: text.problem,
        });
        return;
      }
      cells[columnNumber - 1] = text.text;
    });
    rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  if (problems.length > 0) return fail(problems);
  rows.sort((a, b) => a.rowNumber - b.rowNumber);
  return ok({ source: fileName, sheet: sheet.name, rows });
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 200);
}

/** Decodes CSV bytes: BOMs first, then strict UTF-8, then GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return tryDecode('utf-8', bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return tryDecode('utf-16le', bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return tryDecode('utf-16be', bytes.subarray(2));
  return tryDecode('utf-8', bytes) ?? tryDecode('gb18030', bytes);
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

// Control characters other than tab, CR and LF do not occur in text that a spreadsheet saved.
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function readCsv(bytes: Uint8Array, fileName: string): Result<CellGrid, ImportProblem> {
  if (bytes.includes(0) && !startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xfe, 0xff])) {
    return fail([fileProblem(fileName, zh.import.notText)]);
  }
  const text = decodeText(bytes);
  if (text === null) return fail([fileProblem(fileName, zh.import.unknownEncoding)]);
  if (BINARY_CONTROL.test(text)) return fail([fileProblem(fileName, zh.import.notText)]);
  if (text.trim() === '') return fail([fileProblem(fileName, zh.import.emptyFile)]);

  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';'] });
  const syntax = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'FieldMismatch');
  if (syntax && syntax.type === 'Quotes') {
    return fail([
      {
        source: fileName,
        sheet: null,
        row: (syntax.row ?? 0) + 1,
        column: null,
        header: null,
        value: null,
        message: zh.import.csvSyntax(syntax.message),
      },
    ]);
  }
  const rows: GridRow[] = parsed.data.map((cells, index) => ({ rowNumber: index + 1, cells }));
  // A trailing newline yields one empty row; empty rows are skipped by the grid parser anyway.
  return ok({ source: fileName, sheet: null, rows: rows.filter((row) => row.cells.some((c) => c !== '') || row.rowNumber === 1) });
}
