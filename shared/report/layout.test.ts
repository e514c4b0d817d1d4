/**
 * The layout's promises, on generated sheets of any size (fast-check): every page within A4 and
 * its text at 10.5 pt or more; a table's heading rows above its rows on every page it continues
 * on, and never on a page without them; a person's rows and the signature lines never apart from
 * the rows before them; no column wider than the page; numbers never wrapped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GridRow, LayoutWords } from './layout';
import { lineCount, layoutSheet, printableArea, textEm } from './layout';
import type { ReportColumn, ReportSheet } from './model';

const words: LayoutWords = { sign: (r) => `${r}（签名）：`, date: '日期：____年__月__日', seal: '（盖章）', continued: (c, p, n) => `${c}（续 ${p}/${n}）` };
const NAMES = ['王明', '欧阳明华', '李𠀾', '张三丰', '司马文静', '刘芳', '陈建国强'];

function sheetOf(rows: number, rates: number, signatures: boolean): ReportSheet {
  const columns: ReportColumn[] = [
    { header: '序号', kind: 'index' },
    { header: '姓名', kind: 'name' },
    { header: '票数', group: '优秀', kind: 'count' },
    { header: '占比', group: '优秀', kind: 'rate' },
    ...Array.from({ length: rates }, (_, i): ReportColumn => ({ header: `比率${i + 1}以上率`, kind: 'rate' })),
    { header: '标注', kind: 'flags' },
  ];
  return {
    name: 's',
    mode: 'document',
    title: '民主测评结果汇总表',
    heading: ['单位：大同镇红星村　　会议：民主测评大会'],
    blocks: [
      { kind: 'fields', fields: ['应到人数', '实到人数', '发出票数', '收回票数', '录入票数', '有效票', '无效票', '结果状态'].map((label, i) => ({ label, value: 60 - i })) },
      {
        kind: 'table',
        columns,
        rows: Array.from({ length: rows }, (_, r) => ({
          cells: [r + 1, NAMES[r % NAMES.length]!, 12, { value: 0.2, display: '20.00%' }, ...Array.from({ length: rates }, () => ({ value: 0.6667, display: '66.67%' })), r % 3 === 0 ? '提示：称职以上率 52.54%，低于 2/3' : ''],
        })),
        keyColumns: 2,
      },
      { kind: 'text', text: '本次会议应到 66 人，实到 60 人；发出选票 60 张，收回 60 张，本次计票结果有效。' },
      ...(signatures ? [{ kind: 'signatures' as const, roles: ['唱票人', '计票人', '监票人', '监票人', '考察组组长'], date: true }] : []),
    ],
    keepWithLastRowsFrom: signatures ? 2 : undefined,
  };
}

const isHeader = (row: GridRow) => row.header === true;
const hasDataRow = (page: GridRow[]) => page.some((r) => !r.header && r.cells.some((c) => c.role === 'td'));

describe('the layout', () => {
  it('keeps its promises for tables of 1 to 120 rows and 0 to 24 rate columns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 24 }), fc.boolean(), (rows, rates, signatures) => {
        const laid = layoutSheet(sheetOf(rows, rates, signatures), words);
        const area = printableArea(laid.orientation);
        expect(laid.columns.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(area.width + 0.5);
        expect(laid.fontPt).toBeGreaterThanOrEqual(10.5);
        let dataRows = 0;
        laid.pages.forEach((page, p) => {
          expect(page.reduce((s, r) => s + r.height, 0)).toBeLessThanOrEqual(area.height + 0.5);
          for (const row of page) for (const cell of row.cells) expect(cell.fontPt).toBeGreaterThanOrEqual(10);
          // A continuing page starts with the heading rows; a heading never stands without rows under it.
          if (page.some(isHeader)) expect(hasDataRow(page)).toBe(true);
          // (A part of a table printed in parts opens with its caption, then its heading.)
          const first = page.find((r) => !r.cells.every((c) => c.role === 'caption'))!;
          if (p > 0 && hasDataRow(page) && !page.some((r) => r.cells.some((c) => c.role === 'title'))) expect(isHeader(first)).toBe(true);
          // The signature lines share their page with result rows.
          if (page.some((r) => r.cells.some((c) => c.role === 'signature'))) expect(hasDataRow(page)).toBe(true);
          dataRows += page.filter((r) => !r.header && r.cells.some((c) => c.role === 'td' && c.column === 1)).length;
        });
        // Every row printed, once (fields rows excepted: they hold no name).
        expect(dataRows).toBeGreaterThanOrEqual(rows);
        // Numbers keep their width: a number cell never needs two lines.
        for (const page of laid.pages) {
          for (const row of page) {
            for (const cell of row.cells) {
              if (cell.role !== 'td' || typeof cell.value !== 'number') continue;
              const width = laid.columns.slice(cell.column, cell.column + cell.span).reduce((s, w) => s + w, 0);
              expect(textEm(cell.display) * cell.fontPt).toBeLessThanOrEqual(width);
            }
          }
        }
      }),
      { numRuns: 60, seed: 12 },
    );
  });

  it('prints a table too wide for any page in parts, key columns repeated, rather than shrink it', () => {
    const laid = layoutSheet(sheetOf(10, 60, false), words);
    const names = laid.pages.flat().filter((r) => r.header).flatMap((r) => r.cells.map((c) => c.display));
    // Every rate heading is there, and 姓名 heads every part.
    for (let i = 1; i <= 60; i++) expect(names).toContain(`比率${i}以上率`);
    expect(names.filter((n) => n === '姓名').length).toBeGreaterThan(1);
    expect(laid.fontPt).toBe(10.5);
  });

  it('counts lines as the spreadsheets wrap: Chinese anywhere, a Latin run whole', () => {
    expect(lineCount('提示：称职以上率', 8 * 11, 11)).toBe(1);
    expect(lineCount('提示：称职以上率', 7 * 11, 11)).toBe(2);
    expect(lineCount('第一行\n第二行', 100, 11)).toBe(2);
    expect(lineCount('sha256:3cacb793bbfc3189d32c541e27abf039', 100, 10)).toBeGreaterThan(2);
  });
});
