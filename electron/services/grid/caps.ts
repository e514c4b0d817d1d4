/**
 * The hard limits of reading a ballot grid. Each is checked while the file is read, at the byte,
 * cell or string that crosses it, so a file past a limit costs no more than the limit to refuse.
 * Excel's own limits (columns, rows, characters in a cell) are the ceiling of what a real grid can
 * be; the others are far above any meeting (a village meeting is at most a few thousand ballots ×
 * a few dozen candidates; the benchmark's 100,000 × 30 is 3 million cells) and keep a hostile file
 * from taking the host's memory.
 */
import { MAX_GRID_FILE_BYTES } from '../../../shared/domain/ballot-grid';

export { MAX_GRID_FILE_BYTES };

/** Excel's widest sheet: columns A…XFD. */
export const MAX_GRID_COLUMNS = 16_384;
/** Excel's longest sheet. */
export const MAX_GRID_ROWS = 1_048_576;
/** Characters in one cell: Excel's limit. */
export const MAX_CELL_CHARS = 32_767;
/** Cells read (every cell element of an xlsx, every field of a CSV), over the whole file. */
export const MAX_GRID_CELLS = 4_000_000;
/** Bytes inflated out of an xlsx, over all the parts read: a zip bomb stops here. */
export const MAX_INFLATED_BYTES = 400 * 1024 * 1024;
/** Entries in the zip's central directory. */
export const MAX_ZIP_ENTRIES = 10_000;
/** Shared strings of a workbook, and their characters in all. */
export const MAX_SHARED_STRINGS = 1_000_000;
export const MAX_SHARED_STRING_CHARS = 32 * 1024 * 1024;
/** The small parts (workbook, relationships, styles): more than this is not a spreadsheet's. */
export const MAX_SMALL_PART_BYTES = 16 * 1024 * 1024;
/** Shared-strings part, inflated. */
export const MAX_SHARED_STRINGS_PART_BYTES = 64 * 1024 * 1024;

/** Every cap a read is held to; tests pass smaller ones to reach a cap without a large file. */
export interface GridLimits {
  fileBytes: number;
  inflatedBytes: number;
  smallPartBytes: number;
  sharedStringBytes: number;
  sharedStrings: number;
  sharedStringChars: number;
  cells: number;
  columns: number;
  rows: number;
  cellChars: number;
}

export const GRID_LIMITS: GridLimits = {
  fileBytes: MAX_GRID_FILE_BYTES,
  inflatedBytes: MAX_INFLATED_BYTES,
  smallPartBytes: MAX_SMALL_PART_BYTES,
  sharedStringBytes: MAX_SHARED_STRINGS_PART_BYTES,
  sharedStrings: MAX_SHARED_STRINGS,
  sharedStringChars: MAX_SHARED_STRING_CHARS,
  cells: MAX_GRID_CELLS,
  columns: MAX_GRID_COLUMNS,
  rows: MAX_GRID_ROWS,
  cellChars: MAX_CELL_CHARS,
};
