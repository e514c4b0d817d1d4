/**
 * A CSV read as a ballot grid: decoded honestly (a BOM, else strict UTF-8, else GB18030 when the
 * bytes look like Chinese in GBK; Shift-JIS and the like, which GB18030 would turn into other
 * characters without complaint, are refused), then parsed record by record by papaparse with every
 * cap checked at the record that crosses it. The bytes are at most the file cap (50 MB), and rows
 * are built as they are parsed, so nothing else grows with the file.
 */
import Papa from 'papaparse';
import type { CellGrid, GridRow, ImportProblem } from '../../../shared/domain/ballot-grid';
import { columnLetter } from '../../../shared/domain/ballot-grid';
import type { Result } from '../../../shared/domain/result';
import { fail, ok } from '../../../shared/domain/result';
import { zh } from '../../../shared/messages/zh-CN';
import type { GridLimits } from './caps';

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether double-byte text is Chinese in GBK rather than another double-byte encoding. Chinese
 * text saved as GBK keeps nearly every character in GB2312's hanzi and symbol rows (lead byte
 * A1–F7, trail byte A1–FE); a rare character in a name (堃, 喆) falls outside, a few per file.
 * Shift-JIS (kana at lead 82–83, common kanji at 88–9F) or Big5 put most of their characters
 * outside, where GB18030 still decodes them, as unrelated rare characters.
 */
export function looksLikeGbk(bytes: Uint8Array): boolean {
  let common = 0;
  let rare = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trail = bytes[i + 1] ?? 0;
    if (trail >= 0x30 && trail <= 0x39) {
      rare++; // a four-byte GB18030 sequence
      i += 4;
      continue;
    }
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) common++;
    else rare++;
    i += 2;
  }
  return rare <= 3 || rare * 5 <= common;
}

/** Decodes CSV bytes: BOMs first, then strict UTF-8, then GB18030 (a superset of GBK) when it is Chinese. */
export function decodeText(bytes: Uint8Array): string | { refused: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return tryDecode('utf-8', bytes.subarray(3)) ?? { refused: zh.import.unknownEncoding };
  if (startsWith(bytes, [0xff, 0xfe])) return tryDecode('utf-16le', bytes.subarray(2)) ?? { refused: zh.import.unknownEncoding };
  if (startsWith(bytes, [0xfe, 0xff])) return tryDecode('utf-16be', bytes.subarray(2)) ?? { refused: zh.import.unknownEncoding };
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return utf8;
  const gb = tryDecode('gb18030', bytes);
  if (gb === null) return { refused: zh.import.unknownEncoding };
  return looksLikeGbk(bytes) ? gb : { refused: zh.gridFile.otherEncoding };
}

// Control characters other than tab, CR and LF do not occur in text that a spreadsheet saved.
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function readCsvGrid(bytes: Uint8Array, fileName: string, limits: GridLimits): Result<CellGrid, ImportProblem> {
  const problem = (message: string, row: number | null = null, column: string | null = null): ImportProblem => ({
    source: fileName,
    sheet: null,
    row,
    column,
    header: null,
    value: null,
    message,
  });
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && bytes.includes(0)) return fail([problem(zh.import.notText)]);
  const text = decodeText(bytes);
  if (typeof text !== 'string') return fail([problem(text.refused)]);
  if (BINARY_CONTROL.test(text)) return fail([problem(zh.import.notText)]);
  if (text.trim() === '') return fail([problem(zh.import.emptyFile)]);

  const rows: GridRow[] = [];
  let record = 0;
  let cells = 0;
  let refusal: ImportProblem | null = null;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: [',', '\t', ';'],
    step: (results, parser) => {
      record++;
      const quote = results.errors.find((e) => e.type === 'Quotes');
      if (quote) {
        // papaparse's own words ("Quoted field unterminated") stay here; the user gets the row.
        refusal = problem(quote.code === 'MissingQuotes' ? zh.gridFile.csvUnterminatedQuote : zh.gridFile.csvBadQuote, record);
        return parser.abort();
      }
      const fields = results.data;
      cells += fields.length;
      if (record > limits.rows) refusal = problem(zh.gridFile.tooManyRows(limits.rows), record);
      else if (fields.length > limits.columns) refusal = problem(zh.gridFile.tooManyColumns(limits.columns), record);
      else if (cells > limits.cells) refusal = problem(zh.gridFile.tooManyCells(limits.cells), record);
      else {
        const long = fields.findIndex((f) => f.length > limits.cellChars);
        if (long !== -1) refusal = problem(zh.gridFile.cellTooLong(limits.cellChars), record, columnLetter(long));
      }
      if (refusal) return parser.abort();
      // Empty records are skipped by the grid parser anyway; the first is kept so a blank header is reported.
      if (record === 1 || fields.some((c) => c !== '')) rows.push({ rowNumber: record, cells: fields });
    },
  });
  if (refusal) return fail([refusal]);
  return ok({ source: fileName, sheet: null, rows });
}
