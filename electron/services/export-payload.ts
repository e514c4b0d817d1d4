/**
 * The 校验信息 sheet: every export carries the exact data it was made from (canonical JSON, split
 * into cells that Excel can hold), each piece with its own hash, and a seal over the whole. `verify`
 * rebuilds the file from this data and compares every cell; the seal is printed in the visible
 * sheets too, so the data cannot be changed without the change showing.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import { meetingExportSchema } from '../../shared/contract/meeting-export';
import { workbookExportSchema } from '../../shared/contract/workbook-export';
import { zh } from '../../shared/messages/zh-CN';

export const PAYLOAD_SHEET = '校验信息';
export const PAYLOAD_FORMAT = 'tally-desk/export/1';
/** Excel holds at most 32,767 characters in a cell. */
const CHUNK = 30_000;
const FIRST_CHUNK_ROW = 5;

export const exportPayloadSchema = z.discriminatedUnion('kind', [
  z.object({ format: z.literal(PAYLOAD_FORMAT), kind: z.literal('meeting'), input: meetingExportSchema }),
  z.object({ format: z.literal(PAYLOAD_FORMAT), kind: z.literal('workbook'), input: workbookExportSchema }),
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

/** Writes the sheet (hidden: it is data for `verify`, not for printing) and returns the seal. */
export function writePayloadSheet(workbook: ExcelJS.Workbook, text: string): string {
  const t = zh.verify;
  const seal = sealOf(text);
  const sheet = workbook.addWorksheet(PAYLOAD_SHEET, { state: 'hidden' });
  sheet.getCell('A1').value = t.payloadTitle;
  sheet.getCell('A2').value = t.sealLabel;
  sheet.getCell('B2').value = seal;
  sheet.getCell('A3').value = t.formatLabel;
  sheet.getCell('B3').value = PAYLOAD_FORMAT;
  sheet.getCell('A4').value = t.chunksLabel;
  for (let i = 0, row = FIRST_CHUNK_ROW; i < text.length; i += CHUNK, row++) {
    const piece = text.slice(i, i + CHUNK);
    sheet.getCell(row, 1).value = piece;
    sheet.getCell(row, 2).value = chunkHash(piece);
  }
  return seal;
}

export interface PayloadProblem {
  address: string;
  message: string;
}

export type ReadPayload =
  | { ok: true; payload: ExportPayload; text: string; statedSeal: string; problems: PayloadProblem[] }
  | { ok: false; problems: PayloadProblem[] };

function cellString(sheet: ExcelJS.Worksheet, address: string): string {
  const value = sheet.getCell(address).value;
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

/** Reads the data back; a piece whose hash does not match is named by its address. */
export function readPayloadSheet(workbook: ExcelJS.Workbook): ReadPayload {
  const t = zh.verify;
  const sheet = workbook.getWorksheet(PAYLOAD_SHEET);
  if (!sheet) return { ok: false, problems: [{ address: '', message: t.noPayload }] };
  const problems: PayloadProblem[] = [];
  const pieces: string[] = [];
  for (let row = FIRST_CHUNK_ROW; ; row++) {
    const piece = cellString(sheet, `A${row}`);
    const hash = cellString(sheet, `B${row}`);
    if (piece === '' && hash === '') break;
    if (chunkHash(piece) !== hash) problems.push({ address: `${PAYLOAD_SHEET}!A${row}`, message: t.pieceChanged(row) });
    pieces.push(piece);
  }
  const text = pieces.join('');
  const statedSeal = cellString(sheet, 'B2');
  if (sealOf(text) !== statedSeal) problems.push({ address: `${PAYLOAD_SHEET}!B2`, message: t.sealChanged });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: problems.length > 0 ? problems : [{ address: `${PAYLOAD_SHEET}!A${FIRST_CHUNK_ROW}`, message: t.payloadUnreadable }] };
  }
  const parsed = exportPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: [...problems, { address: `${PAYLOAD_SHEET}!A${FIRST_CHUNK_ROW}`, message: t.payloadUnreadable }] };
  return { ok: true, payload: parsed.data, text, statedSeal, problems };
}
