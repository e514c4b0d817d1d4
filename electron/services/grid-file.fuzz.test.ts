/**
 * The grid reader against crafted and damaged files, one generator per class of damage (issue 13):
 * each input is either refused with a Chinese message that says where (file, sheet, row, column),
 * or read exactly as a spreadsheet shows it. A count never changes silently, nothing throws, no
 * library's English reaches the user, and no case needs a large file (caps are reached by
 * generators, with smaller caps where the real one would take hundreds of megabytes).
 */
import { closeSync, mkdtempSync, openSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellGrid, ImportProblem } from '../../shared/domain/ballot-grid';
import { formatImportProblems } from '../../shared/domain/ballot-grid';
import { presetForm } from '../../shared/domain/forms';
import { DEFAULT_QUORUM } from '../../shared/domain/meeting';
import type { Result } from '../../shared/domain/result';
import { zh } from '../../shared/messages/zh-CN';
import { ballotRows, bookParts, craftXlsx, sheetDataOf, zip } from '../../tests/support/craft-xlsx';
import type { CellSpec } from '../../tests/support/craft-xlsx';
import { readCappedBytes, readGridFile } from './grid-file';
import { meetingFromGridFile } from './meeting-from-grid';

const FORM = presetForm('evaluation-4');
const LABELS = FORM.questions[0]!.options.map((o) => o.label);
const NAMES = ['张明', '王芳', '李华'];
// Words of the libraries underneath (papaparse, yauzl, zlib, the XML scanner) that must never be shown.
const LIBRARY_WORDS = /Quoted field|unterminated|uncompressed|mismatch|undefined entity|Cannot read|invalid|Error|end of central|stream|TypeError|at \w+ \(/i;

function refusal(result: Result<CellGrid, ImportProblem>): ImportProblem[] {
  if (result.ok) throw new Error(`expected a refusal, read ${result.value.rows.length} rows`);
  return result.errors;
}

function expectCleanMessage(problems: readonly ImportProblem[], file: string) {
  const text = formatImportProblems(problems);
  expect(text).toContain(`文件“${file}”`);
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text.replace(file, '')).not.toMatch(LIBRARY_WORDS);
  expect(text).not.toContain(zh.host.unexpected);
}

async function ballotsIn(bytes: Uint8Array, file: string, sheet?: string) {
  const meeting = await meetingFromGridFile(bytes, file, FORM, {}, DEFAULT_QUORUM, sheet === undefined ? {} : { sheet });
  if (!meeting.ok) throw new Error(formatImportProblems(meeting.errors));
  return meeting.value;
}

const marks = (n: number) => Array.from({ length: n }, (_, i) => NAMES.map((_, c) => LABELS[(i + c) % 4]!));

describe('which sheet is read', () => {
  it('skips a hidden or very hidden first sheet, reads the first visible one, and names it', async () => {
    for (const state of ['hidden', 'veryHidden'] as const) {
      const bytes = craftXlsx({
        sheets: [
          { name: '旧数据', state, sheetData: sheetDataOf(ballotRows(NAMES, marks(30))) },
          { name: '选票', sheetData: sheetDataOf(ballotRows(NAMES, marks(12))) },
        ],
      });
      const meeting = await ballotsIn(bytes, 'hidden.xlsx');
      expect(meeting.sheet).toBe('选票');
      expect(meeting.ballots).toHaveLength(12);
    }
  });

  it('refuses two visible sheets that both look like grids, naming both; reads the one asked for', async () => {
    const bytes = craftXlsx({
      sheets: [
        { name: '第一组', sheetData: sheetDataOf(ballotRows(NAMES, marks(5))) },
        { name: '第二组', sheetData: sheetDataOf(ballotRows(NAMES, marks(7))) },
      ],
    });
    const problems = refusal(await readGridFile(bytes, 'two.xlsx'));
    expect(problems[0]!.message).toBe(zh.gridFile.severalGrids(['第一组', '第二组']));
    expectCleanMessage(problems, 'two.xlsx');
    expect((await ballotsIn(bytes, 'two.xlsx', '第二组')).ballots).toHaveLength(7);
    expect(refusal(await readGridFile(bytes, 'two.xlsx', { sheet: '第三组' }))[0]!.message).toBe(zh.gridFile.sheetNotFound('第三组', ['第一组', '第二组']));
  });

  it('reads the first visible sheet when the other visible one is a note, not a grid', async () => {
    const bytes = craftXlsx({
      sheets: [
        { name: '选票', sheetData: sheetDataOf(ballotRows(NAMES, marks(4))) },
        { name: '说明', sheetData: sheetDataOf([{ cells: [{ value: '本表由计票组填写' }] }]) },
      ],
    });
    expect((await ballotsIn(bytes, 'note.xlsx')).ballots).toHaveLength(4);
  });
});

describe('structural damage is refused at its place', () => {
  const grid = (rows: { number?: number; noRef?: boolean; cells: (CellSpec | null)[] }[]) => craftXlsx({ sheets: [{ name: '选票', sheetData: sheetDataOf(rows) }] });

  it('a repeated, zero or decreasing row number', async () => {
    const rows = ballotRows(NAMES, marks(12));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 12 }), fc.constantFrom('repeat', 'zero', 'decrease'), async (at, kind) => {
        const damaged = rows.map((row, i) => ({ ...row, number: i + 1 }));
        damaged[at]!.number = kind === 'repeat' ? at : kind === 'zero' ? 0 : at - 1;
        const problems = refusal(await readGridFile(grid(damaged), 'rows.xlsx'));
        expect(problems[0]!.sheet).toBe('选票');
        expect(problems[0]!.row).not.toBeNull();
        expectCleanMessage(problems, 'rows.xlsx');
      }),
      { numRuns: 30 },
    );
    const repeated = rows.map((row, i) => ({ ...row, number: i + 1 }));
    repeated[4]!.number = 4;
    expect(refusal(await readGridFile(grid(repeated), 'r.xlsx'))[0]).toMatchObject({ row: 4, message: zh.gridFile.rowNotIncreasing(4) });
  });

  it('two cells addressed B3, or cells out of order', async () => {
    const sheetData = `<row r="1"><c r="A1" t="inlineStr"><is><t>票号</t></is></c><c r="B1" t="inlineStr"><is><t>张明</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>优秀</t></is></c></row><row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><t>优秀</t></is></c><c r="B3" t="inlineStr"><is><t>不称职</t></is></c></row>`;
    const problems = refusal(await readGridFile(craftXlsx({ sheets: [{ name: '选票', sheetData }] }), 'b3.xlsx'));
    expect(problems[0]).toMatchObject({ sheet: '选票', row: 3, column: 'B', message: zh.gridFile.cellNotIncreasing('B3') });
    const clean = sheetDataOf(ballotRows(NAMES, marks(3)));
    expect(refusal(await readGridFile(craftXlsx({ sheets: [{ name: '选票', sheetData: `${clean}<c r="A9"><v>9</v></c>` }] }), 'loose.xlsx'))[0]!.message).toBe(zh.gridFile.cellOutsideRow('A9'));
    const outside = sheetData.replace('<c r="A3">', '<c r="A4">');
    expect(refusal(await readGridFile(craftXlsx({ sheets: [{ name: '选票', sheetData: outside }] }), 'b3.xlsx'))[0]).toMatchObject({ row: 3, message: zh.gridFile.cellOutsideRow('A4') });
  });

  it('cells and rows without the optional r attribute are read in order, the same as with it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.option(fc.constantFrom(...LABELS), { freq: 4 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        async (ballots, dropRowRefs) => {
          const rows = ballotRows(NAMES, ballots.map((b) => b.map((m) => m ?? '')));
          const withRefs = await readGridFile(grid(rows), 'r.xlsx');
          const without = await readGridFile(grid(rows.map((row) => ({ ...row, noRef: dropRowRefs, cells: row.cells.map((c) => ({ ...c, noRef: true })) }))), 'r.xlsx');
          expect(without).toEqual(withRefs);
          const meeting = await ballotsIn(craftXlsx({ sheets: [{ name: '选票', sheetData: sheetDataOf(rows.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c, noRef: true })) }))) }] }), 'r.xlsx');
          expect(meeting.ballots).toHaveLength(ballots.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a shared string index out of range', async () => {
    const rows = [{ cells: [{ value: '0', kind: 'shared' as const }, { value: '1', kind: 'shared' as const }] }, { cells: [{ value: '1', kind: 'number' as const }, { value: '7', kind: 'shared' as const }] }];
    const bytes = craftXlsx({ sheets: [{ name: '选票', sheetData: sheetDataOf(rows) }], sharedStrings: ['票号', '张明'] });
    expect(refusal(await readGridFile(bytes, 'sst.xlsx'))[0]).toMatchObject({ sheet: '选票', row: 2, column: 'B', message: zh.gridFile.sharedStringOutOfRange('7', 2) });
  });

  it('broken XML and missing workbook parts', async () => {
    const parts = bookParts({ sheets: [{ name: '选票', sheetData: sheetDataOf(ballotRows(NAMES, marks(3))) }] });
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const broken = [
      (sheet.data as string).replace('</row>', '</rowx>'),
      (sheet.data as string).replace('<t>', '<t>&nbsp;'),
      (sheet.data as string).replace('<sheetData>', '<!DOCTYPE x [<!ENTITY a "b">]><sheetData>'),
      (sheet.data as string).slice(0, -20),
    ];
    for (const data of broken) {
      const problems = refusal(await readGridFile(zip(parts.map((p) => (p === sheet ? { ...p, data } : p))), 'xml.xlsx'));
      expectCleanMessage(problems, 'xml.xlsx');
    }
    for (const missing of ['xl/workbook.xml', 'xl/worksheets/sheet1.xml']) {
      const problems = refusal(await readGridFile(zip(parts.filter((p) => p.name !== missing)), 'part.xlsx'));
      expect(problems[0]!.message).toBe(zh.gridFile.missingPart(missing));
    }
  });

  it('random damage to the sheet XML is refused cleanly or read with the same count', async () => {
    const rows = ballotRows(NAMES, marks(10));
    const parts = bookParts({ sheets: [{ name: '选票', sheetData: sheetDataOf(rows) }] });
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const text = sheet.data as string;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: text.length - 1 }), fc.constantFrom('<', '>', '&', '"', '/', 'x', ''), async (at, put) => {
        const data = text.slice(0, at) + put + text.slice(at + 1);
        const result = await meetingFromGridFile(zip(parts.map((p) => (p === sheet ? { ...p, data } : p))), 'fuzz.xlsx', FORM, {}, DEFAULT_QUORUM);
        if (result.ok) {
          // Damage that still reads (a changed letter in a mark) is then refused or counted, never lost.
          expect(result.value.ballots.length).toBe(10);
        } else expectCleanMessage(result.errors, 'fuzz.xlsx');
      }),
      { numRuns: 150 },
    );
  });
});

describe('a number whose format shows other text', () => {
  const book = (code: string, value = '1') =>
    craftXlsx({
      sheets: [{ name: '选票', sheetData: sheetDataOf([{ cells: [{ value: '票号' }, { value: '张明' }] }, { cells: [{ value: '1', kind: 'number' }, { value, kind: 'number', style: 1 }] }]) }],
      numFmts: [{ id: 164, code }],
    });

  it('is refused as ambiguous, naming the cell and the format', async () => {
    for (const code of ['"不称职"', '[=1]"不称职";[=2]"称职";General', '0"票"', '\\优', 'General;General;General;"优秀"']) {
      const problems = refusal(await readGridFile(book(code), 'fmt.xlsx'));
      expect(problems[0]).toMatchObject({ sheet: '选票', row: 2, column: 'B', message: zh.gridFile.numberShownAsText('1', code) });
    }
  });

  it('ordinary number and date formats are read', async () => {
    for (const [code, value, text] of [
      ['0', '1', '1'],
      ['0.00', '2', '2'],
      ['#,##0;[Red]-#,##0', '3', '3'],
      ['yyyy"年"m"月"d"日"', '46000', '2025-12-09'],
      ['yyyy-mm-dd', '46000', '2025-12-09'],
    ] as const) {
      const read = await readGridFile(book(code, value), 'fmt.xlsx');
      if (!read.ok) throw new Error(formatImportProblems(read.errors));
      expect(read.value.rows[1]!.cells[1]).toBe(text);
    }
  });
});

describe('caps are checked while reading', () => {
  it('a zip bomb built by deflating zeros stops at the cap, whether its recorded size is honest or not', async () => {
    // 64 MB of zeros deflate to about 64 KB, written in pieces so the test never holds them.
    const zeros = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
    const parts = bookParts({ sheets: [{ name: '选票', sheetData: '' }] });
    const bomb = (recorded: number) => zip(parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, deflated: zeros, uncompressedSize: recorded, crc: 0 } : p)));
    const limits = { inflatedBytes: 8 * 1024 * 1024 };
    const honest = refusal(await readGridFile(bomb(64 * 1024 * 1024), 'bomb.xlsx', { limits }));
    expect(honest[0]!.message).toBe(zh.gridFile.partTooLarge('xl/worksheets/sheet1.xml', 8));
    const lying = refusal(await readGridFile(bomb(1000), 'bomb.xlsx', { limits }));
    expectCleanMessage(lying, 'bomb.xlsx');
    // With the real caps: zeros are not XML, refused at the first byte, not after inflating it all.
    const t0 = performance.now();
    expectCleanMessage(refusal(await readGridFile(bomb(64 * 1024 * 1024), 'bomb.xlsx')), 'bomb.xlsx');
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a cell over 32,767 characters, as an inline or a shared string', async () => {
    const long = '优'.repeat(32_768);
    const inline = craftXlsx({ sheets: [{ name: '选票', sheetData: sheetDataOf([{ cells: [{ value: '票号' }, { value: long }] }]) }] });
    expect(refusal(await readGridFile(inline, 'long.xlsx'))[0]).toMatchObject({ row: 1, column: 'B', message: zh.gridFile.cellTooLong(32_767) });
    const shared = craftXlsx({ sheets: [{ name: '选票', sheetData: sheetDataOf([{ cells: [{ value: '0', kind: 'shared' }] }]) }], sharedStrings: [long] });
    expect(refusal(await readGridFile(shared, 'long.xlsx'))[0]!.message).toBe(zh.gridFile.cellTooLong(32_767));
    const csv = Buffer.from(`票号,张明\n1,${'优'.repeat(32_768)}\n`);
    expect(refusal(await readGridFile(csv, 'long.csv'))[0]).toMatchObject({ row: 2, column: 'B', message: zh.gridFile.cellTooLong(32_767) });
  });

  it('more than 16,384 columns, more than the rows or cells allowed', async () => {
    const wide = craftXlsx({ sheets: [{ name: '选票', sheetData: '<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>1</v></c></row>' }] });
    expect(refusal(await readGridFile(wide, 'wide.xlsx'))[0]).toMatchObject({ row: 1, message: zh.gridFile.tooManyColumns(16_384) });
    const tall = craftXlsx({ sheets: [{ name: '选票', sheetData: '<row r="1048577"><c><v>1</v></c></row>' }] });
    expect(refusal(await readGridFile(tall, 'tall.xlsx'))[0]!.message).toBe(zh.gridFile.tooManyRows(1_048_576));
    const many = craftXlsx({ sheets: [{ name: '选票', sheetData: sheetDataOf(ballotRows(NAMES, marks(40))) }] });
    expect(refusal(await readGridFile(many, 'many.xlsx', { limits: { cells: 100 } }))[0]!.message).toBe(zh.gridFile.tooManyCells(100));
    const wideCsv = Buffer.from(`${Array.from({ length: 16_385 }, () => 'a').join(',')}\n`);
    expect(refusal(await readGridFile(wideCsv, 'wide.csv'))[0]!.message).toBe(zh.gridFile.tooManyColumns(16_384));
  });

  it('a device like /dev/zero is stopped at the cap while reading; a file over the cap is refused before it is read', async () => {
    const cap = 4 * 1024 * 1024;
    const zero = await readCappedBytes('/dev/zero', 'zero.csv', cap);
    expect(zero).toMatchObject({ ok: false, errors: [{ reason: 'refused', problem: { source: 'zero.csv', message: zh.gridFile.tooLargeWhileReading(4) } }] });
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-grid-cap-'));
    const big = path.join(dir, 'big.xlsx');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 1536 * 1024 * 1024); // 1.5 GB, sparse: no disk, and never read
    closeSync(fd);
    const t0 = performance.now();
    const read = await readCappedBytes(big, 'big.xlsx');
    expect(read).toMatchObject({ ok: false, errors: [{ reason: 'refused', problem: { message: zh.import.tooLarge(50) } }] });
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('damaged and foreign files', () => {
  const good = craftXlsx({ sheets: [{ name: '选票', sheetData: sheetDataOf(ballotRows(NAMES, marks(6))) }] });

  it('a truncated zip, cut anywhere, is refused cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: good.length - 1 }), async (cut) => {
        expectCleanMessage(refusal(await readGridFile(good.subarray(0, cut), 'cut.xlsx')), 'cut.xlsx');
      }),
      { numRuns: 60 },
    );
  });

  it('a CRC that does not match the part', async () => {
    const parts = bookParts({ sheets: [{ name: '选票', sheetData: sheetDataOf(ballotRows(NAMES, marks(6))) }] });
    const damaged = zip(parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, crc: 12345 } : p)));
    expect(refusal(await readGridFile(damaged, 'crc.xlsx'))[0]!.message).toBe(zh.gridFile.crcMismatch('xl/worksheets/sheet1.xml'));
  });

  it('a password-protected xlsx, an old .xls and an .ods each get their own message', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const encrypted = Buffer.from(ole);
    Buffer.from('EncryptionInfo', 'utf16le').copy(encrypted, 1024);
    expect(refusal(await readGridFile(encrypted, '加密.xlsx'))[0]!.message).toBe(zh.gridFile.passwordProtected);
    expect(refusal(await readGridFile(ole, '旧版.xls'))[0]!.message).toBe(zh.import.legacyXls);
    const ods = zip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
      { name: 'content.xml', data: '<office:document-content/>' },
    ]);
    expect(refusal(await readGridFile(ods, '表格.ods'))[0]!.message).toBe(zh.gridFile.odsFile);
    expect(refusal(await readGridFile(ods, '改名.xlsx'))[0]!.message).toBe(zh.gridFile.odsFile);
  });

  it('a CSV with bad quotes is refused at its row, in Chinese', async () => {
    const unterminated = refusal(await readGridFile(Buffer.from('票号,张明\n1,优秀\n2,"优秀\n3,称职\n'), 'q.csv'));
    expect(unterminated[0]).toMatchObject({ row: 3, message: zh.gridFile.csvUnterminatedQuote });
    expectCleanMessage(unterminated, 'q.csv');
    const malformed = refusal(await readGridFile(Buffer.from('票号,张明\n1,"优秀"x\n'), 'q.csv'));
    expect(malformed[0]).toMatchObject({ row: 2, message: zh.gridFile.csvBadQuote });
  });

  it('Shift-JIS is refused; GBK Chinese is read', async () => {
    // 票号,田中 / 1,はい in Shift-JIS: GB18030 would decode it without complaint, as other characters.
    const shiftJis = Buffer.from([0x95, 0x5b, 0x8d, 0x86, 0x2c, 0x93, 0x63, 0x92, 0x86, 0x0a, 0x31, 0x2c, 0x82, 0xcd, 0x82, 0xa2, 0x0a]);
    expect(refusal(await readGridFile(shiftJis, 'sjis.csv'))[0]!.message).toBe(zh.gridFile.otherEncoding);
    // 票号,张明 / 1,优秀 in GBK.
    const gbk = Buffer.from([0xc6, 0xb1, 0xba, 0xc5, 0x2c, 0xd5, 0xc5, 0xc3, 0xf7, 0x0a, 0x31, 0x2c, 0xd3, 0xc5, 0xd0, 0xe3, 0x0a]);
    const read = await readGridFile(gbk, 'gbk.csv');
    if (!read.ok) throw new Error(formatImportProblems(read.errors));
    expect(read.value.rows.map((r) => r.cells)).toEqual([
      ['票号', '张明'],
      ['1', '优秀'],
    ]);
  });
});
