/**
 * The one reader of ballot grid files (.xlsx, .csv), for the CLI, the desktop host and browser
 * mode alike: the first visible sheet of an xlsx (or the one named), or a CSV in UTF-8, UTF-16 with
 * BOM, or GBK/GB18030. Every cap (electron/services/grid/caps.ts) is checked while reading, at the
 * byte, part, cell or string that crosses it, so no file costs more than the caps to refuse; every
 * failure is a located problem in Chinese, never an exception or a library's English.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { CellGrid, GridRow, GridRowSink, ImportProblem } from '../../shared/domain/ballot-grid';
import type { Result } from '../../shared/domain/result';
import { fail, ok } from '../../shared/domain/result';
import { zh } from '../../shared/messages/zh-CN';
import type { GridLimits } from './grid/caps';
import { GRID_LIMITS, MAX_GRID_FILE_BYTES } from './grid/caps';
import { readCsvGrid } from './grid/csv-read';
import { readXlsxGrid } from './grid/xlsx-read';

export { MAX_GRID_FILE_BYTES };

export interface GridReadOptions {
  /** The worksheet to read, by name; without it the first visible one. */
  sheet?: string;
  /** Smaller caps, for tests that reach a cap without a large file. */
  limits?: Partial<GridLimits>;
  /** Tests only: every xlsx cell through the general XML path, to show the quick path reads the same. */
  generalXmlOnly?: boolean;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// A password-protected xlsx is an OLE compound file holding an "EncryptionInfo" stream (MS-OFFCRYPTO).
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function fileProblem(source: string, message: string): ImportProblem {
  return { source, sheet: null, row: null, column: null, header: null, value: null, message };
}

function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/** Where the rows were read from: the file, and the worksheet (null for CSV). */
export interface GridSource {
  source: string;
  sheet: string | null;
}

/** Reads a grid from the file's bytes, whole; the name is used for messages and to tell CSV from xlsx. */
export async function readGridFile(bytes: Uint8Array, fileName: string, options: GridReadOptions = {}): Promise<Result<CellGrid, ImportProblem>> {
  const rows: GridRow[] = [];
  const read = await streamGridFile(bytes, fileName, { sheet() {}, row: (row) => rows.push({ rowNumber: row.rowNumber, cells: row.cells.slice() }) }, options);
  return read.ok ? ok({ ...read.value, rows }) : read;
}

/**
 * Reads a grid from the file's bytes into `sink`, row by row as the file is read (the rows are not
 * kept here). When the answer is a failure the sink may have had some rows: they are to be dropped.
 */
export async function streamGridFile(bytes: Uint8Array, fileName: string, sink: GridRowSink, options: GridReadOptions = {}): Promise<Result<GridSource, ImportProblem>> {
  try {
    return await readGridBytes(bytes, fileName, sink, options);
  } catch {
    // A case no check foresaw still names the file, and never shows a library's or a stack's words.
    return fail([fileProblem(fileName, zh.gridFile.unexpected)]);
  }
}

async function readGridBytes(bytes: Uint8Array, fileName: string, sink: GridRowSink, options: GridReadOptions): Promise<Result<GridSource, ImportProblem>> {
  const limits: GridLimits = { ...GRID_LIMITS, ...options.limits };
  const lower = fileName.toLowerCase();
  if (bytes.length === 0) return fail([fileProblem(fileName, zh.import.emptyFile)]);
  if (bytes.length > limits.fileBytes) return fail([fileProblem(fileName, zh.import.tooLarge(megabytes(limits.fileBytes)))]);
  if (startsWith(bytes, OLE_MAGIC)) {
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTION_INFO);
    return fail([fileProblem(fileName, encrypted ? zh.gridFile.passwordProtected : zh.import.legacyXls)]);
  }
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) {
    if (lower.endsWith('.ods')) return fail([fileProblem(fileName, zh.gridFile.odsFile)]);
    return readXlsxGrid(bytes, fileName, limits, options.sheet, sink, options.generalXmlOnly !== true);
  }
  if (lower.endsWith('.ods')) return fail([fileProblem(fileName, zh.gridFile.odsFile)]);
  if (lower.endsWith('.xls')) return fail([fileProblem(fileName, zh.import.legacyXls)]);
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return fail([fileProblem(fileName, zh.import.notAZip)]);
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv')) return readCsvGrid(bytes, fileName, limits, sink);
  return fail([fileProblem(fileName, zh.import.unsupportedType)]);
}

/** Why a file's bytes were not read: refused at the cap (a located problem), or not readable at all (the system's code). */
export type CappedReadFailure = { reason: 'refused'; problem: ImportProblem } | { reason: 'unreadable'; code: string };
export type ReadBytesResult = Result<Uint8Array, CappedReadFailure>;

function refusedAt(problem: ImportProblem): ReadBytesResult {
  return fail([{ reason: 'refused', problem }]);
}

function unreadable(error: unknown): ReadBytesResult {
  return fail([{ reason: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? String(error) }]);
}

/**
 * A file's bytes, read no further than the cap: a regular file's size is checked before a byte is
 * read, and anything else (a device such as /dev/zero, a pipe, a file still growing) is read in
 * pieces and stopped at the first byte past the cap.
 */
export async function readCappedBytes(filePath: string, fileName: string, cap: number = MAX_GRID_FILE_BYTES): Promise<ReadBytesResult> {
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    return unreadable(error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return fail([{ reason: 'unreadable', code: 'EISDIR' }]);
    if (stat.isFile() && stat.size > cap) return refusedAt(fileProblem(fileName, zh.import.tooLarge(megabytes(cap))));
    if (stat.isFile()) {
      // A regular file is read into one buffer of its size (a copy of 50 MB less than joining pieces);
      // one byte more is asked for, so a file that grew since stat is still stopped at the cap.
      const whole = Buffer.allocUnsafe(stat.size + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(whole, filled, whole.length - filled, null);
        if (bytesRead === 0) return ok(whole.subarray(0, filled));
        filled += bytesRead;
        if (filled === whole.length) break;
      }
      // It grew since stat: read on in pieces, from what is already here.
      if (filled > cap) return refusedAt(fileProblem(fileName, zh.import.tooLarge(megabytes(cap))));
      return await readPieces(handle, fileName, cap, [whole], filled, zh.import.tooLarge(megabytes(cap)));
    }
    return await readPieces(handle, fileName, cap, [], 0, zh.gridFile.tooLargeWhileReading(megabytes(cap)));
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle.close();
  }
}

/** The rest of a file read in pieces of 1 MB, stopped at the first byte past the cap. */
async function readPieces(handle: FileHandle, fileName: string, cap: number, pieces: Buffer[], soFar: number, tooLarge: string): Promise<ReadBytesResult> {
  let total = soFar;
  const piece = 1 << 20;
  for (;;) {
    const buffer = Buffer.allocUnsafe(Math.min(piece, cap + 1 - total));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    pieces.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > cap) return refusedAt(fileProblem(fileName, tooLarge));
  }
  return ok(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, total));
}
