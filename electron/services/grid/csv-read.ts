/**
 * A CSV read as a ballot grid: decoded honestly (a BOM, else strict UTF-8, else GB18030 when the
 * bytes look like Chinese in GBK; Shift-JIS and the like, which GB18030 would turn into other
 * characters without complaint, are refused), then parsed record by record by papaparse with every
 * cap checked at the record that crosses it. The bytes are at most the file cap (50 MB), and rows
 * go to the sink as they are parsed, so nothing else grows with the file.
 */
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import type { GridRowSink, ImportProblem } from '../../../shared/domain/ballot-grid';
import { columnLetter } from '../../../shared/domain/ballot-grid';
import type { Result } from '../../../shared/domain/result';
import { fail, ok } from '../../../shared/domain/result';
import { zh } from '../../../shared/messages/zh-CN';
import type { GridLimits } from './caps';
import type { RecordBytes } from './csv-split';
import { guessLayout, hasQuote, splitPlainCsv } from './csv-split';

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

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The bytes after a UTF-8 byte order mark, when the file is UTF-8; null when it is not. */
function utf8Body(bytes: Uint8Array): Uint8Array | null {
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  return isUtf8(body) ? body : null;
}

/**
 * The UTF-8 text papaparse would be given, as bytes: after the byte order mark, and after one more
 * (papaparse drops a U+FEFF at the start of its text).
 */
function plainUtf8Body(bytes: Uint8Array): Uint8Array | null {
  const body = utf8Body(bytes);
  return body !== null && startsWith(body, UTF8_BOM) ? body.subarray(3) : body;
}

/**
 * Decodes CSV bytes: BOMs first, then strict UTF-8, then GB18030 (a superset of GBK) when it is
 * Chinese. (UTF-8 is checked by simdutf and decoded by Buffer, far quicker than a fatal TextDecoder.)
 */
export function decodeText(bytes: Uint8Array): string | { refused: string } {
  const utf8 = utf8Body(bytes);
  if (utf8 !== null) return Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength).toString('utf8');
  if (startsWith(bytes, UTF8_BOM)) return { refused: zh.import.unknownEncoding };
  if (startsWith(bytes, [0xff, 0xfe])) return tryDecode('utf-16le', bytes.subarray(2)) ?? { refused: zh.import.unknownEncoding };
  if (startsWith(bytes, [0xfe, 0xff])) return tryDecode('utf-16be', bytes.subarray(2)) ?? { refused: zh.import.unknownEncoding };
  const gb = tryDecode('gb18030', bytes);
  if (gb === null) return { refused: zh.import.unknownEncoding };
  return looksLikeGbk(bytes) ? gb : { refused: zh.gridFile.otherEncoding };
}

/** Whether UTF-8 bytes are empty or blank: decoded only when no ASCII character says otherwise (U+3000 is a space too). */
function blankUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c < 0x80 && c !== 0x20 && (c < 0x09 || c > 0x0d)) return false;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').trim() === '';
}

// Control characters other than tab, CR and LF do not occur in text that a spreadsheet saved.
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const DELIMITERS = [',', '\t', ';'];

/** Reads a CSV's rows into `sink` as they are parsed; the answer is whether the whole file could be read. */
export function readCsvGrid(bytes: Uint8Array, fileName: string, limits: GridLimits, sink: GridRowSink): Result<{ source: string; sheet: null }, ImportProblem> {
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

  let record = 0;
  let cells = 0;
  let refusal: ImportProblem | null = null;
  /** One record's caps, then the record to the sink; false when the file is refused. */
  const take = (fields: string[], facts?: RecordBytes): boolean => {
    record++;
    cells += fields.length;
    if (record > limits.rows) refusal = problem(zh.gridFile.tooManyRows(limits.rows), record);
    else if (fields.length > limits.columns) refusal = problem(zh.gridFile.tooManyColumns(limits.columns), record);
    else if (cells > limits.cells) refusal = problem(zh.gridFile.tooManyCells(limits.cells), record);
    if (refusal) return false;
    // No field longer in bytes than the cap: none is longer in characters; only then is nothing looked at again.
    if (facts !== undefined && facts.longestField <= limits.cellChars) {
      if (record === 1 || facts.filled) sink.row({ rowNumber: record, cells: fields, textIds: facts.textIds });
      return true;
    }
    let filled = false;
    for (let i = 0; i < fields.length; i++) {
      const length = fields[i]!.length;
      if (length > limits.cellChars) {
        refusal = problem(zh.gridFile.cellTooLong(limits.cellChars), record, columnLetter(i));
        return false;
      }
      if (length > 0) filled = true;
    }
    // Empty records are skipped by the grid parser anyway; the first is kept so a blank header is reported.
    if (record === 1 || filled) sink.row({ rowNumber: record, cells: fields, textIds: facts?.textIds });
    return true;
  };

  // The common file: UTF-8 without a quote in it, split over its bytes (csv-split.ts).
  const plain = utf16 ? null : plainUtf8Body(bytes);
  if (plain !== null && !hasQuote(plain)) {
    // A blank file holds no control either: blank is told first, controls while splitting.
    if (blankUtf8(plain)) return fail([problem(zh.import.emptyFile)]);
    const layout = guessLayout(plain, DELIMITERS);
    sink.sheet(null);
    if (!splitPlainCsv(plain, layout.delimiter, layout.linebreak, take)) return fail([problem(zh.import.notText)]);
    if (refusal) return fail([refusal]);
    return ok({ source: fileName, sheet: null });
  }

  // Quoted fields, UTF-16 and GBK: decoded, then parsed by papaparse. (A quoted file is decoded
  // first: papaparse reads the spaces after a closing quote as text does, U+3000 among them.)
  const text = decodeText(bytes);
  if (typeof text !== 'string') return fail([problem(text.refused)]);
  if (BINARY_CONTROL.test(text)) return fail([problem(zh.import.notText)]);
  if (text.trim() === '') return fail([problem(zh.import.emptyFile)]);

  sink.sheet(null);
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: DELIMITERS,
    step: (results, parser) => {
      const quote = results.errors.find((e) => e.type === 'Quotes');
      if (quote) {
        // papaparse's own words ("Quoted field unterminated") stay here; the user gets the row.
        refusal = problem(quote.code === 'MissingQuotes' ? zh.gridFile.csvUnterminatedQuote : zh.gridFile.csvBadQuote, record + 1);
        return parser.abort();
      }
      if (!take(results.data)) parser.abort();
    },
  });
  if (refusal) return fail([refusal]);
  return ok({ source: fileName, sheet: null });
}
