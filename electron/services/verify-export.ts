/**
 * verify: is an exported file as the app wrote it? The file's 校验信息 sheet holds the data it was
 * made from; the file is rebuilt from that data in memory and every cell of every sheet is
 * compared; the ballots in 选票数据 are read again and their fingerprint recomputed. Each edited
 * cell is reported by sheet and address.
 *
 * Cells are compared as a person reads them, because a township opens the file and saves it again
 * in WPS, Excel or LibreOffice, and none of them writes a cell back byte for byte: text as shown
 * (plain or rich text, line endings alike), numbers to Excel's 15 significant digits, an empty
 * string the same as no cell. A change of kind (a number typed over as text) is a difference.
 */
import ExcelJS from 'exceljs';
import { parseBallotGrid } from '../../shared/domain/ballot-grid';
import { ballotFingerprint } from '../../shared/domain/fingerprint';
import { zh } from '../../shared/messages/zh-CN';
import type { CellContent, CellKind } from './cell-content';
import { cellContent, sameContent } from './cell-content';
import type { ExportPayload } from './export-payload';
import type { PayloadProblem } from './export-payload';
import { PAYLOAD_SHEET, readPayloadSheet, rewritePayloadSheet, sheetsVersionOf } from './export-payload';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import { composeRollupWorkbook } from './rollup-xlsx';
import { BALLOT_DATA_SHEET, composeMeetingWorkbook } from './summary-xlsx';
import { composeWorkbookExport, meetingSheetPrefix } from './workbook-xlsx';

export interface CellDifference {
  sheet: string;
  address: string;
  /** Whole values as text (numbers in full); the kinds say whether they were numbers, text, or empty. */
  expected: string;
  found: string;
  expectedKind: CellKind;
  foundKind: CellKind;
}

export interface VerifyReport {
  /**
   * intact: every cell matches its data; changed: something was edited; unreadable: not a file this
   * app can check; earlier: laid out by an earlier version of the app, so its cells cannot be rebuilt
   * here: its data and ballots were checked, its printed cells were not.
   */
  status: 'intact' | 'changed' | 'unreadable' | 'earlier';
  /** What the file is, once its data could be read. */
  kind: ExportPayload['kind'] | null;
  /** The ballots' fingerprint (one per meeting, joined); null for a roll-up, which holds no ballots. */
  fingerprint: string | null;
  differences: CellDifference[];
  /** One line each, in Chinese, naming what and where. */
  messages: string[];
}

const EMPTY: CellContent = { kind: 'empty', text: '' };

function cellsOf(sheet: ExcelJS.Worksheet): Map<string, CellContent> {
  const cells = new Map<string, CellContent>();
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // a merged cell's value lives in its master
      const content = cellContent(cell.value);
      if (content.kind !== 'empty') cells.set(cell.address, content);
    });
  });
  return cells;
}

function shown(content: CellContent): string {
  const t = zh.verify;
  // Whole values, never cut: two different values must never look alike. A line break is shown as a mark, so the message stays one line.
  return t.shownCell(content.kind, content.text.replace(/\n/g, '↵'));
}

function addressOrder(a: string, b: string): number {
  const [, ca = '', ra = '0'] = /^([A-Z]+)(\d+)$/.exec(a) ?? [];
  const [, cb = '', rb = '0'] = /^([A-Z]+)(\d+)$/.exec(b) ?? [];
  return Number(ra) - Number(rb) || ca.length - cb.length || ca.localeCompare(cb);
}

/** Where two texts part, counted in characters from 1. */
function firstDifference(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

function differenceMessage(sheet: string, address: string, a: CellContent, b: CellContent): string {
  const t = zh.verify;
  // A piece of the data is thousands of characters of JSON: say where it parts rather than print both.
  if (sheet === PAYLOAD_SHEET && /^A\d+$/.test(address) && a.kind === 'text' && b.kind === 'text' && Math.max(a.text.length, b.text.length) > 200) {
    return t.inCell(sheet, address, t.pieceDiffers(firstDifference(a.text, b.text)));
  }
  return t.cellChanged(sheet, address, shown(a), shown(b));
}

function compareSheets(stored: ExcelJS.Workbook, rebuilt: ExcelJS.Workbook): { differences: CellDifference[]; messages: string[] } {
  const t = zh.verify;
  const differences: CellDifference[] = [];
  const messages: string[] = [];
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
      const a = expected.get(address) ?? EMPTY;
      const b = found.get(address) ?? EMPTY;
      if (sameContent(a, b)) continue;
      differences.push({ sheet: expectedSheet.name, address, expected: a.text, found: b.text, expectedKind: a.kind, foundKind: b.kind });
      messages.push(differenceMessage(expectedSheet.name, address, a, b));
    }
  }
  for (const sheet of stored.worksheets) {
    if (!rebuilt.getWorksheet(sheet.name)) messages.push(t.sheetAdded(sheet.name));
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
      const content = cellContent(cell.value);
      if (content.kind !== 'empty') cells[column - 1] = content.text;
    });
    if (cells.length > 0) rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  // Below the ballots, after an empty row, is a note (the fingerprint): the table ends at the first gap.
  const table: typeof rows = [];
  for (const row of rows) {
    if (row.rowNumber !== table.length + 1) break;
    table.push(row);
  }
  const parsed = parseBallotGrid({ source: fileName, sheet: sheetName, rows: table }, input.form, { groups: input.groups ?? null, allowNoBallots: true });
  if (!parsed.ok) return null;
  return ballotFingerprint(input.form, parsed.value.candidates, parsed.value.ballots);
}

interface Rebuilt {
  workbook: ExcelJS.Workbook;
  /** Each meeting's ballot sheet with the fingerprint it should give. */
  meetings: { sheet: string; input: MeetingExport; fingerprint: string }[];
}

/**
 * The file as the app writes it from this data, with the same compose functions the exports use;
 * null for a roll-up of an earlier layout, whose data these rules cannot lay out.
 */
function rebuild(payload: ExportPayload): Rebuilt | null {
  switch (payload.kind) {
    case 'meeting': {
      const rebuilt = composeMeetingWorkbook(payload.input);
      return { workbook: rebuilt.workbook, meetings: [{ sheet: BALLOT_DATA_SHEET, input: payload.input, fingerprint: rebuilt.fingerprint }] };
    }
    case 'workbook': {
      const input = payload.input;
      const rebuilt = composeWorkbookExport(input);
      return {
        workbook: rebuilt.workbook,
        meetings: input.meetings.map((meeting, m) => ({ sheet: meetingSheetPrefix(m) + BALLOT_DATA_SHEET, input: meeting, fingerprint: rebuilt.fingerprints[m]! })),
      };
    }
    case 'rollup': {
      // Only the current data has its meetings listed; an earlier roll-up's is read, not laid out.
      if (!('meetings' in payload.input)) return null;
      // The fingerprints a roll-up rests on are cells of its 数据指纹 sheet, compared with the rest.
      return { workbook: composeRollupWorkbook(payload.input), meetings: [] };
    }
  }
}

export async function verifyExport(bytes: Uint8Array, fileName: string): Promise<VerifyReport> {
  const t = zh.verify;
  const stored = new ExcelJS.Workbook();
  try {
    await stored.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    // The library's own words (English) stay out: a zip that cannot be read is damaged, anything else is no xlsx at all.
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    return { status: 'unreadable', kind: null, fingerprint: null, differences: [], messages: [zip ? zh.import.truncatedXlsx : zh.import.notAZip] };
  }
  const read = readPayloadSheet(stored);
  const located = (p: PayloadProblem) => (p.address ? t.inCell(PAYLOAD_SHEET, p.address, p.message) : p.message);
  if (!read.ok) {
    const status = stored.getWorksheet(PAYLOAD_SHEET) ? 'changed' : 'unreadable';
    return { status, kind: null, fingerprint: null, differences: [], messages: read.errors.map(located) };
  }
  const payload = read.value;
  const problems = payload.problems.map(located);
  let rebuilt: Rebuilt | null;
  try {
    rebuilt = rebuild(payload.payload);
  } catch {
    // Data that passed its schema but cannot be laid out again: edited into something the app never writes.
    return { status: 'changed', kind: payload.payload.kind, fingerprint: null, differences: [], messages: [...problems, t.cannotRebuild] };
  }
  const meetings = rebuilt?.meetings ?? [];
  for (const meeting of meetings) {
    const actual = fingerprintOfSheet(stored, meeting.sheet, meeting.input, fileName);
    if (actual !== meeting.fingerprint) problems.push(t.fingerprintChanged(meeting.fingerprint, actual ?? '—'));
  }
  const fingerprint = meetings.length === 0 ? null : meetings.map((m) => m.fingerprint).join('，');
  const sheetsVersion = sheetsVersionOf(payload.payload.kind);
  // Only a version below the current one is an earlier layout: any other figure in D3 was never
  // written by the app, so the file is checked by the current rules and the edited D3 is named.
  if (payload.sheetsVersion < sheetsVersion) {
    // Laid out by other rules than these: rebuilding its cells would list every one as changed.
    // What can be checked honestly is its data (hashes, seal) and its ballots (the fingerprint).
    if (problems.length > 0) return { status: 'changed', kind: payload.payload.kind, fingerprint, differences: [], messages: problems };
    return { status: 'earlier', kind: payload.payload.kind, fingerprint, differences: [], messages: [t.earlierLayout] };
  }
  // Data of an earlier roll-up in a file that claims the current layout: edited into something the app never writes.
  if (!rebuilt) return { status: 'changed', kind: payload.payload.kind, fingerprint, differences: [], messages: [...problems, t.cannotRebuild] };
  // The 校验信息 sheet is compared as the file stored it: an older file's layout is rebuilt as such, from the data it holds.
  rewritePayloadSheet(rebuilt.workbook, payload.text, payload.layout, sheetsVersion);
  const { differences, messages } = compareSheets(stored, rebuilt.workbook);
  const all = [...problems, ...messages];
  return { status: all.length === 0 ? 'intact' : 'changed', kind: payload.payload.kind, fingerprint, differences, messages: all };
}
