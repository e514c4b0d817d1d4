/**
 * verify: is an exported file exactly as the app wrote it? The file's 校验信息 sheet holds the data
 * it was made from; the file is rebuilt from that data in memory and every cell of every sheet is
 * compared; the ballots in 选票数据 are read again and their fingerprint recomputed. Each edited
 * cell is reported by sheet and address.
 */
import ExcelJS from 'exceljs';
import { parseBallotGrid } from '../../shared/domain/ballot-grid';
import { ballotFingerprint } from '../../shared/domain/fingerprint';
import { zh } from '../../shared/messages/zh-CN';
import { PAYLOAD_SHEET, readPayloadSheet } from './export-payload';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { BALLOT_DATA_SHEET, composeMeetingWorkbook } from './summary-xlsx';
import { composeWorkbookExport, meetingSheetPrefix } from './workbook-xlsx';

export interface CellDifference {
  sheet: string;
  address: string;
  expected: string;
  found: string;
}

export interface VerifyReport {
  /** intact: every cell matches its data; changed: something was edited; unreadable: not a file this app can check. */
  status: 'intact' | 'changed' | 'unreadable';
  fingerprint: string | null;
  differences: CellDifference[];
  /** One line each, in Chinese, naming what and where. */
  messages: string[];
}

type Comparable = string | number | boolean;

/** A cell's value as the user sees it; formulas keep their "=" so that a formula where text was shows. */
function comparable(value: ExcelJS.CellValue): Comparable {
  if (value === null || value === undefined) return '';
  // XML turns a carriage return into a line feed when the file is read: compare line breaks as such.
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value) return `=${String(value.formula)}`;
    if ('sharedFormula' in value) return `=${String(value.sharedFormula)}`;
    if ('error' in value) return String(value.error);
    if ('text' in value) return String(value.text);
  }
  return String(value as unknown);
}

function cellsOf(sheet: ExcelJS.Worksheet): Map<string, Comparable> {
  const cells = new Map<string, Comparable>();
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // a merged cell's value lives in its master
      const value = comparable(cell.value);
      if (value !== '') cells.set(cell.address, value);
    });
  });
  return cells;
}

function shown(value: Comparable | undefined): string {
  const text = value === undefined ? '' : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function addressOrder(a: string, b: string): number {
  const [, ca = '', ra = '0'] = /^([A-Z]+)(\d+)$/.exec(a) ?? [];
  const [, cb = '', rb = '0'] = /^([A-Z]+)(\d+)$/.exec(b) ?? [];
  return Number(ra) - Number(rb) || ca.length - cb.length || ca.localeCompare(cb);
}

function compareSheets(stored: ExcelJS.Workbook, rebuilt: ExcelJS.Workbook): { differences: CellDifference[]; messages: string[] } {
  const t = zh.verify;
  const differences: CellDifference[] = [];
  const messages: string[] = [];
  const storedNames = stored.worksheets.map((s) => s.name);
  for (const expectedSheet of rebuilt.worksheets) {
    const foundSheet = stored.getWorksheet(expectedSheet.name);
    if (!foundSheet) {
      messages.push(t.sheetMissing(expectedSheet.name));
      continue;
    }
    const expected = cellsOf(expectedSheet);
    const found = cellsOf(foundSheet);
    const addresses = [...new Set([...expected.keys(), ...found.keys()])].sort(addressOrder);
    for (const address of addresses) {
      const a = expected.get(address);
      const b = found.get(address);
      if (a === b) continue;
      differences.push({ sheet: expectedSheet.name, address, expected: shown(a), found: shown(b) });
      messages.push(t.cellChanged(expectedSheet.name, address, shown(a), shown(b)));
    }
  }
  for (const name of storedNames) {
    if (!rebuilt.getWorksheet(name)) messages.push(t.sheetAdded(name));
  }
  return { differences, messages };
}

/** The fingerprint of the ballots as a 选票数据 sheet holds them now, or null if it cannot be read. */
function fingerprintOfSheet(workbook: ExcelJS.Workbook, sheetName: string, input: MeetingExport, fileName: string): string | null {
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) return null;
  const rows: { rowNumber: number; cells: (string | null)[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = String(comparable(cell.value));
    });
    rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  // Below the ballots, after an empty row, is a note (the fingerprint): the table ends at the first gap.
  const table: typeof rows = [];
  for (const row of rows) {
    if (row.rowNumber !== table.length + 1) break;
    table.push(row);
  }
  const parsed = parseBallotGrid({ source: fileName, sheet: sheetName, rows: table }, input.form, { groups: input.groups ?? null });
  if (!parsed.ok) return null;
  return ballotFingerprint(input.form, parsed.value.candidates, parsed.value.ballots);
}

export async function verifyExport(bytes: Uint8Array, fileName: string): Promise<VerifyReport> {
  const t = zh.verify;
  const stored = new ExcelJS.Workbook();
  try {
    await stored.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { status: 'unreadable', fingerprint: null, differences: [], messages: [zh.import.notAZip] };
  }
  const payload = readPayloadSheet(stored);
  if (!payload.ok) {
    const status = stored.getWorksheet(PAYLOAD_SHEET) ? 'changed' : 'unreadable';
    return { status, fingerprint: null, differences: [], messages: payload.problems.map((p) => `${p.address ? `${p.address}：` : ''}${p.message}`) };
  }
  // Rebuild from the data, and list each meeting's ballot sheet with the fingerprint it should give.
  const { workbook, meetings } =
    payload.payload.kind === 'meeting'
      ? (() => {
          const rebuilt = composeMeetingWorkbook(payload.payload.input);
          return { workbook: rebuilt.workbook, meetings: [{ sheet: BALLOT_DATA_SHEET, input: payload.payload.input, fingerprint: rebuilt.fingerprint }] };
        })()
      : (() => {
          const input = payload.payload.input;
          const rebuilt = composeWorkbookExport(input);
          return {
            workbook: rebuilt.workbook,
            meetings: input.meetings.map((meeting, m) => ({ sheet: meetingSheetPrefix(m) + BALLOT_DATA_SHEET, input: meeting, fingerprint: rebuilt.fingerprints[m]! })),
          };
        })();
  const { differences, messages } = compareSheets(stored, workbook);
  const problems = payload.problems.map((p) => `${p.address}：${p.message}`);
  for (const meeting of meetings) {
    const actual = fingerprintOfSheet(stored, meeting.sheet, meeting.input, fileName);
    if (actual !== meeting.fingerprint) problems.push(t.fingerprintChanged(meeting.fingerprint, actual ?? '—'));
  }
  const all = [...problems, ...messages];
  const fingerprint = meetings.length === 1 ? meetings[0]!.fingerprint : meetings.map((m) => m.fingerprint).join('，');
  return { status: all.length === 0 ? 'intact' : 'changed', fingerprint, differences, messages: all };
}
