/**
 * The 校验信息 sheet: every export carries the exact data it was made from (canonical JSON, split
 * into cells), each piece with its own hash, and a seal over the whole. `verify` rebuilds the file
 * from this data and compares every cell; the seal is printed in the visible sheets too, so the
 * data cannot be changed without the change showing.
 *
 * The sheet must come back intact after a township opens the file and saves it again in WPS,
 * Excel or LibreOffice. So the data is stored as ASCII only: the JSON with every character beyond
 * ASCII written as a \uXXXX escape (still JSON, parsed by any JSON reader). A program then sees
 * plain Latin text: LibreOffice keeps it as one plain string instead of splitting it into runs
 * per script, no piece boundary can fall inside a character, and no program's font or Unicode
 * handling can touch it. Pieces are 8,000 characters, far below the 32,767 a cell of Excel or WPS
 * holds however a program counts characters; a changed piece is named to within 8,000 characters.
 *
 * Two layouts, told apart by cell B3:
 * - 'tally-desk/export/1' (every file exported before layout 2): the JSON itself, in pieces of
 *   30,000 characters;
 * - 'tally-desk/export-sheet/2': the ASCII JSON in pieces of 8,000 characters.
 * Both are read the same way (join the pieces, parse the JSON); the seal is over the JSON text as
 * JSON.stringify writes it, which JSON.stringify(JSON.parse(piece text)) gives back exactly for
 * either layout, so the seal of a file does not depend on its layout.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import { meetingExportSchema } from '../../shared/contract/meeting-export';
import { earlierRollupExportSchema, rollupExportSchema } from '../../shared/contract/rollup';
import { workbookExportSchema } from '../../shared/contract/workbook-export';
import type { Result } from '../../shared/domain/result';
import { fail, ok } from '../../shared/domain/result';
import { zh } from '../../shared/messages/zh-CN';
import { cellContent } from './cell-content';

export const PAYLOAD_SHEET = '校验信息';
/** The format of the JSON data (its `format` member); unchanged by the sheet's layout. */
export const PAYLOAD_FORMAT = 'tally-desk/export/1';

export type PayloadLayout = 'raw-30000' | 'ascii-8000';
/** What cell B3 says for each layout. The first is the same string as the JSON format: files before layout 2 wrote that. */
const LAYOUT_IDS: Record<PayloadLayout, string> = { 'raw-30000': 'tally-desk/export/1', 'ascii-8000': 'tally-desk/export-sheet/2' };
const CURRENT_LAYOUT: PayloadLayout = 'ascii-8000';
const PIECE_LENGTH: Record<PayloadLayout, number> = { 'raw-30000': 30_000, 'ascii-8000': 8_000 };
const FIRST_CHUNK_ROW = 5;
/**
 * The version of the visible sheets' layout, in D3: verify can rebuild a file cell by cell only
 * when it was laid out by the same rules. 1: files before the report model (their 校验信息 in the
 * raw-30000 layout, no D3); 2: the report model's layout (shared/report/layout.ts). A roll-up
 * counts apart: its sheets were still drawn by hand at 2, and are on the report model from 3.
 */
export const SHEETS_VERSION = 2;
export const ROLLUP_SHEETS_VERSION = 3;

/** The version the current rules lay a file of this kind out in. */
export function sheetsVersionOf(kind: ExportPayload['kind']): number {
  return kind === 'rollup' ? ROLLUP_SHEETS_VERSION : SHEETS_VERSION;
}
/** Past this the sheet was not written by the app: stop reading instead of walking a million rows. */
const MAX_PIECES = 100_000;

export const exportPayloadSchema = z.discriminatedUnion('kind', [
  z.object({ format: z.literal(PAYLOAD_FORMAT), kind: z.literal('meeting'), input: meetingExportSchema }),
  z.object({ format: z.literal(PAYLOAD_FORMAT), kind: z.literal('workbook'), input: workbookExportSchema }),
  // A roll-up of an earlier layout is still read (its seal checked), though not rebuilt cell by cell.
  z.object({ format: z.literal(PAYLOAD_FORMAT), kind: z.literal('rollup'), input: z.union([rollupExportSchema, earlierRollupExportSchema]) }),
]);

export type ExportPayload = z.infer<typeof exportPayloadSchema>;

export function sealOf(text: string): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(text)))}`;
}

function chunkHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}

export function payloadText(payload: ExportPayload): string {
  return JSON.stringify(payload);
}

/**
 * JSON text with every UTF-16 unit beyond printable ASCII (DEL included) escaped. Outside strings
 * JSON text is ASCII already, so this only rewrites string contents, and parses to the same value.
 * "_" is escaped too: xlsx readers (ExcelJS among them) decode _xHHHH_ in a cell as a character,
 * so a name holding such a sequence would otherwise come back changed.
 */
function asciiJson(text: string): string {
  return text.replace(/[_\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function piecesOf(text: string, layout: PayloadLayout): string[] {
  const stored = layout === 'ascii-8000' ? asciiJson(text) : text;
  const length = PIECE_LENGTH[layout];
  const pieces: string[] = [];
  for (let i = 0; i < stored.length; i += length) pieces.push(stored.slice(i, i + length));
  return pieces;
}

/**
 * Writes the sheet (hidden: it is data for `verify`, not for printing) and returns the seal.
 * `layout` is for `verify` only, to rebuild an older file's sheet as it was written;
 * `sheetsVersion`, the version the visible sheets were laid out in (sheetsVersionOf the kind).
 */
export function writePayloadSheet(workbook: ExcelJS.Workbook, text: string, layout: PayloadLayout = CURRENT_LAYOUT, sheetsVersion: number = SHEETS_VERSION): string {
  const t = zh.verify;
  const seal = sealOf(text);
  const sheet = workbook.addWorksheet(PAYLOAD_SHEET, { state: 'hidden' });
  sheet.getCell('A1').value = t.payloadTitle;
  sheet.getCell('A2').value = t.sealLabel;
  sheet.getCell('B2').value = seal;
  sheet.getCell('A3').value = t.formatLabel;
  sheet.getCell('B3').value = LAYOUT_IDS[layout];
  if (layout !== 'raw-30000') {
    sheet.getCell('C3').value = t.sheetsVersionLabel;
    sheet.getCell('D3').value = sheetsVersion;
  }
  sheet.getCell('A4').value = t.chunksLabel;
  piecesOf(text, layout).forEach((piece, i) => {
    sheet.getCell(FIRST_CHUNK_ROW + i, 1).value = piece;
    sheet.getCell(FIRST_CHUNK_ROW + i, 2).value = chunkHash(piece);
  });
  return seal;
}

/** Replaces a workbook's 校验信息 sheet with one in the given layout, holding the given text. */
export function rewritePayloadSheet(workbook: ExcelJS.Workbook, text: string, layout: PayloadLayout, sheetsVersion: number): void {
  const existing = workbook.getWorksheet(PAYLOAD_SHEET);
  if (existing) workbook.removeWorksheet(existing.id);
  writePayloadSheet(workbook, text, layout, sheetsVersion);
}

export interface PayloadProblem {
  /** The cell of the 校验信息 sheet, as A5; '' where the sheet itself is missing. */
  address: string;
  message: string;
}

/** The data read back from the 校验信息 sheet, with what was found changed while it still read. */
export interface StoredPayload {
  payload: ExportPayload;
  /** The JSON text the seal is over, as written (whichever layout stored it). */
  text: string;
  layout: PayloadLayout;
  /** The layout version of the visible sheets (SHEETS_VERSION when the current rules drew them). */
  sheetsVersion: number;
  statedSeal: string;
  /** Changed pieces or seal: the data still reads, but the file was edited. */
  problems: PayloadProblem[];
}

/** The data, or why it cannot be read at all (no sheet, pieces that are no JSON, data of no known shape). */
export type ReadPayload = Result<StoredPayload, PayloadProblem>;

function cellString(sheet: ExcelJS.Worksheet, address: string): string {
  return cellContent(sheet.getCell(address).value).text;
}

/** Reads the data back, in either layout and whatever shape its cells come back in; a piece whose hash does not match is named by its address. */
export function readPayloadSheet(workbook: ExcelJS.Workbook): ReadPayload {
  const t = zh.verify;
  const sheet = workbook.getWorksheet(PAYLOAD_SHEET);
  if (!sheet) return fail([{ address: '', message: t.noPayload }]);
  const problems: PayloadProblem[] = [];
  const pieces: string[] = [];
  for (let row = FIRST_CHUNK_ROW; row < FIRST_CHUNK_ROW + MAX_PIECES; row++) {
    const piece = cellString(sheet, `A${row}`);
    const hash = cellString(sheet, `B${row}`);
    if (piece === '' && hash === '') break;
    if (chunkHash(piece) !== hash) problems.push({ address: `A${row}`, message: t.pieceChanged(row) });
    pieces.push(piece);
  }
  // B3 names the layout; where it was edited, the pieces tell (an edited B3 is itself listed by the cell comparison).
  const statedLayout = cellString(sheet, 'B3');
  const layout =
    (Object.keys(LAYOUT_IDS) as PayloadLayout[]).find((l) => LAYOUT_IDS[l] === statedLayout) ??
    (pieces.some((p) => p.length > PIECE_LENGTH['ascii-8000'] || /[^\u0000-\u007e]/.test(p)) ? 'raw-30000' : 'ascii-8000');
  let json: unknown;
  try {
    json = JSON.parse(pieces.join(''));
  } catch {
    return fail(problems.length > 0 ? problems : [{ address: `A${FIRST_CHUNK_ROW}`, message: t.payloadUnreadable }]);
  }
  const text = JSON.stringify(json);
  const statedSeal = cellString(sheet, 'B2');
  if (sealOf(text) !== statedSeal) problems.push({ address: 'B2', message: t.sealChanged });
  const parsed = exportPayloadSchema.safeParse(json);
  if (!parsed.success) return fail([...problems, { address: `A${FIRST_CHUNK_ROW}`, message: t.payloadUnreadable }]);
  const statedVersion = Number(cellString(sheet, 'D3'));
  const sheetsVersion = Number.isInteger(statedVersion) && statedVersion > 0 ? statedVersion : layout === 'raw-30000' ? 1 : SHEETS_VERSION;
  return ok({ payload: parsed.data, text, layout, sheetsVersion, statedSeal, problems });
}
