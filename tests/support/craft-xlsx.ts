/**
 * Builds xlsx files part by part, so a test can craft exactly the damage it is about (a hidden first
 * sheet, a repeated row, a CRC that does not match, a zip bomb) without a file in the repository.
 * The zip is written by hand (local headers, central directory) with Node's own deflate and CRC.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { columnLetter } from '../../shared/domain/ballot-grid';

export interface ZipEntrySpec {
  name: string;
  data: Uint8Array | string;
  /** 0 stored, 8 deflated (the default). */
  method?: 0 | 8;
  /** Recorded instead of the real CRC-32 / inflated size: for damaged and lying entries. */
  crc?: number;
  uncompressedSize?: number;
  /** Already deflated bytes (a bomb built in pieces), recorded as they are. */
  deflated?: Uint8Array;
}

export function zip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const method = entry.method ?? 8;
    const body = entry.deflated ? Buffer.from(entry.deflated) : method === 8 ? deflateRawSync(raw) : raw;
    const crc = entry.crc ?? crc32(raw);
    const size = entry.uncompressedSize ?? raw.length;
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}


export interface CraftSheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** The <sheetData> content, as written. */
  sheetData: string;
}

export interface CraftBook {
  sheets: CraftSheet[];
  sharedStrings?: string[];
  /** Custom number formats, as (id, code); cell style i+1 uses the i-th. */
  numFmts?: { id: number; code: string }[];
  /** Parts left out, or replaced, by name. */
  omit?: string[];
  replace?: Record<string, string>;
  method?: 0 | 8;
}

/** The parts of a workbook, as Excel lays them out. */
export function bookParts(book: CraftBook): ZipEntrySpec[] {
  const sheetEntries = book.sheets.map((sheet, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${sheet.sheetData}</sheetData></worksheet>`,
  }));
  const fmts = book.numFmts ?? [];
  const parts: ZipEntrySpec[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetEntries.map((s) => `<Override PartName="/${s.name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${book.sheets
        .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state && s.state !== 'visible' ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${book.sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    {
      name: 'xl/styles.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${fmts.length > 0 ? `<numFmts count="${fmts.length}">${fmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`).join('')}</numFmts>` : ''}<cellXfs count="${fmts.length + 1}"><xf numFmtId="0"/>${fmts.map((f) => `<xf numFmtId="${f.id}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`,
    },
    {
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${(book.sharedStrings ?? []).length}">${(book.sharedStrings ?? []).map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join('')}</sst>`,
    },
    ...sheetEntries,
  ];
  return parts
    .filter((p) => !(book.omit ?? []).includes(p.name))
    .map((p) => ({ ...p, data: book.replace?.[p.name] ?? p.data, method: book.method ?? 8 }));
}

export function craftXlsx(book: CraftBook): Buffer {
  return zip(bookParts(book));
}

export interface CellSpec {
  /** Omit the r attribute. */
  noRef?: boolean;
  /** Inline string (default), shared string index, number. */
  kind?: 'inline' | 'shared' | 'number';
  value: string;
  style?: number;
}

/** Rows of cells as sheetData XML; a row's number is written unless `noRowRef`. */
export function sheetDataOf(rows: readonly { number?: number; noRef?: boolean; cells: (CellSpec | null)[] }[]): string {
  let implicit = 0;
  return rows
    .map((row) => {
      const number = row.number ?? implicit + 1;
      implicit = number;
      const cells = row.cells
        .map((cell, c) => {
          if (cell === null) return '';
          const ref = cell.noRef ? '' : ` r="${columnLetter(c)}${number}"`;
          const style = cell.style ? ` s="${cell.style}"` : '';
          if (cell.kind === 'shared') return `<c${ref}${style} t="s"><v>${cell.value}</v></c>`;
          if (cell.kind === 'number') return `<c${ref}${style}><v>${cell.value}</v></c>`;
          return `<c${ref}${style} t="inlineStr"><is><t>${escapeXml(cell.value)}</t></is></c>`;
        })
        .join('');
      return `<row${row.noRef ? '' : ` r="${number}"`}>${cells}</row>`;
    })
    .join('');
}

/** A ballot grid (票号 + candidates) as rows of inline strings. */
export function ballotRows(names: readonly string[], ballots: readonly string[][]): { number?: number; cells: CellSpec[] }[] {
  return [{ cells: ['票号', ...names].map((value) => ({ value })) }, ...ballots.map((marks, i) => ({ cells: [String(i + 1), ...marks].map((value) => ({ value })) }))];
}
