/**
 * The reader's quick paths read every file exactly as its general paths do: a CSV without quotes
 * split over its bytes gives papaparse's records for the decoded text (byte order marks and all),
 * and the scanner's plain-cell path gives what the general XML path gives, for well-formed and
 * damaged sheets alike, split across inflated pieces or not.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { GridRow } from '../../../shared/domain/ballot-grid';
import { columnLetter } from '../../../shared/domain/ballot-grid';
import { zh } from '../../../shared/messages/zh-CN';
import { bookParts, zip } from '../../../tests/support/craft-xlsx';
import { readGridFile } from '../grid-file';

const BOM = '\ufeff';

/** What papaparse makes of the decoded text, as rows the way the reader keeps them. */
function papaparseRows(text: string): GridRow[] {
  const data = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';'] }).data;
  return data.map((cells, i) => ({ rowNumber: i + 1, cells })).filter((row, i) => i === 0 || row.cells.some((c) => c !== ''));
}

const FIELDS = ['优秀', '称职', '基本称职', '不称职', '', ' ', '　', '1', '27', '√', '废', 'a b', '张明', '𠀾', '票号', 'x;y', 'é'];

/** A CSV's text: records of fields from FIELDS, a delimiter, line breaks (mixed, sometimes), an ending. */
const csvText = (quoted: boolean) =>
  fc
    .record({
      records: fc.array(fc.array(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 14 }),
      delimiter: fc.constantFrom(',', '\t', ';'),
      linebreak: fc.constantFrom('\n', '\r\n', '\r'),
      stray: fc.array(fc.nat({ max: 13 }), { maxLength: 3 }),
      end: fc.constantFrom('', '\n', '\r\n', '\n\n'),
      boms: fc.constantFrom(0, 1, 2, 3),
    })
    .map(({ records, delimiter, linebreak, stray, end, boms }) => {
      const field = (f: string, i: number) => (quoted && i % 3 === 1 ? `"${f.replace(/"/g, '""')}${i % 2 === 0 ? `"" ,${delimiter}` : ''}"` : f);
      const lines = records.map((r) => r.map(field).join(delimiter));
      // Now and then another line break among the others (papaparse keeps it inside a field).
      const others = ['\n', '\r', '\r\n'].filter((b) => b !== linebreak);
      const breaks = lines.map((_, i) => (stray.includes(i) ? others[i % 2]! : linebreak));
      const body = lines.map((line, i) => (i === 0 ? line : breaks[i - 1]! + line)).join('');
      return BOM.repeat(boms) + body + end;
    });

describe('a CSV read over its bytes', () => {
  it('gives papaparse’s records and fields for any UTF-8 file without quotes', async () => {
    await fc.assert(
      fc.asyncProperty(csvText(false), async (text) => {
        const read = await readGridFile(Buffer.from(text, 'utf8'), '选票.csv');
        const decoded = text.startsWith(BOM) ? text.slice(1) : text; // the reader drops one mark, papaparse the next
        const blank = decoded.replace(/^\ufeff/, '').trim() === '';
        if (blank) {
          expect(read.ok ? null : read.errors[0]!.message).toBe(zh.import.emptyFile);
          return;
        }
        expect(read.ok ? read.value.rows : read.errors).toEqual(papaparseRows(decoded));
      }),
      { numRuns: 400 },
    );
  });

  it('and a quoted file gives papaparse’s fields for its decoded text', async () => {
    await fc.assert(
      fc.asyncProperty(csvText(true), async (text) => {
        const read = await readGridFile(Buffer.from(text, 'utf8'), '选票.csv');
        const decoded = text.startsWith(BOM) ? text.slice(1) : text;
        if (decoded.replace(/^\ufeff/, '').trim() === '') {
          expect(read.ok ? null : read.errors[0]!.message).toBe(zh.import.emptyFile);
          return;
        }
        const rows = papaparseRows(decoded);
        const quotesOk = Papa.parse(decoded.replace(/^\ufeff/, ''), { delimitersToGuess: [',', '\t', ';'] }).errors.every((e) => e.type !== 'Quotes');
        if (!quotesOk) {
          expect(read.ok).toBe(false);
          return;
        }
        expect(read.ok ? read.value.rows : read.errors).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a control character as not text wherever it is, even past another refusal', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i + 1},优秀,称职`);
    for (const at of [0, 5, 29]) {
      const lines = [...rows];
      lines[at] = `${lines[at]!}\u0007`;
      const read = await readGridFile(Buffer.from(`票号,张明,王芳\n${lines.join('\n')}`, 'utf8'), '选票.csv', { limits: { rows: 10 } });
      expect(read.ok ? null : read.errors[0]!.message).toBe(zh.import.notText);
    }
    // Without the control the same file is refused for its rows, at the row past the cap.
    const read = await readGridFile(Buffer.from(`票号,张明,王芳\n${rows.join('\n')}`, 'utf8'), '选票.csv', { limits: { rows: 10 } });
    expect(read.ok ? null : [read.errors[0]!.message, read.errors[0]!.row]).toEqual([zh.gridFile.tooManyRows(10), 11]);
  });

  it('reads a file of only ideographic spaces as empty, as its text is', async () => {
    const read = await readGridFile(Buffer.from('　　\n　', 'utf8'), '选票.csv');
    expect(read.ok ? null : read.errors[0]!.message).toBe(zh.import.emptyFile);
  });
});

/** A cell written one of the many ways a spreadsheet part may write it. */
const cellVariants = (ref: string) => [
  `<c r="${ref}" t="s"><v>1</v></c>`,
  `<c r="${ref}" s="1" t="s"><v>0</v></c>`,
  `<c t="s" r="${ref}"><v>2</v></c>`,
  `<c r="${ref}"><v>3</v></c>`,
  `<c r="${ref}"><v>2.50</v></c>`,
  `<c r="${ref}"/>`,
  `<c r="${ref}" s="1"/>`,
  `<c r="${ref}" s="1"></c>`,
  `<c r="${ref}" t="s"><v></v></c>`,
  `<c  r="${ref}"  t="s" ><v>1</v></c>`,
  `<c r='${ref}' t="s"><v>1</v></c>`,
  `<c r="${ref}" t="s"><v>1</v ></c>`,
  `<c r="${ref}" t="s">\n<v>1</v></c>`,
  `<c r="${ref}" t="s"><v>&#49;</v></c>`,
  `<c r="${ref}" t="inlineStr"><is><t>称职</t></is></c>`,
  `<c r="${ref}" t="str"><f>A1</f><v>优秀</v></c>`,
  `<c r="${ref}" t="str"><v>基本称职</v></c>`,
  `<c r="${ref}" cm="1" t="s"><v>1</v></c>`,
  `<c r="${ref}" r="${ref}" t="s"><v>1</v></c>`,
  `<c r="${ref}" t="s"><v>9</v></c>`,
  `<c r="${ref}" t="b"><v>1</v></c>`,
  `<c r="${ref}" t="e"><v>#N/A</v></c>`,
  `<c r="${ref}" t="s"><v>1</v></c   >`,
  `<c r="${ref}" t="s"><v>1</v><v>2</v></c>`,
  `<c r="${ref}" t="s"><v>1<x/></v></c>`,
  `<c r="" t="s"><v>1</v></c>`,
  `<c r="${ref}" t=""><v>1</v></c>`,
  `<c r="${ref}" s="x"><v>1</v></c>`,
  `<c t="s"><v>1</v></c>`,
  `<cx r="${ref}"/>`,
  `<c r="${ref}" t="s"><v>1</v></c`,
];

function book(sheetData: string): Buffer {
  return zip(bookParts({ sheets: [{ name: '选票', sheetData }], sharedStrings: ['票号', '优秀', '称职'], numFmts: [{ id: 164, code: '0.00' }] }));
}

async function bothPaths(bytes: Buffer) {
  const quick = await readGridFile(bytes, '选票.xlsx');
  const general = await readGridFile(bytes, '选票.xlsx', { generalXmlOnly: true });
  return { quick, general };
}

describe('the scanner’s plain-cell path', () => {
  it('reads any mixture of cell spellings, good and bad, as the general path does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), async (rows) => {
        const sheetData = rows
          .map((cells, r) => `<row r="${r + 1}">${cells.map((pick, c) => cellVariants(`${columnLetter(c)}${r + 1}`)[pick % cellVariants('A1').length]).join('')}</row>`)
          .join('');
        const { quick, general } = await bothPaths(book(sheetData));
        expect(quick).toEqual(general);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a sheet larger than one inflated piece the same, cells cut at every boundary', async () => {
    // About 1.5 MB of cells: pieces of 256 KB end inside cells, tags and values.
    const valid = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16];
    const rows: string[] = [];
    for (let r = 1; r <= 2500; r++) {
      const cells = Array.from({ length: 20 }, (_, c) => cellVariants(`${columnLetter(c)}${r}`)[valid[(r * 7 + c * 3) % valid.length]!]).join('');
      rows.push(`<row r="${r}">${cells}</row>`);
    }
    const { quick, general } = await bothPaths(book(rows.join('')));
    expect(quick.ok ? null : quick.errors).toBe(null);
    expect(quick).toEqual(general);
  });

  it('refuses damage the same way: a byte changed anywhere in a sheet of plain cells', async () => {
    const sheetData = Array.from({ length: 8 }, (_, r) => `<row r="${r + 1}">${[0, 1, 2, 3].map((c) => `<c r="${columnLetter(c)}${r + 1}" t="s"><v>${(r + c) % 3}</v></c>`).join('')}</row>`).join('');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: sheetData.length - 1 }), fc.constantFrom('<', '>', '&', '"', '/', ' ', 'v', 'c', '9', ''), async (at, put) => {
        const { quick, general } = await bothPaths(book(sheetData.slice(0, at) + put + sheetData.slice(at + 1)));
        expect(quick).toEqual(general);
      }),
      { numRuns: 400 },
    );
  });
});
