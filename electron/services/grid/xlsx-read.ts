/**
 * An xlsx read as a ballot grid, streaming: the workbook's sheet list, its number formats and shared
 * strings, then the one sheet, each part inflated and scanned as it comes out of the zip. Every cap
 * is checked at the element that crosses it. The sheet read is the first visible worksheet (hidden
 * and very hidden ones are skipped), or the one named; when another visible sheet also looks like a
 * grid the file is refused, asking which. Structural damage (rows or cells repeated or out of order,
 * a shared string that is not there, a part missing) is refused at its place, never passed over.
 */
import path from 'node:path/posix';
import type { GridRowSink, ImportProblem } from '../../../shared/domain/ballot-grid';
import { columnLetter } from '../../../shared/domain/ballot-grid';
import type { Result } from '../../../shared/domain/result';
import { fail, ok } from '../../../shared/domain/result';
import { zh } from '../../../shared/messages/zh-CN';
import type { GridLimits } from './caps';
import { formatKind, kindOfCode, serialToIsoDate } from './number-format';
import type { FormatKind } from './number-format';
import { XmlFaultError, XmlScanner } from './xml-scan';
import type { XmlHandler } from './xml-scan';
import { StopReading, ZipFaultError, ZipParts } from './zip-parts';

const z = zh.gridFile;
/** Cell types of one letter (s, n, b, e, d), made once. */
const ONE_CHAR: Record<number, string> = { 115: 's', 110: 'n', 98: 'b', 101: 'e', 100: 'd' };
const MB = 1024 * 1024;

/** A refusal inside a part, at a cell or row when it has one. */
class GridFault extends Error {
  constructor(
    readonly text: string,
    readonly row: number | null = null,
    readonly column: string | null = null,
    readonly value: string | null = null,
  ) {
    super(text);
  }
}

interface SheetEntry {
  name: string;
  hidden: boolean;
  part: string;
}

interface Workbook {
  sheets: SheetEntry[];
  date1904: boolean;
}

/** Resolves a relationship's target against the folder of the part that holds it. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.normalize(path.join(path.dirname(fromPart), target)).replace(/^(\.\.\/)+/, '');
}

function relsPartOf(part: string): string {
  return path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
}

/** Reads the sheet's rows into `sink` as they are scanned; the answer is whether the whole sheet could be read, and which it was. */
export async function readXlsxGrid(
  bytes: Uint8Array,
  fileName: string,
  limits: GridLimits,
  wantedSheet: string | undefined,
  sink: GridRowSink,
  plainCells = true,
): Promise<Result<{ source: string; sheet: string }, ImportProblem>> {
  const problem = (message: string, sheet: string | null = null, row: number | null = null, column: string | null = null, value: string | null = null): ImportProblem => ({
    source: fileName,
    sheet,
    row,
    column,
    header: null,
    value,
    message,
  });
  let zip: ZipParts;
  try {
    zip = await ZipParts.open(bytes, { totalInflated: limits.inflatedBytes });
  } catch (error) {
    return fail([problem(error instanceof ZipFaultError ? zipMessage(error) : zh.import.truncatedXlsx)]);
  }
  let sheetName: string | null = null;
  try {
    if (zip.has('mimetype') || (zip.has('content.xml') && !zip.has('[Content_Types].xml'))) return fail([problem(z.odsFile)]);
    const workbookPart = await officeDocumentPart(zip, limits);
    const workbook = await readWorkbook(zip, workbookPart, limits);
    const sheet = chooseSheet(workbook, wantedSheet);
    sheetName = sheet.name;
    const formats = await readStyles(zip, workbookPart, limits);
    const strings = await readSharedStrings(zip, workbookPart, limits);
    if (wantedSheet === undefined) {
      const visible = workbook.sheets.filter((s) => !s.hidden);
      if (visible.length > 1) {
        const gridLike: string[] = [];
        for (const other of visible) if (await looksLikeGrid(zip, other, strings, limits)) gridLike.push(other.name);
        if (gridLike.length > 1) return fail([{ ...problem(z.severalGrids(gridLike)), sheets: gridLike }]);
      }
    }
    sink.sheet(sheet.name);
    await readSheetRows(zip, sheet.part, { plainCells, strings, formats, date1904: workbook.date1904, limits }, sink);
    return ok({ source: fileName, sheet: sheet.name });
  } catch (error) {
    if (error instanceof GridFault) return fail([problem(error.text, sheetName, error.row, error.column, error.value)]);
    if (error instanceof ZipFaultError) return fail([problem(zipMessage(error), sheetName)]);
    throw error;
  } finally {
    zip.close();
  }
}

function zipMessage(error: ZipFaultError): string {
  const f = error.fault;
  switch (f.kind) {
    case 'notZip':
      return zh.import.truncatedXlsx;
    case 'tooManyEntries':
      return z.tooManyParts(10_000);
    case 'duplicateEntry':
      return z.duplicatePart(f.part);
    case 'encryptedEntry':
      return z.encryptedPart(f.part);
    case 'damagedEntry':
      return z.damagedPart(f.part);
    case 'crcMismatch':
      return z.crcMismatch(f.part);
    case 'partTooLarge':
      return z.partTooLarge(f.part, Math.round(f.limit / MB));
    case 'inflatedTooLarge':
      return z.inflatedTooLarge(Math.round(f.limit / MB));
  }
}

/** Scans one part with a handler; false when the part is absent. XML faults become located messages. */
async function scanPart(zip: ZipParts, part: string, partLimit: number, make: (scanner: XmlScanner) => XmlHandler): Promise<boolean> {
  const scanner = new XmlScanner();
  scanner.handler = make(scanner);
  let stopped = false;
  try {
    const found = await zip.read(part, partLimit, (chunk) => {
      try {
        scanner.push(chunk);
      } catch (error) {
        if (error instanceof StopReading) stopped = true;
        throw error;
      }
    });
    if (!found) return false;
    if (!stopped) {
      try {
        scanner.end();
      } catch (error) {
        if (!(error instanceof StopReading)) throw error;
      }
    }
    return true;
  } catch (error) {
    if (error instanceof XmlFaultError) {
      const message = { broken: z.brokenXml, doctype: z.xmlDoctype, encoding: z.xmlEncoding, tooDeep: z.xmlTooDeep }[error.fault](part);
      throw new GridFault(message);
    }
    throw error;
  }
}

/** The workbook part named by the package's root relationships (xl/workbook.xml when it has none). */
async function officeDocumentPart(zip: ZipParts, limits: GridLimits): Promise<string> {
  let target: string | null = null;
  await scanPart(zip, '_rels/.rels', limits.smallPartBytes, (scanner) => ({
    open(name) {
      if (name === 'Relationship' && target === null && (scanner.attr('Type') ?? '').endsWith('/officeDocument')) target = scanner.attr('Target') ?? null;
    },
    close() {},
    text() {},
  }));
  const part = target === null ? 'xl/workbook.xml' : resolveTarget('', target);
  if (!zip.has(part)) throw new GridFault(z.missingPart(part));
  return part;
}

async function readRelationships(zip: ZipParts, part: string, limits: GridLimits): Promise<Map<string, { target: string; type: string }>> {
  const rels = new Map<string, { target: string; type: string }>();
  await scanPart(zip, relsPartOf(part), limits.smallPartBytes, (scanner) => ({
    open(name) {
      if (name !== 'Relationship') return;
      const id = scanner.attr('Id');
      const target = scanner.attr('Target');
      if (id !== undefined && target !== undefined && scanner.attr('TargetMode') !== 'External') {
        rels.set(id, { target: resolveTarget(part, target), type: scanner.attr('Type') ?? '' });
      }
    },
    close() {},
    text() {},
  }));
  return rels;
}

async function readWorkbook(zip: ZipParts, workbookPart: string, limits: GridLimits): Promise<Workbook> {
  const rels = await readRelationships(zip, workbookPart, limits);
  const listed: { name: string; hidden: boolean; id: string | undefined }[] = [];
  let date1904 = false;
  await scanPart(zip, workbookPart, limits.smallPartBytes, (scanner) => ({
    open(name) {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(scanner.attr('date1904') ?? '');
      if (name === 'sheet') {
        const state = scanner.attr('state');
        listed.push({ name: scanner.attr('name') ?? '', hidden: state === 'hidden' || state === 'veryHidden', id: scanner.prefixedAttr('id') });
      }
    },
    close() {},
    text() {},
  }));
  const sheets: SheetEntry[] = [];
  for (const sheet of listed) {
    const rel = sheet.id === undefined ? undefined : rels.get(sheet.id);
    // Chart sheets and dialog sheets hold no cells: only worksheets are grids.
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    if (!zip.has(rel.target)) throw new GridFault(z.missingPart(rel.target));
    sheets.push({ name: sheet.name, hidden: sheet.hidden, part: rel.target });
  }
  if (sheets.length === 0) throw new GridFault(zh.import.noWorksheet);
  return { sheets, date1904 };
}

function chooseSheet(workbook: Workbook, wanted: string | undefined): SheetEntry {
  if (wanted !== undefined) {
    const named = workbook.sheets.find((s) => s.name === wanted) ?? workbook.sheets.find((s) => s.name.trim() === wanted.trim());
    if (!named) throw new GridFault(z.sheetNotFound(wanted, workbook.sheets.map((s) => s.name)));
    return named;
  }
  const visible = workbook.sheets.find((s) => !s.hidden);
  if (!visible) throw new GridFault(z.noVisibleSheet);
  return visible;
}

interface Formats {
  /** By cell style index (`s`), what its number format does. */
  kinds: FormatKind[];
  codes: string[];
}

async function readStyles(zip: ZipParts, workbookPart: string, limits: GridLimits): Promise<Formats> {
  const rels = await readRelationships(zip, workbookPart, limits);
  const stylesPart = [...rels.values()].find((r) => r.type.endsWith('/styles'))?.target ?? 'xl/styles.xml';
  const declared = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await scanPart(zip, stylesPart, limits.smallPartBytes, (scanner) => ({
    open(name) {
      if (name === 'numFmt') declared.set(Number(scanner.attr('numFmtId')), scanner.attr('formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(scanner.attr('numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  }));
  return {
    kinds: xfFormats.map((id) => (declared.has(id) ? kindOfCode(declared.get(id)!) : formatKind(id, undefined))),
    codes: xfFormats.map((id) => declared.get(id) ?? `#${id}`),
  };
}

async function readSharedStrings(zip: ZipParts, workbookPart: string, limits: GridLimits): Promise<string[]> {
  const rels = await readRelationships(zip, workbookPart, limits);
  const part = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
  const strings: string[] = [];
  let chars = 0;
  let current = '';
  let inItem = false;
  let phoneticDepth = 0;
  await scanPart(zip, part, limits.sharedStringBytes, (scanner) => ({
    open(name) {
      if (name === 'si') {
        if (strings.length >= limits.sharedStrings) throw new GridFault(z.tooManySharedStrings(limits.sharedStrings));
        inItem = true;
        current = '';
      } else if (name === 'rPh') phoneticDepth++;
      // Phonetic runs (rPh) are furigana above the text, not the text.
      else if (name === 't' && inItem && phoneticDepth === 0) scanner.collecting = true;
    },
    close(name) {
      if (name === 't') scanner.collecting = false;
      else if (name === 'rPh') phoneticDepth--;
      else if (name === 'si') {
        inItem = false;
        strings.push(current);
      }
    },
    text(piece) {
      current += piece;
      chars += piece.length;
      if (current.length > limits.cellChars) throw new GridFault(z.cellTooLong(limits.cellChars));
      if (chars > limits.sharedStringChars) throw new GridFault(z.sharedStringsTooLong(Math.round(limits.sharedStringChars / MB)));
    },
  }));
  return strings;
}

/** A probe of another visible sheet: a header of two or more cells and at least one row below it. */
async function looksLikeGrid(zip: ZipParts, sheet: SheetEntry, strings: readonly string[], limits: GridLimits): Promise<boolean> {
  let filledRows = 0;
  let firstRowCells = 0;
  let cellsInRow = 0;
  let cellHasValue = false;
  let seen = false;
  await scanPart(zip, sheet.part, limits.inflatedBytes, (scanner) => ({
    open(name) {
      if (name === 'row') cellsInRow = 0;
      else if (name === 'c') cellHasValue = false;
      else if (name === 'v' || name === 't') scanner.collecting = true;
    },
    close(name) {
      if (name === 'v' || name === 't') scanner.collecting = false;
      else if (name === 'c' && cellHasValue) cellsInRow++;
      else if (name === 'row' && cellsInRow > 0) {
        filledRows++;
        if (filledRows === 1) firstRowCells = cellsInRow;
        if (filledRows >= 2) {
          seen = firstRowCells >= 2;
          throw new StopReading();
        }
      }
    },
    text(piece) {
      if (piece.trim() !== '') cellHasValue = true;
      void strings;
    },
  }));
  return seen;
}

interface SheetContext {
  /** Plain cells by the scanner's quick path (off only in tests that compare the two paths). */
  plainCells: boolean;
  strings: readonly string[];
  formats: Formats;
  date1904: boolean;
  limits: GridLimits;
}

/** The sheet's rows of cell texts, as a user sees them, each handed to the sink when it closes. */
async function readSheetRows(zip: ZipParts, part: string, context: SheetContext, sink: GridRowSink): Promise<void> {
  const { strings, formats, date1904, limits } = context;
  let inSheetData = false;
  let rowNumber = 0;
  const cells: (string | null)[] = [];
  let rowHasText = false;
  let inRow = false;
  let column = 0;
  let cellCount = 0;
  // The cell being read.
  let type = 'n';
  let style = 0;
  let value = '';
  /** A shared-string index read from the bytes, or -1. */
  let sharedIndex = -1;
  let inlineText = '';
  let hasValue = false;
  let hasFormula = false;
  let inInline = false;
  let target: 'v' | 'inline' | 'formula' | null = null;
  let phoneticDepth = 0;
  const fault = (text: string, value: string | null = null) => new GridFault(text, rowNumber || null, column > 0 ? columnLetter(column - 1) : null, value);

  const found = await scanPart(zip, part, limits.inflatedBytes, (scanner) => ({
    open(name) {
      if (name === 'sheetData') {
        inSheetData = true;
        return;
      }
      if (!inSheetData) return;
      if (name === 'c') {
        // A cell outside any row would land in the row before: the structure is broken.
        if (!inRow) throw new GridFault(z.cellOutsideRow(scanner.attr('r') ?? ''), rowNumber > 0 ? rowNumber : null, null);
        if (++cellCount > limits.cells) throw fault(z.tooManyCells(limits.cells));
        // The reference, type and style are read from the bytes: a sheet has millions of cells.
        const ref = scanner.attrCellRef('r');
        if (ref === 0) {
          column++;
        } else {
          if (ref === -1) throw fault(z.badCellAddress(scanner.attr('r') ?? ''));
          if (scanner.refRow !== rowNumber) throw fault(z.cellOutsideRow(scanner.attr('r')!));
          if (scanner.refColumn <= column) {
            column = scanner.refColumn;
            throw fault(z.cellNotIncreasing(scanner.attr('r')!));
          }
          column = scanner.refColumn;
        }
        if (column > limits.columns) throw new GridFault(z.tooManyColumns(limits.columns), rowNumber, null);
        const typeChar = scanner.attrChar('t');
        type = typeChar === -1 ? 'n' : typeChar === 0 ? (scanner.attr('t') ?? '') : ONE_CHAR[typeChar] ?? String.fromCharCode(typeChar);
        const styleIndex = scanner.attrUint('s');
        style = styleIndex < 0 ? 0 : styleIndex;
        value = '';
        sharedIndex = -1;
        inlineText = '';
        hasValue = false;
        hasFormula = false;
      } else if (name === 'row') {
        const r = scanner.attrUint('r');
        const previous = rowNumber;
        if (r === -1) {
          rowNumber++;
        } else {
          if (!(r >= 1 && r <= limits.rows)) {
            const text = scanner.attr('r') ?? '';
            throw new GridFault(r > limits.rows ? z.tooManyRows(limits.rows) : z.badRowNumber(text), previous + 1, null, text);
          }
          if (r <= previous) throw new GridFault(z.rowNotIncreasing(previous), r, null);
          rowNumber = r;
        }
        if (rowNumber > limits.rows) throw new GridFault(z.tooManyRows(limits.rows), rowNumber, null);
        column = 0;
        // One array for every row, emptied for the next: the sink copies what it keeps (GridRowSink).
        cells.length = 0;
        rowHasText = false;
        inRow = true;
        scanner.plainCells = context.plainCells;
      } else if (name === 'v') {
        hasValue = true;
        target = 'v';
        scanner.collecting = true;
      } else if (name === 'f') {
        hasFormula = true;
      } else if (name === 'is') {
        inInline = true;
      } else if (name === 'rPh') {
        phoneticDepth++;
      } else if (name === 't' && inInline && phoneticDepth === 0) {
        target = 'inline';
        scanner.collecting = true;
      }
    },
    close(name) {
      if (name === 'sheetData') {
        inSheetData = false;
        return;
      }
      if (!inSheetData) return;
      if (name === 'v' || name === 't') {
        scanner.collecting = false;
        target = null;
      } else if (name === 'is') inInline = false;
      else if (name === 'rPh') phoneticDepth--;
      else if (name === 'c') {
        const text = cellText();
        if (text !== '') {
          cells[column - 1] = text;
          rowHasText = true;
        }
      } else if (name === 'row') {
        inRow = false;
        scanner.plainCells = false;
        if (rowHasText) {
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          sink.row({ rowNumber, cells });
        }
      }
    },
    plainCell(bytes, valueStart, valueEnd) {
      // The same steps as the general path takes for these tags, without parsing them one by one.
      this.open('c', false);
      if (valueStart !== -1) {
        this.open('v', false);
        if (valueEnd > valueStart) this.rawText!(bytes, valueStart, valueEnd);
        this.close('v');
      }
      this.close('c');
    },
    rawText(bytes, start, end) {
      // A shared-string index straight from the bytes, the common case of every cell Excel writes.
      if (target === 'v' && type === 's' && value === '' && sharedIndex === -1 && end - start <= 9) {
        let index = 0;
        let i = start;
        for (; i < end; i++) {
          const c = bytes[i]!;
          if (c < 48 || c > 57) break;
          index = index * 10 + (c - 48);
        }
        if (i === end) {
          sharedIndex = index;
          return;
        }
      }
      this.text(bytes.toString('utf8', start, end));
    },
    text(piece) {
      if (target === 'v') {
        if (sharedIndex !== -1) {
          value = String(sharedIndex);
          sharedIndex = -1;
        }
        value += piece;
        if (value.length > limits.cellChars) throw fault(z.cellTooLong(limits.cellChars));
      } else if (target === 'inline') {
        inlineText += piece;
        if (inlineText.length > limits.cellChars) throw fault(z.cellTooLong(limits.cellChars));
      }
    },
  }));
  if (!found) throw new GridFault(z.missingPart(part));

  function cellText(): string {
    switch (type) {
      case 's': {
        if (!hasValue) return '';
        if (sharedIndex !== -1) {
          if (sharedIndex >= strings.length) throw fault(z.sharedStringOutOfRange(String(sharedIndex), strings.length));
          return strings[sharedIndex]!;
        }
        const index = value.trim();
        const i = /^\d+$/.test(index) ? Number(index) : -1;
        if (i < 0 || i >= strings.length) throw fault(z.sharedStringOutOfRange(index, strings.length));
        return strings[i]!;
      }
      case 'inlineStr':
        return inlineText;
      case 'str':
        if (!hasValue) return hasFormula ? missingResult() : '';
        return value;
      case 'b':
        if (!hasValue) return hasFormula ? missingResult() : '';
        if (value.trim() === '1') return 'TRUE';
        if (value.trim() === '0') return 'FALSE';
        throw fault(z.badBoolean(value));
      case 'e':
        throw fault(zh.import.errorCell(value));
      case 'd':
        return value.slice(0, 10);
      default: {
        if (!hasValue || value.trim() === '') return hasFormula ? missingResult() : '';
        const number = Number(value);
        if (!Number.isFinite(number) || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) throw fault(z.badNumber(value));
        const kind = formats.kinds[style] ?? 'plain';
        if (kind === 'showsText') throw fault(z.numberShownAsText(String(number), formats.codes[style] ?? ''));
        if (kind === 'date') return serialToIsoDate(number, date1904) ?? String(number);
        return String(number);
      }
    }
  }

  function missingResult(): never {
    throw fault(zh.import.formulaWithoutResult);
  }
}
