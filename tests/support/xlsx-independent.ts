/** Reads an xlsx back with openpyxl (Debian's python3-openpyxl), a reader that shares no code with ExcelJS. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './examples';

export interface DumpedCell {
  ref: string;
  row: number;
  column: number;
  value: string | number | boolean;
  /** openpyxl's data type: 's' string, 'n' number, 'f' formula, 'b' boolean. */
  type: string;
  format: string;
  font: string | null;
  /** The font size in points, when one is set. */
  size: number | null;
  /** The font colour as ARGB (FFC00000 for red), when one is set. */
  color: string | null;
}

export interface DumpedSheet {
  title: string;
  cells: DumpedCell[];
  paperSize: number | null;
  orientation: string | null;
  fitToWidth: number | null;
  /** Shrunk to fit (the kit never does: it lays sheets out to fit at 100 %). */
  fitToPage: boolean;
  scale: number | null;
  /** Manual page breaks: the rows after which a page ends. */
  rowBreaks: number[];
  hidden: boolean;
  printTitleRows: string | null;
  footer: string | null;
}

export function readXlsxIndependently(file: string): DumpedSheet[] {
  const output = execFileSync('/usr/bin/python3', [path.join(projectRoot, 'tests/support/xlsx-dump.py'), file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(output) as { sheets: DumpedSheet[] }).sheets;
}

/** The value at (row, column) of a dumped sheet. */
export function cellAt(sheet: DumpedSheet, row: number, column: number): DumpedCell | undefined {
  return sheet.cells.find((c) => c.row === row && c.column === column);
}

/**
 * Column headers of a table whose header starts at the row holding "姓名": with two header rows,
 * a group title (an option, merged across its columns) over 票数/占比 gives "优秀/票数".
 */
export function tableColumns(sheet: DumpedSheet, headerRows: 1 | 2): { firstDataRow: number; columns: Map<string, number> } {
  const nameCell = sheet.cells.find((c) => c.value === '姓名');
  if (!nameCell) throw new Error(`no 姓名 header in ${sheet.title}`);
  const top = nameCell.row;
  // A group heading at the right end is merged over its columns: the lower row reaches the last one.
  const lastColumn = Math.max(...sheet.cells.filter((c) => c.row === top || (headerRows === 2 && c.row === top + 1)).map((c) => c.column));
  const columns = new Map<string, number>();
  let group = '';
  for (let column = 1; column <= lastColumn; column++) {
    const upper = cellAt(sheet, top, column);
    const lower = headerRows === 2 ? cellAt(sheet, top + 1, column) : undefined;
    if (upper) group = String(upper.value);
    columns.set(lower ? `${group}/${String(lower.value)}` : group, column);
  }
  return { firstDataRow: top + headerRows, columns };
}
