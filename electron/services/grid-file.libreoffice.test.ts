/**
 * Crafted xlsx files read by the grid reader and by LibreOffice (`soffice --headless --convert-to
 * csv`, when it is installed): every cell the same text in the same row and column. The crafted
 * shapes are the ones a reader can get wrong without a refusal: cells and rows without the optional
 * `r`, gaps in rows and columns, shared strings, inline strings with rich-text runs, numbers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatImportProblems } from '../../shared/domain/ballot-grid';
import { craftXlsx } from '../../tests/support/craft-xlsx';
import { readGridFile } from './grid-file';

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
const work = mkdtempSync(path.join(tmpdir(), 'tally-grid-lo-'));
const profile = pathToFileURL(path.join(work, 'profile')).href;

/** Row number → cell texts, trailing empty cells dropped, empty rows left out. */
type Shown = Record<number, string[]>;

function trimmed(cells: readonly (string | null)[]): string[] {
  const texts = cells.map((c) => c ?? '');
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts;
}

function libreOfficeShows(bytes: Uint8Array, name: string): Shown {
  const file = path.join(work, `${name}.xlsx`);
  writeFileSync(file, bytes);
  // Filter options: comma, double quote, UTF-8 (76), from line 1.
  execFileSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', work, file], { stdio: 'ignore', timeout: 15_000 });
  const rows = Papa.parse<string[]>(readFileSync(path.join(work, `${name}.csv`), 'utf8'), { skipEmptyLines: false }).data;
  const shown: Shown = {};
  rows.forEach((cells, i) => {
    const texts = trimmed(cells);
    if (texts.length > 0) shown[i + 1] = texts;
  });
  return shown;
}

async function readerShows(bytes: Uint8Array, name: string): Promise<Shown> {
  const read = await readGridFile(bytes, `${name}.xlsx`);
  if (!read.ok) throw new Error(formatImportProblems(read.errors));
  const shown: Shown = {};
  for (const row of read.value.rows) {
    const texts = trimmed(row.cells);
    if (texts.length > 0) shown[row.rowNumber] = texts;
  }
  return shown;
}

const BOOKS: Record<string, string> = {
  // No r on any row or cell: read in order.
  'no-refs': '<row><c t="inlineStr"><is><t>票号</t></is></c><c t="inlineStr"><is><t>张明</t></is></c><c t="inlineStr"><is><t>王芳</t></is></c></row><row><c><v>1</v></c><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row><c><v>2</v></c><c/><c t="s"><v>2</v></c></row>',
  // Gaps: a row missing, a column skipped, then cells without r after one with it.
  gaps: '<row r="1"><c r="A1" t="inlineStr"><is><t>票号</t></is></c><c r="C1" t="inlineStr"><is><t>张明</t></is></c><c t="inlineStr"><is><t>王芳</t></is></c></row><row r="3"><c r="A3"><v>1</v></c><c r="C3" t="s"><v>0</v></c><c t="s"><v>3</v></c></row><row><c><v>2</v></c><c r="D4" t="s"><v>1</v></c></row>',
  // Rich-text runs in inline and shared strings, numbers with fractions.
  runs: '<row r="1"><c r="A1" t="inlineStr"><is><r><t>票</t></r><r><t xml:space="preserve">号</t></r></is></c><c r="B1" t="s"><v>4</v></c></row><row r="2"><c r="A2"><v>1.5</v></c><c r="B2" t="s"><v>2</v></c></row>',
};
const SHARED = ['优秀', '称职', '基本称职', '不称职', '张 明'];

describe.skipIf(!soffice)('read as LibreOffice shows it', () => {
  for (const [name, sheetData] of Object.entries(BOOKS)) {
    it(`${name}: every cell the same`, { timeout: 20_000 }, async () => {
      const bytes = craftXlsx({ sheets: [{ name: '选票', sheetData }], sharedStrings: SHARED });
      const ours = await readerShows(bytes, name);
      expect(Object.keys(ours).length).toBeGreaterThan(1);
      expect(ours).toEqual(libreOfficeShows(bytes, name));
    });
  }
});
